"""FRG-040 on the car register: price and displacement against the car_cap table in force on the purchase date, a
yellow finding without a standard, the register as it stood on D (bought by D, not disposed of by D, not deleted by
D), the excess the special check totals, and who answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.compliance.choices import Jurisdiction, Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import CarType, Energy, StandardKind
from qinglian.frugality.rules.common import EXCESS
from qinglian.frugality.tests.factories import OfficialCarFactory, standard_table

D = dt.date
RULE = RULES["FRG-040"]
CAPS = [
    (("confidential", "fuel"), {"max_price": 120000, "max_displacement": "1.6"}),
    (("confidential", "new_energy"), {"max_price": 180000}),
    (("emergency", "fuel"), {"max_price": 180000, "max_displacement": "1.8"}),
]


def _subject(**data) -> Subject:
    base = {
        "on": D(2026, 3, 2),
        "amount": Decimal("110000"),
        "price": Decimal("110000"),
        "displacement": Decimal("1.5"),
        "keys": "机要通信用车、燃油",
        "standard": "《公务用车配备标准》（测〔2017〕1号）",
        "max_price": Decimal("120000"),
        "max_displacement": Decimal("1.6"),
    }
    return Subject(type="frugality.officialcar", id="1", label="凭证号记-9001 公务用车浙K·A0001", data=base | data)


def _check(subject: Subject):
    ctx = Context(organ_id=1, as_of=D(2026, 12, 1), params=Params({}))
    return RULE.check(subject, Params({}), ctx)


def test_within_both_caps_is_fine():
    assert _check(_subject()) is None
    assert _check(_subject(price=Decimal("120000"), displacement=Decimal("1.6"))) is None


def test_a_price_over_the_cap_is_red_with_the_figures_and_the_standard():
    verdict = _check(_subject(price=Decimal("138000"), amount=Decimal("138000")))
    assert verdict.severity == Severity.RED and not verdict.recorded and verdict.due is None
    assert "购置价格138,000.00元，超过配备标准120,000.00元，超出18,000.00元" in verdict.reason
    assert verdict.reason.startswith("凭证号记-9001") and "《公务用车配备标准》" in verdict.reason


def test_a_displacement_over_the_cap_is_red_and_a_row_without_one_checks_the_price_only():
    verdict = _check(_subject(displacement=Decimal("2.0")))
    assert verdict.severity == Severity.RED and "排气量2升，超过配备标准1.6升" in verdict.reason
    assert _check(_subject(displacement=Decimal("2.0"), max_displacement=None)) is None


def test_no_standard_is_yellow_never_within_limits():
    verdict = _check(_subject(standard="", max_price=None, max_displacement=None, price=Decimal("900000")))
    assert verdict.severity == Severity.YELLOW
    assert "没有适用的公务用车配备标准（机要通信用车、燃油），请财务核实" in verdict.reason


def test_the_excess_is_the_price_over_the_cap():
    excess = EXCESS["FRG-040"]
    ctx = Context(organ_id=1, as_of=D(2026, 12, 1))
    assert excess(_subject(price=Decimal("138000")), Params({}), ctx) == Decimal("18000")
    assert excess(_subject(), Params({}), ctx) == 0
    assert excess(_subject(max_price=None, standard=""), Params({}), ctx) == 0


def test_frg040_has_no_parameters_as_shipped():
    assert RULE.params == () and RULE.basis.startswith("《党政机关公务用车管理办法》")


# --- through the database ---------------------------------------------------------------------------------------


def _run(organ_id: int, as_of: dt.date):
    ctx = Context(organ_id=organ_id, as_of=as_of, params=Params({}))
    return {s.id: (s, RULE.check(s, Params({}), ctx)) for s in RULE.collect(ctx)}


@pytest.fixture
def caps(org):
    return standard_table(
        StandardKind.CAR_CAP,
        CAPS,
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2017, 12, 5),
        title="公务用车配备标准",
    )


def test_the_cap_in_force_on_the_purchase_date_applies(org, caps, unit_head):
    over = OfficialCarFactory(unit=org.unit_a, price=Decimal("138000"), purchased_on=D(2026, 3, 2))
    emergency = OfficialCarFactory(
        unit=org.unit_b,
        car_type=CarType.EMERGENCY,
        price=Decimal("175000"),
        displacement=Decimal("1.8"),
        purchased_on=D(2025, 6, 1),
    )
    electric = OfficialCarFactory(
        unit=org.unit_a,
        energy=Energy.NEW_ENERGY,
        displacement=None,
        price=Decimal("179000"),
        purchased_on=D(2025, 1, 6),
    )
    found = _run(org.organ.pk, D(2026, 12, 1))
    subject, verdict = found[str(over.pk)]
    assert verdict.severity == Severity.RED and "超出18,000.00元" in verdict.reason
    assert (subject.unit_id, subject.person_id) == (org.unit_a.pk, unit_head.person_id)
    assert subject.data["on"] == D(2026, 3, 2) and subject.data["amount"] == Decimal("138000")
    assert subject.link == f"/frugality/cars/{over.pk}/"
    assert found[str(emergency.pk)][1] is None and found[str(electric.pk)][1] is None
    assert found[str(emergency.pk)][0].person_id is None  # unit B has no head: the finance office answers


def test_a_car_bought_before_any_standard_is_yellow(org, caps):
    old = OfficialCarFactory(unit=org.unit_a, purchased_on=D(2016, 5, 4))
    verdict = _run(org.organ.pk, D(2026, 12, 1))[str(old.pk)][1]
    assert verdict.severity == Severity.YELLOW and "没有适用的公务用车配备标准" in verdict.reason


def test_the_register_as_it_stood_on_d(org, caps, finance_officer):
    from qinglian.core import clock
    from qinglian.frugality.services.cars import car_delete

    later = OfficialCarFactory(unit=org.unit_a, purchased_on=D(2026, 9, 1), price=Decimal("150000"))
    gone = OfficialCarFactory(unit=org.unit_a, purchased_on=D(2024, 3, 1), disposed_on=D(2026, 4, 30))
    deleted = OfficialCarFactory(unit=org.unit_a, purchased_on=D(2024, 3, 1), plate="浙K·D0001")
    with clock.replaying(moment(D(2026, 6, 1))):
        car_delete(car=deleted, by=finance_officer, reason="重复登记")
    on_april = _run(org.organ.pk, D(2026, 4, 29))
    assert str(later.pk) not in on_april  # bought after D: not on the register yet
    assert str(gone.pk) in on_april  # disposed of after D: still on it
    assert str(deleted.pk) in on_april  # withdrawn after D: it stood in the ledger that day
    on_december = _run(org.organ.pk, D(2026, 12, 1))
    assert str(gone.pk) not in on_december and str(deleted.pk) not in on_december
    assert on_december[str(later.pk)][1].severity == Severity.RED


def test_a_later_standard_does_not_judge_an_earlier_purchase(org, caps):
    standard_table(
        StandardKind.CAR_CAP,
        [(("confidential", "fuel"), {"max_price": 100000, "max_displacement": "1.4"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2026, 7, 1),
        title="新标准",
    )
    caps.effective_to = D(2026, 6, 30)
    caps.save()
    before = OfficialCarFactory(unit=org.unit_a, purchased_on=D(2026, 3, 2), price=Decimal("110000"))
    after = OfficialCarFactory(unit=org.unit_a, purchased_on=D(2026, 8, 3), price=Decimal("110000"), plate="浙K·N1")
    found = _run(org.organ.pk, D(2026, 12, 1))
    assert found[str(before.pk)][1] is None
    verdict = found[str(after.pk)][1]
    assert verdict.severity == Severity.RED and "排气量1.5升，超过配备标准1.4升" in verdict.reason
