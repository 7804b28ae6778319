"""Demo data of the gifts register over the two demo years: ten gifts that could not be refused (souvenirs at
visits, local products sent by units, a shopping card returned), each registered by its recipient (or by the
party-affairs office for someone without a login) and handed in or returned within days.

Planted for INT-060: one gift handed in five weeks after it was received (a red, recorded finding). Every other
gift is handled within the month, and none is left pending, so the rule finds that one and nothing else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.models import Gift
from qinglian.integrity.services.gifts import gift_handle, gift_register
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, User

# (days before today, giver, occasion, description, value, handling, days to hand in)
GIFTS = (
    (690, "某区人大常委会", "调研座谈", "地方特产（茶叶两盒）", "280", GiftHandling.HANDED_IN, 3),
    (610, "某行业协会", "立法调研", "纪念品（瓷盘一件）", "350", GiftHandling.HANDED_IN, 5),
    (540, "某企业", "执法检查", "购物卡一张", "500", GiftHandling.RETURNED, 0),
    (470, "某县人大常委会", "代表活动", "工艺品（木雕一件）", "420", GiftHandling.HANDED_IN, 4),
    (400, "外省人大常委会考察团", "来访交流", "纪念画册及茶具", "600", GiftHandling.TRANSFERRED, 6),
    (300, "某高校", "专题讲座", "纪念品（钢笔一支）", "260", GiftHandling.HANDED_IN, 35),  # planted: five weeks
    (230, "某商会", "座谈会", "地方特产（土特产礼盒）", "300", GiftHandling.HANDED_IN, 2),
    (170, "某区政府", "视察", "纪念品（丝巾一条）", "220", GiftHandling.HANDED_IN, 7),
    (110, "某医院", "执法检查", "购物卡一张", "1000", GiftHandling.RETURNED, 0),
    (60, "某街道", "代表联络站活动", "书法作品一幅", "800", GiftHandling.HANDED_IN, 3),
)


def _working(day: dt.date) -> dt.date:
    return day if workdays.is_working_day(day) else workdays.next_working_day(day)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.gifts")
    office = User.objects.get(username="dangwei")
    logins = {u.person_id: u for u in User.objects.filter(username__in=("ganbu", "fuzeren", "fuzhuren", "renshi"))}
    others = list(
        Person.objects.filter(organ=ctx.organ, is_active=True)
        .exclude(unit__kind=UnitKind.STATIONED)
        .exclude(pk=office.person_id)
        .order_by("pk")
    )
    people = [Person.objects.get(pk=pk) for pk in logins] + rng.sample(others, min(4, len(others)))
    for n, (ago, giver, occasion, description, value, handling, days) in enumerate(GIFTS):
        received = _working(ctx.today - dt.timedelta(days=ago))
        person = people[n % len(people)]
        registrar = logins.get(person.pk, office)
        registered = workdays.add_working_days(received, 1 if days else 2)
        handed = received + dt.timedelta(days=days) if days else None
        if handed is not None:
            handed = _working(handed)
        done = handed or registered
        if done > ctx.today:
            continue
        with clock.replaying(moment(registered, 10)):
            gift = gift_register(
                gift=Gift(
                    organ=ctx.organ,
                    person=person,
                    received_on=received,
                    giver=giver,
                    occasion=occasion,
                    description=description,
                    value=Decimal(value),
                    registered_on=registered,
                ),
                by=registrar,
            )
        with clock.replaying(moment(max(done, registered), 15)):
            gift_handle(
                gift=gift,
                handling=handling,
                handed_in_on=handed,
                handling_note="已退还送礼人并说明有关规定" if handling == GiftHandling.RETURNED else "已登记入库",
                by=office,
            )
