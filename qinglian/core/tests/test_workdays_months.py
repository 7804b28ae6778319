"""`add_months`: periods counted in months (民法典 Art.201–203) over the shipped 2024–2026 schedules."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core import services_calendar as services
from qinglian.core import workdays
from qinglian.core.workdays import WorkCalendar, YearSchedule

D = dt.date


@pytest.fixture(scope="module")
def shipped() -> WorkCalendar:
    files = [services.read_calendar_file(path) for path in services.shipped_files()]
    return WorkCalendar.from_schedules({f.year: YearSchedule(True, {d.date: d.kind for d in f.days}) for f in files})


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 20), 3, D(2026, 4, 20)),  # the same day three months later, a Monday
        (D(2025, 11, 16), 3, D(2026, 2, 24)),  # 2-16 falls in the Spring Festival (2-15 – 2-23): next working day
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # no 2-30: the month's last day, a make-up working Saturday
        (D(2025, 11, 29), 3, D(2026, 2, 28)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # a leap year keeps the 29th
        (D(2026, 7, 1), 3, D(2026, 10, 8)),  # 10-01 is National Day (10-01 – 10-07)
        (D(2026, 5, 31), 1, D(2026, 6, 30)),
        (D(2026, 1, 20), 6, D(2026, 7, 20)),
        (D(2026, 8, 31), 6, D(2027, 3, 1)),  # 2027-02-28 is a Sunday (2027 follows the week)
        (D(2026, 3, 7), 0, D(2026, 3, 9)),  # zero months: only the roll to a working day
    ],
)
def test_it_adds_months_by_the_corresponding_day_and_rolls_forward(shipped, start, months, expected):
    assert shipped.add_months(start, months) == expected


def test_a_datetime_counts_on_its_day(shipped):
    assert shipped.add_months(dt.datetime(2026, 1, 20, 9, 30), 3) == D(2026, 4, 20)


@pytest.mark.django_db
def test_the_module_function_reads_the_database_calendar():
    assert workdays.add_months(D(2025, 11, 16), 3) == D(2026, 2, 24)


# --- every kind of period through one door (workdays.after) -------------------------------------------------


def test_calendar_days_end_on_the_day_after_a_holiday_when_they_fall_in_it(db):
    # The shipped 2026 schedule (core/data/calendar/2026.json): Spring Festival 2-15…2-23 rest, Saturdays 2-14
    # and 2-28 调休 working days.
    # 15 days after 2-3 is 2-18, in the holiday: moves to 2-24, the first working day after it.
    assert workdays.after(dt.date(2026, 2, 3), 15, "days") == dt.date(2026, 2, 24)
    # 15 days after 2-13 is 2-28, a 调休 Saturday: a working day, so it does not move.
    assert workdays.after(dt.date(2026, 2, 13), 15, "days") == dt.date(2026, 2, 28)
    # one month after 1-18 is 2-18, in the holiday: moves too.
    assert workdays.after(dt.date(2026, 1, 18), 1, "months") == dt.date(2026, 2, 24)
    # 3 working days after 2-13 (Friday): Saturday 2-14 (调休), then 2-24, 2-25.
    assert workdays.after(dt.date(2026, 2, 13), 3, "working_days") == dt.date(2026, 2, 25)
    # a three-year term from 2023-02-18 ends 2026-02-18, in the holiday: moves.
    assert workdays.after(dt.date(2023, 2, 18), 3, "years") == dt.date(2026, 2, 24)
    # twenty days before 3-10 is 2-18, a rest day: moves back to the last working day before it (调休 2-14).
    assert workdays.days_before(dt.date(2026, 3, 10), 20) == dt.date(2026, 2, 14)


def test_an_unknown_period_unit_is_refused():
    from qinglian.core import workdays

    with pytest.raises(ValueError, match="未知的期间单位"):
        workdays.after(dt.date(2026, 1, 1), 1, "fortnights")


def test_overdue_counts_the_roll_forward_of_a_due_date_on_a_rest_day(db):
    from qinglian.core import workdays

    # Due 10-03 (National Day, 10-01…10-07): runs to Thursday 10-08, so it is overdue from Friday 10-09.
    assert not workdays.is_overdue(dt.date(2026, 10, 3), dt.date(2026, 10, 8))
    assert workdays.is_overdue(dt.date(2026, 10, 3), dt.date(2026, 10, 9))
    # Due on the 调休 working Sunday 09-20: does not move, overdue on Monday 09-21.
    assert workdays.is_overdue(dt.date(2026, 9, 20), dt.date(2026, 9, 21))
    # Due on a plain working day: overdue the next day, not on the day itself.
    assert not workdays.is_overdue(dt.date(2026, 11, 24), dt.date(2026, 11, 24))
    assert workdays.overdue_through(dt.date(2026, 11, 25)) == dt.date(2026, 11, 24)
