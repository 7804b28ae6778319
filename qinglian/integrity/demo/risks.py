"""廉政风险点 of the demo organ: every internal unit's register (3–6 risk points each), found in the organ's
排查 campaign in the spring of the year before, reviewed in the yearly review campaign of this year; a few points
added since (not yet due for review). 办公室 carries the high risks of reception, procurement and funds, 人代选工委
those of appointments and elections, 代表联络室 those of deputies' suggestions, 法工委 those of legislation…

Entered through services.risks on the replayed clock by 机关党委 (dangwei), except 法工委's register, kept by its
head (fuzeren). Left for rule INT-030: two of 法工委's risk points missed the yearly review (the posts changed hands)
and are overdue — red, and nothing else: no unit is without risk points, no other point is near its due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.integrity.demo.risks_data import REGRADE_NOTES, REVIEW_NOTES, RISKS, UNIT_HEAD_UNIT
from qinglian.integrity.models import RiskPoint
from qinglian.integrity.services.risks import risk_review, risk_save
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit, User


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _users(ctx: DemoContext) -> dict[str, User]:
    found = User.objects.filter(organ=ctx.organ, username__in=("dangwei", "fuzeren")).select_related("person")
    return {u.username: u for u in found}


def _owner(people: list[Person], kind: str, rng: random.Random) -> Person | None:
    directors = [p for p in people if p.post in ("主任", "专职副书记")]
    deputies = [p for p in people if p.post in ("副主任", "机关纪委书记")]
    staff = [p for p in people if p not in directors and p not in deputies and "常委会" not in p.post]
    pool = {"director": directors or deputies, "deputy": deputies or directors}.get(kind) or staff
    return rng.choice(pool) if pool else (people[0] if people else None)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.risks")
    users = _users(ctx)
    today = ctx.today
    days = WorkingDays(months_before(today, 21), today, rng)
    campaign = (months_before(today, 20), months_before(today, 19))  # 排查 last year
    reviews = (months_before(today, 9), months_before(today, 8))  # 年度复核 this year
    added = (months_before(today, 5), months_before(today, 3))  # points added since
    units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ, kind=UnitKind.INTERNAL)}
    missed: list[str] = []
    count = 0
    for name, specs in RISKS.items():
        unit = units.get(name)
        if unit is None:
            continue
        writer = users["fuzeren"] if name == UNIT_HEAD_UNIT and "fuzeren" in users else users["dangwei"]
        people = list(Person.objects.filter(organ=ctx.organ, unit=unit, is_active=True).order_by("pk"))
        for spec in specs:
            window = added if spec.new else campaign
            found = days.pick(*window) or window[0]
            owner = _owner(people, spec.owner, rng)
            risk = RiskPoint(
                organ=ctx.organ,
                unit=unit,
                post=spec.post,
                matter=spec.matter,
                description=spec.description,
                level=spec.level,
                controls=spec.controls,
                owner=owner,
                ledger=spec.ledger,
                identified_on=found,
            )
            with clock.replaying(moment(found, 10)):
                risk_save(risk=risk, by=writer)
            count += 1
            if spec.missed:
                missed.append(str(risk))
                continue
            if spec.new:
                continue
            reviewed = days.pick(*reviews) or reviews[0]
            note = REGRADE_NOTES[spec.regrade] if spec.regrade else rng.choice(REVIEW_NOTES)
            with clock.replaying(moment(reviewed, 15)):
                risk_review(risk=risk, by=writer, date=reviewed, note=note, level=spec.regrade or None)
    ctx.say(f"廉政风险点 {count} 个，覆盖 {len(RISKS)} 个委室")
    ctx.say(f"逾期未复核的廉政风险点：{'、'.join(missed)}")
