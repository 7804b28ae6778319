"""Factories for the 八项规定 ledgers and standard tables. Each ledger row takes its organ from its unit.

`standard_table(kind, rows, …)` makes one table version with its rows: rows are (keys tuple, values dict), keys in
the spec's order (standards/specs.py), e.g. `(("北京", "*", "other"), {"cap": "500"})`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import factory

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.frugality.choices import (
    CarType,
    ConferenceCategory,
    CostKind,
    GuestLevel,
    LecturerTitle,
    MealKind,
    PlanKind,
    SeatClass,
    TrainingCategory,
    TransportMode,
    TravelBand,
)
from qinglian.frugality.models import (
    AbroadTrip,
    Conference,
    ConferenceCost,
    Lecture,
    OfficialCar,
    PlanItem,
    Reception,
    ReceptionMeal,
    SpecialCheck,
    SpendingPlan,
    StandardRow,
    StandardTable,
    TrainingCost,
    TrainingCourse,
    Trip,
    TripStay,
    TripTicket,
)

DAY = dt.date(2026, 3, 10)  # a Tuesday


def standard_table(
    kind: str,
    rows: Iterable[tuple[tuple[str, ...], dict[str, Any]]],
    *,
    jurisdiction: str = Jurisdiction.CENTRAL,
    organ: Any = None,
    effective_from: dt.date = dt.date(2014, 1, 1),
    effective_to: dt.date | None = None,
    title: str = "测试标准",
    doc_no: str = "测〔2014〕1号",
    confidence: str = Confidence.HIGH,
) -> StandardTable:
    table = StandardTable.objects.create(
        kind=kind,
        jurisdiction=jurisdiction,
        organ=organ,
        title=title,
        doc_no=doc_no,
        source=f"{title}（测试）",
        effective_from=effective_from,
        effective_to=effective_to,
        confidence=confidence,
    )
    for position, (keys, values) in enumerate(rows):
        padded = (*keys, "", "", "")[:3]
        StandardRow.objects.create(
            table=table,
            key_a=padded[0],
            key_b=padded[1],
            key_c=padded[2],
            values={k: str(v) for k, v in values.items()},
            position=position,
        )
    return table


class ReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reception

    organ = factory.SelfAttribute("unit.organ")
    voucher_no = factory.Sequence(lambda n: f"记-{n + 1:04d}")
    letter_unit = "某市人大常委会办公室"
    letter_no = factory.Sequence(lambda n: f"某人办函〔2026〕{n + 1}号")
    letter_on = dt.date(2026, 3, 2)
    letter_persons = 5
    letter_purpose = "立法调研"
    letter_start = DAY
    letter_end = DAY
    guest_unit = "某市人大常委会办公室"
    guest_lead = "张某 副主任"
    guest_level = GuestLevel.DEPARTMENT
    guest_count = 5
    purpose = "立法调研"
    start_on = DAY
    end_on = DAY
    venue = "机关会议室"
    total_amount = Decimal("600.00")
    list_signed_on = DAY
    invoice_no = factory.Sequence(lambda n: f"0440{n + 1:06d}")
    invoice_on = DAY
    invoice_amount = Decimal("600.00")
    paid_on = dt.date(2026, 3, 16)


class ReceptionMealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionMeal

    on = factory.SelfAttribute("reception.start_on")
    kind = MealKind.WORK
    guests = factory.SelfAttribute("reception.guest_count")
    escorts = 2
    amount = Decimal("600.00")
    venue = "机关食堂"
    items = "家常菜"


class TripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trip

    organ = factory.SelfAttribute("unit.organ")
    unit = factory.SelfAttribute("traveller.unit")
    voucher_no = factory.Sequence(lambda n: f"记-{n + 5001:04d}")
    band = TravelBand.OTHER
    purpose = "参加业务培训"
    start_on = DAY
    end_on = DAY + dt.timedelta(days=2)
    approved_on = DAY - dt.timedelta(days=3)
    meal_days = 3
    meal_amount = Decimal("300.00")
    transport_days = 3
    transport_amount = Decimal("240.00")
    paid_on = DAY + dt.timedelta(days=7)


class TripStayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TripStay

    province = "北京"
    city = "北京"
    arrive_on = factory.SelfAttribute("trip.start_on")
    leave_on = factory.SelfAttribute("trip.end_on")
    nights = 2
    lodging_amount = Decimal("900.00")


class TripTicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TripTicket

    on = factory.SelfAttribute("trip.start_on")
    mode = TransportMode.HIGH_SPEED
    seat_class = SeatClass.HSR_SECOND
    from_city = "丽水"
    to_city = "北京"
    amount = Decimal("700.00")


class SpendingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendingPlan

    kind = PlanKind.CONFERENCE
    year = 2026
    approved_on = dt.date(2026, 1, 20)
    approval_ref = "党组会议（2026年第2次）"


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    name = factory.Sequence(lambda n: f"计划事项{n + 1}")
    people = 40
    days = Decimal("1.0")
    budget = Decimal("20000.00")


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    organ = factory.SelfAttribute("unit.organ")
    voucher_no = factory.Sequence(lambda n: f"记-{n + 7001:04d}")
    name = factory.Sequence(lambda n: f"业务工作会议{n + 1}")
    category = ConferenceCategory.FOUR
    start_on = DAY
    end_on = DAY
    days = Decimal("1.0")
    travel_days = Decimal("0")
    attendees = 40
    staff = 3
    venue = "机关会议室"
    venue_city = "丽水"
    total_amount = Decimal("8000.00")
    paid_on = DAY + dt.timedelta(days=10)


class ConferenceCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceCost

    kind = CostKind.MEALS
    amount = Decimal("4000.00")


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    organ = factory.SelfAttribute("unit.organ")
    voucher_no = factory.Sequence(lambda n: f"记-{n + 8001:04d}")
    name = factory.Sequence(lambda n: f"业务培训班{n + 1}")
    category = TrainingCategory.THREE
    start_on = DAY
    end_on = DAY + dt.timedelta(days=2)
    days = Decimal("3.0")
    travel_days = Decimal("0")
    attendees = 50
    staff = 3
    venue = "市委党校"
    venue_city = "丽水"
    total_amount = Decimal("30000.00")
    paid_on = DAY + dt.timedelta(days=14)


class TrainingCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCost

    kind = CostKind.LODGING
    amount = Decimal("15000.00")


class LectureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lecture

    lecturer = "李教授"
    title = LecturerTitle.SENIOR
    on = factory.SelfAttribute("course.start_on")
    hours = Decimal("3.0")
    fee = Decimal("2400.00")


class OfficialCarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialCar

    organ = factory.SelfAttribute("unit.organ")
    voucher_no = factory.Sequence(lambda n: f"记-{n + 9001:04d}")
    plate = factory.Sequence(lambda n: f"浙K·A{n + 1:04d}")
    car_type = CarType.CONFIDENTIAL
    model_name = "某品牌1.5L轿车"
    price = Decimal("110000.00")
    displacement = Decimal("1.5")
    purchased_on = dt.date(2024, 6, 1)
    mileage = 52000


class AbroadTripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AbroadTrip

    organ = factory.SelfAttribute("unit.organ")
    unit = factory.SelfAttribute("leader.unit")
    voucher_no = factory.Sequence(lambda n: f"记-{n + 9501:04d}")
    purpose = "友好交流"
    countries = "德国、法国"
    country_count = 2
    team_size = 5
    depart_on = dt.date(2026, 5, 10)
    return_on = dt.date(2026, 5, 17)
    approved_on = dt.date(2026, 4, 1)
    total_amount = Decimal("180000.00")


class SpecialCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialCheck

    title = "2026年度财务收支、接待经费专项检查"
    period_start = dt.date(2026, 1, 1)
    period_end = dt.date(2026, 6, 30)
    ledgers = factory.LazyFunction(lambda: ["reception", "travel"])
