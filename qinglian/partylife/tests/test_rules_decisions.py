"""PL-018 and PL-019 from 《中国共产党支部工作条例（试行）》: "赞成人数超过应到会有表决权的党员的半数为通过" (Art.11)
and "支部委员会会议须有半数以上委员到会方可进行" (Art.12). Expectations from the text, at the boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import COUNTED_STATUSES
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding, RuleParameterSet
from qinglian.core.errors import InvalidInput
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import AttendanceStatus, MeetingKind
from qinglian.partylife.models import Attendance, Meeting
from qinglian.partylife.services.meetings import meeting_record
from qinglian.partylife.tests.factories import MeetingFactory

AS_OF = dt.date(2026, 11, 30)


def _findings(org, code: str, as_of: dt.date = AS_OF) -> list[Finding]:
    result = run_checks(organ_id=org.organ.pk, as_of=as_of, codes=[code])
    assert not result.errors, result.errors
    return list(Finding.objects.filter(rule_code=code, status__in=COUNTED_STATUSES))


@pytest.fixture
def branch(org):
    return BranchFactory(organ=org.organ, name="机关第一党支部")


def _vote(branch, due: int, votes_for: int | None, day=dt.date(2026, 9, 10)):
    return MeetingFactory(
        branch=branch,
        kind=MeetingKind.BRANCH_GENERAL_MEETING,
        date=day,
        has_vote=True,
        voting_members_due=due,
        voting_members_present=due,
        votes_for=votes_for,
    )


@pytest.mark.parametrize(
    ("due", "votes_for", "severity"),
    [(10, 6, None), (10, 5, "red"), (9, 5, None), (9, 4, "red"), (10, None, "blue")],
    ids=["6-of-10-passes", "5-of-10-is-half-not-more", "5-of-9-passes", "4-of-9-fails", "not-recorded"],
)
def test_a_vote_passes_with_more_than_half_of_those_due(org, branch, due, votes_for, severity):
    _vote(branch, due, votes_for)
    found = _findings(org, "PL-018")
    assert [f.severity for f in found] == ([severity] if severity else [])
    # A vote that failed is a fact of its meeting (已记录); a count not entered is still to do.
    assert all(f.status == ("recorded" if f.severity == "red" else "open") for f in found)


def test_a_vote_held_after_the_as_of_date_is_not_seen(org, branch):
    _vote(branch, 10, 3, day=dt.date(2026, 12, 1))
    assert _findings(org, "PL-018", dt.date(2026, 11, 30)) == []


def _committee(org, branch, size: int) -> list:
    people = [PersonFactory(organ=org.organ, unit=org.unit_a) for _ in range(size)]
    for index, person in enumerate(people):
        BranchCommitteeMember.objects.create(
            organ=org.organ,
            branch=branch,
            person=person,
            post="secretary" if index == 0 else "member",
            start=dt.date(2024, 3, 1),
        )
    return people


def _committee_meeting(branch, people, present: int, day=dt.date(2026, 10, 15)):
    meeting = MeetingFactory(branch=branch, kind=MeetingKind.BRANCH_COMMITTEE_MEETING, date=day)
    for index, person in enumerate(people):
        status = AttendanceStatus.PRESENT if index < present else AttendanceStatus.LEAVE
        reason = "" if index < present else "出差"
        Attendance.objects.create(meeting=meeting, person=person, status=status, reason=reason)
    return meeting


@pytest.mark.parametrize(
    ("size", "present", "severity"),
    [(5, 3, None), (5, 2, "red"), (4, 2, "red"), (3, 2, None)],
    ids=["3-of-5", "2-of-5", "2-of-4-is-half-not-more", "2-of-3"],
)
def test_a_committee_meeting_needs_more_than_half_of_its_members(org, branch, size, present, severity):
    _committee_meeting(branch, _committee(org, branch, size), present)
    assert [f.severity for f in _findings(org, "PL-019")] == ([severity] if severity else [])


def test_an_organ_that_reads_half_as_enough_sets_its_own_parameter(org, branch):
    RuleParameterSet.objects.create(
        rule_code="PL-019",
        jurisdiction="organ",
        organ=org.organ,
        effective_from=dt.date(2026, 1, 1),
        values={"half_counts": True, "look_back": 1},
        source="本机关党委口径",
    )
    _committee_meeting(branch, _committee(org, branch, 4), 2)
    assert _findings(org, "PL-019") == []


def test_a_member_who_left_the_committee_before_the_meeting_is_not_counted(org, branch):
    people = _committee(org, branch, 3)
    BranchCommitteeMember.objects.filter(person=people[2]).update(end=dt.date(2026, 6, 30))
    _committee_meeting(branch, people, 1)  # 1 of the 2 seats in force: half, not more
    [finding] = _findings(org, "PL-019")
    assert "支委会委员2人" in finding.reason


@pytest.mark.parametrize(
    ("has_vote", "present", "votes_for", "message"),
    [
        (False, None, 3, "没有表决事项"),
        (True, 8, 9, "赞成人数不能多于实到"),
        (True, 11, 5, "实到有表决权党员人数不能多于应到"),
    ],
    ids=["no-vote", "more-for-than-present", "more-present-than-due"],
)
def test_impossible_vote_counts_are_refused_and_nothing_is_written(
    org, branch, party_officer, has_vote, present, votes_for, message
):
    meeting = Meeting(
        organ=org.organ,
        branch=branch,
        kind=MeetingKind.BRANCH_GENERAL_MEETING,
        date=dt.date(2026, 9, 10),
        topic="审议预备党员转正",
        has_vote=has_vote,
        voting_members_due=10 if has_vote else None,
        voting_members_present=present,
        votes_for=votes_for,
    )
    with pytest.raises(InvalidInput, match=message):
        meeting_record(meeting=meeting, by=party_officer, agenda=["审议预备党员转正"])
    assert not Meeting.objects.exists()
