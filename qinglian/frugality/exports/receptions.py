"""Excel layout of the 公务接待 ledger, as finance systems export it: one row per meal, the reception's columns
repeated on each (a reception without meals is one row). The columns are the import's (importers/receptions.py)
plus 序号 and 来源, which the import reads past: the export re-imports as it is. `export_table` writes the audit
log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.receptions import reception_columns
from qinglian.frugality.models import Reception, ReceptionMeal


def reception_cells(r: Reception) -> tuple:
    """The reception's columns in the import's order."""
    return (
        r.voucher_no,
        r.unit.name,
        r.paid_on,
        r.guest_unit,
        r.guest_lead,
        r.get_guest_level_display(),
        r.guest_count,
        r.purpose,
        r.start_on,
        r.end_on,
        r.venue,
        r.lodging_place,
        r.lodging_amount,
        r.other_amount,
        r.total_amount,
        r.list_signed_on,
        r.approver.name if r.approver_id else "",
        r.letter_unit,
        r.letter_no,
        r.letter_on,
        r.letter_persons,
        r.letter_purpose,
        r.letter_start,
        r.letter_end,
        r.invoice_no,
        r.invoice_on,
        r.invoice_amount,
        r.note,
    )


def meal_cells(m: ReceptionMeal | None) -> tuple:
    if m is None:
        return ("",) * 7
    return (m.on, m.get_kind_display(), m.guests, m.escorts, m.amount, m.venue, m.items)


def reception_rows(receptions: Iterable[Reception]) -> list[tuple]:
    rows = []
    for r in receptions:
        meals = sorted(r.meals.all(), key=lambda m: (m.on, m.pk)) or [None]
        rows.extend((*reception_cells(r), *meal_cells(m), r.get_entry_source_display()) for m in meals)
    return [(i, *row) for i, row in enumerate(rows, start=1)]


def receptions_xlsx(request: HttpRequest, receptions: Iterable[Reception]) -> HttpResponse:
    """Receptions with their meals prefetched (`prefetch_related("meals")`)."""
    columns = [Column("序号", 6), *reception_columns(), Column("来源", 10)]
    return export_table(request, "公务接待", columns, reception_rows(receptions))
