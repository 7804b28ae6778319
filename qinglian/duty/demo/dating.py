"""Dates and batches. Services stamp what they write with the replayed day (core.clock); rows written in batches
(bulk history) get created_at/updated_at from their history afterwards (`redate`, core.demo_days).

`record_states` writes a batch of changes (last year's task flow, the year's letter signing) as history rows
and brings the rows to their latest state in one update."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.db.models import Model, OuterRef, QuerySet, Subquery

from qinglian.core import demo_days
from qinglian.duty.demo.state import DutyDemo
from qinglian.duty.models import (
    AccountabilityTalk,
    DutyAssignment,
    DutyItem,
    DutyList,
    OversightNotice,
    ProgressReport,
    ResponsibilityLetter,
    SuperiorReport,
)

RECORDS = (
    DutyList,
    DutyItem,
    DutyAssignment,
    ProgressReport,
    ResponsibilityLetter,
    OversightNotice,
    AccountabilityTalk,
    SuperiorReport,
)


def redate(dd: DutyDemo) -> None:
    demo_days.redate(RECORDS, organ=dd.organ)


def record_states(model: type[Model], states: list, fields: list[str], rows: QuerySet) -> None:
    """Write a batch of changes as the services would have: one history row per change (each snapshot carries
    its `_history_date` and `_history_user`), then every row in `rows` takes `fields` from its latest history
    row — one insert and one update however many rows, where `bulk_update` would build a CASE per value."""
    if not states:
        return
    model.history.bulk_history_create(states, update=True, batch_size=500)
    latest = model.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    rows.filter(pk__in={s.pk for s in states}).update(**{f: Subquery(latest.values(f)[:1]) for f in fields})


def snapshot(obj: Model, when: dt.datetime, by: Any) -> Model:
    """A copy of `obj` as it stands now, to be recorded by `record_states` as a change made `when` by `by`."""
    state = copy.copy(obj)
    state._history_date, state._history_user = when, by
    return state
