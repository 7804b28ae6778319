"""`make bench` (and `make bench-frugality`): a year of 5,000 vouchers checked by the 八项规定 rules — issue #17 asks
for under 2 s. Results go to docs/benchmarks.md by hand, with the machine and date.

Run on the scratch database of `make bench` (var/bench.sqlite3), never on production data: it adds its own organ
("基准测试机关", code bench-frugality) with ten units, 200 people, organ-level standard tables and a year of
receptions, trips, conferences, courses, cars and trips abroad — about 2 % of them over a limit — written with
bulk inserts on the first run and kept for the next. Then it runs every FRG rule twice for the last day of that year
and prints both times: the first run writes the findings, the second is the steady state of the daily checks.

    python -m qinglian.frugality.bench
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal

CODE = "bench-frugality"
YEAR = 2026
AS_OF = dt.date(YEAR, 12, 31)
TARGET_S = 2.0
COUNTS = {"reception": 1350, "trip": 2800, "conference": 500, "training": 300, "car": 20, "abroad": 30}
CITIES = (("浙江", "杭州"), ("浙江", "宁波"), ("北京", "北京"), ("上海", "上海"), ("江苏", "南京"), ("四川", "成都"))


def _day(rng: random.Random) -> dt.date:
    """A weekday of the bench year (Mondays to Wednesdays, so a three-day trip stays inside the week)."""
    while True:
        day = dt.date(YEAR, 1, 5) + dt.timedelta(days=rng.randrange(0, 350))
        if day.weekday() <= 2:
            return day


def _standards(organ) -> None:
    from qinglian.compliance.choices import Jurisdiction
    from qinglian.frugality.choices import StandardKind as K
    from qinglian.frugality.models import StandardRow, StandardTable

    tables = {
        K.LODGING: [((p, c, b), {"cap": cap}) for p, c in CITIES for b, cap in (("department", 600), ("other", 450))],
        K.MEAL_ALLOWANCE: [(("*",), {"per_day": 100})],
        K.LOCAL_TRANSPORT: [(("*",), {"per_day": 80})],
        K.TRANSPORT_CLASS: [
            ((b, m), {"max_class": c})
            for b, pairs in (
                ("department", (("high_speed", "hsr_first"), ("plane", "plane_economy"), ("train", "train_soft"))),
                ("other", (("high_speed", "hsr_second"), ("plane", "plane_economy"), ("train", "train_hard"))),
            )
            for m, c in pairs
        ],
        K.RECEPTION_MEAL: [((g,), {"per_head": v}) for g, v in (("department", 100), ("other", 80))],
        K.CONFERENCE_RATE: [
            (("four",), {"per_person_day": 550, "max_days": 2, "max_travel_days": 1, "max_people": 50}),
            (("three",), {"per_person_day": 550, "max_days": 2, "max_travel_days": 2, "max_people": 150}),
        ],
        K.TRAINING_RATE: [(("three",), {"per_person_day": 380})],
        K.LECTURER_FEE: [(("associate",), {"per_hour": 500}), (("senior",), {"per_hour": 1000})],
        K.CAR_CAP: [(("confidential", "fuel"), {"max_price": 120000, "max_displacement": "1.6"})],
        K.ABROAD_DAYS: [(("1",), {"max_days": 5}), (("2",), {"max_days": 8}), (("3",), {"max_days": 10})],
    }
    for kind, rows in tables.items():
        table = StandardTable.objects.create(
            kind=kind,
            jurisdiction=Jurisdiction.ORGAN,
            organ=organ,
            title=f"基准测试{K(kind).label}",
            source="基准测试数据",
            effective_from=dt.date(YEAR - 1, 1, 1),
        )
        StandardRow.objects.bulk_create(
            StandardRow(
                table=table,
                key_a=keys[0],
                key_b=keys[1] if len(keys) > 1 else "",
                key_c=keys[2] if len(keys) > 2 else "",
                values={k: str(v) for k, v in values.items()},
                position=i,
            )
            for i, (keys, values) in enumerate(rows)
        )


def build(organ) -> None:
    """The bench organ's year of vouchers (bulk inserts; no history — a bench, not a ledger)."""
    from qinglian.frugality import models as m
    from qinglian.frugality.choices import (
        CarType,
        ConferenceCategory,
        CostKind,
        GuestLevel,
        LecturerTitle,
        PlanKind,
        SeatClass,
        TrainingCategory,
        TransportMode,
        TravelBand,
    )
    from qinglian.org.choices import Gender, PartyStatus
    from qinglian.org.models import Person, Unit

    rng = random.Random(17)
    units = [Unit.objects.create(organ=organ, name=f"第{i + 1}委室", order=i + 1) for i in range(10)]
    people = Person.objects.bulk_create(
        Person(
            organ=organ,
            unit=units[i % 10],
            name=f"人员{i + 1:03d}",
            gender=Gender.MALE,
            party_status=PartyStatus.MEMBER,
        )
        for i in range(200)
    )
    _standards(organ)
    plans = {
        kind: m.SpendingPlan.objects.create(organ=organ, kind=kind, year=YEAR, approved_on=dt.date(YEAR, 1, 10))
        for kind in (PlanKind.CONFERENCE, PlanKind.TRAINING, PlanKind.ABROAD)
    }
    items = {
        kind: m.PlanItem.objects.bulk_create(m.PlanItem(plan=plan, name=f"计划{i + 1}") for i in range(40))
        for kind, plan in plans.items()
    }
    voucher = iter(range(1, 100000))

    def common(unit, day):
        return {"organ": organ, "unit": unit, "voucher_no": f"记-{next(voucher):05d}", "paid_on": day}

    # 300 visiting bodies, each received a few times a year; two of them on consecutive days now and then.
    visitors = [f"某{('市', '县', '区')[i % 3]}人大常委会（{i + 1}）" for i in range(300)]
    receptions = []
    for _ in range(COUNTS["reception"]):
        day, unit, visitor = _day(rng), rng.choice(units), rng.choice(visitors)
        guests = rng.randint(3, 12)
        receptions.append(
            m.Reception(
                **common(unit, day + dt.timedelta(days=7)),
                letter_unit=visitor,
                letter_no="某人函〔2026〕1号",
                letter_on=day - dt.timedelta(days=5),
                letter_persons=guests,
                letter_purpose="调研",
                letter_start=day,
                letter_end=day,
                guest_unit=visitor,
                guest_level=GuestLevel.OTHER,
                guest_count=guests,
                purpose="调研",
                start_on=day,
                end_on=day,
                total_amount=Decimal(60 * guests),
                list_signed_on=day,
                invoice_no="044001",
                invoice_on=day,
                invoice_amount=Decimal(60 * guests),
            )
        )
    receptions = m.Reception.objects.bulk_create(receptions)
    m.ReceptionMeal.objects.bulk_create(
        m.ReceptionMeal(
            reception=r,
            on=r.start_on,
            guests=r.guest_count,
            escorts=rng.choice((2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 5)),  # 1 in 20 over
            amount=Decimal(60 * (r.guest_count + 3)),
            items="家常菜",
        )
        for r in receptions
    )
    # Each person's trips in distinct weeks (Monday to Wednesday), so nobody is in two places on one day.
    weeks = {p.pk: rng.sample(range(50), COUNTS["trip"] // len(people)) for p in people}
    trips = []
    for i in range(COUNTS["trip"]):
        person = people[i % len(people)]
        day = dt.date(YEAR, 1, 5) + dt.timedelta(weeks=weeks[person.pk][i // len(people)], days=rng.randrange(3))
        trips.append(
            m.Trip(
                **common(person.unit, day + dt.timedelta(days=10)),
                traveller=person,
                band=TravelBand.OTHER,
                purpose="公务出差",
                start_on=day,
                end_on=day + dt.timedelta(days=2),
                approved_on=day - dt.timedelta(days=2),
                meal_days=3,
                meal_amount=Decimal(300),
                transport_days=3,
                transport_amount=Decimal(240),
                total_amount=Decimal(1600),
            )
        )
    trips = m.Trip.objects.bulk_create(trips)
    stays, tickets = [], []
    for t in trips:
        province, city = rng.choice(CITIES)
        nightly = 400 if rng.random() > 0.02 else 520
        stays.append(
            m.TripStay(
                trip=t,
                province=province,
                city=city,
                arrive_on=t.start_on,
                leave_on=t.end_on,
                nights=2,
                lodging_amount=Decimal(2 * nightly),
            )
        )
        for on in (t.start_on, t.end_on):
            tickets.append(
                m.TripTicket(
                    trip=t, on=on, mode=TransportMode.HIGH_SPEED, seat_class=SeatClass.HSR_SECOND, amount=Decimal(300)
                )
            )
    m.TripStay.objects.bulk_create(stays)
    m.TripTicket.objects.bulk_create(tickets)

    def gathering(model, kind, category):
        rows = []
        for _ in range(COUNTS[kind]):
            day, unit = _day(rng), rng.choice(units)
            attendees = rng.randint(20, 45)
            rows.append(
                model(
                    **common(unit, day + dt.timedelta(days=10)),
                    name="业务工作会议" if kind == "conference" else "业务培训班",
                    plan_item=rng.choice(items[PlanKind.CONFERENCE if kind == "conference" else PlanKind.TRAINING]),
                    start_on=day,
                    end_on=day,
                    days=Decimal(1),
                    attendees=attendees,
                    staff=2,
                    venue="机关会议室",
                    venue_city="临江",
                    total_amount=Decimal(200 * (attendees + 2)),
                    category=category,
                )
            )
        return model.objects.bulk_create(rows)

    conferences = gathering(m.Conference, "conference", ConferenceCategory.FOUR)
    m.ConferenceCost.objects.bulk_create(
        m.ConferenceCost(conference=c, kind=kind, amount=c.total_amount / 3)
        for c in conferences
        for kind in (CostKind.MEALS, CostKind.VENUE, CostKind.MATERIALS)
    )
    courses = gathering(m.TrainingCourse, "training", TrainingCategory.THREE)
    m.TrainingCost.objects.bulk_create(
        m.TrainingCost(course=c, kind=kind, amount=c.total_amount / 3)
        for c in courses
        for kind in (CostKind.MEALS, CostKind.VENUE, CostKind.LECTURE)
    )
    m.Lecture.objects.bulk_create(
        m.Lecture(course=c, lecturer="某教授", title=LecturerTitle.SENIOR, on=c.start_on, hours=3, fee=2400)
        for c in courses
    )
    m.OfficialCar.objects.bulk_create(
        m.OfficialCar(
            **common(units[0], dt.date(YEAR, 3, 1)),
            plate=f"浙K·B{i:04d}",
            car_type=CarType.CONFIDENTIAL,
            model_name="某品牌1.5L轿车",
            price=Decimal(110000),
            displacement=Decimal("1.5"),
            purchased_on=dt.date(YEAR, 3, 1),
        )
        for i in range(COUNTS["car"])
    )
    m.AbroadTrip.objects.bulk_create(
        m.AbroadTrip(
            **common(units[0], dt.date(YEAR, 6, 1)),
            leader=people[i],
            purpose="友好交流",
            countries="德国、法国",
            country_count=2,
            team_size=5,
            depart_on=dt.date(YEAR, 5, 4) + dt.timedelta(days=7 * i),
            return_on=dt.date(YEAR, 5, 10) + dt.timedelta(days=7 * i),
            approved_on=dt.date(YEAR, 4, 1),
            plan_item=items[PlanKind.ABROAD][i],
            report_on=dt.date(YEAR, 5, 20) + dt.timedelta(days=7 * i),
        )
        for i in range(COUNTS["abroad"])
    )


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries

    from qinglian.compliance.engine import run_checks
    from qinglian.compliance.models import Finding
    from qinglian.compliance.registry import RULES
    from qinglian.core import hooks
    from qinglian.frugality.models import AbroadTrip, Conference, OfficialCar, Reception, TrainingCourse, Trip

    organ = hooks.organ_by_code(CODE)
    if organ is None:
        organ = hooks.organ_create(code=CODE, name="基准测试机关", short_name="基准测试机关", region="临江市")
        started = time.perf_counter()
        build(organ)
        print(f"生成基准数据：{time.perf_counter() - started:.1f} s")
    models = (Reception, Trip, Conference, TrainingCourse, OfficialCar, AbroadTrip)
    vouchers = sum(model.all_objects.filter(organ=organ).count() for model in models)
    codes = sorted(code for code in RULES if code.startswith("FRG-"))
    print(f"规则 {len(codes)} 条；凭证 {vouchers} 张")
    print("| 运行 | 耗时 s | 对象数 | 问题数 | 查询数 |")
    print("|---|---|---|---|---|")
    settings.DEBUG = True
    steady = 0.0
    for label in ("首次（写入问题）", "再次（日常复查）"):
        reset_queries()
        t0 = time.perf_counter()
        result = run_checks(organ_id=organ.pk, as_of=AS_OF, codes=codes)
        steady = time.perf_counter() - t0
        queries = len(connection.queries)
        findings = Finding.objects.filter(organ=organ, rule_code__startswith="FRG-").count()
        print(f"| {label} | {steady:.2f} | {result.subjects} | {findings} | {queries} |")
        if result.errors:
            print("错误：", result.errors[:3])
    settings.DEBUG = False
    print(f"要求：一年5,000张凭证的检查不超过 {TARGET_S} 秒。")
    return 0 if steady < TARGET_S else 2


if __name__ == "__main__":
    sys.exit(main())
