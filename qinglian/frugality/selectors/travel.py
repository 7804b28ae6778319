"""Reads of the travel ledger (差旅). Every list starts from `Trip.objects.visible_to(user)`: the readers and the
finance officer see every trip, a unit head their units', a cadre their own (我的差旅)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from qinglian.frugality.models import Trip, TripStay, TripTicket
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.scope import scope_of

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TripFilter:
    """The list's filters: departure year and months, spending unit, traveller, band, where the row came from, and a
    text matched against the voucher number, traveller, purpose and the stays' cities."""

    year: int | None = None
    month_from: int | None = None
    month_to: int | None = None
    unit_id: int | None = None
    traveller_id: int | None = None
    band: str = ""
    source: str = ""
    text: str = ""
    approval_missing: bool = False  # no approval date recorded: the finance officer's card counts these


@dataclass(frozen=True)
class TripTotals:
    """The sums of the trips listed (all pages), as the list's footer shows them."""

    count: int = 0
    total: Decimal = ZERO
    lodging: Decimal = ZERO
    tickets: Decimal = ZERO
    meals: Decimal = ZERO
    transport: Decimal = ZERO

    @property
    def allowances(self) -> Decimal:
        return self.meals + self.transport


def trip_list(user: Any, filters: TripFilter | None = None) -> QuerySet[Trip]:
    f = filters or TripFilter()
    qs = Trip.objects.visible_to(user).select_related("traveller", "unit", "approver")
    if f.year is not None:
        qs = qs.filter(start_on__year=f.year)
    if f.month_from is not None:
        qs = qs.filter(start_on__month__gte=f.month_from)
    if f.month_to is not None:
        qs = qs.filter(start_on__month__lte=f.month_to)
    if f.unit_id is not None:
        qs = qs.filter(unit_id=f.unit_id)
    if f.traveller_id is not None:
        qs = qs.filter(traveller_id=f.traveller_id)
    if f.band:
        qs = qs.filter(band=f.band)
    if f.source:
        qs = qs.filter(entry_source=f.source)
    if f.approval_missing:
        qs = qs.filter(approved_on__isnull=True)
    text = f.text.strip()
    if text:
        matches = (
            Q(voucher_no__icontains=text)
            | Q(traveller__name__icontains=text)
            | Q(purpose__icontains=text)
            | Q(pk__in=TripStay.objects.filter(Q(city__icontains=text) | Q(province__icontains=text)).values("trip"))
        )
        qs = qs.filter(matches)
    return qs.order_by("-start_on", "-id")


def own_trips(user: Any, filters: TripFilter | None = None) -> QuerySet[Trip]:
    """我的差旅: the trips the account's person made (whatever else they may see)."""
    person_id = scope_of(user).person_id
    if person_id is None:
        return Trip.objects.none()
    return trip_list(user, replace(filters or TripFilter(), traveller_id=person_id))


def trip_totals(qs: QuerySet[Trip]) -> TripTotals:
    """Three aggregate queries over the filtered list, whatever its length."""
    sums = qs.order_by().aggregate(
        total=Sum("total_amount"), meals=Sum("meal_amount"), transport=Sum("transport_amount")
    )
    ids = qs.order_by().values("pk")
    lodging = TripStay.objects.filter(trip__in=ids).aggregate(s=Sum("lodging_amount"))["s"]
    tickets = TripTicket.objects.filter(trip__in=ids).aggregate(s=Sum("amount"))["s"]
    return TripTotals(
        count=qs.count(),
        total=sums["total"] or ZERO,
        lodging=lodging or ZERO,
        tickets=tickets or ZERO,
        meals=sums["meals"] or ZERO,
        transport=sums["transport"] or ZERO,
    )


def with_lines(trips: list[Trip]) -> list[Trip]:
    """Each trip with `.stay_list`, `.ticket_list`, `.lodging`, `.fares`, `.allowances` and `.cities` (two queries
    for the whole page)."""
    stays: dict[int, list[TripStay]] = {t.pk: [] for t in trips}
    tickets: dict[int, list[TripTicket]] = {t.pk: [] for t in trips}
    for stay in TripStay.objects.filter(trip_id__in=list(stays)).order_by("arrive_on", "id"):
        stays[stay.trip_id].append(stay)
    for ticket in TripTicket.objects.filter(trip_id__in=list(tickets)).order_by("on", "id"):
        tickets[ticket.trip_id].append(ticket)
    for trip in trips:
        trip.stay_list = stays[trip.pk]
        trip.ticket_list = tickets[trip.pk]
        trip.lodging = sum((s.lodging_amount for s in trip.stay_list), ZERO)
        trip.fares = sum((t.amount for t in trip.ticket_list), ZERO)
        trip.allowances = trip.meal_amount + trip.transport_amount
        trip.cities = "、".join(dict.fromkeys(s.city for s in trip.stay_list))
    return trips


@dataclass
class StayView:
    stay: TripStay
    per_night: Decimal | None = None


@dataclass
class TripSheet:
    """One trip as its page shows it: the lines, the nightly rate of each stay and the claim's sums."""

    trip: Trip
    stays: list[StayView] = field(default_factory=list)
    tickets: list[TripTicket] = field(default_factory=list)
    lodging: Decimal = ZERO
    fares: Decimal = ZERO


def trip_sheet(trip: Trip) -> TripSheet:
    stays = [
        StayView(s, (s.lodging_amount / s.nights).quantize(Decimal("0.01")) if s.nights else None)
        for s in trip.stays.order_by("arrive_on", "id")
    ]
    tickets = list(trip.tickets.order_by("on", "id"))
    return TripSheet(
        trip=trip,
        stays=stays,
        tickets=tickets,
        lodging=sum((s.stay.lodging_amount for s in stays), ZERO),
        fares=sum((t.amount for t in tickets), ZERO),
    )


def _incomplete(user: Any, today: dt.date) -> QuerySet[Trip]:
    if not can_keep_ledgers(user):
        return Trip.objects.none()
    missing = Q(approved_on__isnull=True) | Q(voucher_no="")
    # Their own trips are someone else's to record (nobody keeps the books of their own spending).
    return trip_list(user).filter(missing, start_on__lte=today).exclude(traveller_id=scope_of(user).person_id)


def trips_to_complete(user: Any, today: dt.date) -> list[Trip]:
    """For the finance officer's to-do: trips already departed whose record lacks the approval date or the voucher
    number (the approval form and the voucher are on paper; FRG-013 reads the date), oldest first."""
    return list(_incomplete(user, today).order_by("start_on", "id")[:50])


def count_to_complete(user: Any, today: dt.date) -> int:
    return _incomplete(user, today).count()
