"""意识形态工作年度数据 (/ideology/figures/?year=): the year's figures for the annual report with the paragraph to
paste, printable, the Excel export, and behind each figure the list of the rows it counts (/ideology/figures/<key>/).

Parse → check → selector → render: `selectors.figures` reads what the person may see (visible_to); the organ
readers get the organ's figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput, NotFound
from qinglian.ideology.exports.figures import figures_xlsx
from qinglian.ideology.models import Forum, OpinionEvent, Outlet, Piece, PoliticalOverride, ReportItem
from qinglian.ideology.selectors.figures import (
    CATEGORIES,
    FIRST_YEAR,
    REFUSAL,
    YearFigures,
    may_read_figures,
    year_figures,
)
from qinglian.ideology.selectors.figures_report import figure_rows, summary_text

# The detail page of each ledger's row, by the part's URL name (singular or plural: whichever the part named).
DETAIL_NAMES = {
    Piece: ("ideology_pieces_detail", "ideology_piece_detail"),
    Outlet: ("ideology_outlets_detail", "ideology_outlet_detail"),
    Forum: ("ideology_forums_detail", "ideology_forum_detail"),
    ReportItem: ("ideology_reports_detail", "ideology_report_detail"),
    OpinionEvent: ("ideology_opinion_detail", "ideology_opinion_event_detail"),
}


def parse_year(raw: str | None) -> int:
    """?year= as a year; empty is the current year. A bad value is a Chinese 400, never the current year silently."""
    if raw in (None, ""):
        return clock.today().year
    try:
        return int(str(raw).strip())
    except ValueError:
        raise InvalidInput("年度应为四位数字，如2026") from None


def _figures(request: HttpRequest) -> YearFigures:
    if not may_read_figures(request.user):
        raise Forbidden(REFUSAL)
    return year_figures(request.user, parse_year(request.GET.get("year")))


def detail_link(row: Any) -> str:
    """The row's own page, when its part has one."""
    for name in DETAIL_NAMES.get(type(row), ()):
        try:
            return reverse(name, args=[row.pk])
        except NoReverseMatch:
            continue
    return ""


@login_required
def figures_page(request: HttpRequest) -> HttpResponse:
    figures = _figures(request)
    today = clock.today()
    context = {
        "figures": figures,
        "summary": summary_text(figures),
        "years": list(range(today.year, max(FIRST_YEAR, today.year - 5) - 1, -1)),
    }
    return render(request, "ideology/figures_page.html", context)


@login_required
def figures_export(request: HttpRequest) -> HttpResponse:
    figures = _figures(request)
    return figures_xlsx(request, figures, summary_text(figures))


def _lines_of(row: Any, figures: YearFigures, key: str) -> list[list[Any]]:
    """The lines one record gives a drill-down list: one, or for "errors caught" one per error — the figure counts
    errors, so its list does too."""
    if isinstance(row, Piece) and key.startswith("caught_"):
        category = CATEGORY_OF.get(key)
        found = [i for i in figures.caught.get(row.pk, []) if category is None or i.get("category") == category]
        return [[*_cells(row, figures, key), _issue_text(issue)] for issue in found]
    return [_cells(row, figures, key)]


def _cells(row: Any, figures: YearFigures, key: str) -> list[Any]:
    """The columns of one row of a drill-down list (the headers are HEADERS[model])."""
    if isinstance(row, Piece):
        return [row.outlet.name, row.unit.name, row.drafter.name, row.published_on, row.get_entry_source_display()]
    if isinstance(row, Outlet):
        silent = {s.outlet_id: s for s in figures.silent}.get(row.pk)
        owner = row.owner.name if row.owner else "（未明确）"
        last = silent.last_published if silent else None
        return [row.get_kind_display(), row.unit.name, owner, row.opened_on, last, silent.days if silent else None]
    if isinstance(row, Forum):
        return [row.get_kind_display(), row.unit.name, row.speaker, row.held_on, row.filed_on, row.get_status_display()]
    if isinstance(row, ReportItem):
        responsible = row.responsible.name if row.responsible else ""
        return [row.get_kind_display(), responsible, row.due_on, row.done_on]
    if isinstance(row, OpinionEvent):
        responsible = row.responsible.name if row.responsible else ""
        reported = "是" if row.reported_upward else "否"
        return [row.get_level_display(), row.unit.name, responsible, row.found_at, reported, row.get_status_display()]
    if isinstance(row, PoliticalOverride):
        return [row.version.number, _issue_text(row.issue), row.reason, row.by.name, row.at]
    return []


def _shown(value: Any) -> str:
    """A cell as text: dates as 2026-03-10, times in the organ's zone, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _issue_text(issue: dict) -> str:
    text = f"“{issue.get('text', '')}”"
    if issue.get("suggestion"):
        text += f"→“{issue['suggestion']}”"
    return f"{text}（{issue.get('category', '')}：{issue.get('message') or issue.get('rule', '')}）"


HEADERS = {
    Piece: ["阵地", "撰稿委室", "撰稿人", "发布日期", "来源"],
    Outlet: ["类型", "主管委室", "责任人", "开设日期", "最近发布日期", "未更新天数"],
    Forum: ["类型", "主办委室", "报告人", "举办日期", "报备日期", "状态"],
    ReportItem: ["类型", "责任人", "应完成日期", "完成日期"],
    OpinionEvent: ["等级", "责任委室", "责任人", "发现时间", "向上级报告", "状态"],
    PoliticalOverride: ["稿次", "问题", "放行理由", "终审人", "放行时间"],
}
CATEGORY_OF: dict[str, str | None] = {"caught_total": None, **{f"caught_{k}": c for k, c in CATEGORIES}}


def _title(row: Any) -> str:
    return row.version.piece.quoted if isinstance(row, PoliticalOverride) else str(row)


@login_required
def figures_list(request: HttpRequest, key: str) -> HttpResponse:
    figures = _figures(request)
    try:
        figure = figures.figure(key)
    except KeyError:
        raise NotFound("没有该项数据") from None
    rows = figure_rows(request.user, figures, key)
    model = type(rows[0]) if rows else None
    headers = list(HEADERS.get(model, []))
    if model is Piece and key.startswith("caught_"):
        headers.append("发布前纠正的错误")
    lines = []
    for row in rows:
        target = row.version.piece if isinstance(row, PoliticalOverride) else row
        for cells in _lines_of(row, figures, key):
            line = {
                "pk": row.pk,
                "title": _title(row),
                "link": detail_link(target),
                "cells": [_shown(c) for c in cells],
            }
            lines.append(line)
    group = next(g for g in figures.groups if figure in g.figures)
    context = {"figures": figures, "figure": figure, "group": group, "headers": headers, "lines": lines}
    return render(request, "ideology/figures_list.html", context)


ROUTES: list[URLPattern] = [
    path("figures/", figures_page, name="ideology_figures_page"),
    path("figures/export/", figures_export, name="ideology_figures_export"),
    path("figures/<slug:key>/", figures_list, name="ideology_figures_list"),
]
