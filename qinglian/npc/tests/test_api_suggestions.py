"""The suggestions part of the npc API (/api/npc/suggestions…, /assignments…, /replies…, /units/stats):
a suggestion from registration to the deputy's satisfaction through the API, its deadlines across a holiday,
visibility per persona, refused writes that change nothing, and the handling figures per unit."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PERSONAS
from qinglian.core import workdays
from qinglian.npc.choices import HandlingRole, SuggestionStatus
from qinglian.npc.models import Assignment, Suggestion
from qinglian.npc.tests.factories import AssignmentFactory, DeputyFactory, SessionFactory, SuggestionFactory
from qinglian.org.tests.factories import OrganFactory

D = dt.date
BUSINESS = {"party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor"}
DESK = {"party_officer", "unit_head", "cadre_same_unit"}  # people of unit A, the suggestions desk (conftest)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: Any = None):
    return client.post(url, data=json.dumps(data if data is not None else {}), content_type="application/json")


def _ok(response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    return response.json()


def _assert_error(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    return body


@pytest.fixture
def everyone(request, org) -> dict[str, Any]:
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def deputies(org):
    return [
        DeputyFactory(organ=org.organ, name="张建国", phone="13900000001"),
        DeputyFactory(organ=org.organ, name="李秀英"),
        DeputyFactory(organ=org.organ, name="王志强"),
    ]


def _register(client: Client, deputies, **extra: Any) -> dict[str, Any]:
    body = {
        "number": "第0001号",
        "lead_deputy_id": deputies[0].pk,
        "co_signer_ids": [deputies[1].pk, deputies[2].pk],
        "title": "关于加快老旧小区加装电梯的建议",
        "content": "建议简化审批、加大补助。",
        "category": "urban_rural",
        "received_on": "2026-07-01",
        **extra,
    }
    return _ok(_post(client, "/api/npc/suggestions", body), 201)


# --- the whole handling through the API --------------------------------------------------------


def test_a_suggestion_from_registration_to_satisfaction(desks, bureau, bureau2, deputies, cadre_same_unit):
    desk = _as(cadre_same_unit)
    created = _register(desk, deputies)
    sid = created["id"]
    assert (created["status"], created["year"], created["session"]) == ("registered", 2026, None)
    assert [d["name"] for d in created["co_signers"]] == ["李秀英", "王志强"]
    # Between sessions: the deputy is notified within 7 days of receipt (NPC-006): 07-01 + 7 = 07-08.
    assert [(r["label"], r["due"]) for r in created["deadlines"]] == [("通知代表受理（闭会期间）", "2026-07-08")]

    body = {"lead_unit_id": bureau.pk, "co_unit_ids": [bureau2.pk], "assigned_on": "2026-07-07"}
    assigned = _ok(_post(desk, f"/api/npc/suggestions/{sid}/assign", body))
    assert assigned["status"] == "assigned" and assigned["lead_unit"]["name"] == "市住房和城乡建设局"
    assert [u["name"] for u in assigned["co_units"]] == ["市自然资源和规划局"]
    lead, co = assigned["assignments"]
    assert (lead["role"], co["role"], co["role_label"]) == ("lead", "co", "协办")
    assert assigned["reply_due"] == "2026-10-08"

    received = _ok(_post(desk, f"/api/npc/assignments/{lead['id']}/receive", {"received_on": "2026-07-09"}))
    assert received["status"] == "handling" and received["assignments"][0]["received_on"] == "2026-07-09"
    opinion = {"opinion_on": "2026-08-20", "opinion": "同意纳入年度规划。"}
    with_opinion = _ok(_post(desk, f"/api/npc/assignments/{co['id']}/co-opinion", opinion))
    assert with_opinion["assignments"][1]["co_opinion_on"] == "2026-08-20"
    notified = _ok(_post(desk, f"/api/npc/suggestions/{sid}/notify-deputy", {"notified_on": "2026-07-08"}))
    assert notified["deputy_notified_on"] == "2026-07-08"
    contact = {"date": "2026-09-10", "way": "face", "note": "到现场面商"}
    contacted = _ok(_post(desk, f"/api/npc/suggestions/{sid}/contacts", contact), 201)
    assert [(c["way_label"], c["with_whom"], c["unit"]["id"]) for c in contacted["contacts"]] == [
        ("面商", "张建国", bureau.pk)
    ]

    reply = {"document_no": "建函〔2026〕15号", "date": "2026-09-30", "result": "solving", "summary": "已列入改造"}
    replied = _ok(_post(desk, f"/api/npc/suggestions/{sid}/replies", reply), 201)
    assert (replied["status"], replied["replied_on"], replied["days_left"], replied["overdue"]) == (
        "replied",
        "2026-09-30",
        None,
        False,
    )
    first = replied["replies"][0]
    unhappy = {"recorded_on": "2026-10-10", "level": "dissatisfied", "opinion": "进度太慢"}
    reopened = _ok(_post(desk, f"/api/npc/replies/{first['id']}/satisfaction", unhappy), 201)
    assert reopened["status"] == "re_handling" and reopened["satisfaction"] == "dissatisfied"
    rereply_due = workdays.add_months(D(2026, 10, 10), 1)
    assert ("重新答复（代表不满意）", rereply_due.isoformat()) in [
        (r["label"], r["due"]) for r in reopened["deadlines"]
    ]

    again = {"date": "2026-11-02", "result": "solved", "summary": "已开工"}
    rereplied = _ok(_post(desk, f"/api/npc/suggestions/{sid}/replies", again), 201)
    second = rereplied["replies"][1]
    assert (second["is_rereply"], second["replaces_id"], rereplied["latest_result"]) == (True, first["id"], "solved")
    happy = {"recorded_on": "2026-11-10", "level": "satisfied"}
    closed = _ok(_post(desk, f"/api/npc/replies/{second['id']}/satisfaction", happy), 201)
    assert (closed["status"], closed["status_label"], closed["satisfaction_label"]) == ("closed", "已办结", "满意")
    assert closed["replied_on"] == "2026-09-30"  # the first reply decides 按期答复

    stats = _ok(desk.get("/api/npc/units/stats", {"year": 2026}))
    assert [u["unit_name"] for u in stats["units"]] == ["市住房和城乡建设局"]
    unit = stats["units"][0]
    assert (unit["total"], unit["replied"], unit["on_time"], unit["solved"], unit["satisfied"]) == (1, 1, 1, 1, 1)
    assert (unit["on_time_rate"], unit["solved_rate"], unit["satisfaction_rate"]) == (100.0, 100.0, 100.0)


def test_reply_deadline_across_the_national_day_holiday(desks, bureau, cadre_same_unit):
    """Assigned 2026-07-07: three months later is 10-07, in the National Day holiday, so the reply is due 10-08."""
    suggestion = SuggestionFactory(organ=bureau.organ, status=SuggestionStatus.ASSIGNED, assigned_on=D(2026, 7, 7))
    AssignmentFactory(suggestion=suggestion, unit=bureau, assigned_on=D(2026, 7, 7))
    due = workdays.add_months(D(2026, 7, 7), 3)
    assert due == D(2026, 10, 8) and not workdays.is_working_day(D(2026, 10, 7))
    today = timezone.localdate()
    client = _as(cadre_same_unit)
    row = _ok(client.get("/api/npc/suggestions"))["items"][0]
    assert (row["reply_due"], row["replied_on"]) == ("2026-10-08", None)
    assert row["days_left"] == workdays.working_days_between(today, due)
    assert row["overdue"] is (today > due)
    detail = _ok(client.get(f"/api/npc/suggestions/{suggestion.pk}"))
    reply_row = next(r for r in detail["deadlines"] if r["label"].startswith("答复"))
    assert (reply_row["due"], reply_row["days_left"]) == ("2026-10-08", row["days_left"])
    assert reply_row["state"] == ("overdue" if today > due else reply_row["state"])
    overdue_ids = {s["id"] for s in _ok(client.get("/api/npc/suggestions", {"overdue": True}))["items"]}
    assert overdue_ids == ({suggestion.pk} if today > due else set())


def test_an_approved_extension_moves_the_deadline_to_six_months(desks, bureau, cadre_same_unit, unit_head, leader):
    suggestion = SuggestionFactory(organ=bureau.organ, status=SuggestionStatus.HANDLING, assigned_on=D(2026, 7, 7))
    AssignmentFactory(suggestion=suggestion, unit=bureau, assigned_on=D(2026, 7, 7))
    url = f"/api/npc/suggestions/{suggestion.pk}/extension"
    requested = _ok(_post(_as(cadre_same_unit), url, {"requested_on": "2026-08-01", "reason": "涉及多部门"}))
    assert requested["extension_requested_on"] == "2026-08-01" and requested["is_extended"] is False
    # The desk's cadre records the request but may not approve it; a leader (read-only elsewhere) may.
    _assert_error(_post(_as(cadre_same_unit), f"{url}/approve", {"approved_on": "2026-08-03"}), 403, "forbidden")
    approved = _ok(_post(_as(leader), f"{url}/approve", {"approved_on": "2026-08-03"}))
    assert approved["is_extended"] is True and approved["extension_approved_by"]
    assert approved["reply_due"] == workdays.add_months(D(2026, 7, 7), 6).isoformat() == "2027-01-07"
    _assert_error(_post(_as(unit_head), f"{url}/approve"), 409, "conflict")  # already approved


def test_key_supervision_with_committee_and_leader(desks, org, cadre_same_unit, leader):
    suggestion = SuggestionFactory(organ=org.organ)
    url = f"/api/npc/suggestions/{suggestion.pk}/key"
    _assert_error(_post(_as(cadre_same_unit), url, {"is_key": True, "committee_id": org.unit_b.pk}), 400, "invalid")
    body = {"is_key": True, "committee_id": org.unit_b.pk, "leader_id": leader.person_id}
    marked = _ok(_post(_as(cadre_same_unit), url, body))
    assert marked["is_key"] is True
    assert (marked["supervising_committee"]["name"], marked["supervising_leader"]["id"]) == ("研究室", leader.person_id)
    keys = _ok(_as(leader).get("/api/npc/suggestions", {"is_key": True}))
    assert [s["id"] for s in keys["items"]] == [suggestion.pk]


def test_a_return_accepted_sends_the_suggestion_back_for_reassignment(desks, bureau, bureau2, cadre_same_unit):
    suggestion = SuggestionFactory(organ=bureau.organ, status=SuggestionStatus.ASSIGNED, assigned_on=D(2026, 7, 7))
    lead = AssignmentFactory(suggestion=suggestion, unit=bureau, assigned_on=D(2026, 7, 7))
    desk = _as(cadre_same_unit)
    body = {"returned_on": "2026-07-10", "reason": "不属于本单位职责", "accepted": True}
    returned = _ok(_post(desk, f"/api/npc/assignments/{lead.pk}/return", body))
    assert returned["status"] == "registered" and returned["lead_unit"] is None
    again = {"lead_unit_id": bureau2.pk, "assigned_on": "2026-07-15"}
    reassigned = _ok(_post(desk, f"/api/npc/suggestions/{suggestion.pk}/assign", again))
    # The new lead counts its own three months: 07-15 + 3 months = 10-15.
    assert (reassigned["lead_unit"]["id"], reassigned["reply_due"]) == (bureau2.pk, "2026-10-15")
    assert [a["is_active"] for a in reassigned["assignments"]] == [True, False]


# --- visibility ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PERSONAS)
def test_every_persona_sees_what_visible_to_gives(desks, everyone, name):
    mine = SuggestionFactory(organ=desks.organ)
    SuggestionFactory()  # another organ's
    user = everyone[name]
    listed = _ok(_as(user).get("/api/npc/suggestions"))
    expected = set(Suggestion.objects.visible_to(user).values_list("pk", flat=True))
    assert {s["id"] for s in listed["items"]} == expected and listed["count"] == len(expected)
    assert expected == ({mine.pk} if name in BUSINESS else set())
    detail = _as(user).get(f"/api/npc/suggestions/{mine.pk}")
    if name in BUSINESS:
        assert _ok(detail)["number"] == mine.number
    else:
        _assert_error(detail, 404, "not_found")


def test_another_organs_suggestion_is_404_for_reading_and_writing(desks, cadre_same_unit):
    other = SuggestionFactory(organ=OrganFactory(code="other", name="另一机关"))
    client = _as(cadre_same_unit)
    _assert_error(client.get(f"/api/npc/suggestions/{other.pk}"), 404, "not_found")
    _assert_error(_post(client, f"/api/npc/suggestions/{other.pk}/notify-deputy"), 404, "not_found")
    lead = AssignmentFactory(suggestion=other)
    _assert_error(_post(client, f"/api/npc/assignments/{lead.pk}/receive"), 404, "not_found")


def test_filters_of_the_list(desks, bureau, bureau2, cadre_other_unit):
    session = SessionFactory(organ=desks.organ)
    a = SuggestionFactory(organ=desks.organ, session=session, category="economy", status=SuggestionStatus.ASSIGNED)
    AssignmentFactory(suggestion=a, unit=bureau)
    b = SuggestionFactory(organ=desks.organ, session=None, year=2025, received_on=D(2025, 9, 1))
    AssignmentFactory(suggestion=b, unit=bureau2, role=HandlingRole.CO)
    client = _as(cadre_other_unit)

    def ids(**params: Any) -> list[int]:
        return [s["id"] for s in _ok(client.get("/api/npc/suggestions", params))["items"]]

    assert ids() == [a.pk, b.pk]  # newest year first
    assert ids(year=2025) == [b.pk] and ids(session_id=session.pk) == [a.pk]
    assert ids(unit_id=bureau2.pk) == [b.pk] and ids(category="economy") == [a.pk]
    assert ids(status="assigned") == [a.pk]
    _assert_error(client.get("/api/npc/suggestions", {"status": "nonsense"}), 422, "invalid")
    _assert_error(client.get("/api/npc/suggestions", {"page_size": 500}), 422, "invalid")


# --- refused writes change nothing ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["leader", "supervisor", "cadre_other_unit"])
def test_readers_outside_the_desk_are_refused_and_nothing_changes(desks, bureau, deputies, everyone, name):
    suggestion = SuggestionFactory(organ=desks.organ, lead_deputy=deputies[0])
    client = _as(everyone[name])
    before = Suggestion.objects.count()
    body = {"number": "第0099号", "lead_deputy_id": deputies[0].pk, "title": "标题", "category": "other"}
    _assert_error(_post(client, "/api/npc/suggestions", {**body, "received_on": "2026-07-01"}), 403, "forbidden")
    put = client.put(
        f"/api/npc/suggestions/{suggestion.pk}",
        data=json.dumps({**body, "received_on": "2026-01-15"}),
        content_type="application/json",
    )
    _assert_error(put, 403, "forbidden")
    assign = {"lead_unit_id": bureau.pk, "assigned_on": "2026-07-07"}
    refused = _assert_error(_post(client, f"/api/npc/suggestions/{suggestion.pk}/assign", assign), 403, "forbidden")
    read_only = name == "supervisor"  # the stationed group writes nothing at all (#13), before the desk check
    expected = "派驻纪检监察组账号只能查阅" if read_only else "只有建议办理台账的负责委室可以修改代表建议"
    assert refused["message"].startswith(expected)
    suggestion.refresh_from_db()
    assert Suggestion.objects.count() == before
    assert (suggestion.status, suggestion.title, suggestion.assigned_on) == ("registered", suggestion.title, None)
    assert not Assignment.objects.filter(suggestion=suggestion).exists()


def test_administrators_get_404_on_writes_and_empty_figures(desks, sysadmin):
    suggestion = SuggestionFactory(organ=desks.organ)
    client = _as(sysadmin)
    _assert_error(_post(client, f"/api/npc/suggestions/{suggestion.pk}/key", {"is_key": False}), 404, "not_found")
    assert _ok(client.get("/api/npc/units/stats", {"year": 2026})) == {"year": 2026, "units": [], "total": None}


def test_bad_payloads_are_422_400_and_409(desks, bureau, deputies, cadre_same_unit):
    client = _as(cadre_same_unit)
    created = _register(client, deputies)
    bad_choice = _post(client, "/api/npc/suggestions", {"number": "x", "category": "nonsense"})
    _assert_error(bad_choice, 422, "invalid")
    body = {
        "number": "第0002号",
        "lead_deputy_id": 999999,
        "title": "标题",
        "category": "other",
        "received_on": "2026-07-01",
    }
    refused = _assert_error(_post(client, "/api/npc/suggestions", body), 400, "invalid")
    assert "lead_deputy_id" in refused["detail"]
    duplicate = {**body, "number": "第0001号", "lead_deputy_id": deputies[0].pk}
    _assert_error(_post(client, "/api/npc/suggestions", duplicate), 409, "conflict")
    future = {**body, "lead_deputy_id": deputies[0].pk, "received_on": "2099-01-01"}
    assert "晚于今天" in _assert_error(_post(client, "/api/npc/suggestions", future), 400, "invalid")["message"]
    sid = created["id"]
    assign = {"lead_unit_id": bureau.pk, "co_unit_ids": [bureau.pk], "assigned_on": "2026-07-07"}
    _assert_error(_post(client, f"/api/npc/suggestions/{sid}/assign", assign), 400, "invalid")
    internal = {"lead_unit_id": desks.unit_b.pk, "assigned_on": "2026-07-07"}  # not an external unit
    assert (
        "lead_unit_id"
        in _assert_error(_post(client, f"/api/npc/suggestions/{sid}/assign", internal), 400, "invalid")["detail"]
    )
    _assert_error(_post(client, f"/api/npc/suggestions/{sid}/replies", {"result": "solved"}), 400, "invalid")
    _ok(_post(client, f"/api/npc/suggestions/{sid}/assign", {"lead_unit_id": bureau.pk, "assigned_on": "2026-07-07"}))
    again = {"lead_unit_id": bureau.pk, "assigned_on": "2026-07-08"}
    _assert_error(_post(client, f"/api/npc/suggestions/{sid}/assign", again), 409, "conflict")


def test_put_replaces_the_registration(desks, deputies, cadre_same_unit):
    client = _as(cadre_same_unit)
    created = _register(client, deputies)
    body = {
        "number": "第0001号",
        "lead_deputy_id": deputies[1].pk,
        "co_signer_ids": [],
        "title": "关于加装电梯的建议（修改）",
        "category": "livelihood",
        "received_on": "2026-07-02",
    }
    response = client.put(
        f"/api/npc/suggestions/{created['id']}", data=json.dumps(body), content_type="application/json"
    )
    changed = _ok(response)
    assert (changed["lead_deputy"]["name"], changed["co_signers"], changed["category_label"]) == (
        "李秀英",
        [],
        "民生保障",
    )
    assert changed["received_on"] == "2026-07-02"


def test_the_list_does_not_query_per_row(desks, bureau, cadre_same_unit, django_assert_max_num_queries):
    for n in range(12):
        suggestion = SuggestionFactory(organ=desks.organ, number=f"第{n + 1:04d}号", status=SuggestionStatus.ASSIGNED)
        AssignmentFactory(suggestion=suggestion, unit=bureau)
    client = _as(cadre_same_unit)
    with django_assert_max_num_queries(20):
        body = _ok(client.get("/api/npc/suggestions"))
    assert body["count"] == 12 and all(row["reply_due"] == "2026-04-20" for row in body["items"])
