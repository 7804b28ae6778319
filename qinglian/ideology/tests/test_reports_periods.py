"""The period arithmetic the schedule and IDEO-030…032 share: quarters and halves, counts that do not cut twelve
months evenly refused, due dates counted in working days through the calendar (its holidays and 调休 Saturdays), the
report upward's date run forward off a rest day, and the parameters of a year read from the table in force."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Jurisdiction
from qinglian.compliance.params import parameter_set_save
from qinglian.core import workdays
from qinglian.core.choices import DayKind
from qinglian.core.workdays import WorkCalendar, YearSchedule
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.selectors.reports import (
    annual_due,
    expected_for,
    expected_items,
    params_day,
    periods,
    year_params,
)

D = dt.date
WEEK = WorkCalendar.from_schedules({})  # no holidays: Monday to Friday
SHIPPED = {
    "IDEO-030": {"periods_per_year": 4, "grace_working_days": 10},
    "IDEO-031": {"due_month": 12, "due_day": 31},
    "IDEO-032": {"periods_per_year": 2, "grace_working_days": 10},
}
# 2026's National Day week as the State Council set it: 1–7 October off, Saturday 10 October worked.
NATIONAL_DAY = WorkCalendar.from_schedules(
    {
        2026: YearSchedule(
            published=True,
            days={
                **{D(2026, 10, d): DayKind.HOLIDAY for d in range(1, 8)},
                D(2026, 10, 10): DayKind.WORKDAY,
            },
        )
    }
)


def test_quarters_and_halves():
    assert periods(2026, 4) == [
        (D(2026, 1, 1), D(2026, 3, 31), "第一季度"),
        (D(2026, 4, 1), D(2026, 6, 30), "第二季度"),
        (D(2026, 7, 1), D(2026, 9, 30), "第三季度"),
        (D(2026, 10, 1), D(2026, 12, 31), "第四季度"),
    ]
    assert periods(2024, 2) == [(D(2024, 1, 1), D(2024, 6, 30), "上半年"), (D(2024, 7, 1), D(2024, 12, 31), "下半年")]
    assert periods(2024, 12)[1] == (D(2024, 2, 1), D(2024, 2, 29), "2月")  # a leap February
    assert periods(2026, 1) == [(D(2026, 1, 1), D(2026, 12, 31), "全年")]


@pytest.mark.parametrize("bad", [0, 5, 7, 8, 13])
def test_a_count_that_does_not_divide_twelve_is_refused(bad):
    with pytest.raises(ValueError, match="整除12"):
        periods(2026, bad)


def test_the_expected_items_of_a_year_with_the_shipped_parameters():
    items = expected_items(2026, SHIPPED, WEEK)
    assert [(e.kind, e.label) for e in items] == [
        (ReportKind.ANALYSIS, "第一季度"),
        (ReportKind.ANALYSIS, "第二季度"),
        (ReportKind.ANALYSIS, "第三季度"),
        (ReportKind.ANALYSIS, "第四季度"),
        (ReportKind.ANNUAL_REPORT, "全年"),
        (ReportKind.BRIEFING, "上半年"),
        (ReportKind.BRIEFING, "下半年"),
    ]
    first = items[0]
    assert first.title == "2026年第一季度意识形态形势分析研判"
    assert first.due == D(2026, 4, 14)  # ten weekdays after Tuesday 31 March
    assert items[4].title == "2026年度意识形态工作责任制落实情况报告" and items[4].due == D(2026, 12, 31)
    assert items[6].title == "2026年下半年意识形态领域情况党内通报"
    assert items[6].due == D(2027, 1, 14)  # a second half is due in the next January
    halves = expected_items(2026, {"IDEO-030": {"periods_per_year": 2, "grace_working_days": 5}}, WEEK)
    assert [(e.start, e.end, e.due) for e in halves] == [
        (D(2026, 1, 1), D(2026, 6, 30), D(2026, 7, 7)),
        (D(2026, 7, 1), D(2026, 12, 31), D(2027, 1, 7)),
    ]


def test_holidays_and_worked_saturdays_move_the_due_date():
    q3 = next(e for e in expected_items(2026, SHIPPED, NATIONAL_DAY) if e.label == "第三季度")
    # 8, 9, Saturday 10 (worked), 12–16, 19, 20 October: the tenth working day after 30 September.
    assert q3.due == D(2026, 10, 20)
    assert next(e for e in expected_items(2026, SHIPPED, WEEK) if e.label == "第三季度").due == D(2026, 10, 14)


def test_a_grace_of_none_is_the_last_day_run_forward():
    items = expected_items(2026, {"IDEO-032": {"periods_per_year": 4, "grace_working_days": 0}}, NATIONAL_DAY)
    assert items[0].due == D(2026, 3, 31)  # a Tuesday
    assert items[1].due == D(2026, 6, 30)
    items = expected_items(2026, {"IDEO-032": {"periods_per_year": 12, "grace_working_days": 0}}, WEEK)
    assert items[4].end == D(2026, 5, 31) and items[4].due == D(2026, 6, 1)  # a Sunday runs to Monday


def test_the_report_upward_runs_forward_off_a_rest_day_and_refuses_a_day_that_does_not_exist():
    assert annual_due(2026, 12, 31, WEEK) == D(2026, 12, 31)
    assert annual_due(2026, 10, 1, NATIONAL_DAY) == D(2026, 10, 8)  # 民法典 Art.203
    assert annual_due(2026, 1, 31, WEEK) == D(2026, 2, 2)  # Saturday → Monday
    with pytest.raises(ValueError, match="2月30日不是有效日期"):
        annual_due(2026, 2, 30, WEEK)


def test_the_parameters_of_a_year_are_those_in_force_on_a_day_inside_it():
    assert params_day(2025, D(2026, 11, 25)) == D(2025, 12, 31)
    assert params_day(2026, D(2026, 11, 25)) == D(2026, 11, 25)
    assert params_day(2027, D(2026, 11, 25)) == D(2027, 1, 1)


@pytest.mark.django_db
def test_the_shipped_parameters_and_an_organ_set_from_a_day(org, sysadmin):
    params = year_params(org.organ.pk, 2026, D(2026, 11, 25))
    assert params["IDEO-030"]["periods_per_year"] == 4 and params["IDEO-031"]["due_month"] == 12
    parameter_set_save(
        rule_code="IDEO-030",
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2026, 1, 1),
        values={"periods_per_year": 2, "grace_working_days": 10},
        source="本机关意识形态工作责任制实施细则",
        by=sysadmin,
    )
    analyses = [e for e in expected_for(org.organ.pk, 2026, D(2026, 6, 1)) if e.kind == ReportKind.ANALYSIS]
    assert [e.label for e in analyses] == ["上半年", "下半年"]
    # The database calendar: the shipped 2026 schedule has the National Day week.
    assert analyses[0].due == workdays.add_working_days(D(2026, 6, 30), 10)
    before = [e for e in expected_for(org.organ.pk, 2025, D(2026, 6, 1)) if e.kind == ReportKind.ANALYSIS]
    assert len(before) == 4  # 2025 keeps the province's quarters
