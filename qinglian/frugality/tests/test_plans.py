"""年度经费计划: the finance officer's services and their refusals, the pages, the API, the persona matrix, the items
the other ledgers' forms offer, and the Excel import (all or nothing, bad amounts, full-width digits) whose export
re-imports unchanged."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import PERSONAS
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality import permissions
from qinglian.frugality.choices import ConferenceCategory, PlanKind
from qinglian.frugality.importers.plans import PlanItemImport
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.selectors.plans import plan_items, plan_usage
from qinglian.frugality.services.plans import plan_item_save, plan_save, plan_withdraw
from qinglian.frugality.tests.factories import (
    AbroadTripFactory,
    ConferenceFactory,
    PlanItemFactory,
    SpendingPlanFactory,
    TrainingCourseFactory,
)

D = dt.date
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _plan(org, **kw) -> SpendingPlan:
    values = {"organ": org.organ, "kind": PlanKind.CONFERENCE, "year": 2026, "approved_on": D(2026, 1, 20)}
    return SpendingPlan(**{**values, **kw})


# --- services ----------------------------------------------------------------------------------------------------


def test_the_finance_officer_records_a_plan_and_its_items(org, finance_officer):
    plan = plan_save(plan=_plan(org, approval_ref="党组会议（2026年第1次）"), by=finance_officer)
    before = plan.updated_at
    item = plan_item_save(
        item=PlanItem(
            plan=plan, name=" 立法工作 座谈会 ", unit=org.unit_a, category=ConferenceCategory.FOUR, people=40
        ),
        by=finance_officer,
    )
    plan.refresh_from_db()
    assert item.name == "立法工作 座谈会" and plan.updated_at > before
    assert plan.history.first().history_change_reason == "计划事项：立法工作 座谈会"
    assert list(plan_items(org.organ.pk, PlanKind.CONFERENCE, 2026)) == [item]
    assert list(plan_items(org.organ.pk, PlanKind.TRAINING, 2026)) == []


def test_plan_refusals_change_nothing(org, finance_officer, party_officer):
    with pytest.raises(Forbidden, match="只有财务专责人员"):
        plan_save(plan=_plan(org), by=party_officer)
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        plan_save(plan=_plan(org, year=2027, approved_on=D(2027, 1, 5)), by=finance_officer)
    with pytest.raises(InvalidInput, match="应在2026年内"):
        plan_save(plan=_plan(org, approved_on=D(2025, 6, 1)), by=finance_officer)
    assert not SpendingPlan.all_objects.exists()
    plan_save(plan=_plan(org, approved_on=D(2025, 12, 28)), by=finance_officer)  # the December before is fine
    with pytest.raises(Conflict, match="2026年年度会议计划已录入"):
        plan_save(plan=_plan(org), by=finance_officer)
    assert SpendingPlan.objects.count() == 1


def test_item_refusals(org, finance_officer):
    plan = plan_save(plan=_plan(org), by=finance_officer)
    abroad = plan_save(plan=_plan(org, kind=PlanKind.ABROAD), by=finance_officer)
    plan_item_save(item=PlanItem(plan=plan, name="座谈会"), by=finance_officer)
    cases = [
        (PlanItem(plan=plan, name="  "), "请填写事项名称"),
        (PlanItem(plan=plan, name="座谈会"), "已有名为“座谈会”的事项"),
        (PlanItem(plan=plan, name="培训", category="five"), "类别应为"),
        (PlanItem(plan=abroad, name="出访", category=ConferenceCategory.FOUR), "不分类别"),
        (PlanItem(plan=plan, name="x", people=0), "计划人数应大于0"),
        (PlanItem(plan=plan, name="x", budget=Decimal("-1")), "预算不能为负数"),
        (PlanItem(plan=plan, name="x", unit=org.stationed), "承办委室不属于本机关"),
    ]
    for item, message in cases:
        with pytest.raises((InvalidInput, Conflict), match=message):
            plan_item_save(item=item, by=finance_officer)
    assert PlanItem.objects.count() == 1


def test_a_plan_with_items_keeps_its_kind_and_year_and_a_used_plan_cannot_be_withdrawn(org, finance_officer):
    plan = plan_save(plan=_plan(org), by=finance_officer)
    item = plan_item_save(item=PlanItem(plan=plan, name="座谈会"), by=finance_officer)
    plan.year = 2025
    with pytest.raises(InvalidInput, match="不能修改计划类别或年度"):
        plan_save(plan=plan, by=finance_officer)
    meeting = ConferenceFactory(unit=org.unit_a, plan_item=item)
    with pytest.raises(Conflict, match="已被1条"):
        plan_withdraw(plan=SpendingPlan.objects.get(), reason="录错", by=finance_officer)
    meeting.deleted_at = meeting.created_at
    meeting.save()
    with pytest.raises(InvalidInput, match="删除原因"):
        plan_withdraw(plan=SpendingPlan.objects.get(), reason=" ", by=finance_officer)
    plan_withdraw(plan=SpendingPlan.objects.get(), reason="重复录入", by=finance_officer)
    assert not SpendingPlan.objects.exists() and SpendingPlan.all_objects.get().deleted_at is not None
    assert list(plan_items(org.organ.pk, PlanKind.CONFERENCE, 2026)) == []


def test_the_usage_of_each_item_reads_the_three_ledgers(org, finance_officer, party_officer):
    meetings = SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE)
    used = PlanItemFactory(plan=meetings, name="立法论证会", budget=Decimal("10000"))
    PlanItemFactory(plan=meetings, name="未执行的座谈会")
    ConferenceFactory(unit=org.unit_a, plan_item=used, total_amount=Decimal("6000"))
    ConferenceFactory(unit=org.unit_b, plan_item=used, total_amount=Decimal("5000"), start_on=D(2026, 5, 6))
    courses = SpendingPlanFactory(organ=org.organ, kind=PlanKind.TRAINING)
    course_item = PlanItemFactory(plan=courses, name="业务培训")
    TrainingCourseFactory(unit=org.unit_a, plan_item=course_item)
    trips = SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD)
    trip_item = PlanItemFactory(plan=trips, name="出访考察")
    AbroadTripFactory(leader=party_officer.person, plan_item=trip_item)
    usage = plan_usage(party_officer, meetings)
    assert [(u.item.name, len(u.rows), u.spent, u.over_budget) for u in usage] == [
        ("立法论证会", 2, Decimal("11000.00"), True),
        ("未执行的座谈会", 0, Decimal(0), False),
    ]
    assert usage[0].rows[0].link.startswith("/frugality/conferences/")
    assert plan_usage(party_officer, courses)[0].rows[0].link.startswith("/frugality/training/")
    assert plan_usage(party_officer, trips)[0].rows[0].link.startswith("/frugality/abroad/")


# --- pages and API -----------------------------------------------------------------------------------------------


def test_pages_list_detail_forms_and_withdrawal(org, finance_officer, party_officer):
    client = _as(finance_officer)
    response = client.post(
        reverse("frugality_plan_create"),
        {"kind": PlanKind.CONFERENCE, "year": "2026", "approved_on": "2026-01-20", "approval_ref": "党组会议"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = SpendingPlan.objects.get()
    again = client.post(reverse("frugality_plan_create"), {"kind": PlanKind.CONFERENCE, "year": "2026"})
    assert again.status_code == 200 and "2026年年度会议计划已录入" in again.content.decode()
    response = client.post(
        reverse("frugality_plan_item_create", args=[plan.pk]),
        {"name": "立法论证会", "unit": org.unit_a.pk, "category": "four", "people": "30", "budget": "1.2万元"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PlanItem.objects.get().budget == Decimal("12000.00")
    response = client.post(
        reverse("frugality_plan_item_create", args=[plan.pk]), {"name": "座谈会", "budget": "1,2万元x"}
    )
    assert response.status_code == 200 and "无法识别" in response.content.decode()
    response = _as(party_officer).get(reverse("frugality_plan_list") + "?year=2026&kind=conference")
    page = response.content.decode()
    assert response.status_code == 200
    assert "年度会议计划" in page and "12000.00" in page and "录入年度计划" not in page
    detail = _as(party_officer).get(reverse("frugality_plan_detail", args=[plan.pk])).content.decode()
    assert "立法论证会" in detail and "尚未执行" in detail
    assert _as(party_officer).get(reverse("frugality_plan_list") + "?print=1").status_code == 200
    assert _as(party_officer).get(reverse("frugality_plan_create")).status_code == 403
    response = client.post(reverse("frugality_plan_withdraw", args=[plan.pk]), {"reason": "重复录入"})
    assert response.status_code == 302 and not SpendingPlan.objects.exists()


def test_the_api(org, finance_officer, party_officer):
    client = _as(finance_officer)
    body = {"kind": "conference", "year": 2026, "approved_on": "2026-01-20", "approval_ref": "党组会议"}
    response = client.post("/api/frugality/plans", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    item = {"name": "座谈会", "unit_id": org.unit_a.pk, "category": "four", "people": 40, "budget": "０.５万元"}
    response = client.post(f"/api/frugality/plans/{pk}/items", json.dumps(item), content_type="application/json")
    assert response.status_code == 201 and response.json()["budget"] == "5000.00"
    bad = {**item, "name": "另一个", "budget": "1,2万元x"}
    response = client.post(f"/api/frugality/plans/{pk}/items", json.dumps(bad), content_type="application/json")
    assert response.status_code == 422 and "无法识别" in json.dumps(response.json(), ensure_ascii=False)
    response = client.post(f"/api/frugality/plans/{pk}/items", json.dumps(item), content_type="application/json")
    assert response.status_code == 409
    response = client.post("/api/frugality/plans", json.dumps(body), content_type="application/json")
    assert response.status_code == 409 and "已录入" in response.json()["message"]
    reader = _as(party_officer)
    detail = reader.get(f"/api/frugality/plans/{pk}").json()
    assert detail["items"][0]["used"] == 0 and detail["items"][0]["category_label"] == "四类会议"
    assert reader.get("/api/frugality/plan-items?kind=conference&year=2026").json()[0]["name"] == "座谈会"
    assert reader.get("/api/frugality/plan-items?kind=nonsense&year=2026").status_code == 400
    assert reader.get("/api/frugality/plans?kind=training").json()["count"] == 0
    response = reader.post(f"/api/frugality/plans/{pk}/items", json.dumps(item), content_type="application/json")
    assert response.status_code == 403


# --- the matrix ----------------------------------------------------------------------------------------------------

WITH_FINANCE = (*PERSONAS, "finance_officer")
# Plans are the organ readers' (querysets.READERS) and the finance officer's, who alone writes them.
# fmt: off
#          party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin finance
MATRIX = {
    "plan": "r             -         -          -           r      r          -        -        -          w",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, WITH_FINANCE))
def test_matrix(request, org, target, persona_name, expected):
    user = request.getfixturevalue(persona_name)
    plan = SpendingPlanFactory(organ=org.organ)
    PlanItemFactory(plan=plan, name="独一无二的计划事项")
    check_cell(
        model=SpendingPlan, access=permissions.access_plan, user=user, obj=plan, expected=expected, label=persona_name
    )
    client = _as(user)
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("frugality_plan_detail", args=[plan.pk])).status_code == read
    assert client.get(reverse("frugality_plan_edit", args=[plan.pk])).status_code == write
    assert client.get(f"/api/frugality/plans/{plan.pk}").status_code == read
    export = client.get(reverse("frugality_plan_export"))
    if export.status_code == 200:
        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的计划事项" in text) == (expected in "rw")
    else:
        assert expected == "-"


# --- import and export ---------------------------------------------------------------------------------------------


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "年度",
            "计划类别",
            "党组会审批日期",
            "审批会议/文号",
            "事项名称",
            "承办委室",
            "类别",
            "计划人数",
            "计划天数",
            "预算（元）",
        ]
    )
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_the_import_creates_plans_and_items_all_or_nothing(org, finance_officer, party_officer):
    importer = PlanItemImport.for_user(finance_officer)
    good = (
        "２０２６",
        "年度会议计划",
        "2026-01-20",
        "党组会议（2026年第1次）",
        "立法论证会",
        "办公室",
        "四类会议",
        "３０",
        "1",
        "０.３万元",
    )
    bad_amount = ("2026", "年度会议计划", "", "", "座谈会", "办公室", "四类会议", "40", "1", "1,2万元x")
    bad_unit = ("2026", "年度培训计划", "", "", "业务培训", "派驻纪检监察组", "三类培训", "50", "3", "30000")
    bad_category = ("2026", "年度因公出国（境）计划", "", "", "出访", "", "四类会议", "5", "8", "")
    plan = importer.parse(_sheet(good, bad_amount, bad_unit, bad_category))
    assert [bool(r.errors) for r in plan.rows] == [False, True, True, True]
    assert "无法识别" in plan.rows[1].errors[0][1]
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not SpendingPlan.all_objects.exists() and not PlanItem.objects.exists()
    result = importer.apply(importer.parse(_sheet(good)), mode="all", by=finance_officer)
    assert result.created == 1
    item = PlanItem.objects.select_related("plan").get()
    assert (item.plan.approval_ref, item.people, item.budget) == ("党组会议（2026年第1次）", 30, Decimal("3000.00"))
    with pytest.raises(Forbidden):
        PlanItemImport.for_user(party_officer)


def test_rows_of_one_plan_must_agree_on_its_approval_and_names_are_unique(org, finance_officer):
    rows = (
        ("2026", "年度会议计划", "2026-01-20", "", "座谈会", "", "", "", "", ""),
        ("2026", "年度会议计划", "2026-01-21", "", "论证会", "", "", "", "", ""),
        ("2026", "年度会议计划", "", "", "座谈会", "", "", "", "", ""),
    )
    plan = PlanItemImport.for_user(finance_officer).parse(_sheet(*rows))
    assert [r.errors[0][1] if r.errors else "" for r in plan.rows] == [
        "",
        "同一计划的各行审批日期、文号不一致",
        "同一计划中事项名称重复",
    ]


def test_the_export_re_imports_unchanged_and_a_change_is_an_update(org, finance_officer):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE, approval_ref="党组会议")
    PlanItemFactory(plan=plan, name="立法论证会", unit=org.unit_a, category="four", days=Decimal("1.5"))
    trips = SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD, approved_on=None, approval_ref="")
    PlanItemFactory(plan=trips, name="出访考察", budget=None, people=5)
    exported = _as(finance_officer).get(reverse("frugality_plan_export"))
    assert exported.status_code == 200
    importer = PlanItemImport.for_user(finance_officer)
    plan_rows = importer.parse(exported.content)
    assert not plan_rows.has_errors, [r.errors for r in plan_rows.rows]
    assert [r.action.value for r in plan_rows.rows] == ["无变化", "无变化"]
    ws = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    header = [c.value for c in ws[2]]
    ws.cell(row=3, column=header.index("预算（元）") + 1, value="3万元")
    buffer = io.BytesIO()
    ws.parent.save(buffer)
    changed = importer.parse(buffer.getvalue())
    assert [r.action.value for r in changed.rows].count("更新") == 1
    importer.apply(changed, mode="all", by=finance_officer)
    assert PlanItem.objects.filter(budget=Decimal("30000.00")).count() == 1
