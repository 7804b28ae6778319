"""Excel layout of the gifts register. The columns are the import's (importers/gifts.py) plus 序号, 上交期限 and
状态, which the import reads past: the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.importers.gifts import gift_columns
from qinglian.integrity.models import Gift

EXPORT_ONLY = ("序号", "上交期限", "状态")


def gift_cells(gift: Gift) -> tuple:
    """One gift in the import's column order."""
    return (
        gift.person.name,
        gift.person.unit.name if gift.person.unit_id else "",
        gift.received_on,
        gift.back_on,
        gift.giver,
        gift.occasion,
        gift.description,
        gift.value,
        gift.registered_on,
        gift.handed_in_on,
        gift.get_handling_display() if gift.handling else "",
        gift.handling_note,
    )


def gifts_xlsx(request: HttpRequest, gifts: Iterable[Gift]) -> HttpResponse:
    """Gifts with their `.state` (selectors.gifts.with_states)."""
    columns = [Column("序号", 6), *gift_columns(), Column("上交期限", 12), Column("状态", 12)]
    rows = [(i, *gift_cells(g), g.state.due, g.state.label) for i, g in enumerate(gifts, start=1)]
    return export_table(request, "礼品登记", columns, rows)
