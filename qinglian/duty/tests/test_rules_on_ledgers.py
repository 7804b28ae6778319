"""The duty rules read the real ledgers through the runner: findings appear with the right person, unit, due
date and link, and close when the ledgers are put right."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context
from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence, TaskStatus, Theme
from qinglian.duty.models import AgendaTag, OversightNotice, ProgressReport, ResponsibilityLetter
from qinglian.duty.services.letters import letter_for_event, letter_sign, letters_generate
from qinglian.duty.services.notices import notice_issue, notice_reply
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.org.models import LeadingGroupMember, PersonnelEvent
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.models import AgendaItem, Meeting

D = dt.date


@pytest.fixture
def group(org, leader):
    """The Party group: a secretary (unit A) and `leader` (supervises unit B) as a member."""
    secretary = PersonFactory(organ=org.organ, unit=org.unit_a, name="书记")
    LeadingGroupMember.objects.create(organ=org.organ, person=secretary, post="secretary", start=D(2020, 1, 1))
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=D(2020, 1, 1))
    return secretary


@pytest.fixture
def year_list(org):
    return DutyListFactory(organ=org.organ, year=2026, published_on=D(2026, 1, 15))


def _run(org, code, as_of):
    return run_checks(organ_id=org.organ.pk, as_of=as_of, codes=[code])


def _open(code, **filters):
    return Finding.objects.filter(rule_code=code, status="open", **filters)


# --- DUTY-001 -------------------------------------------------------------------------------------


def test_an_overdue_task_is_red_for_the_unit_head_and_closes_once_completed(org, unit_head, leader, group, year_list):
    item = DutyItemFactory(
        duty_list=year_list, content="开展廉政风险点排查", deadline=D(2026, 10, 9), lead_leader=leader.person
    )
    task_a = AssignmentFactory(item=item, unit=org.unit_a, status=TaskStatus.IN_PROGRESS)
    AssignmentFactory(item=item, unit=org.unit_b, role=AssignmentRole.CO, status=TaskStatus.COMPLETED)
    draft = DutyListFactory(organ=org.organ, year=2027, status=ListStatus.DRAFT, published_on=None)
    AssignmentFactory(item=DutyItemFactory(duty_list=draft, deadline=D(2026, 12, 1)), unit=org.unit_a)

    _run(org, "DUTY-001", D(2026, 10, 10))
    finding = Finding.objects.get(rule_code="DUTY-001")
    assert (finding.severity, finding.subject_id, finding.period) == ("red", str(task_a.pk), "2026")
    assert finding.responsible_unit_id == org.unit_a.pk and finding.responsible_person_id == unit_head.person_id
    assert finding.due_date == D(2026, 10, 9) and finding.subject_link == f"/duty/tasks/{task_a.pk}/"
    assert (
        finding.reason == "办公室：开展廉政风险点排查已超过完成时限2026年10月09日，仍为推进中（牵头；牵头领导：leader）"
    )

    task_a.status, task_a.completed_on = TaskStatus.COMPLETED, D(2026, 10, 12)
    task_a.save()
    assert _run(org, "DUTY-001", D(2026, 10, 13)).closed == 1
    assert Finding.objects.get(rule_code="DUTY-001").status == "closed"


# --- DUTY-002 -------------------------------------------------------------------------------------


def test_a_quarter_without_a_report_is_red_and_a_period_before_publication_is_not_asked_for(org, year_list):
    year_list.published_on = D(2026, 4, 10)
    year_list.save()
    item = DutyItemFactory(duty_list=year_list, recurrence=Recurrence.QUARTERLY, deadline=None, content="报送廉政情况")
    task = AssignmentFactory(item=item, unit=org.unit_b, status=TaskStatus.IN_PROGRESS)
    ProgressReport.objects.create(
        organ=org.organ, assignment=task, period="2026-Q2", date=D(2026, 6, 25), content="二季度"
    )

    _run(org, "DUTY-002", D(2026, 10, 14))
    finding = _open("DUTY-002").get()
    assert (finding.period, finding.severity, finding.due_date) == ("2026-Q3", "red", D(2026, 10, 13))
    assert finding.responsible_unit_id == org.unit_b.pk and finding.responsible_person_id is None  # B has no head
    assert not Finding.objects.filter(rule_code="DUTY-002", period__in=["2026-Q1", "2026-Q4"]).exists()

    ProgressReport.objects.create(
        organ=org.organ, assignment=task, period="2026-Q3", date=D(2026, 10, 14), content="补报"
    )
    _run(org, "DUTY-002", D(2026, 10, 15))
    assert Finding.objects.get(rule_code="DUTY-002", period="2026-Q3").status == "closed"


def test_collectors_make_the_same_number_of_queries_for_two_tasks_or_twenty(org, year_list):
    def queries(code: str) -> int:
        rule = RULES[code]
        from qinglian.compliance.params import resolve, sets_in_force

        params = resolve(rule, sets_in_force(organ_id=org.organ.pk, on=D(2026, 11, 25))[code])
        with CaptureQueriesContext(connection) as captured:
            list(rule.collect(Context(organ_id=org.organ.pk, as_of=D(2026, 11, 25), params=params)))
        return len(captured)

    def add(n: int) -> None:
        for _ in range(n):
            once = DutyItemFactory(duty_list=year_list, deadline=D(2026, 11, 30))
            monthly = DutyItemFactory(duty_list=year_list, recurrence=Recurrence.MONTHLY, deadline=None)
            for item in (once, monthly):
                AssignmentFactory(item=item, unit=org.unit_a)
                AssignmentFactory(item=item, unit=org.unit_b, role=AssignmentRole.CO)

    add(1)
    small = {code: queries(code) for code in ("DUTY-001", "DUTY-002")}
    add(9)
    assert {code: queries(code) for code in ("DUTY-001", "DUTY-002")} == small


# --- DUTY-003 / DUTY-004 ----------------------------------------------------------------------------


def test_unsigned_letters_are_red_after_31_march_for_the_signer_and_a_later_arrival_is_left_to_duty004(
    org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, leader, supervisor, group
):
    made = letters_generate(organ_id=org.organ.pk, year=2026, by=party_officer, on=D(2026, 1, 5))
    assert made == 5  # party_officer, unit_head, cadre_same_unit, leader, cadre_other_unit; not the secretary
    letters = {letter.signer_id: letter for letter in ResponsibilityLetter.objects.filter(year=2026)}
    for user in (unit_head, leader):
        letter_sign(letter=letters[user.person_id], signed_on=D(2026, 3, 20), by=party_officer)
    event = PersonnelEvent.objects.create(
        organ=org.organ, person=cadre_same_unit.person, kind="promotion", date=D(2026, 2, 2), to_unit=org.unit_a
    )
    extra = letter_for_event(event=event, by=party_officer)
    letter_sign(letter=extra, signed_on=D(2026, 2, 5), by=party_officer)  # a 补签 only
    latecomer = PersonFactory(organ=org.organ, unit=org.unit_b, name="新调入")
    PersonnelEvent.objects.create(organ=org.organ, person=latecomer, kind="transfer_in", date=D(2026, 5, 6))

    _run(org, "DUTY-003", D(2026, 6, 1))
    flagged = {f.responsible_person_id: f for f in _open("DUTY-003", period="2026")}
    assert set(flagged) == {party_officer.person_id, cadre_same_unit.person_id, cadre_other_unit.person_id}
    finding = flagged[cadre_other_unit.person_id]
    assert finding.severity == "red" and finding.due_date == D(2026, 3, 31)
    assert finding.responsible_unit_id == org.unit_b.pk and finding.subject_link == "/duty/letters/?year=2026"
    assert finding.reason.startswith("cadre_other_unit（研究室）2026年度党风廉政建设责任书（委室负责人—干部）")


def test_a_newcomer_signs_within_fifteen_working_days_of_arriving(org, party_officer, unit_head, group):
    newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, name="赵六")
    event = PersonnelEvent.objects.create(
        organ=org.organ, person=newcomer, kind="transfer_in", date=D(2026, 2, 10), to_unit=org.unit_a
    )
    PersonnelEvent.objects.create(organ=org.organ, person=group, kind="appointment", date=D(2026, 2, 10))

    _run(org, "DUTY-004", D(2026, 3, 9))
    finding = _open("DUTY-004").get()  # the secretary signs outside the organ: not flagged
    assert (finding.severity, finding.due_date, finding.period) == ("yellow", D(2026, 3, 9), "2026-02-10")
    assert finding.responsible_person_id == newcomer.pk and finding.responsible_unit_id == org.unit_a.pk
    _run(org, "DUTY-004", D(2026, 3, 10))
    assert Finding.objects.get(rule_code="DUTY-004").severity == "red"

    letter = letter_for_event(event=event, by=party_officer)
    assert letter.level == "cadre" and letter.issuer_id == unit_head.person_id
    letter_sign(letter=letter, signed_on=D(2026, 3, 9), by=party_officer)
    _run(org, "DUTY-004", D(2026, 3, 11))
    assert Finding.objects.get(rule_code="DUTY-004").status == "closed"


# --- DUTY-005…007 ---------------------------------------------------------------------------------


def _tagged_meeting(org, day, themes, holder="leading_group", kind="leading_group_meeting", branch=None):
    meeting = Meeting.objects.create(
        organ=org.organ, holder=holder, kind=kind, branch=branch, date=day, topic="党组会议"
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="研究议题")
    for theme in themes:
        AgendaTag.objects.create(agenda_item=item, theme=theme)
    return meeting


def test_study_frequency_counts_only_the_party_groups_tagged_meetings(org, group):
    _tagged_meeting(org, D(2026, 3, 10), [Theme.IDEOLOGY, Theme.STRICT_GOVERNANCE, Theme.INTEGRITY])
    branch = BranchFactory(organ=org.organ)
    _tagged_meeting(
        org, D(2025, 9, 10), [Theme.IDEOLOGY], holder="branch", kind="branch_general_meeting", branch=branch
    )
    for code in ("DUTY-005", "DUTY-006", "DUTY-007"):
        _run(org, code, D(2026, 6, 20))  # looks at 2025-H2 and 2026-H1; the years 2025 and 2026
    five = {f.period: f for f in Finding.objects.filter(rule_code="DUTY-005")}
    assert set(five) == {"2025-H2"}  # the branch meeting does not count; 2026-H1 is met
    assert five["2025-H2"].severity == "red" and five["2025-H2"].responsible_person_id == group.pk
    assert five["2025-H2"].reason == "2025年下半年测试党组会议专题研究意识形态工作应不少于1次，实际0次"
    assert five["2025-H2"].subject_link == "/duty/agenda/?year=2025"
    six = Finding.objects.get(rule_code="DUTY-006")
    assert (six.period, six.reason) == ("2025", "2025年度测试党组会议专题研究党风廉政建设应不少于2次，实际0次")
    assert set(Finding.objects.filter(rule_code="DUTY-007").values_list("period", flat=True)) == {"2025-H2"}


# --- DUTY-008 -------------------------------------------------------------------------------------


def test_an_unanswered_notice_is_red_for_the_unit_head_until_answered(org, party_officer, unit_head, year_list):
    task = AssignmentFactory(item=DutyItemFactory(duty_list=year_list), unit=org.unit_a)
    notice = notice_issue(
        notice=OversightNotice(
            organ=org.organ,
            number="",
            assignment=task,
            unit=org.unit_a,
            issued_on=D(2026, 9, 28),
            reason="任务推进滞后",
            reply_due=D(2026, 10, 9),
        ),
        by=party_officer,
    )
    _run(org, "DUTY-008", D(2026, 9, 30))
    assert Finding.objects.get(rule_code="DUTY-008").severity == "yellow"
    _run(org, "DUTY-008", D(2026, 10, 10))
    finding = Finding.objects.get(rule_code="DUTY-008")
    assert finding.severity == "red" and finding.responsible_person_id == unit_head.person_id
    assert finding.subject_link == f"/duty/notices/{notice.pk}/" and finding.period == "2026"

    notice_reply(notice=notice, by=unit_head, reply="已整改", replied_on=D(2026, 10, 12))
    _run(org, "DUTY-008", D(2026, 10, 13))
    assert Finding.objects.get(rule_code="DUTY-008").status == "closed"
