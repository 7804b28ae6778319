"""Reads for the year's figures page and the publishable summary of suggestion handling.

`page_figures` is `figures.year_figures` plus the figures that page also shows (按期答复率, 重点督办,
代表活动次数), in the order the annual report lists them, each with its definition. `unit_summary` is the table
a Standing Committee publishes with its report on suggestion handling (代表建议办理情况汇总表): per handling
unit, lead and co assignments, replies by result and evaluations by level. It holds no personal data.

Counting follows figures.py (docs/npc.md "Figures"): a suggestion counts in its handling year, for the
lead unit that replied, else its active lead; a re-reply's result and the latest evaluation replace earlier ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from qinglian.core import clock
from qinglian.npc.choices import HandlingRole, ReplyResult, Satisfaction
from qinglian.npc.models import DeputyActivity, NpcMeeting, Suggestion
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.figures import Figure, Ratio, handling_stats, year_figures
from qinglian.npc.selectors.suggestions import (
    answering_lead,
    first_reply,
    latest_evaluation,
    latest_reply,
    reply_deadline,
    suggestions_with_handling,
)

# Definitions shown in small print under each figure (from docs/npc.md and selectors/figures.py).
_AGENDA_NOTE = "常委会会议上该类议题的项数，按会议日期计入年度；主任会议的议题是会前准备，不计入"
DEFINITIONS: dict[str, str] = {
    "reports_reviewed": _AGENDA_NOTE + "（含专项工作报告）",
    "regulations": _AGENDA_NOTE,
    "resolutions": _AGENDA_NOTE,
    "inspection_opinions": _AGENDA_NOTE,
    "suggestions": "办理年度（建议编号所属年度）的代表建议件数，含尚未交办的",
    "key_suggestions": "主任会议确定重点督办、明确督办委室和督办领导的建议件数",
    "suggestions_replied": "主办单位已作出首次答复的建议件数",
    "on_time_rate": (
        "首次答复（不含重新答复）不晚于答复期限的件数 ÷ 已答复件数。答复期限自该主办单位交办之日起3个月，"
        "经批准延期的6个月（代表法第五十一条；规则NPC-001现行参数）"
    ),
    "solved_rate": (
        "最近一次答复为“已解决”“正在解决”的件数 ÷ 已答复件数（即办理落实率）；重新答复的结果取代原答复，"
        "“列入计划”“留作参考”不计入"
    ),
    "satisfaction_rate": "最近一次测评为“满意”“基本满意”的件数 ÷ 已测评件数",
    "materials_on_time_rate": (
        "按期报送的议题数 ÷ 截至统计日已到报送期限或已报送的议题数（常委会会议和主任会议）。按期：首次报送不晚于"
        "报送期限；专项工作报告的定稿还须不晚于修改稿送交期限。以报送时间为准，不以签收时间为准"
    ),
    "activities": (
        "代表履职活动（接待选民、视察、调研、执法检查、立法征求意见、回原选区、代表小组活动）的次数，按活动日期计入年度"
    ),
}

# (heading, keys) in the order the annual report reads.
GROUPS: list[tuple[str, list[str]]] = [
    ("常委会依法履职", ["reports_reviewed", "regulations", "resolutions", "inspection_opinions"]),
    (
        "代表建议办理",
        ["suggestions", "key_suggestions", "suggestions_replied", "on_time_rate", "solved_rate", "satisfaction_rate"],
    ),
    ("会议服务与代表活动", ["materials_on_time_rate", "activities"]),
]
ORDER = [key for _, keys in GROUPS for key in keys]


def on_time_figure(*, organ_id: int, year: int, as_of: dt.date) -> Figure:
    """按期答复率: first replies on or before NPC-001's deadline over suggestions replied (figures.py)."""
    _, handled = handling_stats(organ_id=organ_id, year=year, as_of=as_of)
    ratio = handled.on_time_rate
    filters = {"pk__in": handled.on_time_ids}
    return Figure("on_time_rate", "按期答复率", ratio.percent, "%", "npc.suggestion", filters, ratio)


def page_figures(*, organ_id: int, year: int, as_of: dt.date | None = None) -> list[Figure]:
    """The figures of the page, in `ORDER`; each has `model` + `filters` for `figure_queryset`."""
    as_of = as_of or clock.today()
    found = {f.key: f for f in year_figures(organ_id=organ_id, year=year, as_of=as_of)}
    found["on_time_rate"] = on_time_figure(organ_id=organ_id, year=year, as_of=as_of)
    key_filter = {"year": year, "is_key": True}
    found["key_suggestions"] = Figure(
        "key_suggestions",
        "重点督办建议",
        Suggestion.objects.filter(organ_id=organ_id, **key_filter).count(),
        "件",
        "npc.suggestion",
        key_filter,
    )
    act_filter = {"date__year": year}
    found["activities"] = Figure(
        "activities",
        "代表履职活动",
        DeputyActivity.objects.filter(organ_id=organ_id, **act_filter).count(),
        "次",
        "npc.deputyactivity",
        act_filter,
    )
    return [found[k] for k in ORDER if k in found] + [f for k, f in found.items() if k not in ORDER]


@dataclass(frozen=True)
class FigureCompared:
    """A figure of the year beside the previous year's; `delta` is None when either side has no value."""

    figure: Figure
    previous: Figure | None
    definition: str

    @property
    def previous_value(self):
        """Last year's value, None when there is nothing to compare with (no rate, or a count of nothing: a
        ledger not yet kept that year would otherwise show every figure as a rise)."""
        value = self.previous.value if self.previous is not None else None
        if value is None or (self.figure.unit != "%" and value == 0):
            return None
        return value

    @property
    def delta(self):
        if self.previous_value is None or self.figure.value is None:
            return None
        return self.figure.value - self.previous_value

    @property
    def delta_text(self) -> str:
        """ "+3 件", "−2.5 个百分点", "持平", or "" when not comparable."""
        delta = self.delta
        if delta is None:
            return ""
        if delta == 0:
            return "持平"
        unit = "个百分点" if self.figure.unit == "%" else self.figure.unit
        sign = "+" if delta > 0 else "−"
        return f"{sign}{abs(delta)} {unit}"


def compared_figures(*, organ_id: int, year: int, as_of: dt.date | None = None) -> list[FigureCompared]:
    as_of = as_of or clock.today()
    before = {f.key: f for f in page_figures(organ_id=organ_id, year=year - 1, as_of=as_of)}
    return [
        FigureCompared(f, before.get(f.key), DEFINITIONS.get(f.key, ""))
        for f in page_figures(organ_id=organ_id, year=year, as_of=as_of)
    ]


def figure_by_key(*, organ_id: int, year: int, key: str, as_of: dt.date | None = None) -> Figure | None:
    return next((f for f in page_figures(organ_id=organ_id, year=year, as_of=as_of) if f.key == key), None)


# --- the publishable summary per handling unit ------------------------------------------------------------


@dataclass
class UnitSummary:
    """One handling unit's line of the summary table (unit_id None: the totals)."""

    unit_id: int | None
    unit_name: str
    lead: int = 0  # 主办件数
    co: int = 0  # 协办件数 (active co assignments)
    replied: int = 0
    on_time: int = 0
    results: Counter = field(default_factory=Counter)  # ReplyResult value → suggestions, by latest reply
    levels: Counter = field(default_factory=Counter)  # Satisfaction value → suggestions, by latest evaluation

    @property
    def solved(self) -> int:
        return self.results[ReplyResult.SOLVED]

    @property
    def solving(self) -> int:
        return self.results[ReplyResult.SOLVING]

    @property
    def planned(self) -> int:
        return self.results[ReplyResult.PLANNED]

    @property
    def reference(self) -> int:
        return self.results[ReplyResult.REFERENCE]

    @property
    def satisfied(self) -> int:
        return self.levels[Satisfaction.SATISFIED]

    @property
    def basically(self) -> int:
        return self.levels[Satisfaction.BASICALLY]

    @property
    def dissatisfied(self) -> int:
        return self.levels[Satisfaction.DISSATISFIED]

    @property
    def solved_rate(self) -> Ratio:
        return Ratio(self.solved + self.solving, self.replied)

    @property
    def satisfaction_rate(self) -> Ratio:
        return Ratio(self.satisfied + self.basically, sum(self.levels.values()))

    def add(self, other: UnitSummary) -> None:
        self.lead += other.lead
        self.co += other.co
        self.replied += other.replied
        self.on_time += other.on_time
        self.results.update(other.results)
        self.levels.update(other.levels)


@dataclass
class SummaryTable:
    year: int
    units: list[UnitSummary]
    total: UnitSummary
    unassigned: int  # suggestions of the year not (or no longer) assigned to a lead unit


def _count_lead(row: UnitSummary, s: Suggestion, params) -> None:
    row.lead += 1
    reply = first_reply(s)
    if reply is None:
        return
    row.replied += 1
    _, due = reply_deadline(s, params)
    row.on_time += due is not None and reply.date <= due
    row.results[latest_reply(s).result] += 1
    evaluation = latest_evaluation(s)
    if evaluation is not None:
        row.levels[evaluation.level] += 1


def unit_summary(*, organ_id: int, year: int, as_of: dt.date | None = None) -> SummaryTable:
    """Per handling unit (by name) and totals (the sum of the units' lines) for the suggestions of `year`."""
    as_of = as_of or clock.today()
    params = rule_params("NPC-001", organ_id=organ_id, on=as_of)
    rows: dict[int, UnitSummary] = {}
    unassigned = 0

    def row_for(unit) -> UnitSummary:
        return rows.setdefault(unit.pk, UnitSummary(unit.pk, unit.name))

    for s in suggestions_with_handling(organ_id=organ_id, years=[year]):
        lead = answering_lead(s)
        if lead is None:
            unassigned += 1
        else:
            _count_lead(row_for(lead.unit), s, params)
        for a in s.assignments.all():
            if a.role == HandlingRole.CO and a.is_active:
                row_for(a.unit).co += 1
    units = sorted(rows.values(), key=lambda r: r.unit_name)
    total = UnitSummary(None, "合计")
    for row in units:
        total.add(row)
    return SummaryTable(year, units, total, unassigned)


def known_years(organ_id: int, *, around: int) -> list[int]:
    """Years that have suggestions, meetings or activities, with `around` and the current year; newest first."""
    years = {around, clock.today().year}
    years |= set(Suggestion.objects.filter(organ_id=organ_id).order_by().values_list("year", flat=True).distinct())
    years |= {d.year for d in NpcMeeting.objects.filter(organ_id=organ_id).dates("date", "year")}
    years |= {d.year for d in DeputyActivity.objects.filter(organ_id=organ_id).dates("date", "year")}
    return sorted(years, reverse=True)
