"""Working days of the organ: statutory holidays and 调休 from CalendarDay, otherwise the plain week.

Every rule deadline counts with these functions (docs/calendar.md). The contract:

- A day's status is its CalendarDay entry if it has one (`holiday` → rest, `workday` → work), otherwise
  Monday–Friday work and Saturday–Sunday rest. A year whose schedule has not been entered therefore
  degrades to weekends only; nothing here raises for a date of any year — callers show
  `coverage_warning()` instead. (The only exception is arithmetic past 9999-12-31, where Python has
  no date to return: OverflowError.)
- Periods follow 民法典 Art.201 and 行政许可法 Art.82: the start day does not count, and only working days
  are counted. `add_working_days(d, 3)` is the third working day after `d`.

The arithmetic lives in `WorkCalendar`, which knows nothing of the database: rule tests can build one
from plain data (`WorkCalendar.from_schedules`). The module-level functions use `current()`, a
per-process calendar loaded lazily from the database, one year at a time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from qinglian.core.choices import DayKind

_ONE_DAY = dt.timedelta(days=1)
_QUARTER_END_MONTH = {1: 3, 2: 6, 3: 9, 4: 12}
DEFAULT_RECHECK_SECONDS = 10.0


@dataclass(frozen=True)
class YearSchedule:
    """What the calendar knows of one year: whether its notice is entered, and its explicit days."""

    published: bool = False
    days: Mapping[dt.date, str] = field(default_factory=dict)  # date → DayKind value


def _as_date(value: dt.date) -> dt.date:
    """Accept a datetime too: an aware one counts on its local (Asia/Shanghai) calendar day."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _month_end(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - _ONE_DAY


def _period_end(year: int, month: int | None, quarter: int | None) -> dt.date:
    if month is not None and quarter is not None:
        raise ValueError("month 与 quarter 只能给一个")
    if month is not None:
        if not 1 <= month <= 12:
            raise ValueError(f"月份应为1至12：{month}")
        return _month_end(year, month)
    if quarter is not None:
        if quarter not in _QUARTER_END_MONTH:
            raise ValueError(f"季度应为1至4：{quarter}")
        return _month_end(year, _QUARTER_END_MONTH[quarter])
    return dt.date(year, 12, 31)


def missing_schedule_message(years: list[int]) -> str:
    text = "、".join(str(y) for y in years)
    return f"{text}年的节假日安排尚未录入，暂按周末计算工作日，请系统管理员录入国务院办公厅公布的安排"


class WorkCalendar:
    """Day arithmetic over explicit entries. `loader(year)` is asked once per year and remembered."""

    def __init__(self, loader: Callable[[int], YearSchedule]) -> None:
        self._loader = loader
        self._years: dict[int, YearSchedule] = {}

    @classmethod
    def from_schedules(cls, schedules: Mapping[int, YearSchedule]) -> WorkCalendar:
        """A calendar of plain data; years not given are unpublished and follow the week."""
        return cls(lambda year: schedules.get(year, YearSchedule()))

    def schedule(self, year: int) -> YearSchedule:
        found = self._years.get(year)
        if found is None:
            # Two threads may load the same year at once; both get the same answer, so no lock is needed.
            found = self._years[year] = self._loader(year)
        return found

    def explicit(self, d: dt.date) -> str | None:
        """The DayKind of an entered day, or None when the day follows the week."""
        d = _as_date(d)
        return self.schedule(d.year).days.get(d)

    def is_working_day(self, d: dt.date) -> bool:
        d = _as_date(d)
        kind = self.schedule(d.year).days.get(d)
        if kind is not None:
            return kind == DayKind.WORKDAY
        return d.weekday() < 5

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day after `d` (n > 0) or before it (n < 0); `d` itself never counts.

        n == 0 returns `d` unchanged, working day or not. Counting back is how "会前N个工作日" is found:
        `add_working_days(meeting, -5)` is the last day a notice may go out.
        """
        d = _as_date(d)
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: start exclusive, end inclusive; negative when end < start.

        So `add_working_days(start, working_days_between(start, end)) == end` whenever `end` is a
        working day.
        """
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start
        while d < end:
            d += _ONE_DAY
            count += self.is_working_day(d)
        return count

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after `d`."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: dt.date) -> dt.date:
        """The last working day strictly before `d`."""
        return self.add_working_days(d, -1)

    def roll_forward(self, d: dt.date) -> dt.date:
        """民法典 Art.203: a period whose last day is a rest day ends on the next working day."""
        d = _as_date(d)
        return d if self.is_working_day(d) else self.next_working_day(d)

    def add_months(self, d: dt.date, months: int) -> dt.date:
        """The last day of a period of `months` months starting on `d` (民法典 Art.201–203).

        The period ends on the day of the same number `months` months later (Art.202: 到期月的对应日); a
        month without that day ends it on its last day (11-30 + 3 months → 02-28, or 02-29 in a leap
        year); a last day that is not a working day moves to the next working day (Art.203).
        """
        d = _as_date(d)
        index = d.year * 12 + d.month - 1 + months
        year, month = divmod(index, 12)
        month += 1
        day = min(d.day, _month_end(year, month).day)
        return self.roll_forward(dt.date(year, month, day))

    def add_days(self, d: dt.date, days: int) -> dt.date:
        """The last day of a period of `days` calendar days after `d` (民法典 Art.201, 203): the day of the
        event does not count, so the period ends on `d + days`; a last day that is not a working day moves to
        the next working day (a 调休 working Saturday does not move). "会后15日内" is `add_days(meeting, 15)`."""
        return self.roll_forward(_as_date(d) + dt.timedelta(days=days))

    def add_years(self, d: dt.date, years: int) -> dt.date:
        """The last day of a period of `years` years starting on `d`: `add_months(d, 12 * years)`."""
        return self.add_months(d, 12 * years)

    def days_before(self, d: dt.date, days: int) -> dt.date:
        """`days` calendar days before `d` ("会议举行的二十日前"), moved back to a working day when it is a rest
        day: a deadline before an event cannot roll forward past its purpose, and the office must be open."""
        target = _as_date(d) - dt.timedelta(days=days)
        return target if self.is_working_day(target) else self.previous_working_day(target)

    def last_working_day(self, year: int, month: int | None = None, quarter: int | None = None) -> dt.date:
        """The last working day on or before the end of the month, the quarter, or (neither given) the year.

        Raises ValueError only for a month outside 1–12, a quarter outside 1–4, or both given.
        """
        end = _period_end(year, month, quarter)
        return end if self.is_working_day(end) else self.previous_working_day(end)

    def unpublished_years(self, start: dt.date, end: dt.date) -> list[int]:
        first, last = sorted((_as_date(start).year, _as_date(end).year))
        return [year for year in range(first, last + 1) if not self.schedule(year).published]

    def coverage_warning(self, d: dt.date, end: dt.date | None = None) -> str | None:
        """A Chinese warning when the year of `d` (or any year from `d` to `end`) has no entered schedule."""
        years = self.unpublished_years(d, end if end is not None else d)
        return missing_schedule_message(years) if years else None


# --- the per-process calendar read from the database ---------------------------------------------
#
# Why a fingerprint and not a version counter: the calendar changes a few times a year, but it can be
# changed by the page server, by `manage.py loadcalendar` in another process, by a data migration or by
# hand in a shell. Counting rows and taking the newest `updated_at` of both tables catches every one of
# those (a deletion lowers the count, any save raises the newest time) without each writer having to
# remember to bump a counter. The check is one small aggregate query, made at most once every
# QINGLIAN_CALENDAR_RECHECK_SECONDS (default 10 s) per process; writes in this process call
# `invalidate()` and are seen at once. Blind spot, accepted: `QuerySet.update()` that leaves
# `updated_at` alone — nothing in Qinglian writes the calendar that way.


@dataclass
class _Cache:
    calendar: WorkCalendar | None = None
    fingerprint: tuple | None = None
    checked_at: float = float("-inf")


_cache = _Cache()
_lock = threading.Lock()
_clock = time.monotonic  # a module attribute so tests can move time forward


def _load_year(year: int) -> YearSchedule:
    # Imported here: workdays is pure date arithmetic, imported by settings-time code before models are ready.
    from qinglian.core.models import CalendarDay, CalendarYear

    published = CalendarYear.objects.filter(year=year, published=True).exists()
    rows = CalendarDay.objects.filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))
    return YearSchedule(published=published, days=dict(rows.values_list("date", "kind")))


def _fingerprint() -> tuple:
    from django.db.models import Count, Max

    from qinglian.core.models import CalendarDay, CalendarYear  # as in _load_year

    days = CalendarDay.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    years = CalendarYear.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (days["n"], days["last"], years["n"], years["last"])


def _recheck_seconds() -> float:
    return float(getattr(settings, "QINGLIAN_CALENDAR_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS))


def current() -> WorkCalendar:
    """The database calendar of this process, reloaded when the tables have changed."""
    now = _clock()
    calendar = _cache.calendar
    if calendar is not None and now - _cache.checked_at < _recheck_seconds():
        return calendar
    # Taken before any year is loaded: a write in between makes the next check reload, never miss.
    fingerprint = _fingerprint()
    with _lock:
        if _cache.calendar is None or fingerprint != _cache.fingerprint:
            _cache.calendar = WorkCalendar(_load_year)
            _cache.fingerprint = fingerprint
        _cache.checked_at = now
        return _cache.calendar


def invalidate() -> None:
    """Forget everything loaded; the next call reads the database again. Services call this on writes."""
    with _lock:
        _cache.calendar = None
        _cache.fingerprint = None
        _cache.checked_at = float("-inf")


# --- the functions the rest of Qinglian calls -----------------------------------------------------


def is_working_day(d: dt.date) -> bool:
    return current().is_working_day(d)


def add_working_days(d: dt.date, n: int) -> dt.date:
    """See WorkCalendar.add_working_days: the start day does not count; n < 0 counts back."""
    return current().add_working_days(d, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end < start."""
    return current().working_days_between(start, end)


def next_working_day(d: dt.date) -> dt.date:
    return current().next_working_day(d)


def previous_working_day(d: dt.date) -> dt.date:
    return current().previous_working_day(d)


def last_working_day(year: int, month: int | None = None, quarter: int | None = None) -> dt.date:
    return current().last_working_day(year, month=month, quarter=quarter)


def roll_forward(d: dt.date) -> dt.date:
    """民法典 Art.203: a deadline on a rest day moves to the next working day."""
    return current().roll_forward(d)


def add_months(d: dt.date, months: int) -> dt.date:
    """民法典 Art.201–203: the same day `months` months later (clamped to the month's end), rolled forward
    to a working day. "自交办之日起3个月内答复" is due on `add_months(assigned_on, 3)`."""
    return current().add_months(d, months)


def add_days(d: dt.date, days: int) -> dt.date:
    """民法典 Art.201, 203: a period of `days` calendar days after `d` ends on `d + days`, moved to the next
    working day when that is a rest day. "会后15日内报送" is due on `add_days(meeting, 15)`."""
    return current().add_days(d, days)


def add_years(d: dt.date, years: int) -> dt.date:
    """A period of `years` years from `d` (a branch committee's term): `add_months(d, 12 * years)`."""
    return current().add_years(d, years)


def days_before(d: dt.date, days: int) -> dt.date:
    """`days` calendar days before `d`, moved back to a working day when it is a rest day (deadlines before
    a meeting: 监督法 Art.27 "会议举行的二十日前")."""
    return current().days_before(d, days)


def after(d: dt.date, count: int, unit: str) -> dt.date:
    """The last day of a period of `count` units after `d`, `unit` being a `PeriodUnit` value: the one door
    through which a rule turns a parameter of days, working days, months or years into a deadline."""
    if unit == "working_days":
        return add_working_days(d, count)
    if unit == "days":
        return add_days(d, count)
    if unit == "months":
        return add_months(d, count)
    if unit == "years":
        return add_years(d, count)
    raise ValueError(f"未知的期间单位：{unit}")


def overdue_through(on: dt.date) -> dt.date:
    """Due dates on or before this day are overdue on `on`: the last working day before `on`. A due date on a rest
    day runs to the next working day (民法典 Art.203), so a thing due on Saturday is still in time on Monday; a
    调休 working Saturday is a working day and does not move. For querysets: `deadline__lte=overdue_through(today)`."""
    return previous_working_day(on)


def is_overdue(due: dt.date, on: dt.date) -> bool:
    """Past `due` on `on`, the rest-day roll-forward counted (see overdue_through)."""
    return due <= overdue_through(on)


def coverage_warning(d: dt.date, end: dt.date | None = None) -> str | None:
    """None when the schedule of the year of `d` (through `end`, if given) is entered; else a warning."""
    return current().coverage_warning(d, end)
