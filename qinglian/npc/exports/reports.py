"""Excel of the handling-report ledger: each year that owes a report, with its deadline and where it stands (the
rows the page shows, already scoped to the reader's organ); `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.npc.selectors.reports import ReportRow

COLUMNS = [
    Column("年度", 8),
    Column("报告名称", 40),
    Column("常委会会议听取日期", 16),
    Column("常委会会议", 28),
    Column("向社会公开日期", 14),
    Column("公开渠道", 36),
    Column("期限", 12),
    Column("期限依据", 40),
    Column("情况", 12),
]


def reports_xlsx(request: HttpRequest, rows: Iterable[ReportRow]) -> HttpResponse:
    lines = []
    for row in rows:
        r = row.report
        item = r.agenda_item if r is not None and r.agenda_item_id else None
        lines.append(
            (
                row.year,
                str(r) if r is not None else "",
                r.reported_on if r is not None else None,
                f"{item.meeting}：{item.title}" if item is not None else "",
                r.published_on if r is not None else None,
                r.published_where if r is not None else "",
                row.deadline.due if row.deadline else None,
                row.deadline.text if row.deadline else "",
                row.state_label,
            )
        )
    return export_table(request, "代表建议办理情况报告", COLUMNS, lines)
