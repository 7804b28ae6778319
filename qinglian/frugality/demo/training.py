"""The demo organ's training courses of the demo year: twelve courses from March to November (三类 mostly, one 二类),
each held under an item of the year's training plan (the plans demo approves it in January; a course reuses an item
held in several sessions), at the Party school, the administrative college or the organ's own rooms, with their
bills (lodging, meals, rooms, materials, transport and the lecture fees) and lectures by 正高/副高 lecturers. Each is
entered by the finance officer (caiwu) through the services on the replayed clock, when it is reimbursed.

Planted, and nothing else (the shipped central tables: 三类 380 per person-day, 副高 500 per hour):
- FRG-031: 《基层立法联系点工作培训班》 in June, 三类, 40 attendees and 4 staff for 3 days at 450 per person-day —
  59,400 against 50,160 allowed, 9,240 over.
- FRG-032: 《规范性文件备案审查业务培训》 in July, a 副高 lecturer paid 4,500 for 3 hours — 1,500 per hour against
  500, 3,000 over.
- FRG-034: 《人大代表联络站工作人员培训》 in April, 12 staff for 50 attendees (at most 10 % and 10 people).

Without a training plan of the year (the plans demo not built), each course is approved ad hoc by a leader the
week before it starts, so FRG-030 finds nothing either way.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import CostKind, LecturerTitle, PlanKind, TrainingCategory
from qinglian.frugality.models import PlanItem, TrainingCourse
from qinglian.frugality.services.training import CostLine, LectureLine, course_save
from qinglian.org.choices import Role, UnitKind
from qinglian.org.models import RoleGrant, Unit, User
from qinglian.org.selectors import unit_heads

SENIOR, ASSOCIATE = LecturerTitle.SENIOR, LecturerTitle.ASSOCIATE
THREE, TWO = TrainingCategory.THREE, TrainingCategory.TWO
# How a comprehensive-rate bill splits: lodging, meals, rooms, materials, the rest transport.
SHARES = ((CostKind.LODGING, "0.42"), (CostKind.MEALS, "0.30"), (CostKind.VENUE, "0.12"), (CostKind.MATERIALS, "0.08"))
LECTURERS = {
    SENIOR: ("王建国", "陈志远", "赵文华", "周立平"),
    ASSOCIATE: ("李晓梅", "刘慧敏", "孙明", "吴婷"),
}


@dataclass(frozen=True)
class Course:
    """One course of the year: its month, name (when the plan has no item for it), size, cost and lectures."""

    month: int
    name: str
    category: str
    days: int
    travel_days: int
    attendees: int
    staff: int
    per_person_day: int  # what the bill comes to, excluding the lecture fees
    venue: str
    lectures: tuple[tuple[str, int, int, bool], ...]  # (title, hours, fee per hour, from afar)
    city: str = "临江"


def senior(hours: int, per_hour: int, afar: bool = False) -> tuple[str, int, int, bool]:
    return (SENIOR, hours, per_hour, afar)


def associate(hours: int, per_hour: int) -> tuple[str, int, int, bool]:
    return (ASSOCIATE, hours, per_hour, False)


PARTY_SCHOOL, COLLEGE, ROOM, CENTRE = "市委党校", "市行政学院", "机关第一会议室", "市干部教育培训中心"
COURSES = (
    Course(3, "新任人大机关干部业务培训班", THREE, 3, 0, 45, 3, 350, PARTY_SCHOOL, (senior(3, 900), associate(3, 480))),
    Course(3, "机关财务和资产管理培训", THREE, 2, 0, 60, 4, 300, ROOM, (associate(3, 450),)),
    Course(4, "常委会组成人员履职专题培训班", TWO, 3, 1, 40, 3, 420, COLLEGE, (senior(4, 1000), senior(3, 1000, True))),
    Course(4, "人大代表联络站工作人员培训", THREE, 2, 0, 50, 12, 320, PARTY_SCHOOL, (associate(3, 450),)),
    Course(5, "人大代表履职能力提升培训", THREE, 5, 0, 80, 6, 360, CENTRE, (senior(3, 1000), associate(4, 450))),
    Course(6, "基层立法联系点工作培训班", THREE, 3, 0, 40, 4, 450, PARTY_SCHOOL, (senior(3, 800),)),
    Course(6, "预算审查监督专题讲座", THREE, 1, 0, 120, 8, 200, "机关报告厅", (senior(3, 1000),)),
    Course(7, "规范性文件备案审查业务培训", THREE, 3, 0, 35, 3, 340, PARTY_SCHOOL, (associate(3, 1500),)),
    Course(9, "信访工作业务培训", THREE, 2, 0, 55, 5, 310, COLLEGE, (senior(2, 900),)),
    Course(9, "地方立法技术培训班", THREE, 4, 1, 30, 3, 370, "省人大培训中心", (senior(3, 1000, True),), "杭州"),
    Course(10, "机关党务干部培训", THREE, 2, 0, 65, 6, 280, ROOM, (associate(3, 400),)),
    Course(11, "执法检查工作方法培训", THREE, 3, 0, 42, 4, 355, PARTY_SCHOOL, (senior(3, 850),)),
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "frugality.training")
    keeper = User.objects.filter(organ=ctx.organ, username="caiwu").first()
    if keeper is None:
        return
    year = ctx.today.year
    items = list(
        PlanItem.objects.filter(
            plan__organ=ctx.organ, plan__kind=PlanKind.TRAINING, plan__year=year, plan__deleted_at__isnull=True
        )
        .select_related("plan", "unit")
        .order_by("id")
    )
    units = list(Unit.objects.filter(organ=ctx.organ, kind=UnitKind.INTERNAL).order_by("order", "id"))
    sessions: Counter = Counter()
    for n, spec in enumerate(COURSES):
        item = items[n % len(items)] if items else None
        start = _start(rng, year, spec.month)
        end = start + dt.timedelta(days=spec.days - 1)
        paid = workdays.add_working_days(end, rng.randint(5, 9))
        if paid > ctx.today:
            continue
        unit = item.unit if item is not None and item.unit_id else units[n % len(units)]
        course = TrainingCourse(
            organ=ctx.organ,
            voucher_no=f"记{start:%m}-{300 + n:03d}",
            unit=unit,
            name=_name(spec, item, sessions),
            category=spec.category,
            plan_item=item,
            start_on=start,
            end_on=end,
            days=Decimal(spec.days),
            travel_days=Decimal(spec.travel_days),
            attendees=spec.attendees,
            staff=spec.staff,
            venue=spec.venue,
            venue_city=spec.city,
            paid_on=paid,
        )
        if item is None:
            _approve_ad_hoc(ctx, course)
        lectures = _lectures(rng, spec, start)
        with clock.replaying(moment(paid, rng.randint(9, 16))):
            course_save(course=course, costs=_costs(spec, lectures), lectures=lectures, by=keeper)
    ctx.say(f"培训 {TrainingCourse.objects.filter(organ=ctx.organ).count()} 期")


def _start(rng: random.Random, year: int, month: int) -> dt.date:
    """A working Monday to Wednesday in the first three weeks of the month: courses run within the week."""
    days = [dt.date(year, month, d) for d in range(2, 22)]
    options = [d for d in days if d.weekday() <= 2 and workdays.is_working_day(d)]
    return rng.choice(options)


def _name(spec: Course, item: PlanItem | None, sessions: Counter) -> str:
    """The plan item's name, with its session number when the item is held more than once."""
    if item is None:
        return spec.name
    sessions[item.pk] += 1
    return item.name if sessions[item.pk] == 1 else f"{item.name}（第{sessions[item.pk]}期）"


def _lectures(rng: random.Random, spec: Course, start: dt.date) -> list[LectureLine]:
    lines = []
    for k, (title, hours, per_hour, afar) in enumerate(spec.lectures):
        lines.append(
            LectureLine(
                lecturer=rng.choice(LECTURERS[title]),
                title=title,
                on=start + dt.timedelta(days=min(k, spec.days - 1)),
                hours=Decimal(hours),
                fee=Decimal(hours * per_hour),
                from_afar=afar,
            )
        )
    return lines


def _costs(spec: Course, lectures: list[LectureLine]) -> list[CostLine]:
    """The bill: the per person-day figure spread over the usual lines, transport taking the rest; the lecture fees
    as one 讲课费 line."""
    quota = Decimal(spec.per_person_day * (spec.attendees + spec.staff) * spec.days)
    lines = [CostLine(kind, (quota * Decimal(share)).quantize(Decimal(1))) for kind, share in SHARES]
    lines.append(CostLine(CostKind.TRANSPORT, quota - sum(line.amount for line in lines), "接送车辆"))
    fees = sum((x.fee for x in lectures), Decimal(0))
    if fees:
        lines.append(CostLine(CostKind.LECTURE, fees, "讲课费（税后）"))
    return lines


def _approve_ad_hoc(ctx: DemoContext, course: TrainingCourse) -> None:
    """A leader who does not head the spending unit approves the course the week before it starts."""
    heads = set(unit_heads(ctx.organ.pk, {course.unit_id}).get(course.unit_id, []))
    leaders = (
        RoleGrant.objects.active()
        .filter(organ=ctx.organ, role=Role.LEADER, user__person__isnull=False)
        .order_by("granted_at", "pk")
        .values_list("user__person_id", flat=True)
    )
    course.adhoc_approver_id = next((p for p in leaders if p not in heads), None)
    course.adhoc_approved_on = workdays.add_working_days(course.start_on, -5)
