"""分析研判和报告: the period arithmetic the schedule and the rules share, and the reads of the schedule.

The arithmetic is pure (a year, the parameters, a working-day calendar in; the expected items out), so the service
that plans a year and the rules IDEO-030…032 that judge it can never disagree on which periods a year has or when
each is due:

- IDEO-030 分析研判: `periods_per_year` periods (4 = quarters, 2 = halves; a value that does not divide 12 is
  refused), each due `grace_working_days` working days after its last day.
- IDEO-031 向上级报告: one per year, due on `due_month`/`due_day` of that year; a due day that is a rest day runs to
  the next working day (民法典 Art.203, core.workdays.roll_forward), as every deadline of the house does.
- IDEO-032 党内通报: as IDEO-030, with its own two parameters.

A grace of 0 working days is the period's last day itself, rolled forward when it is a rest day.

The parameters of a year are those in force on that year's day `params_day` picks (the day being looked at, kept
inside the year): a check for D reads the set in force on D for D's year and the one in force on 31 December for
the year before, and a year planned ahead reads the set in force on its 1 January. Read through the compliance
parameter API (sets_in_force + resolve), as the other apps' selectors do.

The Party group's own study of ideology work (党组专题研究意识形态, DUTY-005) is not here: the duty app counts it
from the Party-group meetings' agenda tags.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import Params, get_rule
from qinglian.core import clock, workdays
from qinglian.core.errors import InvalidInput, NotFound
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

ANALYSIS_RULE, REPORT_RULE, BRIEFING_RULE = "IDEO-030", "IDEO-031", "IDEO-032"
RULE_OF_KIND: dict[str, str] = {
    ReportKind.ANALYSIS: ANALYSIS_RULE,
    ReportKind.ANNUAL_REPORT: REPORT_RULE,
    ReportKind.BRIEFING: BRIEFING_RULE,
}
KIND_OF_RULE = {code: kind for kind, code in RULE_OF_KIND.items()}
KINDS = tuple(ReportKind.values)  # the page's and the rules' order
SOON_WORKING_DAYS = 10  # 即将到期 and the to-do list: due within two working weeks (a page's window, not a rule's)
CN_NUMBERS = "一二三四五六七八九十"
DEFAULT_RECIPIENT = {ReportKind.ANNUAL_REPORT: "上级党委", ReportKind.BRIEFING: "机关各党支部"}


@dataclass(frozen=True)
class Expected:
    """One item a year must have: its kind, period, due date and the name it is planned under."""

    kind: str
    start: dt.date
    end: dt.date
    due: dt.date
    label: str  # 第一季度, 上半年, 全年 …

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def key(self) -> tuple[str, dt.date]:
        return (self.kind, self.start)

    @property
    def title(self) -> str:
        if self.kind == ReportKind.ANALYSIS:
            return f"{self.year}年{self.label}意识形态形势分析研判"
        if self.kind == ReportKind.ANNUAL_REPORT:
            return f"{self.year}年度意识形态工作责任制落实情况报告"
        return f"{self.year}年{self.label}意识形态领域情况党内通报"


# --- the arithmetic (pure) -------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def period_label(index: int, per_year: int, first_month: int, last_month: int) -> str:
    """How the organ names the index-th (0-based) of `per_year` periods."""
    if per_year == 1:
        return "全年"
    if per_year == 2:
        return "上半年" if index == 0 else "下半年"
    if per_year == 4:
        return f"第{CN_NUMBERS[index]}季度"
    if per_year == 12:
        return f"{first_month}月"
    return f"第{CN_NUMBERS[index]}期（{first_month}—{last_month}月）"


def periods(year: int, per_year: int) -> list[tuple[dt.date, dt.date, str]]:
    """The year cut into `per_year` equal runs of whole months: (first day, last day, label). ValueError (Chinese)
    for a count that does not cut twelve months evenly."""
    if per_year < 1 or 12 % per_year:
        raise ValueError(f"每年期数应能整除12（1、2、3、4、6、12），现为{per_year}")
    months = 12 // per_year
    out = []
    for index in range(per_year):
        first, last = index * months + 1, (index + 1) * months
        out.append((dt.date(year, first, 1), _month_end(year, last), period_label(index, per_year, first, last)))
    return out


def due_after(end: dt.date, grace_working_days: int, cal: workdays.WorkCalendar) -> dt.date:
    """`grace_working_days` working days after the period's last day; 0 is the last day, run to a working day."""
    if grace_working_days <= 0:
        return cal.roll_forward(end)
    return cal.add_working_days(end, grace_working_days)


def annual_due(year: int, month: int, day: int, cal: workdays.WorkCalendar) -> dt.date:
    """The report upward on `year`: that year's month and day, run forward to a working day (民法典 Art.203)."""
    try:
        due = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"报告期限{month}月{day}日不是有效日期") from None
    return cal.roll_forward(due)


def expected_items(
    year: int, params: Mapping[str, Mapping[str, Any]], cal: workdays.WorkCalendar | None = None
) -> list[Expected]:
    """Every item `year` must have, by kind then period, from each rule's parameters (code → values). A kind whose
    rule has no parameters in `params` is left out."""
    cal = cal or workdays.current()
    out: list[Expected] = []
    for kind in KINDS:
        values = params.get(RULE_OF_KIND[kind])
        if values is None:
            continue
        if kind == ReportKind.ANNUAL_REPORT:
            due = annual_due(year, int(values["due_month"]), int(values["due_day"]), cal)
            out.append(Expected(kind, dt.date(year, 1, 1), dt.date(year, 12, 31), due, "全年"))
            continue
        grace = int(values["grace_working_days"])
        for start, end, label in periods(year, int(values["periods_per_year"])):
            out.append(Expected(kind, start, end, due_after(end, grace, cal), label))
    return out


# --- the parameters of a year ----------------------------------------------------------------------------------


def params_day(year: int, on: dt.date) -> dt.date:
    """The day whose parameters govern `year` when looked at on `on`: `on` kept inside the year."""
    return max(dt.date(year, 1, 1), min(on, dt.date(year, 12, 31)))


def year_params(organ_id: int, year: int, on: dt.date, codes: tuple[str, ...] = tuple(KIND_OF_RULE)) -> dict:
    """code → Params in force for `year` (see params_day). MissingParameters (Chinese) when a rule has none."""
    day = params_day(year, on)
    in_force = sets_in_force(organ_id=organ_id, on=day, codes=codes)
    return {code: resolve(get_rule(code), in_force.get(code)) for code in codes}


def expected_for(organ_id: int, year: int, on: dt.date | None = None) -> list[Expected]:
    """The year's expected items under the parameters in force, for the service and the pages; InvalidInput
    (Chinese) when a parameter is missing or unusable."""
    try:
        return expected_items(year, year_params(organ_id, year, on or clock.today()))
    except (MissingParameters, NotFound, ValueError) as exc:
        raise InvalidInput(f"无法按规则参数排出{year}年的计划：{exc}") from None


def params_text(params: Mapping[str, Params]) -> str:
    """The parameters as the page states them."""
    a, r, b = (params.get(code) for code in (ANALYSIS_RULE, REPORT_RULE, BRIEFING_RULE))
    parts = []
    if a is not None:
        parts.append(f"分析研判每年{a['periods_per_year']}次，期间结束后{a['grace_working_days']}个工作日内完成")
    if r is not None:
        parts.append(f"向上级报告于{r['due_month']}月{r['due_day']}日前报送")
    if b is not None:
        parts.append(f"党内通报每年{b['periods_per_year']}次，期间结束后{b['grace_working_days']}个工作日内完成")
    return "；".join(parts)


# --- status ----------------------------------------------------------------------------------------------------

NOT_DUE, SOON, OVERDUE, DONE, DONE_LATE = "not_due", "soon", "overdue", "done", "done_late"
STATUS_LABELS = {NOT_DUE: "未到期", SOON: "即将到期", OVERDUE: "逾期", DONE: "已完成", DONE_LATE: "逾期完成"}
STATUS_BADGES = {
    NOT_DUE: "text-bg-light",
    SOON: "text-bg-warning",
    OVERDUE: "text-bg-danger",
    DONE: "text-bg-success",
    DONE_LATE: "text-bg-secondary",
}


def status_of(due: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    if done_on is not None:
        return DONE if done_on <= due else DONE_LATE
    if workdays.is_overdue(due, today):
        return OVERDUE
    if workdays.working_days_between(today, due) <= SOON_WORKING_DAYS:
        return SOON
    return NOT_DUE


def soon_through(today: dt.date) -> dt.date:
    """Items due on or before this day are due within SOON_WORKING_DAYS working days (or overdue)."""
    return workdays.add_working_days(today, SOON_WORKING_DAYS)


# --- reads -----------------------------------------------------------------------------------------------------


def report_items(user: Any, *, year: int | None = None, kind: str = "", status: str = "") -> list[ReportItem]:
    """The items `user` sees, of a year (by period) and kind, each with `.status` and `.status_label` set."""
    qs = ReportItem.objects.visible_to(user).select_related("responsible", "responsible__unit")
    if year is not None:
        qs = qs.filter(period_start__year=year)
    if kind in KINDS:
        qs = qs.filter(kind=kind)
    today = clock.today()
    rows = list(qs.order_by("period_start", "kind", "pk"))
    order = {k: i for i, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (order[r.kind], r.period_start, r.pk))
    for row in rows:
        row.status = status_of(row.due_on, row.done_on, today)
        row.status_label = STATUS_LABELS[row.status]
        row.badge = STATUS_BADGES[row.status]
    return [r for r in rows if r.status == status] if status in STATUS_LABELS else rows


def grouped(rows: list[ReportItem]) -> list[tuple[str, str, list[ReportItem]]]:
    """(kind, label, rows) for each kind, in order, with the kinds that have none too (the page says so)."""
    return [(k, ReportKind(k).label, [r for r in rows if r.kind == k]) for k in KINDS]


def missing_periods(organ_id: int, year: int, expected: list[Expected]) -> list[Expected]:
    """The expected items of `year` with no live row yet (the plan button's promise)."""
    have = set(
        ReportItem.objects.filter(organ_id=organ_id, period_start__year=year).values_list("kind", "period_start")
    )
    return [e for e in expected if e.key not in have]


def undos(item: ReportItem) -> list[Any]:
    """The completions taken back, newest first: each history row of an undo (when, who, the reason)."""
    rows = item.history.filter(history_change_reason__startswith="撤销完成").select_related("history_user")
    return list(rows.order_by("-history_date", "-history_id"))


def pending_items(user: Any) -> QuerySet[ReportItem]:
    """Not done and due within SOON_WORKING_DAYS working days or overdue: the responsible person's own, and for the
    party-affairs office the ones nobody is responsible for yet. One query, no per-row reads."""
    scope = scope_of(user)
    if not scope.is_business or scope.read_only or scope.organ_id is None:
        return ReportItem.objects.none()
    mine = Q(responsible_id=scope.person_id) if scope.person_id else Q(pk__in=[])
    if scope.has(Role.PARTY_OFFICER):
        mine |= Q(responsible__isnull=True)
    return (
        ReportItem.objects.filter(
            organ_id=scope.organ_id, done_on__isnull=True, due_on__lte=soon_through(clock.today())
        )
        .filter(mine)
        .order_by("due_on", "pk")
    )
