"""Reads for the compliance pages. Every finding list starts from Finding.objects.visible_to(user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from qinglian.compliance.choices import OPEN_STATUSES, FindingStatus, Severity
from qinglian.compliance.models import Finding, RuleParameterSet, RuleRun
from qinglian.compliance.params import sets_in_force
from qinglian.compliance.registry import RULES, Rule
from qinglian.core import clock
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


@dataclass
class RuleRow:
    rule: Rule
    param_set: RuleParameterSet | None
    open_count: int


def rule_rows(*, user: Any, on: dt.date | None = None) -> list[RuleRow]:
    scope = scope_of(user)
    on = on or clock.today()
    in_force = sets_in_force(organ_id=scope.organ_id, on=on) if scope.organ_id else {}
    counts = dict(
        Finding.objects.visible_to(user)
        .open()
        .values_list("rule_code")
        .annotate(n=Count("id"))
        .values_list("rule_code", "n")
    )
    return [RuleRow(RULES[code], in_force.get(code), counts.get(code, 0)) for code in sorted(RULES)]


def parameter_sets(*, user: Any, code: str) -> QuerySet[RuleParameterSet]:
    scope = scope_of(user)
    return RuleParameterSet.objects.for_organ(scope.organ_id or 0).filter(rule_code=code).select_related("organ")


def finding_list(
    *,
    user: Any,
    status: str = "open",
    severity: str = "",
    rule_code: str = "",
    unit_id: int | None = None,
    overdue: bool = False,
    q: str = "",
) -> QuerySet[Finding]:
    findings = Finding.objects.visible_to(user).select_related("responsible_unit", "responsible_person")
    if status == "open":
        findings = findings.filter(status__in=OPEN_STATUSES)
    elif status:
        findings = findings.filter(status=status)
    if severity:
        findings = findings.filter(severity=severity)
    if rule_code:
        findings = findings.filter(rule_code=rule_code)
    if unit_id:
        findings = findings.filter(responsible_unit_id=unit_id)
    if overdue:
        findings = findings.filter(due_date__lt=clock.today())
    if q:
        findings = findings.filter(Q(subject_repr__contains=q) | Q(reason__contains=q))
    return findings.order_by("severity", "due_date", "id")


def unit_summary(*, user: Any) -> list[dict]:
    """Open findings per responsible unit and colour, for the 分委室汇总 table."""
    rows = (
        Finding.objects.visible_to(user)
        .open()
        .values("responsible_unit_id", "responsible_unit__name")
        .annotate(
            red=Count("id", filter=Q(severity=Severity.RED)),
            yellow=Count("id", filter=Q(severity=Severity.YELLOW)),
            blue=Count("id", filter=Q(severity=Severity.BLUE)),
            overdue=Count("id", filter=Q(due_date__lt=clock.today())),
            total=Count("id"),
        )
        .order_by("-red", "-yellow", "responsible_unit__name")
    )
    return [{**row, "unit_name": row["responsible_unit__name"] or "（未指定委室）"} for row in rows]


def severity_counts(*, user: Any) -> dict[str, int]:
    counts = dict(
        Finding.objects.visible_to(user)
        .open()
        .values_list("severity")
        .annotate(n=Count("id"))
        .values_list("severity", "n")
    )
    return {s.value: counts.get(s.value, 0) for s in Severity}


def my_findings(*, user: Any) -> QuerySet[Finding]:
    """Findings I must act on: mine as the responsible person, or my units' as their head."""
    scope = scope_of(user)
    if not scope.is_business:
        return Finding.objects.none()
    return (
        Finding.objects.open()
        .filter(organ_id=scope.organ_id)
        .filter(Q(responsible_person_id=scope.person_id) | Q(responsible_unit_id__in=scope.head_unit_ids))
        .select_related("responsible_unit", "responsible_person")
        .order_by("severity", "due_date")
    )


def awaiting_my_approval(*, user: Any) -> QuerySet[Finding]:

    scope = scope_of(user)
    if not scope.has(Role.LEADER):
        return Finding.objects.none()
    return (
        Finding.objects.filter(organ_id=scope.organ_id, status=FindingStatus.WAIVER_REQUESTED)
        .exclude(waiver_requested_by_id=scope.user_id)
        .select_related("responsible_unit", "waiver_requested_by")
    )


def latest_runs(*, user: Any, limit: int = 10) -> QuerySet[RuleRun]:
    scope = scope_of(user)
    return RuleRun.objects.filter(organ_id=scope.organ_id).select_related("started_by")[:limit]
