"""Reads of the meetings ledger: the list with its filters and totals, and each meeting's figures — person-days, cost
per person-day, the 综合定额 in force on its first day and what the bill is over it, and the size limits it passes —
computed by the same functions FRG-021 and FRG-022 judge by (rules/conferences.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qinglian.frugality.choices import BANNED_COSTS, StandardKind
from qinglian.frugality.models import Conference
from qinglian.frugality.rules.conferences import (
    find_rate,
    num,
    per_person_day,
    person_days,
    rate_cap,
    rate_excess,
    size_excesses,
)
from qinglian.frugality.standards.lookup import StandardBook
from qinglian.org.scope import scope_of

LIMITS = (
    ("max_days", "会期上限", "天"),
    ("max_travel_days", "报到离开天数上限", "天"),
    ("max_people", "参会人数上限", "人"),
    ("staff_percent", "工作人员比例上限", "%"),
)
PLANNED_FILTERS = [("planned", "列入年度计划"), ("unplanned", "计划外"), ("unapproved", "计划外且未审批")]


def conference_list(
    user: Any,
    *,
    year: int | None = None,
    month_from: int | None = None,
    month_to: int | None = None,
    unit_id: int | None = None,
    category: str = "",
    planned: str = "",
    q: str = "",
) -> QuerySet[Conference]:
    qs = Conference.objects.visible_to(user).select_related("unit", "plan_item__plan", "adhoc_approver__unit")
    if year is not None:
        qs = qs.filter(start_on__year=year)
    if month_from is not None:
        qs = qs.filter(start_on__month__gte=month_from)
    if month_to is not None:
        qs = qs.filter(start_on__month__lte=month_to)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if category:
        qs = qs.filter(category=category)
    if planned == "planned":
        qs = qs.filter(plan_item__isnull=False)
    elif planned == "unplanned":
        qs = qs.filter(plan_item__isnull=True)
    elif planned == "unapproved":  # the finance officer's card counts these
        qs = qs.filter(plan_item__isnull=True, adhoc_approved_on__isnull=True)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(venue__icontains=q) | Q(voucher_no__icontains=q))
    return qs.order_by("-start_on", "-id")


@dataclass(frozen=True)
class ListTotals:
    count: int
    amount: Decimal
    attendees: int
    staff: int


def list_totals(qs: QuerySet[Conference]) -> ListTotals:
    """The totals of every row the filters select (not only the page shown)."""
    sums = qs.order_by().aggregate(
        n=Count("id"), amount=Sum("total_amount"), people=Sum("attendees"), staff=Sum("staff")
    )
    return ListTotals(sums["n"], sums["amount"] or Decimal(0), sums["people"] or 0, sums["staff"] or 0)


def rate_book(user: Any) -> StandardBook:
    """The meeting rate tables the user's organ may use (one read for a page of meetings)."""
    return StandardBook.load(scope_of(user).organ_id, kinds=[StandardKind.CONFERENCE_RATE])


@dataclass(frozen=True)
class CostShare:
    label: str
    amount: Decimal
    per_person_day: Decimal | None
    description: str
    banned: bool


@dataclass
class Figures:
    """A meeting measured against its standard as the rules measure it."""

    person_days: Decimal
    per_person_day: Decimal | None
    standard: dict[str, Any] | None
    cap: Decimal | None
    excess: Decimal
    size_problems: list[str]
    lines: list[CostShare] = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        return (self.standard or {}).get("per_person_day")

    @property
    def limits(self) -> list[str]:
        """The standard's size limits in words ("会期上限2天"), 不限 where it leaves one empty."""
        standard = self.standard or {}
        shown = []
        for name, label, unit in LIMITS:
            value = standard.get(name)
            shown.append(f"{label}{'不限' if value is None else num(value) + unit}")
        return shown

    @property
    def over(self) -> bool:
        return self.excess > 0 or bool(self.size_problems)


def _data(conference: Conference, standard: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "standard": standard,
        "briefing": conference.briefing,
        "days": conference.days,
        "travel_days": conference.travel_days,
        "attendees": conference.attendees,
        "staff": conference.staff,
    }


def conference_figures(conference: Conference, book: StandardBook, *, lines: bool = False) -> Figures:
    """Figures of one meeting; with `lines`, each cost line per person-day too (its bill must be loaded)."""
    days = person_days(conference.attendees, conference.staff, conference.days, conference.travel_days)
    standard = find_rate(book, conference.start_on, conference.category)
    rate = (standard or {}).get("per_person_day")
    figures = Figures(
        person_days=days,
        per_person_day=per_person_day(conference.total_amount, days),
        standard=standard,
        cap=rate_cap(rate, days) if rate is not None else None,
        excess=rate_excess(conference.total_amount, rate, days),
        size_problems=size_excesses(_data(conference, standard)) if standard else [],
    )
    if lines:
        figures.lines = [
            CostShare(
                c.get_kind_display(), c.amount, per_person_day(c.amount, days), c.description, c.kind in BANNED_COSTS
            )
            for c in conference.costs.all()
        ]
    return figures


def with_figures(rows: Iterable[Conference], book: StandardBook) -> list[Conference]:
    rows = list(rows)
    for row in rows:
        row.figures = conference_figures(row, book)
    return rows


def conferences_without_voucher(user: Any, *, before: dt.date) -> QuerySet[Conference]:
    """Meetings recorded without a 凭证号 that ended before `before` (the finance officer's to-do: a finding and a
    special check name the voucher)."""
    return Conference.objects.visible_to(user).filter(voucher_no="", end_on__lt=before).order_by("start_on", "id")
