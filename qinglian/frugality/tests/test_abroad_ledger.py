"""The trips abroad ledger: the finance officer records a delegation, corrects it and records the report handed in
later (never their own); refusals change nothing; the leader's to-do; pages with filters and totals, the API, the
persona matrix, and the Excel import (all or nothing) that re-imports the export unchanged."""

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
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality import permissions
from qinglian.frugality.choices import EntrySource, PlanKind
from qinglian.frugality.importers.abroad import AbroadTripImport
from qinglian.frugality.models import AbroadTrip
from qinglian.frugality.services.abroad import abroad_delete, abroad_report, abroad_save
from qinglian.frugality.tests.factories import AbroadTripFactory, PlanItemFactory, SpendingPlanFactory

D = dt.date


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _trip(leader, **kw) -> AbroadTrip:
    values = {
        "purpose": "友好交流",
        "countries": "德国，法国",
        "country_count": 2,
        "team_size": 5,
        "depart_on": D(2026, 5, 10),
        "return_on": D(2026, 5, 17),
        "approved_on": D(2026, 4, 1),
        "total_amount": Decimal("180000"),
        "voucher_no": "记-0510",
    }
    return AbroadTrip(organ=leader.organ, leader=leader, **(values | kw))


@pytest.fixture
def plan_item(org):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD, year=2026)
    return PlanItemFactory(plan=plan, name="赴欧洲友好交流")


def test_the_finance_officer_records_a_trip_and_its_report(org, finance_officer, cadre_same_unit, plan_item):
    trip = abroad_save(trip=_trip(cadre_same_unit.person, plan_item=plan_item), by=finance_officer)
    assert trip.unit_id == org.unit_a.pk and trip.countries == "德国、法国" and trip.days == 8
    abroad_report(trip=trip, report_on=D(2026, 6, 10), by=finance_officer)
    trip.refresh_from_db()
    assert trip.report_on == D(2026, 6, 10)
    assert trip.history.first().history_change_reason == "提交出访报告"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"return_on": D(2026, 5, 9)}, "入境日期不能早于出境日期"),
        ({"country_count": 3}, "与所列国家（地区）2个（德国、法国）不一致"),
        ({"team_size": 0}, "团组人数"),
        ({"approved_on": clock.today() + dt.timedelta(days=1)}, "审批日期不能晚于今天"),
        ({"report_on": D(2026, 5, 16)}, "出访报告提交日期不能早于入境日期"),
        ({"countries": " 、 "}, "请填写出访国家"),
        ({"total_amount": Decimal("-1")}, "不能为负数"),
    ],
)
def test_refusals_write_nothing(org, finance_officer, cadre_same_unit, change, message):
    with pytest.raises(InvalidInput, match=message):
        abroad_save(trip=_trip(cadre_same_unit.person, **change), by=finance_officer)
    assert not AbroadTrip.all_objects.exists()


def test_a_plan_item_of_another_year_or_kind_is_refused(org, finance_officer, cadre_same_unit):
    other_year = PlanItemFactory(plan=SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD, year=2025))
    meeting = PlanItemFactory(plan=SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE, year=2026))
    for item in (other_year, meeting):
        with pytest.raises(InvalidInput, match="2026年因公出国（境）计划中的事项"):
            abroad_save(trip=_trip(cadre_same_unit.person, plan_item=item), by=finance_officer)


def test_nobody_records_their_own_report_and_only_the_finance_officer_writes(
    org, finance_officer, cadre_same_unit, party_officer
):
    own = abroad_save(trip=_trip(finance_officer.person), by=finance_officer)
    with pytest.raises(Forbidden, match="责任人"):
        abroad_report(trip=own, report_on=D(2026, 6, 1), by=finance_officer)
    own.report_on = D(2026, 6, 1)
    with pytest.raises(Forbidden, match="责任人"):
        abroad_save(trip=own, by=finance_officer)
    assert AbroadTrip.objects.get(pk=own.pk).report_on is None
    with pytest.raises(Forbidden):
        abroad_save(trip=_trip(cadre_same_unit.person), by=party_officer)
    with pytest.raises(InvalidInput, match="删除原因"):
        abroad_delete(trip=own, by=finance_officer, reason="")
    abroad_delete(trip=own, by=finance_officer, reason="重复登记")
    assert AbroadTrip.all_objects.get(pk=own.pk).deleted_at is not None


def test_the_leader_sees_the_report_due_in_the_to_do(org, finance_officer, cadre_same_unit):
    from qinglian.frugality.todos.abroad import reports_to_hand_in

    trip = AbroadTripFactory(leader=cadre_same_unit.person, depart_on=D(2026, 10, 5), return_on=D(2026, 10, 10))
    AbroadTripFactory(leader=cadre_same_unit.person, report_on=D(2026, 6, 1))
    items = reports_to_hand_in(cadre_same_unit)
    assert [i.link for i in items] == [f"/frugality/abroad/{trip.pk}/"]
    assert items[0].due == D(2026, 11, 10) and items[0].overdue
    assert reports_to_hand_in(finance_officer) == []
    page = _as(cadre_same_unit).get(reverse("frugality_abroad_detail", args=[trip.pk])).content.decode()
    assert "逾期未提交报告" in page and "abroad-edit" not in page


# --- pages ------------------------------------------------------------------------------------------------------


def test_the_list_filters_and_totals(org, finance_officer, cadre_same_unit, cadre_other_unit):
    AbroadTripFactory(leader=cadre_same_unit.person, countries="日本", country_count=1, total_amount=Decimal("60000"))
    AbroadTripFactory(
        leader=cadre_other_unit.person, depart_on=D(2025, 9, 1), return_on=D(2025, 9, 5), report_on=D(2025, 9, 20)
    )
    client = _as(finance_officer)
    page = client.get(reverse("frugality_abroad_list")).content.decode()
    assert "合计 2 个团组" in page and "240000.00" in page
    page = client.get(reverse("frugality_abroad_list") + "?year=2026&q=日本").content.decode()
    assert "合计 1 个团组" in page and "60000.00" in page
    page = client.get(reverse("frugality_abroad_list") + f"?unit={org.unit_b.pk}&report=done").content.decode()
    assert "合计 1 个团组" in page and "已按期提交报告" in page
    page = client.get(reverse("frugality_abroad_list") + "?month_from=9&month_to=12&print=1").content.decode()
    assert "合计 1 个团组" in page
    page = client.get(reverse("frugality_abroad_list") + "?report=overdue").content.decode()
    assert "合计 1 个团组" in page and "日本" in page and "逾期未提交报告" in page


def test_the_form_and_the_report_page(org, finance_officer, cadre_same_unit, plan_item):
    client = _as(finance_officer)
    form = {
        "leader": cadre_same_unit.person.pk,
        "purpose": "友好交流",
        "countries": "德国、法国",
        "country_count": "2",
        "team_size": "5",
        "depart_on": "2026-05-10",
        "return_on": "2026-05-17",
        "plan_item": plan_item.pk,
        "total_amount": "18.6万元",
    }
    response = client.post(reverse("frugality_abroad_create"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    trip = AbroadTrip.objects.get()
    assert trip.total_amount == Decimal("186000.00") and trip.unit_id == org.unit_a.pk
    response = client.post(reverse("frugality_abroad_create"), form | {"return_on": "2026-05-01"})
    assert "入境日期不能早于出境日期" in response.content.decode()
    response = client.post(reverse("frugality_abroad_create"), form | {"total_amount": "1,2万元x"})
    assert "无法识别" in response.content.decode()
    assert AbroadTrip.objects.count() == 1
    response = client.post(reverse("frugality_abroad_report", args=[trip.pk]), {"report_on": "2026-06-05"})
    assert response.status_code == 302
    assert "已按期提交报告" in client.get(reverse("frugality_abroad_detail", args=[trip.pk])).content.decode()


def test_the_api(org, finance_officer, cadre_same_unit, plan_item):
    client = _as(finance_officer)
    body = {
        "leader_id": cadre_same_unit.person.pk,
        "purpose": "友好交流",
        "countries": "德国、法国",
        "country_count": 2,
        "team_size": 5,
        "depart_on": "2026-05-10",
        "return_on": "2026-05-17",
        "plan_item_id": plan_item.pk,
        "total_amount": "18.6万元",
    }
    response = client.post("/api/frugality/abroad", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["total_amount"] == "186000.00" and data["days"] == 8 and data["report_due_on"] == "2026-06-17"
    pk = data["id"]
    bad = client.post("/api/frugality/abroad", json.dumps(body | {"country_count": 3}), content_type="application/json")
    assert bad.status_code == 400 and "不一致" in bad.json()["message"]
    bad = client.post(
        "/api/frugality/abroad", json.dumps(body | {"total_amount": "1,2万元x"}), content_type="application/json"
    )
    assert bad.status_code == 422
    bad = client.post("/api/frugality/abroad", json.dumps(body | {"leader_id": 0}), content_type="application/json")
    assert bad.status_code == 400 and "团长" in bad.json()["message"]
    report = json.dumps({"report_on": "2026-06-05"})
    denied = _as(cadre_same_unit).post(f"/api/frugality/abroad/{pk}/report", report, content_type="application/json")
    assert denied.status_code == 403
    response = client.post(f"/api/frugality/abroad/{pk}/report", report, content_type="application/json")
    assert response.status_code == 200 and response.json()["report_label"] == "已按期提交报告"
    mine = _as(cadre_same_unit).get("/api/frugality/abroad").json()
    assert [t["id"] for t in mine["items"]] == [pk]


# --- import and export --------------------------------------------------------------------------------------------

HEADERS = ["凭证号", "团长", "出访任务", "出访国家（地区）", "国家（地区）数", "团组人数", "出境日期", "入境日期"]


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADERS, "费用合计（元）", "年度计划事项"])
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_the_import_judges_rows_all_or_nothing(org, finance_officer, cadre_same_unit, plan_item):
    name = cadre_same_unit.person.name
    good = ("记-1", name, "交流", "德国、法国", "２", "5", "2026-05-10", "2026-05-17", "１８.６万元", "赴欧洲友好交流")
    importer = AbroadTripImport.for_user(finance_officer)
    plan = importer.parse(
        _sheet(
            good,
            ("记-2", name, "交流", "德国、法国", "2", "5", "2026-06-10", "2026-06-01", "100", ""),
            ("记-3", name, "交流", "德国、法国", "3", "5", "2026-07-10", "2026-07-17", "100", ""),
            ("记-4", name, "交流", "日本", "1", "5", "2026-08-10", "2026-08-12", "1,2万元x", ""),
            ("记-5", "无此人", "交流", "日本", "1", "5", "2026-09-10", "2026-09-12", "100", ""),
            ("记-6", name, "交流", "日本", "1", "5", "2026-09-10", "2026-09-12", "100", "没有的事项"),
        )
    )
    assert [bool(r.errors) for r in plan.rows] == [False, True, True, True, True, True]
    assert plan.rows[0].values["total_amount"] == Decimal("186000.00")
    assert plan.rows[0].values["plan_item_id"] == plan_item.pk
    assert "入境日期不能早于出境日期" in plan.rows[1].errors[0][1]
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not AbroadTrip.all_objects.exists()


def test_the_export_re_imports_unchanged_and_an_import_adds_the_report(
    org, finance_officer, cadre_same_unit, cadre_other_unit, plan_item
):
    AbroadTripFactory(leader=cadre_same_unit.person, plan_item=plan_item, note="=含等号")
    AbroadTripFactory(leader=cadre_other_unit.person, countries="日本", country_count=1, report_on=D(2026, 6, 2))
    exported = _as(finance_officer).get(reverse("frugality_abroad_export"))
    assert exported.status_code == 200
    importer = AbroadTripImport.for_user(finance_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化", "无变化"]
    wb = load_workbook(io.BytesIO(exported.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[2]]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, headers.index("团长") + 1).value == "cadre_same_unit")
    ws.cell(row=row, column=headers.index("出访报告提交日期") + 1, value="2026-06-10")
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = importer.parse(buffer.getvalue())
    assert sorted(r.action.value for r in plan.rows) == ["无变化", "更新"]
    importer.apply(plan, mode="all", by=finance_officer)
    assert AbroadTrip.objects.get(leader=cadre_same_unit.person).report_on == D(2026, 6, 10)
    AbroadTrip.objects.all().delete()
    result = importer.apply(importer.parse(exported.content), mode="all", by=finance_officer)
    assert result.created == 2
    again = AbroadTrip.objects.get(leader=cadre_same_unit.person)
    assert again.plan_item == plan_item and again.note == "=含等号" and again.entry_source == EntrySource.IMPORTED


# --- persona matrix -----------------------------------------------------------------------------------------------

EVERYONE = (*PERSONAS, "personnel_officer", "finance_officer")
# The delegation is led by cadre_same_unit, paid by unit A (办公室, headed by unit_head).
# fmt: off
# Columns: party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
# finance_officer.
MATRIX = {
    "trip": "r             r         r          -           r      r          -        -        -          -         w",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, EVERYONE))
def test_matrix(request, org, target, persona_name, expected):
    people = {name: request.getfixturevalue(name) for name in EVERYONE}
    trip = AbroadTripFactory(leader=people["cadre_same_unit"].person, purpose="独一无二的出访任务")
    user = people[persona_name]
    check_cell(
        model=AbroadTrip,
        access=permissions.access_abroad_trip,
        user=user,
        obj=trip,
        expected=expected,
        label=persona_name,
    )
    client = _as(user)
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("frugality_abroad_detail", args=[trip.pk])).status_code == read
    assert client.get(reverse("frugality_abroad_edit", args=[trip.pk])).status_code == write
    assert client.get(f"/api/frugality/abroad/{trip.pk}").status_code == read
    export = client.get(reverse("frugality_abroad_export"))
    if export.status_code == 200:
        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的出访任务" in text) == (expected in "rw")
