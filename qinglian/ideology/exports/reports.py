"""Excel layout of the analysis and reporting schedule. The columns are the import's (importers/reports.py) plus
序号, 应完成日期 and 状态, which the import reads past: the export re-imports as it is. `export_table` writes the
audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.ideology.importers.reports import item_cells, item_columns
from qinglian.ideology.models import ReportItem


def items_xlsx(request: HttpRequest, items: Iterable[ReportItem], year: int) -> HttpResponse:
    """`items` carry `.status_label` (selectors.reports.report_items)."""
    columns = [Column("序号", 6), *item_columns(), Column("应完成日期", 12), Column("状态", 10)]
    rows = [(i, *item_cells(item), item.due_on, item.status_label) for i, item in enumerate(items, start=1)]
    return export_table(request, f"{year}年分析研判和报告计划", columns, rows)
