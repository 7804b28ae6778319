"""What the frugality imports share: who may import (the finance officer), the organ's units by name, how a planned
update shows each changed column, and the reading of date, number and amount cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from qinglian.core.excel import parse_date
from qinglian.core.importing import Change, LedgerImport, RowPlan, SheetRow
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.models import Unit

R = TypeVar("R", bound=RowPlan)
# Full-width digits, letters and punctuation, and the ideographic space, folded to their ASCII forms.
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


class FinanceImport(LedgerImport[R]):
    """A finance ledger's import: only the finance officer imports, and rows name the organ's units."""

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def _units(self) -> dict[str, int]:
        return dict(Unit.objects.filter(organ=self.organ).order_by("order", "pk").values_list("name", "pk"))


def shown(value: Any, labels: Mapping[Any, str]) -> str:
    """A value as the preview shows it: a date as YYYY-MM-DD, a choice by its label, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(labels.get(value, value))


def changes(
    record: Any, values: Mapping[str, Any], compared: Iterable[tuple[str, str]], labels: Mapping[str, Mapping]
) -> list[Change]:
    """The columns whose value the row would change on `record`, old and new as shown."""
    return [
        Change(header, shown(getattr(record, attr), labels.get(attr, {})), shown(values[attr], labels.get(attr, {})))
        for header, attr in compared
        if getattr(record, attr) != values[attr]
    ]


# --- cells: a problem is the row's error under its column, and the value None ---------------------------------


def folded(row: SheetRow, header: str) -> Any:
    """A date or number cell with full-width digits and punctuation folded (text cells keep theirs)."""
    raw = row.raw(header)
    return raw.translate(FULL_WIDTH).strip() if isinstance(raw, str) else raw


def cell_date(row: SheetRow, header: str, *, required: bool = False) -> dt.date | None:
    try:
        day = parse_date(folded(row, header))
    except ValueError as exc:
        row.error(header, str(exc))
        return None
    if day is None and required:
        row.error(header, "必填")
    return day


def cell_number(row: SheetRow, header: str, *, required: bool = False, whole: bool = False) -> Decimal | None:
    raw = folded(row, header)
    if raw is None or str(raw).strip() == "":
        if required:
            row.error(header, "必填")
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        row.error(header, f"“{row.text(header)}”不是数字")
        return None
    if value < 0 or (whole and value != value.to_integral_value()) or value != value.quantize(Decimal("0.1")):
        row.error(header, "应为不小于0的整数" if whole else "应为不小于0的数字，最多一位小数")
        return None
    return value


def cell_amount(row: SheetRow, header: str) -> Decimal | None:
    try:
        return parse_amount(row.raw(header))
    except AmountError as exc:
        row.error(header, str(exc))
        return None
