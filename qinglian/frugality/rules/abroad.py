"""FRG-050–053: a delegation abroad (因公临时出国（境）) within its days, its size and number of countries, the
year's approved plan, and its report handed in after return.

Trips are read as the ledger stood on D: those that left on or before D (depart_on), not soft-deleted by D, in the
look-back window; a report handed in after D had not been handed in on D (core.asof). The days cap is the
abroad_days table in force on the day of departure. Findings go to the delegation's leader and the unit that spent.

- FRG-050 days abroad over the cap for the number of countries (plus `extra_days` when a country visited names one
  of `extra_day_regions`). The days table lists up to three countries; a trip to more has no row, and that is
  FRG-051's finding (too many countries), not a second one here. A trip of a count the table lists but with no
  table in force is yellow: no standard, never "within limits".
- FRG-051 team size over `team_max`, countries over `countries_max`.
- FRG-052 outside the year's plan: not linked to an item of the year's approved plan, the year has no plan approved
  by D, or more linked trips in the year than the plan has items (the later ones, by departure, are over).
- FRG-053 the report (出访报告) due `report_months` after return (core.workdays.add_months): compliance.deadlines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.deadlines import deadline_verdict
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.frugality.choices import PlanKind, StandardKind
from qinglian.frugality.models import AbroadTrip, PlanItem, SpendingPlan
from qinglian.frugality.rules.common import (
    ABROAD_RULES,
    CATEGORY,
    LOOK_BACK,
    WARN,
    finance_office,
    ledger_rows,
    standard_book,
    voucher_label,
)
from qinglian.frugality.standards.specs import SPECS

# The country counts the days table has rows for ("1", "2", "3"): more is FRG-051's, not a missing standard.
COUNTS_WITH_DAYS = frozenset(value for value, _ in SPECS[StandardKind.ABROAD_DAYS].keys[0].choices)
_SEPARATORS = re.compile(r"[、，,]")


def split_countries(text: str) -> list[str]:
    """The names of a list written 德国、法国 / 德国，法国 / 德国,法国 (spaces around a name and empty parts
    dropped)."""
    return [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]


def report_due(return_on: dt.date, months: int) -> dt.date:
    """回国后N个月内: the same day N months after return, rolled to a working day (民法典 Art.201–203)."""
    return workdays.add_months(return_on, months)


def trip_label(trip: AbroadTrip) -> str:
    noun = f"{trip.leader.name}率团赴{trip.countries}（{trip.depart_on:%Y-%m-%d}至{trip.return_on:%Y-%m-%d}）"
    return voucher_label(noun, trip)


def _trips(ctx: Context) -> list[AbroadTrip]:
    """One read for the four rules (same window, same related rows: one memo key)."""
    return ledger_rows(ctx, AbroadTrip, date_field="depart_on", related=("leader",))


def _subject(trip: AbroadTrip, **data: Any) -> Subject:
    return Subject(
        type="frugality.abroadtrip",
        id=str(trip.pk),
        label=trip_label(trip),
        period=str(trip.depart_on.year),
        link=f"/frugality/abroad/{trip.pk}/",
        unit_id=trip.unit_id,
        person_id=trip.leader_id,
        data={"on": trip.depart_on, "amount": trip.total_amount, **data},
    )


def collect_days(ctx: Context) -> Iterator[Subject]:
    book = standard_book(ctx)
    for trip in _trips(ctx):
        standard = book.find(StandardKind.ABROAD_DAYS, trip.depart_on, str(trip.country_count))
        yield _subject(
            trip,
            days=trip.days,
            country_count=trip.country_count,
            countries=split_countries(trip.countries),
            max_days=standard.number("max_days") if standard else None,
            standard=standard.cited if standard else "",
        )


def collect_size(ctx: Context) -> Iterator[Subject]:
    for trip in _trips(ctx):
        yield _subject(trip, team_size=trip.team_size, country_count=trip.country_count)


def collect_reports(ctx: Context) -> Iterator[Subject]:
    for trip in _trips(ctx):
        yield _subject(trip, return_on=trip.return_on, report_on=asof.known(trip.report_on, ctx.as_of))


# --- FRG-052: the year's approved plan --------------------------------------------------------------------------


def approved_plans(ctx: Context, years: set[int]) -> dict[int, tuple[int, int]]:
    """year → (plan id, number of items) of the organ's abroad plan approved by D, items as they stood on D."""
    plans = dict(
        SpendingPlan.all_objects.filter(
            asof.live_on(ctx.as_of),
            organ_id=ctx.organ_id,
            kind=PlanKind.ABROAD,
            year__in=years,
            approved_on__lte=ctx.as_of,
        ).values_list("year", "pk")
    )
    if not plans:
        return {}
    items = asof.fields_on(PlanItem, ctx.as_of, ["plan_id"], where={"plan_id__in": list(plans.values())})
    count: dict[int, int] = defaultdict(int)
    for row in items.values():
        count[row["plan_id"]] += 1
    return {year: (pk, count[pk]) for year, pk in plans.items()}


def collect_plan(ctx: Context) -> Iterator[Subject]:
    trips = _trips(ctx)
    plans = approved_plans(ctx, {t.depart_on.year for t in trips})
    linked_item_plans = dict(
        PlanItem.objects.filter(pk__in={t.plan_item_id for t in trips if t.plan_item_id}).values_list("pk", "plan_id")
    )
    rank: dict[int, int] = defaultdict(int)
    for trip in trips:  # in order of departure (ledger_rows orders by date, then id)
        year = trip.depart_on.year
        plan_id, planned = plans.get(year, (None, 0))
        in_plan = plan_id is not None and linked_item_plans.get(trip.plan_item_id) == plan_id
        if in_plan:
            rank[year] += 1
        yield _subject(
            trip,
            year=year,
            has_plan=plan_id is not None,
            planned=planned,
            linked=trip.plan_item_id is not None,
            in_plan=in_plan,
            rank=rank[year] if in_plan else None,
        )


# --- the rules ------------------------------------------------------------------------------------------------

PLAN_BASIS = f"{ABROAD_RULES}：实行年度因公临时出国计划管理，团组须列入经审批的年度计划，不得突破（条号未核实）"


@rule(
    code="FRG-050",
    title="出访在外天数不超过规定",
    basis=(
        f"{ABROAD_RULES}：出访1国不超过5天，2国不超过8天，3国不超过10天（含离、抵境当日），"
        "赴航班不便的拉美、非洲国家可增加1天（条号未核实）；天数上限见经费标准表“出访天数上限”，按出境日期适用"
    ),
    category=CATEGORY,
    subjects="因公临时出国（境）团组（检查日前出境的）",
    severity_policy=(
        "在外天数超过上限为红色；出访国家数在天数表内但没有适用的天数标准为黄色；"
        "出访国家数超过天数表所列的，由FRG-051（出访国家数）提示，本规则不重复提示"
    ),
    params=[
        Param("extra_day_regions", "可增加天数的国家和地区", kind="str", help="以顿号分隔，出访国家（地区）含其一即可"),
        Param("extra_days", "可增加的天数", unit="天", minimum=0, maximum=5),
        LOOK_BACK,
    ],
    collect=collect_days,
    short="出访天数超标",
    keeper=finance_office,
)
def trip_days(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    count = d["country_count"]
    if str(count) not in COUNTS_WITH_DAYS:
        return None  # more countries than the days table lists: FRG-051 says so
    if d["max_days"] is None:
        reason = f"{subject.label}：没有适用的出访天数标准（{count}个国家（地区）），请财务核实"
        return Verdict(Severity.YELLOW, reason)
    regions = split_countries(p.extra_day_regions)
    extra = int(p.extra_days) if any(r in c for c in d["countries"] for r in regions) else 0
    limit = d["max_days"] + extra
    if d["days"] <= limit:
        return None
    plus = f"（含赴拉美、非洲等地区增加的{extra}天）" if extra else ""
    reason = (
        f"{subject.label}：出访{count}个国家（地区），在外{d['days']}天，超过{limit}天的上限{plus}，"
        f"超出{d['days'] - limit}天（{d['standard']}）"
    )
    return Verdict(Severity.RED, reason)


@rule(
    code="FRG-051",
    title="团组人数和出访国家数不超过规定",
    basis=f"{ABROAD_RULES}：每个团组出访国家（地区）不超过3个（含经停），团组人数不超过6人（条号未核实）",
    category=CATEGORY,
    subjects="因公临时出国（境）团组（检查日前出境的）",
    severity_policy="团组人数或出访国家（地区）数超过上限为红色",
    params=[
        Param("team_max", "团组人数上限", unit="人", minimum=1, maximum=50),
        Param("countries_max", "出访国家（地区）数上限", unit="个", minimum=1, maximum=10),
        LOOK_BACK,
    ],
    collect=collect_size,
    short="团组人数或国家数超标",
    keeper=finance_office,
)
def trip_size(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    problems = []
    if d["team_size"] > int(p.team_max):
        problems.append(f"团组{d['team_size']}人，超过{p.team_max}人的上限")
    if d["country_count"] > int(p.countries_max):
        problems.append(f"出访{d['country_count']}个国家（地区），超过{p.countries_max}个的上限")
    return Verdict(Severity.RED, f"{subject.label}：{'；'.join(problems)}") if problems else None


@rule(
    code="FRG-052",
    title="出访团组列入经审批的年度计划，不突破计划",
    basis=PLAN_BASIS,
    category=CATEGORY,
    subjects="因公临时出国（境）团组（检查日前出境的），按出境年度对照当年经审批的因公出国（境）计划",
    severity_policy="未列入当年经审批的计划、当年没有经审批的计划、或超出计划团组数的为红色",
    params=[LOOK_BACK],
    collect=collect_plan,
    short="计划外出访",
    keeper=finance_office,
)
def trip_in_plan(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    year = d["year"]
    if not d["has_plan"]:
        reason = f"{subject.label}：{year}年没有经党组审批的年度因公出国（境）计划，该团组属计划外出访"
    elif not d["linked"]:
        reason = f"{subject.label}：未列入{year}年度因公出国（境）计划"
    elif not d["in_plan"]:
        reason = f"{subject.label}：所列计划事项不属于{year}年经审批的因公出国（境）计划"
    elif d["rank"] > d["planned"]:
        reason = f"{subject.label}：{year}年度计划{d['planned']}个团组，该团组为当年第{d['rank']}个，突破年度计划"
    else:
        return None
    return Verdict(Severity.RED, reason)


@rule(
    code="FRG-053",
    title="回国后按期提交出访报告",
    basis=f"{ABROAD_RULES}：团组回国后按期提交出访报告并交回证照（期限按本市规定，条号未核实）",
    category=CATEGORY,
    subjects="因公临时出国（境）团组（团长本人）",
    severity_policy="逾期才提交为红色（违规记录）；逾期仍未提交为红色；到期前N个工作日未提交为黄色",
    params=[
        Param("report_months", "出访报告提交期限（月）", unit="个月", minimum=1, maximum=12, period="months"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_reports,
    short="出访报告逾期",
    keeper=finance_office,
)
def trip_reported(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    due = report_due(d["return_on"], int(p.report_months))
    warn = int(p.warn_working_days)
    return deadline_verdict(subject.label, "提交出访报告", due, d["report_on"], ctx.as_of, warn, did="提交")
