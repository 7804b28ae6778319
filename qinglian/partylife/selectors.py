"""Reads of the party-life ledgers: counts per branch and period for the rules, and what the pages show.

Every user-facing read starts from `visible_to(user)`; the counts for rules read the organ's whole ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from qinglian.compliance.params import sets_in_force
from qinglian.core import asof, clock, workdays
from qinglian.org.choices import Role
from qinglian.org.models import Branch, BranchCommitteeMember, Person
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import branch_committee
from qinglian.partylife.choices import AttendanceStatus, DLMStep, Holder, MeetingKind
from qinglian.partylife.models import (
    AgendaItem,
    AnnualPlan,
    Attendance,
    DemocraticLifeStep,
    HeartTalk,
    Meeting,
    PlanItem,
    StudyRecord,
)
from qinglian.partylife.permissions import committee_branch_ids
from qinglian.partylife.querysets import branch_of

# --- counts for the rules -------------------------------------------------------------------------
#
# Each takes `as_of`, the day a check looks at (`runchecks --as-of D`): a meeting, a talk or a study record dated
# after it did not exist then (core.asof: a record's own date decides, not when it was typed in), and a row
# soft-deleted after it still stood then. Pages leave `as_of` out and read today's live ledger as before.


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


# --- the meeting ledger ----------------------------------------------------------------------------


def _filtered(meetings: QuerySet[Meeting], data: Mapping[str, Any]) -> QuerySet[Meeting]:
    """Narrow visible meetings by the ledger filter's cleaned data."""
    if data.get("branch"):
        branch = data["branch"]
        meetings = meetings.filter(Q(branch=branch) | Q(party_group__branch=branch))
    if data.get("kind"):
        meetings = meetings.filter(kind=data["kind"])
    if data.get("year"):
        meetings = meetings.filter(date__year=data["year"])
    if data.get("quarter"):
        first = (data["quarter"] - 1) * 3 + 1
        meetings = meetings.filter(date__month__gte=first, date__month__lte=first + 2)
    if data.get("month"):
        meetings = meetings.filter(date__month=data["month"])
    if data.get("q"):
        meetings = meetings.filter(topic__icontains=data["q"].strip())
    return meetings


def meeting_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Meeting]:
    """The meetings the user may see, narrowed by the filter (branch with its party groups, kind, year, quarter,
    month, topic)."""
    return _filtered(Meeting.objects.visible_to(user), filters)


def meeting_ledger(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Meeting]:
    """`meeting_list` with what a ledger row shows: 应到/实到 counts, the 第一议题 and the absences."""
    present = Q(attendance__status=AttendanceStatus.PRESENT)
    return (
        meeting_list(user=user, filters=filters)
        .select_related("branch", "party_group", "host")
        .annotate(due=Count("attendance"), present=Count("attendance", filter=present))
        .order_by("-date", "-id")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.filter(is_first_topic=True), to_attr="first_topics"),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.exclude(status=AttendanceStatus.PRESENT).select_related("person"),
                to_attr="absences",
            ),
        )
    )


def own_branch_id(user: Any) -> int | None:
    return branch_of(scope_of(user).person_id)


def organ_branches(organ_id: int) -> QuerySet[Branch]:
    return Branch.objects.filter(organ_id=organ_id).order_by("id")


def recordable_branches(user: Any) -> QuerySet[Branch]:
    """The branches whose meetings the user records: any for the office, else those on whose committee they sit."""
    branches = Branch.objects.visible_to(user)
    if scope_of(user).has(Role.PARTY_OFFICER):
        return branches
    return branches.filter(pk__in=committee_branch_ids(user))


def widget_branches(user: Any) -> QuerySet[Branch]:
    """The workbench's quarter card: every branch for organ readers, else one's own and one's committees'."""
    scope = scope_of(user)
    branches = Branch.objects.visible_to(user)
    if scope.reads_organ:
        return branches
    own = Person.objects.filter(pk=scope.person_id).values_list("branch_id", flat=True)
    return branches.filter(Q(pk__in=own) | Q(pk__in=committee_branch_ids(user)))


# --- annual plans and the democratic-life meeting ------------------------------------------------------


def open_plan_item(*, user: Any, pk: int) -> PlanItem | None:
    """A slot of a plan the user may see, with no meeting recorded for it yet."""
    plans = AnnualPlan.objects.visible_to(user)
    return PlanItem.objects.filter(plan__in=plans, meeting__isnull=True, pk=pk).first()


def plan_of(*, branch: Branch, year: int) -> AnnualPlan | None:
    """The branch's plan of the year; the caller has checked the branch (permissions.access_plan_branch)."""
    return AnnualPlan.objects.filter(branch=branch, year=year).first()


def plan_branches(*, user: Any, organ_id: int) -> QuerySet[Branch]:
    """The branches to choose a plan from: all for organ readers, else those covering the units one heads."""
    scope = scope_of(user)
    branches = organ_branches(organ_id)
    if not scope.reads_organ:
        branches = branches.filter(units__in=scope.head_unit_ids).distinct()
    return branches


def dlm_meeting(*, organ_id: int, year: int) -> Meeting | None:
    """The leading group's democratic-life meeting of the year (the first one held), if recorded."""
    return (
        Meeting.objects.filter(organ_id=organ_id, kind=MeetingKind.DEMOCRATIC_LIFE_MEETING, date__year=year)
        .order_by("date", "id")
        .first()
    )


def rule_value(*, organ_id: int, code: str, keys: tuple[str, ...], on: dt.date | None = None) -> Any:
    """A figure of a rule's parameter set in force, for display only; None when no set or no such key.

    Pages show the target ("32学时") next to the facts; the rule engine itself judges compliance.
    """
    try:
        param_set = sets_in_force(organ_id=organ_id, on=on or clock.today(), codes=[code]).get(code)
    except Exception:
        return None
    values = param_set.values if param_set is not None else {}
    for key in keys:
        if isinstance(values, dict) and values.get(key) not in (None, ""):
            return values[key]
    return None


def report_days(organ_id: int) -> int | None:
    """Days after the meeting within which the report is due, for display; None when unset.

    The figure is `report_days` of rule PL-010 (民主生活会后按期报送情况报告); PL-009 is read as a fallback in
    case an organ filed it there.
    """
    for code in ("PL-010", "PL-009"):
        value = rule_value(organ_id=organ_id, code=code, keys=("report_days",))
        if value is not None and str(value).isdigit():
            return int(value)
    return None


def dlm_held_on(meeting_day: dt.date | None, marked_on: dt.date | None) -> dt.date | None:
    """The day the year's democratic-life meeting was held: its recorded meeting (the year's first), else the day
    the office marked the 召开 step. The page and rules PL-010, PL-016 and PL-017 all start from this day."""
    return meeting_day or marked_on


def dlm_report_due(held_on: dt.date, days: int) -> dt.date:
    """The last day for the report "会后N日内": N calendar days after the meeting, the meeting day not counted,
    a last day on a holiday moved to the next working day (民法典第二百零一条、第二百零三条). Rule PL-010 and the
    process page both use this, so the page never shows a date the rule does not hold."""
    return workdays.after(held_on, days, "days")


def dlm_steps(*, user: Any, organ_id: int, year: int) -> dict:
    """The year's democratic-life meeting as its steps, each with its record and the report's due date."""
    done = {s.step: s for s in DemocraticLifeStep.objects.visible_to(user).filter(year=year)}
    meeting = dlm_meeting(organ_id=organ_id, year=year)
    marked = done[DLMStep.MEETING].done_on if DLMStep.MEETING in done else None
    held_on = dlm_held_on(meeting.date if meeting else None, marked)
    days = report_days(organ_id)
    due = dlm_report_due(held_on, days) if held_on and days is not None else None
    steps = [
        {"step": step, "row": done.get(step.value), "due": due if step == DLMStep.REPORT else None} for step in DLMStep
    ]
    return {"steps": steps, "meeting": meeting, "days": days, "due": due}


# --- study, training hours and a person's participation ------------------------------------------------


def hours_target(organ_id: int) -> Decimal | None:
    """The yearly hours required by PL-011 (32 in 《党员教育管理工作条例》), or None when no set is in force."""
    value = rule_value(organ_id=organ_id, code="PL-011", keys=("min_hours",))
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def study_records(*, user: Any, year: int) -> QuerySet[StudyRecord]:
    return StudyRecord.objects.visible_to(user).filter(date__year=year).select_related("person__unit")


def hours_people(*, user: Any, branch_id: int | None = None, unit_id: int | None = None) -> QuerySet[Person]:
    """Whose hours the user sees: organ readers everyone; otherwise oneself, the units one heads and the branches
    on whose committee one sits (the people whose study records one may read, plus the committee's members)."""
    scope = scope_of(user)
    if scope.reads_organ:
        people = Person.objects.visible_to(user)
    elif scope.is_business:
        branches = committee_branch_ids(user)
        mine = Q(pk=scope.person_id) | Q(unit_id__in=scope.head_unit_ids) | Q(branch_id__in=branches)
        # A committee member sees the members of their branch even in other units, hence not visible_to.
        people = Person.objects.filter(mine, organ_id=scope.organ_id)
    else:
        people = Person.objects.none()
    people = people.filter(is_active=True).select_related("unit")
    if branch_id:
        people = people.filter(branch_id=branch_id)
    elif unit_id:
        people = people.filter(unit_id=unit_id)
    return people.party_members().order_by("unit__order", "id")


def person_attendance(*, user: Any, person: Person, year: int) -> QuerySet[Attendance]:
    """The person's attendance at the meetings the viewer may see (a meeting of another branch stays hidden)."""
    visible = Meeting.objects.visible_to(user).filter(date__year=year).values("pk")
    return (
        Attendance.objects.filter(person=person, meeting__in=visible)
        .select_related("meeting")
        .order_by("meeting__date")
    )


# --- heart-to-heart talks (confidential: always through HeartTalk.objects.visible_to) -------------------


def talk_list(*, user: Any, year: int, branch_id: int | None = None, query: str = "") -> QuerySet[HeartTalk]:
    """The talks of a year the user may see; `query` finds either person's name or the topic."""
    talks = HeartTalk.objects.visible_to(user).filter(date__year=year)
    if branch_id:
        talks = talks.filter(branch_id=branch_id)
    if query:
        names = Q(initiator__name__icontains=query) | Q(counterpart__name__icontains=query)
        talks = talks.filter(names | Q(topic__icontains=query))
    return talks.select_related("initiator", "counterpart", "branch")


def person_talks(*, user: Any, person: Person, year: int) -> QuerySet[HeartTalk]:
    """The talks of a year the user may see in which `person` took either part."""
    return (
        HeartTalk.objects.visible_to(user)
        .filter(Q(initiator=person) | Q(counterpart=person), date__year=year)
        .select_related("initiator", "counterpart")
    )


def talk_people(user: Any) -> tuple[QuerySet[Person], QuerySet[Person]]:
    """(initiators, counterparts) of a new talk: the office records for anyone; others talk as themselves with
    people of their branch (a Party group member: anyone in the organ; someone in no branch: their unit).

    The caller has refused an account without a person, unless it is the office's.
    """
    scope = scope_of(user)
    people = Person.objects.filter(organ_id=scope.organ_id, is_active=True).select_related("unit")
    if scope.has(Role.PARTY_OFFICER):
        return people, people
    me = people.filter(pk=scope.person_id)
    if scope.has(Role.LEADER):
        return me, people.exclude(pk=scope.person_id)
    branch_id = me.values_list("branch_id", flat=True).first()
    mine = Q(branch_id=branch_id) if branch_id else Q(unit_id=scope.unit_id)
    return me, people.filter(mine).exclude(pk=scope.person_id)


def coverage_branches(*, user: Any, organ_id: int, branch_id: int | None) -> tuple[QuerySet[Branch], Branch | None]:
    """The branches whose coverage grid the user may open (organ readers: all; others: the committees they sit
    on) and the one to show: the asked one, else the first committee they sit on, else the first."""
    branches = organ_branches(organ_id)
    mine = committee_branch_ids(user)
    if not scope_of(user).reads_organ:
        branches = branches.filter(pk__in=mine)
    branch_id = branch_id or (min(mine) if mine else None)
    return branches, branches.filter(pk=branch_id).first() if branch_id else branches.first()


def coverage_matrix(*, user: Any, branch_id: int, year: int) -> dict:
    """For the 谈心谈话 coverage page: committee members × members of a branch, ticked where a talk was held.

    Built from HeartTalk.objects.visible_to(user): someone who may not see the talks sees no ticks.
    """
    branch = Branch.objects.get(pk=branch_id)
    committee = [row.person for row in branch_committee(branch, on=dt.date(year, 12, 31))]
    members = list(Person.objects.filter(branch_id=branch_id, is_active=True).order_by("unit__order", "id"))
    talks = HeartTalk.objects.visible_to(user).filter(date__year=year)
    pairs = {frozenset(p) for p in talks.values_list("initiator_id", "counterpart_id")}
    rows = [
        {"member": m, "cells": [(c, c.pk == m.pk or frozenset((c.pk, m.pk)) in pairs) for c in committee]}
        for m in members
    ]
    return {"branch": branch, "committee": committee, "rows": rows}


def leading_group_agenda(user: Any, *, year: int | None = None) -> QuerySet[Meeting]:
    """The Party group's meetings (held by 党组) this account may see, oldest first, with their agenda items;
    `year` keeps one year's. The duty app's agenda board tags these items by theme."""
    meetings = Meeting.objects.visible_to(user).filter(holder=Holder.LEADING_GROUP)
    if year is not None:
        meetings = meetings.filter(date__year=year)
    return meetings.order_by("date", "id").prefetch_related("agenda")


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
