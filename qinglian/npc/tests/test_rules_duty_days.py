"""NPC-015: a deputy's days of duty between sessions, 浙江实施代表法办法 Art.35 ¶1 ("县级以上的地方各级人民代表大会
代表一般每年不少于十五日"), counted from the activities ledger as it stood on the day checked.

Expectations from the text: days between sessions (a plenary session's days do not count); the days spent, not
the activities (a two-day 视察 is two days, two activities on one day are one); a day after the as-of date had not
yet been spent. The year is due on its last working day; the warning window counts the organ's calendar across
National Day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Verdict
from qinglian.npc.choices import ActivityKind
from qinglian.npc.models import DeputyActivity
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.duty_days import duty_days_as_of
from qinglian.npc.tests.factories import ActivityFactory, DeputyFactory, SessionFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _run(organ_id: int, as_of: dt.date, **overrides) -> dict[tuple[str, str], Verdict | None]:
    rule = RULES["NPC-015"]
    params = Params({**rule_params("NPC-015", organ_id=organ_id, on=as_of), **overrides})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {(s.id, s.period): rule.check(s, params, ctx) for s in rule.collect(ctx)}


def _activity(organ, day: dt.date, days: int = 1, *, deputies=(), kind=ActivityKind.INSPECTION_VISIT):
    activity = ActivityFactory(organ=organ, date=day, days=days, kind=kind)
    activity.deputies.set(deputies)
    return activity


@pytest.fixture
def organ(desks):
    return desks.organ


def test_the_shipped_figure_is_fifteen_days_read_from_the_measures():
    rule = RULES["NPC-015"]
    assert "第三十五条第一款" in rule.basis and "十五日" in rule.basis
    assert {p.name: p.period for p in rule.params if p.period} == {"warn_working_days": "working_days"}


def test_days_are_counted_once_each_without_the_session_and_not_after_the_day(organ):
    deputy = DeputyFactory(organ=organ)
    SessionFactory(organ=organ, start=D(2026, 1, 12), end=D(2026, 1, 15))
    _activity(organ, D(2026, 1, 14), deputies=[deputy])  # during the session: not between sessions
    _activity(organ, D(2026, 3, 10), 3, deputies=[deputy])  # 3-10, 3-11, 3-12
    _activity(organ, D(2026, 3, 11), deputies=[deputy], kind=ActivityKind.RESEARCH)  # the same day again
    _activity(organ, D(2026, 6, 29), 3, deputies=[deputy])  # 6-29, 6-30 by the day checked; 7-1 not yet
    _activity(organ, D(2026, 7, 2), deputies=[deputy])  # after the day checked
    ledger = duty_days_as_of(organ_id=organ.pk, since=D(2026, 1, 1), as_of=D(2026, 6, 30))
    assert ledger.count(deputy.pk, D(2026, 1, 1), D(2026, 12, 31)) == 5
    later = duty_days_as_of(organ_id=organ.pk, since=D(2026, 1, 1), as_of=D(2026, 7, 2))
    assert later.count(deputy.pk, D(2026, 1, 1), D(2026, 12, 31)) == 7


def test_an_activity_dated_after_the_day_does_not_count_and_one_deleted_later_does(organ):
    deputy = DeputyFactory(organ=organ, delegation="江城区代表团")
    _activity(organ, D(2026, 3, 10), 14, deputies=[deputy])
    extra = _activity(organ, D(2026, 12, 2), deputies=[deputy])
    on_25_november = _run(organ.pk, D(2026, 11, 25))[(str(deputy.pk), "2026")]
    assert on_25_november.severity == Severity.YELLOW and on_25_november.due == D(2026, 12, 31)
    assert on_25_november.reason == (
        f"{deputy.name}（江城区代表团）2026年度执行代表职务14日，应不少于15日，请于2026-12-31前安排"
    )
    assert _run(organ.pk, D(2026, 12, 2))[(str(deputy.pk), "2026")] is None
    DeputyActivity.all_objects.filter(pk=extra.pk).update(deleted_at=dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC))
    assert _run(organ.pk, D(2026, 12, 3))[(str(deputy.pk), "2026")] is None
    assert _run(organ.pk, D(2026, 12, 4))[(str(deputy.pk), "2026")].severity == Severity.YELLOW


def test_a_year_ended_short_is_red_and_years_before_the_ledger_are_not_judged(desks, unit_head):
    organ = desks.organ
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2025, 5, 10), 3, deputies=[deputy])
    found = _run(organ.pk, D(2026, 1, 5))
    verdict = found[(str(deputy.pk), "2025")]
    assert verdict.severity == Severity.RED and verdict.reason.endswith("2025年度执行代表职务3日，应不少于15日")
    assert set(found) == {(str(deputy.pk), "2025"), (str(deputy.pk), "2026")}
    rule = RULES["NPC-015"]
    params = rule_params("NPC-015", organ_id=organ.pk, on=D(2026, 1, 5))
    subject = next(iter(rule.collect(Context(organ_id=organ.pk, as_of=D(2026, 1, 5), params=params))))
    assert (subject.unit_id, subject.person_id) == (desks.unit_a.pk, unit_head.person.pk)  # the stations desk
    _activity(organ, D(2024, 5, 10), deputies=[deputy])  # the ledger now starts in 2024, outside the window
    assert set(_run(organ.pk, D(2026, 1, 5))) == {(str(deputy.pk), "2025"), (str(deputy.pk), "2026")}


def test_a_township_deputys_figure_is_a_parameter(organ):
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2025, 5, 10), 7, deputies=[deputy])
    assert _run(organ.pk, D(2026, 1, 5), min_days=7)[(str(deputy.pk), "2025")] is None


def test_the_warning_window_counts_the_organs_calendar_across_national_day(organ):
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2026, 1, 20), deputies=[deputy])
    # From 9-30 to 12-31: 62 working days (10-01…10-07 off, Saturday 10-10 a working day).
    assert _run(organ.pk, D(2026, 9, 29), warn_working_days=62)[(str(deputy.pk), "2026")] is None
    verdict = _run(organ.pk, D(2026, 9, 30), warn_working_days=62)[(str(deputy.pk), "2026")]
    assert verdict.severity == Severity.YELLOW
