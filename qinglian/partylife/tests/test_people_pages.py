"""Study records, training hours, participation, annual plan grid and the democratic-life meeting process."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.compliance.models import RuleParameterSet
from qinglian.core import workdays
from qinglian.core.testing import phone_page
from qinglian.org.tests.factories import BranchFactory
from qinglian.partylife.models import AnnualPlan, Attendance, DemocraticLifeStep, Meeting, PlanItem, StudyRecord

TODAY = timezone.localdate()


def _param(org, code: str, values: dict) -> RuleParameterSet:
    """An organ-level set: the most specific, so it wins over any seeded central figure."""
    return RuleParameterSet.objects.create(
        rule_code=code,
        jurisdiction="organ",
        organ=org.organ,
        effective_from=dt.date(2000, 1, 1),
        values=values,
        source="测试依据",
    )


@pytest.fixture
def branch(org):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    return branch


def _study(person, hours: str, day: dt.date = TODAY) -> StudyRecord:
    return StudyRecord.objects.create(
        organ=person.organ, person=person, kind="online", date=day, title="网络学院课程", hours=Decimal(hours)
    )


# --- study records -------------------------------------------------------------------------------


def test_a_cadre_records_their_own_study(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    data = {"kind": "training", "date": TODAY.isoformat(), "title": "专题培训班", "hours": "8"}
    response = client.post(reverse("study_create"), data)
    assert response.status_code == 302
    assert StudyRecord.objects.get(title="专题培训班").person_id == cadre_same_unit.person_id


def test_it_refuses_a_study_record_for_someone_else_with_403(client, cadre_same_unit, unit_head):
    client.force_login(cadre_same_unit)
    data = {"kind": "training", "date": TODAY.isoformat(), "title": "代人登记", "hours": "8"}
    response = client.post(reverse("study_create") + f"?person={unit_head.person_id}", data)
    assert response.status_code == 403
    assert not StudyRecord.objects.filter(title="代人登记").exists()


def test_the_party_officer_may_record_for_a_member(client, party_officer, cadre_other_unit):
    client.force_login(party_officer)
    data = {
        "kind": "lecture",
        "date": TODAY.isoformat(),
        "title": "代为登记",
        "hours": "2",
        "person": cadre_other_unit.person_id,
    }
    assert client.post(reverse("study_create"), data).status_code == 302
    assert StudyRecord.objects.get(title="代为登记").person_id == cadre_other_unit.person_id


def test_the_study_list_shows_my_records_but_not_another_units(client, cadre_same_unit, cadre_other_unit):
    _study(cadre_same_unit.person, "2")
    StudyRecord.objects.create(
        organ=cadre_other_unit.person.organ,
        person=cadre_other_unit.person,
        kind="online",
        date=TODAY,
        title="别人的课程",
        hours=Decimal("3"),
    )
    client.force_login(cadre_same_unit)
    page = client.get(reverse("study_list")).content.decode()
    assert "网络学院课程" in page and "别人的课程" not in page


# --- training hours ------------------------------------------------------------------------------


def _attended_meeting(org, branch, person, hours: str) -> Meeting:
    meeting = Meeting.objects.create(
        organ=org.organ, branch=branch, kind="party_lecture", date=TODAY, topic="专题党课", hours=Decimal(hours)
    )
    Attendance.objects.create(meeting=meeting, person=person, status="present")
    return meeting


def test_training_hours_add_meetings_and_study_against_the_rule_target(
    client, org, branch, party_officer, cadre_same_unit
):
    _param(org, "PL-011", {"min_hours": 40, "warn_working_days": 10, "look_back": 1})
    _attended_meeting(org, branch, cadre_same_unit.person, "4")
    _study(cadre_same_unit.person, "12")
    client.force_login(party_officer)
    response = client.get(reverse("training_hours"), {"unit": org.unit_a.pk})
    page = response.content.decode()
    assert f'data-person="{cadre_same_unit.person_id}">16<' in page
    assert "不少于 <strong>40</strong> 学时" in page
    assert 'style="width: 40%"' in page


def test_training_hours_show_no_target_without_a_parameter_set(client, org, party_officer, cadre_same_unit):
    RuleParameterSet.objects.filter(rule_code="PL-011").delete()
    _study(cadre_same_unit.person, "5.5")
    client.force_login(party_officer)
    page = client.get(reverse("training_hours")).content.decode()
    assert f'data-person="{cadre_same_unit.person_id}">5.5<' in page
    assert "未设置学时要求参数" in page
    assert "progress-bar" not in page


def test_training_hours_export_lists_hours_and_whether_the_target_is_met(client, org, party_officer, cadre_same_unit):
    _param(org, "PL-011", {"min_hours": 45})
    _study(cadre_same_unit.person, "40")
    client.force_login(party_officer)
    response = client.get(reverse("training_hours"), {"format": "xlsx", "unit": org.unit_a.pk})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    line = next(r for r in rows if r[1] == cadre_same_unit.person.name)
    assert (line[3], line[4], line[5]) == (40, 45, "否")


def test_a_cadre_sees_only_their_own_hours(client, cadre_same_unit, unit_head):
    _study(unit_head.person, "9")
    client.force_login(cadre_same_unit)
    page = client.get(reverse("training_hours")).content.decode()
    assert f'data-person="{unit_head.person_id}"' not in page
    assert f'data-person="{cadre_same_unit.person_id}"' in page


# --- participation -------------------------------------------------------------------------------


def test_participation_shows_attendance_and_hours(client, org, branch, unit_head, cadre_same_unit):
    _attended_meeting(org, branch, cadre_same_unit.person, "3")
    client.force_login(unit_head)
    response = client.get(reverse("person_participation", args=[cadre_same_unit.person_id]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "专题党课" in page and "出席 <strong>1</strong>" in page


def test_participation_is_404_for_a_cadre_of_another_unit(client, cadre_other_unit, cadre_same_unit):
    client.force_login(cadre_other_unit)
    response = client.get(reverse("person_participation", args=[cadre_same_unit.person_id]))
    assert response.status_code == 404


# --- annual plan ---------------------------------------------------------------------------------


@pytest.fixture
def last_years_plan(org, branch):
    year = TODAY.year - 1
    plan = AnnualPlan.objects.create(organ=org.organ, branch=branch, year=year)
    held = PlanItem.objects.create(plan=plan, month=3, kind="branch_committee_meeting", topic="三月支委会")
    missed = PlanItem.objects.create(plan=plan, month=5, kind="party_lecture", topic="五月党课")
    Meeting.objects.create(
        organ=org.organ,
        branch=branch,
        kind="branch_committee_meeting",
        date=dt.date(year, 3, 10),
        topic="三月支委会",
        plan_item=held,
    )
    return plan, held, missed


def test_the_plan_grid_shows_held_and_overdue_slots(client, party_officer, branch, last_years_plan):
    plan, held, missed = last_years_plan
    client.force_login(party_officer)
    page = client.get(reverse("plan_detail", args=[branch.pk, plan.year])).content.decode()
    assert f'data-slot="{held.pk}" data-state="held"' in page
    assert f'data-slot="{missed.pk}" data-state="overdue"' in page
    assert "逾期未召开 <strong>1</strong>" in page


def test_a_future_slot_is_planned_and_the_quarter_view_groups_months(client, org, party_officer, branch):
    plan = AnnualPlan.objects.create(organ=org.organ, branch=branch, year=TODAY.year)
    slot = PlanItem.objects.create(plan=plan, month=12, kind="theme_day", topic="年终主题党日")
    client.force_login(party_officer)
    page = client.get(reverse("plan_detail", args=[branch.pk, plan.year]), {"view": "quarter"}).content.decode()
    assert f'data-slot="{slot.pk}" data-state="planned"' in page
    assert "第4季度" in page and "12月" in page


def test_the_plan_is_edited_as_lines_of_month_kind_topic(client, party_officer, branch):
    client.force_login(party_officer)
    lines = "1,支部委员会会议,一月支委会\n2，党课，二月党课\n"
    url = reverse("plan_edit", args=[branch.pk, TODAY.year])
    assert client.post(url, {"lines": lines}).status_code == 302
    items = AnnualPlan.objects.get(branch=branch, year=TODAY.year).items.order_by("month")
    assert [(i.month, i.kind, i.topic) for i in items] == [
        (1, "branch_committee_meeting", "一月支委会"),
        (2, "party_lecture", "二月党课"),
    ]


def test_the_plan_editor_reports_unreadable_lines(client, party_officer, branch):
    client.force_login(party_officer)
    response = client.post(reverse("plan_edit", args=[branch.pk, TODAY.year]), {"lines": "13,党课,\n3,开会,x"})
    page = response.content.decode()
    assert "第1行：月份应为1至12" in page and "第2行：会议类型“开会”无法识别" in page


def test_a_member_cannot_edit_the_plan_but_can_read_it(client, cadre_same_unit, branch):
    cadre_same_unit.person.branch = branch
    cadre_same_unit.person.save()
    client.force_login(cadre_same_unit)
    assert client.post(reverse("plan_edit", args=[branch.pk, TODAY.year]), {"lines": "1,党课,x"}).status_code == 403
    assert client.get(reverse("plan_detail", args=[branch.pk, TODAY.year])).status_code == 200


def test_a_cadre_of_another_branch_cannot_read_the_plan(client, cadre_other_unit, branch):
    client.force_login(cadre_other_unit)
    assert client.get(reverse("plan_detail", args=[branch.pk, TODAY.year])).status_code == 404


# --- democratic-life meeting ---------------------------------------------------------------------


def test_the_party_officer_marks_a_step_done(client, org, party_officer):
    client.force_login(party_officer)
    url = reverse("dlm_mark", args=[TODAY.year])
    response = client.post(url, {"step": "opinions", "done_on": TODAY.isoformat(), "note": "发放征求意见表"})
    assert response.status_code == 302
    client.post(url, {"step": "opinions", "done_on": TODAY.isoformat(), "note": "改正说明"})
    step = DemocraticLifeStep.objects.get(year=TODAY.year, step="opinions")
    assert (step.done_on, step.note) == (TODAY, "改正说明")
    page = client.get(reverse("dlm_process", args=[TODAY.year])).content.decode()
    assert f"{TODAY:%Y-%m-%d} 完成" in page


@pytest.mark.parametrize("name", ["leader", "supervisor", "unit_head", "cadre_same_unit"])
def test_only_the_party_officer_may_mark_steps(client, persona, name):
    client.force_login(persona(name))
    response = client.post(reverse("dlm_mark", args=[TODAY.year]), {"step": "talks", "done_on": TODAY.isoformat()})
    assert response.status_code == 403
    assert not DemocraticLifeStep.objects.exists()


def test_the_process_page_is_for_organ_readers(client, leader, cadre_same_unit):
    client.force_login(leader)
    page = client.get(reverse("dlm_process", args=[TODAY.year])).content.decode()
    assert "会前征求意见" in page and "登记环节完成情况" not in page
    client.force_login(cadre_same_unit)
    assert client.get(reverse("dlm_process", args=[TODAY.year])).status_code == 404


def test_the_report_deadline_follows_the_meeting_by_the_rule_days(client, org, party_officer):
    _param(org, "PL-010", {"report_days": 12, "look_back": 1})
    held_on = dt.date(TODAY.year - 1, 12, 20)
    Meeting.objects.create(
        organ=org.organ, holder="leading_group", kind="democratic_life_meeting", date=held_on, topic="年度民主生活会"
    )
    client.force_login(party_officer)
    page = client.get(reverse("dlm_process", args=[held_on.year])).content.decode()
    assert "会后 12 日内" in page
    # 民法典第二百零三条: a last day on a holiday moves on (run in 2026, 20 Dec 2025 + 12 days is New Year's Day).
    assert f'data-testid="report-due">{workdays.add_days(held_on, 12):%Y-%m-%d}<' in page
    assert "年度民主生活会" in page


def test_an_open_slot_links_to_recording_the_meeting_by_plan(client, org, party_officer, branch):
    plan = AnnualPlan.objects.create(organ=org.organ, branch=branch, year=TODAY.year)
    slot = PlanItem.objects.create(plan=plan, month=12, kind="theme_day", topic="年终主题党日")
    client.force_login(party_officer)
    page = client.get(reverse("plan_detail", args=[branch.pk, plan.year])).content.decode()
    assert f"{reverse('meeting_create')}?plan_item={slot.pk}" in page


def test_a_held_slot_links_to_its_meeting(client, party_officer, branch, last_years_plan):
    plan, held, _ = last_years_plan
    client.force_login(party_officer)
    page = client.get(reverse("plan_detail", args=[branch.pk, plan.year])).content.decode()
    assert reverse("meeting_detail", args=[held.meeting.pk]) in page


# --- every page, every persona: no server error, nothing for the anonymous ----------------------

PAGES = [
    ("talk_list", []),
    ("talk_create", []),
    ("talk_coverage", []),
    ("study_list", []),
    ("study_create", []),
    ("training_hours", []),
    ("plan_index", []),
    ("dlm_index", []),
]


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize(("page", "args"), PAGES)
def test_the_pages_answer_every_persona_without_error(client, persona, branch, name, page, args):
    client.force_login(persona(name))
    response = client.get(reverse(page, args=args), follow=True)
    assert response.status_code in (200, 403, 404)


@pytest.mark.parametrize(("page", "args"), PAGES)
def test_the_anonymous_is_sent_to_login(client, org, page, args):
    response = client.get(reverse(page, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- 375 px (浙政钉 H5) ----------------------------------------------------------------------------

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
def test_the_people_pages_fit_375px(transactional_db, live_server, browser, artifacts, org, party_officer, branch):
    plan = AnnualPlan.objects.create(organ=org.organ, branch=branch, year=TODAY.year)
    PlanItem.objects.create(plan=plan, month=1, kind="party_lecture", topic="学习贯彻党的二十届四中全会精神专题党课")
    context, page = phone_page(browser, live_server, "party_officer")
    urls = {
        "plan": reverse("plan_detail", args=[branch.pk, TODAY.year]),
        "hours": reverse("training_hours"),
        "talks": reverse("talk_list"),
        "coverage": reverse("talk_coverage") + f"?branch={branch.pk}",
        "dlm": reverse("dlm_process", args=[TODAY.year]),
    }
    for name, url in urls.items():
        page.goto(live_server.url + url)
        assert page.evaluate(OVERFLOW) <= 1, name
        page.screenshot(path=str(artifacts / f"partylife-{name}-375px.png"), full_page=True)
    context.close()
