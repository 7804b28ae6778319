"""The demo organ's 公务接待 over the year before today: about seventy visits — the provincial people's congress's
committees, fellow cities' and the organ's own counties' standing committees, a research group — each received by
the committee whose work it concerns, with the sender's letter, one working meal (a longer visit adds meals the
guests pay themselves), the signed list and the invoice, reimbursed one to three weeks later. The finance officer
(caiwu) enters each through the services on the replayed clock; every working meal stays within the reception-meal
standard in force on its day (the shipped city example table: 120 / 100 / 80 yuan a head), escorts within the cap,
dishes plain, and no visitor comes back within a week.

Planted, and nothing else (tests/test_receptions_demo.py):
- FRG-001: 衢州市柯城区人大常委会, received about two weeks before today without a letter (not yet reimbursed);
- FRG-003: 金华市人大常委会, 8 guests with 5 escorts at the working meal (cap 3);
- FRG-006: 台州市人大常委会, 茅台 among the dishes and drinks of the working meal;
- FRG-007: 宁波市人大常委会, reimbursed without a signed reception list.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.frugality.choices import GuestLevel, MealKind, StandardKind
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.services.receptions import reception_with_meals
from qinglian.frugality.standards.lookup import StandardBook
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit, User
from qinglian.org.selectors import unit_heads

DEPT, OTHER, PROV = GuestLevel.DEPARTMENT, GuestLevel.OTHER, GuestLevel.PROVINCIAL
FALLBACK_CAP = Decimal(80)  # only if no table is loaded: the lowest of the shipped standards
GAP_DAYS = 7  # no visitor twice within a week: FRG-008 has nothing to find in the demo


@dataclass(frozen=True)
class Visitor:
    unit: str
    abbr: str  # of its letters' numbers: 温人大常函〔2026〕12号
    lead: str
    level: str
    size: tuple[int, int]


@dataclass(frozen=True)
class Visit:
    visitor: Visitor
    host: str
    purpose: str
    start: dt.date
    nights: int = 0
    guests: int = 0
    escorts: int = 0
    items: str = ""
    letter: bool = True
    signed: bool = True
    paid: bool = True


VISITORS = (
    Visitor("全国人大常委会法制工作委员会调研组", "法工委", "赵某某 副主任", PROV, (5, 7)),
    Visitor("浙江省人大常委会法制工作委员会", "浙人大法工", "周某某 副主任", DEPT, (4, 6)),
    Visitor("浙江省人大财政经济委员会", "浙人大财经", "吴某某 副主任委员", DEPT, (3, 5)),
    Visitor("浙江省人大常委会代表工作委员会", "浙人大代工", "郑某某 副主任", DEPT, (3, 6)),
    Visitor("温州市人大常委会", "温人大常", "陈某某 副主任", DEPT, (6, 12)),
    Visitor("衢州市人大常委会办公室", "衢人大办", "徐某某 秘书长", DEPT, (5, 9)),
    Visitor("湖州市人大常委会", "湖人大常", "沈某某 副主任", DEPT, (6, 10)),
    Visitor("嘉兴市人大常委会法制工作委员会", "嘉人大法工", "朱某某 主任", OTHER, (3, 6)),
    Visitor("绍兴市人大常委会教科文卫工作委员会", "绍人大教", "孙某某 主任", OTHER, (4, 7)),
    Visitor("舟山市人大常委会", "舟人大常", "林某某 副主任", DEPT, (5, 9)),
    Visitor("江西省上饶市人大常委会", "饶人大常", "黄某某 副主任", DEPT, (8, 14)),
    Visitor("福建省南平市人大常委会", "南人大常", "刘某某 副主任", DEPT, (8, 13)),
    Visitor("安徽省黄山市人大常委会办公室", "黄人大办", "何某某 副秘书长", OTHER, (4, 8)),
    Visitor("临江市临湖区人大常委会", "临湖人大", "杨某某 主任", OTHER, (5, 10)),
    Visitor("临江市青溪县人大常委会", "青溪人大", "胡某某 副主任", OTHER, (4, 9)),
    Visitor("临江市白云县人大常委会", "白云人大", "许某某 主任", OTHER, (5, 11)),
    Visitor("临江市东岭县人大常委会", "东岭人大", "马某某 副主任", OTHER, (4, 8)),
    Visitor("浙江省社会科学院课题组", "浙社科", "曹某某 研究员", OTHER, (3, 4)),
)
# The committee that receives a visit, and what the visits to it are about.
THEMES = (
    (
        "法制工作委员会",
        ("地方立法工作交流", "《临江市物业管理条例》立法调研", "基层立法联系点建设调研", "备案审查工作交流"),
    ),
    ("财政经济工作委员会", ("民营经济发展专题调研", "国民经济和社会发展计划执行监督工作交流")),
    ("预算工作委员会", ("预算联网监督系统建设考察", "国有资产管理情况报告制度交流")),
    ("城乡建设环境与资源保护工作委员会", ("生态环境保护执法检查工作交流", "美丽乡村建设专题调研")),
    ("教育科学文化卫生工作委员会", ("义务教育法执法检查工作交流", "公共文化服务体系建设调研")),
    ("农业与农村工作委员会", ("乡村振兴促进法实施情况调研",)),
    ("代表联络工作室", ("人大代表联络站建设交流", "代表履职服务平台考察")),
    ("人事代表选举工作委员会", ("县乡人大换届选举工作交流",)),
    ("办公室", ("人大机关建设工作交流", "人大新闻宣传工作交流")),
    ("研究室", ("人大制度理论研究交流",)),
    ("监察和司法工作委员会", ("司法监督工作交流",)),
    ("社会建设工作委员会", ("养老服务体系建设调研",)),
)
PLAIN = ("家常菜四菜一汤，无酒水", "工作餐（自助），无酒水", "地方家常菜五菜一汤，茶水", "简餐，无酒水")
MEAL_VENUES = ("机关食堂", "机关食堂", "临江宾馆餐厅")
VENUES = ("机关三楼会议室", "机关五楼会议室", "常委会会议室", "基层立法联系点", "代表联络站")
# Planted (days before today, visitor, host, purpose, what is wrong).
PLANTED = (
    (
        15,
        Visitor("衢州市柯城区人大常委会", "柯人大", "叶某某 主任", OTHER, (6, 6)),
        "代表联络工作室",
        "基层人大工作交流",
        {"letter": False, "paid": False},
    ),
    (
        96,
        Visitor("金华市人大常委会", "金人大常", "方某某 副主任", DEPT, (8, 8)),
        "法制工作委员会",
        "地方立法工作交流",
        {"escorts": 5},
    ),
    (
        170,
        Visitor("台州市人大常委会", "台人大常", "王某某 副主任", DEPT, (7, 7)),
        "财政经济工作委员会",
        "民营经济发展专题调研",
        {"items": "地方菜六菜一汤，茅台酒一瓶"},
    ),
    (
        240,
        Visitor("宁波市人大常委会", "甬人大常", "蒋某某 副主任", DEPT, (9, 9)),
        "预算工作委员会",
        "预算联网监督系统建设考察",
        {"signed": False},
    ),
)


def _visits(ctx: DemoContext, rng: random.Random, days: WorkingDays) -> list[Visit]:
    """About seventy ordinary visits on working days of the year before today, plus the planted four."""
    planted = [
        Visit(v, host, purpose, days.on_or_after(ctx.today - dt.timedelta(days=ago)), **wrong)
        for ago, v, host, purpose, wrong in PLANTED
    ]
    last: dict[str, dt.date] = {}
    visits = []
    for start in sorted(
        rng.sample(days.between(ctx.today - dt.timedelta(days=360), ctx.today - dt.timedelta(days=5)), 70)
    ):
        visitor = rng.choice(VISITORS)
        if visitor.unit in last and (start - last[visitor.unit]).days <= GAP_DAYS:
            continue
        host, purposes = rng.choice(THEMES)
        nights = rng.choices((0, 1, 2), weights=(70, 25, 5))[0]
        last[visitor.unit] = start + dt.timedelta(days=nights)
        visits.append(Visit(visitor, host, rng.choice(purposes), start, nights))
    return sorted(visits + planted, key=lambda v: v.start)


def _escort_cap(guests: int) -> int:
    return 3 if guests <= 10 else guests // 3


def _meals(visit: Visit, rng: random.Random, cap: Decimal) -> list[ReceptionMeal]:
    """One working meal on the first day, within the standard; each further day a meal the guests pay for."""
    heads = visit.guests + visit.escorts
    per_head = (cap * Decimal(rng.randint(60, 90)) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    work = ReceptionMeal(
        on=visit.start,
        kind=MealKind.WORK,
        guests=visit.guests,
        escorts=visit.escorts,
        amount=per_head * heads,
        venue=rng.choice(MEAL_VENUES),
        items=visit.items or rng.choice(PLAIN),
    )
    own = [
        ReceptionMeal(
            on=visit.start + dt.timedelta(days=n),
            kind=MealKind.SELF,
            guests=visit.guests,
            escorts=0,
            amount=Decimal(40 * visit.guests),
            venue="临江宾馆餐厅",
            items="自助餐（接待对象按标准自行支付）",
        )
        for n in range(1, visit.nights + 1)
    ]
    return [work, *own]


def _reception(visit: Visit, unit: Unit, approver: int | None, rng: random.Random, days: WorkingDays) -> Reception:
    end = visit.start + dt.timedelta(days=visit.nights)
    v = visit.visitor
    letter_on = days.add(visit.start, -rng.randint(3, 10))
    return Reception(
        organ=unit.organ,
        unit=unit,
        letter_unit=v.unit if visit.letter else "",
        letter_no=f"{v.abbr}函〔{letter_on.year}〕{rng.randint(8, 96)}号" if visit.letter else "",
        letter_on=letter_on if visit.letter else None,
        letter_persons=visit.guests if visit.letter else None,
        letter_purpose=visit.purpose if visit.letter else "",
        letter_start=visit.start if visit.letter else None,
        letter_end=end if visit.letter else None,
        guest_unit=v.unit,
        guest_lead=v.lead,
        guest_level=v.level,
        guest_count=visit.guests,
        purpose=visit.purpose,
        start_on=visit.start,
        end_on=end,
        venue=rng.choice(VENUES),
        lodging_place="临江宾馆（住宿费自理）" if visit.nights else "",
        list_signed_on=end if visit.signed else None,
        approver_id=approver if visit.signed else None,
        invoice_no=f"33002{rng.randint(10**9, 10**10 - 1)}",
        invoice_on=end,
    )


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "frugality.receptions")
    keeper = User.objects.filter(organ=ctx.organ, username="caiwu").first()
    units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ, kind=UnitKind.INTERNAL)}
    if keeper is None or not units:
        return
    heads = unit_heads(ctx.organ.pk)
    office_heads = heads.get(units["办公室"].pk) if "办公室" in units else None
    book = StandardBook.load(ctx.organ.pk)
    days = WorkingDays(ctx.today - dt.timedelta(days=400), ctx.today, rng)
    numbers: dict[str, int] = {}
    for visit in _visits(ctx, rng, days):
        unit = units.get(visit.host) or units.get("办公室") or next(iter(units.values()))
        low, high = visit.visitor.size
        guests = visit.guests or rng.randint(low, high)
        escorts = visit.escorts or rng.randint(1, min(3, _escort_cap(guests)))
        visit = replace(visit, guests=guests, escorts=escorts)
        standard = book.find(StandardKind.RECEPTION_MEAL, visit.start, visit.visitor.level)
        cap = (standard.amount("per_head") if standard else None) or FALLBACK_CAP
        approver = (heads.get(unit.pk) or office_heads or [None])[0]
        reception = _reception(visit, unit, approver, rng, days)
        meals = _meals(visit, rng, cap)
        reception.invoice_amount = sum((m.amount for m in meals if m.kind != MealKind.SELF), Decimal(0))
        paid = days.add(reception.end_on, rng.randint(5, 15))
        if visit.paid and paid < ctx.today:
            month = f"{paid:%Y-%m}"
            numbers[month] = numbers.get(month, rng.randint(20, 40)) + rng.randint(1, 4)
            reception.paid_on, reception.voucher_no = paid, f"记{month}-{numbers[month]:03d}"
        entered = reception.paid_on or min(days.add(reception.end_on, 2), ctx.today)
        with clock.replaying(moment(entered, 15)):
            reception_with_meals(reception=reception, meals=meals, by=keeper, reason="录入接待清单")
    ctx.say(f"公务接待 {Reception.objects.filter(organ=ctx.organ).count()} 次")
