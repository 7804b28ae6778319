"""一会一报 pages and API: the list with its filters and print, the month calendar (grid and phone list, previous and
next month), the detail with its chain and lead time, filing, a step's decision, held and cancelled through the
pages; the API's list, filing, decision and its 4xx refusals; the menu entry and the to-dos."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from qinglian.compliance.todos import SOURCES
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.ideology.choices import ForumStatus, ForumStep
from qinglian.ideology.models import Forum, ForumApproval
from qinglian.ideology.nav.forums import reads_forums
from qinglian.ideology.services import forums as svc
from qinglian.ideology.tests.test_forums_services import TODAY, filed, new_forum

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with clock.replaying(moment(TODAY, 10)):
        yield


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_filters_prints_and_exports(chain):
    first = filed(chain)
    filed(chain, title="宪法宣传周报告会", kind="report_meeting", held_on=TODAY + dt.timedelta(days=40))
    client = _client(chain.party_officer)
    page = client.get(reverse("ideology_forum_list"))
    assert page.status_code == 200 and "合计 2 场" in page.content.decode()
    narrowed = client.get(reverse("ideology_forum_list"), {"kind": "report_meeting"}).content.decode()
    assert "宪法宣传周报告会" in narrowed and first.title not in narrowed
    month = client.get(reverse("ideology_forum_list"), {"year": 2026, "month": 3}).content.decode()
    assert first.title in month and "宪法宣传周报告会" not in month
    assert 'data-action="print"' in client.get(reverse("ideology_forum_list"), {"print": 1}).content.decode()
    export = client.get(reverse("ideology_forum_export"))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_cadre_sees_only_their_own_filings(chain, cadre_other_unit):
    filed(chain)
    page = _client(cadre_other_unit).get(reverse("ideology_forum_list")).content.decode()
    assert "合计 0 场" in page


def test_the_calendar_shows_the_month_with_status_colours_and_moves_between_months(chain):
    forum = filed(chain)
    svc.forum_decide(forum=forum, step=ForumStep.UNIT, decision="approve", by=chain.head)
    client = _client(chain.party_officer)
    page = client.get(reverse("ideology_forum_calendar"), {"year": 2026, "month": 3}).content.decode()
    assert "一会一报日历：2026年3月" in page
    assert f'data-day="{forum.held_on:%Y-%m-%d}"' in page and "text-bg-warning" in page
    assert page.count(forum.title) >= 2  # the grid and the phone's list
    assert "?year=2026&month=2" in page and "?year=2026&month=4" in page
    empty = client.get(reverse("ideology_forum_calendar"), {"year": 2026, "month": 4}).content.decode()
    assert forum.title not in empty and "本月没有活动" in empty
    december = client.get(reverse("ideology_forum_calendar"), {"year": 2025, "month": 12}).content.decode()
    assert "?year=2026&month=1" in december
    assert client.get(reverse("ideology_forum_calendar"), {"month": "x"}).status_code == 200


def test_filing_deciding_and_the_detail_through_the_pages(chain):
    drafter = _client(chain.drafter)
    form = drafter.get(reverse("ideology_forum_create"))
    assert form.status_code == 200
    data = {
        "kind": "lecture",
        "title": "习近平法治思想专题讲座",
        "topic": "学习贯彻习近平法治思想",
        "unit": chain.drafter.person.unit_id,
        "host_role": "host",
        "held_on": (TODAY + dt.timedelta(days=10)).isoformat(),
        "speaker": "赵教授",
        "audience": "机关全体党员干部",
    }
    early = drafter.post(reverse("ideology_forum_create"), {**data, "held_on": "2026-02-27"})
    assert "举办日期早于报备日期" in early.content.decode() and not Forum.objects.exists()
    response = drafter.post(reverse("ideology_forum_create"), data)
    forum = Forum.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ideology_forum_detail", args=[forum.pk])
    assert drafter.get(reverse("ideology_forum_decide", args=[forum.pk])).status_code == 403
    head = _client(chain.head)
    detail = head.get(reverse("ideology_forum_detail", args=[forum.pk])).content.decode()
    assert 'data-testid="forum-decide"' in detail and "报备距举办" in detail
    done = head.post(reverse("ideology_forum_decide", args=[forum.pk]), {"decision": "approve", "decided_on": TODAY})
    assert done.status_code == 302 and ForumApproval.objects.filter(step=ForumStep.UNIT).exists()
    bad = _client(chain.fenguan).post(
        reverse("ideology_forum_decide", args=[forum.pk]), {"decision": "return", "decided_on": TODAY}
    )
    assert "不予批准的，请填写审批意见" in bad.content.decode()
    page = _client(chain.party_officer).get(reverse("ideology_forum_detail", args=[forum.pk])).content.decode()
    assert "审批流程" in page and chain.head.person.name in page and "待办理" in page


def test_cancel_and_held_through_the_pages(chain):
    forum = filed(chain, held_on=TODAY)
    client = _client(chain.drafter)
    refused = client.post(reverse("ideology_forum_held", args=[forum.pk]), follow=True)
    assert "不能登记已举办" in refused.content.decode()
    for step, user in ((1, chain.head), (2, chain.fenguan), (4, chain.party_officer)):
        svc.forum_decide(forum=forum, step=step, decision="approve", by=user)
    client.post(reverse("ideology_forum_held", args=[forum.pk]))
    assert Forum.objects.get(pk=forum.pk).status == ForumStatus.HELD
    other = filed(chain, title="另一场")
    client.post(reverse("ideology_forum_cancel", args=[other.pk]), {"reason": "报告人行程变更"})
    assert Forum.objects.get(pk=other.pk).status == ForumStatus.CANCELLED


def test_the_api_lists_files_decides_and_refuses_with_4xx(chain, cadre_other_unit):
    forum = filed(chain)
    api = _client(chain.head)
    listing = api.get("/api/ideology/forums/")
    assert listing.status_code == 200 and listing.json()["items"][0]["pending_step"] == ForumStep.UNIT
    decided = api.post(
        f"/api/ideology/forums/{forum.pk}/decide/",
        json.dumps({"step": 1, "decision": "approve"}),
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["approvals"][0]["approver"]["id"] == chain.head.person.pk
    again = api.post(
        f"/api/ideology/forums/{forum.pk}/decide/",
        json.dumps({"step": 1, "decision": "approve"}),
        content_type="application/json",
    )
    assert again.status_code == 409 and "请按顺序" in again.json()["message"]
    body = {
        "kind": "seminar",
        "title": "研讨会",
        "topic": "地方立法",
        "unit_id": chain.drafter.person.unit_id,
        "speaker": "某教授",
        "audience": "法工委",
        "held_on": "2026-02-20",
    }
    early = _client(chain.drafter).post("/api/ideology/forums/", json.dumps(body), content_type="application/json")
    assert early.status_code == 400 and "举办日期早于报备日期" in early.json()["message"]
    foreign = {**body, "held_on": "2026-04-20", "foreign_participants": True}
    assert (
        _client(chain.drafter)
        .post("/api/ideology/forums/", json.dumps(foreign), content_type="application/json")
        .status_code
        == 400
    )
    created = _client(chain.drafter).post(
        "/api/ideology/forums/", json.dumps({**body, "held_on": "2026-04-20"}), content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["filed_on"] == "2026-03-02"
    own = api.post(
        f"/api/ideology/forums/{forum.pk}/decide/",
        json.dumps({"step": 2, "decision": "approve"}),
        content_type="application/json",
    )
    assert own.status_code == 403
    assert _client(cadre_other_unit).get(f"/api/ideology/forums/{forum.pk}/").status_code == 404
    assert api.post(f"/api/ideology/forums/{forum.pk}/cancel/", json.dumps({"reason": "x"}),
                    content_type="application/json").status_code == 403  # fmt: skip
    bad = api.post(
        f"/api/ideology/forums/{forum.pk}/decide/",
        json.dumps({"step": 9, "decision": "approve"}),
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_the_menu_and_the_todos(chain, sysadmin):
    assert reads_forums(chain.drafter) and not reads_forums(sysadmin)
    forum = svc.forum_file(forum=new_forum(chain.drafter.person.unit), by=chain.drafter)
    steps, held = SOURCES["ideology_forum_steps"], SOURCES["ideology_forum_held"]
    assert steps.count(chain.head) == 1 and steps.count(chain.drafter) == 0
    assert steps.items(chain.head)[0].link == f"/ideology/forums/{forum.pk}/"
    for step, user in ((1, chain.head), (2, chain.fenguan), (4, chain.party_officer)):
        svc.forum_decide(forum=forum, step=step, decision="approve", by=user)
    assert held.count(chain.drafter) == 0
    with clock.replaying(moment(forum.held_on + dt.timedelta(days=1), 9)):
        assert held.count(chain.drafter) == 1 and "登记已举办" in held.items(chain.drafter)[0].detail
