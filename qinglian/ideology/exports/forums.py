"""Excel layout of the 一会一报 register. The columns are the import's (importers/forums.py) plus 序号 and 状态,
which the import reads past: the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.ideology.importers.forums import register_cells, register_columns
from qinglian.ideology.models import Forum


def forums_xlsx(request: HttpRequest, forums: Iterable[Forum]) -> HttpResponse:
    columns = [Column("序号", 6), *register_columns([]), Column("状态", 12)]
    rows = [(i, *register_cells(f), f.get_status_display()) for i, f in enumerate(forums, start=1)]
    return export_table(request, "一会一报登记台账", columns, rows)
