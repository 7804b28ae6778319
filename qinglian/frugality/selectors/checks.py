"""Reads of the special check (专项检查): which ledger rows a check covers, the rows it may sample, one sample, the
findings of its period, the list and the stationed group's card.

A check covers the live rows of its chosen ledgers dated within its period — a reception by its first day, a trip by its
departure, a meeting or a course by its first day, a car by its purchase, a trip abroad by its departure: the date
each FRG subject carries as data["on"]. `LEDGERS` says, per ledger, where that date and the amount are and which
rule module (rules/<module>.py) checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Count, Model, Q, QuerySet, Sum
from django.db.models.functions import Cast

from qinglian.compliance.choices import COUNTED_STATUSES
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Rule
from qinglian.core.errors import NotFound
from qinglian.frugality.choices import CheckStatus, Ledger
from qinglian.frugality.models import (
    AbroadTrip,
    CheckSample,
    Conference,
    OfficialCar,
    Reception,
    SpecialCheck,
    TrainingCourse,
    Trip,
)
from qinglian.frugality.permissions import is_stationed_group


@dataclass(frozen=True)
class LedgerSpec:
    """One finance ledger as a special check reads it."""

    ledger: str
    model: type[Model]
    date_field: str  # the date a subject of its rules carries as data["on"]
    amount_field: str
    path: str  # the rows' pages: /frugality/<plural>/<pk>/
    rule_module: str  # qinglian.frugality.rules.<rule_module>
    describe: Callable[[Any], str]  # what a sample says of the row, after its voucher number
    people: tuple[str, ...] = ()  # who answers for the row (a reviewer must not be one of them)
    related: tuple[str, ...] = ()

    @property
    def subject_type(self) -> str:
        return self.model._meta.label_lower

    def amount(self, row: Any) -> Decimal:
        return getattr(row, self.amount_field) or Decimal(0)

    def link(self, pk: int) -> str:
        return f"{self.path}{pk}/"

    def label(self, row: Any) -> str:
        return self.describe(row)[:300]


LEDGERS: dict[str, LedgerSpec] = {
    spec.ledger: spec
    for spec in (
        LedgerSpec(
            Ledger.RECEPTION,
            Reception,
            "start_on",
            "total_amount",
            "/frugality/receptions/",
            "receptions",
            lambda r: f"{r.start_on:%Y-%m-%d} 接待{r.guest_unit}（{r.guest_count}人）{r.purpose}",
            people=("approver_id",),
        ),
        LedgerSpec(
            Ledger.TRAVEL,
            Trip,
            "start_on",
            "total_amount",
            "/frugality/trips/",
            "travel",
            lambda r: f"{r.start_on:%Y-%m-%d} {r.traveller.name}出差：{r.purpose}",
            people=("traveller_id", "approver_id"),
            related=("traveller",),
        ),
        LedgerSpec(
            Ledger.CONFERENCE,
            Conference,
            "start_on",
            "total_amount",
            "/frugality/conferences/",
            "conferences",
            lambda r: f"{r.start_on:%Y-%m-%d} {r.name}（{r.venue}）",
            people=("adhoc_approver_id",),
        ),
        LedgerSpec(
            Ledger.TRAINING,
            TrainingCourse,
            "start_on",
            "total_amount",
            "/frugality/training/",
            "training",
            lambda r: f"{r.start_on:%Y-%m-%d} {r.name}（{r.venue}）",
            people=("adhoc_approver_id",),
        ),
        LedgerSpec(
            Ledger.CAR,
            OfficialCar,
            "purchased_on",
            "price",
            "/frugality/cars/",
            "cars",
            lambda r: f"{r.purchased_on:%Y-%m-%d} 购置{r.plate} {r.model_name}",
        ),
        LedgerSpec(
            Ledger.ABROAD,
            AbroadTrip,
            "depart_on",
            "total_amount",
            "/frugality/abroad/",
            "abroad",
            lambda r: f"{r.depart_on:%Y-%m-%d} {r.leader.name}率团出访{r.countries}",
            people=("leader_id",),
            related=("leader",),
        ),
    )
}


def ledger_label(ledger: str) -> str:
    return Ledger(ledger).label


def ledgers_text(ledgers: Iterable[str]) -> str:
    return "、".join(ledger_label(ledger) for ledger in ledgers)


RULES_PACKAGE = "qinglian.frugality.rules"


def _rule_part(rule: Rule) -> str:
    """The part a rule was registered from: rules/<part>.py or a module of the package rules/<part>/."""
    prefix = f"{RULES_PACKAGE}."
    return rule.module.removeprefix(prefix).split(".", 1)[0] if rule.module.startswith(prefix) else ""


def check_rules(ledgers: Iterable[str]) -> list[Rule]:
    """The FRG rules of the chosen ledgers, by code: those registered from each ledger's rule module or package."""
    parts = {LEDGERS[ledger].rule_module for ledger in ledgers}
    return [RULES[code] for code in sorted(RULES) if _rule_part(RULES[code]) in parts]


def rule_ledger(rule: Rule) -> str:
    return next(spec.ledger for spec in LEDGERS.values() if spec.rule_module == _rule_part(rule))


# --- the rows of a period ----------------------------------------------------------------------------------------


def period_rows(spec: LedgerSpec, *, organ_id: int, start: dt.date, end: dt.date) -> QuerySet:
    """The ledger's live rows dated from `start` to `end`."""
    return spec.model.objects.filter(  # type: ignore[attr-defined]
        organ_id=organ_id, **{f"{spec.date_field}__gte": start, f"{spec.date_field}__lte": end}
    )


def candidates(check: SpecialCheck) -> list[tuple[str, int]]:
    """What a draw chooses from: (ledger, pk) of every live row of the period, ordered by ledger value, then pk —
    one order whatever the database returns, so the same seed over the same rows picks the same vouchers."""
    found = []
    for ledger in check.ledgers:
        rows = period_rows(LEDGERS[ledger], organ_id=check.organ_id, start=check.period_start, end=check.period_end)
        found += [(ledger, pk) for pk in rows.values_list("pk", flat=True)]
    return sorted(found)


def ledger_totals(check: SpecialCheck) -> list[dict[str, Any]]:
    """Per chosen ledger: its rows of the period (live) and their total amount."""
    out = []
    for ledger in check.ledgers:
        spec = LEDGERS[ledger]
        rows = period_rows(spec, organ_id=check.organ_id, start=check.period_start, end=check.period_end)
        figures = rows.aggregate(n=Count("pk"), total=Sum(spec.amount_field))
        out.append(
            {
                "ledger": ledger,
                "label": ledger_label(ledger),
                "rows": figures["n"],
                "amount": str(Decimal(figures["total"] or 0).quantize(Decimal("0.01"))),
            }
        )
    return out


def rows_named(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """The ledger rows named by (ledger, pk), soft-deleted ones too: a sample keeps naming its voucher."""
    wanted: dict[str, list[int]] = {}
    for ledger, pk in pairs:
        wanted.setdefault(ledger, []).append(pk)
    rows: dict[tuple[str, int], Any] = {}
    for ledger, ids in wanted.items():
        spec = LEDGERS[ledger]
        for row in spec.model.all_objects.filter(pk__in=ids).select_related("unit", *spec.related):  # type: ignore[attr-defined]
            rows[(ledger, row.pk)] = row
    return rows


def runner_name(check: SpecialCheck) -> str:
    """Who ran the check, as its report is signed and its rectification batch names who fed the problems back."""
    if check.created_by is not None and is_stationed_group(check.created_by):
        return f"市纪委监委驻{check.organ.name}纪检监察组"
    return "机关纪委"


# --- findings of the period --------------------------------------------------------------------------------------


def period_findings(check: SpecialCheck, codes: Iterable[str], base: QuerySet | None = None) -> QuerySet[Finding]:
    """The open findings and recorded facts of `codes` whose subject is a live row of the check's period (a finding
    closed as rectified or waived is not a problem found). Rows are matched by subquery: a year may hold thousands."""
    condition = Q(pk__in=[])
    for ledger in check.ledgers:
        spec = LEDGERS[ledger]
        rows = period_rows(spec, organ_id=check.organ_id, start=check.period_start, end=check.period_end)
        ids = rows.annotate(key=Cast("pk", output_field=CharField())).values("key")
        condition |= Q(subject_type=spec.subject_type, subject_id__in=ids)
    findings = Finding.objects.all() if base is None else base
    return (
        findings.filter(organ_id=check.organ_id, rule_code__in=list(codes), status__in=COUNTED_STATUSES)
        .filter(condition)
        .select_related("responsible_unit", "responsible_person")
        .by_severity()
    )


def findings_by_rule(user: Any, check: SpecialCheck) -> list[tuple[Rule, list[Finding]]]:
    """For the detail page: each rule of the check with the findings of the period the user may read."""
    rules = check_rules(check.ledgers)
    found: dict[str, list[Finding]] = {}
    for finding in period_findings(check, [r.code for r in rules], Finding.objects.visible_to(user)):
        found.setdefault(finding.rule_code, []).append(finding)
    return [(rule, found.get(rule.code, [])) for rule in rules]


# --- lists and one check -----------------------------------------------------------------------------------------


def check_list(user: Any, *, year: int | None = None, status: str = "", q: str = "") -> QuerySet[SpecialCheck]:
    checks = SpecialCheck.objects.visible_to(user).select_related("created_by")
    if year:
        checks = checks.filter(period_start__lte=dt.date(year, 12, 31), period_end__gte=dt.date(year, 1, 1))
    if status:
        checks = checks.filter(status=status)
    if q:
        checks = checks.filter(Q(title__contains=q) | Q(report_no__contains=q) | Q(conclusion__contains=q))
    # An aggregate drops the model's ordering (GROUP BY): the latest period first is said again.
    return checks.annotate(
        drawn=Count("samples"),
        reviewed=Count("samples", filter=~Q(samples__verdict="")),
        problems=Count("samples", filter=Q(samples__verdict="problem")),
        sampled_amount=Sum("samples__amount"),
    ).order_by("-period_end", "-id")


def samples_of(check: SpecialCheck) -> list[CheckSample]:
    return list(check.samples.select_related("reviewed_by").order_by("position"))


def sample_of(user: Any, pk: Any) -> CheckSample:
    """One sample of a check the user may read, else NotFound."""
    visible = SpecialCheck.objects.visible_to(user)
    try:
        return CheckSample.objects.select_related("check_run").get(pk=pk, check_run__in=visible)
    except (CheckSample.DoesNotExist, ValueError, TypeError):
        raise NotFound("抽样凭证不存在或无权查看") from None


def awaiting_review(user: Any) -> list[SpecialCheck]:
    """Open checks with samples not yet reviewed, the earliest period first: the check runners' card."""
    return list(
        SpecialCheck.objects.visible_to(user)
        .filter(status=CheckStatus.OPEN, samples__verdict="")
        .annotate(pending=Count("samples"))
        .order_by("period_end", "pk")
    )


def awaiting_rectification(user: Any) -> list[SpecialCheck]:
    """Reported checks with problems not yet sent to the rectification ledger, the earliest report first."""
    return list(
        SpecialCheck.objects.visible_to(user)
        .filter(status=CheckStatus.REPORTED, samples__verdict="problem", samples__problem_id__isnull=True)
        .annotate(unsent=Count("samples"))
        .order_by("reported_on", "pk")
    )
