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
