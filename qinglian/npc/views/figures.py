"""The year's figures (年度履职数据) with a drill-down for each, and the publishable summary of suggestion
handling (代表建议办理情况汇总表), each printable and exportable (Excel; the summary also as Word).

Figures are computed for the reader's organ (selectors/summary.py, selectors/figures.py); every drill-down lists its
rows through `figure_queryset(user, figure)`, i.e. `visible_to`. Only the business roles of the organ read these
pages: the administrators get a 403 page, as they see no ledger.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.http import year_param
from qinglian.npc.exports import figures as exports
from qinglian.npc.exports import summary as exports_summary
from qinglian.npc.permissions import reading_organ_id
from qinglian.npc.selectors.figures import Figure, figure_queryset
from qinglian.npc.selectors.summary import (
    DEFINITIONS,
    GROUPS,
    compared_figures,
    figure_by_key,
    known_years,
    unit_summary,
)


def _organ_id(user: Any) -> int:
    organ_id = reading_organ_id(user)
    if organ_id is None:
        raise Forbidden("年度履职数据仅供本机关业务人员查看")
    return organ_id


def _base(request: HttpRequest) -> tuple[int, int, dict[str, Any]]:
    organ_id, year = _organ_id(request.user), year_param(request)
    return organ_id, year, {"year": year, "years": known_years(organ_id, around=year), "as_of": clock.today()}


@login_required
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    organ_id, year, context = _base(request)
    by_key = {c.figure.key: c for c in compared_figures(organ_id=organ_id, year=year, as_of=context["as_of"])}
    context["groups"] = [(heading, [by_key[k] for k in keys if k in by_key]) for heading, keys in GROUPS]
    return render(request, "npc/figures.html", context)


@login_required
@require_GET
def figures_export(request: HttpRequest) -> HttpResponse:
    """The figures with their definitions, and one sheet per figure listing what it counts (audited)."""
    organ_id, year, context = _base(request)
    as_of = context["as_of"]
    compared = compared_figures(organ_id=organ_id, year=year, as_of=as_of)
    drills = [(c.figure, _drill(request, organ_id, c.figure, as_of)) for c in compared]
    return exports.figures_xlsx(request, year, compared, drills)


def _figure(organ_id: int, year: int, key: str, as_of) -> Figure:
    figure = figure_by_key(organ_id=organ_id, year=year, key=key, as_of=as_of)
    if figure is None:
        raise NotFound("没有这项履职数据")
    return figure


def _drill(request: HttpRequest, organ_id: int, figure: Figure, as_of) -> exports.DrillTable:
    return exports.drill_table(figure, figure_queryset(request.user, figure), organ_id=organ_id, as_of=as_of)


@login_required
@require_GET
def figure_detail(request: HttpRequest, key: str) -> HttpResponse:
    """The records behind one figure: exactly what it counts (for a rate, its numerator)."""
    organ_id, year, context = _base(request)
    figure = _figure(organ_id, year, key, context["as_of"])
    table = _drill(request, organ_id, figure, context["as_of"])
    context |= {
        "figure": figure,
        "definition": DEFINITIONS.get(key, ""),
        "table": table,
        "lines": list(zip(table.rows, table.links, strict=True)),
        "wide": [i for i, col in enumerate(table.columns) if col.width >= 30],  # may wrap; the rest stay on one line
        "denominator": _denominator_key(figure),
    }
    return render(request, "npc/figures_detail.html", context)


def _denominator_key(figure: Figure) -> str | None:
    """The figure listing a rate's denominator, when the page has one."""
    return {"on_time_rate": "suggestions_replied", "solved_rate": "suggestions_replied"}.get(figure.key)


@login_required
@require_GET
def figure_export(request: HttpRequest, key: str) -> HttpResponse:
    organ_id, year, context = _base(request)
    figure = _figure(organ_id, year, key, context["as_of"])
    return exports.figure_xlsx(request, year, figure, _drill(request, organ_id, figure, context["as_of"]))


# --- the publishable summary ----------------------------------------------------------------------------


@login_required
@require_GET
def summary_page(request: HttpRequest) -> HttpResponse:
    organ_id, year, context = _base(request)
    table = unit_summary(organ_id=organ_id, year=year, as_of=context["as_of"])
    context |= {
        "table": table,
        "title": exports_summary.summary_title(year),
        "headers": [c.header for c in exports_summary.SUMMARY_COLUMNS],
        "units": [(u, exports_summary.summary_cells(u)) for u in table.units],
        "total": exports_summary.summary_cells(table.total),
        "note": exports_summary.SUMMARY_NOTE,
    }
    return render(request, "npc/summary.html", context)


@login_required
@require_GET
def summary_export(request: HttpRequest) -> HttpResponse:
    organ_id, year, context = _base(request)
    return exports_summary.summary_xlsx(request, unit_summary(organ_id=organ_id, year=year, as_of=context["as_of"]))


@login_required
@require_GET
def summary_docx(request: HttpRequest) -> HttpResponse:
    organ_id, year, context = _base(request)
    table = unit_summary(organ_id=organ_id, year=year, as_of=context["as_of"])
    return exports_summary.summary_docx(request, table, context["as_of"])
