"""Reads of the finance-system import: the organ's saved column mappings and their earlier versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qinglian.core.history import local_time
from qinglian.frugality.choices import Ledger
from qinglian.frugality.models import ColumnMapping
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.scope import scope_of

HISTORY_ROWS = 10


@dataclass(frozen=True)
class MappingVersion:
    when: dt.datetime
    who: str
    pairs: list[tuple[str, str]]  # (the ledger's column, the finance header), mapped columns only


@dataclass(frozen=True)
class SavedMapping:
    ledger: str
    label: str
    current: MappingVersion
    earlier: list[MappingVersion]


def mapping_for(organ_id: int | None, ledger: str) -> dict[str, str] | None:
    """The organ's saved mapping of `ledger`, None when it has none."""
    return ColumnMapping.objects.filter(organ_id=organ_id, ledger=ledger).values_list("mapping", flat=True).first()


def _pairs(mapping: dict[str, Any]) -> list[tuple[str, str]]:
    return [(ours, str(theirs)) for ours, theirs in mapping.items() if theirs]


def _name(user: Any) -> str:
    return str(user) if user is not None else ""


def saved_mappings(user: Any) -> list[SavedMapping]:
    """The finance officer's organ's mappings, each with its earlier versions (newest first); nobody else's."""
    if not can_keep_ledgers(user):
        return []
    rows = ColumnMapping.objects.filter(organ_id=scope_of(user).organ_id).select_related("updated_by__person")
    ids = [row.pk for row in rows]
    history = ColumnMapping.history.filter(id__in=ids).select_related("history_user__person").order_by("-history_date")
    earlier: dict[int, list[MappingVersion]] = {}
    for record in history:
        versions = earlier.setdefault(record.id, [])
        if len(versions) <= HISTORY_ROWS:
            when = local_time(record.history_date)
            versions.append(MappingVersion(when, _name(record.history_user), _pairs(record.mapping)))
    result = []
    for row in sorted(rows, key=lambda r: Ledger.values.index(r.ledger)):
        current = MappingVersion(local_time(row.updated_at), _name(row.updated_by), _pairs(row.mapping))
        label = Ledger(row.ledger).label
        result.append(SavedMapping(row.ledger, label, current, earlier.get(row.pk, [])[1:]))
    return result
