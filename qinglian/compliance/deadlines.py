"""The verdict every "done by a deadline" rule gives, in one place: the domain apps' rules on replies, reports,
hand-ins and measures say the same three things in the same words.

- done after the due date: red, a recorded fact (it cannot be done in time any more), with the working days late;
- not done and overdue: red, an open to-do (the days overdue are counted when the finding is read);
- not done, due within `warn` working days: yellow.

Judged as on `as_of`: a thing done after that day was not yet done on it (core.asof.known). A due date on a rest day
runs to the next working day (core.workdays.is_overdue).
"""

from __future__ import annotations

import datetime as dt

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import OVERDUE_DAYS, Verdict
from qinglian.core import asof, workdays


def deadline_verdict(
    label: str, what: str, due: dt.date, done_on: dt.date | None, as_of: dt.date, warn: int, *, did: str = ""
) -> Verdict | None:
    """`what` completes "应于{due}前{what}" and "尚未{what}"; `did` (default `what`) completes "{day}才{did}" and
    "至今未{did}" where the act has a shorter name than the duty (开展任前廉政谈话 → 谈话)."""
    did = did or what
    done_on = asof.known(done_on, as_of)
    if done_on is not None:
        if done_on <= due:
            return None
        late = workdays.working_days_between(due, done_on)
        reason = f"{label}：应于{due:%Y-%m-%d}前{what}，{done_on:%Y-%m-%d}才{did}，逾期{late}个工作日"
        return Verdict(Severity.RED, reason, due, recorded=True)
    if workdays.is_overdue(due, as_of):
        return Verdict(Severity.RED, f"{label}：应于{due:%Y-%m-%d}前{what}，至今未{did}，已逾期{OVERDUE_DAYS}", due)
    if workdays.working_days_between(as_of, due) <= warn:
        return Verdict(Severity.YELLOW, f"{label}：尚未{what}，请于{due:%Y-%m-%d}前{did}", due)
    return None
