"""Reads of the 廉政风险点 register: the list with its filters, the review due date of each risk point, the heat
map unit × level, the per-unit register for print, the workbench figures, the register as it stood on a day (for
rule INT-030), and the link from a risk point to the ledger where the risk occurs.

Everything a person sees starts from `RiskPoint.objects.visible_to(user)`; only `register_on` (the rule's
reading) reads the whole organ, as rules do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse

from qinglian.core import asof, clock, workdays
from qinglian.integrity.choices import RiskLedger, RiskLevel
from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.integrity.permissions import can_keep_risks
from qinglian.org.choices import Role, UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

RULE_CODE = "INT-030"
# When no parameter set is in force (an organ that removed it): the shipped figures (rule_params.json).
DEFAULT_REVIEW_MONTHS, DEFAULT_WARN_WORKING_DAYS = 12, 20
LEVELS = [RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW]

# Review state of a risk point on a day (the list's filter, the workbench, the to-do, the rule's verdict).
OVERDUE, DUE_SOON, CURRENT = "overdue", "due", "current"
REVIEW_STATES = {OVERDUE: "逾期未复核", DUE_SOON: "即将到期", CURRENT: "在复核期内"}


# --- the link to the ledger where the risk occurs -------------------------------------------------------------
# A risk point names the ledger whose records show the control working (RiskLedger). Ledgers kept in Qinglian get a
# link: the 八项规定 ledgers (frugality) and npc's by path string — integrity may import neither app — and org's by
# URL name. 政府采购 has no ledger in Qinglian: its choice is kept and says so.
LEDGER_PATHS: dict[str, str] = {
    RiskLedger.SUGGESTIONS: "/npc/suggestions/",
    RiskLedger.RECEPTION: "/frugality/receptions/",
    RiskLedger.TRAVEL: "/frugality/trips/",
    RiskLedger.CONFERENCE: "/frugality/conferences/",
    RiskLedger.TRAINING: "/frugality/training/",
}
LEDGER_URL_NAMES: dict[str, str] = {
    RiskLedger.PERSONNEL: "event_list",  # org's 人事变动 page (org may be imported, so reversed by name)
}
PENDING = frozenset({RiskLedger.PROCUREMENT})
PENDING_TEXT = "暂无政府采购台账，请在说明中写明记录所在"


@dataclass(frozen=True)
class LedgerLink:
    label: str
    url: str = ""
    note: str = ""  # shown instead of a link


def ledger_link(ledger: str) -> LedgerLink:
    label = RiskLedger(ledger).label if ledger in RiskLedger.values else ledger
    if ledger in LEDGER_PATHS:
        return LedgerLink(label, url=LEDGER_PATHS[ledger])
    if ledger in LEDGER_URL_NAMES:
        try:
            return LedgerLink(label, url=reverse(LEDGER_URL_NAMES[ledger]))
        except NoReverseMatch:
            return LedgerLink(label)
    if ledger in PENDING:
        return LedgerLink(label, note=PENDING_TEXT)
    return LedgerLink(label)


# --- review due dates -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewTerms:
    months: int
    warn: int


def review_terms(organ_id: int | None, on: dt.date) -> ReviewTerms:
    """INT-030's parameters in force for the organ on `on` (the shipped figures when none is)."""
    from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
    from qinglian.compliance.registry import RULES

    rule = RULES.get(RULE_CODE)
    if organ_id is None or rule is None:
        return ReviewTerms(DEFAULT_REVIEW_MONTHS, DEFAULT_WARN_WORKING_DAYS)
    try:
        params = resolve(rule, sets_in_force(organ_id=organ_id, on=on, codes=[RULE_CODE]).get(RULE_CODE))
    except MissingParameters:
        return ReviewTerms(DEFAULT_REVIEW_MONTHS, DEFAULT_WARN_WORKING_DAYS)
    return ReviewTerms(params.review_months, params.warn_working_days)


def review_due(identified_on: dt.date, last_review: dt.date | None, months: int) -> dt.date:
    """The day by which the next review is due: `months` months after the last review (the identification when
    none), counted as 民法典 counts months (core.workdays: a rest day rolls forward)."""
    return workdays.after(last_review or identified_on, months, "months")


def review_state(due: dt.date, on: dt.date, warn: int) -> str:
    if on > due:
        return OVERDUE
    if workdays.working_days_between(on, due) <= warn:
        return DUE_SOON
    return CURRENT


def _with_last_review(qs: QuerySet[RiskPoint]) -> QuerySet[RiskPoint]:
    return qs.annotate(last_review=Max("reviews__date"))


def annotate_due(risks: Iterable[RiskPoint], terms: ReviewTerms, on: dt.date) -> list[RiskPoint]:
    """Each risk point (annotated with `last_review`) with `review_due` and `review_state` set."""
    rows = list(risks)
    for risk in rows:
        risk.review_due = review_due(risk.identified_on, risk.last_review, terms.months)
        risk.review_state = review_state(risk.review_due, on, terms.warn)
        risk.review_state_label = REVIEW_STATES[risk.review_state]
    return rows


# --- the list -------------------------------------------------------------------------------------------------


def keepable_units(user: Any) -> QuerySet[Unit]:
    """The internal units whose risk points `user` may keep (all for the office, the headed ones for a head)."""
    units = Unit.objects.visible_to(user).internal()
    scope = scope_of(user)
    if can_keep_risks(user) and not scope.has(Role.PARTY_OFFICER):
        units = units.filter(pk__in=scope.head_unit_ids)
    elif not can_keep_risks(user):
        units = units.none()
    return units


def filter_units(user: Any) -> QuerySet[Unit]:
    """The units offered in the list's filter: the internal units of the rows the user sees."""
    seen = RiskPoint.objects.visible_to(user).values("unit_id")
    return Unit.objects.visible_to(user).internal().filter(pk__in=seen)


def risk_list(
    user: Any,
    *,
    unit_id: int | None = None,
    level: str | None = None,
    ledger: str | None = None,
    review: str | None = None,
    on: dt.date | None = None,
) -> list[RiskPoint]:
    """The visible risk points (register order) with their last review and review due date; `review` keeps
    those in one review state (OVERDUE, DUE_SOON or CURRENT)."""
    on = on or clock.today()
    qs = RiskPoint.objects.visible_to(user).select_related("unit", "owner")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if level:
        qs = qs.filter(level=level)
    if ledger:
        qs = qs.filter(ledger=ledger)
    rows = annotate_due(_with_last_review(qs), review_terms(scope_of(user).organ_id, on), on)
    if review:
        rows = [r for r in rows if r.review_state == review]
    return rows


def risk_detail_reviews(risk: RiskPoint) -> QuerySet[RiskReview]:
    return risk.reviews.select_related("reviewed_by").order_by("-date", "-id")


def risk_with_due(user: Any, risk: RiskPoint, on: dt.date | None = None) -> RiskPoint:
    """One risk point (already accessed) with `last_review`, `review_due` and `review_state`."""
    on = on or clock.today()
    risk.last_review = risk.reviews.aggregate(last=Max("date"))["last"]
    annotate_due([risk], review_terms(risk.organ_id, on), on)
    return risk


# --- the heat map unit × level --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatRow:
    unit_id: int
    unit_name: str
    counts: tuple[int, ...]  # in LEVELS order

    @property
    def total(self) -> int:
        return sum(self.counts)


def heat_map(rows: Iterable[RiskPoint]) -> list[HeatRow]:
    """Counts per unit (register order) and level, of the rows given (already filtered and visible)."""
    counts: dict[int, list[int]] = {}
    names: dict[int, tuple[int, str]] = {}
    for risk in rows:
        cells = counts.setdefault(risk.unit_id, [0, 0, 0])
        cells[LEVELS.index(risk.level)] += 1
        names[risk.unit_id] = (risk.unit.order, risk.unit.name)
    ordered = sorted(counts, key=lambda pk: (names[pk], pk))
    return [HeatRow(pk, names[pk][1], tuple(counts[pk])) for pk in ordered]


def heat_map_option(heat: list[HeatRow]) -> dict[str, Any]:
    """The ECharts option of the heat map (units down, levels across); drawn by static/integrity/risk_heatmap.js."""
    data = [[x, y, row.counts[x]] for y, row in enumerate(heat) for x in range(len(LEVELS))]
    peak = max((c for row in heat for c in row.counts), default=0)
    return {
        "tooltip": {"position": "top"},
        "grid": {"left": 150, "right": 20, "top": 30, "bottom": 60},
        "xAxis": {"type": "category", "data": [level.label + "风险" for level in LEVELS], "position": "top"},
        "yAxis": {"type": "category", "data": [row.unit_name for row in heat], "inverse": True},
        "visualMap": {
            "min": 0,
            "max": max(peak, 1),
            "calculable": False,
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
            "inRange": {"color": ["#f8f9fa", "#f5c2c7", "#dc3545"]},
        },
        "series": [{"name": "风险点数", "type": "heatmap", "data": data, "label": {"show": True}}],
    }


# --- the per-unit register (廉政风险点登记表) ----------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRegister:
    unit: Unit
    risks: list[RiskPoint]


def registers(rows: Iterable[RiskPoint]) -> list[UnitRegister]:
    """The rows grouped by unit, in register order, one sheet of paper per unit."""
    by_unit: dict[int, list[RiskPoint]] = defaultdict(list)
    units: dict[int, Unit] = {}
    for risk in rows:
        by_unit[risk.unit_id].append(risk)
        units[risk.unit_id] = risk.unit
    ordered = sorted(units.values(), key=lambda u: (u.order, u.pk))
    return [UnitRegister(unit, by_unit[unit.pk]) for unit in ordered]


# --- the workbench and the to-do -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitCard:
    by_level: list[tuple[str, str, int]]  # (value, label, count)
    total: int
    due: list[RiskPoint]  # overdue first, then due soon


def unit_card(user: Any, on: dt.date | None = None) -> UnitCard | None:
    """For a unit head: the risk points of the units they head, by level, and those due for review."""
    scope = scope_of(user)
    if not scope.is_business or not scope.head_unit_ids:
        return None
    rows = [r for r in risk_list(user, on=on) if r.unit_id in scope.head_unit_ids]
    by_level = [(lv.value, lv.label, sum(1 for r in rows if r.level == lv)) for lv in LEVELS]
    return UnitCard(by_level=by_level, total=len(rows), due=due_first(rows))


def due_first(rows: Iterable[RiskPoint]) -> list[RiskPoint]:
    due = [r for r in rows if r.review_state in (OVERDUE, DUE_SOON)]
    return sorted(due, key=lambda r: (r.review_state != OVERDUE, r.review_due, r.pk))


def due_for_review(user: Any, *, unit_ids: Iterable[int] | None = None, on: dt.date | None = None) -> list[RiskPoint]:
    """Visible risk points overdue or due soon for review (of `unit_ids` when given), most urgent first."""
    rows = risk_list(user, on=on)
    if unit_ids is not None:
        wanted = set(unit_ids)
        rows = [r for r in rows if r.unit_id in wanted]
    return due_first(rows)


# --- the register as it stood on a day (rule INT-030) --------------------------------------------------------


@dataclass(frozen=True)
class StandingRisk:
    id: int
    unit_id: int
    owner_id: int | None
    label: str
    identified_on: dt.date
    last_review: dt.date | None


@dataclass(frozen=True)
class RegisterOn:
    risks: list[StandingRisk]
    units: dict[int, str]  # internal units standing on the day: id → name
    any_risk: bool  # the organ had at least one risk point on the day (standing or not)


def register_on(organ_id: int, as_of: dt.date) -> RegisterOn:
    """The organ's risk points standing on `as_of` (identified on or before it, not retired by its end), with unit,
    owner and wording as they stood (history), and the last review dated on or before it; the internal units."""
    fields = ["unit_id", "owner_id", "post", "matter", "identified_on", "deleted_at"]
    rows = asof.fields_on(RiskPoint, as_of, fields, where={"organ_id": organ_id})
    standing = {
        pk: row
        for pk, row in rows.items()
        if row["identified_on"] is not None and row["identified_on"] <= as_of and asof.stood(row["deleted_at"], as_of)
    }
    last = dict(
        RiskReview.objects.filter(risk_id__in=list(standing), date__lte=as_of)
        .values("risk_id")
        .annotate(last=Max("date"))
        .values_list("risk_id", "last")
    )
    unit_rows = asof.fields_on(Unit, as_of, ["name", "kind", "deleted_at"], where={"organ_id": organ_id})
    units = {
        pk: row["name"]
        for pk, row in unit_rows.items()
        if row["kind"] == UnitKind.INTERNAL and asof.stood(row["deleted_at"], as_of)
    }
    risks = [
        StandingRisk(
            id=pk,
            unit_id=row["unit_id"],
            owner_id=row["owner_id"],
            label=f"{units.get(row['unit_id'], '')}{' ' + row['post'] if row['post'] else ''}：{row['matter']}",
            identified_on=row["identified_on"],
            last_review=last.get(pk),
        )
        for pk, row in sorted(standing.items())
    ]
    return RegisterOn(risks=risks, units=units, any_risk=bool(standing))


# --- choices for the forms ----------------------------------------------------------------------------------


def owner_choices(user: Any, keep: int | None = None) -> QuerySet[Person]:
    """People the user may name as owner: the active people they see, and the current owner."""
    people = Person.objects.visible_to(user).filter(is_active=True)
    if keep:
        people = people | Person.objects.visible_to(user).filter(pk=keep)
    return people.select_related("unit").order_by("unit__order", "name").distinct()


def reviews_prefetch() -> Prefetch:
    return Prefetch("reviews", queryset=RiskReview.objects.order_by("-date", "-id"))
