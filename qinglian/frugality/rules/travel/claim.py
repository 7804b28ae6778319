"""FRG-010 lodging per night, FRG-011 allowances by calendar days, FRG-012 transport class: the claim against the
standard tables in force on the day of the spending (facts.py reads them). Each over-standard verdict is red and
says the amount, the cap, the excess and the standard; a missing standard is a yellow "请财务核实"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Params, Subject, Verdict, rule
from qinglian.frugality.choices import SEAT_LEVEL, SeatClass, TransportMode
from qinglian.frugality.rules.common import CATEGORY, LOOK_BACK, TRAVEL_RULES, excess, finance_office
from qinglian.frugality.rules.travel.facts import BAND_WORDS, ZERO, day, no_standard, trip_subjects, yuan

SUBJECTS = "差旅（出差人本人及承办委室）"
CENT = Decimal("0.01")


# --- FRG-010 ----------------------------------------------------------------------------------------------------


def stay_excess(stay: dict[str, Any]) -> Decimal:
    if stay["cap"] is None:
        return ZERO
    return max(ZERO, stay["lodging"] - stay["cap"] * stay["nights"])


@excess("FRG-010")
def lodging_excess(subject: Subject, params: Params, ctx: Context) -> Decimal:
    return sum((stay_excess(s) for s in subject.data["lodging"]), ZERO)


def _over_text(stay: dict[str, Any], band: str) -> str:
    per_night = (stay["lodging"] / stay["nights"]).quantize(CENT, rounding=ROUND_HALF_UP)
    season = "（旺季）" if stay["peak"] else ""
    return (
        f"{stay['place']}{day(stay['arrive_on'])}起{stay['nights']}晚住宿费{yuan(stay['lodging'])}，"
        f"每晚{yuan(per_night)}，超过{BAND_WORDS[band]}限额{yuan(stay['cap'])}/晚{season}，"
        f"超标准{yuan(stay_excess(stay))}（{stay['cited']}）"
    )


@rule(
    code="FRG-010",
    title="住宿费不超过出差地、出差人员级别的住宿费限额",
    basis=f"{TRAVEL_RULES}第十条、第十一条：住宿费在规定标准内凭据报销（限额见经费标准表“住宿费限额”）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="每晚住宿费超过到达当晚适用的限额（旺季月份按旺季限额）为红色；没有适用的住宿费标准为黄色（请财务核实）",
    params=[LOOK_BACK],
    collect=trip_subjects,
    short="住宿费超标准",
    keeper=finance_office,
)
def lodging_within_cap(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    band, stays = subject.data["band"], subject.data["lodging"]
    over = [_over_text(s, band) for s in stays if stay_excess(s) > 0]
    missing = [no_standard("住宿费", f"{s['place']}，{BAND_WORDS[band]}") for s in stays if s["cap"] is None]
    if over:
        return Verdict(Severity.RED, "住宿费超标准：" + "；".join([*over, *missing]))
    if missing:
        return Verdict(Severity.YELLOW, "；".join(missing))
    return None


# --- FRG-011 ----------------------------------------------------------------------------------------------------


def _claimed(part: dict[str, Any]) -> bool:
    return part["days"] > 0 or part["amount"] > 0


def _allowed(part: dict[str, Any], calendar_days: int) -> Decimal | None:
    """What the days may be paid: the days claimed, at most the calendar days, times the day's standard."""
    if part["per_day"] is None:
        return None
    return part["per_day"] * min(part["days"], calendar_days)


@excess("FRG-011")
def allowance_excess(subject: Subject, params: Params, ctx: Context) -> Decimal:
    total = ZERO
    for part in subject.data["parts"]:
        allowed = _allowed(part, subject.data["calendar_days"]) if _claimed(part) else None
        if allowed is not None:
            total += max(ZERO, part["amount"] - allowed)
    return total


def _part_problems(part: dict[str, Any], calendar_days: int, province: str) -> tuple[list[str], list[str]]:
    """(red reasons, yellow notes) of one allowance."""
    red: list[str] = []
    kind, days = part["kind"], part["days"]
    if days != calendar_days:
        red.append(f"{kind}按{days}天计算，与出差自然（日历）天数{calendar_days}天不一致")
    allowed = _allowed(part, calendar_days)
    if allowed is None:
        return red, [no_standard(kind, province or "出差地")]
    if part["amount"] > allowed:
        counted = min(days, calendar_days)
        red.append(
            f"{kind}{yuan(part['amount'])}，超过{counted}天×{yuan(part['per_day'])}/天＝{yuan(allowed)}，"
            f"多报{yuan(part['amount'] - allowed)}（{part['cited']}）"
        )
    return red, []


@rule(
    code="FRG-011",
    title="伙食补助费、市内交通费按出差自然（日历）天数和标准计算",
    basis=f"{TRAVEL_RULES}第十五条、第十八条：伙食补助费、市内交通费按出差自然（日历）天数计算",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="补助天数与出差自然天数（返回日期−出发日期+1）不一致，或金额超过天数×每天标准，为红色；"
    "没有适用的补助标准为黄色（请财务核实）；未报补助的不检查",
    params=[LOOK_BACK],
    collect=trip_subjects,
    short="差旅补助天数或金额不符",
    keeper=finance_office,
)
def allowances_by_calendar_days(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    red: list[str] = []
    yellow: list[str] = []
    for part in subject.data["parts"]:
        if _claimed(part):
            more_red, more_yellow = _part_problems(part, subject.data["calendar_days"], subject.data["province"])
            red += more_red
            yellow += more_yellow
    if red:
        return Verdict(Severity.RED, "；".join([*red, *yellow]))
    if yellow:
        return Verdict(Severity.YELLOW, "；".join(yellow))
    return None


# --- FRG-012 ----------------------------------------------------------------------------------------------------


def _seat_label(value: str) -> str:
    return SeatClass(value).label if value in SeatClass.values else value


def above_entitlement(ticket: dict[str, Any]) -> bool:
    return SEAT_LEVEL.get(ticket["seat"], 0) > SEAT_LEVEL.get(ticket["allowed"], 0)


@rule(
    code="FRG-012",
    title="按出差人员级别乘坐相应等级的交通工具",
    basis=f"{TRAVEL_RULES}第七条：出差人员应当按规定等级乘坐交通工具（等级见经费标准表“交通工具等级”）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="票据的座位/舱位高于该级别人员可乘坐的最高等级为红色；没有适用的交通工具等级标准为黄色",
    params=[LOOK_BACK],
    collect=trip_subjects,
    short="交通工具超等级",
    keeper=finance_office,
)
def class_within_entitlement(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    band = BAND_WORDS[subject.data["band"]]
    red: list[str] = []
    yellow: list[str] = []
    for t in subject.data["tickets"]:
        where = day(t["on"]) + (f" {t['route']}" if t["route"] else "")
        if t["allowed"] is None:
            yellow.append(no_standard("交通工具等级", f"{band}，{TransportMode(t['mode']).label}"))
        elif above_entitlement(t):
            allowed = _seat_label(t["allowed"])
            red.append(f"{where}乘坐{_seat_label(t['seat'])}，高于{band}可乘坐的{allowed}（{t['cited']}）")
    if red:
        return Verdict(Severity.RED, "交通工具超等级：" + "；".join([*red, *dict.fromkeys(yellow)]))
    if yellow:
        return Verdict(Severity.YELLOW, "；".join(dict.fromkeys(yellow)))
    return None
