"""Excel layout of the outlet register. The columns are the import's (importers/outlets.py) plus 序号, 备案状态 and
最近发布日期, which the import reads past: the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.ideology.importers.outlets import outlet_cells, outlet_columns
from qinglian.ideology.models import Outlet


def outlets_xlsx(request: HttpRequest, outlets: Iterable[Outlet]) -> HttpResponse:
    columns = [Column("序号", 6), *outlet_columns([]), Column("备案状态", 10), Column("最近发布日期", 12)]
    rows = [
        (i, *outlet_cells(o), o.get_filing_status_display(), getattr(o, "last_published", None))
        for i, o in enumerate(outlets, start=1)
    ]
    return export_table(request, "意识形态阵地台账", columns, rows)
