"""The demo organ's meetings over the year up to today: about thirty 座谈会, 立法论证会 and work meetings (四类 mostly,
a few 三类 — the office's yearly work meeting, its briefing, the deputies' training meeting), each held under an item
of its year's meeting plan (demo/plans.py) or, twice a year, approved ad hoc by a leader the week before; in the
organ's rooms or the city's hotels, at 80–450 yuan per person-day, with their bills. The finance officer (caiwu)
enters each through the services on the day it is reimbursed.

Planted, dated back from today so any demo date has them, and nothing else (the shipped central table: 四类 550 per
person-day, at most 50 people):
- FRG-020: 《物业服务质量专题座谈会》 about six weeks ago, neither in the plan nor approved ad hoc.
- FRG-021: 《全市基层立法联系点工作座谈会》 about ten weeks ago, 四类 with 70 attendees (at most 50).
- FRG-024: 《代表联络站工作经验交流座谈会》 about fifteen weeks ago, a 纪念品 line of 1,800 yuan on its bill.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import ConferenceCategory, CostKind, PlanKind
from qinglian.frugality.models import Conference, PlanItem
from qinglian.frugality.services.conferences import CostLine, conference_save
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant, Unit, User
from qinglian.org.selectors import unit_heads

FOUR, THREE = ConferenceCategory.FOUR, ConferenceCategory.THREE
ROOM, HALL, HOTEL, CENTRE = "机关第一会议室", "机关报告厅", "临江宾馆", "临江国际会议中心"
# How a bill splits: a meeting in the organ's own rooms pays meals and materials; one at a hotel pays its rooms too.
LOCAL_SHARES = ((CostKind.MEALS, "0.55", "工作餐"), (CostKind.MATERIALS, "0.30", "会议材料印制"))
HOTEL_SHARES = (
    (CostKind.LODGING, "0.48", "住宿"),
    (CostKind.MEALS, "0.30", "会议用餐"),
    (CostKind.VENUE, "0.12", "会议室租金"),
    (CostKind.MATERIALS, "0.05", "会议材料"),
)


@dataclass(frozen=True)
class Meeting:
    """One meeting of the yearly pattern: its month, the plan item it is held under (None: approved ad hoc, and
    `unit` names its unit), its name, size, days, venue and what it costs per person-day."""

    month: int
    item: str | None
    name: str
    attendees: int
    staff: int
    days: int = 1
    travel_days: int = 0
    venue: str = ROOM
    per_person_day: tuple[int, int] = (90, 180)
    category: str = FOUR
    briefing: bool = False
    unit: str = ""
    souvenir: int = 0  # a 纪念品 line (a planted FRG-024)
    approved: bool = True  # without a plan item: approved ad hoc the week before (False: a planted FRG-020)


LAWS = "法规草案立法论证会"
YEAR = (
    Meeting(2, "全市人大系统办公室工作会议", "全市人大系统办公室工作会议", 95, 8, 1, 1, HOTEL, (300, 420), THREE),
    Meeting(2, "经济运行分析座谈会", "上年度经济运行情况分析座谈会", 25, 2),
    Meeting(3, LAWS, "《临江市物业管理条例（草案）》立法论证会", 30, 3),
    Meeting(3, "预算审查监督工作座谈会", "预算审查监督工作座谈会", 35, 3),
    Meeting(3, None, "人大代表建议督办工作座谈会", 30, 2, unit="人事代表选举工作委员会"),
    Meeting(4, "执法检查工作座谈会", "《中华人民共和国食品安全法》执法检查工作座谈会", 30, 3, venue=HALL),
    Meeting(4, "地方立法工作座谈会", "地方立法工作座谈会", 40, 3),
    Meeting(4, "经济运行分析座谈会", "一季度经济运行分析座谈会", 25, 2),
    Meeting(5, "全市人大代表履职培训会", "全市人大代表履职培训会", 120, 10, 2, 1, CENTRE, (320, 440), THREE),
    Meeting(5, LAWS, "《临江市文明行为促进条例（草案）》立法论证会", 30, 3),
    Meeting(5, "乡村振兴专题调研座谈会", "乡村振兴专题调研座谈会", 30, 2, venue=HOTEL, per_person_day=(150, 260)),
    Meeting(6, "代表联络站建设工作座谈会", "代表联络站建设工作座谈会", 40, 3),
    Meeting(6, "生态环境保护立法论证会", "《临江市瓯江流域生态保护条例（草案）》立法论证会", 30, 3),
    Meeting(6, "执法检查工作座谈会", "《中华人民共和国安全生产法》执法检查工作座谈会", 30, 3, venue=HALL),
    Meeting(7, "经济运行分析座谈会", "上半年经济运行分析座谈会", 25, 2),
    Meeting(7, "社会建设和监察司法工作座谈会", "社会建设工作座谈会", 30, 2),
    Meeting(7, LAWS, "《临江市养老服务条例（草案）》立法论证会", 30, 3),
    Meeting(8, "预算审查监督工作座谈会", "预算执行情况审查座谈会", 30, 2),
    Meeting(8, "全市人大系统办公室工作会议", "全会精神传达会", 80, 6, venue=HALL, category=THREE, briefing=True),
    Meeting(8, None, "防汛防台工作专题座谈会", 25, 2, unit="城乡建设环境与资源保护工作委员会"),
    Meeting(9, "执法检查工作座谈会", "《中华人民共和国就业促进法》执法检查工作座谈会", 30, 3, venue=HALL),
    Meeting(9, "全市人大信访工作座谈会", "全市人大信访工作座谈会", 35, 3),
    Meeting(10, "经济运行分析座谈会", "前三季度经济运行分析座谈会", 25, 2),
    Meeting(10, LAWS, "《临江市历史文化名城保护条例（草案）》立法论证会", 30, 3),
    Meeting(11, "地方立法工作座谈会", "年度立法计划编制座谈会", 35, 3),
    Meeting(11, "预算审查监督工作座谈会", "预算草案初步审查座谈会", 30, 2),
    Meeting(12, "社会建设和监察司法工作座谈会", "监察和司法工作座谈会", 30, 2),
    Meeting(12, "代表联络站建设工作座谈会", "代表联络站年度工作交流座谈会", 40, 3),
)  # fmt: skip
# (days before today, meeting): the planted violations, each dated back from the demo's today.
PLANTED = (
    (45, Meeting(0, None, "物业服务质量专题座谈会", 30, 2, unit="城乡建设环境与资源保护工作委员会", approved=False)),
    (75, Meeting(0, "地方立法工作座谈会", "全市基层立法联系点工作座谈会", 70, 4, per_person_day=(150, 200))),
    (105, Meeting(0, "代表联络站建设工作座谈会", "代表联络站工作经验交流座谈会", 40, 3, souvenir=1800)),
)  # fmt: skip


class _Demo:
    """What one build reads once: the keeper's login, the units, the plan items by year and name, the leaders."""

    def __init__(self, ctx: DemoContext, keeper: User) -> None:
        self.ctx, self.keeper = ctx, keeper
        self.rng = app_rng(ctx.seed, "frugality.conferences")
        self.units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ)}
        items = PlanItem.objects.filter(
            plan__organ=ctx.organ, plan__kind=PlanKind.CONFERENCE, plan__deleted_at__isnull=True
        ).select_related("plan", "unit")
        self.items = {(i.plan.year, i.name): i for i in items}
        self.leaders = list(
            RoleGrant.objects.active()
            .filter(organ=ctx.organ, role=Role.LEADER, user__person__isnull=False)
            .order_by("granted_at", "pk")
            .values_list("user__person_id", flat=True)
        )
        self.count = 0

    def held(self, meeting: Meeting, start: dt.date) -> bool:
        """Enter the meeting that began on `start` once it is reimbursed; False when that is after today or its plan
        item is missing (no plan for that year)."""
        end = start + dt.timedelta(days=meeting.days - 1)
        paid = workdays.add_working_days(end, self.rng.randint(4, 8))
        item = self.items.get((start.year, meeting.item)) if meeting.item else None
        if paid > self.ctx.today or (meeting.item and (item is None or item.plan.approved_on >= start)):
            return False
        unit = item.unit if item is not None else self.units[meeting.unit]
        self.count += 1
        conference = Conference(
            organ=self.ctx.organ,
            voucher_no=f"记{paid:%m}-{500 + self.count:03d}",
            unit=unit,
            name=meeting.name,
            category=meeting.category,
            briefing=meeting.briefing,
            plan_item=item,
            start_on=start,
            end_on=end,
            days=Decimal(meeting.days),
            travel_days=Decimal(meeting.travel_days),
            attendees=meeting.attendees,
            staff=meeting.staff,
            venue=meeting.venue,
            venue_city="临江",
            paid_on=paid,
        )
        if item is None and meeting.approved:
            self._approve_ad_hoc(conference)
        with clock.replaying(moment(paid, self.rng.randint(9, 16))):
            conference_save(conference=conference, costs=self._bill(meeting), by=self.keeper)
        return True

    def _approve_ad_hoc(self, conference: Conference) -> None:
        """A leader who does not head the unit that asked approves the meeting a week before it."""
        heads = set(unit_heads(self.ctx.organ.pk, {conference.unit_id}).get(conference.unit_id, []))
        conference.adhoc_approver_id = next(p for p in self.leaders if p not in heads)
        conference.adhoc_approved_on = workdays.add_working_days(conference.start_on, -5)

    def _bill(self, meeting: Meeting) -> list[CostLine]:
        """The per person-day figure spread over the usual lines, the last line taking the rest; a planted souvenir
        line on top."""
        people_days = (meeting.attendees + meeting.staff) * (meeting.days + meeting.travel_days)
        total = Decimal(self.rng.randint(*meeting.per_person_day) * people_days).quantize(Decimal(10))
        shares = LOCAL_SHARES if meeting.venue in (ROOM, HALL) else HOTEL_SHARES
        lines = [CostLine(kind, (total * Decimal(share)).quantize(Decimal(1)), text) for kind, share, text in shares]
        lines.append(CostLine(CostKind.OTHER, total - sum(line.amount for line in lines), "茶歇、会场布置"))
        if meeting.souvenir:
            lines.append(CostLine(CostKind.SOUVENIR, Decimal(meeting.souvenir), "定制笔记本、U盘"))
        return lines


def _start(rng: random.Random, year: int, month: int) -> dt.date:
    """A working Tuesday to Thursday between the 5th and the 25th: meetings avoid Mondays and month ends."""
    days = [dt.date(year, month, d) for d in range(5, 26)]
    return rng.choice([d for d in days if 1 <= d.weekday() <= 3 and workdays.is_working_day(d)])


def build(ctx: DemoContext) -> None:
    keeper = User.objects.filter(organ=ctx.organ, username="caiwu").first()
    if keeper is None:
        return
    demo = _Demo(ctx, keeper)
    first = ctx.today - dt.timedelta(days=365)
    for year in (ctx.today.year - 1, ctx.today.year):
        for meeting in YEAR:
            start = _start(demo.rng, year, meeting.month)
            if first < start:
                demo.held(meeting, start)
    for ago, meeting in PLANTED:
        start = ctx.today - dt.timedelta(days=ago)
        demo.held(meeting, start if workdays.is_working_day(start) else workdays.next_working_day(start))
    ctx.say(f"会议 {Conference.objects.filter(organ=ctx.organ).count()} 个")
