"""A finding's words as they read on a given day.

A rule writes what does not change ("应于2026-05-09前答复，至今未答复") and leaves a marker where the text depends on
the day it is read (registry.OVERDUE_DAYS, registry.DAYS_LEFT). The marker becomes a count of working days from or
to the finding's due date — `workdays.working_days_between`, as the record pages count ("已超期N个工作日",
npc.selectors.suggestion_detail) — so the finding and the record page say the same on any day, not what was true
on the day of the run.
"""

from __future__ import annotations

import datetime as dt

from qinglian.compliance.registry import DAYS_LEFT, OVERDUE_DAYS
from qinglian.core import workdays


def _overdue(count: int) -> str:
    # Past a due date that fell on a working Saturday, read on the Sunday: late, but not yet by a working day.
    return f"{count}个工作日" if count >= 1 else "不到1个工作日"


def _left(count: int) -> str:
    return f"{max(count, 0)}个工作日"  # 0 on the due day itself


def render_reason(reason: str, due: dt.date | None, on: dt.date) -> str:
    """`reason` with its day-dependent markers counted on `on` (unchanged when it has none or no due date)."""
    if due is None or "{" not in reason:
        return reason
    if OVERDUE_DAYS in reason:
        reason = reason.replace(OVERDUE_DAYS, _overdue(workdays.working_days_between(due, on)))
    if DAYS_LEFT in reason:
        reason = reason.replace(DAYS_LEFT, _left(workdays.working_days_between(on, due)))
    return reason
