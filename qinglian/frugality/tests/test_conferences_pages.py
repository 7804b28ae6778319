"""会议费台账 pages, API, persona matrix, and the Excel import (one row per cost line grouped by 凭证号; all or
nothing; bad amounts, full-width digits, dates out of order) whose export re-imports unchanged."""

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
from qinglian.compliance.choices import Jurisdiction
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality import permissions
from qinglian.frugality.choices import CostKind, EntrySource, PlanKind, StandardKind
from qinglian.frugality.importers.conferences import ConferenceImport
from qinglian.frugality.models import Conference, ConferenceCost
from qinglian.frugality.tests.factories import (
    ConferenceCostFactory,
    ConferenceFactory,
    PlanItemFactory,
    SpendingPlanFactory,
    standard_table,
)

D = dt.date
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rates(org):
    return standard_table(
        StandardKind.CONFERENCE_RATE,
        [(("four",), {"per_person_day": "550", "max_days": "2", "max_travel_days": "1", "max_people": "50"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2016, 7, 1),
        title="测试会议费标准",
    )


@pytest.fixture
def item(org):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE, year=2026)
    return PlanItemFactory(plan=plan, name="立法工作座谈会", unit=org.unit_a)


FORM = {
    "voucher_no": "记-0310",
    "name": "立法工作座谈会",
    "category": "four",
    "start_on": "2026-03-10",
    "end_on": "2026-03-10",
    "days": "1",
    "travel_days": "0",
    "attendees": "40",
    "staff": "3",
    "venue": "机关第一会议室",
    "venue_city": "临江",
    "paid_on": "2026-03-18",
    "costs-TOTAL_FORMS": "3",
    "costs-INITIAL_FORMS": "0",
    "costs-0-kind": "meals",
    "costs-0-amount": "3,200元",
    "costs-0-description": "工作餐",
    "costs-1-kind": "materials",
    "costs-1-amount": "０.０８万元",
}


def test_the_form_records_a_meeting_with_its_bill(org, finance_officer, item, rates):
    client = _as(finance_officer)
    assert client.get(reverse("frugality_conference_create")).status_code == 200
    response = client.post(
        reverse("frugality_conference_create"), {**FORM, "unit": org.unit_a.pk, "plan_item": item.pk}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Conference.objects.get()
    assert meeting.total_amount == Decimal("4000.00") and meeting.plan_item == item
    edit = client.get(reverse("frugality_conference_edit", args=[meeting.pk])).content.decode()
    assert "3200.00" in edit and "costs-4-kind" in edit  # the two lines and three blank rows


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_on": "2026-03-09"}, "结束日期不能早于开始日期"),
        ({"costs-0-amount": "1,2万元x"}, "无法识别"),
        ({"costs-0-kind": "", "costs-0-description": ""}, "请选择费用类别"),
        ({"start_on": "2025-03-10", "end_on": "2025-03-10"}, "属于2026年度计划"),
        ({"total_amount": "5000"}, "与明细之和4,000.00元不一致"),
    ],
)
def test_the_form_refuses_bad_input_in_chinese(org, finance_officer, item, change, message):
    data = {**FORM, "unit": org.unit_a.pk, "plan_item": item.pk, **change}
    response = _as(finance_officer).post(reverse("frugality_conference_create"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Conference.all_objects.exists()


def test_the_list_shows_the_unplanned_meetings_without_approval(org, party_officer):
    """The finance officer's card counts these and links here (?year=&planned=unapproved)."""
    ConferenceFactory(unit=org.unit_a, name="计划外未审批的会")
    ConferenceFactory(unit=org.unit_a, name="计划外已审批的会", adhoc_approved_on=D(2026, 3, 1))
    page = _as(party_officer).get(reverse("frugality_conference_list") + "?year=&planned=unapproved").content.decode()
    assert "计划外未审批的会" in page and "计划外已审批的会" not in page


def test_the_list_filters_totals_figures_and_print(org, party_officer, rates):
    ConferenceFactory(unit=org.unit_a, name="立法论证会", total_amount=Decimal("8000"))
    ConferenceFactory(
        unit=org.unit_b, name="财经座谈会", total_amount=Decimal("30000"), start_on=D(2026, 6, 2), end_on=D(2026, 6, 2)
    )
    client = _as(party_officer)
    page = client.get(reverse("frugality_conference_list") + "?year=2026").content.decode()
    assert "立法论证会" in page and "财经座谈会" in page and "38000.00" in page
    assert "186.05" in page  # 8,000 ÷ 43 person-days
    march = client.get(reverse("frugality_conference_list") + "?year=2026&month_from=3&month_to=3").content.decode()
    assert "立法论证会" in march and "财经座谈会" not in march and "8000.00" in march
    assert "财经座谈会" in client.get(reverse("frugality_conference_list") + f"?unit={org.unit_b.pk}").content.decode()
    assert "财经座谈会" in client.get(reverse("frugality_conference_list") + "?q=财经").content.decode()
    assert client.get(reverse("frugality_conference_list") + "?print=1&month_from=13").status_code == 200


def test_the_detail_shows_figures_the_bill_and_its_findings(org, party_officer, finance_officer, rates):
    from qinglian.compliance.engine import run_checks

    meeting = ConferenceFactory(unit=org.unit_a, plan_item=None, attendees=70, total_amount=Decimal("50000"))
    ConferenceCostFactory(conference=meeting, kind=CostKind.SOUVENIR, amount=Decimal("2000"), description="纪念册")
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 12, 1), codes=["FRG-020", "FRG-021", "FRG-022", "FRG-024"])
    page = _as(party_officer).get(reverse("frugality_conference_detail", args=[meeting.pk])).content.decode()
    assert "参会人数70人，超过上限50人" in page and "不得列支" in page and "纪念册" in page
    assert "超出" in page and 'data-testid="record-findings"' in page and "计划外" in page
    assert "测试会议费标准" in page


def test_a_category_without_a_standard_says_so_on_the_page(org, party_officer):
    from qinglian.core import clock
    from qinglian.frugality.models import StandardTable

    StandardTable.objects.update(retired_at=clock.now())
    meeting = ConferenceFactory(unit=org.unit_a)
    page = _as(party_officer).get(reverse("frugality_conference_detail", args=[meeting.pk])).content.decode()
    assert "没有适用的会议费标准（四类会议），请财务核实" in page


def test_the_api(org, finance_officer, party_officer, item, rates):
    client = _as(finance_officer)
    body = {
        "voucher_no": "记-0310",
        "unit_id": org.unit_a.pk,
        "name": "立法工作座谈会",
        "category": "four",
        "plan_item_id": item.pk,
        "start_on": "2026-03-10",
        "end_on": "2026-03-10",
        "days": "1",
        "attendees": 40,
        "staff": 3,
        "venue": "机关第一会议室",
        "costs": [{"kind": "meals", "amount": "3,200元"}, {"kind": "materials", "amount": "０.０８万元"}],
    }
    response = client.post("/api/frugality/conferences", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["total_amount"] == "4000.00" and Decimal(data["person_days"]) == 43 and Decimal(data["rate"]) == 550
    pk = data["id"]
    bad = {**body, "costs": [{"kind": "meals", "amount": "1,2万元x"}]}
    response = client.put(f"/api/frugality/conferences/{pk}", json.dumps(bad), content_type="application/json")
    assert response.status_code == 422 and "无法识别" in json.dumps(response.json(), ensure_ascii=False)
    late = {**body, "end_on": "2026-03-09"}
    response = client.put(f"/api/frugality/conferences/{pk}", json.dumps(late), content_type="application/json")
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.json()["message"]
    assert Conference.objects.get().end_on == D(2026, 3, 10)
    reader = _as(party_officer)
    listed = reader.get("/api/frugality/conferences?year=2026&planned=planned").json()
    assert listed["count"] == 1 and listed["items"][0]["costs"][0]["kind_label"] == "伙食费"
    assert reader.get("/api/frugality/conferences?category=five").status_code == 400
    response = reader.put(f"/api/frugality/conferences/{pk}", json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    withdraw = {"reason": "录入错误"}
    response = client.post(
        f"/api/frugality/conferences/{pk}/withdraw", json.dumps(withdraw), content_type="application/json"
    )
    assert response.status_code == 200 and not Conference.objects.exists()


# --- the matrix ----------------------------------------------------------------------------------------------------

WITH_FINANCE = (*PERSONAS, "finance_officer")
# A meeting of 办公室 (unit A): the organ readers read it, so does unit A's head; only the finance officer writes.
# fmt: off
#             party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin finance
MATRIX = {
    "meeting_a": "r             r         -          -           r      r          -        -        -          w",
    "meeting_b": "r             -         -          -           r      r          -        -        -          w",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, WITH_FINANCE))
def test_matrix(request, org, target, persona_name, expected):
    user = request.getfixturevalue(persona_name)
    unit = org.unit_a if target == "meeting_a" else org.unit_b
    meeting = ConferenceFactory(unit=unit, name="独一无二的会议")
    check_cell(
        model=Conference,
        access=permissions.access_conference,
        user=user,
        obj=meeting,
        expected=expected,
        label=persona_name,
    )
    client = _as(user)
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("frugality_conference_detail", args=[meeting.pk])).status_code == read
    assert client.get(reverse("frugality_conference_edit", args=[meeting.pk])).status_code == write
    assert client.get(f"/api/frugality/conferences/{meeting.pk}").status_code == read
    listed = client.get("/api/frugality/conferences")
    ids = {row["id"] for row in listed.json().get("items", [])} if listed.status_code == 200 else set()
    assert (meeting.pk in ids) == (expected != "-")
    export = client.get(reverse("frugality_conference_export"))
    if export.status_code == 200:
        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的会议" in text) == (expected != "-")
    else:
        assert expected == "-"


# --- import and export ---------------------------------------------------------------------------------------------

HEADER = ["凭证号", "承办委室", "会议名称", "会议类别", "年度计划事项", "开始日期", "结束日期", "会期天数", "参会人数",
          "工作人员人数", "地点", "费用类别", "金额（元）", "摘要", "费用合计（元）"]  # fmt: skip


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row(voucher="记-0310", **kw):
    values = {
        "unit": "办公室", "name": "立法工作座谈会", "category": "四类会议", "item": "立法工作座谈会",
        "start": "2026-03-10", "end": "2026-03-10", "days": "1", "people": "40", "staff": "3", "venue": "机关会议室",
        "kind": "伙食费", "amount": "3200", "text": "工作餐", "total": "",
    }  # fmt: skip
    values.update(kw)
    return (voucher, *values.values())


def test_the_import_groups_lines_by_voucher_and_is_all_or_nothing(org, finance_officer, party_officer, item):
    importer = ConferenceImport.for_user(finance_officer)
    # fmt: off
    rows = (
        _row(amount="３２００"),
        _row(kind="资料费", amount="0.08万元", text=""),
        _row("记-0311", name="预算座谈会", item="", kind="", amount="", text="", total="1,2万元x"),
        _row("记-0312", name="论证会", item="", start="2026-04-02", end="2026-04-01", kind="", amount="", text="", total=6),  # noqa: E501
        _row("记-0313", name="另一次", item="", kind="宴请", amount="900"),
        _row("记-0313", name="另一次", item="", people="41", kind="伙食费", amount="100"),
    )
    # fmt: on
    plan = importer.parse(_sheet(*rows))
    assert [r.row for r in plan.rows] == [2, 4, 5, 6]
    assert [bool(r.errors) for r in plan.rows] == [False, True, True, True]
    assert "无法识别" in plan.rows[1].errors[0][1]
    assert "结束日期不能早于开始日期" in plan.rows[2].errors[0][1]
    assert plan.rows[3].errors == [("第7行", "会议各列与第6行不一致（同一凭证号应为同一会议）")]
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not Conference.all_objects.exists()
    result = importer.apply(importer.parse(_sheet(*rows[:2])), mode="all", by=finance_officer)
    assert result.created == 1
    meeting = Conference.objects.get()
    assert (meeting.total_amount, meeting.plan_item, meeting.entry_source) == (
        Decimal("4000.00"),
        item,
        EntrySource.IMPORTED,
    )
    assert ConferenceCost.objects.count() == 2
    with pytest.raises(Forbidden):
        ConferenceImport.for_user(party_officer)


def test_the_export_re_imports_unchanged_and_an_edited_line_is_an_update(org, finance_officer, item, leader):
    with_bill = ConferenceFactory(unit=org.unit_a, plan_item=item, voucher_no="记-0310", total_amount=Decimal("4000"))
    ConferenceCostFactory(conference=with_bill, kind=CostKind.MEALS, amount=Decimal("3200"), description="工作餐")
    ConferenceCostFactory(conference=with_bill, kind=CostKind.MATERIALS, amount=Decimal("800"), description="")
    ConferenceFactory(
        unit=org.unit_b,
        voucher_no="",
        name="计划外座谈会",
        adhoc_approved_on=D(2026, 3, 1),
        adhoc_approver=leader.person,
        briefing=True,
        travel_days=Decimal("0.5"),
        total_amount=Decimal("1234.56"),
        note="无明细",
    )
    exported = _as(finance_officer).get(reverse("frugality_conference_export"))
    assert exported.status_code == 200
    importer = ConferenceImport.for_user(finance_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化", "无变化"]
    ws = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    header = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        if row[header.index("凭证号")].value == "记-0310":
            row[header.index("费用合计（元）")].value = "3800"
            if row[header.index("摘要")].value == "工作餐":
                row[header.index("金额（元）")].value = "3000"
    buffer = io.BytesIO()
    ws.parent.save(buffer)
    changed = importer.parse(buffer.getvalue())
    assert sorted(r.action.value for r in changed.rows) == ["无变化", "更新"], [r.errors for r in changed.rows]
    importer.apply(changed, mode="all", by=finance_officer)
    assert Conference.objects.get(voucher_no="记-0310").total_amount == Decimal("3800.00")
