"""Reads of the official car register (公务用车). Every list starts from `visible_to(user)`: the organ's readers and
the finance officer who keeps it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qinglian.core import clock
from qinglian.frugality.amounts import CENT
from qinglian.frugality.models import OfficialCar

STATUS_FILTERS = [("active", "在册"), ("disposed", "已处置")]


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal


def in_period(qs: QuerySet, field: str, *, year: int | None, month_from: int | None, month_to: int | None) -> QuerySet:
    """Rows whose `field` falls in the year and the months from–to (of any year when no year is given)."""
    if year is not None:
        qs = qs.filter(**{f"{field}__year": year})
    if month_from is not None:
        qs = qs.filter(**{f"{field}__month__gte": month_from})
    if month_to is not None:
        qs = qs.filter(**{f"{field}__month__lte": month_to})
    return qs


def totals(qs: QuerySet, amount_field: str) -> Totals:
    """How many rows the filters keep and the sum of their amounts (every page, not only the one shown)."""
    row = qs.order_by().aggregate(count=Count("pk"), amount=Sum(amount_field))
    return Totals(row["count"], (row["amount"] or Decimal(0)).quantize(CENT))


def car_list(
    user: Any,
    *,
    year: int | None = None,
    month_from: int | None = None,
    month_to: int | None = None,
    unit_id: int | None = None,
    q: str = "",
    car_type: str = "",
    status: str = "",
) -> QuerySet[OfficialCar]:
    """The register by purchase date, filtered; `status` active (在册 today) or disposed."""
    qs = in_period(
        OfficialCar.objects.visible_to(user).select_related("unit"),
        "purchased_on",
        year=year,
        month_from=month_from,
        month_to=month_to,
    )
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if car_type:
        qs = qs.filter(car_type=car_type)
    if q:
        qs = qs.filter(Q(plate__icontains=q) | Q(model_name__icontains=q) | Q(voucher_no__icontains=q))
    today = clock.today()
    if status == "active":
        qs = qs.filter(Q(disposed_on__isnull=True) | Q(disposed_on__gt=today))
    elif status == "disposed":
        qs = qs.filter(disposed_on__lte=today)
    return qs.order_by("plate", "-purchased_on", "pk")
