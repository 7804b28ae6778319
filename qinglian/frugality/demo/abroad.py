"""The demo organ's trips abroad of the demo year: three delegations led by committee directors, each under an item
of the year's abroad plan (the plans demo approves it in January; one trip per item, in order, and no more trips
than items), approved a month ahead, recorded by the finance officer (caiwu) on reimbursement and their report
recorded the day it was handed in — through the services on the replayed clock.

Planted, and nothing else (the shipped central days caps, 2013-10-01: one country 5 days, two 8, three 10; FRG-050's
extra day for 巴西、阿根廷; reports due one month after return):
- FRG-053: the April delegation to 日本、韩国 hands in its report in mid-July, two months late (red, recorded).
- FRG-050: the June delegation to 德国、法国 stays 9 days for two countries, one over the 8-day cap.
The September delegation to 巴西、阿根廷 also stays 9 days: within the cap with the extra day for Latin America.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.models import AbroadTrip, PlanItem
from qinglian.frugality.services.abroad import abroad_report, abroad_save
from qinglian.org.models import Person, Unit, User


@dataclass(frozen=True)
class Delegation:
    month: int
    unit: str  # whose director leads it, when the plan item names no unit
    purpose: str
    countries: str
    days: int
    team: int
    per_head: int  # yuan, flights and stay included
    report_after: int  # days after return the report is handed in


DELEGATIONS = (
    # Planted FRG-053: the report 88 days after return, two months after the one-month deadline.
    Delegation(4, "财政经济工作委员会", "考察地方财政预算审查监督工作", "日本、韩国", 7, 5, 26000, 88),
    # Planted FRG-050: 9 days for two countries, over the 8-day cap.
    Delegation(6, "法制工作委员会", "考察地方立法和基层立法联系工作", "德国、法国", 9, 6, 31000, 16),
    Delegation(9, "农业与农村工作委员会", "考察农业农村发展和农产品贸易", "巴西、阿根廷", 9, 4, 38000, 12),
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "frugality.abroad")
    keeper = User.objects.filter(organ=ctx.organ, username="caiwu").first()
    if keeper is None:
        return
    year = ctx.today.year
    items = list(
        PlanItem.objects.filter(
            plan__organ=ctx.organ, plan__kind=PlanKind.ABROAD, plan__year=year, plan__deleted_at__isnull=True
        ).order_by("id")
    )
    days = WorkingDays(dt.date(year, 1, 1), ctx.today, rng)
    for n, (spec, item) in enumerate(zip(DELEGATIONS, items, strict=False)):
        depart = days.pick(dt.date(year, spec.month, 6), dt.date(year, spec.month, 15))
        if depart is None:
            continue
        back = depart + dt.timedelta(days=spec.days - 1)
        recorded = days.add(back, rng.randint(6, 10))
        reported = days.on_or_after(back + dt.timedelta(days=spec.report_after))
        if max(recorded, reported) > ctx.today:
            continue
        trip = AbroadTrip(
            organ=ctx.organ,
            leader=_director(ctx, item, spec),
            purpose=spec.purpose,
            countries=spec.countries,
            country_count=len(spec.countries.split("、")),
            team_size=spec.team,
            depart_on=depart,
            return_on=back,
            approved_on=days.add(depart, -rng.randint(18, 25)),
            plan_item=item,
            total_amount=Decimal(spec.team * spec.per_head + rng.randint(0, 40) * 100),
            voucher_no=f"记{recorded:%m}-{500 + n * 7 + rng.randint(0, 6):03d}",
            paid_on=recorded,
        )
        with clock.replaying(moment(recorded, 14)):
            abroad_save(trip=trip, by=keeper)
        with clock.replaying(moment(max(recorded, reported), 16)):
            abroad_report(trip=trip, report_on=reported, by=keeper)
    ctx.say(f"因公出国（境）团组 {AbroadTrip.objects.filter(organ=ctx.organ).count()} 个")


def _director(ctx: DemoContext, item: PlanItem, spec: Delegation) -> Person:
    """The director (主任) of the item's unit, else of the delegation's; else anyone of that unit."""
    unit = item.unit if item.unit_id else Unit.objects.get(organ=ctx.organ, name=spec.unit)
    people = Person.objects.filter(organ=ctx.organ, unit=unit, is_active=True).order_by("id")
    return people.filter(post="主任").first() or people.first()
