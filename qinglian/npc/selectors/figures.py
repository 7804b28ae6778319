"""Figures computed from the ledgers: handling statistics per unit, materials on time, deputies' activity,
and the year's figures with a drill-down for each.

Definitions (docs/npc.md):
- A suggestion belongs to its handling year (`Suggestion.year`) and to the lead unit that replied, or else
  to its active lead unit.
- 按期答复: the first reply (not a re-reply) dated on or before the reply deadline of NPC-001 (parameters in
  force on `as_of`).
- 办理落实率 (the rate commonly published as "解决率"): suggestions whose latest reply is 已解决 or 正在解决, over
  suggestions replied. 列入计划 and 留作参考 do not count.
- 满意率: suggestions whose latest evaluation is 满意 or 基本满意, over suggestions with an evaluation recorded.
- 材料按时报送率: agenda items submitted on time (first version by `deadline` and, for a special work report,
  a final version by `final_deadline`), over items due by `as_of` or already submitted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from qinglian.core import clock
from qinglian.npc.choices import SATISFIED_LEVELS, SOLVED_RESULTS, AgendaKind, NpcMeetingKind
from qinglian.npc.models import DeputyActivity, MeetingAgendaItem, Suggestion
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.meetings import agenda_items_with_submissions, item_timeliness
from qinglian.npc.selectors.suggestions import (
    answering_lead,
    first_reply,
    latest_evaluation,
    latest_reply,
    reply_deadline,
    suggestions_with_handling,
)


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """Percentage with one decimal (ROUND_HALF_UP), None when there is nothing to count."""
        if not self.denominator:
            return None
        value = Decimal(self.numerator * 100) / Decimal(self.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class HandlingStats:
    """Suggestions of one lead unit (unit_id None: the whole organ) in a year."""

    unit_id: int | None
    unit_name: str
    total: int = 0
    replied: int = 0
    on_time: int = 0
    solved: int = 0
    evaluated: int = 0
    satisfied: int = 0
    replied_ids: list[int] = field(default_factory=list)
    on_time_ids: list[int] = field(default_factory=list)
    solved_ids: list[int] = field(default_factory=list)
    satisfied_ids: list[int] = field(default_factory=list)

    @property
    def on_time_rate(self) -> Ratio:
        return Ratio(self.on_time, self.replied)

    @property
    def solved_rate(self) -> Ratio:
        return Ratio(self.solved, self.replied)

    @property
    def satisfaction_rate(self) -> Ratio:
        return Ratio(self.satisfied, self.evaluated)


def _add(stats: HandlingStats, s: Suggestion, params) -> None:
    stats.total += 1
    reply = first_reply(s)
    if reply is None:
        return
    stats.replied += 1
    stats.replied_ids.append(s.pk)
    _, due = reply_deadline(s, params)
    if due is not None and reply.date <= due:
        stats.on_time += 1
        stats.on_time_ids.append(s.pk)
    if latest_reply(s).result in SOLVED_RESULTS:
        stats.solved += 1
        stats.solved_ids.append(s.pk)
    evaluation = latest_evaluation(s)
    if evaluation is not None:
        stats.evaluated += 1
        if evaluation.level in SATISFIED_LEVELS:
            stats.satisfied += 1
            stats.satisfied_ids.append(s.pk)


def handling_stats(
    *, organ_id: int, year: int, as_of: dt.date | None = None
) -> tuple[list[HandlingStats], HandlingStats]:
    """(per lead unit, ordered by unit name; the organ's totals) for the suggestions of `year`.

    Suggestions not yet assigned count in the totals only.
    """
    as_of = as_of or clock.today()
    params = rule_params("NPC-001", organ_id=organ_id, on=as_of)
    total = HandlingStats(None, "合计")
    per_unit: dict[int, HandlingStats] = {}
    for s in suggestions_with_handling(organ_id=organ_id, years=[year]):
        _add(total, s, params)
        lead = answering_lead(s)
        if lead is not None:
            row = per_unit.setdefault(lead.unit_id, HandlingStats(lead.unit_id, lead.unit.name))
            _add(row, s, params)
    return sorted(per_unit.values(), key=lambda r: r.unit_name), total


@dataclass
class MaterialStats:
    """Agenda items of one submitting unit (unit_id None: all) whose meetings fall in a year."""

    unit_id: int | None
    unit_name: str
    items: int = 0  # due by as_of, or already submitted
    on_time: int = 0
    late: int = 0
    missing: int = 0
    on_time_ids: list[int] = field(default_factory=list)

    @property
    def on_time_rate(self) -> Ratio:
        return Ratio(self.on_time, self.items)


def _count_item(stats: MaterialStats, item, state: str) -> None:
    stats.items += 1
    setattr(stats, state, getattr(stats, state) + 1)
    if state == "on_time":
        stats.on_time_ids.append(item.pk)


def materials_stats(
    *, organ_id: int, year: int, as_of: dt.date | None = None
) -> tuple[list[MaterialStats], MaterialStats]:
    """(per submitting unit, ordered by unit name; totals) of materials on time in `year`."""
    as_of = as_of or clock.today()
    total = MaterialStats(None, "合计")
    per_unit: dict[int, MaterialStats] = {}
    for item in agenda_items_with_submissions(organ_id=organ_id, years=[year]):
        state = item_timeliness(item, as_of)
        if state is None:
            continue
        unit = item.submitting_unit
        _count_item(per_unit.setdefault(unit.pk, MaterialStats(unit.pk, unit.name)), item, state)
        _count_item(total, item, state)
    return sorted(per_unit.values(), key=lambda r: r.unit_name), total


@dataclass(frozen=True)
class DeputyActivityCount:
    deputy_id: int
    deputy_name: str
    total: int
    by_kind: dict[str, int]  # ActivityKind value → count


def deputy_activity_counts(*, organ_id: int, year: int) -> list[DeputyActivityCount]:
    """Activities each deputy took part in during `year`, most active first. Two queries."""
    through = DeputyActivity.deputies.through
    rows = through.objects.filter(
        deputyactivity__organ_id=organ_id,
        deputyactivity__date__year=year,
        deputyactivity__deleted_at=None,
        deputy__deleted_at=None,
    ).values_list("deputy_id", "deputy__name", "deputyactivity__kind")
    names: dict[int, str] = {}
    kinds: dict[int, Counter] = defaultdict(Counter)
    for deputy_id, name, kind in rows:
        names[deputy_id] = name
        kinds[deputy_id][kind] += 1
    counts = [DeputyActivityCount(d, names[d], sum(c.values()), dict(c)) for d, c in kinds.items()]
    return sorted(counts, key=lambda c: (-c.total, c.deputy_name))


# --- the year's figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure of the year and how to list what it counts: `model` with `filters` (plain lookups)."""

    key: str
    label: str
    value: int | Decimal | None
    unit: str
    model: str  # "npc.meetingagendaitem"
    filters: dict[str, Any]
    ratio: Ratio | None = None


def _agenda_figure(key: str, label: str, kind: str, organ_id: int, year: int) -> Figure:
    filters = {
        "meeting__kind": NpcMeetingKind.STANDING,
        "meeting__date__year": year,
        "meeting__deleted_at": None,
        "kind": kind,
    }
    value = MeetingAgendaItem.objects.filter(organ_id=organ_id, **filters).count()
    return Figure(key, label, value, "项", "npc.meetingagendaitem", filters)


def _rate(key: str, label: str, ratio: Ratio, model: str, ids: list[int]) -> Figure:
    return Figure(key, label, ratio.percent, "%", model, {"pk__in": ids}, ratio)


def year_figures(*, organ_id: int, year: int, as_of: dt.date | None = None) -> list[Figure]:
    """The year's figures (一府两院报告, 法规, 决议决定, 审议意见, 代表建议, 材料报送), each with its drill-down."""
    _, handled = handling_stats(organ_id=organ_id, year=year, as_of=as_of)
    _, materials = materials_stats(organ_id=organ_id, year=year, as_of=as_of)
    return [
        _agenda_figure("reports_reviewed", "听取审议一府两院工作报告", AgendaKind.REPORT_REVIEW, organ_id, year),
        _agenda_figure("regulations", "审查（审议）地方性法规", AgendaKind.REGULATION, organ_id, year),
        _agenda_figure("resolutions", "作出决议决定", AgendaKind.RESOLUTION, organ_id, year),
        _agenda_figure("inspection_opinions", "执法检查报告/审议意见", AgendaKind.INSPECTION, organ_id, year),
        Figure("suggestions", "办理代表建议", handled.total, "件", "npc.suggestion", {"year": year}),
        Figure(
            "suggestions_replied",
            "已答复代表建议",
            handled.replied,
            "件",
            "npc.suggestion",
            {"pk__in": handled.replied_ids},
        ),
        _rate(
            "solved_rate", "办理落实率（已解决和正在解决）", handled.solved_rate, "npc.suggestion", handled.solved_ids
        ),
        _rate(
            "satisfaction_rate",
            "代表满意率（满意和基本满意）",
            handled.satisfaction_rate,
            "npc.suggestion",
            handled.satisfied_ids,
        ),
        _rate(
            "materials_on_time_rate",
            "会议材料按时报送率",
            materials.on_time_rate,
            "npc.meetingagendaitem",
            materials.on_time_ids,
        ),
    ]


def figure_queryset(user: Any, figure: Figure) -> QuerySet:
    """The rows a figure counts that `user` may see: the drill-down behind each number."""
    model = apps.get_model(figure.model)
    return model.objects.visible_to(user).filter(**figure.filters).distinct()
