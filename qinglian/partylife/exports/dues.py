"""The 党费台账 in Excel: one row per member and month, in the import's columns (importers/dues.py) with the
computed figures around them, so the file re-imports as it is. It takes the rows the page already scoped."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, Percent, export_table
from qinglian.partylife.importers.dues import (
    BRANCH,
    CATEGORY,
    DUES,
    ID_TAIL,
    INCOME,
    MONTH,
    NAME,
    NOTE,
    PAID,
    PAID_ON,
    RATE,
    STATUS,
)
from qinglian.partylife.models import DuesRecord

DUES_COLUMNS = [
    Column("序号", 6),
    Column(NAME, 10),
    Column(ID_TAIL, 10),
    Column(BRANCH, 18),
    Column(MONTH, 9),
    Column(CATEGORY, 8),
    Column(INCOME, 12),
    Column(RATE, 8),
    Column(DUES, 10),
    Column(PAID, 10),
    Column(PAID_ON, 12),
    Column(STATUS, 8),
    Column(NOTE, 24),
]


def dues_row(index: int, r: DuesRecord) -> tuple:
    person = r.person
    return (
        index,
        person.name,
        person.id_number[-4:],
        person.branch.name if person.branch_id else "",
        f"{r.month:%Y-%m}",  # text, as the import's template has it: Excel must not make it a date
        r.get_category_display(),
        float(r.base_income),
        Percent(r.rate, text=r.rate_label),
        float(r.dues),
        float(r.paid),
        r.paid_on,
        r.status.label,
        r.note,
    )


def dues_xlsx(request: HttpRequest, records: Iterable[DuesRecord], *, year: int) -> HttpResponse:
    rows = [dues_row(i, r) for i, r in enumerate(records, start=1)]
    return export_table(request, f"{year}年党费台账", DUES_COLUMNS, rows)
