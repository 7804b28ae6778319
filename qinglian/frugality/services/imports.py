"""Writes of the finance-system import: the column mapping an organ keeps per ledger (the import's rows are written
by the ledger's own import, importers/imports.py).

A mapping is saved when the finance officer sets it the first time or changes it; the same mapping saved again
writes nothing. Its history (simple_history, with the reason) keeps every earlier version.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.excel import Column
from qinglian.core.writes import save_checked
from qinglian.frugality.choices import Ledger
from qinglian.frugality.importers.imports import REFUSAL, FinanceSheet, check_mapping
from qinglian.frugality.models import ColumnMapping
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.scope import scope_of

CHANGE_REASON = "设置财务导入列对应"
# Setting the mapping is the first step of an import: the audit log keeps it under 导入数据, with the mapping.
AUDIT_ACTION = "import"


@transaction.atomic
def mapping_save(
    *,
    ledger: str,
    mapping: dict[str, str],
    columns: Sequence[Column],
    sheet: FinanceSheet | None = None,
    by: Any,
) -> ColumnMapping:
    """Save the organ's mapping of `ledger`: {the ledger's column: the finance header}, checked against the
    ledger's `columns` and, given the file in hand, against its headers (importers.imports.check_mapping)."""
    if not can_keep_ledgers(by):
        raise Forbidden(REFUSAL)
    if ledger not in Ledger.values:
        raise InvalidInput("请选择要导入的台账")
    clean = check_mapping(mapping, columns, sheet)
    organ_id = scope_of(by).organ_id
    row = ColumnMapping.objects.select_for_update().filter(organ_id=organ_id, ledger=ledger).first()
    if row is not None and row.mapping == clean:
        return row
    row = row or ColumnMapping(organ_id=organ_id, ledger=ledger)
    row.mapping, row.updated_at, row.updated_by = clean, clock.now(), by
    row._change_reason = CHANGE_REASON
    save_checked(row, by=by)
    audit_record(
        action=AUDIT_ACTION,
        user=by,
        target=row,
        target_repr=f"财务导入列对应（{Ledger(ledger).label}）",
        detail={"step": CHANGE_REASON, "ledger": ledger, "mapping": {k: v for k, v in clean.items() if v}},
    )
    return row
