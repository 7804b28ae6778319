"""The demo organ's official car register: five cars of the office (机关事务科) — 机要通信 and 应急保障, one of them
new-energy — kept by the finance officer (caiwu) through the services on the replayed clock. The four cars already
in service are entered in January (the register going live), their mileage read at the end of June and in
November; the oldest 机要通信 car is auctioned in June and replaced in July.

Planted, and nothing else (the shipped central car caps, 2017-12-05: 机要通信 fuel 120,000 yuan and 1.6 L, other
kinds fuel 180,000 and 1.8 L, new-energy 180,000):
- FRG-040: the replacement 机要通信 car, bought in July for 138,000 yuan (1.5 L) — 18,000 over the 120,000 cap.
The auctioned car was within its caps and, disposed of in June, is no longer checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.frugality.choices import CarType, Energy
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.services.cars import car_dispose, car_save
from qinglian.org.models import Unit, User

CONFIDENTIAL, EMERGENCY = CarType.CONFIDENTIAL, CarType.EMERGENCY


@dataclass(frozen=True)
class Car:
    plate: str
    car_type: str
    energy: str
    model_name: str
    price: str
    litres: str | None
    bought: dt.date | None  # None: bought in the demo year (`month`)
    mileage: int  # at going live (or 0 for the new car)
    per_half_year: int  # kilometres between two readings
    voucher_no: str
    month: int = 0


IN_SERVICE = (
    Car(
        "浙K·G0316",
        CONFIDENTIAL,
        Energy.FUEL,
        "大众朗逸1.6L自动舒适版",
        "108600",
        "1.6",
        dt.date(2018, 3, 19),
        131200,
        9800,
        "记2018-03-027",
    ),
    Car(
        "浙K·G1508",
        CONFIDENTIAL,
        Energy.FUEL,
        "丰田卡罗拉1.5L先锋版",
        "113800",
        "1.5",
        dt.date(2020, 9, 8),
        68400,
        8600,
        "记2020-09-041",
    ),
    Car(
        "浙K·G2271",
        EMERGENCY,
        Energy.FUEL,
        "别克GL8 1.8T陆尊版",
        "176500",
        "1.8",
        dt.date(2021, 11, 23),
        57300,
        7200,
        "记2021-11-063",
    ),
    Car(
        "浙K·GD0901",
        EMERGENCY,
        Energy.NEW_ENERGY,
        "比亚迪唐EV纯电动",
        "172900",
        None,
        dt.date(2024, 5, 14),
        21800,
        6900,
        "记2024-05-018",
    ),
)
AUCTIONED = "浙K·G0316"
# Planted: 138,000 yuan for a 机要通信 car, over the 120,000 cap.
REPLACEMENT = Car(
    "浙K·G0728", CONFIDENTIAL, Energy.FUEL, "本田思域1.5T劲擎版", "138000", "1.5", None, 0, 4100, "", month=7
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "frugality.cars")
    keeper = User.objects.filter(organ=ctx.organ, username="caiwu").first()
    office = Unit.objects.filter(organ=ctx.organ, name="办公室").first()
    if keeper is None or office is None:
        return
    year = ctx.today.year
    days = WorkingDays(dt.date(year, 1, 1), ctx.today, rng)
    live = days.on_or_after(dt.date(year, 1, 5))
    cars = {spec.plate: _register(spec, office, keeper, live, spec.bought) for spec in IN_SERVICE}
    auction = days.pick(dt.date(year, 6, 8), dt.date(year, 6, 19))
    if auction is not None:
        _write(auction, lambda: car_dispose(car=cars[AUCTIONED], disposed_on=auction, by=keeper, reason="公开拍卖"))
    bought = days.pick(dt.date(year, REPLACEMENT.month, 6), dt.date(year, REPLACEMENT.month, 17))
    if bought is not None and days.add(bought, 3) <= ctx.today:
        voucher = f"记{bought:%Y-%m}-{rng.randint(20, 60):03d}"
        cars[REPLACEMENT.plate] = _register(
            REPLACEMENT, office, keeper, days.add(bought, 3), bought, voucher_no=voucher, paid_on=days.add(bought, 3)
        )
    for reading in sorted({days.on_or_after(dt.date(year, 6, 30)), days.add(ctx.today, -rng.randint(3, 8))}):
        _read_mileage(cars, reading, keeper)
    ctx.say(f"公务用车 {OfficialCar.objects.filter(organ=ctx.organ).count()} 辆")


def _register(spec: Car, unit: Unit, keeper: User, on: dt.date, bought: dt.date, **extra) -> OfficialCar:
    car = OfficialCar(
        organ=unit.organ,
        unit=unit,
        plate=spec.plate,
        car_type=spec.car_type,
        energy=spec.energy,
        model_name=spec.model_name,
        price=Decimal(spec.price),
        displacement=Decimal(spec.litres) if spec.litres else None,
        purchased_on=bought,
        voucher_no=extra.get("voucher_no") or spec.voucher_no,
        paid_on=extra.get("paid_on") or bought,
        mileage=spec.mileage,
        mileage_on=on if spec.mileage else None,
    )
    return _write(on, lambda: car_save(car=car, by=keeper))


def _read_mileage(cars: dict[str, OfficialCar], on: dt.date, keeper: User) -> None:
    """The office reads every car in service: half a year's kilometres more (the new car's since purchase)."""
    specs = {s.plate: s for s in (*IN_SERVICE, REPLACEMENT)}
    for plate, car in cars.items():
        if car.disposed_on is not None or car.purchased_on >= on:
            continue
        car.mileage += specs[plate].per_half_year
        car.mileage_on = on
        _write(on, lambda car=car: car_save(car=car, by=keeper, reason="读取行驶里程"))


def _write(on: dt.date, save):
    with clock.replaying(moment(on, 15)):
        return save()
