"""The training ledger's pages, API and permission matrix: the list with filters and totals, the course page with
its figures and findings, the form with its lines (bad amounts, dates out of order, a lecture outside the course),
withdrawal; the API's writes and refusals; who sees and writes what."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from qinglian.compliance.engine import run_checks
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality import permissions
from qinglian.frugality.choices import CostKind, LecturerTitle, PlanKind, TrainingCategory
from qinglian.frugality.models import TrainingCourse
from qinglian.frugality.tests.factories import (
    LectureFactory,
    PlanItemFactory,
    SpendingPlanFactory,
    TrainingCostFactory,
    TrainingCourseFactory,
)

D = dt.date
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(org, **over) -> dict[str, str]:
    data = {
        "voucher_no": "记03-101",
        "unit": str(org.unit_a.pk),
        "name": "新任干部业务培训班",
        "category": TrainingCategory.THREE,
        "start_on": "2026-03-10",
        "end_on": "2026-03-12",
        "days": "3",
        "travel_days": "0",
        "attendees": "40",
        "staff": "3",
        "venue": "市委党校",
        "venue_city": "丽水",
        "adhoc_approved_on": "2026-03-02",
        "cost-TOTAL_FORMS": "2",
        "cost-INITIAL_FORMS": "2",
        "cost-MIN_NUM_FORMS": "0",
        "cost-MAX_NUM_FORMS": "100",
        "cost-0-kind": CostKind.LODGING,
        "cost-0-amount": "1,2000元",
        "cost-0-description": "住宿",
        "cost-1-kind": "",
        "cost-1-amount": "",
        "lecture-TOTAL_FORMS": "1",
        "lecture-INITIAL_FORMS": "1",
        "lecture-MIN_NUM_FORMS": "0",
        "lecture-MAX_NUM_FORMS": "100",
        "lecture-0-lecturer": "李教授",
        "lecture-0-title": LecturerTitle.SENIOR,
        "lecture-0-on": "2026-03-11",
        "lecture-0-hours": "3",
        "lecture-0-fee": "０.３万元",
    }
    return {**data, **over}


def test_the_finance_officer_enters_a_course_with_its_lines(org, finance_officer):
    client = _as(finance_officer)
    assert client.get(reverse("frugality_training_create")).status_code == 200
    response = client.post(reverse("frugality_training_create"), _form(org))
    assert response.status_code == 302, response.content.decode()[:2000]
    course = TrainingCourse.objects.get()
    assert course.total_amount == Decimal(12000) and course.lectures.get().fee == Decimal(3000)
    page = client.get(reverse("frugality_training_detail", args=[course.pk])).content.decode()
    assert "新任干部业务培训班" in page and "李教授" in page and 'data-testid="figures"' in page
    edit = client.get(reverse("frugality_training_edit", args=[course.pk])).content.decode()
    assert 'value="李教授"' in edit


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cost-0-amount": "1,2万元x"}, "无法识别"),
        ({"end_on": "2026-03-09"}, "结束日期不能早于开始日期"),
        ({"days": "5"}, "培训天数不能超过起止日期之间的天数（3天）"),
        ({"lecture-0-on": "2026-03-15"}, "授课日期不在培训起止日期"),
        ({"lecture-0-fee": ""}, "必填"),
        ({"cost-0-kind": ""}, "必填"),
    ],
)
def test_the_form_refuses_bad_input_and_writes_nothing(org, finance_officer, change, message):
    response = _as(finance_officer).post(reverse("frugality_training_create"), _form(org, **change))
    assert response.status_code == 400 and message in response.content.decode()
    assert not TrainingCourse.all_objects.exists()


def test_the_form_refuses_a_plan_item_of_another_year(org, finance_officer):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.TRAINING, year=2025)
    item = PlanItemFactory(plan=plan, name="去年的培训")
    response = _as(finance_officer).post(reverse("frugality_training_create"), _form(org, plan_item=str(item.pk)))
    assert response.status_code == 400 and "请选择2026年度培训计划的事项" in response.content.decode()


def test_the_list_filters_and_totals(org, finance_officer, unit_head):
    march = TrainingCourseFactory(unit=org.unit_a, name="三月的班", total_amount=Decimal(30000))
    TrainingCourseFactory(unit=org.unit_b, name="五月的班", start_on=D(2026, 5, 6), end_on=D(2026, 5, 8))
    TrainingCourseFactory(unit=org.unit_a, name="去年的班", start_on=D(2025, 3, 4), end_on=D(2025, 3, 6))
    client = _as(finance_officer)
    page = client.get(reverse("frugality_training_list") + "?year=2026&month_from=3&month_to=4").content.decode()
    assert "三月的班" in page and "五月的班" not in page and "去年的班" not in page
    assert 'data-figure="total">30000.00' in page and "合计 1 期培训，159 人天" in page
    page = client.get(reverse("frugality_training_list") + f"?unit={org.unit_b.pk}&q=五月").content.decode()
    assert "五月的班" in page and "三月的班" not in page
    page = client.get(reverse("frugality_training_list") + "?month_from=5&month_to=3").content.decode()
    assert "截止月不能早于起始月" in page
    assert client.get(reverse("frugality_training_list") + "?print=1").status_code == 200
    head_page = _as(unit_head).get(reverse("frugality_training_list")).content.decode()
    assert "三月的班" in head_page and "五月的班" not in head_page and "登记培训" not in head_page
    assert march.pk


def test_the_list_shows_the_unplanned_courses_without_approval(org, finance_officer):
    """The finance officer's card counts these and links here (?year=&planned=unapproved)."""
    TrainingCourseFactory(unit=org.unit_a, name="计划外未审批")
    TrainingCourseFactory(unit=org.unit_a, name="计划外已审批", adhoc_approved_on=D(2026, 3, 1))
    page = _as(finance_officer).get(reverse("frugality_training_list") + "?year=&planned=unapproved")
    text = page.content.decode()
    assert "计划外未审批" in text and "计划外已审批" not in text


def test_the_course_page_shows_its_figures_and_findings(org, finance_officer, party_officer):
    course = TrainingCourseFactory(unit=org.unit_a, total_amount=Decimal(0), staff=12, attendees=50)
    TrainingCostFactory(course=course, kind=CostKind.SOUVENIR, amount=Decimal(800), description="文化衫")
    LectureFactory(course=course, title=LecturerTitle.ASSOCIATE, hours=3, fee=4500)
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 12, 7), codes=["FRG-030", "FRG-033", "FRG-034"])
    page = _as(party_officer).get(reverse("frugality_training_detail", args=[course.pk])).content.decode()
    assert 'data-testid="record-findings"' in page
    assert "计划外培训未经审批" in page and "培训地点或开支违规" in page and "培训工作人员超比例" in page
    assert "文化衫" in page and "1500.00" in page  # the lecture's fee per hour
    assert 'data-testid="training-edit"' not in page


def test_withdrawing_from_the_page_needs_a_reason(org, finance_officer):
    course = TrainingCourseFactory(unit=org.unit_a)
    client = _as(finance_officer)
    client.post(reverse("frugality_training_delete", args=[course.pk]), {"reason": ""})
    assert TrainingCourse.objects.filter(pk=course.pk).exists()
    response = client.post(reverse("frugality_training_delete", args=[course.pk]), {"reason": "重复登记"})
    assert response.status_code == 302 and not TrainingCourse.objects.filter(pk=course.pk).exists()


# --- API ---------------------------------------------------------------------------------------------------------


def _body(org, **over) -> dict:
    body = {
        "voucher_no": "记03-201",
        "unit_id": org.unit_a.pk,
        "name": "财务人员培训",
        "category": "three",
        "start_on": "2026-03-10",
        "end_on": "2026-03-11",
        "days": "2",
        "attendees": 30,
        "staff": 2,
        "venue": "机关第一会议室",
        "adhoc_approved_on": "2026-03-02",
        "costs": [{"kind": "meals", "amount": "0.6万元"}, {"kind": "materials", "amount": 1200}],
        "lectures": [{"lecturer": "王老师", "title": "associate", "on": "2026-03-10", "hours": "3", "fee": "1500"}],
    }
    return {**body, **over}


def _post(client: Client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_creates_reads_updates_and_withdraws(org, finance_officer, party_officer):
    client = _as(finance_officer)
    response = _post(client, "/api/frugality/training", _body(org))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["total_amount"] == "7200.00" and data["category_label"] == "三类培训（处级及以下）"
    assert [c["kind_label"] for c in data["costs"]] == ["伙食费", "资料费"] and data["lectures"][0]["fee"] == "1500.00"
    pk = data["id"]
    listed = _as(party_officer).get("/api/frugality/training?year=2026&q=财务").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == pk
    changed = client.put(
        f"/api/frugality/training/{pk}", json.dumps(_body(org, costs=[])), content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["total_amount"] == "0.00"
    assert _post(_as(party_officer), f"/api/frugality/training/{pk}/delete", {"reason": "误录"}).status_code == 403
    assert _post(client, f"/api/frugality/training/{pk}/delete", {"reason": "误录"}).status_code == 204
    assert client.get(f"/api/frugality/training/{pk}").status_code == 404


def test_the_api_refuses_bad_input_in_chinese_and_writes_nothing(org, finance_officer, party_officer):
    client = _as(finance_officer)
    bad_amount = _post(client, "/api/frugality/training", _body(org, costs=[{"kind": "meals", "amount": "1,2万元x"}]))
    assert bad_amount.status_code == 422 and "无法识别" in bad_amount.content.decode()
    out_of_order = _post(client, "/api/frugality/training", _body(org, end_on="2026-03-09"))
    assert out_of_order.status_code == 400 and "不能早于开始日期" in out_of_order.json()["message"]
    outside = _body(org)
    outside["lectures"][0]["on"] = "2026-03-20"
    assert "不在培训起止日期" in _post(client, "/api/frugality/training", outside).json()["message"]
    unknown_unit = _post(client, "/api/frugality/training", _body(org, unit_id=org.stationed.pk))
    assert unknown_unit.status_code == 400
    assert _post(_as(party_officer), "/api/frugality/training", _body(org)).status_code == 403
    assert not TrainingCourse.all_objects.exists()


# --- who sees and writes what ----------------------------------------------------------------------------------------

PERSONAS_ALL = (*PERSONAS, "personnel_officer", "finance_officer")
# A course of unit A (办公室, which unit_head heads) and one of unit B.
# fmt: off
#              party unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel finance
MATRIX = {
    "course_a": "r     r         -          -           r      r          -        -        -          -         w",
    "course_b": "r     -         -          -           r      r          -        -        -          -         w",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS_ALL))
def test_matrix(request, org, target, persona_name, expected):
    from openpyxl import load_workbook

    user = request.getfixturevalue(persona_name)
    unit = org.unit_a if target == "course_a" else org.unit_b
    obj = TrainingCourseFactory(unit=unit, name="独一无二的培训班")
    check_cell(
        model=TrainingCourse,
        access=permissions.access_course,
        user=user,
        obj=obj,
        expected=expected,
        label=persona_name,
    )
    status = 200 if expected in "rw" else 404
    client = _as(user)
    assert client.get(reverse("frugality_training_detail", args=[obj.pk])).status_code == status
    assert client.get(f"/api/frugality/training/{obj.pk}").status_code == status
    assert client.get(reverse("frugality_training_edit", args=[obj.pk])).status_code == {"w": 200, "r": 403}.get(
        expected, 404
    )
    export = client.get(reverse("frugality_training_export"))
    if export.status_code == 200:
        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的培训班" in text) == (expected in "rw")
