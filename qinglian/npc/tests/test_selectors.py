"""Figures from the ledgers: handling per unit, materials on time, deputies' activity, the year's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from qinglian.npc.choices import NpcMeetingKind, SuggestionStatus
from qinglian.npc.models import MaterialSubmission, Reply, SatisfactionRecord
from qinglian.npc.selectors import figures
from qinglian.npc.selectors import suggestions as selectors
from qinglian.npc.tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    AssignmentFactory,
    DeputyFactory,
    NpcMeetingFactory,
    SuggestionFactory,
)

D = dt.date
AS_OF = D(2026, 11, 25)


def _handled(organ, unit, number, reply_on=None, result="solved", level=None, status=SuggestionStatus.REPLIED):
    suggestion = SuggestionFactory(organ=organ, number=number, status=status, assigned_on=D(2026, 1, 20))
    lead = AssignmentFactory(suggestion=suggestion, unit=unit)
    reply = None
    if reply_on:
        reply = Reply.objects.create(organ=organ, suggestion=suggestion, assignment=lead, date=reply_on, result=result)
        if level:
            SatisfactionRecord.objects.create(organ=organ, reply=reply, recorded_on=reply_on, level=level)
    return suggestion, lead, reply


@pytest.fixture
def suggestions(org, bureau, bureau2):
    organ = org.organ
    s1, _, _ = _handled(organ, bureau, "第1号", D(2026, 4, 10), "solved", "satisfied")
    s2, _, _ = _handled(organ, bureau, "第2号", D(2026, 4, 21), "solving", "basically")  # one day late
    s3, lead3, first = _handled(organ, bureau, "第3号", D(2026, 3, 1), "reference", "dissatisfied")
    rereply = Reply.objects.create(
        organ=organ, suggestion=s3, assignment=lead3, date=D(2026, 3, 20), result="solved", is_rereply=True,
        replaces=first,
    )  # fmt: skip
    SatisfactionRecord.objects.create(organ=organ, reply=rereply, recorded_on=D(2026, 3, 25), level="dissatisfied")
    s4, _, _ = _handled(organ, bureau2, "第4号", status=SuggestionStatus.ASSIGNED)  # overdue since 4-20
    s5, _, _ = _handled(organ, bureau2, "第5号", D(2026, 4, 1), "planned")
    s6 = SuggestionFactory(organ=organ, number="第6号")  # registered, not assigned
    return [s1, s2, s3, s4, s5, s6]


def test_handling_stats_per_unit_and_for_the_organ(org, suggestions):
    per_unit, total = figures.handling_stats(organ_id=org.organ.pk, year=2026, as_of=AS_OF)
    assert (total.total, total.replied, total.on_time, total.solved) == (6, 4, 3, 3)
    assert total.solved_rate.percent == Decimal("75.0")  # 已解决+正在解决 over replied; the re-reply's result counts
    assert (total.satisfied, total.evaluated) == (2, 3)  # the latest evaluation of 第3号 is 不满意
    assert total.satisfaction_rate.percent == Decimal("66.7")
    housing, planning = per_unit
    assert housing.unit_name == "市住房和城乡建设局"
    assert (housing.total, housing.replied, housing.on_time, housing.solved) == (3, 3, 2, 3)
    assert (planning.total, planning.replied, planning.on_time, planning.solved) == (2, 1, 1, 0)
    assert planning.satisfaction_rate.percent is None


def test_the_overdue_filter_finds_the_unreplied_suggestion_past_three_months(org, suggestions, party_officer):
    overdue = selectors.suggestion_list(party_officer, overdue=True, as_of=AS_OF)
    assert [s.number for s in overdue] == ["第4号"]
    assert selectors.suggestion_list(party_officer, overdue=True, as_of=D(2026, 4, 20)).count() == 0
    assert selectors.suggestion_list(party_officer, year=2026, status="replied").count() == 4


def test_a_suggestions_deadlines(org, suggestions):
    deadlines = selectors.suggestion_deadlines(suggestions[3], as_of=AS_OF)
    assert deadlines.reply_due == D(2026, 4, 20) and deadlines.overdue and deadlines.notify_due is None


@pytest.fixture
def items(org, bureau):
    standing = NpcMeetingFactory(organ=org.organ, date=D(2026, 6, 25))
    late_year = NpcMeetingFactory(organ=org.organ, date=D(2026, 12, 30))
    special = NpcMeetingFactory(organ=org.organ, date=D(2026, 10, 15))
    chair = NpcMeetingFactory(organ=org.organ, date=D(2026, 6, 20), kind=NpcMeetingKind.CHAIRPERSONS)
    made = {
        "on_time": AgendaItemFactory(meeting=standing, submitting_unit=org.unit_a, deadline=D(2026, 6, 10)),
        "late": AgendaItemFactory(
            meeting=standing, submitting_unit=org.unit_a, deadline=D(2026, 6, 10), kind="regulation"
        ),
        "missing": AgendaItemFactory(
            meeting=standing, submitting_unit=bureau, deadline=D(2026, 6, 10), kind="resolution"
        ),
        "not_due": AgendaItemFactory(
            meeting=late_year, submitting_unit=bureau, deadline=D(2026, 12, 16), kind="inspection"
        ),
        "special": AgendaItemFactory(
            meeting=special, submitting_unit=bureau, deadline=D(2026, 9, 24), final_deadline=D(2026, 9, 30)
        ),
        "chair": AgendaItemFactory(meeting=chair, kind="regulation"),
    }
    for key, day, final in (("on_time", D(2026, 6, 9), False), ("late", D(2026, 6, 12), False)):
        _submit(made[key], day, final)
    _submit(made["special"], D(2026, 9, 20), False)
    _submit(made["special"], D(2026, 9, 29), True)
    return made


def _submit(item, day, final):
    version = item.submissions.count() + 1
    at = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 16))
    MaterialSubmission.objects.create(
        organ=item.organ, agenda_item=item, version=version, submitted_at=at, is_final=final
    )


def test_materials_on_time_per_unit(org, items):
    per_unit, total = figures.materials_stats(organ_id=org.organ.pk, year=2026, as_of=AS_OF)
    assert (total.items, total.on_time, total.late, total.missing) == (4, 2, 1, 1)  # "not_due" is not counted yet
    assert total.on_time_rate.percent == Decimal("50.0")
    by_name = {row.unit_name: row for row in per_unit}
    assert (by_name["办公室"].items, by_name["办公室"].on_time) == (2, 1)
    assert (by_name["市住房和城乡建设局"].items, by_name["市住房和城乡建设局"].missing) == (2, 1)


def test_deputy_activity_counts_per_year(org):
    a, b = DeputyFactory(organ=org.organ, name="甲代表"), DeputyFactory(organ=org.organ, name="乙代表")
    ActivityFactory(organ=org.organ, kind="reception").deputies.set([a, b])
    ActivityFactory(organ=org.organ, kind="research").deputies.set([a])
    ActivityFactory(organ=org.organ, date=D(2025, 5, 1)).deputies.set([a, b])
    counts = figures.deputy_activity_counts(organ_id=org.organ.pk, year=2026)
    assert [(c.deputy_name, c.total, c.by_kind) for c in counts] == [
        ("甲代表", 2, {"reception": 1, "research": 1}),
        ("乙代表", 1, {"reception": 1}),
    ]


def test_the_years_figures_and_their_drill_down(org, suggestions, items, party_officer, sysadmin):
    found = {f.key: f for f in figures.year_figures(organ_id=org.organ.pk, year=2026, as_of=AS_OF)}
    assert found["reports_reviewed"].value == 2  # the 主任会议 item is not a Standing Committee figure
    assert (found["regulations"].value, found["resolutions"].value, found["inspection_opinions"].value) == (1, 1, 1)
    assert (found["suggestions"].value, found["suggestions_replied"].value) == (6, 4)
    assert found["solved_rate"].value == Decimal("75.0") and found["solved_rate"].ratio == figures.Ratio(3, 4)
    assert found["satisfaction_rate"].value == Decimal("66.7")
    assert found["materials_on_time_rate"].value == Decimal("50.0")
    drill = figures.figure_queryset(party_officer, found["solved_rate"])
    assert sorted(s.number for s in drill) == ["第1号", "第2号", "第3号"]
    reports = figures.figure_queryset(party_officer, found["reports_reviewed"])
    assert {i.pk for i in reports} == {items["on_time"].pk, items["special"].pk}
    assert not figures.figure_queryset(sysadmin, found["solved_rate"]).exists()
