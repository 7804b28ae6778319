"""Every party-life rule judged as the ledgers stood on the day checked (issue #12).

For each rule: a record dated after the as-of day does not count for it (and counts from its own day on), people
are read as they stood then, and — for each rule with a deadline — a deadline in the 2026 Spring Festival or
National Day holiday is counted on the organ's calendar (民法典第二百零一条至第二百零三条). PL-014 (the quorum of
a vote) has no deadline.

The collectors and checks are called directly (`rule.collect`, `rule.check`) with the shipped parameters, so a
check for an earlier day after a later one is not a replay of the runner.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.periods import containing
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.core import clock
from qinglian.org.choices import PersonnelEventKind
from qinglian.org.models import BranchCommitteeMember, LeadingGroupMember, PartyGroup, PersonnelEvent
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import DLMStep, Holder, MeetingKind
from qinglian.partylife.models import Attendance, DemocraticLifeStep, HeartTalk, Meeting, StudyRecord
from qinglian.partylife.selectors import dlm

pytestmark = pytest.mark.django_db

SHIPPED = {
    entry["rule_code"]: entry["values"]
    for entry in json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))["sets"]
}
ONE_DAY = dt.timedelta(days=1)
EARLY = dt.date(2026, 1, 5)  # when the people and structures of these tests were first entered


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _run(code: str, organ_id: int, as_of: dt.date, **values) -> list[tuple[Subject, Verdict | None]]:
    """The rule over the ledgers as they stood on `as_of`, with its shipped parameters (some overridden)."""
    rule = RULES[code]
    params = Params(rule.parse_params({**SHIPPED[code], **values}))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return [(subject, rule.check(subject, params, ctx)) for subject in rule.collect(ctx)]


def _one(code: str, organ_id: int, as_of: dt.date, subject_id, period: str, **values):
    found = [(s, v) for s, v in _run(code, organ_id, as_of, **values) if s.id == str(subject_id) and s.period == period]
    assert len(found) == 1, found
    return found[0]


def _ids(code: str, organ_id: int, as_of: dt.date, period: str, **values) -> set[str]:
    return {s.id for s, _ in _run(code, organ_id, as_of, **values) if s.period == period}


def _check(code: str, data: dict, as_of: dt.date, **values) -> Verdict | None:
    """The pure check of `code` over a plain subject."""
    rule = RULES[code]
    params = Params(rule.parse_params({**SHIPPED[code], **values}))
    subject = Subject(type="t", id="1", label="机关第一党支部", data=data)
    return rule.check(subject, params, Context(organ_id=1, as_of=as_of, params=params))


@pytest.fixture
def branch(org):
    with clock.replaying(_at(EARLY)):
        branch = BranchFactory(organ=org.organ, name="机关第一党支部", established_on=dt.date(2020, 1, 1))
        secretary = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记甲")
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=secretary, post="secretary", start=dt.date(2024, 1, 1)
        )
    return branch


@pytest.fixture
def secretary(branch):
    return BranchCommitteeMember.objects.get(branch=branch, post="secretary").person


def _meeting(org, day: dt.date, kind: str = MeetingKind.BRANCH_COMMITTEE_MEETING, **extra) -> Meeting:
    """A meeting of the branch or party group given in `extra`, else of the leading group."""
    holder = (
        Holder.BRANCH if "branch" in extra else Holder.PARTY_GROUP if "party_group" in extra else Holder.LEADING_GROUP
    )
    return Meeting.objects.create(organ=org.organ, kind=kind, date=day, topic="会议", holder=holder, **extra)


def _step(org, year: int, step: str, day: dt.date) -> DemocraticLifeStep:
    return DemocraticLifeStep.objects.create(organ=org.organ, year=year, step=step, done_on=day)


# --- the branch × period frequency rules (PL-001, 002, 004, 006, 007, 008) ----------------------------------

FREQUENCY = [
    ("PL-001", MeetingKind.BRANCH_GENERAL_MEETING, dt.date(2026, 9, 29), "2026-Q3"),
    ("PL-002", MeetingKind.BRANCH_COMMITTEE_MEETING, dt.date(2026, 9, 29), "2026-09"),
    ("PL-004", MeetingKind.PARTY_LECTURE, dt.date(2026, 9, 29), "2026-Q3"),
    ("PL-006", MeetingKind.THEME_DAY, dt.date(2026, 9, 29), "2026-09"),
    ("PL-007", MeetingKind.ORG_LIFE_MEETING, dt.date(2026, 11, 24), "2026"),
    ("PL-008", MeetingKind.DEMOCRATIC_APPRAISAL, dt.date(2026, 11, 24), "2026"),
]


@pytest.mark.parametrize(("code", "kind", "day", "period"), FREQUENCY, ids=[row[0] for row in FREQUENCY])
def test_a_branch_meeting_dated_after_the_day_does_not_count_for_it(org, branch, code, kind, day, period):
    _meeting(org, day + ONE_DAY, kind, branch=branch)
    subject, verdict = _one(code, org.organ.pk, day, branch.pk, period, warn_working_days=60)
    assert subject.data["held"] == 0 and verdict.severity == Severity.YELLOW
    subject, verdict = _one(code, org.organ.pk, day + ONE_DAY, branch.pk, period, warn_working_days=60)
    assert subject.data["held"] == 1 and verdict is None


def test_a_meeting_deleted_after_the_day_still_counts_for_it(org, branch):
    meeting = _meeting(org, dt.date(2026, 9, 10), branch=branch)
    Meeting.all_objects.filter(pk=meeting.pk).update(deleted_at=_at(dt.date(2026, 10, 5)))
    subject, verdict = _one("PL-002", org.organ.pk, dt.date(2026, 10, 4), branch.pk, "2026-09")
    assert subject.data["held"] == 1 and verdict is None
    subject, verdict = _one("PL-002", org.organ.pk, dt.date(2026, 10, 5), branch.pk, "2026-09")
    assert subject.data["held"] == 0 and verdict.severity == Severity.RED


def test_a_branch_established_after_the_day_is_not_checked_on_it(org, branch):
    new = BranchFactory(organ=org.organ, name="机关第二党支部", established_on=dt.date(2026, 9, 30))
    assert str(new.pk) not in _ids("PL-002", org.organ.pk, dt.date(2026, 9, 29), "2026-09")
    assert str(new.pk) in _ids("PL-002", org.organ.pk, dt.date(2026, 9, 30), "2026-09")


def test_the_secretary_answers_as_seated_on_the_day(org, branch, secretary):
    BranchCommitteeMember.objects.filter(person=secretary).update(end=dt.date(2026, 9, 30))
    successor = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记乙")
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=successor, post="secretary", start=dt.date(2026, 10, 1)
    )
    subject, _ = _one("PL-002", org.organ.pk, dt.date(2026, 9, 30), branch.pk, "2026-09")
    assert subject.person_id == secretary.pk
    subject, _ = _one("PL-002", org.organ.pk, dt.date(2026, 10, 1), branch.pk, "2026-10")
    assert subject.person_id == successor.pk


# --- PL-003: party groups ---------------------------------------------------------------------------------


def test_pl003_a_party_group_meeting_after_the_day_does_not_count_and_the_leader_is_the_one_of_the_day(org, branch):
    with clock.replaying(_at(EARLY)):
        first = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="组长甲")
        group = PartyGroup.objects.create(organ=org.organ, branch=branch, name="第一党小组", leader=first)
    with clock.replaying(_at(dt.date(2026, 10, 15))):
        second = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="组长乙")
        group.leader = second
        group.save()
    day = dt.date(2026, 9, 29)
    _meeting(org, day + ONE_DAY, MeetingKind.PARTY_GROUP_MEETING, party_group=group)
    subject, verdict = _one("PL-003", org.organ.pk, day, group.pk, "2026-09")
    assert subject.data["held"] == 0 and verdict.severity == Severity.YELLOW
    assert subject.person_id == first.pk and subject.label == "机关第一党支部第一党小组"
    subject, verdict = _one("PL-003", org.organ.pk, day + ONE_DAY, group.pk, "2026-09")
    assert subject.data["held"] == 1 and verdict is None and subject.person_id == first.pk
    assert _one("PL-003", org.organ.pk, dt.date(2026, 10, 16), group.pk, "2026-10")[0].person_id == second.pk


# --- PL-005, PL-009, PL-013: the leading group ------------------------------------------------------------


@pytest.fixture
def party_secretary(org, branch):
    with clock.replaying(_at(EARLY)):
        person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党组书记")
        LeadingGroupMember.objects.create(organ=org.organ, person=person, post="secretary", start=dt.date(2024, 1, 1))
    return person


def test_pl005_a_lecture_after_the_day_does_not_count(org, branch, party_secretary):
    day = dt.date(2026, 11, 24)
    _meeting(org, day + ONE_DAY, MeetingKind.PARTY_LECTURE, branch=branch, lecturer=party_secretary)
    subject, verdict = _one("PL-005", org.organ.pk, day, party_secretary.pk, "2026", warn_working_days=60)
    assert subject.data["held"] == 0 and verdict.severity == Severity.YELLOW
    subject, verdict = _one("PL-005", org.organ.pk, day + ONE_DAY, party_secretary.pk, "2026", warn_working_days=60)
    assert subject.data["held"] == 1 and verdict is None


def test_pl009_a_democratic_life_meeting_after_the_day_was_not_held_on_it(org, party_secretary):
    day = dt.date(2026, 11, 24)
    _meeting(org, day + ONE_DAY, MeetingKind.DEMOCRATIC_LIFE_MEETING)
    subject, verdict = _one("PL-009", org.organ.pk, day, org.organ.pk, "2026", warn_working_days=60)
    assert subject.data["held"] == 0 and subject.data["meeting_date"] is None
    assert verdict.severity == Severity.YELLOW and subject.person_id == party_secretary.pk
    subject, verdict = _one("PL-009", org.organ.pk, day + ONE_DAY, org.organ.pk, "2026", warn_working_days=60)
    assert subject.data["held"] == 1 and verdict is None


def test_pl013_a_leaders_attendance_after_the_day_does_not_count_and_the_branch_is_the_one_of_the_day(
    org, branch, party_secretary
):
    with clock.replaying(_at(EARLY)):
        deputy = PersonFactory(organ=org.organ, unit=org.unit_a, name="党组成员")  # in no branch until October
        LeadingGroupMember.objects.create(organ=org.organ, person=deputy, post="member", start=dt.date(2024, 1, 1))
    with clock.replaying(_at(dt.date(2026, 10, 15))):
        deputy.branch = branch
        deputy.save()
    day = dt.date(2026, 9, 29)
    meeting = _meeting(org, day + ONE_DAY, MeetingKind.BRANCH_GENERAL_MEETING, branch=branch)
    Attendance.objects.create(meeting=meeting, person=party_secretary)
    subject, verdict = _one("PL-013", org.organ.pk, day, party_secretary.pk, "2026-Q3")
    assert subject.data["held"] == 0 and verdict.severity == Severity.YELLOW
    subject, verdict = _one("PL-013", org.organ.pk, day + ONE_DAY, party_secretary.pk, "2026-Q3")
    assert subject.data["held"] == 1 and verdict is None
    assert str(deputy.pk) not in _ids("PL-013", org.organ.pk, day, "2026-Q3")
    assert str(deputy.pk) in _ids("PL-013", org.organ.pk, dt.date(2026, 10, 16), "2026-Q4")


# --- PL-010: the report after the democratic-life meeting ----------------------------------------------------


def test_pl010_a_report_dated_after_the_day_is_not_yet_sent_on_it(org):
    held_on = dt.date(2026, 11, 2)
    _meeting(org, held_on, MeetingKind.DEMOCRATIC_LIFE_MEETING)
    _step(org, 2026, DLMStep.REPORT, dt.date(2026, 11, 10))
    subject, verdict = _one("PL-010", org.organ.pk, dt.date(2026, 11, 9), org.organ.pk, "2026")
    assert subject.data["reported_on"] is None
    assert verdict.severity == Severity.YELLOW and verdict.due == dt.date(2026, 11, 17)
    subject, verdict = _one("PL-010", org.organ.pk, dt.date(2026, 11, 10), org.organ.pk, "2026")
    assert subject.data["reported_on"] == dt.date(2026, 11, 10) and verdict is None


def test_pl010_a_meeting_dated_after_the_day_does_not_exist_for_it(org):
    _meeting(org, dt.date(2026, 11, 2), MeetingKind.DEMOCRATIC_LIFE_MEETING)
    subject, verdict = _one("PL-010", org.organ.pk, dt.date(2026, 11, 1), org.organ.pk, "2026")
    assert subject.data["meeting_date"] is None and verdict is None


def test_pl010_a_deadline_in_the_national_day_holiday_moves_to_the_next_working_day(org):
    held_on = dt.date(2026, 9, 20)  # + 15 days = Monday 5 October, in the holiday
    values = {"held": 1, "period": containing("year", held_on), "meeting_date": held_on, "reported_on": None}
    pending = _check("PL-010", values, dt.date(2026, 10, 8))
    assert pending.severity == Severity.YELLOW and pending.due == dt.date(2026, 10, 8)
    assert _check("PL-010", values, dt.date(2026, 10, 9)).severity == Severity.RED
    assert _check("PL-010", {**values, "reported_on": dt.date(2026, 10, 8)}, dt.date(2026, 10, 9)) is None
    late = _check("PL-010", {**values, "reported_on": dt.date(2026, 10, 9)}, dt.date(2026, 10, 9))
    assert late.severity == Severity.RED and late.due == dt.date(2026, 10, 8)


def test_pl010_a_deadline_in_the_spring_festival_moves_but_a_working_saturday_does_not(org):
    held_on = dt.date(2026, 2, 1)  # + 15 days = 16 February, in the holiday (15–23 February)
    values = {"held": 1, "period": containing("year", held_on), "meeting_date": held_on}
    assert _check("PL-010", {**values, "reported_on": dt.date(2026, 2, 24)}, dt.date(2026, 3, 1)) is None
    assert _check("PL-010", {**values, "reported_on": dt.date(2026, 2, 25)}, dt.date(2026, 3, 1)).due == dt.date(
        2026, 2, 24
    )
    saturday = dt.date(2026, 1, 30)  # + 15 days = Saturday 14 February, a 调休 working day: it stays
    late = _check(
        "PL-010", {**values, "meeting_date": saturday, "reported_on": dt.date(2026, 2, 24)}, dt.date(2026, 3, 1)
    )
    assert late.severity == Severity.RED and late.due == dt.date(2026, 2, 14)


def test_pl010_the_process_page_shows_the_deadline_the_rule_holds(org, party_officer):
    held_on = dt.date(2026, 9, 20)
    _meeting(org, held_on, MeetingKind.DEMOCRATIC_LIFE_MEETING)
    page = dlm.dlm_steps(user=party_officer, organ_id=org.organ.pk, year=2026)
    _, verdict = _one("PL-010", org.organ.pk, dt.date(2026, 10, 9), org.organ.pk, "2026")
    assert page["due"] == verdict.due == dt.date(2026, 10, 8)


def test_pl010_a_run_for_an_earlier_day_finds_the_report_missing(org):
    _meeting(org, dt.date(2026, 9, 20), MeetingKind.DEMOCRATIC_LIFE_MEETING)
    _step(org, 2026, DLMStep.REPORT, dt.date(2026, 10, 12))
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 10, 9), codes=["PL-010"])
    finding = Finding.objects.get(rule_code="PL-010", period="2026")
    assert finding.severity == Severity.RED and finding.due_date == dt.date(2026, 10, 8)
    assert "仍未报送" in finding.reason


# --- PL-011: training hours ----------------------------------------------------------------------------------


def test_pl011_study_and_meetings_dated_after_the_day_do_not_count(org, branch, secretary):
    day = dt.date(2026, 11, 24)
    StudyRecord.objects.create(
        organ=org.organ, person=secretary, kind="online", date=day + ONE_DAY, title="网络学院", hours=Decimal("30")
    )
    lecture = _meeting(org, day + ONE_DAY, MeetingKind.PARTY_LECTURE, branch=branch, hours=Decimal("2"))
    Attendance.objects.create(meeting=lecture, person=secretary)
    subject, verdict = _one("PL-011", org.organ.pk, day, secretary.pk, "2026", warn_working_days=60)
    assert subject.data["hours"] == 0 and verdict.severity == Severity.YELLOW
    subject, verdict = _one("PL-011", org.organ.pk, day + ONE_DAY, secretary.pk, "2026", warn_working_days=60)
    assert subject.data["hours"] == 32 and verdict is None


def test_pl011_a_study_record_deleted_after_the_day_still_counts_for_it(org, branch, secretary):
    record = StudyRecord.objects.create(
        organ=org.organ,
        person=secretary,
        kind="online",
        date=dt.date(2025, 6, 1),
        title="网络学院",
        hours=Decimal("32"),
    )
    StudyRecord.all_objects.filter(pk=record.pk).update(deleted_at=_at(dt.date(2026, 3, 2)))
    assert _one("PL-011", org.organ.pk, dt.date(2026, 3, 1), secretary.pk, "2025")[1] is None
    assert _one("PL-011", org.organ.pk, dt.date(2026, 3, 2), secretary.pk, "2025")[1].severity == Severity.RED


def test_pl011_members_are_read_as_they_stood_on_the_day(org, branch):
    """On 31 March 2026 the 2025 year is judged for who was a member then, not for who is one today."""
    day = dt.date(2026, 3, 31)
    with clock.replaying(_at(EARLY)):
        retired_later = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="后退休")
        moved_out_later = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="后调出")
    with clock.replaying(_at(dt.date(2026, 6, 30))):
        retired_later.is_active = False
        retired_later.save()
        moved_out_later.unit = org.stationed  # to the stationed group: no longer a member of the organ's branches
        moved_out_later.save()
    # Entered today as they are now: retired in July 2026, arrived in May 2026, joined the Party in April 2026.
    backfilled_retiree = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, is_active=False, name="补录")
    PersonnelEvent.objects.create(
        organ=org.organ, person=backfilled_retiree, kind=PersonnelEventKind.RETIREMENT, date=dt.date(2026, 7, 1)
    )
    arrived_later = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="后调入")
    PersonnelEvent.objects.create(
        organ=org.organ, person=arrived_later, kind=PersonnelEventKind.TRANSFER_IN, date=dt.date(2026, 5, 1)
    )
    joined_later = PersonFactory(
        organ=org.organ, unit=org.unit_a, branch=branch, name="后入党", party_joined_on=dt.date(2026, 4, 1)
    )
    on_day = _ids("PL-011", org.organ.pk, day, "2025")
    assert {str(retired_later.pk), str(moved_out_later.pk), str(backfilled_retiree.pk)} <= on_day
    assert str(arrived_later.pk) not in on_day and str(joined_later.pk) not in on_day
    later = _ids("PL-011", org.organ.pk, dt.date(2026, 7, 2), "2025")
    assert not {str(retired_later.pk), str(moved_out_later.pk), str(backfilled_retiree.pk)} & later


def test_pl011_an_arrival_dated_after_the_day_does_not_reach_back_before_it(org, branch):
    """Someone here since 2024 who is recorded as arriving again in June 2026 (a return) was held to the full 2026
    year on 31 May: the later arrival counts from its own date."""
    with clock.replaying(_at(dt.date(2024, 3, 1))):
        veteran = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="老党员")
    for day in (dt.date(2024, 3, 1), dt.date(2026, 6, 1)):
        PersonnelEvent.objects.create(organ=org.organ, person=veteran, kind=PersonnelEventKind.TRANSFER_IN, date=day)
    assert str(veteran.pk) in _ids("PL-011", org.organ.pk, dt.date(2026, 5, 31), "2026")
    assert str(veteran.pk) not in _ids("PL-011", org.organ.pk, dt.date(2026, 6, 1), "2026")


# --- PL-012: heart-to-heart talks ----------------------------------------------------------------------------


def test_pl012_a_talk_after_the_day_does_not_count_and_people_are_read_as_of_the_day(org, branch, secretary):
    other = BranchFactory(organ=org.organ, name="机关第二党支部", established_on=dt.date(2020, 1, 1))
    with clock.replaying(_at(EARLY)):
        member = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员丙")
        mover = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员丁")
        newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, branch=other, name="新委员")
    with clock.replaying(_at(dt.date(2026, 12, 1))):
        mover.branch = other
        mover.save()
    # A seat from 30 November: had it counted on the 24th, 新委员 × (书记甲, 丙, 丁) would be wanted too.
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=newcomer, post="member", start=dt.date(2026, 11, 30)
    )
    day = dt.date(2026, 11, 24)
    for counterpart, talked_on in ((member, day + ONE_DAY), (mover, day - ONE_DAY)):
        HeartTalk.objects.create(
            organ=org.organ,
            initiator=secretary,
            initiator_role="secretary",
            counterpart=counterpart,
            counterpart_role="member",
            date=talked_on,
            topic="思想交流",
        )
    # On the day: the secretary alone sits on the committee; 丙 and 丁 are in the branch; only 丁's talk is held.
    subject, verdict = _one("PL-012", org.organ.pk, day, branch.pk, "2026", warn_working_days=60)
    assert (subject.data["wanted"], subject.data["missing"]) == (2, 1) and verdict.severity == Severity.YELLOW
    subject, verdict = _one("PL-012", org.organ.pk, day + ONE_DAY, branch.pk, "2026", warn_working_days=60)
    assert (subject.data["wanted"], subject.data["missing"]) == (2, 0) and verdict is None


# --- PL-014: the quorum of a vote ------------------------------------------------------------------------------


def test_pl014_a_vote_after_the_day_is_not_judged_on_it(org, branch):
    day = dt.date(2026, 9, 29)
    meeting = _meeting(
        org,
        day + ONE_DAY,
        MeetingKind.BRANCH_GENERAL_MEETING,
        branch=branch,
        has_vote=True,
        voting_members_due=10,
        voting_members_present=5,
    )
    assert _run("PL-014", org.organ.pk, day) == []
    [(subject, verdict)] = _run("PL-014", org.organ.pk, day + ONE_DAY)
    assert subject.id == str(meeting.pk) and verdict.severity == Severity.RED


# --- PL-016: the preparation before the democratic-life meeting ----------------------------------------------


def _prepared(org, year: int, opinions: dt.date, talks: dt.date, materials: dt.date | None) -> None:
    _step(org, year, DLMStep.OPINIONS, opinions)
    _step(org, year, DLMStep.TALKS, talks)
    if materials:
        _step(org, year, DLMStep.MATERIALS, materials)


def test_pl016_nothing_is_judged_before_the_meeting_and_a_step_after_the_day_is_not_done(org):
    held_on = dt.date(2026, 11, 20)
    _meeting(org, held_on, MeetingKind.DEMOCRATIC_LIFE_MEETING)
    _prepared(org, 2026, dt.date(2026, 10, 20), dt.date(2026, 11, 5), dt.date(2026, 11, 20))
    subject, verdict = _one("PL-016", org.organ.pk, dt.date(2026, 11, 19), org.organ.pk, "2026")
    assert subject.data["meeting_date"] is None and verdict is None  # the meeting is dated after the day
    assert subject.data["steps"][DLMStep.TALKS] == dt.date(2026, 11, 5)
    assert subject.data["steps"][DLMStep.MATERIALS] is None  # dated after the day: not done yet
    assert _one("PL-016", org.organ.pk, held_on, org.organ.pk, "2026")[1] is None  # materials on the day: in time


def test_pl016_the_meeting_held_without_a_step_is_red(org):
    held_on = dt.date(2026, 11, 20)
    _meeting(org, held_on, MeetingKind.DEMOCRATIC_LIFE_MEETING)
    _prepared(org, 2026, dt.date(2026, 10, 20), dt.date(2026, 11, 21), None)  # talks the day after the meeting
    _, verdict = _one("PL-016", org.organ.pk, dt.date(2026, 11, 30), org.organ.pk, "2026")
    assert verdict.severity == Severity.RED and verdict.due == held_on
    assert verdict.reason == "民主生活会于11月20日召开，会前未完成：会前谈心谈话、撰写对照检查材料"


def test_pl016_steps_out_of_order_are_yellow_and_the_same_day_is_in_order(org):
    held_on = dt.date(2026, 11, 20)
    data = {"meeting_date": held_on}
    in_order = {DLMStep.OPINIONS: dt.date(2026, 11, 5), DLMStep.TALKS: dt.date(2026, 11, 5)}
    steps = {**in_order, DLMStep.MATERIALS: dt.date(2026, 11, 6)}
    assert _check("PL-016", {**data, "steps": steps}, held_on) is None
    swapped = {**steps, DLMStep.OPINIONS: dt.date(2026, 11, 7)}
    verdict = _check("PL-016", {**data, "steps": swapped}, held_on)
    assert verdict.severity == Severity.YELLOW and "应先征求意见、再谈心谈话、后撰写对照检查材料" in verdict.reason


def test_pl016_the_deadline_is_the_meeting_day_even_on_a_working_saturday_after_national_day(org):
    held_on = dt.date(2026, 10, 10)  # a 调休 working Saturday; steps done in the holiday count, nothing moves
    data = {"meeting_date": held_on}
    steps = {DLMStep.OPINIONS: dt.date(2026, 9, 15), DLMStep.TALKS: dt.date(2026, 10, 5)}
    assert _check("PL-016", {**data, "steps": {**steps, DLMStep.MATERIALS: held_on}}, held_on) is None
    late = _check("PL-016", {**data, "steps": {**steps, DLMStep.MATERIALS: dt.date(2026, 10, 12)}}, held_on)
    assert late.severity == Severity.RED and late.due == held_on


# --- PL-017: the plan filed with the superior before the meeting -----------------------------------------------


def test_pl017_a_plan_filed_after_the_day_is_not_filed_on_it(org):
    held_on = dt.date(2026, 11, 20)  # 15 days before: Thursday 5 November
    _meeting(org, held_on, MeetingKind.DEMOCRATIC_LIFE_MEETING)
    _step(org, 2026, DLMStep.PLAN_FILED, dt.date(2026, 11, 5))
    assert _one("PL-017", org.organ.pk, dt.date(2026, 11, 19), org.organ.pk, "2026")[1] is None  # not held yet
    assert _one("PL-017", org.organ.pk, held_on, org.organ.pk, "2026")[1] is None
    DemocraticLifeStep.objects.filter(step=DLMStep.PLAN_FILED).update(done_on=dt.date(2026, 11, 21))
    _, verdict = _one("PL-017", org.organ.pk, held_on, org.organ.pk, "2026")
    assert verdict.severity == Severity.RED and verdict.due == dt.date(2026, 11, 5)
    assert verdict.reason == "民主生活会于11月20日召开，会前未向上级党组织报送会议方案"


def test_pl017_the_lead_time_is_a_parameter_and_filing_one_day_late_is_yellow(org):
    held_on = dt.date(2026, 11, 20)
    data = {"meeting_date": held_on, "steps": {DLMStep.PLAN_FILED: dt.date(2026, 11, 6)}}
    late = _check("PL-017", data, held_on)
    assert late.severity == Severity.YELLOW and late.due == dt.date(2026, 11, 5)
    assert "晚于会前15日（应于11月05日前报送）" in late.reason
    assert _check("PL-017", data, held_on, lead_days=10) is None  # a province that asks for 10 days


def test_pl017_a_last_day_in_the_spring_festival_moves_back_to_the_working_saturday_before_it(org):
    held_on = dt.date(2026, 3, 5)  # 15 days before: 18 February, in the holiday → Saturday 14 February (调休)
    on_time = _check("PL-017", {"meeting_date": held_on, "steps": {DLMStep.PLAN_FILED: dt.date(2026, 2, 14)}}, held_on)
    assert on_time is None
    late = _check("PL-017", {"meeting_date": held_on, "steps": {DLMStep.PLAN_FILED: dt.date(2026, 2, 24)}}, held_on)
    assert late.severity == Severity.YELLOW and late.due == dt.date(2026, 2, 14)


def test_pl017_a_last_day_in_the_national_day_holiday_moves_back_before_it(org):
    held_on = dt.date(2026, 10, 20)  # 15 days before: 5 October → Wednesday 30 September
    plan = {DLMStep.PLAN_FILED: dt.date(2026, 9, 30)}
    assert _check("PL-017", {"meeting_date": held_on, "steps": plan}, held_on) is None
    late = _check("PL-017", {"meeting_date": held_on, "steps": {DLMStep.PLAN_FILED: dt.date(2026, 10, 8)}}, held_on)
    assert late.due == dt.date(2026, 9, 30)
    missing = _check("PL-017", {"meeting_date": held_on, "steps": {DLMStep.PLAN_FILED: None}}, held_on)
    assert missing.severity == Severity.RED


# --- the frequency rules' deadlines over the 2026 holidays ----------------------------------------------------
#
# A period's findings are due on its last working day; the yellow warning starts `warn_working_days` working days
# before it, counted on the organ's calendar, so a holiday week counts for nothing.

MONTHLY = ["PL-002", "PL-003", "PL-006"]
QUARTERLY = ["PL-001", "PL-004", "PL-013"]
YEARLY = ["PL-005", "PL-007", "PL-008", "PL-009"]


@pytest.mark.parametrize("code", MONTHLY)
def test_february_2026_is_due_on_its_working_saturday_and_the_spring_festival_counts_no_working_days(code):
    february = containing("month", dt.date(2026, 2, 1))
    data = {"held": 0, "period": february}
    # From Friday 13 February six working days remain (14, 24–28); from Saturday 14 February, five.
    assert _check(code, data, dt.date(2026, 2, 13), warn_working_days=5) is None
    warned = _check(code, data, dt.date(2026, 2, 14), warn_working_days=5)
    assert warned.severity == Severity.YELLOW and warned.due == dt.date(2026, 2, 28)
    assert _check(code, data, dt.date(2026, 3, 1)).severity == Severity.RED


@pytest.mark.parametrize("code", QUARTERLY)
def test_the_first_quarter_warning_counts_over_the_spring_festival(code):
    q1 = containing("quarter", dt.date(2026, 2, 1))
    data = {"held": 0, "period": q1}
    # 13 February → 31 March is 28 working days on the 2026 calendar (32 on a plain week).
    assert _check(code, data, dt.date(2026, 2, 12), warn_working_days=28) is None
    warned = _check(code, data, dt.date(2026, 2, 13), warn_working_days=28)
    assert warned.severity == Severity.YELLOW and warned.due == dt.date(2026, 3, 31)


@pytest.mark.parametrize("code", YEARLY)
def test_the_year_warning_counts_the_working_saturday_after_national_day(code):
    y2026 = containing("year", dt.date(2026, 6, 1))
    data = {"held": 0, "period": y2026}
    # After 8 October 61 working days remain, Saturday 10 October (调休 for National Day) among them; a plain week
    # would count 60 and warn a day early.
    assert _check(code, data, dt.date(2026, 10, 8), warn_working_days=60) is None
    warned = _check(code, data, dt.date(2026, 10, 9), warn_working_days=60)
    assert warned.severity == Severity.YELLOW and warned.due == dt.date(2026, 12, 31)


def test_pl011_pl012_the_year_warning_counts_the_working_saturday_after_national_day():
    y2026 = containing("year", dt.date(2026, 6, 1))
    for code, data in (
        ("PL-011", {"hours": 10, "period": y2026}),
        ("PL-012", {"wanted": 4, "missing": 1, "period": y2026}),
    ):
        assert _check(code, data, dt.date(2026, 10, 8), warn_working_days=60) is None
        warned = _check(code, data, dt.date(2026, 10, 9), warn_working_days=60)
        assert warned.severity == Severity.YELLOW and warned.due == dt.date(2026, 12, 31)


def test_every_length_of_time_says_how_it_is_counted():
    for code, rule in RULES.items():
        if not code.startswith("PL-"):
            continue
        periods = {p.name: p.period for p in rule.params}
        for name in ("warn_working_days", "report_days", "lead_days"):
            if name in periods:
                assert periods[name] is not None, (code, name)
        assert periods.get("look_back") is None and periods.get("min_count") is None
