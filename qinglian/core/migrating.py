"""Helpers for data migrations that must leave nothing deleted (handbook: nothing is silently deleted)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.utils import timezone


def withdraw_duplicates(apps: Any, label: str, model: str, key: Callable[[Any], Hashable | None], reason: str) -> int:
    """Before a uniqueness constraint is built: of the live rows sharing a `key`, keep the earliest and withdraw the
    others — soft-deleted, with a history row giving `reason` — so nothing disappears without a trace. Rows whose
    key is None are not concerned. Returns how many were withdrawn (each is also printed for the operator)."""
    rows, history = apps.get_model(label, model), apps.get_model(label, f"Historical{model}")
    seen: set[Hashable] = set()
    now = timezone.now()
    withdrawn = 0
    for row in rows.objects.filter(deleted_at__isnull=True).order_by("id"):
        found = key(row)
        if found is None:
            continue
        if found not in seen:
            seen.add(found)
            continue
        row.deleted_at = now
        row.save(update_fields=["deleted_at"])
        fields = {f.attname: getattr(row, f.attname) for f in rows._meta.concrete_fields}
        history.objects.create(**fields, history_date=now, history_type="~", history_change_reason=reason)
        print(f"  {rows._meta.verbose_name} #{row.pk}：{reason}")
        withdrawn += 1
    return withdrawn
