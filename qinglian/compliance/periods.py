"""Periods that rules count in: months, quarters, half-years, years, each due on its last working day; and the
shared pieces of "at least N per period" rules (the verdict, the look-back parameter)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Param, Verdict
from qinglian.core import workdays

Kind = Literal["month", "quarter", "half", "year"]
_QUARTER = ("一", "二", "三", "四")


@dataclass(frozen=True)
class Period:
    kind: Kind
    key: str  # "2026-11", "2026-Q4", "2026": part of a finding's identity, never change the format
    label: str  # "2026年11月", "2026年第四季度", "2026年度"
    start: dt.date
    end: dt.date

    @property
    def due(self) -> dt.date:
        """The last working day of the period: what is due "in the period" is due by then."""
        if self.kind == "month":
            return workdays.last_working_day(self.start.year, month=self.start.month)
        if self.kind == "quarter":
            return workdays.last_working_day(self.start.year, quarter=(self.start.month - 1) // 3 + 1)
        if self.kind == "half":
            return workdays.last_working_day(self.start.year, quarter=2 if self.start.month == 1 else 4)
        return workdays.last_working_day(self.start.year)

    def is_over(self, as_of: dt.date) -> bool:
        return as_of > self.end

    def months_elapsed(self, as_of: dt.date) -> int:
        """Whole or started months of the period up to `as_of` (for "monthly" counts inside a quarter)."""
        last = min(as_of, self.end)
        return (last.year - self.start.year) * 12 + last.month - self.start.month + 1


def _month(year: int, month: int) -> Period:
    start = dt.date(year, month, 1)
    end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
    return Period("month", f"{year}-{month:02d}", f"{year}年{month}月", start, end)


def _quarter(year: int, quarter: int) -> Period:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = _month(year, 3 * quarter).end
    return Period("quarter", f"{year}-Q{quarter}", f"{year}年第{_QUARTER[quarter - 1]}季度", start, end)


def _half(year: int, half: int) -> Period:
    start = dt.date(year, 1 if half == 1 else 7, 1)
    end = _month(year, 6 * half).end
    return Period("half", f"{year}-H{half}", f"{year}年{'上' if half == 1 else '下'}半年", start, end)


def _year(year: int) -> Period:
    return Period("year", str(year), f"{year}年度", dt.date(year, 1, 1), dt.date(year, 12, 31))


def containing(kind: Kind, day: dt.date) -> Period:
    if kind == "month":
        return _month(day.year, day.month)
    if kind == "quarter":
        return _quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "half":
        return _half(day.year, 1 if day.month <= 6 else 2)
    return _year(day.year)


def recent(kind: Kind, as_of: dt.date, count: int) -> list[Period]:
    """The period containing `as_of` and the `count - 1` before it, oldest first."""
    periods = [containing(kind, as_of)]
    while len(periods) < max(count, 1):
        periods.insert(0, containing(kind, periods[0].start - dt.timedelta(days=1)))
    return periods


def look_back(label: str, unit: str) -> Param:
    """The parameter "how many recent periods to check" of a frequency rule (1 when an organ goes live)."""
    return Param(
        "look_back", f"检查最近几个{label}", unit=unit, minimum=1, maximum=24, help="上线初期可设为1，只检查当期"
    )


def frequency(*, what: str, held: int, need: int, period: Period, as_of: dt.date, warn: int) -> Verdict | None:
    """The shared verdict of "at least N per period" rules: red once the period ended short — a recorded fact, the
    period cannot be lived again (a meeting held later counts for its own period) — yellow within `warn` working
    days of its due date."""
    if held >= need:
        return None
    if period.is_over(as_of):
        return Verdict(Severity.RED, f"{period.label}{what}应不少于{need}次，实际{held}次", period.due, recorded=True)
    if workdays.working_days_between(as_of, period.due) <= warn:
        return Verdict(
            Severity.YELLOW,
            f"{period.label}{what}已开{held}次，尚差{need - held}次，请在{period.due:%m月%d日}前完成",
            period.due,
        )
    return None
