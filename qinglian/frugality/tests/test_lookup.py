"""Which standard applies: the table in force on the day of the spending, the most specific jurisdiction that has a
row for the keys, an exact key before "*", and None — never "within limits" — when no table has one."""

import datetime as dt

import pytest

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.frugality.choices import StandardKind
from qinglian.frugality.standards.lookup import StandardBook, norm_key
from qinglian.frugality.tests.factories import standard_table

LODGING = StandardKind.LODGING


@pytest.fixture
def tables(org):
    standard_table(
        LODGING,
        [(("甲省", "*", "other"), {"cap": 500}), (("乙省", "*", "other"), {"cap": 340})],
        jurisdiction=Jurisdiction.CENTRAL,
        effective_from=dt.date(2014, 1, 1),
        effective_to=dt.date(2015, 12, 31),
        title="旧中央表",
    )
    standard_table(
        LODGING,
        [(("甲省", "*", "other"), {"cap": 550}), (("乙省", "*", "other"), {"cap": 360})],
        jurisdiction=Jurisdiction.CENTRAL,
        effective_from=dt.date(2016, 1, 1),
        title="新中央表",
    )
    standard_table(
        LODGING,
        [(("乙省", "丙市", "other"), {"cap": 400}), (("乙省", "*", "other"), {"cap": 380})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=dt.date(2016, 1, 1),
        title="本机关表",
        confidence=Confidence.UNCONFIRMED,
    )
    return StandardBook.load(org.organ.pk)


def test_the_table_in_force_on_the_day_of_the_spending(tables):
    assert tables.find(LODGING, dt.date(2015, 6, 1), "甲省", "", "other").amount("cap") == 500
    assert tables.find(LODGING, dt.date(2016, 6, 1), "甲省", "", "other").amount("cap") == 550


def test_the_most_specific_table_with_a_row_answers(tables):
    hangzhou = tables.find(LODGING, dt.date(2020, 1, 1), "乙省", " 丙市 ", "other")
    assert hangzhou.amount("cap") == 400 and hangzhou.table_title == "本机关表"
    assert "待核实" in hangzhou.cited
    # Another city of the province: the organ's "*" row, before the central table's.
    assert tables.find(LODGING, dt.date(2020, 1, 1), "乙省", "丁市", "other").amount("cap") == 380
    # Beijing is not in the organ's table: the central one answers.
    assert tables.find(LODGING, dt.date(2020, 1, 1), "甲省", "庚市", "other").amount("cap") == 550


def test_no_table_no_standard(tables):
    assert tables.find(LODGING, dt.date(2020, 1, 1), "戊省", "己市", "other") is None
    assert tables.find(LODGING, dt.date(2013, 1, 1), "甲省", "", "other") is None
    assert tables.find(StandardKind.CAR_CAP, dt.date(2020, 1, 1), "unknown_type", "fuel") is None


def test_another_organs_table_is_not_read(tables, org):
    from qinglian.org.tests.factories import OrganFactory

    other = OrganFactory(code="other-organ", name="另一机关")
    book = StandardBook.load(other.pk)
    assert book.find(LODGING, dt.date(2020, 1, 1), "乙省", "丙市", "other").amount("cap") == 360


def test_place_names_compare_without_suffixes_and_full_width():
    assert norm_key(" 杭州市 ") == norm_key("杭州") == "杭州"
    assert norm_key("浙江省") == "浙江"
    assert norm_key("ＡＢ") == "AB"
    assert norm_key("市") == "市"
