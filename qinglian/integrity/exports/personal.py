"""Excel layouts of 个人有关事项报告: the year's overview (who must report × filed, on time, received) and the
reports list. They take rows the views already limited to the circle; `export_table` writes the audit log.

The overview's columns 姓名, 所在委室, 报告年份, 报告日期, 受理日期, 回执编号 are those the receipt import reads
(importers/personal.py), so the export re-imports as it is."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.models import PersonalReport
from qinglian.integrity.selectors.personal import Overview

OVERVIEW_COLUMNS = [
    Column("序号", 6),
    Column("姓名", 10),
    Column("所在委室", 18),
    Column("职级", 12),
    Column("列入原因", 16),
    Column("报告年份", 8),
    Column("报告日期", 12),
    Column("状态", 12),
    Column("受理日期", 12),
    Column("回执编号", 18),
]

REPORT_COLUMNS = [
    Column("序号", 6),
    Column("报告人", 10),
    Column("所在委室", 18),
    Column("报告类型", 14),
    Column("年份", 8),
    Column("变化事项", 18),
    Column("事项发生日期", 12),
    Column("报告日期", 12),
    Column("受理日期", 12),
    Column("受理人", 10),
    Column("回执编号", 18),
]


def overview_xlsx(request: HttpRequest, overview: Overview) -> HttpResponse:
    rows = [
        (
            i,
            r.person.name,
            r.unit_name,
            r.person.rank_label,
            r.person.extra or "按职级",
            overview.year,
            r.report.submitted_on if r.report else None,
            r.status_label,
            r.report.received_on if r.report else None,
            r.report.receipt_no if r.report else "",
        )
        for i, r in enumerate(overview.rows, 1)
    ]
    return export_table(request, f"{overview.year}年度个人有关事项报告情况", OVERVIEW_COLUMNS, rows)


def reports_xlsx(request: HttpRequest, reports: Iterable[PersonalReport]) -> HttpResponse:
    rows = [
        (
            i,
            r.person.name,
            r.person.unit.name,
            r.get_kind_display(),
            r.year,
            r.get_change_kind_display() if r.change_kind else "",
            r.event_date,
            r.submitted_on,
            r.received_on,
            r.received_by.name if r.received_by else "",
            r.receipt_no,
        )
        for i, r in enumerate(reports, 1)
    ]
    return export_table(request, "个人有关事项报告台账", REPORT_COLUMNS, rows)
