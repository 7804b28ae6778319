"""FRG-020…024, the meetings (会议费, 财行〔2016〕214号): held under the approved yearly plan or approved ad hoc before
they began; within their category's days, size and staff; within the comprehensive rate per person-day; not in a banned
scenic area; no banquet, tour or souvenir on the bill.

The five rules share one read (rules/common.ledger_rows: the meetings that began on or before D in the window, live on
D, with their unit, plan item and plan; their cost lines as they stood at the end of D) and one standard book, and each
meeting's subject is built once per run (ctx.memo). A meeting's standard is the 会议费综合定额 row in force on its
first day (start_on), not on D; no row for its category is a yellow "没有适用的标准", never "within limits". Findings
go to the spending unit and its head; a unit without a head leaves the finding to the finance office (keeper).

The figures are pure functions of plain data (`person_days`, `rate_excess`, …) so the pages show the same numbers the
rules judge by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import first_heads
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof
from qinglian.frugality.choices import BANNED_COSTS, ConferenceCategory, CostKind, PlanKind, StandardKind
from qinglian.frugality.models import Conference, ConferenceCost
from qinglian.frugality.rules.common import (
    CATEGORY,
    CONFERENCE_RULES,
    FRUGALITY_RULES,
    LOOK_BACK,
    excess,
    finance_office,
    first_day,
    ledger_rows,
    standard_book,
    voucher_label,
)
from qinglian.frugality.standards.lookup import Standard

SUBJECT_TYPE = "frugality.conference"
RELATED = ("unit", "plan_item__plan")
# 214号 Art.10: a meeting that only conveys or assigns work (传达、布置类) lasts at most one day, whatever its category.
# Not yet a rule parameter of FRG-021 (rule_params.json has none for it): see docs/frugality/conferences.md.
BRIEFING_MAX_DAYS = Decimal(1)
CostRow = tuple[str, str, Decimal, str]  # a line of the bill: (kind, its label, amount, description)
LIMIT_NAMES = ("per_person_day", "max_days", "max_travel_days", "max_people", "staff_percent")


# --- figures shared with the pages ------------------------------------------------------------------------------


def num(value: Decimal | int) -> str:
    """1.0 → "1", 1.50 → "1.5": days and percentages as a person writes them."""
    return f"{Decimal(value).normalize():f}"


def yuan(value: Decimal) -> str:
    return f"{value:,.2f}元"


def person_days(attendees: int, staff: int, days: Decimal, travel_days: Decimal) -> Decimal:
    """人天数 = (参会人数 + 工作人员) × (会期 + 报到离开天数).

    214号 Art.15 caps the meeting's whole bill at 综合定额 × 人数 × 天数: the staff sleep and eat at the meeting like
    the delegates, and the days of arrival and departure are paid days too (Art.10 limits them precisely because
    they are), so both count — a bill divided by delegates and 会期 alone would call a lawful meeting over its rate."""
    return Decimal(attendees + staff) * (Decimal(days) + Decimal(travel_days))


def per_person_day(total: Decimal, people_days: Decimal) -> Decimal | None:
    """元/人·天 to the fen, or None for a meeting without people or days (no rate can be worked out)."""
    if people_days <= 0:
        return None
    return (Decimal(total) / people_days).quantize(Decimal("0.01"))


def rate_cap(rate: Decimal, people_days: Decimal) -> Decimal:
    return (Decimal(rate) * people_days).quantize(Decimal("0.01"))


def rate_excess(total: Decimal, rate: Decimal | None, people_days: Decimal) -> Decimal:
    """How much of the bill is over 综合定额 × 人天数 (0 within it, or when no rate applies)."""
    if rate is None or people_days <= 0:
        return Decimal(0)
    return max(Decimal(total) - rate_cap(rate, people_days), Decimal(0))


def standard_values(found: Standard | None) -> dict[str, Any] | None:
    """The conference_rate row as plain values (None: no table in force has a row for the category)."""
    if found is None:
        return None
    values: dict[str, Any] = {name: found.amount(name) for name in LIMIT_NAMES}
    values["cited"] = found.cited
    return values


def find_rate(book: Any, on: dt.date, category: str) -> dict[str, Any] | None:
    return standard_values(book.find(StandardKind.CONFERENCE_RATE, on, category))


def days_cap(standard: Mapping[str, Any] | None, briefing: bool) -> Decimal | None:
    """The longest the meeting may last: its category's 会期上限, and one day for a briefing meeting."""
    cap = standard.get("max_days") if standard else None
    if briefing:
        return BRIEFING_MAX_DAYS if cap is None else min(cap, BRIEFING_MAX_DAYS)
    return cap


def size_excesses(data: Mapping[str, Any]) -> list[str]:
    """Each limit of FRG-021 the meeting is over, in words (empty: within every limit the standard sets)."""
    standard = data["standard"] or {}
    found = []
    cap = days_cap(standard, data["briefing"])
    if cap is not None and data["days"] > cap:
        kind = "传达布置类会议" if data["briefing"] and cap == BRIEFING_MAX_DAYS else "会期"
        found.append(f"会期{num(data['days'])}天，超过{kind}上限{num(cap)}天")
    travel = standard.get("max_travel_days")
    if travel is not None and data["travel_days"] > travel:
        found.append(f"报到和离开{num(data['travel_days'])}天，超过上限{num(travel)}天")
    people = standard.get("max_people")
    if people is not None and data["attendees"] > people:
        found.append(f"参会人数{data['attendees']}人，超过上限{num(people)}人")
    percent = standard.get("staff_percent")
    if percent is not None:
        allowed = Decimal(data["attendees"]) * percent / 100
        if data["staff"] > allowed:
            found.append(
                f"工作人员{data['staff']}人，超过参会人数{data['attendees']}人的{num(percent)}%（{num(allowed)}人）"
            )
    return found


def scenic_hits(venue: str, city: str, banned: str) -> list[str]:
    """The words of the banned list (separated by 、，, or spaces) that the venue or its city contains."""
    words = [w.strip() for w in banned.replace("，", "、").replace(",", "、").replace(" ", "、").split("、")]
    place = f"{venue} {city}"
    return [w for w in words if w and w in place]


def banned_lines(costs: tuple[CostRow, ...]) -> list[tuple[str, Decimal, str]]:
    """(label, amount, description) of every banquet, tour or souvenir line of the bill."""
    return [(label, amount, text) for kind, label, amount, text in costs if kind in BANNED_COSTS]


def plan_problem(data: Mapping[str, Any]) -> str:
    """Why the meeting does not count as planned, or "" when it is in a plan approved before it began (214号 Art.9:
    the plan is carried out once the Party group has approved it)."""
    plan = data["plan"]
    if plan is None:
        return "未列入年度会议计划"
    on = data["on"]
    if plan["kind"] != PlanKind.CONFERENCE or plan["year"] != on.year:
        return f"所列计划事项“{plan['item']}”不是{on.year}年度会议计划的事项"
    if not plan["live"]:
        return f"所列{plan['year']}年度会议计划已撤销"
    approved = plan["approved_on"]
    if approved is None:
        return f"所列{plan['year']}年度会议计划尚未经党组会审批"
    if approved > on:
        return f"所列{plan['year']}年度会议计划于{approved:%Y-%m-%d}才经党组会审批，晚于会议开始日期"
    return ""


# --- subjects: one per meeting, built once per run -------------------------------------------------------------


def _bills_on(ctx: Context, conference_ids: list[int]) -> dict[int, tuple[CostRow, ...]]:
    """Each meeting's cost lines as they stood at the end of D (core.asof.fields_on): a line corrected or removed
    after D is read as it was; the current rows when D is today or later. One read for the run."""
    if not conference_ids:
        return {}
    fields = ("conference_id", "kind", "amount", "description")
    rows = asof.fields_on(ConferenceCost, ctx.as_of, fields, where={"conference_id__in": conference_ids}).values()
    bills: dict[int, list[CostRow]] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        label = CostKind(r["kind"]).label if r["kind"] in CostKind.values else r["kind"]
        bills.setdefault(r["conference_id"], []).append((r["kind"], label, Decimal(r["amount"]), r["description"]))
    return {pk: tuple(lines) for pk, lines in bills.items()}


def _plan(row: Conference, as_of: dt.date) -> dict[str, Any] | None:
    item = row.plan_item
    if item is None:
        return None
    plan = item.plan
    return {
        "item": item.name,
        "kind": plan.kind,
        "year": plan.year,
        "approved_on": asof.known(plan.approved_on, as_of),
        "live": asof.stood(plan.deleted_at, as_of),
    }


def _subject(
    row: Conference, book: Any, heads: dict[int, int | None], costs: tuple[CostRow, ...], as_of: dt.date
) -> Subject:
    return Subject(
        type=SUBJECT_TYPE,
        id=str(row.pk),
        label=voucher_label(f"{row.start_on:%Y-%m-%d} {row.name}", row),
        period=str(row.start_on.year),
        link=f"/frugality/conferences/{row.pk}/",
        unit_id=row.unit_id,
        person_id=heads.get(row.unit_id),
        data={
            "on": row.start_on,
            "amount": row.total_amount,
            "category": row.category,
            "category_label": ConferenceCategory(row.category).label,
            "briefing": row.briefing,
            "days": row.days,
            "travel_days": row.travel_days,
            "attendees": row.attendees,
            "staff": row.staff,
            "venue": row.venue,
            "venue_city": row.venue_city,
            "plan": _plan(row, as_of),
            "adhoc_approved_on": asof.known(row.adhoc_approved_on, as_of),
            "costs": costs,
            "standard": find_rate(book, row.start_on, row.category),
        },
    )


def collect_conferences(ctx: Context) -> list[Subject]:
    key = f"frugality:conference-subjects:{first_day(ctx)}"
    if key not in ctx.memo:
        rows = ledger_rows(ctx, Conference, date_field="start_on", related=RELATED)
        book = standard_book(ctx)
        heads = first_heads(ctx.organ_id, {r.unit_id for r in rows})
        bills = _bills_on(ctx, [r.pk for r in rows])
        ctx.memo[key] = [_subject(r, book, heads, bills.get(r.pk, ()), ctx.as_of) for r in rows]
    return ctx.memo[key]


def _no_standard(subject: Subject) -> Verdict:
    label = subject.data["category_label"]
    reason = f"{subject.label}：没有适用的会议费标准（{label}），请财务核实"
    return Verdict(Severity.YELLOW, reason)


BASE = {"category": CATEGORY, "collect": collect_conferences, "keeper": finance_office}
SUBJECTS = "会议（承办委室及其负责人）"


@rule(
    code="FRG-020",
    title="计划外会议须事前履行审批程序",
    basis=f"{CONFERENCE_RULES}第九条：年度会议计划经单位领导办公会或党组会审批后执行；计划外会议须履行审批程序",
    subjects=SUBJECTS,
    severity_policy="未列入经党组会审批的年度会议计划、且开会前没有计划外审批为红色",
    params=[LOOK_BACK],
    short="计划外会议未经审批",
    **BASE,
)
def conference_planned(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    problem = plan_problem(subject.data)
    if not problem:
        return None
    adhoc = subject.data["adhoc_approved_on"]
    on = subject.data["on"]
    if adhoc is not None and adhoc <= on:
        return None
    late = f"，计划外审批日期{adhoc:%Y-%m-%d}晚于会议开始日期{on:%Y-%m-%d}" if adhoc else "，开会前没有计划外审批"
    return Verdict(Severity.RED, f"{subject.label}：{problem}{late}")


@rule(
    code="FRG-021",
    title="会期、参会人数和工作人员比例不超过会议类别的规定",
    basis=f"{CONFERENCE_RULES}第十条、第十一条：各类会议的会期、参会人数和工作人员比例；传达、布置类会议会期不超过1天",
    subjects=SUBJECTS,
    severity_policy="会期、报到离开天数、参会人数或工作人员比例超过会议开始日生效的标准为红色；没有适用的标准为黄色",
    params=[LOOK_BACK],
    short="会期或人数超标准",
    **BASE,
)
def conference_size(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    standard = subject.data["standard"]
    if standard is None:
        return _no_standard(subject)
    found = size_excesses(subject.data)
    if not found:
        return None
    reason = f"{subject.label}：{subject.data['category_label']}，{'；'.join(found)}（{standard['cited']}）"
    return Verdict(Severity.RED, reason)


@excess("FRG-022")
def conference_rate_excess(subject: Subject, p: Params, ctx: Context) -> Decimal:
    data = subject.data
    rate = (data["standard"] or {}).get("per_person_day")
    return rate_excess(data["amount"], rate, _person_days(data))


def _person_days(data: Mapping[str, Any]) -> Decimal:
    return person_days(data["attendees"], data["staff"], data["days"], data["travel_days"])


@rule(
    code="FRG-022",
    title="会议费不超过综合定额",
    basis=f"{CONFERENCE_RULES}第十五条：会议费综合定额（元/人天）为上限，住宿费、伙食费、其他费用可调剂使用",
    subjects=SUBJECTS,
    severity_policy="会议费合计超过 综合定额×(参会人数+工作人员)×(会期+报到离开天数) 为红色；没有适用的标准为黄色",
    params=[LOOK_BACK],
    short="会议费超综合定额",
    **BASE,
)
def conference_rate(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    rate = (data["standard"] or {}).get("per_person_day")
    if rate is None:
        return _no_standard(subject)
    days = _person_days(data)
    if days <= 0:
        return Verdict(Severity.YELLOW, f"{subject.label}：参会人数或天数为0，无法计算人均每天费用，请财务核实")
    over = rate_excess(data["amount"], rate, days)
    if over <= 0:
        return None
    reason = (
        f"{subject.label}：会议费{yuan(data['amount'])}，按（参会{data['attendees']}人+工作人员{data['staff']}人）"
        f"×（会期{num(data['days'])}天+报到离开{num(data['travel_days'])}天）={num(days)}人天计，"
        f"人均每天{yuan(per_person_day(data['amount'], days))}，超过{data['category_label']}综合定额"
        f"{num(rate)}元/人·天（上限{yuan(rate_cap(rate, days))}），超出{yuan(over)}（{data['standard']['cited']}）"
    )
    return Verdict(Severity.RED, reason)


@rule(
    code="FRG-023",
    title="不得到明令禁止的风景名胜区召开会议",
    basis=f"{FRUGALITY_RULES}第二十一条；{CONFERENCE_RULES}第十二条：不得到党中央、国务院明令禁止的风景名胜区召开会议",
    subjects=SUBJECTS,
    severity_policy="会议地点或所在城市含有风景名胜区名单中的名称为红色",
    params=[Param("banned_scenic", "明令禁止的风景名胜区", kind="str", help="以顿号分隔"), LOOK_BACK],
    short="在风景名胜区开会",
    **BASE,
)
def conference_scenic(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    hits = scenic_hits(subject.data["venue"], subject.data["venue_city"], str(p.banned_scenic))
    if not hits:
        return None
    place = "，".join(x for x in (subject.data["venue_city"], subject.data["venue"]) if x)
    reason = f"{subject.label}：会议地点“{place}”位于明令禁止召开会议的风景名胜区（{'、'.join(hits)}）"
    return Verdict(Severity.RED, reason)


@rule(
    code="FRG-024",
    title="会议不得安排宴请、旅游参观，不得发放纪念品",
    basis=f"{CONFERENCE_RULES}第二十条：会议不得安排宴请，不得组织会议代表游览及与会议无关的参观，不得发放纪念品",
    subjects=SUBJECTS,
    severity_policy="费用明细中有宴请、旅游参观或纪念品支出为红色",
    params=[LOOK_BACK],
    short="会议列支宴请、旅游或纪念品",
    **BASE,
)
def conference_banned_costs(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    lines = banned_lines(subject.data["costs"])
    if not lines:
        return None
    named = "；".join(f"{label}{yuan(amount)}" + (f"（{text}）" if text else "") for label, amount, text in lines)
    return Verdict(Severity.RED, f"{subject.label}：费用明细列支{named}，会议不得安排宴请、旅游参观或发放纪念品")
