"""The duty API's list, items, tasks, completion and cards (/api/duty/): figures, scoping per persona, writes
through the services (forbidden writes change nothing), bearer tokens and the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from qinglian.compliance.models import Finding
from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence, TaskStatus, Theme
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection, ProgressReport
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, evidence_on
from qinglian.org.models import LeadingGroupMember
from qinglian.org.services import api_token_create

TODAY = timezone.localdate()
YEAR = TODAY.year


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: Any = None, method: str = "post"):
    return getattr(client, method)(url, data=json.dumps(data or {}), content_type="application/json")


def _assert_error(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    return body


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


@pytest.fixture
def ledger(org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, leader) -> dict[str, Any]:
    """This year's published list: 一、 with item 2 (B leads, overdue) and （一） with item 1 (led by the leader;
    A leads in progress, B co-operates); item 3 (monthly, A, completed) under no heading. Next year's is a draft."""
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    published = DutyListFactory(organ=org.organ, year=YEAR)
    first = DutySection.objects.create(duty_list=published, order=1, title="落实管党治党政治责任")
    sub = DutySection.objects.create(duty_list=published, parent=first, order=1, title="压实责任链条")
    one = DutyItemFactory(
        duty_list=published,
        section=sub,
        order=1,
        content="制定年度责任清单",
        lead_leader=leader.person,
        deadline=TODAY + dt.timedelta(days=30),
    )
    two = DutyItemFactory(
        duty_list=published, section=first, order=2, content="开展警示教育", deadline=TODAY - dt.timedelta(days=10)
    )
    three = DutyItemFactory(
        duty_list=published,
        order=3,
        content="报送意识形态工作月报",
        theme=Theme.IDEOLOGY,
        recurrence=Recurrence.MONTHLY,
        deadline=None,
    )
    draft = DutyListFactory(organ=org.organ, year=YEAR + 1, status=ListStatus.DRAFT, published_on=None)
    draft_item = DutyItemFactory(duty_list=draft, order=1, content="明年的事项")
    return {
        "published": published,
        "draft": draft,
        "first": first,
        "sub": sub,
        "items": (one, two, three),
        "a1": AssignmentFactory(item=one, unit=org.unit_a, status=TaskStatus.IN_PROGRESS),
        "b1": AssignmentFactory(item=one, unit=org.unit_b, role=AssignmentRole.CO),
        "b2": AssignmentFactory(item=two, unit=org.unit_b),
        "a3": AssignmentFactory(item=three, unit=org.unit_a, status=TaskStatus.COMPLETED, completed_on=TODAY),
        "draft_task": AssignmentFactory(item=draft_item, unit=org.unit_a),
    }


# --- lists -------------------------------------------------------------------------------------


def test_lists_drafts_only_for_the_office_and_leaders(ledger, party_officer, leader, cadre_other_unit, sysadmin):
    published, draft = ledger["published"].pk, ledger["draft"].pk
    assert _ids(_as(party_officer).get("/api/duty/lists")) == {published, draft}
    assert _ids(_as(leader).get("/api/duty/lists")) == {published, draft}
    body = _as(cadre_other_unit).get("/api/duty/lists").json()
    assert [(r["id"], r["status"], r["status_label"], r["item_count"]) for r in body["items"]] == [
        (published, "published", "已印发", 3)
    ]
    assert _ids(_as(party_officer).get("/api/duty/lists", {"year": YEAR + 1})) == {draft}
    _assert_error(_as(cadre_other_unit).get(f"/api/duty/lists/{draft}"), 404, "not_found")
    assert _ids(_as(sysadmin).get("/api/duty/lists")) == set()
    _assert_error(_as(sysadmin).get(f"/api/duty/lists/{published}"), 404, "not_found")


def test_list_detail_is_the_tree_with_tasks_status_and_completion(ledger, org, cadre_other_unit):
    body = _as(cadre_other_unit).get(f"/api/duty/lists/{ledger['published'].pk}").json()
    assert body["completion"] == {"total": 4, "done": 1, "closed": 0, "overdue": 1, "not_started": 2, "rate": 25}
    [first] = body["sections"]
    assert (first["label"], first["title"], [i["content"] for i in first["items"]]) == (
        "一、",
        "落实管党治党政治责任",
        ["开展警示教育"],
    )
    assert first["completion"] == {"total": 3, "done": 0, "closed": 0, "overdue": 1, "not_started": 2, "rate": 0}
    [sub] = first["children"]
    assert (sub["label"], sub["title"]) == ("（一）", "压实责任链条")
    [one] = sub["items"]
    assert (one["lead_leader"]["name"], one["theme_label"], one["recurrence"]) == ("leader", "全面从严治党", "once")
    assert [(t["unit"]["name"], t["role"], t["display_status"], t["display_status_label"]) for t in one["tasks"]] == [
        ("办公室", "lead", "in_progress", "推进中"),
        ("研究室", "co", "not_started", "未启动"),
    ]
    overdue = first["items"][0]["tasks"][0]
    assert (overdue["status"], overdue["status_label"], overdue["display_status"], overdue["is_overdue"]) == (
        "not_started",
        "未启动",
        "overdue",
        True,
    )
    assert overdue["display_status_label"] == "逾期"
    [three] = body["unsectioned_items"]
    assert (three["recurrence_label"], three["theme"], three["tasks"][0]["display_status_label"]) == (
        "每月",
        "ideology",
        "已完成",
    )


def test_office_creates_publishes_and_copies_a_list(ledger, org, party_officer):
    client = _as(party_officer)
    created = _post(client, "/api/duty/lists", {"year": YEAR + 2, "document_no": "常党〔2028〕1号"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["status"], body["item_count"]) == (f"{YEAR + 2}年全面从严治党主体责任清单", "draft", 0)
    _assert_error(_post(client, "/api/duty/lists", {"year": YEAR}), 400, "invalid")  # one list per year
    _assert_error(_post(client, "/api/duty/lists", {"year": 1999}), 422, "invalid")
    empty = client.post(
        f"/api/duty/lists/{body['id']}/publish", content_type="application/json"
    )  # the body may be left out
    assert "还没有任何事项" in _assert_error(empty, 400, "invalid")["message"]

    published = _post(client, f"/api/duty/lists/{ledger['draft'].pk}/publish", {"published_on": f"{YEAR}-11-01"})
    assert published.status_code == 200, published.content
    assert (published.json()["status"], published.json()["published_on"]) == ("published", f"{YEAR}-11-01")

    copy = _post(client, f"/api/duty/lists/{ledger['published'].pk}/copy", {"year": YEAR + 3})
    assert copy.status_code == 201, copy.content
    new = DutyList.objects.get(pk=copy.json()["id"])
    assert (new.year, new.status, new.based_on, copy.json()["item_count"]) == (
        YEAR + 3,
        ListStatus.DRAFT,
        ledger["published"],
        3,
    )
    assert DutyAssignment.objects.filter(item__duty_list=new, status=TaskStatus.NOT_STARTED).count() == 4
    assert new.sections.count() == 2


@pytest.mark.parametrize(("name", "status"), [("leader", 403), ("unit_head", 404), ("cadre_other_unit", 404)])
def test_others_cannot_publish_or_copy_a_draft(ledger, persona, name, status):
    client, draft = _as(persona(name)), ledger["draft"]
    _assert_error(
        _post(client, f"/api/duty/lists/{draft.pk}/publish"), status, "forbidden" if status == 403 else "not_found"
    )
    copied = _post(client, f"/api/duty/lists/{draft.pk}/copy", {"year": YEAR + 4})
    _assert_error(copied, status, "forbidden" if status == 403 else "not_found")
    draft.refresh_from_db()
    assert (draft.status, DutyList.objects.count()) == (ListStatus.DRAFT, 2)


def test_a_cadre_cannot_create_a_list(ledger, cadre_same_unit):
    _assert_error(_post(_as(cadre_same_unit), "/api/duty/lists", {"year": YEAR + 5}), 403, "forbidden")
    assert DutyList.objects.count() == 2


# --- headings and items ------------------------------------------------------------------------


def test_sections_two_levels_in_order(ledger, party_officer):
    client, url = _as(party_officer), f"/api/duty/lists/{ledger['published'].pk}/sections"
    second = _post(client, url, {"title": "加强廉洁文化建设"})
    assert second.status_code == 201, second.content
    assert (second.json()["order"], second.json()["parent_id"]) == (2, None)
    child = _post(client, url, {"title": "开展廉政教育", "parent_id": second.json()["id"]}).json()
    assert (child["order"], child["parent_id"]) == (1, second.json()["id"])
    deeper = _post(client, url, {"title": "第三级", "parent_id": child["id"]})
    assert "最多两级" in _assert_error(deeper, 400, "invalid")["message"]
    other = DutySection.objects.create(duty_list=ledger["draft"], order=1, title="明年的标题")
    body = _assert_error(_post(client, url, {"title": "x", "parent_id": other.pk}), 400, "invalid")
    assert "parent_id" in body["detail"]


def _item(org, leader, **over: Any) -> dict[str, Any]:
    data = {
        "content": "落实“第一议题”制度",
        "theme": "ideology",
        "lead_leader_id": leader.person.pk,
        "lead_unit_id": org.unit_a.pk,
        "co_unit_ids": [org.unit_b.pk],
        "deadline": f"{YEAR}-12-20",
        "standard": "每次党组会议第一议题学习",
        "evidence_required": "会议记录",
    }
    return data | over


def test_item_create_update_delete(ledger, org, party_officer, leader):
    client = _as(party_officer)
    url = f"/api/duty/lists/{ledger['published'].pk}/items"
    created = _post(client, url, _item(org, leader, section_id=ledger["first"].pk))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["order"], body["section_id"], body["theme_label"], body["lead_leader"]["name"]) == (
        4,
        ledger["first"].pk,
        "意识形态",
        "leader",
    )
    assert [(t["unit"]["name"], t["role_label"], t["status"]) for t in body["tasks"]] == [
        ("办公室", "牵头", "not_started"),
        ("研究室", "配合", "not_started"),
    ]
    item_id = body["id"]
    changed = _post(client, f"/api/duty/items/{item_id}", _item(org, leader, co_unit_ids=[], order=9), "put")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["order"], [t["unit"]["name"] for t in changed.json()["tasks"]]) == (9, ["办公室"])
    dropped = DutyAssignment.all_objects.get(item_id=item_id, unit=org.unit_b)
    assert dropped.deleted_at is not None  # kept in history, not deleted

    deleted = client.delete(f"/api/duty/items/{item_id}")
    assert deleted.status_code == 204
    assert DutyItem.all_objects.get(pk=item_id).deleted_at is not None
    assert not DutyAssignment.objects.filter(item_id=item_id).exists()
    _assert_error(client.delete(f"/api/duty/items/{item_id}"), 404, "not_found")


def test_item_payload_checks(ledger, org, party_officer, leader, cadre_same_unit):
    client, url = _as(party_officer), f"/api/duty/lists/{ledger['published'].pk}/items"
    not_member = _post(client, url, _item(org, leader, lead_leader_id=cadre_same_unit.person.pk))
    assert "党组成员" in _assert_error(not_member, 400, "invalid")["message"]
    same = _post(client, url, _item(org, leader, co_unit_ids=[org.unit_a.pk]))
    assert "牵头委室不能同时是配合委室" in _assert_error(same, 400, "invalid")["message"]
    no_date = _post(client, url, _item(org, leader, deadline=None))
    assert "完成时限" in _assert_error(no_date, 400, "invalid")["message"]
    _assert_error(_post(client, url, _item(org, leader, section_id=ledger["draft"].pk + 999)), 400, "invalid")
    _assert_error(_post(client, url, {"content": "缺少牵头委室"}), 422, "invalid")
    _assert_error(_post(client, url, _item(org, leader, recurrence="weekly")), 422, "invalid")
    assert DutyItem.objects.filter(duty_list=ledger["published"]).count() == 3


@pytest.mark.parametrize("name", ["leader", "unit_head", "cadre_other_unit"])
def test_only_the_office_edits_items(ledger, org, leader, persona, name):
    client, item = _as(persona(name)), ledger["items"][0]
    _assert_error(
        _post(client, f"/api/duty/lists/{ledger['published'].pk}/items", _item(org, leader)), 403, "forbidden"
    )
    _assert_error(
        _post(client, f"/api/duty/items/{item.pk}", _item(org, leader, content="改"), "put"), 403, "forbidden"
    )
    _assert_error(client.delete(f"/api/duty/items/{item.pk}"), 403, "forbidden")
    _assert_error(_post(client, f"/api/duty/lists/{ledger['published'].pk}/sections", {"title": "x"}), 403, "forbidden")
    item.refresh_from_db()
    assert (item.content, item.deleted_at, DutyItem.objects.count()) == ("制定年度责任清单", None, 4)


# --- tasks -------------------------------------------------------------------------------------


def test_task_list_scope_and_filters(ledger, org, party_officer, cadre_other_unit, leader):
    a1, b1, b2, a3 = (ledger[k].pk for k in ("a1", "b1", "b2", "a3"))
    client = _as(cadre_other_unit)
    assert _ids(client.get("/api/duty/tasks")) == {a1, b1, b2, a3}  # the published list is the organ's
    assert _ids(client.get("/api/duty/tasks", {"status": "overdue"})) == {b2}
    assert _ids(client.get("/api/duty/tasks", {"status": "not_started"})) == {b1}  # the overdue one shows 逾期
    assert _ids(client.get("/api/duty/tasks", {"status": "completed"})) == {a3}
    assert _ids(client.get("/api/duty/tasks", {"unit_id": org.unit_a.pk})) == {a1, a3}
    assert _ids(client.get("/api/duty/tasks", {"leader_id": leader.person.pk})) == {a1, b1}
    assert _ids(client.get("/api/duty/tasks", {"year": YEAR + 1})) == set()
    _assert_error(client.get("/api/duty/tasks", {"status": "late"}), 422, "invalid")
    _assert_error(client.get(f"/api/duty/tasks/{ledger['draft_task'].pk}"), 404, "not_found")
    assert _ids(_as(party_officer).get("/api/duty/tasks", {"year": YEAR + 1})) == {ledger["draft_task"].pk}
    row = next(r for r in client.get("/api/duty/tasks").json()["items"] if r["id"] == b2)
    assert (row["duty_list"]["year"], row["item"]["content"], row["display_status_label"]) == (
        YEAR,
        "开展警示教育",
        "逾期",
    )


def test_claim_report_confirm_return(ledger, unit_head, cadre_same_unit, leader, party_officer):
    a1 = ledger["a1"]
    claimed = _post(_as(unit_head), f"/api/duty/tasks/{a1.pk}/claim")
    assert claimed.status_code == 200, claimed.content
    assert (claimed.json()["claimed_by"], claimed.json()["claimed_at"] is not None) == ("unit_head", True)
    _assert_error(_post(_as(unit_head), f"/api/duty/tasks/{a1.pk}/claim"), 400, "invalid")

    url = f"/api/duty/tasks/{a1.pk}/reports"
    first = _post(_as(cadre_same_unit), url, {"content": "已起草清单", "percent": 60})
    assert first.status_code == 201, first.content
    assert (first.json()["percent"], first.json()["date"], first.json()["reported_by"]) == (
        60,
        TODAY.isoformat(),
        "cadre_same_unit",
    )
    refused = _post(_as(cadre_same_unit), url, {"content": "清单已印发", "percent": 90, "is_final": True})
    assert "申请销号须有佐证材料" in _assert_error(refused, 400, "invalid")["message"]
    evidence_on(ProgressReport.objects.get(assignment=a1), cadre_same_unit)  # on the first report
    final = _post(_as(cadre_same_unit), url, {"content": "清单已印发", "percent": 90, "is_final": True})
    assert (final.status_code, final.json()["percent"]) == (201, 100)  # a final one-off report is 100%
    a1.refresh_from_db()
    assert (a1.status, a1.completed_on) == (TaskStatus.COMPLETED, TODAY)

    _assert_error(_post(_as(cadre_same_unit), f"/api/duty/tasks/{a1.pk}/confirm"), 403, "forbidden")
    confirmed = _post(_as(leader), f"/api/duty/tasks/{a1.pk}/confirm")  # the item's lead leader
    assert confirmed.status_code == 200, confirmed.content
    assert (confirmed.json()["status"], confirmed.json()["confirmed_by"]) == ("closed", "leader")
    assert [r["content"] for r in confirmed.json()["reports"]] == ["清单已印发", "已起草清单"]

    _assert_error(_post(_as(party_officer), f"/api/duty/tasks/{a1.pk}/return", {"reason": " "}), 400, "invalid")
    back = _post(_as(party_officer), f"/api/duty/tasks/{a1.pk}/return", {"reason": "佐证材料不全"})
    assert (back.status_code, back.json()["status"], back.json()["completed_on"]) == (200, "in_progress", None)
    assert a1.history.first().history_change_reason == "退回：佐证材料不全"


def test_recurring_report_gets_its_period(ledger, unit_head):
    body = _post(_as(unit_head), f"/api/duty/tasks/{ledger['a3'].pk}/reports", {"content": "本月月报", "percent": 100})
    assert body.status_code == 201, body.content
    assert body.json()["period"] == f"{TODAY:%Y-%m}"


def test_forbidden_task_writes_change_nothing(ledger, cadre_same_unit, cadre_other_unit, leader):
    a1, a3 = ledger["a1"], ledger["a3"]
    _assert_error(_post(_as(cadre_same_unit), f"/api/duty/tasks/{a1.pk}/claim"), 403, "forbidden")  # not the head
    report = {"content": "越权报送", "percent": 50}
    _assert_error(_post(_as(cadre_other_unit), f"/api/duty/tasks/{a1.pk}/reports", report), 403, "forbidden")
    _assert_error(_post(_as(leader), f"/api/duty/tasks/{a3.pk}/confirm"), 403, "forbidden")  # not its lead leader
    _assert_error(_post(_as(leader), f"/api/duty/tasks/{a3.pk}/return", {"reason": "x"}), 403, "forbidden")
    _assert_error(
        _post(_as(cadre_same_unit), f"/api/duty/tasks/{a1.pk}/reports", {"content": "x", "percent": 120}),
        422,
        "invalid",
    )
    a1.refresh_from_db()
    a3.refresh_from_db()
    assert (a1.claimed_at, a3.status, ProgressReport.objects.count()) == (None, TaskStatus.COMPLETED, 0)


def test_draft_tasks_cannot_be_reported(ledger, party_officer):
    response = _post(_as(party_officer), f"/api/duty/tasks/{ledger['draft_task'].pk}/reports", {"content": "x"})
    assert "尚未印发" in _assert_error(response, 400, "invalid")["message"]


# --- completion and cards ----------------------------------------------------------------------


def test_completion_by_unit_and_by_leader(ledger, cadre_other_unit, sysadmin):
    body = _as(cadre_other_unit).get("/api/duty/completion", {"year": YEAR}).json()
    assert (body["duty_list"]["id"], body["overall"]["rate"]) == (ledger["published"].pk, 25)
    assert [(r["unit"]["name"], r["total"], r["done"], r["overdue"], r["rate"]) for r in body["by_unit"]] == [
        ("办公室", 2, 1, 0, 50),
        ("研究室", 2, 0, 1, 0),
    ]
    assert [(r["leader"]["name"], r["items"], r["total"], r["not_started"], r["rate"]) for r in body["by_leader"]] == [
        ("leader", 1, 2, 1, 0)
    ]
    draft_year = _as(cadre_other_unit).get("/api/duty/completion", {"year": YEAR + 1}).json()
    assert (draft_year["duty_list"], draft_year["by_unit"], draft_year["overall"]["total"]) == (None, [], 0)
    assert _as(sysadmin).get("/api/duty/completion").json()["duty_list"] is None


def test_duty_card_of_a_leader(ledger, org, leader, cadre_other_unit, cadre_same_unit, sysadmin, party_officer):
    Finding.objects.create(
        organ=org.organ,
        rule_code="DUTY-001",
        subject_type="duty.dutyassignment",
        subject_id=str(ledger["b2"].pk),
        subject_repr="开展警示教育",
        severity="red",
        reason="任务逾期",
        responsible_unit=org.unit_b,
    )
    body = _as(cadre_other_unit).get(f"/api/duty/cards/{leader.person.pk}", {"year": YEAR}).json()
    assert (body["leader"]["name"], body["post"], body["post_label"]) == ("leader", "member", "党组成员")
    assert [u["name"] for u in body["supervised_units"]] == ["研究室"]
    assert [i["content"] for i in body["led_items"]] == ["制定年度责任清单"]
    assert {t["id"] for t in body["unit_tasks"]} == {ledger["b1"].pk, ledger["b2"].pk}
    assert body["completion"] == {"total": 3, "done": 0, "closed": 0, "overdue": 1, "not_started": 2, "rate": 0}
    # The finding of the supervised unit is counted for whoever may see it, not for a cadre who may not.
    assert not Finding.objects.visible_to(cadre_other_unit).exists() and body["open_findings"] == 0
    card = _as(party_officer).get(f"/api/duty/cards/{leader.person.pk}", {"year": YEAR}).json()
    assert card["open_findings"] == 1
    draft = _as(cadre_other_unit).get(f"/api/duty/cards/{leader.person.pk}", {"year": YEAR + 1}).json()
    assert (draft["led_items"], draft["unit_tasks"], draft["completion"]["total"]) == ([], [], 0)
    _assert_error(_as(cadre_other_unit).get(f"/api/duty/cards/{cadre_same_unit.person.pk}"), 404, "not_found")
    _assert_error(_as(sysadmin).get(f"/api/duty/cards/{leader.person.pk}"), 404, "not_found")


# --- auth and schema ---------------------------------------------------------------------------


def test_bearer_token_claims_without_csrf_and_session_needs_it(ledger, unit_head):
    _row, token = api_token_create(user=unit_head, name="测试对接")
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/duty/tasks", {"unit_id": ledger["a1"].unit_id}, **auth).json()["count"] == 2
    claimed = client.post(f"/api/duty/tasks/{ledger['a1'].pk}/claim", content_type="application/json", **auth)
    assert claimed.status_code == 200, claimed.content
    session = Client(enforce_csrf_checks=True)
    session.force_login(unit_head)
    _assert_error(session.post(f"/api/duty/tasks/{ledger['a1'].pk}/claim"), 403, "csrf_failed")
    _assert_error(Client().get("/api/duty/lists"), 401, "unauthenticated")
    _assert_error(client.get("/api/duty/lists", HTTP_AUTHORIZATION="Bearer ql_nonsense"), 401, "unauthenticated")


def test_openapi_schema_lists_the_duty_endpoints(party_officer):
    schema = _as(party_officer).get("/api/openapi.json").json()
    for path in (
        "/api/duty/lists",
        "/api/duty/lists/{list_id}",
        "/api/duty/lists/{list_id}/items",
        "/api/duty/items/{item_id}",
        "/api/duty/tasks/{task_id}/reports",
        "/api/duty/completion",
        "/api/duty/cards/{person_id}",
        "/api/duty/letters/generate",
        "/api/duty/notices/{notice_id}/escalate",
        "/api/duty/talks",
    ):
        assert path in schema["paths"], path
    assert schema["paths"]["/api/duty/lists"]["get"]["tags"] == ["主体责任"]
