"""The demo organ's analysis and reporting schedule for last year and this year, kept by the party-affairs officer
(dangwei) through the services on the replayed clock: each year planned from the shipped parameters (quarterly
analyses, the yearly report upward, half-yearly briefings) on the first working day from 8 January; the analyses
and briefings are dangwei's, the report upward the Party group secretary's (shuji). Each item due by the demo's
today is recorded as done on a working day between its period's end and its due date (the report upward in
December), with a line of what it said — in time, every one of them.

Planted, and nothing else: this year's third-quarter analysis (due in October) is never held — IDEO-030 red. This
year's second-half briefing, fourth-quarter analysis and report upward are not due yet on the demo's today
(2026-11-25 in the tests) and stay open.

The Party group's own study of ideology work (党组专题研究意识形态工作) is the duty demo's: its Party-group meetings
carry the agenda tag DUTY-005 counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.ideology.services.reports import item_done, item_update, plan_year
from qinglian.org.models import User

PLANTED = (ReportKind.ANALYSIS, 7)  # this year's third quarter (its period starts in July)
SUMMARIES = {
    ReportKind.ANALYSIS: (
        "意识形态工作领导小组召开会议，分析{label}机关干部思想动态、网上舆情和阵地管理情况，研究部署下一阶段重点工作",
        "研判{label}意识形态领域总体态势，梳理政务新媒体、内部刊物和讲座论坛管理中的风险点，明确责任委室和整改措施",
        "听取各委室{label}意识形态工作情况汇报，分析网络舆情热点和群众关切，部署正面宣传和风险防范工作",
    ),
    ReportKind.ANNUAL_REPORT: (
        "报告本年度落实意识形态工作责任制情况：党组专题研究、阵地管理、三审三校、一会一报和舆情处置，存在问题及下一步打算",
    ),
    ReportKind.BRIEFING: (
        "通报{label}意识形态领域情况：阵地运行、稿件审核和舆情处置情况，指出存在的问题，提出工作要求",
        "在机关党员大会上通报{label}意识形态工作情况和网络舆情动态，要求各支部加强学习教育和阵地管理",
    ),
}


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "ideology.reports")
    keeper = User.objects.filter(organ=ctx.organ, username="dangwei").select_related("person").first()
    secretary = User.objects.filter(organ=ctx.organ, username="shuji").select_related("person").first()
    if keeper is None or keeper.person is None:
        return
    years = (ctx.today.year - 1, ctx.today.year)
    days = WorkingDays(dt.date(years[0], 1, 1), ctx.today, rng)
    writes: list[tuple[dt.date, int, Callable[[], object]]] = []
    for year in years:
        planned = days.on_or_after(dt.date(year, 1, 8))
        if planned > ctx.today or planned.year != year:
            continue
        _write(planned, lambda year=year: plan_year(year=year, by=keeper, responsible=keeper.person))
        items = list(ReportItem.objects.filter(organ=ctx.organ, period_start__year=year))
        for item in items:
            if item.kind == ReportKind.ANNUAL_REPORT and secretary is not None and secretary.person is not None:
                _write(planned, lambda item=item: _assign(item, keeper, secretary))
            day = _done_day(item, days, ctx.today)
            if day is None or ((item.kind, item.period_start.month) == PLANTED and year == ctx.today.year):
                continue
            text = rng.choice(SUMMARIES[item.kind]).format(label=_label(item))
            writes.append((day, item.pk, lambda item=item, day=day, text=text: _done(item, day, text, keeper)))
    for day, _, write in sorted(writes, key=lambda w: (w[0], w[1])):
        _write(day, write)
    ctx.say(f"分析研判和报告 {ReportItem.objects.filter(organ=ctx.organ).count()} 项")


def _done_day(item: ReportItem, days: WorkingDays, today: dt.date) -> dt.date | None:
    """A working day in time: after the period ends and by its due date (the report upward in December); None when
    that day is still to come on the demo's today."""
    if item.kind == ReportKind.ANNUAL_REPORT:
        window = days.between(dt.date(item.period_end.year, 12, 10), min(item.due_on, item.period_end))
    else:
        window = days.between(item.period_end + dt.timedelta(days=1), item.due_on)
    window = window[: max(1, len(window) * 2 // 3)]  # held in good time, not on the last day
    day = days.rng.choice(window) if window else None
    return day if day is not None and day <= today else None


def _label(item: ReportItem) -> str:
    return item.title.split("年", 1)[1].split("意识形态", 1)[0] if "年" in item.title else ""


def _assign(item: ReportItem, keeper: User, secretary: User) -> object:
    return item_update(
        item=item, title=item.title, responsible=secretary.person, recipient="市委（市委宣传部）", by=keeper
    )


def _done(item: ReportItem, day: dt.date, text: str, keeper: User) -> object:
    item.refresh_from_db()
    return item_done(item=item, done_on=day, summary=text, by=keeper)


def _write(on: dt.date, save: Callable[[], object]) -> object:
    with clock.replaying(moment(on, 16)):
        return save()
