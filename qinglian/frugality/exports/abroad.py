"""Excel layout of the trips abroad ledger. The columns are the import's (importers/abroad.py) plus 序号, 在外天数,
报告期限 and 状态, which the import reads past: the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.abroad import abroad_columns, trip_cells
from qinglian.frugality.models import AbroadTrip


def trips_xlsx(request: HttpRequest, trips: Iterable[AbroadTrip]) -> HttpResponse:
    """Trips with their `.state` (selectors.abroad.with_states)."""
    columns = [
        Column("序号", 6),
        *abroad_columns([]),
        Column("在外天数", 8),
        Column("报告期限", 12),
        Column("状态", 12),
    ]
    rows = [(i, *trip_cells(t), t.days, t.state.due, t.state.label) for i, t in enumerate(trips, start=1)]
    return export_table(request, "因公出国（境）台账", columns, rows)
