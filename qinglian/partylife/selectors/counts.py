"""The counts the rules read, per branch, person and period: from the organ's whole ledger, not `visible_to`.

Each takes `as_of`, the day a check looks at (`runchecks --as-of D`): a meeting, a talk or a study record dated
after it did not exist then (core.asof: a record's own date decides, not when it was typed in), and a row
soft-deleted after it still stood then. Pages leave `as_of` out and read today's live ledger as before.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qinglian.core import asof
from qinglian.org.models import BranchCommitteeMember
from qinglian.partylife.choices import AttendanceStatus, DLMStep, MeetingKind
from qinglian.partylife.models import Attendance, DemocraticLifeStep, HeartTalk, Meeting, StudyRecord


def _meetings(as_of: dt.date | None) -> QuerySet[Meeting]:
    """The meeting ledger as it stood at the end of `as_of` (today's live rows when None)."""
    if as_of is None:
        return Meeting.objects.all()
    return Meeting.all_objects.filter(asof.live_on(as_of), date__lte=as_of)


def meeting_counts(
    *, organ_id: int, start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> dict[tuple[int, str], int]:
    """(branch id, kind) → meetings held in [start, end] (and by `as_of`); party-group meetings count for their
    branch."""
    counts: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        _meetings(as_of)
        .filter(organ_id=organ_id, date__gte=start, date__lte=end)
        .values("branch_id", "party_group__branch_id", "kind")
        .annotate(n=Count("id"))
    )
    for row in rows:
        branch_id = row["branch_id"] or row["party_group__branch_id"]
        if branch_id:
            counts[(branch_id, row["kind"])] += row["n"]
    return counts


def party_group_meeting_counts(
    *, organ_id: int, start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> dict[int, int]:
    rows = (
        _meetings(as_of)
        .filter(organ_id=organ_id, kind=MeetingKind.PARTY_GROUP_MEETING, date__gte=start, date__lte=end)
        .values("party_group_id")
        .annotate(n=Count("id"))
    )
    return {row["party_group_id"]: row["n"] for row in rows}


def lectures_by(*, organ_id: int, start: dt.date, end: dt.date, as_of: dt.date | None = None) -> dict[int, int]:
    """Lecturer person id → party lectures given in the period (and by `as_of`)."""
    rows = (
        _meetings(as_of)
        .filter(organ_id=organ_id, kind=MeetingKind.PARTY_LECTURE, date__gte=start, date__lte=end)
        .exclude(lecturer__isnull=True)
        .values("lecturer_id")
        .annotate(n=Count("id"))
    )
    return {row["lecturer_id"]: row["n"] for row in rows}


def leading_group_meetings(
    *, organ_id: int, kind: str, start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> list[Meeting]:
    """The leading group's meetings of `kind` in [start, end] (and by `as_of`), oldest first."""
    rows = _meetings(as_of).filter(organ_id=organ_id, kind=kind, date__gte=start, date__lte=end)
    return list(rows.order_by("date", "id"))


def meetings_with_vote(*, organ_id: int, since: dt.date, as_of: dt.date | None = None) -> QuerySet[Meeting]:
    """Meetings since `since` (and by `as_of`) that voted on something (their quorum is checked)."""
    return _meetings(as_of).filter(organ_id=organ_id, has_vote=True, date__gte=since).select_related("branch")


def dlm_step_days(*, organ_id: int, year: int, as_of: dt.date) -> dict[str, dt.date | None]:
    """Step → the day the organ marked it done for the year's democratic-life meeting, as known on `as_of`:
    a step done after that day is None (not done yet), like a step never marked."""
    rows = DemocraticLifeStep.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, year=year)
    days: dict[str, dt.date | None] = dict.fromkeys(DLMStep.values)
    for step, done_on in rows.values_list("step", "done_on"):
        days[step] = asof.known(done_on, as_of)
    return days


def training_hours(
    *, organ_id: int, year: int, person_ids: list[int] | None = None, as_of: dt.date | None = None
) -> dict[int, Decimal]:
    """Hours of centralised study per person in a year: meetings attended (their credited hours) plus
    study records, those dated by `as_of` when given. 《党员教育管理工作条例》第二十条 counts 集中学习培训."""
    hours: dict[int, Decimal] = defaultdict(lambda: Decimal("0"))
    attended = Attendance.objects.filter(
        meeting__in=_meetings(as_of).filter(organ_id=organ_id, date__year=year, hours__gt=0),
        status=AttendanceStatus.PRESENT,
    )
    studies = StudyRecord.objects.filter(organ_id=organ_id, date__year=year)
    if as_of is not None:
        studies = StudyRecord.all_objects.filter(
            asof.live_on(as_of), organ_id=organ_id, date__year=year, date__lte=as_of
        )
    if person_ids is not None:
        attended = attended.filter(person_id__in=person_ids)
        studies = studies.filter(person_id__in=person_ids)
    for row in attended.values("person_id").annotate(h=Sum("meeting__hours")):
        hours[row["person_id"]] += row["h"] or Decimal("0")
    for row in studies.values("person_id").annotate(h=Sum("hours")):
        hours[row["person_id"]] += row["h"] or Decimal("0")
    return dict(hours)


def talk_pairs(*, organ_id: int, start: dt.date, end: dt.date, as_of: dt.date | None = None) -> set[frozenset[int]]:
    """Unordered pairs of people who held a heart-to-heart talk in the period (either may have started it), by
    `as_of` when given."""
    talks = HeartTalk.objects.all()
    if as_of is not None:
        talks = HeartTalk.all_objects.filter(asof.live_on(as_of), date__lte=as_of)
    rows = talks.filter(organ_id=organ_id, date__gte=start, date__lte=end).values_list("initiator_id", "counterpart_id")
    return {frozenset(pair) for pair in rows}


def branch_attendance(
    *, organ_id: int, person_ids: list[int], start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> dict[int, int]:
    """Person → branch-level meetings (not the leading group's) they attended in the period (and by `as_of`)."""
    meetings = (
        _meetings(as_of)
        .filter(organ_id=organ_id, date__gte=start, date__lte=end)
        .filter(Q(branch__isnull=False) | Q(party_group__isnull=False))
    )
    rows = (
        Attendance.objects.filter(person_id__in=person_ids, status=AttendanceStatus.PRESENT, meeting__in=meetings)
        .values("person_id")
        .annotate(n=Count("id"))
    )
    return {row["person_id"]: row["n"] for row in rows}


def committee_meeting_quorum(*, organ_id: int, since: dt.date, as_of: dt.date) -> list[dict[str, Any]]:
    """支部委员会会议 from `since` to `as_of`, each with the committee's seats on its date and how many of those
    members were recorded present (for the quorum rule; the seats are read by their own start and end dates)."""
    meetings = list(
        _meetings(as_of)
        .filter(organ_id=organ_id, kind=MeetingKind.BRANCH_COMMITTEE_MEETING, date__gte=since, branch__isnull=False)
        .select_related("branch")
        .prefetch_related("attendance")
    )
    seats = list(
        BranchCommitteeMember.all_objects.filter(
            asof.live_on(as_of), organ_id=organ_id, branch_id__in={m.branch_id for m in meetings}
        ).values("branch_id", "person_id", "start", "end")
    )
    found = []
    for meeting in meetings:
        members = {
            row["person_id"]
            for row in seats
            if row["branch_id"] == meeting.branch_id
            and row["start"] <= meeting.date
            and (row["end"] is None or row["end"] >= meeting.date)
        }
        present = {a.person_id for a in meeting.attendance.all() if a.status == AttendanceStatus.PRESENT}
        found.append({"meeting": meeting, "members": len(members), "present": len(members & present)})
    return found
