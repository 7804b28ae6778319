"""Reads of 党风廉政意见回复: the requests a user may see with their status and reply deadline, one request with its
items, the people a request may name, the cards of the workbench — and the draft of a person's record summary
(`opinion_summary.draft_summary`), written from the 廉政 ledgers for the stationed group to edit.

Every list starts from `visible_to(user)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import get_rule
from qinglian.core import clock, workdays
from qinglian.core.errors import NotFound
from qinglian.integrity.choices import OpinionConclusion
from qinglian.integrity.models import (
    OpinionItem,
    OpinionRequest,
)
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

# The reply deadline of INT-010 when no parameter set of the rule is in force (rule_params.json ships one).
DEFAULT_REPLY_WORKING_DAYS = 10


class Status:
    DRAFT = "draft"
    SENT = "sent"
    REPLIED = "replied"
    LABELS = {DRAFT: "草拟", SENT: "已送达待回复", REPLIED: "已回复"}
    CHOICES = [(DRAFT, "草拟"), (SENT, "已送达待回复"), (REPLIED, "已回复")]


def status_of(request: OpinionRequest) -> str:
    if request.replied_on is not None:
        return Status.REPLIED
    return Status.SENT if request.sent_on is not None else Status.DRAFT


# --- parameters ----------------------------------------------------------------------------------------------


def rule_values(code: str, *, organ_id: int, on: dt.date) -> Any:
    """The resolved parameters of rule `code` for the organ on `on`, or None when no set is in force."""
    return rules_values([code], organ_id=organ_id, on=on)[code]


def rules_values(codes: list[str], *, organ_id: int, on: dt.date) -> dict[str, Any]:
    """Each code → its resolved parameters in force on `on` (None when none is, or the rule is not registered), in
    one query."""
    sets = sets_in_force(organ_id=organ_id, on=on, codes=codes)
    found: dict[str, Any] = {}
    for code in codes:
        try:
            found[code] = resolve(get_rule(code), sets.get(code))
        except (MissingParameters, NotFound, ValueError):
            found[code] = None
    return found


def reply_working_days(organ_id: int, on: dt.date) -> int:
    params = rule_values("INT-010", organ_id=organ_id, on=on)
    return params.reply_working_days if params is not None else DEFAULT_REPLY_WORKING_DAYS


def reply_due(sent_on: dt.date, days: int) -> dt.date:
    """The last day of the reply: `days` working days after the day the request reached the group."""
    return workdays.after(sent_on, days, "working_days")


# --- lists ---------------------------------------------------------------------------------------------------


@dataclass
class RequestRow:
    request: OpinionRequest
    status: str
    due: dt.date | None
    overdue: bool
    people: int
    answered: int

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]


def request_queryset(user: Any) -> QuerySet[OpinionRequest]:
    return (
        OpinionRequest.objects.visible_to(user)
        .select_related("requested_by", "replied_by")
        .annotate(
            people_count=Count("items", filter=Q(items__deleted_at__isnull=True), distinct=True),
            answered_count=Count(
                "items", filter=Q(items__deleted_at__isnull=True) & ~Q(items__conclusion=""), distinct=True
            ),
        )
    )


def request_list(user: Any, data: dict[str, Any] | None = None) -> QuerySet[OpinionRequest]:
    """The requests `user` may see, narrowed by the page's filter (`data`: status, purpose, year, q)."""
    data = data or {}
    rows = request_queryset(user)
    status = data.get("status")
    if status == Status.DRAFT:
        rows = rows.filter(sent_on__isnull=True)
    elif status == Status.SENT:
        rows = rows.filter(sent_on__isnull=False, replied_on__isnull=True)
    elif status == Status.REPLIED:
        rows = rows.filter(replied_on__isnull=False)
    if data.get("purpose"):
        rows = rows.filter(purpose=data["purpose"])
    if data.get("year"):
        rows = rows.filter(Q(sent_on__year=data["year"]) | Q(sent_on__isnull=True, created_at__year=data["year"]))
    if data.get("q"):
        q = data["q"]
        names = OpinionItem.objects.filter(person__name__icontains=q, deleted_at__isnull=True).values("request_id")
        rows = rows.filter(
            Q(title__icontains=q) | Q(document_no__icontains=q) | Q(reply_no__icontains=q) | Q(pk__in=names)
        )
    return rows.order_by("-sent_on", "-id")


def rows_of(requests, *, organ_id: int | None, today: dt.date | None = None) -> list[RequestRow]:
    """Each request with its status, reply deadline and overdue marker (one parameter read for the whole list)."""
    today = today or clock.today()
    days = reply_working_days(organ_id, today) if organ_id else DEFAULT_REPLY_WORKING_DAYS
    rows = []
    for request in requests:
        status = status_of(request)
        due = reply_due(request.sent_on, days) if request.sent_on else None
        overdue = status == Status.SENT and due is not None and workdays.is_overdue(due, today)
        people = getattr(request, "people_count", None)
        answered = getattr(request, "answered_count", None)
        if people is None:
            items = [i for i in request.items.all() if i.deleted_at is None]
            people, answered = len(items), sum(1 for i in items if i.conclusion)
        rows.append(RequestRow(request, status, due, overdue, people, answered))
    return rows


def items_of(request: OpinionRequest) -> list[OpinionItem]:
    return list(
        OpinionItem.objects.filter(request=request, deleted_at__isnull=True)
        .select_related("person__unit", "answered_by")
        .order_by("id")
    )


def items_for_export(requests: QuerySet[OpinionRequest]) -> QuerySet[OpinionRequest]:
    live = OpinionItem.objects.filter(deleted_at__isnull=True).select_related("person").order_by("id")
    return requests.prefetch_related(Prefetch("items", queryset=live))


def person_choices(user: Any) -> QuerySet[Person]:
    """The people a request may name: the organ's people in service, outside the stationed group (its people are
    not the organ's cadres). Offered to those who may ask (can_request_opinions) — the personnel officer picks
    cadres of every unit, although org's Person.visible_to shows that role only its own unit's people (asked of the
    lead: the personnel officer should read the whole roster); nobody else gets a list."""
    from qinglian.integrity.permissions import can_request_opinions
    from qinglian.org.choices import UnitKind

    scope = scope_of(user)
    if not can_request_opinions(user) or scope.organ_id is None:
        return Person.objects.none()
    return (
        Person.objects.filter(organ_id=scope.organ_id, is_active=True, deleted_at__isnull=True)
        .exclude(unit__kind=UnitKind.STATIONED)
        .select_related("unit")
        .order_by("unit__order", "name")
    )


# --- workbench -----------------------------------------------------------------------------------------------


def waiting_for_reply(user: Any, today: dt.date | None = None) -> list[RequestRow]:
    """Requests sent and not yet replied, earliest deadline first (the stationed group's card and to-do)."""
    requests = request_queryset(user).filter(sent_on__isnull=False, replied_on__isnull=True)
    rows = rows_of(requests, organ_id=scope_of(user).organ_id, today=today)
    return sorted(rows, key=lambda r: (r.due or dt.date.max, r.request.pk))


def progress(user: Any, today: dt.date | None = None, *, limit: int = 8) -> list[RequestRow]:
    """The personnel officer's requests: drafts not sent and requests waiting for the reply, then the last replies."""
    requests = request_queryset(user).order_by("replied_on", "-sent_on", "-id")
    open_rows = requests.filter(replied_on__isnull=True)
    done = requests.filter(replied_on__isnull=False).order_by("-replied_on", "-id")[:3]
    rows = rows_of([*open_rows[:limit], *done], organ_id=scope_of(user).organ_id, today=today)
    return rows


def conclusion_label(value: str) -> str:
    return OpinionConclusion(value).label if value else "未回复"
