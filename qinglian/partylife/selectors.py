"""Reads of the party-life ledgers: counts per branch and period, training hours, heart-to-heart coverage.

Rules and pages share these; every user-facing list starts from `visible_to(user)`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qinglian.partylife.choices import AttendanceStatus, MeetingKind
from qinglian.partylife.models import Attendance, DemocraticLifeStep, HeartTalk, Meeting, StudyRecord


def meeting_counts(*, organ_id: int, start: dt.date, end: dt.date) -> dict[tuple[int, str], int]:
    """(branch id, kind) → meetings held in [start, end]; party-group meetings count for their branch."""
    counts: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        Meeting.objects.filter(organ_id=organ_id, date__gte=start, date__lte=end)
        .values("branch_id", "party_group__branch_id", "kind")
        .annotate(n=Count("id"))
    )
    for row in rows:
        branch_id = row["branch_id"] or row["party_group__branch_id"]
        if branch_id:
            counts[(branch_id, row["kind"])] += row["n"]
    return counts


def party_group_meeting_counts(*, organ_id: int, start: dt.date, end: dt.date) -> dict[int, int]:
    rows = (
        Meeting.objects.filter(organ_id=organ_id, kind=MeetingKind.PARTY_GROUP_MEETING, date__gte=start, date__lte=end)
        .values("party_group_id")
        .annotate(n=Count("id"))
    )
    return {row["party_group_id"]: row["n"] for row in rows}


def lectures_by(*, organ_id: int, start: dt.date, end: dt.date) -> dict[int, int]:
    """Lecturer person id → party lectures given in the period."""
    rows = (
        Meeting.objects.filter(organ_id=organ_id, kind=MeetingKind.PARTY_LECTURE, date__gte=start, date__lte=end)
        .exclude(lecturer__isnull=True)
        .values("lecturer_id")
        .annotate(n=Count("id"))
    )
    return {row["lecturer_id"]: row["n"] for row in rows}


def leading_group_meetings(*, organ_id: int, kind: str, start: dt.date, end: dt.date) -> list[Meeting]:
    return list(Meeting.objects.filter(organ_id=organ_id, kind=kind, date__gte=start, date__lte=end).order_by("date"))


def meetings_with_vote(*, organ_id: int, since: dt.date) -> QuerySet[Meeting]:
    """Meetings since `since` that voted on something (their quorum is checked)."""
    return Meeting.objects.filter(organ_id=organ_id, has_vote=True, date__gte=since).select_related("branch")


def dlm_step(*, organ_id: int, year: int, step: str) -> DemocraticLifeStep | None:
    """The organ's record of one step of the year's democratic-life meeting, if marked."""
    return DemocraticLifeStep.objects.filter(organ_id=organ_id, year=year, step=step).first()


def training_hours(*, organ_id: int, year: int, person_ids: list[int] | None = None) -> dict[int, Decimal]:
    """Hours of centralised study per person in a year: meetings attended (their credited hours) plus
    study records. 《党员教育管理工作条例》第二十条 counts 集中学习培训."""
    hours: dict[int, Decimal] = defaultdict(lambda: Decimal("0"))
    attended = Attendance.objects.filter(
        meeting__organ_id=organ_id,
        meeting__date__year=year,
        meeting__deleted_at__isnull=True,
        status=AttendanceStatus.PRESENT,
        meeting__hours__gt=0,
    )
    studies = StudyRecord.objects.filter(organ_id=organ_id, date__year=year)
    if person_ids is not None:
        attended = attended.filter(person_id__in=person_ids)
        studies = studies.filter(person_id__in=person_ids)
    for row in attended.values("person_id").annotate(h=Sum("meeting__hours")):
        hours[row["person_id"]] += row["h"] or Decimal("0")
    for row in studies.values("person_id").annotate(h=Sum("hours")):
        hours[row["person_id"]] += row["h"] or Decimal("0")
    return dict(hours)


def talk_pairs(*, organ_id: int, start: dt.date, end: dt.date) -> set[frozenset[int]]:
    """Unordered pairs of people who held a heart-to-heart talk in the period (either may have started it)."""
    rows = HeartTalk.objects.filter(organ_id=organ_id, date__gte=start, date__lte=end).values_list(
        "initiator_id", "counterpart_id"
    )
    return {frozenset(pair) for pair in rows}


def branch_attendance(*, organ_id: int, person_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """Person → branch-level meetings (not the leading group's) they attended in the period."""
    rows = (
        Attendance.objects.filter(
            person_id__in=person_ids,
            status=AttendanceStatus.PRESENT,
            meeting__organ_id=organ_id,
            meeting__date__gte=start,
            meeting__date__lte=end,
            meeting__deleted_at__isnull=True,
        )
        .filter(Q(meeting__branch__isnull=False) | Q(meeting__party_group__isnull=False))
        .values("person_id")
        .annotate(n=Count("id"))
    )
    return {row["person_id"]: row["n"] for row in rows}


def coverage_matrix(*, user: Any, branch_id: int, year: int) -> dict:
    """For the 谈心谈话 coverage page: committee members × members of a branch, ticked where a talk was held.

    Built from HeartTalk.objects.visible_to(user): someone who may not see the talks sees no ticks.
    """
    from qinglian.org.models import Branch, Person
    from qinglian.org.selectors import branch_committee

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
