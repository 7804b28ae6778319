"""What the travel rules read, once per run: every trip of the window as one Subject whose data holds what each of
the six rules judges, as it stood at the end of D.

- The trips through `ledger_rows` (departed on or before D, not withdrawn by D); the claim's fields (band,
  approval, reimbursement, allowances) and the stays and tickets as they stood at the end of D
  (core.asof.fields_on: a line corrected later is read as it was, one added later was not there).
- An approval dated after D was not on file (asof.known). A claim reimbursed after D was not yet made: the money
  rules wait for it (a claim with no reimbursement date is judged as entered); the allowances are judged once the
  trip is over. Stays and tickets dated after D had not happened.
- Standards through `standard_book`, on the day of the spending: the arrival night for lodging (its peak cap in the
  row's peak months), the departure day for the allowances (by the province of the main stay), the day of travel
  for a ticket.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from qinglian.compliance.registry import Context, Subject
from qinglian.core import asof, workdays
from qinglian.frugality.choices import StandardKind, TravelBand
from qinglian.frugality.models import Trip, TripStay, TripTicket
from qinglian.frugality.rules.common import first_day, ledger_rows, standard_book, voucher_label
from qinglian.frugality.standards.lookup import Standard, StandardBook, norm_key

SUBJECT_TYPE = "frugality.trip"
ZERO = Decimal("0.00")
# How a reason names a band (the tables' words: 厅局级 for 司局级 too).
BAND_WORDS = {TravelBand.PROVINCIAL: "省部级", TravelBand.DEPARTMENT: "厅局级", TravelBand.OTHER: "其他人员"}
CLAIM_FIELDS = (
    "band",
    "approved_on",
    "paid_on",
    "meal_days",
    "meal_amount",
    "transport_days",
    "transport_amount",
    "total_amount",
)
STAY_FIELDS = ("trip_id", "province", "city", "arrive_on", "leave_on", "nights", "lodging_amount")
TICKET_FIELDS = ("trip_id", "on", "mode", "seat_class", "from_city", "to_city", "amount")


def yuan(value: Decimal) -> str:
    return f"{value:,.2f}元"


def day(value: dt.date) -> str:
    return f"{value:%Y-%m-%d}"


def no_standard(what: str, keys: str) -> str:
    return f"没有适用的{what}标准（{keys}），请财务核实"


def cited(found: Standard | None) -> str:
    return found.cited if found is not None else ""


@dataclass(frozen=True)
class TripOnD:
    """A trip as it stood at the end of D: its row (dates, people), its claim's fields and its lines dated by D."""

    trip: Trip
    claim: dict[str, Any]
    stays: list[dict[str, Any]]
    tickets: list[dict[str, Any]]

    def claim_on_file(self, as_of: dt.date) -> bool:
        """The claim counts on D when reimbursed by D, or when no reimbursement date is recorded."""
        paid = self.claim["paid_on"]
        return paid is None or paid <= as_of


# --- lodging ------------------------------------------------------------------------------------------------------


def peak_months(text: str) -> set[int]:
    """ "7-9" → {7, 8, 9}; "1,2,12" → {1, 2, 12}; "11-2" wraps the new year. Unreadable parts are ignored."""
    months: set[int] = set()
    for part in re.split(r"[,，、;；\s]+", text or ""):
        bounds = re.fullmatch(r"(\d{1,2})[-–~～至](\d{1,2})", part)
        if bounds:
            first, last = int(bounds[1]), int(bounds[2])
            span = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
            months.update(m for m in span if 1 <= m <= 12)
        elif part.isdigit() and 1 <= int(part) <= 12:
            months.add(int(part))
    return months


def lodging_cap(found: Standard, night: dt.date) -> tuple[Decimal | None, bool]:
    """The cap for a night: the row's peak cap in its peak months, else its cap; and whether it was the peak."""
    peak = found.amount("peak_cap")
    if peak is not None and night.month in peak_months(found.text("peak_months")):
        return peak, True
    return found.amount("cap"), False


def _lodging(stay: dict[str, Any], band: str, book: StandardBook) -> dict[str, Any]:
    found = book.find(StandardKind.LODGING, stay["arrive_on"], stay["province"], stay["city"], band)
    cap, peak = lodging_cap(found, stay["arrive_on"]) if found is not None else (None, False)
    return {
        "place": f"{stay['province']} {stay['city']}",
        "arrive_on": stay["arrive_on"],
        "nights": stay["nights"],
        "lodging": Decimal(stay["lodging_amount"]),
        "cap": cap,
        "peak": peak,
        "cited": cited(found),
    }


# --- allowances -----------------------------------------------------------------------------------------------------


def main_province(stays: list[dict[str, Any]]) -> str:
    """The province of the stay with most nights (the earlier of equals): the allowance's place; "" without one."""
    if not stays:
        return ""
    return max(stays, key=lambda s: (s["nights"], -s["arrive_on"].toordinal()))["province"]


def _allowance(kind: str, days: int, amount: Decimal, found: Standard | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "days": int(days),
        "amount": Decimal(amount),
        "per_day": found.amount("per_day") if found is not None else None,
        "cited": cited(found),
    }


def _allowances(on_d: TripOnD, book: StandardBook) -> tuple[str, tuple[dict[str, Any], ...]]:
    claim, start = on_d.claim, on_d.trip.start_on
    province = main_province(on_d.stays)
    meal = book.find(StandardKind.MEAL_ALLOWANCE, start, province)
    local = book.find(StandardKind.LOCAL_TRANSPORT, start, province)
    return province, (
        _allowance("伙食补助费", claim["meal_days"], claim["meal_amount"], meal),
        _allowance("市内交通费", claim["transport_days"], claim["transport_amount"], local),
    )


def _ticket(ticket: dict[str, Any], band: str, book: StandardBook) -> dict[str, Any]:
    found = book.find(StandardKind.TRANSPORT_CLASS, ticket["on"], band, ticket["mode"])
    return {
        "on": ticket["on"],
        "route": "—".join(x for x in (ticket["from_city"], ticket["to_city"]) if x),
        "seat": ticket["seat_class"],
        "allowed": found.text("max_class") if found is not None else None,
        "mode": ticket["mode"],
        "cited": cited(found),
    }


# --- where and when ----------------------------------------------------------------------------------------------


def days_off(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """The organ's non-working days (weekends, holidays, not 调休上班日) from `start` to `end`, both included."""
    count = (end - start).days + 1
    return tuple(d for d in (start + dt.timedelta(days=n) for n in range(count)) if not workdays.is_working_day(d))


def places(on_d: TripOnD) -> tuple[str, ...]:
    """Where a trip went: its stays' province and city; for a trip without a stay, its tickets' destinations."""
    found = [f"{s['province']} {s['city']}" for s in on_d.stays]
    if not found:
        found = [t["to_city"] for t in on_d.tickets if t["to_city"]]
    return tuple(dict.fromkeys(found))


def destinations(on_d: TripOnD) -> frozenset[str]:
    """The cities a trip stayed in; for a trip without a stay, its first ticket's destination; empty if unknown."""
    cities = {norm_key(s["city"]) for s in on_d.stays}
    if not cities:
        first = next((t for t in on_d.tickets if t["to_city"]), None)
        cities = {norm_key(first["to_city"])} if first is not None else set()
    return frozenset(cities)


def stay_overlaps(stays: list[dict[str, Any]]) -> tuple[str, ...]:
    """Stays of one trip sharing a night ([arrive, leave) meet): lodging in two places for one night."""
    found = []
    for n, a in enumerate(stays):
        for b in stays[n + 1 :]:
            if b["arrive_on"] < a["leave_on"] and a["arrive_on"] < b["leave_on"]:
                found.append(
                    f"住宿{a['city']}（{day(a['arrive_on'])}至{day(a['leave_on'])}）与{b['city']}"
                    f"（{day(b['arrive_on'])}至{day(b['leave_on'])}）有同一晚重叠"
                )
    return tuple(found)


def clashes(trips: list[TripOnD]) -> dict[int, tuple[dict[str, Any], ...]]:
    """For each trip, the earlier trips of the same traveller whose dates meet its own and that went elsewhere. A
    clash is reported once, on the later trip of the two (by departure, then entry)."""
    by_person: dict[int, list[TripOnD]] = defaultdict(list)
    for t in trips:
        by_person[t.trip.traveller_id].append(t)
    found: dict[int, tuple[dict[str, Any], ...]] = {}
    for own in by_person.values():
        own.sort(key=lambda t: (t.trip.start_on, t.trip.pk))
        for n, later in enumerate(own):
            here = destinations(later)
            hits = []
            for earlier in own[:n]:
                there = destinations(earlier)
                if earlier.trip.end_on >= later.trip.start_on and here and there and here != there:
                    hits.append(_clash(earlier.trip, later.trip, there))
            if hits:
                found[later.trip.pk] = tuple(hits)
    return found


def _clash(earlier: Trip, later: Trip, there: frozenset[str]) -> dict[str, Any]:
    return {
        "voucher": earlier.voucher_no,
        "start_on": earlier.start_on,
        "end_on": earlier.end_on,
        "places": "、".join(sorted(there)),
        "first_day": later.start_on,
        "last_day": min(earlier.end_on, later.end_on),
    }


# --- one read per run -------------------------------------------------------------------------------------------


def _lines(model: type[Any], fields: tuple[str, ...], ids: list[int], as_of: dt.date, date: str) -> dict[int, list]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return found
    rows = asof.fields_on(model, as_of, fields, where={"trip_id__in": ids}).values()
    for row in sorted(rows, key=lambda r: (r[date], r["id"])):
        if row[date] <= as_of:
            found[row["trip_id"]].append(row)
    return found


def trips_on(ctx: Context) -> list[TripOnD]:
    """The window's trips as they stood at the end of D."""
    trips = ledger_rows(ctx, Trip, date_field="start_on", related=("traveller",))
    ids = [t.pk for t in trips]
    claims = asof.fields_on(Trip, ctx.as_of, CLAIM_FIELDS, ids=ids) if ids else {}
    stays = _lines(TripStay, STAY_FIELDS, ids, ctx.as_of, "arrive_on")
    tickets = _lines(TripTicket, TICKET_FIELDS, ids, ctx.as_of, "on")
    return [
        TripOnD(t, claims.get(t.pk) or {f: getattr(t, f) for f in CLAIM_FIELDS}, stays[t.pk], tickets[t.pk])
        for t in trips
    ]


def _noun(on_d: TripOnD) -> str:
    trip = on_d.trip
    cities = "、".join(dict.fromkeys(s["city"] for s in on_d.stays)) or "（当日往返）"
    return f"差旅 {trip.traveller.name} {day(trip.start_on)}赴{cities} {trip.purpose}"


def _subject(ctx: Context, on_d: TripOnD, book: StandardBook, clash: tuple[dict[str, Any], ...]) -> Subject:
    trip, claim, as_of = on_d.trip, on_d.claim, ctx.as_of
    band = claim["band"]
    on_file = on_d.claim_on_file(as_of)
    over = trip.end_on <= as_of and on_file
    province, parts = _allowances(on_d, book) if over else ("", ())
    off = days_off(trip.start_on, min(trip.end_on, as_of))
    return Subject(
        type=SUBJECT_TYPE,
        id=str(trip.pk),
        label=voucher_label(_noun(on_d), trip),
        period=str(trip.start_on.year),
        link=f"/frugality/trips/{trip.pk}/",
        unit_id=trip.unit_id,
        person_id=trip.traveller_id,
        data={
            "on": trip.start_on,
            "amount": Decimal(claim["total_amount"]),
            "band": band,
            "start_on": trip.start_on,
            "approved_on": asof.known(claim["approved_on"], as_of),
            "lodging": tuple(_lodging(s, band, book) for s in on_d.stays if s["nights"] > 0) if on_file else (),
            "calendar_days": trip.calendar_days,
            "province": province,
            "parts": parts,
            "tickets": tuple(_ticket(t, band, book) for t in on_d.tickets) if on_file else (),
            "days_off": off,
            "places": places(on_d),
            "destinations": "、".join(sorted(destinations(on_d))),
            "clashes": clash,
            "stay_overlaps": stay_overlaps(on_d.stays),
        },
    )


def trip_subjects(ctx: Context) -> list[Subject]:
    """Every trip of the window as a Subject, built once per run (ctx.memo) whichever of the six rules asks first."""
    key = f"frugality:trip_subjects:{first_day(ctx)}"
    if key not in ctx.memo:
        trips = trips_on(ctx)
        book = standard_book(ctx)
        found = clashes(trips)
        ctx.memo[key] = [_subject(ctx, t, book, found.get(t.trip.pk, ())) for t in trips]
    return ctx.memo[key]
