"""The demo organ's trips of the year before the demo's day: about two hundred, to 杭州 most (the provincial capital:
training, reports, meetings), then 北京, 上海, 南京, 广州 and 成都; one to four days inside one working week; high-speed
rail second class for most, first class for the leaders (正厅级、副厅级: 厅局级, their band from their rank on the
day), economy class by air to 广州 and 成都; lodging under the cap of the shipped table for the city and band, the
allowances by calendar days at the shipped standard, approved by a leader before departure, and no traveller on two
trips at once. Each is entered by the finance officer (caiwu) through the services on the replayed clock, on the day
it is reimbursed.

Planted, and nothing else (the shipped tables: 浙江 杭州 其他人员 400 a night; 其他人员 高铁二等座; nothing for 西藏):
- FRG-010 red: 《参加全省人大财经工作培训》 in 杭州, a cadre's two nights at 1,120 — 560 a night, 160 over the cap.
- FRG-012 red: 《赴上海学习人大代表联络站建设经验》, a cadre (其他人员) out by 高铁一等座.
- FRG-013 red: 《赴南京参加立法协作座谈会》, approved the day after departure.
- FRG-010 yellow: 《赴西藏拉萨对口支援工作调研》, a leader's three nights in 拉萨: no lodging standard for 西藏 (the
  finance officer to check); its allowances at 西藏's 120 a day are within the standard.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.frugality.choices import SeatClass, StandardKind, TransportMode, TravelBand
from qinglian.frugality.models import Trip
from qinglian.frugality.services.travel import DEPARTMENT_RANKS, StayLine, TicketLine, band_for, trip_save
from qinglian.frugality.standards.lookup import StandardBook
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, User

HOME = "临江"
TARGET = 200


@dataclass(frozen=True)
class City:
    province: str
    city: str
    weight: int
    fare: int  # one way, high-speed second class or economy class
    by_air: bool
    purposes: tuple[str, ...]


HANGZHOU = (
    "参加全省人大立法工作培训",
    "赴省人大常委会汇报工作",
    "参加全省人大代表工作座谈会",
    "参加省人大预算审查监督工作会议",
    "赴省人大法工委请示立法事项",
)
CITIES = (
    City("浙江", "杭州", 40, 120, False, HANGZHOU),
    City("北京", "北京", 18, 680, False, ("参加全国人大常委会法工委业务培训", "赴全国人大常委会办公厅汇报工作")),
    City("上海", "上海", 15, 230, False, ("赴上海市人大常委会学习考察", "参加长三角人大工作协作会议")),
    City("江苏", "南京", 12, 280, False, ("赴江苏省人大常委会学习考察", "参加长三角地方立法研讨会")),
    City("广东", "广州", 8, 950, True, ("赴广州学习基层立法联系点经验", "参加全国人大代表工作交流会")),
    City("四川", "成都", 7, 1150, True, ("赴成都学习预算联网监督经验", "参加西部地区人大工作交流会")),
)
TIBET = City("西藏", "拉萨", 0, 1600, True, ("赴西藏拉萨对口支援工作调研",))


@dataclass
class Plan:
    """One trip before it is written: who, where, when, and the claim."""

    traveller: Person
    band: str
    city: City
    start: dt.date
    days: int
    purpose: str
    approved: dt.date
    per_night: Decimal
    first_class: bool = False  # a planted ticket above a cadre's entitlement
    tickets: list[TicketLine] = field(default_factory=list)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)


class Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = app_rng(ctx.seed, "frugality.travel")
        self.keeper = User.objects.get(organ=ctx.organ, username="caiwu")
        people = (
            Person.objects.filter(organ=ctx.organ, is_active=True)
            .exclude(unit__kind=UnitKind.STATIONED)
            .exclude(pk=self.keeper.person_id)
            .select_related("unit")
            .order_by("pk")
        )
        self.leaders = [p for p in people if p.rank in DEPARTMENT_RANKS]
        self.cadres = [p for p in people if p.rank not in DEPARTMENT_RANKS]
        self.book = StandardBook.load(ctx.organ.pk)
        self.days = WorkingDays(ctx.today - dt.timedelta(days=380), ctx.today, self.rng)
        self.busy: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        self.vouchers: Counter = Counter()

    # --- planning ------------------------------------------------------------------------------------------

    def _free(self, person: Person, start: dt.date, end: dt.date) -> bool:
        """No other trip of the person within a day of this one (nobody in two places, nor back-to-back)."""
        gap = dt.timedelta(days=1)
        return all(end + gap < s or e + gap < start for s, e in self.busy[person.pk])

    def _week(self, start: dt.date, days: int) -> bool:
        return all(workdays.is_working_day(start + dt.timedelta(days=n)) for n in range(days))

    def _start(self, days: int, around: int | None = None) -> dt.date | None:
        """A working day whose trip stays inside working days and is reimbursed by the demo's day."""
        last = self.ctx.today - dt.timedelta(days=days + 20)
        first = self.ctx.today - dt.timedelta(days=365) if around is None else last - dt.timedelta(days=around)
        for _ in range(40):
            start = self.days.pick(first, last if around is None else first + dt.timedelta(days=30))
            if start is not None and self._week(start, days):
                return start
        return None

    def _cap(self, city: City, band: str, night: dt.date) -> Decimal | None:
        found = self.book.find(StandardKind.LODGING, night, city.province, city.city, band)
        return found.amount("cap") if found is not None else None

    def _per_night(self, city: City, band: str, night: dt.date) -> Decimal:
        """A hotel price under the cap: 70–95 % of it, to the ten yuan below."""
        cap = self._cap(city, band, night) or Decimal(450)
        share = Decimal(self.rng.randint(70, 95)) / 100
        return (cap * share / 10).quantize(Decimal(1), rounding=ROUND_DOWN) * 10

    def plan(self, person: Person, city: City, start: dt.date, days: int, purpose: str = "") -> Plan | None:
        if not self._free(person, start, start + dt.timedelta(days=days - 1)):
            return None
        band = band_for(person.pk, start)
        approved = self.days.add(start, -self.rng.randint(1, 5))
        purpose = purpose or self.rng.choice(city.purposes)
        per_night = self._per_night(city, band, start)
        found = Plan(person, band, city, start, days, purpose, approved, per_night)
        self.busy[person.pk].append((start, found.end))
        return found

    def random_plan(self) -> Plan | None:
        city = self.rng.choices(CITIES, weights=[c.weight for c in CITIES])[0]
        days = self.rng.choice((1, 1, 2, 2, 3)) if city.city == "杭州" else self.rng.choice((2, 2, 3, 3, 4))
        start = self._start(days)
        leader = self.leaders and self.rng.random() < 0.15
        person = self.rng.choice(self.leaders if leader else self.cadres)
        return self.plan(person, city, start, days) if start is not None else None

    # --- the claim -------------------------------------------------------------------------------------------

    def _tickets(self, p: Plan) -> list[TicketLine]:
        if p.city.by_air:
            mode, seat = TransportMode.PLANE, SeatClass.PLANE_ECONOMY
        elif p.band == TravelBand.DEPARTMENT and self.rng.random() < 0.7:
            mode, seat = TransportMode.HIGH_SPEED, SeatClass.HSR_FIRST
        else:
            mode, seat = TransportMode.HIGH_SPEED, SeatClass.HSR_SECOND
        home = "杭州" if p.city.by_air else HOME  # flights leave from the provincial capital's airport
        out_seat = SeatClass.HSR_FIRST if p.first_class else seat
        return [
            TicketLine(p.start, mode, out_seat, home, p.city.city, self._fare(p.city, out_seat)),
            TicketLine(p.end, mode, seat, p.city.city, home, self._fare(p.city, seat)),
        ]

    def _fare(self, city: City, seat: str) -> Decimal:
        """The city's fare (a first-class seat 1.6 times it), give or take 8 %, to the half yuan."""
        fare = Decimal(city.fare) * (Decimal("1.6") if seat == SeatClass.HSR_FIRST else 1)
        return (fare * Decimal(self.rng.randint(92, 108)) / 100 * 2).quantize(Decimal(1)) / 2

    def _per_day(self, kind: str, province: str, on: dt.date, default: int) -> Decimal:
        found = self.book.find(kind, on, province)
        return (found.amount("per_day") if found is not None else None) or Decimal(default)

    def write(self, p: Plan, voucher_day: dt.date) -> Trip:
        nights = p.days - 1
        stays = []
        if nights:
            lodging = p.per_night * nights
            stays = [StayLine(p.city.province, p.city.city, p.start, p.end, nights, lodging)]
        province = p.city.province if stays else ""
        meal = self._per_day(StandardKind.MEAL_ALLOWANCE, province, p.start, 100)
        local = self._per_day(StandardKind.LOCAL_TRANSPORT, province, p.start, 80)
        self.vouchers[voucher_day.strftime("%y%m")] += 1
        trip = Trip(
            organ=self.ctx.organ,
            voucher_no=f"记{voucher_day:%y%m}-{100 + self.vouchers[voucher_day.strftime('%y%m')]:03d}",
            traveller=p.traveller,
            band="",
            purpose=p.purpose,
            start_on=p.start,
            end_on=p.end,
            approved_on=p.approved,
            approver=self._approver(p.traveller),
            meal_days=p.days,
            meal_amount=meal * p.days,
            transport_days=p.days,
            transport_amount=local * p.days,
            paid_on=voucher_day,
        )
        with clock.replaying(moment(voucher_day, self.rng.randint(9, 16))):
            return trip_save(trip=trip, stays=stays, tickets=p.tickets or self._tickets(p), by=self.keeper)

    def _approver(self, traveller: Person) -> Person:
        """A leader approves; a leader's trip, another leader (the first listed that is not them)."""
        return next(p for p in self.leaders if p.pk != traveller.pk)


def _planted(b: Builder) -> list[Plan]:
    """The four honest violations, planned first so that no other trip takes their travellers' days."""
    hangzhou, shanghai, nanjing = CITIES[0], CITIES[2], CITIES[3]
    cadres = iter(b.rng.sample(b.cadres, 12))
    plans: list[Plan | None] = []
    for around, city, days, purpose, extra in (
        (260, hangzhou, 3, "参加全省人大财经工作培训", {"per_night": Decimal(560)}),
        (200, shanghai, 2, "赴上海学习人大代表联络站建设经验", {"first_class": True}),
        (140, nanjing, 3, "赴南京参加立法协作座谈会", {}),
    ):
        start = b._start(days, around)
        found = next(filter(None, (b.plan(next(cadres), city, start, days, purpose) for _ in range(3))), None)
        if found is not None:
            for name, value in extra.items():
                setattr(found, name, value)
        plans.append(found)
    late = plans[2]
    if late is not None:
        late.approved = late.start + dt.timedelta(days=1)
    start = b._start(4, 90)
    plans.append(b.plan(b.leaders[-1], TIBET, start, 4, TIBET.purposes[0]) if start and b.leaders else None)
    return [p for p in plans if p is not None]


def build(ctx: DemoContext) -> None:
    if not User.objects.filter(organ=ctx.organ, username="caiwu").exists():
        return
    b = Builder(ctx)
    plans = _planted(b)
    for _ in range(TARGET * 3):
        if len(plans) >= TARGET:
            break
        found = b.random_plan()
        if found is not None:
            plans.append(found)
    written = 0
    for p in sorted(plans, key=lambda x: (x.end, x.traveller.pk)):
        paid = b.days.add(p.end, b.rng.randint(3, 10))
        if paid <= ctx.today:
            b.write(p, paid)
            written += 1
    ctx.say(f"差旅 {written} 次")
