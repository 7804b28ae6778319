"""The organ's clock: `now()` and `today()` for services, selectors and rules.

Normally the wall clock. The demo organ replays a year and a half of work in one run: inside `replaying(moment)`
every service stamps what it writes (history, created/updated times, claim and 销号 times) and checks its dates
("不能晚于今天") as it would have on that day. A context variable, not a patched `django.utils.timezone.now`:
nothing outside the replay — another thread, the audit log — sees the replayed time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_replayed: ContextVar[dt.datetime | None] = ContextVar("qinglian_replayed_moment", default=None)


def now() -> dt.datetime:
    return _replayed.get() or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


def replayed() -> dt.datetime | None:
    """The moment being replayed, or None on the wall clock."""
    return _replayed.get()


@contextmanager
def replaying(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Run the block as if it were `moment` (an aware datetime); nests, and restores the outer moment."""
    if timezone.is_naive(moment):
        raise ValueError("replaying() needs an aware datetime")
    token = _replayed.set(moment)
    try:
        yield moment
    finally:
        _replayed.reset(token)
