"""The travel rules (FRG-010 … FRG-015) on the travel ledger (差旅), after 财行〔2013〕531号.

Every trip departed on or before D, not withdrawn by D, is a subject of every rule; findings go to the traveller
and the spending unit, a trip without a unit to the finance officer who keeps the ledger. The collectors read the
trips once per run (`ledger_rows`) and look the standards up there (`standard_book`), on the day of the spending:
the arrival night for lodging, the departure day for the allowances, the day of travel for a ticket. The checks
are pure: they read the subject's plain data.

As of D: an approval dated after D was not on file (FRG-013 says so); a claim reimbursed after D was not yet made
(FRG-010/011/012 wait for it; a claim without a reimbursement date is judged as entered); stays and tickets dated
after D had not happened; the allowances are judged once the trip is over.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.frugality.choices import SEAT_LEVEL, SeatClass, StandardKind, TransportMode, TravelBand
from qinglian.frugality.models import Trip
from qinglian.frugality.rules.common import (
    CATEGORY,
    LOOK_BACK,
    TRAVEL_RULES,
    excess,
    finance_office,
    ledger_rows,
    standard_book,
    voucher_label,
)
from qinglian.frugality.standards.lookup import Standard, norm_key

SUBJECTS = "差旅（出差人本人及承办委室）"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# How a reason names a band (the tables' words: 厅局级 for 司局级 too).
BAND_WORDS = {TravelBand.PROVINCIAL: "省部级", TravelBand.DEPARTMENT: "厅局级", TravelBand.OTHER: "其他人员"}


def yuan(value: Decimal) -> str:
    return f"{value:,.2f}元"


def day(value: dt.date) -> str:
    return f"{value:%Y-%m-%d}"


# --- reading the ledger once per run ---------------------------------------------------------------------------


def _trips(ctx: Context) -> list[Trip]:
    return ledger_rows(ctx, Trip, date_field="start_on", related=("traveller",), prefetch=("stays", "tickets"))


def _noun(trip: Trip) -> str:
    places = "、".join(dict.fromkeys(s.city for s in trip.stays.all())) or "（当日往返）"
    return f"差旅 {trip.traveller.name} {day(trip.start_on)}赴{places} {trip.purpose}"


def _subject(trip: Trip, **data: Any) -> Subject:
    return Subject(
        type="frugality.trip",
        id=str(trip.pk),
        label=voucher_label(_noun(trip), trip),
        period=str(trip.start_on.year),
        link=f"/frugality/trips/{trip.pk}/",
        unit_id=trip.unit_id,
        person_id=trip.traveller_id,
        data={"on": trip.start_on, "amount": trip.total_amount, **data},
    )


def claim_on_file(trip: Trip, as_of: dt.date) -> bool:
    """The claim's figures count on D when reimbursed by D, or when no reimbursement date is recorded."""
    return trip.paid_on is None or trip.paid_on <= as_of


def _stays(trip: Trip, as_of: dt.date) -> list[Any]:
    return [s for s in trip.stays.all() if s.arrive_on <= as_of]


def _tickets(trip: Trip, as_of: dt.date) -> list[Any]:
    return [t for t in trip.tickets.all() if t.on <= as_of]


def _cited(found: Standard | None) -> str:
    return found.cited if found is not None else ""


# --- FRG-010 lodging per night -------------------------------------------------------------------------------------


def peak_months(text: str) -> set[int]:
    """ "7-9" → {7, 8, 9}; "1,2,12" → {1, 2, 12}; "11-2" wraps the new year. Unreadable parts are ignored."""
    months: set[int] = set()
    for part in re.split(r"[,，、;；\s]+", text or ""):
        bounds = re.fullmatch(r"(\d{1,2})\s*[-–~～至]\s*(\d{1,2})", part)
        if bounds:
            first, last = int(bounds[1]), int(bounds[2])
            span = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
            months.update(m for m in span if 1 <= m <= 12)
        elif part.isdigit() and 1 <= int(part) <= 12:
            months.add(int(part))
    return months


def lodging_cap(found: Standard, night: dt.date) -> tuple[Decimal | None, bool]:
    """The cap for a night: the peak cap in the row's peak months, else the cap; and whether it was the peak."""
    peak = found.amount("peak_cap")
    if peak is not None and night.month in peak_months(found.text("peak_months")):
        return peak, True
    return found.amount("cap"), False


def _stay_facts(stay: Any, band: str, book: Any) -> dict[str, Any]:
    found = book.find(StandardKind.LODGING, stay.arrive_on, stay.province, stay.city, band)
    cap, peak = lodging_cap(found, stay.arrive_on) if found is not None else (None, False)
    return {
        "place": f"{stay.province} {stay.city}",
        "arrive_on": stay.arrive_on,
        "nights": stay.nights,
        "lodging": Decimal(stay.lodging_amount),
        "cap": cap,
        "peak": peak,
        "cited": _cited(found),
    }


def collect_lodging(ctx: Context) -> Iterator[Subject]:
    book = standard_book(ctx)
    for trip in _trips(ctx):
        stays = _stays(trip, ctx.as_of) if claim_on_file(trip, ctx.as_of) else []
        facts = tuple(_stay_facts(s, trip.band, book) for s in stays if s.nights > 0)
        yield _subject(trip, band=trip.band, stays=facts)


def _stay_excess(stay: dict[str, Any]) -> Decimal:
    if stay["cap"] is None:
        return ZERO
    return max(ZERO, stay["lodging"] - stay["cap"] * stay["nights"])


@excess("FRG-010")
def lodging_excess(subject: Subject, params: Params, ctx: Context) -> Decimal:
    return sum((_stay_excess(s) for s in subject.data["stays"]), ZERO)


def _over_text(stay: dict[str, Any], band: str) -> str:
    per_night = (stay["lodging"] / stay["nights"]).quantize(CENT, rounding=ROUND_HALF_UP)
    season = "（旺季）" if stay["peak"] else ""
    return (
        f"{stay['place']}{day(stay['arrive_on'])}起{stay['nights']}晚住宿费{yuan(stay['lodging'])}，"
        f"每晚{yuan(per_night)}，超过{BAND_WORDS[band]}限额{yuan(stay['cap'])}/晚{season}，"
        f"超标准{yuan(_stay_excess(stay))}（{stay['cited']}）"
    )


def no_standard(what: str, keys: str) -> str:
    return f"没有适用的{what}标准（{keys}），请财务核实"


@rule(
    code="FRG-010",
    title="住宿费不超过出差地、出差人员级别的住宿费限额",
    basis=f"{TRAVEL_RULES}第十条、第十一条：住宿费在规定标准内凭据报销（限额见经费标准表“住宿费限额”）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="每晚住宿费超过到达当晚适用的限额（旺季月份按旺季限额）为红色；没有适用的住宿费标准为黄色（请财务核实）",
    params=[LOOK_BACK],
    collect=collect_lodging,
    short="住宿费超标准",
    keeper=finance_office,
)
def lodging_within_cap(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    band = subject.data["band"]
    over = [_over_text(s, band) for s in subject.data["stays"] if _stay_excess(s) > 0]
    missing = [
        no_standard("住宿费", f"{s['place']}，{BAND_WORDS[band]}") for s in subject.data["stays"] if s["cap"] is None
    ]
    if over:
        return Verdict(Severity.RED, "住宿费超标准：" + "；".join([*over, *missing]))
    if missing:
        return Verdict(Severity.YELLOW, "；".join(missing))
    return None


# --- FRG-011 allowances by calendar days ----------------------------------------------------------------------


def main_province(stays: list[Any]) -> str:
    """The province of the stay with most nights (the first of equals): the allowance's place; "" for a day trip."""
    if not stays:
        return ""
    return max(stays, key=lambda s: (s.nights, -s.arrive_on.toordinal())).province


def _allowance(kind: str, days: int, amount: Decimal, found: Standard | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "days": int(days),
        "amount": Decimal(amount),
        "per_day": found.amount("per_day") if found is not None else None,
        "cited": _cited(found),
    }


def collect_allowances(ctx: Context) -> Iterator[Subject]:
    book = standard_book(ctx)
    for trip in _trips(ctx):
        parts: tuple[dict[str, Any], ...] = ()
        if trip.end_on <= ctx.as_of and claim_on_file(trip, ctx.as_of):
            province = main_province(_stays(trip, ctx.as_of))
            meal = book.find(StandardKind.MEAL_ALLOWANCE, trip.start_on, province)
            local = book.find(StandardKind.LOCAL_TRANSPORT, trip.start_on, province)
            parts = (
                _allowance("伙食补助费", trip.meal_days, trip.meal_amount, meal),
                _allowance("市内交通费", trip.transport_days, trip.transport_amount, local),
            )
        yield _subject(trip, calendar_days=trip.calendar_days, province=province if parts else "", parts=parts)


def _claimed(part: dict[str, Any]) -> bool:
    return part["days"] > 0 or part["amount"] > 0


def _allowed(part: dict[str, Any], calendar_days: int) -> Decimal | None:
    if part["per_day"] is None:
        return None
    return part["per_day"] * min(part["days"], calendar_days)


@excess("FRG-011")
def allowance_excess(subject: Subject, params: Params, ctx: Context) -> Decimal:
    total = ZERO
    for part in subject.data["parts"]:
        allowed = _allowed(part, subject.data["calendar_days"]) if _claimed(part) else None
        if allowed is not None:
            total += max(ZERO, part["amount"] - allowed)
    return total


def _part_problems(part: dict[str, Any], calendar_days: int, province: str) -> tuple[list[str], list[str]]:
    """(red reasons, yellow notes) of one allowance."""
    red: list[str] = []
    kind, days = part["kind"], part["days"]
    if days != calendar_days:
        red.append(f"{kind}按{days}天计算，与出差自然（日历）天数{calendar_days}天不一致")
    allowed = _allowed(part, calendar_days)
    if allowed is None:
        return red, [no_standard(kind, province or "出差地")]
    if part["amount"] > allowed:
        counted = min(days, calendar_days)
        red.append(
            f"{kind}{yuan(part['amount'])}，超过{counted}天×{yuan(part['per_day'])}/天＝{yuan(allowed)}，"
            f"多报{yuan(part['amount'] - allowed)}（{part['cited']}）"
        )
    return red, []


@rule(
    code="FRG-011",
    title="伙食补助费、市内交通费按出差自然（日历）天数和标准计算",
    basis=f"{TRAVEL_RULES}第十五条、第十八条：伙食补助费、市内交通费按出差自然（日历）天数计算",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="补助天数与出差自然天数（返回日期−出发日期+1）不一致，或金额超过天数×每天标准，为红色；"
    "没有适用的补助标准为黄色（请财务核实）；未报补助的不检查",
    params=[LOOK_BACK],
    collect=collect_allowances,
    short="差旅补助天数或金额不符",
    keeper=finance_office,
)
def allowances_by_calendar_days(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    red: list[str] = []
    yellow: list[str] = []
    for part in subject.data["parts"]:
        if _claimed(part):
            more_red, more_yellow = _part_problems(part, subject.data["calendar_days"], subject.data["province"])
            red += more_red
            yellow += more_yellow
    if red:
        return Verdict(Severity.RED, "；".join([*red, *yellow]))
    if yellow:
        return Verdict(Severity.YELLOW, "；".join(yellow))
    return None


# --- FRG-012 transport class ----------------------------------------------------------------------------------------


def _ticket_facts(ticket: Any, band: str, book: Any) -> dict[str, Any]:
    found = book.find(StandardKind.TRANSPORT_CLASS, ticket.on, band, ticket.mode)
    allowed = found.text("max_class") if found is not None else ""
    return {
        "on": ticket.on,
        "route": "—".join(x for x in (ticket.from_city, ticket.to_city) if x),
        "seat": ticket.seat_class,
        "allowed": allowed if found is not None else None,
        "mode": ticket.mode,
        "cited": _cited(found),
    }


def collect_tickets(ctx: Context) -> Iterator[Subject]:
    book = standard_book(ctx)
    for trip in _trips(ctx):
        tickets = _tickets(trip, ctx.as_of) if claim_on_file(trip, ctx.as_of) else []
        yield _subject(trip, band=trip.band, tickets=tuple(_ticket_facts(t, trip.band, book) for t in tickets))


def _seat_label(value: str) -> str:
    return SeatClass(value).label if value in SeatClass.values else value


def _above(ticket: dict[str, Any]) -> bool:
    return SEAT_LEVEL.get(ticket["seat"], 0) > SEAT_LEVEL.get(ticket["allowed"], 0)


@rule(
    code="FRG-012",
    title="按出差人员级别乘坐相应等级的交通工具",
    basis=f"{TRAVEL_RULES}第七条：出差人员应当按规定等级乘坐交通工具（等级见经费标准表“交通工具等级”）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="票据的座位/舱位高于该级别人员可乘坐的最高等级为红色；没有适用的交通工具等级标准为黄色",
    params=[LOOK_BACK],
    collect=collect_tickets,
    short="交通工具超等级",
    keeper=finance_office,
)
def class_within_entitlement(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    band = BAND_WORDS[subject.data["band"]]
    red: list[str] = []
    yellow: list[str] = []
    for t in subject.data["tickets"]:
        where = f"{day(t['on'])}{(' ' + t['route']) if t['route'] else ''}"
        if t["allowed"] is None:
            yellow.append(no_standard("交通工具等级", f"{band}，{TransportMode(t['mode']).label}"))
        elif _above(t):
            red.append(
                f"{where}乘坐{_seat_label(t['seat'])}，高于{band}可乘坐的{_seat_label(t['allowed'])}（{t['cited']}）"
            )
    if red:
        return Verdict(Severity.RED, "交通工具超等级：" + "；".join([*red, *yellow]))
    if yellow:
        return Verdict(Severity.YELLOW, "；".join(dict.fromkeys(yellow)))
    return None


# --- FRG-013 approval before departure --------------------------------------------------------------------------


def collect_approvals(ctx: Context) -> Iterator[Subject]:
    for trip in _trips(ctx):
        yield _subject(trip, start_on=trip.start_on, approved_on=asof.known(trip.approved_on, ctx.as_of))


@rule(
    code="FRG-013",
    title="出差事前审批",
    basis=f"{TRAVEL_RULES}第四条：出差须按规定报经单位有关领导批准（事前审批）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="审批日期晚于出发日期，或已出发仍无审批记录，为红色",
    params=[LOOK_BACK],
    collect=collect_approvals,
    short="出差未事前审批",
    keeper=finance_office,
)
def approved_before_departure(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    start, approved = subject.data["start_on"], subject.data["approved_on"]
    if approved is None:
        return Verdict(Severity.RED, f"{day(start)}出发，截至{day(ctx.as_of)}没有出差审批记录（应事前审批）")
    if approved > start:
        return Verdict(Severity.RED, f"审批日期{day(approved)}晚于出发日期{day(start)}，未事前审批")
    return None


# --- FRG-014 weekends and holidays at scenic places ------------------------------------------------------------------


def _places(trip: Trip, as_of: dt.date) -> tuple[str, ...]:
    """Where the trip went: its stays' province and city, and for a trip without a stay its tickets' destinations."""
    places = [f"{s.province} {s.city}" for s in _stays(trip, as_of)]
    if not places:
        places = [t.to_city for t in _tickets(trip, as_of) if t.to_city]
    return tuple(dict.fromkeys(places))


def days_off(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """The organ's non-working days (weekends, holidays, not 调休上班日) from `start` to `end`, both included."""
    count = (end - start).days + 1
    return tuple(d for d in (start + dt.timedelta(days=n) for n in range(count)) if not workdays.is_working_day(d))


def collect_scenic(ctx: Context) -> Iterator[Subject]:
    for trip in _trips(ctx):
        off = days_off(trip.start_on, min(trip.end_on, ctx.as_of))
        yield _subject(trip, days_off=off, places=_places(trip, ctx.as_of) if off else ())


def scenic_words(text: str) -> list[str]:
    return [w for w in (norm_key(x) for x in re.split(r"[、,，;；\s]+", text or "")) if w]


@rule(
    code="FRG-014",
    title="节假日前往景区的出差提示复核",
    basis=f"{TRAVEL_RULES}第二十四条：出差人员不得借出差之机游山玩水；节假日前往景区的出差提示复核",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="出差期间含周末或法定节假日（按本机关工作日历），且目的地城市或省份含景区名单中的地名，为黄色（复核后可销号）",
    params=[
        Param("scenic_places", "景区名单", kind="str", help="用顿号分隔；目的地城市或省份含其中任一地名即提示"),
        LOOK_BACK,
    ],
    collect=collect_scenic,
    short="节假日赴景区出差",
    keeper=finance_office,
)
def scenic_on_days_off(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    off, places = subject.data["days_off"], subject.data["places"]
    hits = [w for w in scenic_words(p.scenic_places) if any(w in norm_key(x) or w in x for x in places)]
    if not off or not hits:
        return None
    shown = "、".join(day(d) for d in off[:5]) + ("等" if len(off) > 5 else "")
    return Verdict(
        Severity.YELLOW,
        f"出差期间含非工作日（{shown}），目的地{'、'.join(places)}属景区名单（{'、'.join(dict.fromkeys(hits))}），"
        "请复核是否借出差之机游山玩水",
    )


# --- FRG-015 one person in two places on one day ----------------------------------------------------------------


def destinations(trip: Trip, as_of: dt.date) -> frozenset[str]:
    """The cities a trip stayed in; for a trip without a stay, its first ticket's destination; empty if unknown."""
    cities = {norm_key(s.city) for s in _stays(trip, as_of)}
    if not cities:
        first = next((t for t in _tickets(trip, as_of) if t.to_city), None)
        cities = {norm_key(first.to_city)} if first is not None else set()
    return frozenset(cities)


def _stay_overlaps(trip: Trip, as_of: dt.date) -> tuple[str, ...]:
    """Stays of one trip sharing a night ([arrive, leave) meet): lodging in two places for one night."""
    stays = sorted(_stays(trip, as_of), key=lambda s: (s.arrive_on, s.pk))
    found = []
    for n, a in enumerate(stays):
        for b in stays[n + 1 :]:
            if b.arrive_on < a.leave_on and a.arrive_on < b.leave_on:
                found.append(
                    f"住宿{a.city}（{day(a.arrive_on)}至{day(a.leave_on)}）与{b.city}"
                    f"（{day(b.arrive_on)}至{day(b.leave_on)}）有同一晚重叠"
                )
    return tuple(found)


def _clashes(trips: list[Trip], as_of: dt.date) -> dict[int, tuple[dict[str, Any], ...]]:
    """For each trip, the earlier trips of the same traveller whose dates meet its own and that went elsewhere.
    A clash is reported once, on the later trip of the two (by departure, then entry)."""
    by_person: dict[int, list[Trip]] = defaultdict(list)
    for trip in trips:
        by_person[trip.traveller_id].append(trip)
    found: dict[int, tuple[dict[str, Any], ...]] = {}
    for own in by_person.values():
        own.sort(key=lambda t: (t.start_on, t.pk))
        for n, later in enumerate(own):
            where = destinations(later, as_of)
            hits = []
            for earlier in own[:n]:
                there = destinations(earlier, as_of)
                if earlier.end_on >= later.start_on and where and there and where != there:
                    hits.append(_clash(earlier, later, there))
            if hits:
                found[later.pk] = tuple(hits)
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


def collect_two_places(ctx: Context) -> Iterator[Subject]:
    trips = _trips(ctx)
    clashes = _clashes(trips, ctx.as_of)
    for trip in trips:
        yield _subject(
            trip,
            places="、".join(sorted(destinations(trip, ctx.as_of))),
            clashes=clashes.get(trip.pk, ()),
            stay_overlaps=_stay_overlaps(trip, ctx.as_of),
        )


def _clash_text(places: str, clash: dict[str, Any]) -> str:
    voucher = f"凭证号{clash['voucher']}" if clash["voucher"] else "（无凭证号）"
    span = day(clash["first_day"])
    if clash["last_day"] != clash["first_day"]:
        span += f"至{day(clash['last_day'])}"
    return (
        f"{span}同时在另一次出差（{voucher}，{day(clash['start_on'])}至{day(clash['end_on'])}赴{clash['places']}）中，"
        f"本次赴{places or '外地'}"
    )


@rule(
    code="FRG-015",
    title="同一人同一日不能在两地出差",
    basis=f"{TRAVEL_RULES}：差旅费按实际出差行程报销（条号未核实）；同一人同一日不能在两地出差",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="同一出差人的两次出差日期重叠且目的地不同（在后一次出差上提示），或同一次出差的两处住宿有同一晚重叠，为红色",
    params=[LOOK_BACK],
    collect=collect_two_places,
    short="同一人同日两地出差",
    keeper=finance_office,
)
def one_place_a_day(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    problems = [_clash_text(subject.data["places"], c) for c in subject.data["clashes"]]
    problems += list(subject.data["stay_overlaps"])
    if not problems:
        return None
    return Verdict(Severity.RED, "同一人同一日在两地：" + "；".join(problems))
