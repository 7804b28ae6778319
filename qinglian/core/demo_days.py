"""What every app's demo shares to put its records on plausible days: the working days of its window, ways to
pick one, the moment a record was entered, and re-dating rows from their history after batched writes.

The day being replayed is `core.clock.replaying(moment)`: services stamp and check dates by it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Iterable

from django.db.models import Model, OuterRef, Subquery
from django.utils import timezone

from qinglian.core import workdays


def moment(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """When the demo says something on `day` was entered: local time, nine in the morning by default."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class WorkingDays:
    """The organ's working days from `first` to `last` (inclusive), and the demo's ways of picking among them."""

    def __init__(self, first: dt.date, last: dt.date, rng: random.Random) -> None:
        self.rng = rng
        self.days: list[dt.date] = []
        day = first
        while day <= last:
            if workdays.is_working_day(day):
                self.days.append(day)
            day += dt.timedelta(days=1)

    def between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        return self.days[lo:hi]

    def pick(self, first: dt.date, last: dt.date) -> dt.date | None:
        """A working day from `first` to `last`, or None when there is none."""
        days = self.between(first, last)
        return self.rng.choice(days) if days else None

    def on_or_after(self, day: dt.date) -> dt.date:
        i = bisect.bisect_left(self.days, day)
        return self.days[min(i, len(self.days) - 1)]

    def add(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it when n < 0; `day` or the next one when n == 0), kept
        inside the window."""
        if n == 0:
            return self.on_or_after(day)
        if n > 0:
            i = bisect.bisect_right(self.days, day) + n - 1
        else:
            i = bisect.bisect_left(self.days, day) + n
        return self.days[max(0, min(i, len(self.days) - 1))]


def redate(models: Iterable[type[Model]], **rows: object) -> None:
    """created_at from each row's first history row and updated_at from its latest — for rows written in
    batches (bulk history) — with two subqueries per model, not one query per row. `rows` filter the rows
    (e.g. organ=…)."""
    for model in models:
        history = model.history.model.objects.filter(id=OuterRef("pk"))
        first = history.order_by("history_date", "history_id").values("history_date")[:1]
        last = history.order_by("-history_date", "-history_id").values("history_date")[:1]
        model.all_objects.filter(**rows).update(created_at=Subquery(first), updated_at=Subquery(last))
