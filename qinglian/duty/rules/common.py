"""Shared pieces of the duty rules: the deadline verdict, parameters, due dates, and who answers for a unit.

Every due date goes through core.workdays: a date set by a list, a 督办单 or a parameter (month and day) ends a
period, so when it is a rest day it moves to the next working day (民法典第二百零三条; a 调休 working Saturday
does not move); a number of working days counts the organ's calendar (`workdays.after(..., "working_days")`).
"""

from __future__ import annotations

import calendar
import datetime as dt

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Param, Verdict
from qinglian.core import workdays

CATEGORY = "主体责任"
MAIN_BASIS = "《党委（党组）落实全面从严治党主体责任规定》"
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days")


def look_back_years() -> Param:
    return Param("look_back", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="上线初期可设为1，只检查本年度")


def date_due(day: dt.date) -> dt.date:
    """The last day of a period ending on a set date: the date itself, or the next working day when it is a rest
    day (民法典第二百零三条)."""
    return workdays.roll_forward(day)


def annual_due(year: int, month: int, day: int) -> dt.date:
    """A yearly date set by parameters (month, day) in `year`: a day past the month's end is its last day; a rest
    day moves to the next working day (民法典第二百零三条)."""
    day = min(day, calendar.monthrange(year, month)[1])
    return date_due(dt.date(year, month, day))


def moved_note(what: str, day: dt.date, due: dt.date) -> str:
    """Says why a due date is not the date set: "（完成时限2026年10月03日遇休息日顺延）", or nothing."""
    return f"（{what}{day:%Y年%m月%d日}遇休息日顺延）" if due != day else ""


def by_deadline(*, due: dt.date, as_of: dt.date, warn: int, late: str, soon: str) -> Verdict | None:
    """Red once `due` has passed; yellow within `warn` working days of it (the day itself included)."""
    if as_of > due:
        return Verdict(Severity.RED, late, due)
    if workdays.working_days_between(as_of, due) <= warn:
        return Verdict(Severity.YELLOW, soon, due)
    return None


def first_head(heads: dict[int, list[int]], unit_id: int | None) -> int | None:
    """The person who answers for a unit's finding: its (first) head, from org.selectors.unit_heads."""
    return next(iter(heads.get(unit_id, [])), None) if unit_id else None
