"""经费支出汇总: per unit and month of a year, the four ledgers' spending beside last year's — what it adds up, who
reads which units, how few queries it takes, the page with its chart, the Excel export and the API."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.frugality.selectors.summary import Cell, spending_summary
from qinglian.frugality.tests.factories import (
    ConferenceFactory,
    ReceptionFactory,
    TrainingCourseFactory,
    TripFactory,
)

YEAR = 2026
URL = "/frugality/summary/"


def _day(year: int, month: int, day: int = 10) -> dt.date:
    return dt.date(year, month, day)


@pytest.fixture
def spending(org, unit_head, cadre_other_unit):
    """Unit A (办公室): receptions in March of both years, a course in May; unit B (研究室): a trip in March 2026 (its
    traveller the unit head of A, on B's budget), a meeting in 2025. Outside: a deleted reception, one of 2024."""
    a, b = org.unit_a, org.unit_b
    for year, amount in ((YEAR, "1200.00"), (YEAR, "300.00"), (YEAR - 1, "1000.00")):
        ReceptionFactory(unit=a, start_on=_day(year, 3), end_on=_day(year, 3), total_amount=Decimal(amount))
    ReceptionFactory(unit=a, start_on=_day(YEAR - 2, 3), end_on=_day(YEAR - 2, 3), total_amount=Decimal("9999"))
    deleted = ReceptionFactory(unit=a, start_on=_day(YEAR, 3), end_on=_day(YEAR, 3), total_amount=Decimal("5555"))
    deleted.deleted_at = clock.now()
    deleted.save()
    TrainingCourseFactory(unit=a, start_on=_day(YEAR, 5), end_on=_day(YEAR, 5, 12), total_amount=Decimal("30000"))
    TripFactory(
        traveller=unit_head.person,
        unit=b,
        start_on=_day(YEAR, 3, 28),
        end_on=_day(YEAR, 4, 2),
        total_amount=Decimal("2540.50"),
    )
    ConferenceFactory(unit=b, start_on=_day(YEAR - 1, 11), end_on=_day(YEAR - 1, 11), total_amount=Decimal("8000"))


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _unit(summary, name: str):
    return next(u for u in summary.units if u.name == name)


# --- what it adds up ------------------------------------------------------------------------------------------


def test_it_adds_each_ledger_by_unit_and_month_beside_last_year(spending, org, finance_officer):
    summary = spending_summary(finance_officer, year=YEAR)
    assert [u.name for u in summary.units] == ["办公室", "研究室"]
    office = _unit(summary, "办公室")
    assert office.line("reception").months[2] == Cell(Decimal("1500.00"), Decimal("1000.00"))
    assert office.line("training").months[4] == Cell(Decimal("30000.00"), Decimal("0"))
    research = _unit(summary, "研究室")
    assert research.line("travel").months[2].amount == Decimal("2540.50")  # counted in the month it set off
    assert research.line("conference").months[10] == Cell(Decimal("0"), Decimal("8000.00"))
    assert office.total.total == Cell(Decimal("31500.00"), Decimal("1000.00"))
    assert summary.totals.total.total == Cell(Decimal("34040.50"), Decimal("9000.00"))


def test_a_change_and_its_rate_and_no_rate_of_nothing():
    cell = Cell(Decimal("1500.00"), Decimal("1000.00"))
    assert cell.change == Decimal("500.00") and str(cell.rate) == "50.0%"
    assert str(Cell(Decimal("10"), Decimal("0")).rate) == "—"


def test_one_unit_or_one_ledger(spending, org, finance_officer):
    only_b = spending_summary(finance_officer, year=YEAR, unit_id=org.unit_b.pk)
    assert [u.name for u in only_b.units] == ["研究室"]
    receptions = spending_summary(finance_officer, year=YEAR, ledger="reception")
    assert receptions.ledgers == [("reception", "公务接待")]
    assert [u.name for u in receptions.units] == ["办公室"]


def test_a_unit_head_reads_their_units_only_not_their_own_trip_elsewhere(spending, org, unit_head):
    summary = spending_summary(unit_head, year=YEAR)
    assert [u.name for u in summary.units] == ["办公室"]
    assert summary.totals.line("travel").total.amount == 0
    assert spending_summary(unit_head, year=YEAR, unit_id=org.unit_b.pk).units == []


def test_a_unit_heads_unit_shows_even_without_spending(org, unit_head):
    summary = spending_summary(unit_head, year=YEAR)
    assert [u.name for u in summary.units] == ["办公室"] and not summary.has_spending


def test_it_reads_each_ledger_once_whatever_the_rows(spending, org, finance_officer):
    def queries() -> int:
        finance_officer.__dict__.pop("_qinglian_scope", None)
        with CaptureQueriesContext(connection) as captured:
            spending_summary(finance_officer, year=YEAR)
        return len(captured)

    before = queries()
    for month in range(1, 13):
        ReceptionFactory(unit=org.unit_b, start_on=_day(YEAR, month), end_on=_day(YEAR, month))
    assert queries() == before <= 7  # the scope, four ledgers, the unit names


# --- the page, the export, the API ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["finance_officer", "party_officer", "leader", "supervisor", "unit_head"])
def test_the_ledgers_readers_open_the_page(persona, request, spending):
    response = as_user(request.getfixturevalue(persona)).get(URL, {"year": YEAR})
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["cadre_same_unit", "cadre_other_unit", "sysadmin"])
def test_nobody_else_does(persona, request, spending):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}export/").status_code == 403
    assert client.get("/api/frugality/summary").status_code == 403


def test_the_page_shows_the_figures_and_the_chart_without_inline_script(spending, finance_officer):
    page = as_user(finance_officer).get(URL, {"year": YEAR}).content.decode()
    assert "2026年经费支出汇总" in page and "1500.00" in page and "50.0%" in page
    chart = re.search(r"data-chart='([^']*)'", page)
    assert chart and "2025年同期合计" in chart[1] and "公务接待" in chart[1]
    assert "vendor/echarts/echarts.min.js" in page and "core/charts.js" in page
    assert "<script>" not in page  # CSP: the option is data, drawn by core/charts.js


def test_a_year_without_spending_says_so_and_draws_no_chart(org, unit_head):
    page = as_user(unit_head).get(URL, {"year": 2010}).content.decode()
    assert "data-chart" not in page and "echarts.min.js" not in page


def test_a_wrong_filter_falls_back_to_this_year(spending, finance_officer):
    response = as_user(finance_officer).get(URL, {"year": "二〇二六", "ledger": "cars"})
    assert response.status_code == 200 and response.context["summary"].year == clock.today().year


def test_the_export_has_the_totals_and_the_months_and_is_audited(spending, finance_officer):
    response = as_user(finance_officer).get(f"{URL}export/", {"year": YEAR})
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["各委室汇总", "按月明细"]
    totals = [[c.value for c in row] for row in wb["各委室汇总"].iter_rows(min_row=3)]
    assert ["办公室", "公务接待", 1500, 1000, 500, 0.5] in totals
    monthly = [[c.value for c in row] for row in wb["按月明细"].iter_rows(min_row=3)]
    assert ["研究室", "3月", "差旅", 2540.5, 0, 2540.5, "—"] in monthly
    assert len(monthly) == 3 * 12 * 5  # two units and their sum, twelve months, four ledgers and 合计
    assert AuditEvent.objects.filter(action="export", target_repr="2026年八项规定经费支出汇总").exists()


def test_the_api_answers_as_the_page_reads(spending, org, finance_officer, unit_head):
    body = as_user(finance_officer).get("/api/frugality/summary", {"year": YEAR}).json()
    assert body["ledgers"] == ["reception", "travel", "conference", "training"]
    office = next(u for u in body["units"] if u["name"] == "办公室")
    march = office["lines"][0]["months"][2]
    assert (Decimal(march["amount"]), Decimal(march["last"]), Decimal(march["rate"])) == (
        Decimal("1500"),
        Decimal("1000"),
        Decimal("0.5"),
    )
    assert office["lines"][3]["months"][4]["rate"] is None  # nothing last May: no rate
    head = as_user(unit_head)
    assert [u["name"] for u in head.get("/api/frugality/summary", {"year": YEAR}).json()["units"]] == ["办公室"]
    refused = head.get("/api/frugality/summary", {"unit_id": org.unit_b.pk})
    assert refused.status_code == 400 and refused.json()["message"] == "委室不存在或无权查看"
    bad = as_user(finance_officer).get("/api/frugality/summary", {"ledger": "cars"})
    assert bad.status_code == 400 and "台账应为" in bad.json()["message"]


def test_the_menu_offers_the_summary_to_its_readers(finance_officer, unit_head, cadre_same_unit):
    from qinglian.core.registry import nav_for

    def labels(user) -> set[str]:
        return {item.label for _, items in nav_for(user) for item in items}

    assert "经费支出汇总" in labels(finance_officer) and "经费支出汇总" in labels(unit_head)
    assert "经费支出汇总" not in labels(cadre_same_unit)
