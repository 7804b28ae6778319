"""代表工作 rules on the station and activity ledgers (NPC-009…011), read as they stood on the day checked.

Each rule has an activity dated after the as-of day that must not count, and a deadline whose warning window or
last working day depends on the 2026 holidays (Spring Festival, National Day) and 调休 Saturdays.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.core import clock
from qinglian.npc.choices import ActivityKind
from qinglian.npc.models import DeputyActivity
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.tests.factories import ActivityFactory, DeputyFactory, StationFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _run(code: str, organ_id: int, as_of: dt.date, **overrides) -> dict[tuple[str, str], Verdict | None]:
    """(subject id, period) → verdict for every subject the rule collects on `as_of`."""
    rule = RULES[code]
    params = Params({**rule_params(code, organ_id=organ_id, on=as_of), **overrides})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    subjects: list[Subject] = list(rule.collect(ctx))
    return {(s.id, s.period): rule.check(s, params, ctx) for s in subjects}


def _activity(organ, day: dt.date, kind=ActivityKind.RECEPTION, *, station=None, deputies=()) -> DeputyActivity:
    activity = ActivityFactory(organ=organ, date=day, kind=kind, station=station)
    activity.deputies.set(deputies)
    return activity


@pytest.fixture
def organ(desks):
    return desks.organ


def test_the_shipped_parameters_say_how_sure_they_are():
    shipped = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
    ours = {s["rule_code"]: s for s in shipped["sets"] if s["rule_code"] in {"NPC-009", "NPC-010", "NPC-011"}}
    assert {code: s["confidence"] for code, s in ours.items()} == {
        "NPC-009": "unconfirmed",
        "NPC-010": "unconfirmed",
        "NPC-011": "medium",  # the 2016 text read (Art.19 ¶2: 不少于三次); its 2023 revision not
    }
    assert all(s["source"] and s["note"] for s in ours.values())
    assert ours["NPC-011"]["values"]["min_count"] == 3
    for code in ("NPC-009", "NPC-010", "NPC-011"):
        assert "浙江省实施" in RULES[code].basis and "代表法" in RULES[code].basis
        assert {p.name: p.period for p in RULES[code].params if p.period} == {"warn_working_days": "working_days"}


# --- NPC-009 联络站 ---------------------------------------------------------------------------------------------


def test_npc009_an_activity_dated_after_the_day_was_not_held_on_it(organ, unit_head):
    station = StationFactory(organ=organ)
    _activity(organ, D(2026, 1, 20), station=station)
    _activity(organ, D(2026, 6, 22), station=station)
    # 6-18 to 6-30 is 7 working days (端午 6-19 is a holiday): within the 10-day warning.
    on_18_june = _run("NPC-009", organ.pk, D(2026, 6, 18))
    assert on_18_june[(str(station.pk), "2026-Q1")] is None
    coming = on_18_june[(str(station.pk), "2026-Q2")]
    assert coming.severity == Severity.YELLOW and coming.reason == (
        f"{station.name}2026年第二季度开展代表活动0次，应不少于1次，请于2026-06-30前安排"
    )
    assert _run("NPC-009", organ.pk, D(2026, 6, 22))[(str(station.pk), "2026-Q2")] is None


def test_npc009_a_quarter_without_activity_is_red_and_periods_before_the_ledger_began_are_not_judged(organ):
    station = StationFactory(organ=organ)
    _activity(organ, D(2026, 2, 10), station=station)
    found = _run("NPC-009", organ.pk, D(2026, 7, 1))
    assert set(found) == {(str(station.pk), key) for key in ("2026-Q1", "2026-Q2", "2026-Q3")}  # not 2025-Q4
    assert found[(str(station.pk), "2026-Q2")].severity == Severity.RED
    assert found[(str(station.pk), "2026-Q2")].due == D(2026, 6, 30)


def test_npc009_a_station_deleted_before_the_day_is_not_judged_one_deleted_after_is(organ):
    with clock.replaying(_at(D(2026, 1, 5))):
        gone, later = StationFactory(organ=organ), StationFactory(organ=organ)
    _activity(organ, D(2026, 1, 20), station=gone)
    for station, day in ((gone, D(2026, 3, 1)), (later, D(2026, 8, 1))):
        with clock.replaying(_at(day)):  # a soft delete, saved with its history as the service does
            station.deleted_at = _at(day)
            station.save()
    stations = {sid for sid, _ in _run("NPC-009", organ.pk, D(2026, 7, 1))}
    assert stations == {str(later.pk)}


def test_npc009_monthly_the_february_deadline_is_the_working_saturday_and_the_festival_does_not_count(organ):
    station = StationFactory(organ=organ)
    _activity(organ, D(2026, 1, 20), station=station)
    monthly = {"per": "month", "look_back": 1, "warn_working_days": 5}
    # Spring Festival 2-15…2-23 is not counted; 2-14 and 2-28 (调休 Saturdays) are working days, and February's
    # last working day is Saturday 2-28.
    assert _run("NPC-009", organ.pk, D(2026, 2, 13), **monthly)[(str(station.pk), "2026-02")] is None  # 6 left
    verdict = _run("NPC-009", organ.pk, D(2026, 2, 14), **monthly)[(str(station.pk), "2026-02")]  # 5 left
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 2, 28)


def test_npc009_a_period_that_is_not_a_period_is_refused_in_chinese(organ):
    _activity(organ, D(2026, 1, 20), station=StationFactory(organ=organ))
    with pytest.raises(ValueError, match="统计周期应为"):
        _run("NPC-009", organ.pk, D(2026, 7, 1), per="week")


# --- NPC-010 回原选区 ---------------------------------------------------------------------------------------------


def test_npc010_a_return_dated_after_the_day_had_not_happened_and_other_kinds_do_not_count(organ, unit_head):
    went, late = DeputyFactory(organ=organ), DeputyFactory(organ=organ, delegation="江城区代表团")
    _activity(organ, D(2026, 6, 10), ActivityKind.CONSTITUENCY, deputies=[went])
    _activity(organ, D(2026, 7, 10), ActivityKind.RECEPTION, deputies=[late])
    _activity(organ, D(2026, 12, 3), ActivityKind.CONSTITUENCY, deputies=[late])
    on_25_november = _run("NPC-010", organ.pk, D(2026, 11, 25))
    assert on_25_november[(str(went.pk), "2026")] is None
    verdict = on_25_november[(str(late.pk), "2026")]
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 12, 31)
    assert (
        verdict.reason == f"{late.name}（江城区代表团）2026年度参加回原选区活动0次，应不少于1次，请于2026-12-31前安排"
    )
    assert _run("NPC-010", organ.pk, D(2026, 12, 3))[(str(late.pk), "2026")] is None


def test_npc010_a_year_ended_without_a_return_is_red(organ):
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2025, 3, 10), ActivityKind.RECEPTION, deputies=[deputy])
    verdict = _run("NPC-010", organ.pk, D(2026, 1, 5))[(str(deputy.pk), "2025")]
    assert verdict.severity == Severity.RED and verdict.reason.endswith("2025年度参加回原选区活动0次，应不少于1次")


def test_npc010_whether_a_deputy_was_in_office_is_read_from_history(organ):
    with clock.replaying(_at(D(2026, 1, 5))):
        left_in_march, leaves_in_december = DeputyFactory(organ=organ), DeputyFactory(organ=organ)
    for deputy, day in ((left_in_march, D(2026, 3, 1)), (leaves_in_december, D(2026, 12, 1))):
        with clock.replaying(_at(day)):
            deputy.is_active = False
            deputy.save()
    _activity(organ, D(2026, 2, 1), ActivityKind.GROUP)
    deputies = {sid for sid, _ in _run("NPC-010", organ.pk, D(2026, 11, 25))}
    assert deputies == {str(leaves_in_december.pk)}


def test_npc010_the_warning_window_counts_the_organs_calendar_across_national_day(organ):
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2026, 1, 20), ActivityKind.GROUP)
    # From 9-30 to 12-31: 62 working days (10-01…10-07 off, Saturday 10-10 a working day).
    assert _run("NPC-010", organ.pk, D(2026, 9, 29), warn_working_days=62)[(str(deputy.pk), "2026")] is None
    verdict = _run("NPC-010", organ.pk, D(2026, 9, 30), warn_working_days=62)[(str(deputy.pk), "2026")]
    assert verdict.severity == Severity.YELLOW


# --- NPC-011 代表小组活动 ----------------------------------------------------------------------------------------


def test_npc011_a_group_activity_dated_after_the_day_does_not_count(organ):
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2026, 4, 15), ActivityKind.GROUP, deputies=[deputy])
    _activity(organ, D(2026, 7, 15), ActivityKind.GROUP, deputies=[deputy])
    second = _activity(organ, D(2026, 12, 2), ActivityKind.GROUP, deputies=[deputy])
    verdict = _run("NPC-011", organ.pk, D(2026, 11, 25))[(str(deputy.pk), "2026")]
    assert verdict.severity == Severity.YELLOW and "参加代表小组活动2次，应不少于3次" in verdict.reason
    assert _run("NPC-011", organ.pk, D(2026, 12, 2))[(str(deputy.pk), "2026")] is None
    # Deleted after the day: it still stood on it. Deleted on the day: it did not.
    DeputyActivity.all_objects.filter(pk=second.pk).update(deleted_at=_at(D(2026, 12, 4)))
    assert _run("NPC-011", organ.pk, D(2026, 12, 3))[(str(deputy.pk), "2026")] is None
    assert _run("NPC-011", organ.pk, D(2026, 12, 4))[(str(deputy.pk), "2026")].severity == Severity.YELLOW


def test_npc011_findings_go_to_the_stations_desk(desks, unit_head):
    organ = desks.organ
    deputy = DeputyFactory(organ=organ)
    _activity(organ, D(2025, 4, 15), ActivityKind.GROUP, deputies=[deputy])
    rule = RULES["NPC-011"]
    ctx = Context(
        organ_id=organ.pk, as_of=D(2026, 1, 5), params=rule_params("NPC-011", organ_id=organ.pk, on=D(2026, 1, 5))
    )
    [last_year, this_year] = rule.collect(ctx)
    assert (last_year.period, this_year.period) == ("2025", "2026")
    assert (last_year.unit_id, last_year.person_id) == (desks.unit_a.pk, unit_head.person.pk)
    assert last_year.link == f"/npc/activities/?deputy={deputy.pk}&year=2025&kind=group"
    assert rule.check(last_year, ctx.params, ctx).severity == Severity.RED
