"""党费计算标准: the shipped 2008 brackets at each boundary, and an organ's own later version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.partylife.choices import DuesCategory
from qinglian.partylife.models import DuesBracket, DuesStandard
from qinglian.partylife.selectors.dues import Pricer, bracket_rate, dues_amount, standard_in_force
from qinglian.partylife.services.dues import dues_standard_add, dues_standards_load_shipped

D = Decimal
SERVING, RETIRED = DuesCategory.SERVING, DuesCategory.RETIRED
MARCH = dt.date(2026, 3, 1)

# 《关于中国共产党党费收缴、使用和管理的规定》第二条: income (after tax) → (rate, dues).
SERVING_CASES = [
    ("0", "0.005", "0.00"),
    ("2999.99", "0.005", "15.00"),
    ("3000", "0.005", "15.00"),  # 3000元以下（含3000元）
    ("3000.01", "0.01", "30.00"),
    ("5000", "0.01", "50.00"),  # 3000元以上至5000元（含5000元）
    ("5000.01", "0.015", "75.00"),
    ("10000", "0.015", "150.00"),  # 5000元以上至10000元（含10000元）
    ("10000.01", "0.02", "200.00"),
    ("23456.78", "0.02", "469.14"),  # 469.1356 to the fen
]
RETIRED_CASES = [
    ("5000", "0.005", "25.00"),  # 5000元以下（含5000元）
    ("5000.01", "0.01", "50.00"),
    ("4321.10", "0.005", "21.61"),  # 21.6055: a half fen goes up
]


def test_a_bound_belongs_to_its_own_bracket_and_the_open_bracket_is_last():
    brackets = [(None, D("0.02")), (D("3000"), D("0.005")), (D("5000"), D("0.01"))]  # any order
    assert bracket_rate(brackets, D("3000")) == D("0.005")
    assert bracket_rate(brackets, D("3000.01")) == D("0.01")
    assert bracket_rate(brackets, D("999999")) == D("0.02")
    assert bracket_rate([(D("3000"), D("0.005"))], D("3000.01")) is None


def test_dues_are_rounded_to_the_fen_half_up():
    assert dues_amount(D("4321.10"), D("0.005")) == D("21.61")
    assert dues_amount(D("4321.00"), D("0.005")) == D("21.61")  # 21.605
    assert dues_amount(D("4320.99"), D("0.005")) == D("21.60")


@pytest.mark.parametrize(("income", "rate", "dues"), SERVING_CASES)
def test_the_shipped_standard_prices_serving_members(org, income, rate, dues):
    price = Pricer(org.organ.pk).price(month=MARCH, category=SERVING, income=D(income))
    assert (price.rate, price.dues) == (D(rate), D(dues))
    assert price.standard.jurisdiction == "central"


@pytest.mark.parametrize(("income", "rate", "dues"), RETIRED_CASES)
def test_the_shipped_standard_prices_retired_members(org, income, rate, dues):
    price = Pricer(org.organ.pk).price(month=MARCH, category=RETIRED, income=D(income))
    assert (price.rate, price.dues) == (D(rate), D(dues))


def test_the_shipped_standard_is_loaded_on_migrate_once(db):
    standard = DuesStandard.objects.get(jurisdiction="central")
    assert standard.effective_from == dt.date(2008, 2, 28) and "第二条" in standard.source
    assert standard.brackets.filter(category=SERVING).count() == 4
    assert standard.brackets.filter(category=RETIRED).count() == 2
    assert dues_standards_load_shipped() == 0
    assert DuesStandard.objects.count() == 1


def test_no_standard_before_2008(org):
    assert Pricer(org.organ.pk).price(month=dt.date(2007, 12, 1), category=SERVING, income=D("3000")) is None


BRACKETS = {
    SERVING: [(D("4000"), D("0.005")), (D("8000"), D("0.01")), (None, D("0.02"))],
    RETIRED: [(D("6000"), D("0.005")), (None, D("0.01"))],
}


def test_an_organs_own_version_prices_months_from_its_first_day(org, party_officer):
    standard = dues_standard_add(
        effective_from=dt.date(2026, 4, 1), brackets=BRACKETS, source="本机关党委会议纪要〔2026〕2号", by=party_officer
    )
    pricer = Pricer(org.organ.pk)
    assert pricer.price(month=MARCH, category=SERVING, income=D("4000")).dues == D("40.00")  # the 2008 standard
    april = pricer.price(month=dt.date(2026, 4, 1), category=SERVING, income=D("4000"))
    assert april.standard == standard and april.dues == D("20.00")
    assert standard_in_force(organ_id=org.organ.pk, on=dt.date(2026, 4, 1)) == standard
    assert AuditEvent.objects.filter(action="parameter_changed", target_id=str(standard.pk)).exists()


def test_an_organs_next_version_ends_its_previous_one(org, party_officer):
    first = dues_standard_add(effective_from=dt.date(2025, 1, 1), brackets=BRACKETS, source="甲", by=party_officer)
    dues_standard_add(effective_from=dt.date(2026, 1, 1), brackets=BRACKETS, source="乙", by=party_officer)
    first.refresh_from_db()
    assert first.effective_to == dt.date(2025, 12, 31)
    with pytest.raises(InvalidInput, match="更晚生效"):
        dues_standard_add(effective_from=dt.date(2025, 6, 1), brackets=BRACKETS, source="丙", by=party_officer)


@pytest.mark.parametrize(
    ("brackets", "message"),
    [
        ({SERVING: BRACKETS[SERVING]}, "请填写离退休党员的交纳档次"),
        ({**BRACKETS, SERVING: [(D("4000"), D("0.005")), (D("8000"), D("0.01"))]}, "最高一档应不设上限"),
        ({**BRACKETS, SERVING: [(D("8000"), D("0.005")), (D("4000"), D("0.01")), (None, D("0.02"))]}, "逐档递增"),
        ({**BRACKETS, RETIRED: [(D("6000"), D("0.5")), (None, D("1"))]}, "大于0且小于100%"),
    ],
)
def test_a_bad_version_is_refused_and_nothing_is_written(org, party_officer, brackets, message):
    with pytest.raises(InvalidInput, match=message):
        dues_standard_add(effective_from=dt.date(2026, 4, 1), brackets=brackets, source="测试", by=party_officer)
    assert not DuesStandard.objects.filter(organ=org.organ).exists()
    assert DuesBracket.objects.filter(standard__organ=org.organ).count() == 0


def test_a_version_starts_on_the_first_of_a_month_and_only_the_office_sets_it(org, party_officer, leader):
    with pytest.raises(InvalidInput, match="某月1日"):
        dues_standard_add(effective_from=dt.date(2026, 4, 15), brackets=BRACKETS, source="测试", by=party_officer)
    with pytest.raises(Forbidden):
        dues_standard_add(effective_from=dt.date(2026, 4, 1), brackets=BRACKETS, source="测试", by=leader)
