"""Excel of the standard tables: one table's rows in the import's layout (plus 序号, which the import reads past), so
an exported table re-imports as it is; and the list of tables. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.standards import table_columns
from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.standards.cells import key_cell, value_cell
from qinglian.frugality.standards.specs import SPECS


def period(table: StandardTable) -> str:
    return f"{table.effective_from}至{table.effective_to or '长期'}"


def table_xlsx(request: HttpRequest, table: StandardTable) -> HttpResponse:
    spec = SPECS[table.kind]
    rows = []
    for number, row in enumerate(StandardRow.objects.filter(table=table).order_by("position", "pk"), start=1):
        keys = (row.key_a, row.key_b, row.key_c)
        rows.append(
            (
                number,
                *(key_cell(k, value) for k, value in zip(spec.keys, keys, strict=False)),
                *(value_cell(v, row.values.get(v.name)) for v in spec.values),
            )
        )
    doc = f"{table.doc_no}，" if table.doc_no else ""
    title = f"{table.title}（{table.get_jurisdiction_display()}，{doc}{period(table)}）"
    return export_table(request, title, [Column("序号", 6), *table_columns(spec)], rows)


LIST_COLUMNS = [
    Column("标准类别", 18),
    Column("标准名称", 36),
    Column("制定层级", 8),
    Column("文号", 18),
    Column("生效日期", 12),
    Column("失效日期", 12),
    Column("可信度", 8),
    Column("行数", 6),
    Column("依据", 50),
    Column("说明", 40),
    Column("状态", 8),
]


def list_xlsx(request: HttpRequest, tables: Iterable[StandardTable]) -> HttpResponse:
    """Tables from `selectors.standards.table_list` (with `row_count`)."""
    rows = [
        (
            t.get_kind_display(),
            t.title,
            t.get_jurisdiction_display(),
            t.doc_no,
            t.effective_from,
            t.effective_to,
            "待核实" if t.unconfirmed else t.get_confidence_display(),
            t.row_count,
            t.source,
            t.note,
            "已作废" if t.retired_at else "有效",
        )
        for t in tables
    ]
    return export_table(request, "经费标准表", LIST_COLUMNS, rows)
