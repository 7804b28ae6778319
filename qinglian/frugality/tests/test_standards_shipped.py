"""The shipped standard tables: exactly the tables the other parts plan against (common figures in docs), loaded
once however often migrate runs, left alone once the finance officer has corrected or retired them, and each
answering the lookup as the rules will ask it."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.frugality.choices import StandardKind as K
from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.standards.lookup import StandardBook
from qinglian.frugality.standards.shipped import load_shipped_standards
from qinglian.frugality.standards.specs import SPECS

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)

# (kind, jurisdiction, effective_from, effective_to, confidence, doc_no, rows)
SHIPPED = [
    (K.LODGING, "central", "2014-01-01", "2015-12-31", "high", "财行〔2013〕531号", 6),
    (K.LODGING, "central", "2016-01-01", None, "unconfirmed", "", 15),
    (K.LODGING, "province", "2016-01-01", None, "unconfirmed", "", 6),
    (K.MEAL_ALLOWANCE, "central", "2014-01-01", None, "high", "财行〔2013〕531号", 4),
    (K.LOCAL_TRANSPORT, "central", "2014-01-01", None, "high", "财行〔2013〕531号", 1),
    (K.TRANSPORT_CLASS, "central", "2014-01-01", None, "high", "财行〔2013〕531号", 15),
    (K.RECEPTION_MEAL, "city", "2014-01-01", None, "unconfirmed", "", 3),
    (K.CONFERENCE_RATE, "central", "2016-07-01", None, "medium", "财行〔2016〕214号", 4),
    (K.TRAINING_RATE, "central", "2016-12-27", None, "medium", "", 3),
    (K.LECTURER_FEE, "central", "2016-12-27", None, "high", "", 3),
    (K.CAR_CAP, "central", "2017-12-05", None, "medium", "", 10),
    (K.ABROAD_DAYS, "central", "2013-10-01", None, "medium", "", 3),
]


def _shape(table: StandardTable) -> tuple:
    end = table.effective_to.isoformat() if table.effective_to else None
    return (
        table.kind,
        table.jurisdiction,
        table.effective_from.isoformat(),
        end,
        table.confidence,
        table.doc_no,
        table.rows.count(),
    )


def test_migrate_loaded_exactly_the_shipped_tables():
    tables = StandardTable.objects.filter(organ__isnull=True)
    assert sorted(_shape(t) for t in tables) == sorted(SHIPPED)
    assert {t.kind for t in tables} == set(SPECS)


def test_every_shipped_table_cites_its_regulation_and_says_when_it_is_an_example():
    for table in StandardTable.objects.all():
        assert table.source.startswith("《"), table.title
        assert "条" in table.source or "章" in table.source, table.title
        if table.confidence == Confidence.UNCONFIRMED:
            assert "示例" in table.title and "待核实" in table.note, table.title
        assert table.created_by is None and "随版本发布" in table.note


def test_loading_again_creates_nothing():
    before = StandardRow.objects.count()
    assert load_shipped_standards() == 0
    assert StandardRow.objects.count() == before


def test_a_fresh_database_gets_every_table_once():
    StandardTable.objects.all().delete()
    assert load_shipped_standards() == len(SHIPPED)
    assert load_shipped_standards() == 0
    assert StandardTable.objects.count() == len(SHIPPED)


def test_a_corrected_or_retired_table_is_left_alone():
    example = StandardTable.objects.get(kind=K.RECEPTION_MEAL)
    StandardRow.objects.filter(table=example, key_a="other").update(values={"per_head": "90"})
    StandardTable.objects.filter(kind=K.LOCAL_TRANSPORT).update(retired_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert load_shipped_standards() == 0
    assert example.rows.get(key_a="other").values == {"per_head": "90"}
    assert StandardTable.objects.filter(kind=K.LOCAL_TRANSPORT).count() == 1


def test_a_table_the_finance_officer_imported_for_the_same_period_is_not_doubled():
    example = StandardTable.objects.get(kind=K.RECEPTION_MEAL)
    example.delete()
    StandardTable.objects.create(
        kind=K.RECEPTION_MEAL,
        jurisdiction=Jurisdiction.CITY,
        title="丽水市公务接待工作餐标准",
        source="《丽水市公务接待管理办法》第十条",
        effective_from=dt.date(2015, 3, 1),
    )
    assert load_shipped_standards() == 0


@pytest.mark.parametrize(
    ("kind", "on", "keys", "name", "expected"),
    [
        (K.LODGING, TODAY, ("北京市", "北京", "provincial"), "cap", 1100),
        (K.LODGING, TODAY, ("上海", "上海", "department"), "cap", 600),
        (K.LODGING, TODAY, ("江苏", "南京", "other"), "cap", 380),
        (K.LODGING, TODAY, ("广东", "广州市", "department"), "cap", 550),
        (K.LODGING, TODAY, ("四川", "成都", "other"), "cap", 370),
        (K.LODGING, TODAY, ("浙江", "杭州", "department"), "cap", 500),
        (K.LODGING, TODAY, ("浙江省", "丽水市", "other"), "cap", 340),
        (K.LODGING, dt.date(2015, 6, 1), ("浙江", "宁波", "department"), "cap", 450),
        (K.LODGING, dt.date(2015, 6, 1), ("浙江", "杭州", "provincial"), "cap", 800),
        (K.MEAL_ALLOWANCE, TODAY, ("浙江",), "per_day", 100),
        (K.MEAL_ALLOWANCE, TODAY, ("新疆",), "per_day", 120),
        (K.LOCAL_TRANSPORT, TODAY, ("西藏",), "per_day", 80),
        (K.RECEPTION_MEAL, TODAY, ("department",), "per_head", 100),
        (K.CONFERENCE_RATE, TODAY, ("one",), "per_person_day", 760),
        (K.CONFERENCE_RATE, TODAY, ("four",), "max_people", 50),
        (K.CONFERENCE_RATE, TODAY, ("two",), "staff_percent", 15),
        (K.TRAINING_RATE, TODAY, ("three",), "per_person_day", 380),
        (K.LECTURER_FEE, TODAY, ("academician",), "per_hour", 1500),
        (K.CAR_CAP, TODAY, ("confidential", "fuel"), "max_price", 120000),
        (K.CAR_CAP, TODAY, ("law", "fuel"), "max_displacement", 1.8),
        (K.ABROAD_DAYS, TODAY, ("2",), "max_days", 8),
    ],
)
def test_the_shipped_figures_answer_the_rules(org, kind, on, keys, name, expected):
    found = StandardBook.load(org.organ.pk).find(kind, on, *keys)
    assert found is not None and float(found.amount(name)) == expected


def test_what_is_not_shipped_has_no_standard(org):
    book = StandardBook.load(org.organ.pk)
    assert book.find(K.LODGING, TODAY, "西藏", "拉萨", "other") is None
    assert book.find(K.LODGING, TODAY, "新疆", "乌鲁木齐", "other") is None
    assert book.find(K.LODGING, dt.date(2015, 6, 1), "北京", "北京", "other") is None
    assert book.find(K.LECTURER_FEE, TODAY, "other") is None
    assert book.find(K.CONFERENCE_RATE, TODAY, "one").amount("max_people") is None


def test_transport_classes_and_example_citations(org):
    book = StandardBook.load(org.organ.pk)
    assert book.find(K.TRANSPORT_CLASS, TODAY, "department", "high_speed").text("max_class") == "hsr_first"
    assert book.find(K.TRANSPORT_CLASS, TODAY, "other", "ship").text("max_class") == "ship_third"
    assert book.find(K.TRANSPORT_CLASS, TODAY, "provincial", "other").text("max_class") == "other"
    assert "待核实" in book.find(K.RECEPTION_MEAL, TODAY, "other").cited
    meals = book.find(K.MEAL_ALLOWANCE, TODAY, "浙江")
    assert meals.cited == "《中央和国家机关差旅伙食补助费标准》（财行〔2013〕531号）"
