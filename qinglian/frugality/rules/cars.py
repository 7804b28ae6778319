"""FRG-040: an official car is bought within the price and displacement caps (公务用车配备标准) in force on the day
it was bought, for its kind and energy.

The register is checked as it stood on D: every car bought on or before D and not soft-deleted by D, whenever it was
bought (a car bought years ago is still on the register); a car disposed of on or before D has left the register and
is not checked. The cap is the car_cap table in force on the purchase date, never the one in force on D. No table
row for the car's kind and energy is a yellow finding (没有适用的标准), never "within limits". Findings go to the
car's unit and its head; a car of no unit to the finance office that keeps the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import first_heads
from qinglian.compliance.registry import Context, Params, Subject, Verdict, rule
from qinglian.core import asof
from qinglian.frugality.choices import CarType, Energy, StandardKind
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.rules.common import (
    CAR_RULES,
    CATEGORY,
    excess,
    finance_office,
    ledger_rows,
    standard_book,
    voucher_label,
)

ZERO = Decimal(0)


def yuan(value: Decimal) -> str:
    """An amount as a reason writes it: 138,000.00."""
    return f"{value:,.2f}"


def car_label(car: OfficialCar) -> str:
    kind = CarType(car.car_type).label
    return voucher_label(f"公务用车{car.plate}（{kind}，{car.model_name}，{car.purchased_on:%Y-%m-%d}购置）", car)


def car_subject(car: OfficialCar, head_id: int | None, standard) -> Subject:
    """A car with the figures of the standard in force on its purchase date (None: no table row)."""
    return Subject(
        type="frugality.officialcar",
        id=str(car.pk),
        label=car_label(car),
        period=str(car.purchased_on.year),
        link=f"/frugality/cars/{car.pk}/",
        unit_id=car.unit_id,
        person_id=head_id,
        data={
            "on": car.purchased_on,
            "amount": car.price,
            "price": car.price,
            "displacement": car.displacement,
            "keys": f"{CarType(car.car_type).label}、{Energy(car.energy).label}",
            "standard": standard.cited if standard else "",
            "max_price": standard.amount("max_price") if standard else None,
            "max_displacement": standard.amount("max_displacement") if standard else None,
        },
    )


def collect_cars(ctx: Context) -> Iterator[Subject]:
    # The whole register, not a look-back window: a car bought long ago is on the register until disposed of.
    cars = [
        c
        for c in ledger_rows(ctx, OfficialCar, date_field="purchased_on", since=dt.date.min)
        if asof.known(c.disposed_on, ctx.as_of) is None
    ]
    heads = first_heads(ctx.organ_id, {c.unit_id for c in cars})
    book = standard_book(ctx)
    for car in cars:
        standard = book.find(StandardKind.CAR_CAP, car.purchased_on, car.car_type, car.energy)
        yield car_subject(car, heads.get(car.unit_id), standard)


@rule(
    code="FRG-040",
    title="公务用车按配备标准购置（价格、排气量）",
    basis=(
        f"{CAR_RULES}第二章（编制和标准）：公务用车按照规定的配备标准（价格、排气量）配备（条号未核实）；"
        "标准见经费标准表“公务用车配备标准”，按购置日期适用"
    ),
    category=CATEGORY,
    subjects="公务用车（在册车辆，含检查日前购置、尚未处置的车辆）",
    severity_policy="购置价格或排气量超过购置日适用的配备标准为红色；没有适用的配备标准为黄色（请财务核实）",
    params=[],
    collect=collect_cars,
    short="公务用车超标准配备",
    keeper=finance_office,
)
def car_within_caps(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if not d["standard"]:
        return Verdict(Severity.YELLOW, f"{subject.label}：没有适用的公务用车配备标准（{d['keys']}），请财务核实")
    problems = []
    cap = d["max_price"]
    if cap is not None and d["price"] > cap:
        over = d["price"] - cap
        problems.append(f"购置价格{yuan(d['price'])}元，超过配备标准{yuan(cap)}元，超出{yuan(over)}元")
    litres, max_litres = d["displacement"], d["max_displacement"]
    if litres is not None and max_litres is not None and litres > max_litres:
        problems.append(f"排气量{litres.normalize():f}升，超过配备标准{max_litres.normalize():f}升")
    if not problems:
        return None
    return Verdict(Severity.RED, f"{subject.label}：{'；'.join(problems)}（{d['standard']}）")


@excess("FRG-040")
def car_price_excess(subject: Subject, params: Params, ctx: Context) -> Decimal:
    """How much the price is over the cap (the displacement has no amount): 0 within it or without a standard."""
    cap = subject.data["max_price"]
    return max(subject.data["price"] - cap, ZERO) if cap is not None else ZERO
