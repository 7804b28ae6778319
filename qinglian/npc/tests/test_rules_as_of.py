"""The npc rules judge the ledgers as they stood on the day checked (issue #12), and count every period the same
way (民法典 Arts. 201–203 for days and months, the organ's calendar for working days).

Each rule has a record dated after the as-of day that must not count for it, and — each rule with a deadline —
a deadline on a 2026 holiday (Spring Festival 2-15…2-23, National Day 10-01…10-07). The rules are run by calling
`collect` and `check` directly (the registry functions are pure), so one scene can be read on several days.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.compliance.texts import render_reason
from qinglian.core import clock
from qinglian.npc.choices import HandlingRole, NpcMeetingKind, Satisfaction, SessionKind
from qinglian.npc.deadlines import material_deadlines, reply_due
from qinglian.npc.models import Contact, MaterialSubmission, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.suggestion_detail import deadline_rows
from qinglian.npc.tests.factories import (
    AgendaItemFactory,
    AssignmentFactory,
    NpcMeetingFactory,
    SessionFactory,
    SuggestionFactory,
)

D = dt.date
pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _run(code: str, organ_id: int, as_of: dt.date, **overrides) -> list[tuple[Subject, Verdict | None]]:
    """Every subject the rule collects on `as_of`, with its verdict, under the parameters in force then."""
    rule = RULES[code]
    params = Params({**rule_params(code, organ_id=organ_id, on=as_of), **overrides})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return [(subject, rule.check(subject, params, ctx)) for subject in rule.collect(ctx)]


def _read(verdict: Verdict, on: dt.date) -> str:
    """The verdict's words as the finding shows them on `on` (day counts filled in, compliance.texts)."""
    return render_reason(verdict.reason, verdict.due, on)


def _verdict(code: str, organ_id: int, as_of: dt.date, **overrides) -> Verdict | None:
    """The verdict on the one subject the rule collects on `as_of`."""
    found = _run(code, organ_id, as_of, **overrides)
    assert len(found) == 1, found
    return found[0][1]


def _reply(assignment, day: dt.date, **fields) -> Reply:
    s = assignment.suggestion
    return Reply.objects.create(organ=s.organ, suggestion=s, assignment=assignment, date=day, result="solved", **fields)


def _evaluate(reply: Reply, day: dt.date, level: str = Satisfaction.SATISFIED) -> SatisfactionRecord:
    return SatisfactionRecord.objects.create(organ=reply.organ, reply=reply, recorded_on=day, level=level)


@pytest.fixture
def organ(org):
    return org.organ


# --- the metadata: every length of time says how it is counted ------------------------------------------------

PERIODS = {
    "NPC-001": {"reply_months": "months", "extended_months": "months", "warn_working_days": "working_days"},
    "NPC-002": {"co_opinion_months": "months", "warn_working_days": "working_days"},
    "NPC-003": {},
    "NPC-004": {"rereply_months": "months", "warn_working_days": "working_days"},
    "NPC-005": {"feedback_working_days": "working_days", "warn_working_days": "working_days"},
    "NPC-006": {"notify_days": "days", "warn_working_days": "working_days"},
    "NPC-007": {"return_days": "days"},
    "NPC-008": {
        "chairpersons_days": "working_days_before",
        "standing_days": "working_days_before",
        "special_comment_days": "days_before",
        "special_final_days": "days_before",
        "warn_working_days": "working_days",
    },
}


@pytest.mark.parametrize("code", sorted(PERIODS))
def test_every_period_parameter_says_how_it_is_counted(code):
    periods = {p.name: p.period for p in RULES[code].params if p.period}
    assert periods == PERIODS[code]
    assert all(p.period is None for p in RULES[code].params if p.name in {"look_back_years", "return_working_days"})


def test_a_return_period_says_it_can_be_working_days():
    param = next(p for p in RULES["NPC-007"].params if p.name == "return_days")
    assert "工作日" in param.help and param.period_rule.startswith("日历日")


# --- NPC-001 答复 -------------------------------------------------------------------------------------------------


def test_npc001_a_reply_dated_after_the_day_is_not_a_reply_on_it(organ):
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))  # due 4-20
    _reply(lead, D(2026, 5, 10))
    coming = _verdict("NPC-001", organ.pk, D(2026, 4, 15))
    assert coming.severity == Severity.YELLOW and coming.reason.endswith("尚未答复，请于2026-04-20前答复")
    overdue = _verdict("NPC-001", organ.pk, D(2026, 5, 6))
    assert _read(overdue, D(2026, 5, 6)).endswith("应于2026-04-20前答复，至今未答复，已逾期9个工作日")  # 劳动节
    late = _verdict("NPC-001", organ.pk, D(2026, 5, 10))
    assert late.reason.endswith("2026-05-10才答复，逾期12个工作日") and late.recorded  # 5-09 a working Saturday


def test_npc001_a_suggestion_received_or_assigned_after_the_day_does_not_exist_on_it(organ):
    later = SuggestionFactory(organ=organ, received_on=D(2026, 3, 2))
    AssignmentFactory(suggestion=later, assigned_on=D(2026, 3, 5))
    waiting = SuggestionFactory(organ=organ, received_on=D(2026, 2, 10))
    AssignmentFactory(suggestion=waiting, assigned_on=D(2026, 3, 5))
    assert _run("NPC-001", organ.pk, D(2026, 3, 1)) == []
    assert _run("NPC-001", organ.pk, D(2026, 3, 4)) == []  # received, not yet assigned
    assert len(_run("NPC-001", organ.pk, D(2026, 3, 5))) == 2


def test_npc001_a_lead_returned_after_the_day_was_still_handling_it(organ):
    s = SuggestionFactory(organ=organ)
    first = AssignmentFactory(
        suggestion=s,
        assigned_on=D(2026, 1, 20),
        returned_on=D(2026, 5, 15),
        return_reason="不属本单位职责",
        return_accepted=True,
        is_active=False,
    )
    second = AssignmentFactory(suggestion=s, assigned_on=D(2026, 5, 18))
    on_25_april = _run("NPC-001", organ.pk, D(2026, 4, 25))
    assert [(subject.id, v.severity) for subject, v in on_25_april] == [(str(first.pk), Severity.RED)]
    on_1_june = _run("NPC-001", organ.pk, D(2026, 6, 1))
    assert [(subject.id, v) for subject, v in on_1_june] == [(str(second.pk), None)]  # due 8-18


def test_npc001_an_assignment_stopped_without_a_date_is_read_from_its_history(organ):
    with clock.replaying(_at(D(2026, 1, 20))):
        lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))
    with clock.replaying(_at(D(2026, 6, 1))):  # a correction by hand: no return, no date of its own
        lead.is_active = False
        lead.save()
    assert _verdict("NPC-001", organ.pk, D(2026, 4, 25)).severity == Severity.RED
    assert _run("NPC-001", organ.pk, D(2026, 6, 2)) == []


def test_npc001_an_extension_approved_after_the_day_is_not_in_force_on_it(organ):
    s = SuggestionFactory(organ=organ, extension_requested_on=D(2026, 4, 1), extension_approved_on=D(2026, 4, 10))
    AssignmentFactory(suggestion=s, assigned_on=D(2026, 1, 20))
    before = _verdict("NPC-001", organ.pk, D(2026, 4, 9))
    assert before.severity == Severity.YELLOW and "自交办之日起3个月内答复" in before.reason
    assert _verdict("NPC-001", organ.pk, D(2026, 4, 10)) is None  # now due 7-20


def test_npc001_a_deadline_in_the_spring_festival_moves_to_the_first_working_day_after_it(organ):
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ, year=2025), assigned_on=D(2025, 11, 20))
    due_day = _verdict("NPC-001", organ.pk, D(2026, 2, 24))  # 2-20 is 春节: due Tuesday 2-24
    assert due_day.severity == Severity.YELLOW and due_day.due == D(2026, 2, 24)
    assert _read(_verdict("NPC-001", organ.pk, D(2026, 2, 25)), D(2026, 2, 25)).endswith("已逾期1个工作日")
    _reply(lead, D(2026, 2, 24))
    assert _verdict("NPC-001", organ.pk, D(2026, 2, 25)) is None


def test_npc001_a_reply_deleted_after_the_day_still_stood_on_it(organ):
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))
    reply = _reply(lead, D(2026, 4, 10))
    Reply.all_objects.filter(pk=reply.pk).update(deleted_at=_at(D(2026, 6, 1)))
    assert _verdict("NPC-001", organ.pk, D(2026, 5, 31)) is None
    assert _verdict("NPC-001", organ.pk, D(2026, 6, 1)).severity == Severity.RED  # deleted that day


def test_npc001_a_suggestion_marked_key_after_the_day_answered_to_the_desk_head_then(desks, unit_head, leader):
    organ = desks.organ
    with clock.replaying(_at(D(2026, 1, 15))):
        s = SuggestionFactory(organ=organ)
    AssignmentFactory(suggestion=s, assigned_on=D(2026, 1, 20))
    with clock.replaying(_at(D(2026, 5, 20))):
        s.is_key, s.supervising_leader = True, leader.person
        s.save()
    [(before, _)] = _run("NPC-001", organ.pk, D(2026, 5, 1))
    [(after, _)] = _run("NPC-001", organ.pk, D(2026, 5, 21))
    assert (before.person_id, after.person_id) == (unit_head.person.pk, leader.person.pk)


def test_npc001_the_page_and_the_finding_name_the_same_due_date(organ):
    """Issue #14: the finding said "已逾期212天" where the page said 145 working days. Both count working days past
    one due date now, the finding on the day it is read."""
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))
    as_of = D(2026, 11, 18)
    finding = _verdict("NPC-001", organ.pk, as_of)
    s = Suggestion.objects.get(pk=lead.suggestion_id)
    [row] = [r for r in deadline_rows(s, today=as_of) if r.label.startswith("答复")]
    due = reply_due(lead.assigned_on, extended=False, reply_months=3, extended_months=6)
    assert finding.due == row.due == due == D(2026, 4, 20)
    assert row.text == "已超期145个工作日"
    assert _read(finding, as_of).endswith("至今未答复，已逾期145个工作日")
    later = D(2026, 11, 25)  # a week on, without another check: both count on to the day they are read
    [row] = [r for r in deadline_rows(s, today=later) if r.label.startswith("答复")]
    assert row.text == "已超期150个工作日" and _read(finding, later).endswith("已逾期150个工作日")


# --- NPC-002 协办意见 -------------------------------------------------------------------------------------------


def _co(organ, assigned_on: dt.date, **fields):
    return AssignmentFactory(
        suggestion=SuggestionFactory(organ=organ), role=HandlingRole.CO, assigned_on=assigned_on, **fields
    )


def test_npc002_an_opinion_dated_after_the_day_is_not_given_on_it(organ):
    _co(organ, D(2026, 1, 20), received_on=D(2026, 1, 20), co_opinion_on=D(2026, 3, 25))  # due 3-20
    overdue = _verdict("NPC-002", organ.pk, D(2026, 3, 23))
    assert _read(overdue, D(2026, 3, 23)).endswith("至今未提出书面协办意见，已逾期1个工作日")
    late = _verdict("NPC-002", organ.pk, D(2026, 3, 25))
    assert late.reason.endswith("2026-03-25才提出书面协办意见，逾期3个工作日") and late.recorded


def test_npc002_a_receipt_signed_after_the_day_counts_from_the_assignment_on_it(organ):
    _co(organ, D(2026, 1, 10), received_on=D(2026, 3, 11))
    on_the_day = _verdict("NPC-002", organ.pk, D(2026, 3, 10))  # not yet signed: 2 months from 1-10
    assert on_the_day.severity == Severity.YELLOW and on_the_day.due == D(2026, 3, 10)
    assert _verdict("NPC-002", organ.pk, D(2026, 3, 11)) is None  # signed: due 5-11


def test_npc002_a_deadline_in_the_spring_festival_moves_to_24_february(organ):
    _co(organ, D(2025, 12, 18), received_on=D(2025, 12, 18), co_opinion_on=D(2026, 2, 24))
    assert _verdict("NPC-002", organ.pk, D(2026, 3, 2)) is None  # 2-18 is 春节
    verdict = _verdict("NPC-002", organ.pk, D(2026, 2, 23))
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 2, 24)


# --- NPC-003 联系沟通 -------------------------------------------------------------------------------------------


def test_npc003_a_contact_and_a_reply_dated_after_the_day_do_not_exist_on_it(organ):
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))
    _reply(lead, D(2026, 4, 10))
    Contact.objects.create(organ=organ, suggestion=lead.suggestion, date=D(2026, 4, 12), way="phone")
    assert _run("NPC-003", organ.pk, D(2026, 4, 9)) == []  # no reply yet
    assert "答复前没有与代表联系沟通的记录" in _verdict("NPC-003", organ.pk, D(2026, 4, 11)).reason
    assert "首次联系代表在2026-04-12，晚于答复" in _verdict("NPC-003", organ.pk, D(2026, 4, 12)).reason


# --- NPC-004 重新答复 -------------------------------------------------------------------------------------------


def _unhappy(organ, said_on: dt.date) -> Reply:
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ, year=2025), assigned_on=D(2025, 10, 9))
    reply = _reply(lead, D(2025, 12, 20))
    _evaluate(reply, said_on, Satisfaction.DISSATISFIED)
    return reply


def test_npc004_a_dissatisfaction_and_a_rereply_dated_after_the_day_do_not_count_on_it(organ):
    reply = _unhappy(organ, D(2026, 4, 30))  # due 5-30 → Monday 6-01
    _reply(reply.assignment, D(2026, 6, 5), is_rereply=True, replaces=reply)
    assert _run("NPC-004", organ.pk, D(2026, 4, 29)) == []
    overdue = _verdict("NPC-004", organ.pk, D(2026, 6, 3))
    assert _read(overdue, D(2026, 6, 3)).endswith("至今未重新答复，已逾期2个工作日")
    assert _verdict("NPC-004", organ.pk, D(2026, 6, 5)).reason.endswith("2026-06-05才重新答复，逾期4个工作日")


def test_npc004_a_deadline_in_the_spring_festival_moves_to_24_february(organ):
    reply = _unhappy(organ, D(2026, 1, 17))  # + 1 month = 2-17, 春节
    verdict = _verdict("NPC-004", organ.pk, D(2026, 2, 25))
    assert verdict.due == D(2026, 2, 24) and _read(verdict, D(2026, 2, 25)).endswith("已逾期1个工作日")
    _reply(reply.assignment, D(2026, 2, 24), is_rereply=True, replaces=reply)
    assert _verdict("NPC-004", organ.pk, D(2026, 2, 25)) is None


# --- NPC-005 满意度 ---------------------------------------------------------------------------------------------


def test_npc005_an_evaluation_recorded_after_the_day_was_not_recorded_on_it(organ):
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))
    reply = _reply(lead, D(2026, 2, 10))
    _evaluate(reply, D(2026, 3, 20))
    # 15 working days on the organ's calendar: 2-14 and 2-28 (调休 Saturdays) count, 2-15…2-23 do not → 3-09.
    verdict = _verdict("NPC-005", organ.pk, D(2026, 3, 10))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 3, 9)
    assert _verdict("NPC-005", organ.pk, D(2026, 3, 20)) is None
    assert _run("NPC-005", organ.pk, D(2026, 2, 9)) == []  # the reply itself had not been made


def test_npc005_working_days_across_the_spring_festival_count_the_organs_calendar(organ):
    lead = AssignmentFactory(suggestion=SuggestionFactory(organ=organ), assigned_on=D(2026, 1, 20))
    _reply(lead, D(2026, 2, 12))  # 2-13, 2-14 (Sat, 调休上班), then 2-24 … : the 5th working day is 2-26
    verdict = _verdict("NPC-005", organ.pk, D(2026, 2, 26), feedback_working_days=5)
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 2, 26)


# --- NPC-006 通知代表 -------------------------------------------------------------------------------------------


def _interim(organ, received_on: dt.date, **fields) -> Suggestion:
    session = SessionFactory(organ=organ, kind=SessionKind.INTERIM, number="", start=D(2026, 1, 16), end=None)
    return SuggestionFactory(organ=organ, session=session, received_on=received_on, **fields)


def test_npc006_a_notice_dated_after_the_day_was_not_given_on_it_and_national_day_moves_the_deadline(organ):
    _interim(organ, D(2026, 9, 26), deputy_notified_on=D(2026, 10, 9))  # 9-26 + 7 = 10-03 (国庆) → 10-08
    due_day = _verdict("NPC-006", organ.pk, D(2026, 10, 8))
    assert due_day.severity == Severity.YELLOW and due_day.due == D(2026, 10, 8)
    assert _verdict("NPC-006", organ.pk, D(2026, 10, 9)).reason.endswith("2026-10-09才通知代表受理，逾期1个工作日")
    assert _run("NPC-006", organ.pk, D(2026, 9, 25)) == []  # not yet received


# --- NPC-007 退回 -----------------------------------------------------------------------------------------------


def _returned(organ, received_on: dt.date, returned_on: dt.date):
    return AssignmentFactory(
        suggestion=SuggestionFactory(organ=organ),
        assigned_on=received_on,
        received_on=received_on,
        returned_on=returned_on,
        return_reason="不属本单位职责",
        return_accepted=True,
        is_active=False,
    )


def test_npc007_a_return_dated_after_the_day_had_not_been_made_on_it(organ):
    _returned(organ, D(2026, 2, 10), D(2026, 2, 25))  # 2-10 + 10 = 2-20 (春节) → due 2-24
    assert _run("NPC-007", organ.pk, D(2026, 2, 24)) == []
    verdict = _verdict("NPC-007", organ.pk, D(2026, 2, 25))
    assert verdict.due == D(2026, 2, 24) and "2026-02-25才退回，逾期1个工作日" in verdict.reason


def test_npc007_a_deadline_in_the_spring_festival_moves_and_working_days_count_the_calendar(organ):
    _returned(organ, D(2026, 2, 10), D(2026, 2, 24))
    assert _verdict("NPC-007", organ.pk, D(2026, 3, 1)) is None
    # 5 working days: 2-11, 2-12, 2-13, 2-14 (调休上班), 2-24.
    assert _verdict("NPC-007", organ.pk, D(2026, 3, 1), return_days=5, return_working_days=True) is None
    assert _verdict("NPC-007", organ.pk, D(2026, 3, 1), return_days=4, return_working_days=True).due == D(2026, 2, 14)


# --- NPC-008 会议材料 -------------------------------------------------------------------------------------------


@pytest.fixture
def special_report(organ):
    """A special work report for the Standing Committee on 3-10: its deadlines fall around the Spring Festival."""
    meeting = NpcMeetingFactory(organ=organ, kind=NpcMeetingKind.STANDING, date=D(2026, 3, 10))
    item = AgendaItemFactory(meeting=meeting, is_special_report=True)
    params = rule_params("NPC-008", organ_id=organ.pk, on=meeting.date)
    item.deadline, item.final_deadline = material_deadlines(meeting.date, meeting.kind, True, params)
    item.save()
    return item


def _submit(item, moment: dt.datetime, *, version: int, is_final: bool = False) -> None:
    MaterialSubmission.objects.create(
        organ=item.organ, agenda_item=item, version=version, submitted_at=moment, is_final=is_final
    )


def test_npc008_deadlines_before_a_meeting_move_back_to_a_working_day(special_report):
    # 20 days before 3-10 is 2-18 (春节): back to Saturday 2-14, a 调休 working day. 10 days before is 2-28, also
    # a working Saturday, so it stays.
    assert (special_report.deadline, special_report.final_deadline) == (D(2026, 2, 14), D(2026, 2, 28))


def test_npc008_a_version_submitted_after_the_day_had_not_been_submitted_on_it(special_report):
    _submit(special_report, _at(D(2026, 2, 13), 23), version=1)
    _submit(special_report, _at(D(2026, 3, 2)), version=2, is_final=True)
    coming = _verdict("NPC-008", special_report.organ_id, D(2026, 2, 12))
    assert coming.severity == Severity.YELLOW and coming.reason.endswith("尚未报送材料，请于2026-02-14前报送材料")
    assert _verdict("NPC-008", special_report.organ_id, D(2026, 2, 13)) is None  # 23:00 Beijing time counts
    missing = _verdict("NPC-008", special_report.organ_id, D(2026, 3, 1))
    # Due Saturday 2-28 (a working day); read on Sunday 3-01 no working day has passed yet.
    assert _read(missing, D(2026, 3, 1)).endswith(
        "应于2026-02-28前送交修改后的报告（定稿），至今未送交修改后的报告（定稿），已逾期不到1个工作日"
    )
    late = _verdict("NPC-008", special_report.organ_id, D(2026, 3, 2))
    assert late.reason.endswith("2026-03-02才送交修改后的报告（定稿），逾期1个工作日") and late.recorded
