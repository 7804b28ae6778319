"""The ledgers as they stood on a day: what a check for a past date may see.

A rule run for date D (`runchecks --as-of D`) must give the answer that was true on D. Two things can make
today's tables lie about D, and each has one helper here that every collector uses:

- **A record dated after D** (a reply, a completion, a study record, a meeting, a payment) did not exist on D.
  Judge by the record's own date, not by when it was typed in: ledgers are back-filled (an organ going live
  imports last year's meetings), so entry time says nothing about what happened when. `known(day, as_of)` is
  a record's date when it counts for D, else None; `cap(end, as_of)` is the last day a count may include.
- **A status or a field that changed after D** (a task completed, an assignment returned, a person transferred
  or retired) is read from the record's history: the last version saved on or before the end of D. A row
  entered after D (back-filled) has no such version and is read as entered. `fields_on(...)` does this for any
  model kept by django-simple-history (every ledger model is).

Where a record carries the date of its own change (completed_on, returned_on, a personnel event's date), the
collector uses that date through `known`; history is for state that has no date of its own.
For D on or after today the current tables are the answer and no history is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from qinglian.core import clock


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of `day` on the organ's clock (Asia/Shanghai): everything saved up to it counts."""
    next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(next_midnight) - dt.timedelta(microseconds=1)


def is_past(as_of: dt.date) -> bool:
    """True when a check looks at a day before today, so today's state is not the state of that day."""
    return as_of < clock.today()


def known(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    """A record's own date when it counts for a check on `as_of` (on or before it), else None."""
    return day if day is not None and day <= as_of else None


def known_all(days: Iterable[dt.date | None], as_of: dt.date) -> list[dt.date]:
    """The dates among `days` that count for `as_of`, in order."""
    return sorted(day for day in days if day is not None and day <= as_of)


def cap(end: dt.date, as_of: dt.date) -> dt.date:
    """The last day a count for a period ending `end` may include when checked on `as_of`."""
    return min(end, as_of)


def live_on(as_of: dt.date, path: str = "") -> Q:
    """Rows (at `path`, e.g. "meeting__") not soft-deleted by the end of `as_of`, for a model's `all_objects`: a row
    deleted later — a mistake found afterwards — still stood in the ledger that day."""
    field = f"{path}deleted_at"
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": end_of_day(as_of)})


def stood(deleted_at: dt.datetime | None, as_of: dt.date) -> bool:
    """`live_on` for a row already read (e.g. by `fields_on`): not soft-deleted by the end of `as_of`."""
    return deleted_at is None or deleted_at > end_of_day(as_of)


def fields_on(
    model: type[models.Model],
    as_of: dt.date,
    fields: Iterable[str],
    *,
    ids: Iterable[int] | None = None,
    where: Mapping[str, Any] | None = None,
) -> dict[int, dict[str, Any]]:
    """`{id: {field: value}}` of `model`'s rows as they stood at the end of `as_of`.

    Each row is read from its last history version saved on or before that moment; a row with none (entered
    later, i.e. back-filled) from its first version. A row hard-deleted on or before the day is left out; a
    soft delete is just a field (`deleted_at`) — ask for it and judge it with `known`. `where` narrows the
    history rows (e.g. `{"organ_id": 3}`); `ids` to those rows. Use field attnames (`unit_id`, not `unit`).
    """
    names = ["id", *fields]
    filters: dict[str, Any] = dict(where or {})
    if ids is not None:
        filters["id__in"] = list(ids)
    if not is_past(as_of):
        return {row["id"]: row for row in model._base_manager.filter(**filters).values(*names)}
    cutoff = end_of_day(as_of)
    versions = (
        model.history.filter(**filters)  # type: ignore[attr-defined]
        .order_by("id", "history_date", "history_id")
        .values("history_date", "history_type", *names)
    )
    found: dict[int, dict[str, Any]] = {}
    for version in versions:
        if version["id"] not in found or version["history_date"] <= cutoff:
            found[version["id"]] = version
    return {
        pk: {name: version[name] for name in names}
        for pk, version in found.items()
        if not (version["history_type"] == "-" and version["history_date"] <= cutoff)
    }


def values_on(model: type[models.Model], as_of: dt.date, field: str, **kwargs: Any) -> dict[int, Any]:
    """`{id: value}` of one field as it stood at the end of `as_of` (see `fields_on`)."""
    return {pk: row[field] for pk, row in fields_on(model, as_of, [field], **kwargs).items()}
