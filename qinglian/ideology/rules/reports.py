"""IDEO-030…032: the ideology situation analysis on its schedule, the yearly report upward on the responsibility
system, the intra-Party briefings — each held or sent by its due date.

The rules read the parameters, not the schedule's rows: the periods a year must have and their due dates come from
the period arithmetic the planning service uses too (selectors.reports.expected_items), so a period nobody planned
is a finding like a period planned and not held, and a row cannot move its own deadline. The look-back is the year
of D and the year before (a structural window: the shipped parameter sets of these rules have no look_back_years);
the year of D is judged by the parameters in force on D, the year before by those in force on its 31 December.

True on any date: a period is judged once its due date has passed on D (on the due day itself it is still in time,
core.workdays.is_overdue); an item counts as done when its done_on is on or before D and the row is live on D
(rules.common.ledger_rows). Not done by D → red, an open to-do due on the period's due date. Done after the due
date → yellow, 逾期完成, a recorded fact. Findings go to the item's responsible person (and their unit); a period
with no item or no responsible person to the party-affairs office, which keeps the schedule.

The Party group's own study of ideology work (党组专题研究意识形态工作) is DUTY-005's: the duty app counts it from
the Party-group meetings' agenda tags, not here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import OVERDUE_DAYS, Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.ideology.rules.common import CATEGORY, RESPONSIBILITY, ledger_rows
from qinglian.ideology.selectors.reports import (
    ANALYSIS_RULE,
    BRIEFING_RULE,
    REPORT_RULE,
    Expected,
    expected_items,
    year_params,
)

SUBJECTS = "本年度和上一年度应完成的各期（按规则参数排出，未列入计划的期间同样检查）"
DUTY = {
    ReportKind.ANALYSIS: "开展意识形态形势分析研判",
    ReportKind.ANNUAL_REPORT: "向上级党委报告意识形态工作责任制落实情况",
    ReportKind.BRIEFING: "在党内通报意识形态领域情况",
}
POLICY = (
    "期限已过、截至检查日未登记完成（含未列入计划）为红色；逾期后才完成为黄色（逾期完成，记录在案）；"
    "检查日及之前登记的完成日期才计入"
)


def _per_year(label: str, help_text: str) -> Param:
    return Param("periods_per_year", label, unit="次", minimum=1, maximum=12, help=help_text)


GRACE = Param(
    "grace_working_days",
    "期间结束后完成时限",
    unit="个工作日",
    minimum=0,
    maximum=60,
    help="期间最后一天之后的第几个工作日前完成；0 = 期间最后一天（遇节假日顺延）",
    period="working_days",
)


def _rows_by_period(ctx: Context) -> dict[tuple[str, dt.date], list[ReportItem]]:
    """The schedule's rows of the two years, live on D, by (kind, period start) — read once per run for the three
    rules."""
    since = dt.date(ctx.as_of.year - 1, 1, 1)
    out: dict[tuple[str, dt.date], list[ReportItem]] = {}
    for row in ledger_rows(ctx, ReportItem, date_field="period_start", related=("responsible",), since=since):
        out.setdefault((row.kind, row.period_start), []).append(row)
    return out


def _expected(ctx: Context, code: str, kind: str) -> Iterator[Expected]:
    """The kind's periods of the previous year and of D's year whose due date has passed on D."""
    this_year = ctx.as_of.year
    previous = year_params(ctx.organ_id, this_year - 1, ctx.as_of, codes=(code,))
    for year, params in ((this_year - 1, previous[code]), (this_year, ctx.params)):
        for e in expected_items(year, {code: params}):
            if e.kind == kind and workdays.is_overdue(e.due, ctx.as_of):
                yield e


def _subject(e: Expected, rows: list[ReportItem], as_of: dt.date) -> Subject:
    rows = [r for r in rows if r.period_end == e.end]
    done = sorted((r.done_on, r.pk) for r in rows if r.done_on is not None and r.done_on <= as_of)
    chosen = next((r for r in rows if r.pk == done[0][1]), None) if done else (rows[0] if rows else None)
    person = chosen.responsible if chosen is not None else None
    return Subject(
        type="ideology.reportperiod",
        id=f"{e.kind}:{e.start:%Y-%m-%d}",
        label=chosen.title if chosen is not None else e.title,
        period=str(e.year),
        link=f"/ideology/reports/{chosen.pk}/" if chosen is not None else f"/ideology/reports/?year={e.year}",
        unit_id=person.unit_id if person is not None else None,
        person_id=person.pk if person is not None else None,
        data={
            "kind": e.kind,
            "due": e.due,
            "done_on": done[0][0] if done else None,
            "planned": bool(rows),
        },
    )


def collector(code: str, kind: str) -> Callable[[Context], Iterator[Subject]]:
    def collect(ctx: Context) -> Iterator[Subject]:
        rows = _rows_by_period(ctx)
        for e in _expected(ctx, code, kind):
            yield _subject(e, rows.get(e.key, []), ctx.as_of)

    return collect


def judge(subject: Subject) -> Verdict | None:
    """Not done by D: red, due on the period's due date. Done after it: yellow, recorded. Done in time: nothing."""
    d = subject.data
    due, done_on, duty = d["due"], d["done_on"], DUTY[d["kind"]]
    if done_on is None:
        unplanned = "（未列入分析研判和报告计划）" if not d["planned"] else ""
        reason = f"{subject.label}{unplanned}：应于{due:%Y-%m-%d}前{duty}，至今未登记完成，已逾期{OVERDUE_DAYS}"
        return Verdict(Severity.RED, reason, due)
    if done_on > due:
        late = workdays.working_days_between(due, done_on)
        reason = f"{subject.label}：应于{due:%Y-%m-%d}前{duty}，{done_on:%Y-%m-%d}才完成，逾期完成{late}个工作日"
        return Verdict(Severity.YELLOW, reason, due, recorded=True)
    return None


@rule(
    code=ANALYSIS_RULE,
    title="按期开展意识形态形势分析研判",
    basis=(f"{RESPONSIBILITY}；地方实施细则：意识形态工作领导小组每季度至少开展1次分析研判（频次和完成时限按参数）"),
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy=POLICY,
    params=[_per_year("每年分析研判次数", "4 = 每季度，2 = 每半年；须能整除12"), GRACE],
    collect=collector(ANALYSIS_RULE, ReportKind.ANALYSIS),
    short="分析研判未按期开展",
    keeper=party_office,
)
def analysis_on_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return judge(subject)


@rule(
    code=REPORT_RULE,
    title="每年向上级党委报告意识形态工作责任制落实情况",
    basis=f"{RESPONSIBILITY}；地方实施细则：每年向上级党委报告意识形态工作责任制落实情况（报送期限按参数）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy=POLICY + "；报送期限落在节假日的顺延至节后第一个工作日（民法典第二百零三条）",
    params=[
        Param("due_month", "报送期限（月）", unit="月", minimum=1, maximum=12, help="当年的几月"),
        Param("due_day", "报送期限（日）", unit="日", minimum=1, maximum=31, help="该月的几日；12月31日 = 年底前"),
    ],
    collect=collector(REPORT_RULE, ReportKind.ANNUAL_REPORT),
    short="未按期向上级报告意识形态工作",
    keeper=party_office,
)
def report_on_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return judge(subject)


@rule(
    code=BRIEFING_RULE,
    title="定期在党内通报意识形态领域情况",
    basis=f"{RESPONSIBILITY}；地方实施细则：定期在党内通报意识形态领域情况（频次和完成时限按参数）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy=POLICY,
    params=[_per_year("每年党内通报次数", "2 = 每半年，1 = 每年；须能整除12"), GRACE],
    collect=collector(BRIEFING_RULE, ReportKind.BRIEFING),
    short="未按期在党内通报意识形态情况",
    keeper=party_office,
)
def briefing_on_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return judge(subject)
