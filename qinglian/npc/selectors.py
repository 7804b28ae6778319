"""Reads of the 人大履职服务 ledgers: lists with filters, each suggestion's deadlines, and the loaders the
rules share. Figures (rates, the year's figures) are in selectors_figures.py.

Every user-facing list starts from `visible_to(user)`; the loaders taking `organ_id` are for rules and
figures computed for the whole organ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from qinglian.npc.choices import HandlingRole, SuggestionStatus
from qinglian.npc.deadlines import after_days, local_date, reply_due
from qinglian.npc.models import (
    Assignment,
    DeputyActivity,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    Suggestion,
)

OPEN_STATUSES = (SuggestionStatus.ASSIGNED, SuggestionStatus.HANDLING, SuggestionStatus.RE_HANDLING)


# --- loaders shared by rules and figures (one query per relation, no N+1) ---------------------


def suggestions_with_handling(*, organ_id: int, years: list[int]) -> list[Suggestion]:
    """The organ's suggestions of `years` with sessions, assignments (and units), replies (with their
    assignment's unit and satisfaction records) and contacts prefetched. Soft-deleted rows are left out."""
    replies = Reply.objects.select_related("assignment__unit").prefetch_related("satisfactions")
    rows = (
        Suggestion.objects.filter(organ_id=organ_id, year__in=years)
        .select_related("session", "lead_deputy")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            Prefetch("replies", queryset=replies),
            "contacts",
        )
    )
    return list(rows)


def agenda_items_with_submissions(*, organ_id: int, years: list[int]) -> list[MeetingAgendaItem]:
    """Agenda items of the organ's meetings held in `years`, with meeting, unit and submissions."""
    rows = (
        MeetingAgendaItem.objects.filter(organ_id=organ_id, meeting__date__year__in=years, meeting__deleted_at=None)
        .select_related("meeting", "submitting_unit")
        .prefetch_related(Prefetch("submissions", queryset=MaterialSubmission.objects.order_by("version")))
    )
    return list(rows)


def submission_dates(item: MeetingAgendaItem) -> tuple[dt.date | None, dt.date | None]:
    """(day of the first submission, day of the first version marked final), from prefetched submissions."""
    subs = list(item.submissions.all())
    first = min((local_date(s.submitted_at) for s in subs), default=None)
    final = min((local_date(s.submitted_at) for s in subs if s.is_final), default=None)
    return first, final


# --- parameters in force (for deadlines shown on pages and filters) ---------------------------


def rule_params(code: str, *, organ_id: int, on: dt.date):
    """The resolved parameters of rule `code` in force for the organ on `on`, or None when none is."""
    from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
    from qinglian.compliance.registry import get_rule

    try:
        return resolve(get_rule(code), sets_in_force(organ_id=organ_id, on=on, codes=[code]).get(code))
    except MissingParameters:
        return None


# --- suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestionDeadlines:
    """The deadlines of one suggestion as the rules compute them (None: not applicable or no parameters)."""

    lead: Assignment | None
    reply_due: dt.date | None
    replied_on: dt.date | None
    notify_due: dt.date | None
    overdue: bool  # assigned, not replied, and past reply_due


def active_lead(suggestion: Suggestion) -> Assignment | None:
    """The active lead assignment (uses the prefetched assignments when present)."""
    return next((a for a in suggestion.assignments.all() if a.role == HandlingRole.LEAD and a.is_active), None)


def first_reply(suggestion: Suggestion) -> Reply | None:
    return min((r for r in suggestion.replies.all() if not r.is_rereply), key=lambda r: (r.date, r.pk), default=None)


def latest_reply(suggestion: Suggestion) -> Reply | None:
    return max(suggestion.replies.all(), key=lambda r: (r.date, r.pk), default=None)


def reply_deadline(suggestion: Suggestion, params) -> tuple[Assignment | None, dt.date | None]:
    """(the lead assignment answering, its reply deadline) under NPC-001's resolved `params`.

    The lead is the one that gave the first reply, else the active lead. A lead reassigned after a return
    counts its 3 (6) months from its own assignment date.
    """
    reply = first_reply(suggestion)
    lead = reply.assignment if reply is not None else active_lead(suggestion)
    if lead is None or params is None:
        return lead, None
    due = reply_due(
        lead.assigned_on,
        extended=suggestion.is_extended,
        reply_months=params.reply_months,
        extended_months=params.extended_months,
    )
    return lead, due


def suggestion_deadlines(suggestion: Suggestion, *, as_of: dt.date | None = None) -> SuggestionDeadlines:
    """Reply deadline (NPC-001) and, between sessions, the deadline to notify the deputy (NPC-006), under
    the parameters in force on `as_of` (default today). For one suggestion's page; lists use
    `reply_deadline` with parameters resolved once."""
    as_of = as_of or timezone.localdate()
    params = rule_params("NPC-001", organ_id=suggestion.organ_id, on=as_of)
    lead, due = reply_deadline(suggestion, params)
    reply = first_reply(suggestion)
    notify_due = None
    if suggestion.is_interim:
        notify = rule_params("NPC-006", organ_id=suggestion.organ_id, on=as_of)
        notify_due = after_days(suggestion.received_on, notify.notify_days) if notify else None
    replied_on = reply.date if reply else None
    overdue = due is not None and replied_on is None and as_of > due
    return SuggestionDeadlines(lead, due, replied_on, notify_due, overdue)


def suggestion_list(
    user: Any,
    *,
    year: int | None = None,
    session_id: int | None = None,
    unit_id: int | None = None,
    status: str | None = None,
    category: str | None = None,
    is_key: bool | None = None,
    overdue: bool | None = None,
    as_of: dt.date | None = None,
) -> QuerySet[Suggestion]:
    """Suggestions the user may see, filtered. `unit_id` matches any active assignment (lead or co);
    `overdue=True` keeps the assigned, unreplied ones past their reply deadline on `as_of` (default today)."""
    qs = Suggestion.objects.visible_to(user).select_related("session", "lead_deputy")
    if year is not None:
        qs = qs.filter(year=year)
    if session_id is not None:
        qs = qs.filter(session_id=session_id)
    if unit_id is not None:
        qs = qs.filter(pk__in=Assignment.objects.filter(unit_id=unit_id, is_active=True).values("suggestion_id"))
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if is_key is not None:
        qs = qs.filter(is_key=is_key)
    if overdue is not None:
        ids = overdue_suggestion_ids(qs, as_of=as_of or timezone.localdate())
        qs = qs.filter(pk__in=ids) if overdue else qs.exclude(pk__in=ids)
    return qs


def overdue_suggestion_ids(qs: QuerySet[Suggestion], *, as_of: dt.date) -> list[int]:
    """Ids of the suggestions in `qs` past their reply deadline without a reply (calendar arithmetic, so in
    Python: a few hundred rows a year)."""
    rows = list(
        qs.filter(status__in=OPEN_STATUSES).prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.all()),
            Prefetch("replies", queryset=Reply.objects.select_related("assignment")),
        )
    )
    if not rows:
        return []
    params = rule_params("NPC-001", organ_id=rows[0].organ_id, on=as_of)
    overdue = []
    for s in rows:
        _, due = reply_deadline(s, params)
        if due is not None and first_reply(s) is None and as_of > due:
            overdue.append(s.pk)
    return overdue


# --- meetings, stations, activities -----------------------------------------------------------


def meeting_list(user: Any, *, year: int | None = None, kind: str | None = None) -> QuerySet[NpcMeeting]:
    qs = NpcMeeting.objects.visible_to(user)
    if year is not None:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def agenda_item_list(
    user: Any, *, year: int | None = None, unit_id: int | None = None, kind: str | None = None
) -> QuerySet[MeetingAgendaItem]:
    qs = MeetingAgendaItem.objects.visible_to(user).filter(meeting__deleted_at=None)
    qs = qs.select_related("meeting", "submitting_unit").prefetch_related("submissions")
    if year is not None:
        qs = qs.filter(meeting__date__year=year)
    if unit_id is not None:
        qs = qs.filter(submitting_unit_id=unit_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("meeting__date", "order", "pk")


def station_list(user: Any) -> QuerySet[LiaisonStation]:
    return LiaisonStation.objects.visible_to(user).prefetch_related("deputies")


def activity_list(
    user: Any,
    *,
    year: int | None = None,
    kind: str | None = None,
    station_id: int | None = None,
    deputy_id: int | None = None,
) -> QuerySet[DeputyActivity]:
    qs = DeputyActivity.objects.visible_to(user).select_related("station").prefetch_related("deputies")
    if year is not None:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if station_id is not None:
        qs = qs.filter(station_id=station_id)
    if deputy_id is not None:
        qs = qs.filter(deputies__id=deputy_id).distinct()
    return qs
