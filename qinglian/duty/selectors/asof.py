"""The duty ledgers as they stood on a day, for the rules (`runchecks --as-of D`); core.asof does the reading.

Only what core.asof leaves to each app: a soft-deleted row still stood on every day before the end of the day it
was deleted (`alive_on`), and the day a change happened as the row's own date tells it, whether the history of
the day or today's row carries it (`changed_by`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from qinglian.core import asof


def alive_on(day: dt.date, path: str = "") -> Q:
    """Rows (at `path`, e.g. "item__") not deleted by the end of `day`: one deleted later still counted then."""
    return Q(**{f"{path}deleted_at__isnull": True}) | Q(**{f"{path}deleted_at__gt": asof.end_of_day(day)})


def changed_by(day: dt.date, *dates: dt.date | None) -> dt.date | None:
    """The earliest of `dates` on or before `day`, else None.

    A change with a date of its own (a completion, a reply) counted on `day` if either the row as it stood that
    day or the row today dates it on or before `day`: today's row covers a change typed in later (back-filled),
    the day's version covers one undone or redone later (a task returned, a notice answered again).
    """
    known = asof.known_all(dates, day)
    return known[0] if known else None
