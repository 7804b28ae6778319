"""Reads of the 公务接待 ledger. Every list starts from `Reception.objects.visible_to(user)` (querysets.py): the
organ's readers and the finance officer see every reception, a unit head those of the units they head."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qinglian.frugality.choices import MealKind
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.permissions import can_keep_ledgers

TEXT_FIELDS = ("guest_unit", "guest_lead", "purpose", "voucher_no", "letter_no", "letter_unit", "invoice_no", "note")
# A document not on file: the three a reimbursement needs (FRG-007).
MISSING_DOCUMENTS = Q(letter_on__isnull=True) | Q(list_signed_on__isnull=True) | Q(invoice_on__isnull=True)
DOCUMENT_FILTERS = [("", "全部"), ("missing", "凭证不全"), ("complete", "凭证齐全")]


def month_window(year: int, month_from: int | None, month_to: int | None) -> tuple[dt.date, dt.date]:
    """The first and last day of the months `month_from`..`month_to` of `year` (the whole year by default)."""
    first = month_from or 1
    last = month_to or 12
    if last < first:
        first, last = last, first
    end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), end - dt.timedelta(days=1)


def reception_list(
    user: Any,
    *,
    year: int | None = None,
    month_from: int | None = None,
    month_to: int | None = None,
    unit_id: int | None = None,
    text: str = "",
    documents: str = "",
) -> QuerySet[Reception]:
    """The receptions `user` may read, by the reception's first day (start_on), newest first."""
    qs = Reception.objects.visible_to(user).select_related("unit", "approver")
    if year is not None:
        start, end = month_window(year, month_from, month_to)
        qs = qs.filter(start_on__gte=start, start_on__lte=end)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    words = (text or "").split()
    for word in words[:5]:
        condition = Q()
        for name in TEXT_FIELDS:
            condition |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(condition)
    if documents == "missing":
        qs = qs.filter(MISSING_DOCUMENTS)
    elif documents == "complete":
        qs = qs.exclude(MISSING_DOCUMENTS)
    paid = Sum("meals__amount", filter=~Q(meals__kind=MealKind.SELF))  # a 自行用餐 is the guests' own
    return qs.annotate(meal_count=Count("meals"), meal_amount=paid).order_by("-start_on", "-id")


def reception_totals(qs: QuerySet[Reception]) -> dict[str, Any]:
    """The figures under a list: how many receptions and guests, and the amounts (合计 = paid meals + lodging +
    other; a 自行用餐 is the guests' own)."""
    sums = qs.order_by().aggregate(
        guests=Sum("guest_count"),
        lodging=Sum("lodging_amount"),
        other=Sum("other_amount"),
        total=Sum("total_amount"),
    )
    zero = Decimal("0.00")
    lodging, other, total = (sums[k] or zero for k in ("lodging", "other", "total"))
    return {
        "count": qs.order_by().count(),
        "guests": sums["guests"] or 0,
        "meals": total - lodging - other,
        "lodging": lodging,
        "other": other,
        "total": total,
    }


def meals_of(reception: Reception) -> list[ReceptionMeal]:
    """A reception's meals in date order, each with `per_head` (amount ÷ guests and escorts, to the fen)."""
    meals = sorted(reception.meals.all(), key=lambda m: (m.on, m.pk))
    for meal in meals:
        heads = meal.guests + meal.escorts
        meal.per_head = (meal.amount / heads).quantize(Decimal("0.01")) if heads else None
    return meals


def receptions_missing_documents(user: Any) -> list[Reception]:
    """For the finance officer's to-do: receptions whose letter, signed list or invoice is not on file yet, oldest
    first (reimbursed ones first: FRG-007 finds those)."""
    if not can_keep_ledgers(user):
        return []
    qs = Reception.objects.visible_to(user).filter(MISSING_DOCUMENTS).select_related("unit")
    return sorted(qs, key=lambda r: (r.paid_on is None, r.start_on, r.pk))
