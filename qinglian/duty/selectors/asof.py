"""The duty ledgers as they stood on a day, for the rules (`runchecks --as-of D`); core.asof does the reading.

What core.asof leaves to the duty app: the day a change happened as the row's own date tells it, whether the
history of the day or today's row carries it (`changed_by`). Soft-deleted rows: `core.asof.live_on`.
"""

from __future__ import annotations

import datetime as dt

from qinglian.core import asof


def changed_by(day: dt.date, *dates: dt.date | None) -> dt.date | None:
    """The earliest of `dates` on or before `day`, else None.

    A change with a date of its own (a completion, a reply) counted on `day` if either the row as it stood that
    day or the row today dates it on or before `day`: today's row covers a change typed in later (back-filled),
    the day's version covers one undone or redone later (a task returned, a notice answered again).
    """
    known = asof.known_all(dates, day)
    return known[0] if known else None
