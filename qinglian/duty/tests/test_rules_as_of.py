"""The duty rules judge the ledgers as they stood on the day checked (issue #12): a record dated after that day
does not count, a status changed after it reads as it was, and every deadline goes through core.workdays — a
date on a rest day moves to the next working day (民法典第二百零三条; a 调休 working Saturday does not move),
working days count the organ's calendar.

Each rule is collected and checked directly (`_judge`), so a later and an earlier day can be judged in any
order without the runner's replay. History is written at chosen moments with core.clock.replaying; a row
written without it is stamped today (2026-12-07) and reads as entered for every earlier day (back-filled).

The shipped 2026 calendar: 春节 2/15–2/23 with Saturdays 2/14 and 2/28 worked; 国庆 10/1–10/7 with Saturday
10/10 worked (and Sunday 9/20); 中秋 9/25–9/27.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.periods import containing
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.compliance.texts import render_reason
from qinglian.core import clock
from qinglian.duty.choices import LetterLevel, NoticeStatus, Recurrence, TaskStatus, Theme
from qinglian.duty.models import AgendaTag, OversightNotice, ProgressReport, SuperiorReport
from qinglian.duty.rules.common import annual_due
from qinglian.duty.selectors.people import roster_on
from qinglian.duty.services.notices import notice_escalate, notice_issue, notice_reply
from qinglian.duty.services.reports import superior_report_save
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, LetterFactory
from qinglian.org.models import LeadingGroupMember
from qinglian.org.services import personnel_event_record
from qinglian.org.tests.factories import PersonFactory
from qinglian.partylife.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db

D = dt.date


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _judge(code: str, organ_id: int, as_of: dt.date, **values) -> dict[tuple[str, str], tuple[Subject, object]]:
    """(subject id, period) → (subject, verdict) of one rule on `as_of`, with the shipped parameters (`values`
    replace some)."""
    rule = RULES[code]
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=as_of, codes=[code]).get(code))
    params = Params({**params, **values})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {(s.id, s.period): (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def _verdict(code: str, organ_id: int, as_of: dt.date, key: tuple[str, str], **values):
    return _judge(code, organ_id, as_of, **values)[key][1]


def _check(code: str, data: dict, values: dict, as_of: dt.date, label: str = "办公室：测试任务"):
    """A rule's pure check over plain data (the holiday cases need no ledger)."""
    return RULES[code].check(Subject(type="t", id="1", label=label, data=data), Params(values), Context(1, as_of))


def _severity(verdict) -> str | None:
    return verdict.severity if verdict else None


@pytest.fixture
def year_list(org):
    return DutyListFactory(organ=org.organ, year=2026, published_on=D(2026, 1, 15))


def _task(item, unit, *, on: dt.date, status=TaskStatus.IN_PROGRESS):
    with clock.replaying(at(on)):
        return AssignmentFactory(item=item, unit=unit, status=status)


def _change(obj, day: dt.date, **fields) -> None:
    """Save `fields` on `obj` as a change made on `day` (its history row is dated then)."""
    for name, value in fields.items():
        setattr(obj, name, value)
    with clock.replaying(at(day)):
        obj.save()


# --- DUTY-001: one-off task deadlines ---------------------------------------------------------------------


def test_duty001_a_task_completed_after_the_day_was_open_on_it(org, year_list):
    item = DutyItemFactory(duty_list=year_list, deadline=D(2026, 6, 30))
    task = _task(item, org.unit_a, on=D(2026, 2, 2))
    _change(task, D(2026, 7, 10), status=TaskStatus.COMPLETED, completed_on=D(2026, 7, 10))
    key = (str(task.pk), "2026")

    late = _verdict("DUTY-001", org.organ.pk, D(2026, 7, 6), key)
    assert late.severity == Severity.RED and "仍为推进中" in late.reason
    assert _verdict("DUTY-001", org.organ.pk, D(2026, 7, 10), key) is None


def test_duty001_a_completion_typed_in_later_with_a_later_date_reads_as_not_done(org, year_list):
    """Back-filled: the row was entered after the day as completed on a later date; it was open on the day,
    推进中 if a report had come by then, else 未启动."""
    item = DutyItemFactory(duty_list=year_list, deadline=D(2026, 6, 30))
    reported = AssignmentFactory(item=item, unit=org.unit_a, status=TaskStatus.CLOSED, completed_on=D(2026, 7, 10))
    silent = AssignmentFactory(item=item, unit=org.unit_b, status=TaskStatus.COMPLETED, completed_on=D(2026, 7, 10))
    ProgressReport.objects.create(organ=org.organ, assignment=reported, date=D(2026, 5, 6), content="推进中")
    ProgressReport.objects.create(organ=org.organ, assignment=silent, date=D(2026, 7, 10), content="完成")

    found = _judge("DUTY-001", org.organ.pk, D(2026, 7, 6))
    assert "仍为推进中" in found[(str(reported.pk), "2026")][1].reason
    assert "仍为未启动" in found[(str(silent.pk), "2026")][1].reason
    assert _verdict("DUTY-001", org.organ.pk, D(2026, 7, 10), (str(silent.pk), "2026")) is None


def test_duty001_a_task_done_before_the_day_and_returned_after_it_was_done_on_it(org, year_list):
    item = DutyItemFactory(duty_list=year_list, deadline=D(2026, 6, 30))
    task = _task(item, org.unit_a, on=D(2026, 2, 2))
    _change(task, D(2026, 6, 22), status=TaskStatus.COMPLETED, completed_on=D(2026, 6, 20))
    _change(task, D(2026, 7, 10), status=TaskStatus.IN_PROGRESS, completed_on=None)  # 退回
    key = (str(task.pk), "2026")

    assert _verdict("DUTY-001", org.organ.pk, D(2026, 7, 6), key) is None
    assert _verdict("DUTY-001", org.organ.pk, D(2026, 7, 13), key).severity == Severity.RED


def test_duty001_a_list_published_after_the_day_and_a_task_deleted_after_it(org):
    duty_list = DutyListFactory(organ=org.organ, year=2026, published_on=D(2026, 3, 10))
    item = DutyItemFactory(duty_list=duty_list, deadline=D(2026, 3, 31))
    kept = AssignmentFactory(item=item, unit=org.unit_a, status=TaskStatus.IN_PROGRESS)
    dropped = AssignmentFactory(
        item=item, unit=org.unit_b, status=TaskStatus.IN_PROGRESS, deleted_at=at(D(2026, 4, 10))
    )

    assert _judge("DUTY-001", org.organ.pk, D(2026, 3, 9)) == {}  # not published yet
    on_april_9 = _judge("DUTY-001", org.organ.pk, D(2026, 4, 9))
    assert {key[0] for key in on_april_9} == {str(kept.pk), str(dropped.pk)}  # deleted later: still stood
    assert {key[0] for key in _judge("DUTY-001", org.organ.pk, D(2026, 4, 10))} == {str(kept.pk)}


def test_duty001_a_deadline_moved_after_the_day_bound_nobody_on_it(org, year_list):
    with clock.replaying(at(D(2026, 1, 20))):
        item = DutyItemFactory(duty_list=year_list, deadline=D(2026, 5, 29))
    task = AssignmentFactory(item=item, unit=org.unit_a, status=TaskStatus.IN_PROGRESS)
    _change(item, D(2026, 6, 5), deadline=D(2026, 9, 30))
    key = (str(task.pk), "2026")

    before = _verdict("DUTY-001", org.organ.pk, D(2026, 6, 3), key)
    assert before.severity == Severity.RED and before.due == D(2026, 5, 29)
    assert _verdict("DUTY-001", org.organ.pk, D(2026, 6, 8), key) is None  # 9/30 is far off


TASK = {"status": "in_progress", "leader": "", "role": "牵头"}
WARN5 = {"warn_working_days": 5, "look_back": 2}


def test_duty001_a_deadline_in_the_spring_festival_moves_to_the_first_working_day_after_it():
    task = {**TASK, "deadline": D(2026, 2, 20)}
    on_time = _check("DUTY-001", task, WARN5, D(2026, 2, 24))
    assert on_time.severity == Severity.YELLOW and on_time.due == D(2026, 2, 24)
    assert "将于2026年02月24日到期（完成时限2026年02月20日遇休息日顺延）" in on_time.reason
    late = _check("DUTY-001", task, WARN5, D(2026, 2, 25))
    assert late.severity == Severity.RED and late.due == D(2026, 2, 24)
    worked_saturday = _check("DUTY-001", {**TASK, "deadline": D(2026, 2, 14)}, WARN5, D(2026, 2, 24))
    assert worked_saturday.due == D(2026, 2, 14) and "顺延" not in worked_saturday.reason  # 调休 does not move


def test_duty001_a_deadline_in_national_day_is_due_on_8_october():
    task = {**TASK, "deadline": D(2026, 10, 3)}
    assert _severity(_check("DUTY-001", task, WARN5, D(2026, 10, 8))) == Severity.YELLOW
    assert _check("DUTY-001", task, WARN5, D(2026, 10, 9)).due == D(2026, 10, 8)


# --- DUTY-002: recurring reports ------------------------------------------------------------------------------


def _quarterly(org, year_list):
    item = DutyItemFactory(duty_list=year_list, recurrence=Recurrence.QUARTERLY, deadline=None)
    return _task(item, org.unit_b, on=D(2026, 2, 2))


def _report(org, task, period: str, day: dt.date) -> ProgressReport:
    return ProgressReport.objects.create(organ=org.organ, assignment=task, period=period, date=day, content="报送")


def test_duty002_a_report_dated_after_the_day_does_not_count(org, year_list):
    task = _quarterly(org, year_list)
    _report(org, task, "2026-Q3", D(2026, 10, 20))
    key = (str(task.pk), "2026-Q3")

    late = _verdict("DUTY-002", org.organ.pk, D(2026, 10, 19), key)
    assert late.severity == Severity.RED and late.due == D(2026, 10, 13)
    assert _verdict("DUTY-002", org.organ.pk, D(2026, 10, 20), key) is None


def test_duty002_a_completion_returned_after_the_day_still_spared_the_later_quarters(org, year_list):
    task = _quarterly(org, year_list)
    _report(org, task, "2026-Q1", D(2026, 4, 3))
    _report(org, task, "2026-Q2", D(2026, 6, 20))
    _change(task, D(2026, 6, 22), status=TaskStatus.COMPLETED, completed_on=D(2026, 6, 20))
    _change(task, D(2026, 10, 23), status=TaskStatus.IN_PROGRESS, completed_on=None)  # 退回
    key = (str(task.pk), "2026-Q3")

    assert _verdict("DUTY-002", org.organ.pk, D(2026, 10, 20), key) is None  # done on 6/20, before Q3 began
    assert _verdict("DUTY-002", org.organ.pk, D(2026, 10, 26), key).severity == Severity.RED


def test_duty002_a_completion_dated_after_the_day_does_not_spare_a_quarter(org, year_list):
    """Completed (typed in later) on 7/10: on 7/5 the task was open, so nothing about Q3 was settled yet; once
    done, a quarter that began after completion is not owed."""
    task = _quarterly(org, year_list)
    _report(org, task, "2026-Q1", D(2026, 4, 3))
    _report(org, task, "2026-Q2", D(2026, 7, 3))
    task.status, task.completed_on = TaskStatus.COMPLETED, D(2026, 7, 10)
    task.save()

    on_july_5 = _judge("DUTY-002", org.organ.pk, D(2026, 7, 5))
    assert on_july_5[(str(task.pk), "2026-Q3")][0].data["completed_on"] is None
    later = _judge("DUTY-002", org.organ.pk, D(2026, 11, 2))
    assert later[(str(task.pk), "2026-Q3")][0].data["completed_on"] == D(2026, 7, 10)


REPORT = {"warn_working_days": 3, "look_back_months": 12}


def test_duty002_the_working_days_after_january_run_past_the_spring_festival():
    january = containing("month", D(2026, 1, 10))
    data = {"period": january, "reported": False, "completed_on": None, "recurrence": "每月"}
    # January's last working day is Friday 1/30; 11 working days on is the worked Saturday 2/14, 12 the 24th.
    assert _check("DUTY-002", data, {**REPORT, "grace_working_days": 11}, D(2026, 2, 24)).due == D(2026, 2, 14)
    assert _check("DUTY-002", data, {**REPORT, "grace_working_days": 12}, D(2026, 2, 24)).severity == "yellow"
    late = _check("DUTY-002", data, {**REPORT, "grace_working_days": 12}, D(2026, 2, 25))
    assert late.severity == Severity.RED and late.due == D(2026, 2, 24)


# --- DUTY-003: the year's letter ------------------------------------------------------------------------------


def _letter(org, person, signed_on):
    return LetterFactory(
        organ=org.organ, year=2026, level=LetterLevel.CADRE, signer=person, unit=person.unit, signed_on=signed_on
    )


def test_duty003_a_letter_signed_after_the_day_does_not_count(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a)
    _letter(org, person, D(2026, 4, 10))
    key = (str(person.pk), "2026")

    late = _verdict("DUTY-003", org.organ.pk, D(2026, 4, 9), key)
    assert late.severity == Severity.RED and late.due == D(2026, 3, 31)
    assert _verdict("DUTY-003", org.organ.pk, D(2026, 4, 10), key) is None


def test_duty003_the_roster_is_the_days_whatever_personnel_events_did_later(org):
    leaver = PersonFactory(organ=org.organ, unit=org.unit_a, name="后调出")
    mover = PersonFactory(organ=org.organ, unit=org.unit_a, name="后转派驻")
    arrival = PersonFactory(organ=org.organ, unit=org.unit_b, name="三月调入")
    personnel_event_record(person=leaver, kind="transfer_out", date=D(2026, 6, 1), by=None)
    personnel_event_record(person=mover, kind="transfer", date=D(2026, 6, 1), by=None, to_unit=org.stationed)
    personnel_event_record(person=arrival, kind="transfer_in", date=D(2026, 3, 10), by=None, to_unit=org.unit_b)

    assert roster_on(org.organ.pk, D(2026, 3, 9)) == {leaver.pk: org.unit_a.pk, mover.pk: org.unit_a.pk}
    assert roster_on(org.organ.pk, D(2026, 6, 1)) == {arrival.pk: org.unit_b.pk, mover.pk: org.stationed.pk}
    in_april = {key[0]: subject for key, (subject, _) in _judge("DUTY-003", org.organ.pk, D(2026, 4, 9)).items()}
    assert set(in_april) == {str(leaver.pk), str(mover.pk), str(arrival.pk)}
    assert in_april[str(mover.pk)].unit_id == org.unit_a.pk and in_april[str(mover.pk)].label == "后转派驻（办公室）"
    assert (str(leaver.pk), "2025") in _judge("DUTY-003", org.organ.pk, D(2026, 4, 9))
    in_june = set(_judge("DUTY-003", org.organ.pk, D(2026, 6, 2)))
    assert {key for key in in_june if key[1] == "2026"} == {(str(arrival.pk), "2026")}
    assert (str(leaver.pk), "2025") not in in_june  # gone by then: no longer asked for last year's letter


LETTER = {"year": 2026, "signed": False, "level": "委室负责人—干部", "issuer": ""}


def test_duty003_a_signing_date_in_the_spring_festival_moves_and_a_worked_saturday_does_not():
    festival = {"due_month": 2, "due_day": 20, "warn_working_days": 10, "look_back": 2}
    assert _check("DUTY-003", LETTER, festival, D(2026, 2, 24)).severity == Severity.YELLOW
    assert _check("DUTY-003", LETTER, festival, D(2026, 2, 25)).due == D(2026, 2, 24)
    saturday = {**festival, "due_day": 14}
    assert _check("DUTY-003", LETTER, saturday, D(2026, 2, 24)).due == D(2026, 2, 14)
    assert annual_due(2026, 10, 1) == D(2026, 10, 8)


# --- DUTY-004: letters after personnel events ---------------------------------------------------------------


def test_duty004_an_event_after_the_day_does_not_exist_and_a_letter_after_it_does_not_count(org):
    newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, name="赵六")
    later = PersonFactory(organ=org.organ, unit=org.unit_a, name="钱七")
    event = personnel_event_record(
        person=newcomer, kind="transfer_in", date=D(2026, 2, 10), by=None, to_unit=org.unit_a
    )
    personnel_event_record(person=later, kind="promotion", date=D(2026, 3, 20), by=None)
    _letter(org, newcomer, D(2026, 3, 5))

    found = _judge("DUTY-004", org.organ.pk, D(2026, 3, 4))
    assert set(found) == {(str(event.pk), "2026-02-10")}  # the promotion of 3/20 had not happened
    assert _severity(found[(str(event.pk), "2026-02-10")][1]) == Severity.YELLOW  # signed the next day
    assert _verdict("DUTY-004", org.organ.pk, D(2026, 3, 5), (str(event.pk), "2026-02-10")) is None


def test_duty004_someone_who_left_after_the_day_still_owed_the_letter_on_it(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a)
    event = personnel_event_record(person=person, kind="transfer_in", date=D(2026, 2, 10), by=None, to_unit=org.unit_a)
    personnel_event_record(person=person, kind="transfer_out", date=D(2026, 4, 1), by=None)
    key = (str(event.pk), "2026-02-10")

    late = _verdict("DUTY-004", org.organ.pk, D(2026, 3, 10), key)
    assert late.severity == Severity.RED and late.due == D(2026, 3, 9)
    assert key not in _judge("DUTY-004", org.organ.pk, D(2026, 4, 2))


def test_duty004_fifteen_working_days_from_13_february_count_both_worked_saturdays():
    values = {"sign_working_days": 15, "look_back_days": 365}
    data = {"event_date": D(2026, 2, 13), "signed": []}
    # 2/14 (Saturday, worked), 2/24–2/27, 2/28 (Saturday, worked), 3/2–3/6, 3/9–3/12.
    assert _check("DUTY-004", data, values, D(2026, 3, 12)).due == D(2026, 3, 12)
    assert _check("DUTY-004", data, values, D(2026, 3, 13)).severity == Severity.RED


# --- DUTY-005…007: the Party group's study ---------------------------------------------------------------


def _meeting(org, day: dt.date, theme: str, **fields) -> Meeting:
    meeting = Meeting.objects.create(
        organ=org.organ, holder="leading_group", kind="leading_group_meeting", date=day, topic="党组会议", **fields
    )
    AgendaTag.objects.create(agenda_item=AgendaItem.objects.create(meeting=meeting, order=1, title="议题"), theme=theme)
    return meeting


@pytest.mark.parametrize(
    ("code", "theme", "period"),
    [
        ("DUTY-005", Theme.IDEOLOGY, "2026-H1"),
        ("DUTY-006", Theme.INTEGRITY, "2026"),
        ("DUTY-007", Theme.STRICT_GOVERNANCE, "2026-H1"),
    ],
)
def test_study_counts_only_meetings_held_by_the_day(org, code, theme, period):
    _meeting(org, D(2026, 3, 10), theme, deleted_at=at(D(2026, 6, 26)))  # deleted after 6/25: still held then
    _meeting(org, D(2026, 6, 25), theme)
    key = (str(org.organ.pk), period)

    assert _judge(code, org.organ.pk, D(2026, 6, 24))[key][0].data["held"] == 1
    assert _judge(code, org.organ.pk, D(2026, 6, 25))[key][0].data["held"] == 2
    assert _judge(code, org.organ.pk, D(2026, 6, 26))[key][0].data["held"] == 1


def test_duty005_a_meeting_after_the_day_leaves_the_half_year_short_on_it(org):
    _meeting(org, D(2026, 6, 25), Theme.IDEOLOGY)
    key = (str(org.organ.pk), "2026-H1")

    soon = _verdict("DUTY-005", org.organ.pk, D(2026, 6, 24), key)
    assert soon.severity == Severity.YELLOW and soon.due == D(2026, 6, 30)
    assert _verdict("DUTY-005", org.organ.pk, D(2026, 6, 25), key) is None


def test_duty005_the_warning_window_counts_back_the_organs_working_days_across_national_day():
    """60 working days before 31 December reach back to 9 October: the National Day week is not counted, the
    worked Saturday 10 October is."""
    h2 = containing("half", D(2026, 8, 1))
    values = {"min_count": 1, "warn_working_days": 60, "look_back": 2}
    data = {"held": 0, "period": h2}
    assert _check("DUTY-005", data, values, D(2026, 10, 8)) is None
    assert _check("DUTY-005", data, values, D(2026, 10, 9)).severity == Severity.YELLOW


# --- DUTY-008: 督办单 ---------------------------------------------------------------------------------------


@pytest.fixture
def notice(org, party_officer, year_list):
    task = AssignmentFactory(item=DutyItemFactory(duty_list=year_list), unit=org.unit_a)
    draft = OversightNotice(
        organ=org.organ,
        number="",
        assignment=task,
        unit=org.unit_a,
        issued_on=D(2026, 9, 28),
        reason="任务推进滞后",
        reply_due=D(2026, 10, 9),
    )
    with clock.replaying(at(D(2026, 9, 28))):
        return notice_issue(notice=draft, by=party_officer)


def _reply(notice, by, day: dt.date) -> None:
    with clock.replaying(at(day)):
        notice_reply(notice=notice, by=by, reply="已整改", replied_on=day)


def test_duty008_a_notice_answered_after_the_day_was_unanswered_on_it(org, notice, unit_head):
    _reply(notice, unit_head, D(2026, 10, 12))
    key = (str(notice.pk), "2026")

    late = _verdict("DUTY-008", org.organ.pk, D(2026, 10, 10), key)
    assert late.severity == Severity.RED and late.due == D(2026, 10, 9)
    assert _verdict("DUTY-008", org.organ.pk, D(2026, 10, 12), key) is None


def test_duty008_a_notice_answered_before_the_day_and_again_after_it_was_answered_on_it(org, notice, unit_head):
    _reply(notice, unit_head, D(2026, 10, 8))
    _reply(notice, unit_head, D(2026, 10, 20))  # a second reply: replied_on moves to 10/20
    assert OversightNotice.objects.get(pk=notice.pk).replied_on == D(2026, 10, 20)
    assert _verdict("DUTY-008", org.organ.pk, D(2026, 10, 12), (str(notice.pk), "2026")) is None


def test_duty008_a_notice_issued_after_the_day_does_not_exist_and_an_escalation_after_it_is_not_named(
    org, notice, party_officer, leader
):
    assert _judge("DUTY-008", org.organ.pk, D(2026, 9, 27)) == {}
    with clock.replaying(at(D(2026, 10, 15))):
        notice_escalate(notice=notice, by=party_officer, to_person_id=leader.person_id)
    key = (str(notice.pk), "2026")
    assert "已升级" not in _verdict("DUTY-008", org.organ.pk, D(2026, 10, 14), key).reason
    assert _verdict("DUTY-008", org.organ.pk, D(2026, 10, 15), key).reason.endswith("尚未回复（已升级至leader）")


def test_duty008_a_reply_date_in_national_day_moves_to_8_october():
    data = {"status": NoticeStatus.ISSUED, "reply_due": D(2026, 10, 3), "escalated_to": ""}
    values = {"warn_working_days": 2, "look_back": 2}
    soon = _check("DUTY-008", data, values, D(2026, 10, 8), label="督办单X（办公室）")
    assert soon.severity == Severity.YELLOW and soon.due == D(2026, 10, 8)
    assert render_reason(soon.reason, soon.due, D(2026, 10, 8)) == (
        "督办单X（办公室）尚未回复，回复期限2026年10月08日（回复期限2026年10月03日遇休息日顺延）（还有0个工作日）"
    )
    assert _check("DUTY-008", data, values, D(2026, 10, 9)).severity == Severity.RED


# --- DUTY-009: the yearly report to the superior Party organisation ---------------------------------------


@pytest.fixture
def secretary(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, name="书记")
    LeadingGroupMember.objects.create(organ=org.organ, person=person, post="secretary", start=D(2020, 1, 1))
    return person


def _superior(org, year: int, sent: dt.date, **fields) -> SuperiorReport:
    return SuperiorReport.objects.create(
        organ=org.organ,
        year=year,
        reported_on=sent,
        recipient="中共测试市委",
        title="关于落实主体责任情况的报告",
        **fields,
    )


def test_duty009_a_report_sent_after_the_day_does_not_count(org, secretary):
    _superior(org, 2025, D(2026, 2, 10))
    key = (str(org.organ.pk), "2025")

    soon = _judge("DUTY-009", org.organ.pk, D(2026, 1, 19))[key]
    assert soon[0].person_id == secretary.pk and soon[0].label == "测试党组"
    assert soon[1].severity == Severity.YELLOW and soon[1].due == D(2026, 2, 2)  # 1/31 is a Saturday
    missing = _verdict("DUTY-009", org.organ.pk, D(2026, 2, 9), key)
    assert missing.severity == Severity.RED
    assert (
        missing.reason == "测试党组2025年度落实全面从严治党主体责任情况报告应于2026年02月02日前报送上级党委，至今未报送"
    )
    late = _verdict("DUTY-009", org.organ.pk, D(2026, 2, 10), key)
    assert late.severity == Severity.RED
    assert late.reason.endswith("于2026年02月10日报送上级党委，晚于报送截止日期2026年02月02日")


def test_duty009_a_report_on_time_is_fine_and_one_deleted_after_the_day_still_stood(org):
    _superior(org, 2025, D(2026, 1, 20), deleted_at=at(D(2026, 3, 1)))
    key = (str(org.organ.pk), "2025")

    assert _verdict("DUTY-009", org.organ.pk, D(2026, 1, 19), key).severity == Severity.YELLOW
    assert _verdict("DUTY-009", org.organ.pk, D(2026, 1, 20), key) is None
    assert _verdict("DUTY-009", org.organ.pk, D(2026, 2, 27), key) is None
    assert _verdict("DUTY-009", org.organ.pk, D(2026, 3, 2), key).severity == Severity.RED


def test_duty009_looks_at_the_last_years_and_this_one(org):
    found = _judge("DUTY-009", org.organ.pk, D(2026, 11, 25))
    assert {period for _, period in found} == {"2024", "2025", "2026"}
    assert found[(str(org.organ.pk), "2026")][1] is None  # due 2027-02-01: far off


def test_duty009_a_due_date_in_the_spring_festival_moves_and_a_worked_saturday_does_not():
    data = {"year": 2025, "sent": None}
    festival = {"due_month": 2, "due_day": 20, "warn_working_days": 10, "look_back": 2}
    assert _check("DUTY-009", data, festival, D(2026, 2, 24), label="测试党组").severity == Severity.YELLOW
    assert _check("DUTY-009", data, festival, D(2026, 2, 25), label="测试党组").due == D(2026, 2, 24)
    assert _check("DUTY-009", data, {**festival, "due_day": 14}, D(2026, 2, 24)).due == D(2026, 2, 14)
    on_time = {"year": 2025, "sent": D(2026, 2, 24)}
    assert _check("DUTY-009", on_time, festival, D(2026, 6, 1)) is None


def test_duty009_runs_through_the_engine_and_closes_once_recorded(org, secretary, party_officer):
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 2, 3), codes=["DUTY-009"])
    found = {f.period: f for f in Finding.objects.filter(rule_code="DUTY-009", status="open")}
    assert set(found) == {"2024", "2025"}  # 2024's was due 2025-02-05 (1/31 fell in that Spring Festival)
    assert found["2024"].due_date == D(2025, 2, 5) and found["2025"].due_date == D(2026, 2, 2)
    finding = found["2025"]
    assert (finding.severity, finding.responsible_person_id) == ("red", secretary.pk)
    assert finding.subject_link == "/duty/reports/"
    report = SuperiorReport(organ=org.organ, year=2024, reported_on=D(2025, 1, 20), recipient="市委", title="报告")
    superior_report_save(report=report, by=party_officer)
    _superior(org, 2025, D(2026, 1, 30))
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 2, 4), codes=["DUTY-009"])
    assert not Finding.objects.filter(rule_code="DUTY-009", status="open").exists()
