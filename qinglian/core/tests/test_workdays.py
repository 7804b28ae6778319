"""The working-day calendar: the 2026 schedule, period arithmetic, the fallback, the data and the cache.

Arithmetic is tested on a WorkCalendar built from the shipped JSON (no database); the module functions,
the data migration, the services and the cache against the test database.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from qinglian.core import services_calendar as services
from qinglian.core import workdays
from qinglian.core.choices import DayKind
from qinglian.core.errors import InvalidInput, NotFound
from qinglian.core.models import CalendarDay, CalendarYear
from qinglian.core.workdays import WorkCalendar, YearSchedule

D = dt.date


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache is per process and outlives a test's rolled-back transaction: start and end clean.
    workdays.invalidate()
    yield
    workdays.invalidate()


@pytest.fixture(scope="module")
def shipped() -> WorkCalendar:
    files = [services.read_calendar_file(path) for path in services.shipped_files()]
    return WorkCalendar.from_schedules({f.year: YearSchedule(True, {d.date: d.kind for d in f.days}) for f in files})


def _days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


# --- the 2026 schedule (国办发明电〔2025〕7号) ---------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)],
)
def test_make_up_weekend_days_of_2026_are_working_days(shipped, day):
    assert day.weekday() >= 5
    assert shipped.is_working_day(day)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (D(2026, 1, 1), D(2026, 1, 3)),
        (D(2026, 2, 15), D(2026, 2, 23)),
        (D(2026, 4, 4), D(2026, 4, 6)),
        (D(2026, 5, 1), D(2026, 5, 5)),
        (D(2026, 6, 19), D(2026, 6, 21)),
        (D(2026, 9, 25), D(2026, 9, 27)),
        (D(2026, 10, 1), D(2026, 10, 7)),
    ],
)
def test_holiday_periods_of_2026_are_rest_days(shipped, first, last):
    assert not any(shipped.is_working_day(day) for day in _days(first, last))


def test_ordinary_days_follow_the_week(shipped):
    assert shipped.is_working_day(D(2026, 3, 2))  # Monday
    assert not shipped.is_working_day(D(2026, 3, 7))  # Saturday


# --- periods: the start day does not count -------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Friday → the make-up Saturday
        (D(2026, 2, 13), 2, D(2026, 2, 24)),  # across the Spring Festival
        (D(2026, 2, 12), 3, D(2026, 2, 24)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # across National Day
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # the make-up Saturday counts
        (D(2026, 9, 24), 2, D(2026, 9, 29)),  # across 中秋 and its weekend
        (D(2026, 3, 2), 0, D(2026, 3, 2)),
        (D(2026, 3, 7), 0, D(2026, 3, 7)),  # n = 0 returns the day itself, even a Saturday
    ],
)
def test_it_adds_working_days(shipped, start, n, expected):
    assert shipped.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("meeting", "n", "latest_notice"),
    [
        (D(2026, 10, 9), 5, D(2026, 9, 24)),  # back over National Day and 中秋
        (D(2026, 2, 25), 3, D(2026, 2, 13)),  # back over the Spring Festival and its make-up Saturday
        (D(2026, 3, 2), 1, D(2026, 2, 28)),  # Monday → the make-up Saturday before it
    ],
)
def test_it_counts_back_working_days_before_a_meeting(shipped, meeting, n, latest_notice):
    assert shipped.add_working_days(meeting, -n) == latest_notice


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 9, 30), D(2026, 10, 10), 3),
        (D(2026, 2, 13), D(2026, 2, 24), 2),
        (D(2026, 2, 24), D(2026, 2, 13), -2),
        (D(2026, 3, 2), D(2026, 3, 2), 0),
        (D(2026, 3, 6), D(2026, 3, 7), 0),  # Friday → Saturday: the Saturday is no working day
        (D(2025, 12, 31), D(2026, 12, 31), 248),  # 261 weekdays − 19 holidays + 6 make-up days
    ],
)
def test_it_counts_working_days_between_two_dates(shipped, start, end, expected):
    assert shipped.working_days_between(start, end) == expected


def test_counting_and_adding_agree(shipped):
    start = D(2026, 1, 20)
    for end in _days(D(2026, 1, 21), D(2026, 3, 10)):
        if shipped.is_working_day(end):
            assert shipped.add_working_days(start, shipped.working_days_between(start, end)) == end


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 10, 3), D(2026, 10, 8)),  # a deadline inside National Day ends the day after it
        (D(2026, 2, 21), D(2026, 2, 24)),
        (D(2026, 2, 14), D(2026, 2, 14)),  # a make-up Saturday is a working day: no roll
        (D(2026, 3, 2), D(2026, 3, 2)),
        (D(2026, 3, 7), D(2026, 3, 9)),
    ],
)
def test_a_deadline_on_a_rest_day_rolls_forward(shipped, day, expected):
    assert shipped.roll_forward(day) == expected


def test_next_and_previous_working_day_skip_the_holiday(shipped):
    assert shipped.next_working_day(D(2026, 9, 30)) == D(2026, 10, 8)
    assert shipped.previous_working_day(D(2026, 10, 8)) == D(2026, 9, 30)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ({"year": 2026, "month": 1}, D(2026, 1, 30)),  # the 31st is a Saturday
        ({"year": 2026, "month": 2}, D(2026, 2, 28)),  # the 28th is a make-up Saturday
        ({"year": 2026, "month": 5}, D(2026, 5, 29)),
        ({"year": 2025, "month": 1}, D(2025, 1, 27)),  # the month ends inside the Spring Festival
        ({"year": 2025, "month": 5}, D(2025, 5, 30)),  # the 31st is 端午, on a Saturday
        ({"year": 2026, "quarter": 3}, D(2026, 9, 30)),  # Wednesday before National Day
        ({"year": 2024, "quarter": 1}, D(2024, 3, 29)),  # the quarter ends on a Sunday
        ({"year": 2024, "quarter": 2}, D(2024, 6, 28)),
        ({"year": 2026}, D(2026, 12, 31)),
    ],
)
def test_it_finds_the_last_working_day_of_a_period(shipped, period, expected):
    assert shipped.last_working_day(**period) == expected


@pytest.mark.parametrize("period", [{"month": 13}, {"quarter": 5}, {"month": 1, "quarter": 1}])
def test_it_rejects_a_period_that_does_not_exist(shipped, period):
    with pytest.raises(ValueError):
        shipped.last_working_day(2026, **period)


def test_an_aware_datetime_counts_on_its_local_day(shipped):
    evening_utc = dt.datetime(2026, 9, 30, 20, 0, tzinfo=dt.UTC)  # 1 October 04:00 in Shanghai
    assert shipped.is_working_day(evening_utc.date())
    assert not shipped.is_working_day(evening_utc)


# --- a year without data falls back to weekends and warns -----------------------------------------


def test_a_year_without_data_falls_back_to_weekends_and_warns(shipped):
    assert shipped.is_working_day(D(2027, 1, 1))  # a Friday; 元旦 is not entered yet
    assert not shipped.is_working_day(D(2027, 1, 2))
    assert shipped.add_working_days(D(2026, 12, 31), 2) == D(2027, 1, 4)
    assert shipped.last_working_day(2027, quarter=1) == D(2027, 3, 31)
    warning = shipped.coverage_warning(D(2027, 3, 1))
    assert warning == ("2027年的节假日安排尚未录入，暂按周末计算工作日，请系统管理员录入国务院办公厅公布的安排")
    assert shipped.coverage_warning(D(2026, 5, 1)) is None
    assert "2027" in shipped.coverage_warning(D(2026, 12, 20), D(2027, 1, 10))


@pytest.mark.parametrize("day", [D(1, 1, 1), D(1999, 12, 31), D(2100, 6, 1), D(9999, 12, 30)])
def test_it_never_raises_for_a_date_of_any_year(shipped, day):
    shipped.is_working_day(day)
    shipped.roll_forward(day)
    assert shipped.coverage_warning(day)


# --- the shipped data ---------------------------------------------------------------------------


def test_shipped_files_name_their_state_council_notice():
    files = {f.year: f for f in map(services.read_calendar_file, services.shipped_files())}
    assert sorted(files) == [2024, 2025, 2026]
    assert files[2026].source == "国办发明电〔2025〕7号"
    assert all(f.url.startswith("https://www.gov.cn/") and f.arrangement for f in files.values())


@pytest.mark.django_db
def test_a_fresh_database_holds_2024_to_2026():
    assert list(CalendarYear.objects.filter(published=True).values_list("year", flat=True)) == [2024, 2025, 2026]
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).kind == DayKind.WORKDAY


@pytest.mark.django_db
def test_every_day_of_2024_to_2026_agrees_with_chinese_calendar(shipped):
    import chinese_calendar  # dev dependency (pyproject [dev]); must be there so this check never skips

    wrong = [
        day
        for day in _days(D(2024, 1, 1), D(2026, 12, 31))
        if not workdays.is_working_day(day) == shipped.is_working_day(day) == chinese_calendar.is_workday(day)
    ]
    assert wrong == []


# --- the database calendar and its cache ----------------------------------------------------------


@pytest.mark.django_db
def test_module_functions_read_the_database():
    assert workdays.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert workdays.next_working_day(D(2026, 2, 13)) == D(2026, 2, 14)
    assert workdays.previous_working_day(D(2026, 2, 24)) == D(2026, 2, 14)
    assert workdays.working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert workdays.last_working_day(2026, month=2) == D(2026, 2, 28)
    assert workdays.roll_forward(D(2026, 10, 3)) == D(2026, 10, 8)
    assert workdays.coverage_warning(D(2026, 1, 1)) is None
    assert "2027年" in workdays.coverage_warning(D(2027, 1, 1))


@pytest.mark.django_db
def test_a_warm_calendar_asks_the_database_nothing(django_assert_num_queries):
    workdays.working_days_between(D(2024, 1, 1), D(2027, 12, 31))  # loads each year once
    with django_assert_num_queries(0):
        workdays.add_working_days(D(2026, 1, 1), 300)
        workdays.working_days_between(D(2024, 1, 1), D(2026, 12, 31))


@pytest.mark.django_db
def test_an_edit_through_the_service_is_seen_at_once(settings):
    settings.QINGLIAN_CALENDAR_RECHECK_SECONDS = 3600
    assert workdays.is_working_day(D(2026, 3, 2))
    services.calendar_day_save(day=D(2026, 3, 2), kind=DayKind.HOLIDAY, name="临时放假", by=None)
    assert not workdays.is_working_day(D(2026, 3, 2))
    services.calendar_day_remove(day=D(2026, 3, 2), by=None)
    assert workdays.is_working_day(D(2026, 3, 2))


@pytest.mark.django_db
def test_a_write_by_another_process_is_seen_after_the_recheck_interval(settings, monkeypatch):
    settings.QINGLIAN_CALENDAR_RECHECK_SECONDS = 10
    now = [1000.0]
    monkeypatch.setattr(workdays, "_clock", lambda: now[0])
    assert workdays.is_working_day(D(2026, 3, 2))
    CalendarDay.objects.create(date=D(2026, 3, 2), kind=DayKind.HOLIDAY)  # not through the service
    now[0] += 5
    assert workdays.is_working_day(D(2026, 3, 2))  # still cached: at most one check per interval
    now[0] += 6
    assert not workdays.is_working_day(D(2026, 3, 2))
    CalendarDay.objects.filter(date=D(2026, 3, 2)).delete()  # a deletion lowers the count
    now[0] += 11
    assert workdays.is_working_day(D(2026, 3, 2))


# --- services -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_rejects_a_make_up_workday_on_a_weekday():
    with pytest.raises(InvalidInput, match="调休上班日只能是"):
        services.calendar_day_save(day=D(2027, 1, 4), kind=DayKind.WORKDAY, by=None)


@pytest.mark.django_db
def test_it_accepts_a_holiday_on_a_day_that_is_already_a_rest_day():
    services.calendar_day_save(day=D(2027, 1, 2), kind=DayKind.HOLIDAY, name="元旦", by=None)
    assert CalendarDay.objects.get(date=D(2027, 1, 2)).name == "元旦"


@pytest.mark.django_db
def test_it_rejects_an_unknown_kind_and_an_absurd_year():
    with pytest.raises(InvalidInput):
        services.calendar_day_save(day=D(2027, 1, 2), kind="vacation", by=None)
    with pytest.raises(InvalidInput, match="年份应在"):
        services.calendar_day_save(day=D(1990, 1, 1), kind=DayKind.HOLIDAY, by=None)


@pytest.mark.django_db
def test_it_refuses_to_publish_a_year_without_holidays():
    with pytest.raises(InvalidInput, match="还没有录入任何节假日"):
        services.calendar_year_publish(year=2027, by=None)


@pytest.mark.django_db
def test_publishing_a_year_removes_its_warning():
    services.calendar_day_save(day=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦", by=None)
    assert workdays.coverage_warning(D(2027, 6, 1))
    services.calendar_year_publish(year=2027, source="国办发明电〔2026〕X号", by=None)
    assert workdays.coverage_warning(D(2027, 6, 1)) is None
    assert not workdays.is_working_day(D(2027, 1, 1))


@pytest.mark.django_db
def test_removing_an_entry_keeps_its_history(sysadmin):
    services.calendar_day_remove(day=D(2026, 10, 10), by=sysadmin)
    assert not CalendarDay.objects.filter(date=D(2026, 10, 10)).exists()
    removed = CalendarDay.history.get(date=D(2026, 10, 10), history_type="-")
    assert removed.history_user == sysadmin and removed.kind == DayKind.WORKDAY
    with pytest.raises(NotFound):
        services.calendar_day_remove(day=D(2026, 10, 10), by=sysadmin)


# --- loadcalendar -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_the_shipped_years_again_changes_nothing(capsys):
    before = (CalendarDay.history.count(), CalendarYear.history.count())
    call_command("loadcalendar", "--shipped")
    assert "2026年：新增0天，修改0天，未变39天，删除0天" in capsys.readouterr().out
    assert (CalendarDay.history.count(), CalendarYear.history.count()) == before


def _write(tmp_path, doc) -> str:
    path = tmp_path / f"{doc['year']}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_it_loads_a_new_year_and_replaces_only_when_asked(tmp_path, capsys):
    doc = {
        "year": 2027,
        "version": 1,
        "source": "国办发明电〔2026〕X号",
        "days": [
            {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
            {"date": "2027-02-06", "kind": "workday", "name": "春节"},
        ],
    }
    call_command("loadcalendar", _write(tmp_path, doc))
    assert "新增2天" in capsys.readouterr().out
    assert workdays.coverage_warning(D(2027, 1, 1)) is None
    assert workdays.is_working_day(D(2027, 2, 6))
    doc["days"] = doc["days"][:1]
    call_command("loadcalendar", _write(tmp_path, doc))
    assert "保留" in capsys.readouterr().out
    assert CalendarDay.objects.filter(date=D(2027, 2, 6)).exists()
    call_command("loadcalendar", _write(tmp_path, doc), "--replace")
    assert "删除1天" in capsys.readouterr().out
    assert not workdays.is_working_day(D(2027, 2, 6))


@pytest.mark.django_db
def test_it_rejects_a_bad_file_before_writing_anything(tmp_path):
    doc = {"year": 2027, "days": [{"date": "2027-01-01", "kind": "holiday"}, {"date": "2027-01-04", "kind": "workday"}]}
    with pytest.raises(CommandError, match="第2条"):
        call_command("loadcalendar", _write(tmp_path, doc))
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    with pytest.raises(CommandError, match="--shipped"):
        call_command("loadcalendar")
