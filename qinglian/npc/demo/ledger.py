"""Rows kept in memory while the year is replayed, then written in a few bulk inserts with their history.

Writing each step through the services costs a dozen queries (validation, constraints, history) — about
2,000 steps would take half a minute, far too long for `make demo` and every test that builds the demo. So the
replay mirrors the services on objects in memory (`desk.py`: the same checks of dates and status moves) and
this ledger remembers, for every step, the row's values, moment and writer — exactly what simple_history would
have stored. `flush()` then inserts the rows (parents first, so foreign keys resolve from the objects) and one
history row per step, with the many-to-many history of co-signers and participants.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.db import models

from qinglian.org.models import User


class Ledger:
    def __init__(self) -> None:
        self.rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.steps: list[tuple[models.Model, dt.datetime, User | None, str, dict[str, Any]]] = []
        self.m2m: list[tuple[models.Model, str, list[models.Model]]] = []  # (row, field name, related rows)
        self.now: dt.datetime | None = None
        self._history: dict[type[models.Model], type[models.Model]] = {}

    def add(self, obj: models.Model, by: User | None) -> models.Model:
        """A new row, entered at the replayed moment by `by`."""
        obj.created_at = obj.updated_at = self.now
        self.rows[type(obj)].append(obj)
        self._step(obj, by, "+")
        return obj

    def change(self, obj: models.Model, by: User | None) -> models.Model:
        obj.updated_at = self.now
        self._step(obj, by, "~")
        return obj

    def relate(self, obj: models.Model, field: str, related: list[models.Model]) -> None:
        self.m2m.append((obj, field, list(related)))

    def _step(self, obj: models.Model, by: User | None, kind: str) -> None:
        values: dict[str, Any] = {}
        for field in obj._meta.concrete_fields:
            if field.is_relation:
                # The related object when it is in memory (its id comes at flush), else the id.
                cached = obj._state.fields_cache.get(field.name)
                values[field.attname] = cached if cached is not None else getattr(obj, field.attname)
            else:
                values[field.attname] = getattr(obj, field.attname)
        self.steps.append((obj, self.now, by, kind, values))

    def flush(self, order: list[type[models.Model]]) -> int:
        """Insert the rows of `order` (parents first), their many-to-many rows and every step's history."""
        for model in order:
            rows = self.rows.pop(model, [])
            # A row pointing at a row of the same model (a re-reply → the reply it replaces) goes second.
            later = [_points_to_unsaved(r) for r in rows]
            for second in (False, True):
                model.objects.bulk_create([r for r, x in zip(rows, later) if x is second], batch_size=500)
        through_rows = self._flush_m2m()
        written = self._flush_history(through_rows)
        self.steps, self.m2m = [], []
        return written

    def _flush_m2m(self) -> dict[tuple[int, int, str], list[models.Model]]:
        by_through: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        made: dict[tuple[int, int, str], list[models.Model]] = {}
        for obj, name, related in self.m2m:
            field = obj._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = [through(**{source: obj, target: r}) for r in related]
            by_through[through].extend(rows)
            made[(id(type(obj)), obj.pk, name)] = rows
        for through, rows in by_through.items():
            through.objects.bulk_create(rows, batch_size=1000)
        return made

    def _flush_history(self, through_rows: dict[tuple[int, int, str], list[models.Model]]) -> int:
        by_history: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        m2m_fields: dict[type[models.Model], list[str]] = {}
        for obj, when, by, kind, values in self.steps:
            history = self._history.get(type(obj))
            if history is None:  # `Model.history` builds a manager on every access: look it up once
                history = self._history[type(obj)] = type(obj).history.model
            row = history(history_date=when, history_user=by, history_change_reason=None, history_type=kind)
            for attname, value in values.items():
                setattr(row, attname, value.pk if isinstance(value, models.Model) else value)
            if attname_missing := [f.attname for f in history.tracked_fields if f.attname not in values]:
                raise ValueError(f"未记录的字段：{attname_missing}")
            row.id = obj.pk
            by_history[history].append((row, obj))
            m2m_fields.setdefault(history, [f.name for f in getattr(history, "_history_m2m_fields", [])])
        written = 0
        for history, pairs in by_history.items():
            history.objects.bulk_create([row for row, _ in pairs], batch_size=500)
            written += len(pairs)
            for name in m2m_fields[history]:
                m2m_history = apps.get_model(history._meta.app_label, f"{history.__name__}_{name}")
                copies = []
                for row, obj in pairs:
                    for through in through_rows.get((id(type(obj)), obj.pk, name), []):
                        copy = m2m_history(history=row, id=through.pk)
                        for field in through._meta.fields:
                            if field.is_relation:
                                setattr(copy, field.attname, getattr(through, field.attname))
                        copies.append(copy)
                m2m_history.objects.bulk_create(copies, batch_size=1000)
        return written


def _points_to_unsaved(row: models.Model) -> bool:
    return any(isinstance(value, type(row)) and value.pk is None for value in row._state.fields_cache.values())
