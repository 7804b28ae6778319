"""The meeting ledger the pages show (every read from `Meeting.objects.visible_to(user)`), the branches one
records meetings for, and the Party group's agenda the duty app's board reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import AttendanceStatus, Holder
from qinglian.partylife.models import AgendaItem, Attendance, Meeting
from qinglian.partylife.permissions import committee_branch_ids


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


def leading_group_agenda(user: Any, *, year: int | None = None) -> QuerySet[Meeting]:
    """The Party group's meetings (held by 党组) this account may see, oldest first, with their agenda items;
    `year` keeps one year's. The duty app's agenda board tags these items by theme."""
    meetings = Meeting.objects.visible_to(user).filter(holder=Holder.LEADING_GROUP)
    if year is not None:
        meetings = meetings.filter(date__year=year)
    return meetings.order_by("date", "id").prefetch_related("agenda")
