"""The supervision plan (督办工作方案) of a key suggestion: the service's checks (Chinese refusals), the page's
action and the API step, the plan and its deadline on the suggestion's page, and what unmarking clears."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.npc.models import Suggestion
from qinglian.npc.selectors.suggestion_detail import deadline_rows, load_suggestion, suggestion_timeline
from qinglian.npc.services import suggestions as svc
from qinglian.npc.tests.factories import SuggestionFactory

D = dt.date


@pytest.fixture
def clerk(desks, cadre_same_unit):
    """A person of the suggestions desk (unit A)."""
    return cadre_same_unit


@pytest.fixture
def key(org, desks, clerk, leader):
    s = SuggestionFactory(organ=org.organ, number="第0031号", title="关于建设城东污水处理厂的建议")
    svc.suggestion_mark_key(
        suggestion=s, is_key=True, by=clerk, committee=org.unit_b, leader=leader.person, decided_on=D(2026, 3, 10)
    )
    return s


def _act(client, s, action, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(reverse("npc_suggestion_action", args=[s.pk, action]), data)


# --- the service --------------------------------------------------------------------------------------------


def test_the_plan_is_recorded_and_a_second_one_replaces_it(key, clerk):
    svc.supervision_plan_record(suggestion=key, plan_on=D(2026, 3, 25), summary="走访座谈、专题调研", by=clerk)
    svc.supervision_plan_record(suggestion=key, plan_on=D(2026, 3, 30), summary="修订：增加跟踪督办", by=clerk)
    s = Suggestion.objects.get(pk=key.pk)
    assert (s.supervision_plan_on, s.supervision_plan) == (D(2026, 3, 30), "修订：增加跟踪督办")
    assert s.history.count() == 4  # created, marked key, two plans


@pytest.mark.parametrize(
    ("plan_on", "summary", "refusal"),
    [
        (D(2026, 3, 9), "方案", "督办工作方案日期不能早于确定重点督办日期（2026-03-10）"),
        (D(2027, 1, 4), "方案", "督办工作方案日期不能晚于今天"),
        (D(2026, 3, 20), "  ", "请填写督办工作方案要点"),
    ],
)
def test_the_plan_is_refused_in_chinese(key, clerk, plan_on, summary, refusal):
    with pytest.raises(InvalidInput, match=refusal):
        svc.supervision_plan_record(suggestion=key, plan_on=plan_on, summary=summary, by=clerk)
    assert Suggestion.objects.get(pk=key.pk).supervision_plan_on is None


def test_a_suggestion_not_key_has_no_plan_and_only_the_desk_records_one(org, desks, key, clerk, leader):
    plain = SuggestionFactory(organ=org.organ)
    with pytest.raises(Conflict, match="该建议未列为重点督办"):
        svc.supervision_plan_record(suggestion=plain, plan_on=D(2026, 3, 20), summary="方案", by=clerk)
    with pytest.raises(Forbidden):
        svc.supervision_plan_record(suggestion=key, plan_on=D(2026, 3, 20), summary="方案", by=leader)


def test_the_decision_date_is_checked_and_unmarking_clears_the_decision_and_the_plan(org, key, clerk, leader):
    with pytest.raises(InvalidInput, match="确定重点督办日期不能早于收到日期"):
        svc.suggestion_mark_key(
            suggestion=key, is_key=True, by=clerk, committee=org.unit_b, leader=leader.person, decided_on=D(2026, 1, 2)
        )
    svc.supervision_plan_record(suggestion=key, plan_on=D(2026, 3, 25), summary="方案", by=clerk)
    with pytest.raises(InvalidInput, match="确定重点督办日期不能晚于已登记的督办工作方案日期"):
        svc.suggestion_mark_key(
            suggestion=key, is_key=True, by=clerk, committee=org.unit_b, leader=leader.person, decided_on=D(2026, 4, 1)
        )
    svc.suggestion_mark_key(suggestion=key, is_key=True, by=clerk, committee=org.unit_a, leader=leader.person)
    assert Suggestion.objects.get(pk=key.pk).key_decided_on == D(2026, 3, 10)  # left out: kept
    svc.suggestion_mark_key(suggestion=key, is_key=False, by=clerk)
    s = Suggestion.objects.get(pk=key.pk)
    assert (s.is_key, s.key_decided_on, s.supervision_plan_on, s.supervision_plan) == (False, None, None, "")


# --- the page -----------------------------------------------------------------------------------------------


def test_the_desk_records_the_plan_on_the_page_and_the_page_shows_it(client, key, clerk):
    client.force_login(clerk)
    page = client.get(reverse("npc_suggestion", args=[key.pk])).content.decode()
    assert 'data-testid="action-plan"' in page and "尚未登记" in page
    refused = _act(client, key, "plan", plan_on="2026-03-01", summary="方案")
    assert refused.status_code == 400 and "督办工作方案日期不能早于确定重点督办日期" in refused.content.decode()
    done = _act(client, key, "plan", plan_on="2026-03-24", summary="分管副主任带队走访，9月底前专题调研")
    assert done.status_code == 302
    page = client.get(reverse("npc_suggestion", args=[key.pk])).content.decode()
    assert "2026-03-24：分管副主任带队走访" in page and "2026-03-10主任会议确定" in page


def test_the_plan_action_is_offered_for_key_suggestions_only(client, org, desks, clerk):
    client.force_login(clerk)
    plain = SuggestionFactory(organ=org.organ)
    assert 'data-testid="action-plan"' not in client.get(reverse("npc_suggestion", args=[plain.pk])).content.decode()
    assert _act(client, plain, "plan", plan_on="2026-03-24", summary="方案").status_code == 400


def test_a_reader_may_not_record_a_plan(client, key, leader):
    client.force_login(leader)
    assert _act(client, key, "plan", plan_on="2026-03-24", summary="方案").status_code == 403
    assert Suggestion.objects.get(pk=key.pk).supervision_plan_on is None


def test_mark_key_takes_the_chairpersons_meetings_date(client, org, desks, clerk, leader):
    s = SuggestionFactory(organ=org.organ)
    client.force_login(clerk)
    fields = {"is_key": "1", "committee": org.unit_b.pk, "leader": leader.person_id, "decided_on": "2026-03-12"}
    assert _act(client, s, "mark_key", **fields).status_code == 302
    assert Suggestion.objects.get(pk=s.pk).key_decided_on == D(2026, 3, 12)


def test_the_plan_has_a_deadline_row_and_timeline_events(key, clerk):
    s = load_suggestion(clerk, key.pk)
    [row] = [r for r in deadline_rows(s, today=D(2026, 4, 7)) if r.label.startswith("督办工作方案")]
    assert (row.due, row.state) == (D(2026, 4, 10), "near")  # a month from 3-10 (NPC-012)
    svc.supervision_plan_record(suggestion=key, plan_on=D(2026, 3, 24), summary="方案", by=clerk)
    s = load_suggestion(clerk, key.pk)
    [row] = [r for r in deadline_rows(s, today=D(2026, 4, 7)) if r.label.startswith("督办工作方案")]
    assert row.state == "done"
    stages = [e.stage for e in suggestion_timeline(s)]
    assert stages == ["received", "key", "plan"]


# --- the API ------------------------------------------------------------------------------------------------


def test_the_api_records_the_plan_and_the_decision(org, desks, clerk, leader):
    s = SuggestionFactory(organ=org.organ)
    api = Client()
    api.force_login(clerk)

    def post(url, body):
        return api.post(url, data=json.dumps(body), content_type="application/json")

    body = {"is_key": True, "committee_id": org.unit_b.pk, "leader_id": leader.person_id}
    body["key_decided_on"] = "2026-03-10"
    marked = post(f"/api/npc/suggestions/{s.pk}/key", body).json()
    assert marked["key_decided_on"] == "2026-03-10" and marked["supervision_plan_on"] is None
    url = f"/api/npc/suggestions/{s.pk}/supervision-plan"
    refused = post(url, {"plan_on": "2026-03-01", "summary": "方案"})
    assert refused.status_code == 400 and "不能早于确定重点督办日期" in refused.json()["message"]
    done = post(url, {"plan_on": "2026-03-24", "summary": "走访座谈"})
    assert done.status_code == 200, done.content.decode()
    assert (done.json()["supervision_plan_on"], done.json()["supervision_plan"]) == ("2026-03-24", "走访座谈")
    reader = Client()
    reader.force_login(leader)
    forbidden = reader.post(url, data=json.dumps({"summary": "方案"}), content_type="application/json")
    assert forbidden.status_code == 403
