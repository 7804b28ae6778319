"""What the frugality imports share: how a planned update shows each changed column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from qinglian.core.importing import Change


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
