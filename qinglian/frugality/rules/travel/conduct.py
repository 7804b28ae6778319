"""FRG-013 approval before departure, FRG-014 weekends and holidays at scenic places, FRG-015 one person in two
places on one day: the trip's dates and places (facts.py reads them), no standard table involved."""

from __future__ import annotations

import re

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.frugality.rules.common import CATEGORY, LOOK_BACK, TRAVEL_RULES, finance_office
from qinglian.frugality.rules.travel.facts import day, trip_subjects
from qinglian.frugality.standards.lookup import norm_key

SUBJECTS = "差旅（出差人本人及承办委室）"


@rule(
    code="FRG-013",
    title="出差事前审批",
    basis=f"{TRAVEL_RULES}第四条：出差须按规定报经单位有关领导批准（事前审批）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="审批日期晚于出发日期，或已出发仍无审批记录，为红色",
    params=[LOOK_BACK],
    collect=trip_subjects,
    short="出差未事前审批",
    keeper=finance_office,
)
def approved_before_departure(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    start, approved = subject.data["start_on"], subject.data["approved_on"]
    if approved is None:
        return Verdict(Severity.RED, f"{day(start)}出发，截至{day(ctx.as_of)}没有出差审批记录（应事前审批）")
    if approved > start:
        return Verdict(Severity.RED, f"审批日期{day(approved)}晚于出发日期{day(start)}，未事前审批")
    return None


def scenic_words(text: str) -> list[str]:
    return [w for w in (norm_key(x) for x in re.split(r"[、,，;；\s]+", text or "")) if w]


@rule(
    code="FRG-014",
    title="节假日前往景区的出差提示复核",
    basis=f"{TRAVEL_RULES}第二十四条：出差人员不得借出差之机游山玩水；节假日前往景区的出差提示复核",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="出差期间含周末或法定节假日（按本机关工作日历），且目的地城市或省份含景区名单中的地名，"
    "为黄色（复核后可销号）",
    params=[
        Param("scenic_places", "景区名单", kind="str", help="用顿号分隔；目的地城市或省份含其中任一地名即提示"),
        LOOK_BACK,
    ],
    collect=trip_subjects,
    short="节假日赴景区出差",
    keeper=finance_office,
)
def scenic_on_days_off(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    off, places = subject.data["days_off"], subject.data["places"]
    hits = [w for w in scenic_words(p.scenic_places) if any(w in norm_key(x) or w in x for x in places)]
    if not off or not hits:
        return None
    shown = "、".join(day(d) for d in off[:5]) + ("等" if len(off) > 5 else "")
    return Verdict(
        Severity.YELLOW,
        f"出差期间含非工作日（{shown}），目的地{'、'.join(places)}属景区名单（{'、'.join(dict.fromkeys(hits))}），"
        "请复核是否借出差之机游山玩水",
    )


def _clash_text(places: str, clash: dict) -> str:
    voucher = f"凭证号{clash['voucher']}" if clash["voucher"] else "（无凭证号）"
    span = day(clash["first_day"])
    if clash["last_day"] != clash["first_day"]:
        span += f"至{day(clash['last_day'])}"
    return (
        f"{span}同时在另一次出差（{voucher}，{day(clash['start_on'])}至{day(clash['end_on'])}赴{clash['places']}）中，"
        f"本次赴{places or '外地'}"
    )


@rule(
    code="FRG-015",
    title="同一人同一日不能在两地出差",
    basis=f"{TRAVEL_RULES}：差旅费按实际出差行程报销（条号未核实）；同一人同一日不能在两地出差",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="同一出差人的两次出差日期重叠且目的地不同（在后一次出差上提示），或同一次出差的两处住宿有同一晚重叠，"
    "为红色",
    params=[LOOK_BACK],
    collect=trip_subjects,
    short="同一人同日两地出差",
    keeper=finance_office,
)
def one_place_a_day(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    problems = [_clash_text(subject.data["destinations"], c) for c in subject.data["clashes"]]
    problems += list(subject.data["stay_overlaps"])
    if not problems:
        return None
    return Verdict(Severity.RED, "同一人同一日在两地：" + "；".join(problems))
