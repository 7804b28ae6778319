"""What the frugality imports share: who may import (the finance officer), the organ's units by name, and how a
planned update shows each changed column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from qinglian.core.importing import Change, LedgerImport, RowPlan
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.models import Unit

R = TypeVar("R", bound=RowPlan)


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
