"""The demo organ's yearly plans, for each year of the demo window (last year and this year): the meeting plan (12
items), the training plan (6) and the trips-abroad plan (2), each approved at the Party group's first meeting of
January (党组会议（YYYY年第1次）, the first working day from 15 January) and entered by the finance officer (caiwu) that
day through the services. A year whose January meeting is still to come has no plans yet.

The other demos find their items by kind and year (services never link by name):
- 年度会议计划 (this module's MEETINGS): 地方立法工作座谈会; 法规草案立法论证会; 预算审查监督工作座谈会;
  全市人大代表履职培训会; 代表联络站建设工作座谈会; 全市人大信访工作座谈会; 执法检查工作座谈会;
  全市人大系统办公室工作会议; 生态环境保护立法论证会; 乡村振兴专题调研座谈会; 经济运行分析座谈会;
  社会建设和监察司法工作座谈会.
- 年度培训计划 (COURSES): 机关干部业务能力提升培训; 常委会组成人员履职专题培训班; 人大代表履职能力提升培训班;
  立法和备案审查业务培训; 预算审查监督和财务管理培训; 机关党务和信访业务培训.
- 年度因公出国（境）计划 (TRIPS): 赴日本、韩国考察地方财政预算审查监督工作; 赴德国、法国考察地方立法和议会监督工作;
  赴巴西、阿根廷考察农业农村发展工作.

Nothing here is a violation: the plans only make the meetings, courses and trips held under them planned.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import ConferenceCategory, PlanKind, TrainingCategory
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.services.plans import plan_item_save, plan_save
from qinglian.org.models import Unit, User

FOUR, THREE = ConferenceCategory.FOUR, ConferenceCategory.THREE
LAW, BUDGET, DEPUTIES, LIAISON = "法制工作委员会", "预算工作委员会", "人事代表选举工作委员会", "代表联络工作室"
# (name, unit, category, people, days, budget in yuan)
MEETINGS = (
    ("地方立法工作座谈会", LAW, FOUR, 40, "1", 20000),
    ("法规草案立法论证会", LAW, FOUR, 30, "1", 40000),
    ("预算审查监督工作座谈会", BUDGET, FOUR, 35, "1", 15000),
    ("全市人大代表履职培训会", DEPUTIES, THREE, 120, "2", 150000),
    ("代表联络站建设工作座谈会", LIAISON, FOUR, 40, "1", 15000),
    ("全市人大信访工作座谈会", "信访室", FOUR, 35, "1", 12000),
    ("执法检查工作座谈会", "教育科学文化卫生工作委员会", FOUR, 30, "1", 30000),
    ("全市人大系统办公室工作会议", "办公室", THREE, 100, "1", 80000),
    ("生态环境保护立法论证会", "城乡建设环境与资源保护工作委员会", FOUR, 30, "1", 12000),
    ("乡村振兴专题调研座谈会", "农业与农村工作委员会", FOUR, 30, "1", 12000),
    ("经济运行分析座谈会", "财政经济工作委员会", FOUR, 25, "1", 24000),
    ("社会建设和监察司法工作座谈会", "社会建设工作委员会", FOUR, 30, "1", 12000),
)
COURSES = (
    ("机关干部业务能力提升培训", "办公室", TrainingCategory.THREE, 60, "3", 60000),
    ("常委会组成人员履职专题培训班", DEPUTIES, TrainingCategory.TWO, 40, "3", 60000),
    ("人大代表履职能力提升培训班", DEPUTIES, TrainingCategory.THREE, 80, "5", 150000),
    ("立法和备案审查业务培训", LAW, TrainingCategory.THREE, 40, "3", 45000),
    ("预算审查监督和财务管理培训", BUDGET, TrainingCategory.THREE, 60, "2", 45000),
    ("机关党务和信访业务培训", "机关党委（机关纪委）", TrainingCategory.THREE, 60, "2", 40000),
)
# In the order of the trips abroad demo's delegations (demo/abroad.py pairs them by position).
TRIPS = (
    ("赴日本、韩国考察地方财政预算审查监督工作", "财政经济工作委员会", "", 5, "7", 150000),
    ("赴德国、法国考察地方立法和议会监督工作", LAW, "", 6, "8", 250000),
    ("赴巴西、阿根廷考察农业农村发展工作", "农业与农村工作委员会", "", 4, "9", 260000),
)
PLANS = ((PlanKind.CONFERENCE, MEETINGS), (PlanKind.TRAINING, COURSES), (PlanKind.ABROAD, TRIPS))


def approval_day(year: int) -> dt.date:
    """The Party group's first meeting of the year: the first working day from 15 January."""
    day = dt.date(year, 1, 15)
    return day if workdays.is_working_day(day) else workdays.next_working_day(day)


def build(ctx: DemoContext) -> None:
    keeper = User.objects.filter(organ=ctx.organ, username="caiwu").first()
    if keeper is None:
        return
    units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ)}
    for year in (ctx.today.year - 1, ctx.today.year):
        approved = approval_day(year)
        if approved > ctx.today:
            continue
        with clock.replaying(moment(approved, 15)):
            for kind, items in PLANS:
                _plan(ctx, keeper, units, kind, year, approved, items)
    ctx.say(f"年度计划 {SpendingPlan.objects.filter(organ=ctx.organ).count()} 个")


def _plan(ctx: DemoContext, keeper, units: dict, kind: str, year: int, approved: dt.date, items) -> None:
    plan = SpendingPlan(
        organ=ctx.organ,
        kind=kind,
        year=year,
        approved_on=approved,
        approval_ref=f"党组会议（{year}年第1次）",
    )
    plan_save(plan=plan, by=keeper)
    for name, unit, category, people, days, budget in items:
        item = PlanItem(
            plan=plan,
            name=name,
            unit=units.get(unit),
            category=category,
            people=people,
            days=Decimal(days),
            budget=Decimal(budget),
        )
        plan_item_save(item=item, by=keeper)
