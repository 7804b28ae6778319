"""Excel layout of the travel ledger, as finance systems export trips: one row per stay or ticket (a trip with neither
is one row), the trip's columns repeated, rows grouped by 凭证号. The columns are the import's (importers/travel.py)
plus 序号 and 来源, which the import reads past: the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.travel_columns import trip_columns
from qinglian.frugality.models import Trip

BLANK_STAY = ("",) * 6
BLANK_TICKET = ("",) * 6


def _trip_cells(trip: Trip) -> tuple:
    """The trip's columns in the import's order (凭证号 … 备注)."""
    return (
        trip.voucher_no,
        trip.traveller.name,
        trip.traveller.unit.name if trip.traveller.unit_id else "",
        trip.unit.name,
        trip.get_band_display(),
        trip.purpose,
        trip.start_on,
        trip.end_on,
        trip.approved_on,
        trip.approver.name if trip.approver_id else "",
        trip.meal_days,
        trip.meal_amount,
        trip.transport_days,
        trip.transport_amount,
        trip.paid_on,
        trip.total_amount,
        trip.note,
    )


def trip_rows(trip: Trip) -> Iterator[tuple]:
    """One row per stay, then per ticket; a trip with neither is one row. Needs `stay_list` and `ticket_list`
    (selectors.travel.with_lines)."""
    head = _trip_cells(trip)
    for s in trip.stay_list:
        yield (*head, s.province, s.city, s.arrive_on, s.leave_on, s.nights, s.lodging_amount, *BLANK_TICKET)
    for t in trip.ticket_list:
        ticket = (t.on, t.get_mode_display(), t.get_seat_class_display(), t.from_city, t.to_city, t.amount)
        yield (*head, *BLANK_STAY, *ticket)
    if not trip.stay_list and not trip.ticket_list:
        yield (*head, *BLANK_STAY, *BLANK_TICKET)


def trips_xlsx(request: HttpRequest, trips: Iterable[Trip]) -> HttpResponse:
    """Trips with their lines (selectors.travel.with_lines), in the list's order."""
    columns = [Column("序号", 6), *trip_columns(), Column("来源", 10)]
    rows = []
    for trip in trips:
        for cells in trip_rows(trip):
            rows.append((len(rows) + 1, *cells, trip.get_entry_source_display()))
    return export_table(request, "差旅台账", columns, rows)
