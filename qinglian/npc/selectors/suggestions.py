"""Reads of the suggestions ledger (代表建议): the list with its filters, each suggestion's reply deadline and
handling as a ledger line, the loader the figures use and the one the rules use (the ledger as it stood on a day).

Every user-facing list starts from `visible_to(user)`; the loaders taking `organ_id` are for rules and
figures computed for the whole organ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from qinglian.core import asof, clock, workdays
from qinglian.npc.choices import OPEN_STATUSES, UNREPLIED, HandlingRole
from qinglian.npc.deadlines import notify_due, reply_due
from qinglian.npc.models import Assignment, Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.selectors.common import rule_params
from qinglian.org.scope import scope_of

# An unreplied suggestion whose reply deadline falls within this many working days is "due soon".
DUE_SOON_WORKING_DAYS = 10


def with_handling(qs: QuerySet[Suggestion], *, co_signers: bool = False) -> QuerySet[Suggestion]:
    """Session, deputy, assignments (with units), replies (with their unit and evaluations) — and the co-signers
    when asked: what a line of the ledger and the rules need, in one query per relation."""
    replies = Reply.objects.select_related("assignment__unit").prefetch_related("satisfactions")
    qs = qs.select_related("session", "lead_deputy").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
        Prefetch("replies", queryset=replies),
    )
    return qs.prefetch_related("co_signers") if co_signers else qs


def suggestions_with_handling(*, organ_id: int, years: list[int]) -> list[Suggestion]:
    """The organ's suggestions of `years` with their handling (`with_handling`) and contacts. Soft-deleted rows
    are left out."""
    rows = Suggestion.objects.filter(organ_id=organ_id, year__in=years)
    return list(with_handling(rows).prefetch_related("contacts"))


def suggestions_as_of(*, organ_id: int, years: list[int], as_of: dt.date) -> list[Suggestion]:
    """The organ's suggestions of `years` as the ledger stood at the end of `as_of` (for the rules run for that
    day), prefetched like `suggestions_with_handling`.

    What exists is judged by each row's own date, not by when it was typed in: a suggestion received, an
    assignment made, a contact, a reply or an evaluation dated after `as_of` is left out. A row soft-deleted
    after `as_of` still stood that day and is kept (`core.asof.live_on`). Dates inside a row that stood (a receipt, a
    return, a co-opinion, a notice to the deputy, an approved extension) are for the caller to judge with
    `core.asof.known`; whether an assignment was still active, with `assignments_active_on`.
    """
    alive = asof.live_on(as_of)
    evaluations = SatisfactionRecord.all_objects.filter(alive, recorded_on__lte=as_of)
    replies = (
        Reply.all_objects.filter(alive, date__lte=as_of)
        .select_related("assignment__unit")
        .prefetch_related(Prefetch("satisfactions", queryset=evaluations))
    )
    assignments = Assignment.all_objects.filter(alive, assigned_on__lte=as_of).select_related("unit")
    rows = Suggestion.all_objects.filter(alive, organ_id=organ_id, year__in=years, received_on__lte=as_of)
    return list(
        rows.select_related("session", "lead_deputy").prefetch_related(
            Prefetch("assignments", queryset=assignments),
            Prefetch("replies", queryset=replies),
            Prefetch("contacts", queryset=Contact.all_objects.filter(alive, date__lte=as_of)),
        )
    )


def assignments_active_on(suggestions: Iterable[Suggestion], as_of: dt.date) -> set[int]:
    """Ids of the assignments of `suggestions` (loaded by `suggestions_as_of`) still handling their suggestion at
    the end of `as_of`.

    An accepted return carries its own date: a unit whose return is dated after `as_of` was still handling the
    suggestion that day, whatever `is_active` says now. An assignment inactive without a dated accepted return
    (a correction by hand, an import) has no date to judge by, so its `is_active` is read from its history.
    """
    active: set[int] = set()
    undated: list[int] = []
    for s in suggestions:
        for a in s.assignments.all():
            if a.return_accepted and a.returned_on is not None:
                if asof.known(a.returned_on, as_of) is None:
                    active.add(a.pk)
            elif a.is_active:
                active.add(a.pk)
            else:
                undated.append(a.pk)
    if undated:
        was = asof.values_on(Assignment, as_of, "is_active", ids=undated)
        active |= {pk for pk, is_active in was.items() if is_active}
    return active


def supervising_leaders_on(suggestions: list[Suggestion], as_of: dt.date) -> dict[int, int]:
    """Suggestion id → the person supervising it, for the suggestions marked 重点督办 at the end of `as_of`.

    The mark has no date of its own (the chairpersons' meeting decides it and the desk records it), so for a
    past day it is read from the suggestions' history.
    """
    if not asof.is_past(as_of):
        return {s.pk: s.supervising_leader_id for s in suggestions if s.is_key and s.supervising_leader_id}
    rows = asof.fields_on(Suggestion, as_of, ["is_key", "supervising_leader_id"], ids=[s.pk for s in suggestions])
    return {
        pk: row["supervising_leader_id"] for pk, row in rows.items() if row["is_key"] and row["supervising_leader_id"]
    }


def suggestion_deputy_ids(suggestion: Suggestion) -> list[int]:
    """The deputies already on a suggestion (the lead and, once saved, the co-signers)."""
    ids = [suggestion.lead_deputy_id] if suggestion.lead_deputy_id else []
    if suggestion.pk:
        ids += list(suggestion.co_signers.values_list("pk", flat=True))
    return ids


# --- one suggestion's handling, from prefetched rows ------------------------------------------------


def active_lead(suggestion: Suggestion) -> Assignment | None:
    """The active lead assignment (uses the prefetched assignments when present)."""
    return next((a for a in suggestion.assignments.all() if a.role == HandlingRole.LEAD and a.is_active), None)


def first_reply(suggestion: Suggestion) -> Reply | None:
    return min((r for r in suggestion.replies.all() if not r.is_rereply), key=lambda r: (r.date, r.pk), default=None)


def latest_reply(suggestion: Suggestion) -> Reply | None:
    return max(suggestion.replies.all(), key=lambda r: (r.date, r.pk), default=None)


def latest_evaluation(suggestion: Suggestion) -> SatisfactionRecord | None:
    """The evaluation of the latest evaluated reply: a re-reply's evaluation replaces the original's."""
    evaluated = [(r.date, r.pk, f) for r in suggestion.replies.all() for f in r.satisfactions.all()]
    return max(evaluated, key=lambda t: (t[0], t[1]))[2] if evaluated else None


def answering_lead(suggestion: Suggestion) -> Assignment | None:
    """The lead assignment the suggestion counts for: the one that gave the first reply, else the active lead."""
    reply = first_reply(suggestion)
    return reply.assignment if reply is not None else active_lead(suggestion)


def reply_deadline(suggestion: Suggestion, params: Any) -> tuple[Assignment | None, dt.date | None]:
    """(the lead assignment answering, its reply deadline) under NPC-001's resolved `params`.

    A lead reassigned after a return counts its 3 (6) months from its own assignment date.
    """
    lead = answering_lead(suggestion)
    if lead is None or params is None:
        return lead, None
    due = reply_due(
        lead.assigned_on,
        extended=suggestion.is_extended,
        reply_months=params.reply_months,
        extended_months=params.extended_months,
    )
    return lead, due


@dataclass(frozen=True)
class SuggestionDeadlines:
    """The deadlines of one suggestion as the rules compute them (None: not applicable or no parameters)."""

    lead: Assignment | None
    reply_due: dt.date | None
    replied_on: dt.date | None
    notify_due: dt.date | None
    overdue: bool  # assigned, not replied, and past reply_due


def suggestion_deadlines(suggestion: Suggestion, *, as_of: dt.date | None = None) -> SuggestionDeadlines:
    """Reply deadline (NPC-001) and, between sessions, the deadline to notify the deputy (NPC-006), under
    the parameters in force on `as_of` (default today). For one suggestion's page; lists use
    `reply_deadline` with parameters resolved once."""
    as_of = as_of or clock.today()
    params = rule_params("NPC-001", organ_id=suggestion.organ_id, on=as_of)
    lead, due = reply_deadline(suggestion, params)
    reply = first_reply(suggestion)
    notify_on = None
    if suggestion.is_interim:
        notify = rule_params("NPC-006", organ_id=suggestion.organ_id, on=as_of)
        notify_on = notify_due(suggestion.received_on, notify.notify_days) if notify else None
    replied_on = reply.date if reply else None
    overdue = due is not None and replied_on is None and as_of > due
    return SuggestionDeadlines(lead, due, replied_on, notify_on, overdue)


# --- the ledger -------------------------------------------------------------------------------------


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
    due_soon: bool = False,
    text: str | None = None,
    deputy_id: int | None = None,
    as_of: dt.date | None = None,
) -> QuerySet[Suggestion]:
    """Suggestions the user may see, filtered. `unit_id` matches any active assignment (lead or co);
    `overdue=True` keeps the assigned, unreplied ones past their reply deadline on `as_of` (default today),
    `due_soon` those due within DUE_SOON_WORKING_DAYS; `text` is searched in the number, title and lead deputy;
    `deputy_id` is the lead or a co-signer."""
    as_of = as_of or clock.today()
    equal = dict(year=year, session_id=session_id, status=status or None, category=category or None, is_key=is_key)
    qs = Suggestion.objects.visible_to(user).select_related("session", "lead_deputy")
    qs = qs.filter(**{field: value for field, value in equal.items() if value is not None})
    if unit_id is not None:
        qs = qs.filter(pk__in=Assignment.objects.filter(unit_id=unit_id, is_active=True).values("suggestion_id"))
    if overdue is not None:
        ids = overdue_suggestion_ids(qs, as_of=as_of)
        qs = qs.filter(pk__in=ids) if overdue else qs.exclude(pk__in=ids)
    if text:
        qs = qs.filter(Q(number__icontains=text) | Q(title__icontains=text) | Q(lead_deputy__name__icontains=text))
    if deputy_id is not None:
        qs = qs.filter(Q(lead_deputy_id=deputy_id) | Q(co_signers__id=deputy_id)).distinct()
    if due_soon:
        rows = awaiting_reply(qs, organ_id=scope_of(user).organ_id, today=as_of)
        qs = qs.filter(pk__in=[r.s.pk for r in due_soon_rows(rows, today=as_of)])
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


@dataclass(frozen=True)
class SuggestionRow:
    """One line of the ledger: the suggestion and what the list shows about its handling."""

    s: Suggestion
    lead: Assignment | None
    co_units: str
    due: dt.date | None
    overdue: bool
    reply: Reply | None  # the latest (a re-reply replaces the original's result)
    level: str  # the latest evaluation's label, "" when none


def ledger_rows(suggestions: Iterable[Suggestion], *, organ_id: int | None, today: dt.date) -> list[SuggestionRow]:
    """Rows for already loaded suggestions (use `with_handling`); NPC-001's parameters resolved once."""
    params = rule_params("NPC-001", organ_id=organ_id, on=today) if organ_id else None
    rows = []
    for s in suggestions:
        lead, due = reply_deadline(s, params)
        replied = first_reply(s) is not None
        co = "、".join(a.unit.name for a in s.assignments.all() if a.is_active and a.role == HandlingRole.CO)
        overdue = due is not None and not replied and today > due
        evaluation = latest_evaluation(s)
        level = evaluation.get_level_display() if evaluation is not None else ""
        rows.append(SuggestionRow(s, lead, co, due, overdue, latest_reply(s), level))
    return rows


def awaiting_reply(qs: QuerySet[Suggestion], *, organ_id: int | None, today: dt.date) -> list[SuggestionRow]:
    """Lines of the assigned, unreplied suggestions of `qs` that have a reply deadline."""
    rows = ledger_rows(with_handling(qs.filter(status__in=UNREPLIED)), organ_id=organ_id, today=today)
    return [r for r in rows if r.due is not None and r.reply is None]


def due_soon_rows(rows: Iterable[SuggestionRow], *, today: dt.date) -> list[SuggestionRow]:
    """The rows due today or within DUE_SOON_WORKING_DAYS working days, nearest first."""
    limit = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    return sorted((r for r in rows if today <= r.due <= limit), key=lambda r: r.due)
