"""经费支出汇总 (/frugality/summary/): per unit and month of a year, the spending of the four ledgers beside the same
month of last year, with the totals, a bar chart (ECharts from the app's static files, drawn by core/charts.js from
the option the server writes into the page: no inline script) and the Excel export.

Parse → check → selector → render: `selectors.summary` reads what the person may see (the ledgers' readers, a unit
head their units only).
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from qinglian.core.errors import Forbidden
from qinglian.frugality.exports.summary import summary_xlsx
from qinglian.frugality.forms.summary import SummaryFilterForm
from qinglian.frugality.selectors.summary import MONTHS, REFUSAL, SpendingSummary, may_read_summary, spending_summary

# The ledgers' colours in the chart, and last year's line.
COLOURS = {"reception": "#c0392b", "travel": "#2e86c1", "conference": "#d68910", "training": "#229954"}
LAST_YEAR_COLOUR = "#6c757d"


def _summary(request: HttpRequest) -> tuple[SummaryFilterForm, SpendingSummary]:
    if not may_read_summary(request.user):
        raise Forbidden(REFUSAL)
    form = SummaryFilterForm(request.GET or None, user=request.user)
    return form, spending_summary(request.user, **form.selector_args())


def chart_option(summary: SpendingSummary) -> str:
    """This year's spending per month, a bar per ledger stacked, and last year's total as a line."""
    totals = summary.totals
    series = [
        {
            "name": line.label,
            "type": "bar",
            "stack": "year",
            "itemStyle": {"color": COLOURS.get(line.ledger, "#495057")},
            "data": [float(cell.amount) for cell in line.months],
        }
        for line in totals.lines
    ]
    last = [float(cell.last) for cell in totals.total.months]
    series.append(
        {
            "name": f"{summary.year - 1}年同期合计",
            "type": "line",
            "data": last,
            "itemStyle": {"color": LAST_YEAR_COLOUR},
        }
    )
    option = {
        "animation": False,  # print and screenshots show the finished chart
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "top": 40, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "category", "data": [f"{m}月" for m in MONTHS]},
        "yAxis": {"type": "value", "name": "元"},
        "series": series,
    }
    return json.dumps(option, ensure_ascii=False)


@login_required
def summary_page(request: HttpRequest) -> HttpResponse:
    form, summary = _summary(request)
    totals = summary.totals
    month_rows = [
        (month, [line.months[i] for line in totals.lines], totals.total.months[i]) for i, month in enumerate(MONTHS)
    ]
    context = {"form": form, "summary": summary, "totals": totals, "month_rows": month_rows}
    if summary.has_spending:
        context["chart"] = chart_option(summary)
    return render(request, "frugality/summary_page.html", context)


@login_required
def summary_export(request: HttpRequest) -> HttpResponse:
    _, summary = _summary(request)
    return summary_xlsx(request, summary)


ROUTES: list[URLPattern] = [
    path("summary/", summary_page, name="frugality_summary"),
    path("summary/export/", summary_export, name="frugality_summary_export"),
]
