"""FRG-030…034, the five training-fee checks over the subjects data.py prepares: pure functions of a subject and
the parameters, with their arithmetic (the rate's taper, the lecturer fee's cap, the scenic places, the staff cap)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.frugality.rules.common import (
    CATEGORY,
    LOOK_BACK,
    TRAINING_RULES,
    excess,
    finance_office,
)
from qinglian.frugality.rules.training.data import (
    ZERO,
    course_subjects,
    money,
    yuan,
)

HUNDRED = Decimal(100)
_WORDS = re.compile(r"[、,，;；\s]+")


# --- FRG-030 unplanned course without an ad-hoc approval -----------------------------------------------------


@rule(
    code="FRG-030",
    title="计划外培训须事先报经审批",
    basis=(
        f"{TRAINING_RULES}第七条：年度培训计划经单位党组审批后执行；计划外培训须报经审批"
        "（未列入经审批的年度培训计划、开班前又未经审批的培训为违规）"
    ),
    category=CATEGORY,
    subjects="培训（承办委室及其负责人）",
    severity_policy="未列入开班前已审批的年度培训计划，且开班当日或之前没有计划外审批的，为红色",
    params=[LOOK_BACK],
    collect=course_subjects,
    short="计划外培训未经审批",
    keeper=finance_office,
)
def unplanned_course(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    approved = d["adhoc_approved_on"]
    if d["planned_on"] is not None or (approved is not None and approved <= d["on"]):
        return None
    if d["plan_item"]:
        where = f"所列年度计划事项“{d['plan_item']}”所在计划在开班前（{d['on']:%Y-%m-%d}）未经党组审批"
    else:
        where = "未列入年度培训计划"
    if approved is not None:
        late = f"计划外审批日期{approved:%Y-%m-%d}晚于开班日期{d['on']:%Y-%m-%d}"
    else:
        late = "没有计划外培训的审批记录"
    return Verdict(Severity.RED, f"{where}，{late}（计划外培训须在开班前报经审批）")


# --- FRG-031 cost per person-day over the comprehensive rate ----------------------------------------------------


def day_factors(days: Decimal, p: Mapping[str, Any]) -> Decimal:
    """Σ of the day factors of a course of `days` days: days 1…full_rate_days at 100 %, the days after that up to
    second_rate_days at second_rate_percent, the days beyond at third_rate_percent (a half day counts half)."""
    days = Decimal(days)
    full, second = Decimal(p["full_rate_days"]), Decimal(p["second_rate_days"])
    first = min(days, full)
    middle = min(max(days - full, ZERO), max(second - full, ZERO))
    rest = max(days - max(second, full), ZERO)
    return (
        first + middle * Decimal(p["second_rate_percent"]) / HUNDRED + rest * Decimal(p["third_rate_percent"]) / HUNDRED
    )


def counted_travel_days(travel_days: Decimal, p: Mapping[str, Any]) -> Decimal:
    """Arrival and departure days the rate pays: at most `max_travel_days_each_way` each way (报到和撤离时间分别不得
    超过1天)."""
    return min(Decimal(travel_days), 2 * Decimal(p["max_travel_days_each_way"]))


def allowed_amount(rate: Decimal, people: int, days: Decimal, travel_days: Decimal, p: Mapping[str, Any]) -> Decimal:
    """rate × (attendees + staff) × (Σ day factors + travel days at the full rate, at most 1 each way)."""
    return money(Decimal(rate) * people * (day_factors(days, p) + counted_travel_days(travel_days, p)))


def _rate_excess(d: Mapping[str, Any], p: Mapping[str, Any]) -> tuple[Decimal, Decimal] | None:
    """(allowed, excess) of a subject of FRG-031, None without a standard."""
    if d["rate"] is None:
        return None
    allowed = allowed_amount(d["rate"], d["people"], d["days"], d["travel_days"], p)
    return allowed, max(d["quota_amount"] - allowed, ZERO)


@rule(
    code="FRG-031",
    title="培训费不超过综合定额标准",
    basis=(
        f"{TRAINING_RULES}第十条、第十一条：培训费综合定额（元/人·天）为上限；15日以内按综合定额，超过15日的部分"
        "按80%、超过30日的部分按70%控制；报到和撤离时间分别不超过1天，按综合定额计；讲课费在综合定额外单独核算"
    ),
    category=CATEGORY,
    subjects="培训（承办委室及其负责人）",
    severity_policy="综合定额内费用超过 定额×（参训人数+工作人员）×折算天数 为红色；开班当日没有适用的定额标准为黄色",
    params=[
        Param("full_rate_days", "按全额计算的天数", unit="天", minimum=1, maximum=365),
        Param("second_rate_percent", "超过上述天数部分的比例", kind="decimal", unit="%", minimum=0, maximum=100),
        Param("second_rate_days", "按上述比例计算至第几天", unit="天", minimum=1, maximum=365),
        Param("third_rate_percent", "再超过部分的比例", kind="decimal", unit="%", minimum=0, maximum=100),
        Param("max_travel_days_each_way", "报到、撤离各计天数上限", kind="decimal", unit="天", minimum=0, maximum=5),
        LOOK_BACK,
    ],
    collect=course_subjects,
    short="培训费超综合定额",
    keeper=finance_office,
)
def course_over_rate(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    """Allowed = rate × (attendees + staff) × (Σ day factors + travel days, at most 1 each way, at the full rate).
    The amount compared is the course's total less its 讲课费 lines. The rate is the category's in force on the
    first day of the course."""
    d = subject.data
    found = _rate_excess(d, p)
    if found is None:
        return Verdict(
            Severity.YELLOW,
            f"没有适用的培训费综合定额标准（{d['category']}，{d['on']:%Y-%m-%d}），请财务核实",
        )
    allowed, over = found
    if over <= 0:
        return None
    per_day = d["days"] + counted_travel_days(d["travel_days"], p)
    per_person_day = d["quota_amount"] / (d["people"] * per_day) if per_day and d["people"] else d["quota_amount"]
    taper = (
        f"{p['full_rate_days']}天以内全额，{p['full_rate_days']}至{p['second_rate_days']}天按"
        f"{yuan(p['second_rate_percent'])}%，以上按{yuan(p['third_rate_percent'])}%"
    )
    return Verdict(
        Severity.RED,
        f"{d['category']}{d['people']}人（含工作人员）培训{yuan(d['days'])}天、报到撤离"
        f"{yuan(counted_travel_days(d['travel_days'], p))}天，综合定额内费用{yuan(d['quota_amount'])}元"
        f"（人均每天{yuan(per_person_day)}元），按{d['cited']}每人每天{yuan(d['rate'])}元（{taper}）最多"
        f"{yuan(allowed)}元，超出{yuan(over)}元",
    )


@excess("FRG-031")
def course_rate_excess(subject: Subject, p: Params, ctx: Context) -> Decimal:
    found = _rate_excess(subject.data, p)
    return found[1] if found is not None else ZERO


# --- FRG-032 lecturer fee per hour over the title's rate --------------------------------------------------------


def counted_hours(hours: Decimal, max_hours_half_day: Decimal) -> Decimal:
    """学时 paid: at most `max_hours_half_day` per half day, so a lecture of one day counts at most twice that."""
    return min(Decimal(hours), 2 * Decimal(max_hours_half_day))


def lecture_cap(rate: Decimal, hours: Decimal, from_afar: bool, p: Mapping[str, Any]) -> Decimal:
    uplift = (HUNDRED + Decimal(p["far_uplift_percent"])) / HUNDRED if from_afar else Decimal(1)
    return money(Decimal(rate) * counted_hours(hours, p["max_hours_half_day"]) * uplift)


def lecture_excess(lecture: Mapping[str, Any], p: Mapping[str, Any]) -> Decimal | None:
    """How much one lecture's fee is over its cap; None without a rate for the title."""
    if lecture["rate"] is None:
        return None
    return max(money(lecture["fee"]) - lecture_cap(lecture["rate"], lecture["hours"], lecture["from_afar"], p), ZERO)


def _over_text(lecture: Mapping[str, Any], p: Mapping[str, Any], over: Decimal) -> str:
    hours = counted_hours(lecture["hours"], p["max_hours_half_day"])
    counted = f"（按{yuan(hours)}学时计）" if hours != lecture["hours"] else ""
    afar = f"，外地专家上浮{yuan(p['far_uplift_percent'])}%" if lecture["from_afar"] else ""
    cap = lecture_cap(lecture["rate"], lecture["hours"], lecture["from_afar"], p)
    return (
        f"{lecture['lecturer']}（{lecture['title']}）{lecture['on']:%Y-%m-%d}授课{yuan(lecture['hours'])}学时"
        f"{counted}，讲课费{yuan(lecture['fee'])}元（每学时{yuan(lecture['fee'] / hours)}元），按{lecture['cited']}"
        f"每学时最多{yuan(lecture['rate'])}元{afar}，最多{yuan(cap)}元，超出{yuan(over)}元"
    )


@rule(
    code="FRG-032",
    title="讲课费不超过职称对应的标准",
    basis=(
        f"{TRAINING_RULES}第十二条：讲课费（税后）副高级技术职称每学时最高500元，正高级最高1000元，院士、全国知名"
        "专家一般不超过1500元（以授课当日适用的讲课费标准表为准）；每半天最多按4学时计算"
    ),
    category=CATEGORY,
    subjects="培训的授课记录（承办委室及其负责人）",
    severity_policy="讲课费超过 标准×计费学时（外地专家按规定上浮）为红色；授课人职称没有适用的标准为黄色",
    params=[
        Param("max_hours_half_day", "每半天最多计算学时", kind="decimal", unit="学时", minimum=1, maximum=12),
        Param("far_uplift_percent", "外地专家上浮比例", kind="decimal", unit="%", minimum=0, maximum=200),
        LOOK_BACK,
    ],
    collect=course_subjects,
    short="讲课费超标准",
    keeper=finance_office,
)
def lecture_over_rate(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    over, missing = [], []
    for lecture in subject.data["lectures"]:
        found = lecture_excess(lecture, p)
        if found is None:
            missing.append(f"{lecture['lecturer']}（{lecture['title']}，{lecture['on']:%Y-%m-%d}）")
        elif found > 0:
            over.append(_over_text(lecture, p, found))
    unknown = f"没有适用的讲课费标准：{'、'.join(missing)}，请财务核实" if missing else ""
    if over:
        tail = f"；另{unknown}" if unknown else ""
        return Verdict(Severity.RED, f"{'；'.join(over)}{tail}")
    if missing:
        return Verdict(Severity.YELLOW, f"{unknown}")
    return None


@excess("FRG-032")
def lectures_excess(subject: Subject, p: Params, ctx: Context) -> Decimal:
    return sum((lecture_excess(x, p) or ZERO for x in subject.data["lectures"]), ZERO)


# --- FRG-033 scenic venue, banquet, tour, souvenir ---------------------------------------------------------------


def scenic_hits(banned_scenic: str, *places: str) -> list[str]:
    """The banned scenic areas (a parameter list separated by 、 or commas) named in any of `places`."""
    words = [w for w in _WORDS.split(banned_scenic or "") if w]
    return [w for w in words if any(w in (place or "") for place in places)]


@rule(
    code="FRG-033",
    title="不到风景名胜区办班，不列支宴请、旅游、纪念品",
    basis=(
        f"{TRAINING_RULES}第十六条：不得到风景名胜区举办培训，不得组织宴请、旅游及与培训无关的参观，"
        "不得发放纪念品；《党政机关厉行节约反对浪费条例》第二十一条"
    ),
    category=CATEGORY,
    subjects="培训（承办委室及其负责人）",
    severity_policy="培训地点在参数所列风景名胜区，或费用明细中有宴请、旅游参观、纪念品的，为红色",
    params=[Param("banned_scenic", "禁止办班的风景名胜区", kind="str", help="以顿号分隔"), LOOK_BACK],
    collect=course_subjects,
    short="培训地点或开支违规",
    keeper=finance_office,
)
def banned_venue_or_cost(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    problems = []
    hits = scenic_hits(p.banned_scenic, d["venue"], d["venue_city"])
    if hits:
        place = "，".join(x for x in (d["venue_city"], d["venue"]) if x)
        problems.append(f"培训地点（{place}）在禁止办班的风景名胜区（{'、'.join(hits)}）")
    if d["banned"]:
        lines = "、".join(
            f"{b['kind']}{yuan(b['amount'])}元" + (f"（{b['description']}）" if b["description"] else "")
            for b in d["banned"]
        )
        problems.append(f"费用明细列支了不得开支的项目：{lines}")
    return Verdict(Severity.RED, f"{'；'.join(problems)}") if problems else None


# --- FRG-034 staff over the share of attendees ------------------------------------------------------------------


def staff_cap(attendees: int, staff_percent: Decimal, staff_max: int) -> int:
    """The most staff a course of `attendees` may have: staff_percent of them (rounded down), and never over
    staff_max."""
    return min(int(Decimal(attendees) * Decimal(staff_percent) / HUNDRED), int(staff_max))


@rule(
    code="FRG-034",
    title="培训工作人员不超过参训人数的比例和上限",
    basis=(
        f"{TRAINING_RULES}：培训工作人员控制在参训人员数量的10%以内，最多不超过10人（比例和人数上限未核实，"
        "参数为默认值，请按本省、本市规定设置）"
    ),
    category=CATEGORY,
    subjects="培训（承办委室及其负责人）",
    severity_policy="工作人员超过参训人数的比例或人数上限，为红色",
    params=[
        Param("staff_percent", "工作人员占参训人数的比例上限", kind="decimal", unit="%", minimum=0, maximum=100),
        Param("staff_max", "工作人员人数上限", unit="人", minimum=0, maximum=1000),
        LOOK_BACK,
    ],
    collect=course_subjects,
    short="培训工作人员超比例",
    keeper=finance_office,
)
def too_many_staff(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    by_share = int(Decimal(d["attendees"]) * Decimal(p.staff_percent) / HUNDRED)
    if d["staff"] <= staff_cap(d["attendees"], p.staff_percent, p.staff_max):
        return None
    limits = []
    if d["staff"] > by_share:
        limits.append(f"参训人数的{yuan(p.staff_percent)}%（{by_share}人）")
    if d["staff"] > p.staff_max:
        limits.append(f"最多{p.staff_max}人")
    return Verdict(
        Severity.RED,
        f"参训{d['attendees']}人，工作人员{d['staff']}人，超过{'和'.join(limits)}的限制"
        "（该比例和上限为未核实的默认参数）",
    )
