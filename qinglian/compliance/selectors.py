"""Reads for the compliance pages. Every finding list starts from Finding.objects.visible_to(user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from qinglian.compliance.choices import COUNTED_STATUSES, OPEN_STATUSES, FindingStatus, Severity
from qinglian.compliance.models import Finding, RuleParameterSet, RuleRun
from qinglian.compliance.params import sets_in_force
from qinglian.compliance.registry import RULES, Rule
from qinglian.core import clock, workdays
from qinglian.org.choices import Role, UnitKind
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
    category: str = "",
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
    if category:
        findings = findings.filter(rule_code__in=[code for code, rule in RULES.items() if rule.category == category])
    if unit_id:
        findings = findings.filter(responsible_unit_id=unit_id)
    if overdue:
        findings = findings.filter(status__in=OPEN_STATUSES, due_date__lte=workdays.overdue_through(clock.today()))
    if q:
        findings = findings.filter(Q(subject_repr__contains=q) | Q(reason__contains=q))
    return findings.by_severity()


@dataclass
class UnitSummary:
    """The 分委室汇总 table: the organ's own units (and the stationed group) apart from the outside units that
    handle its business (government departments answering suggestions, sending materials)."""

    own: list[dict]
    external: list[dict]


def unit_summary(*, user: Any) -> UnitSummary:
    """Open findings per responsible unit and colour, and the recorded facts (已记录) beside them."""
    rows = (
        Finding.objects.visible_to(user)
        .filter(status__in=COUNTED_STATUSES)
        .values("responsible_unit_id", "responsible_unit__name", "responsible_unit__kind")
        .annotate(
            red=Count("id", filter=Q(severity=Severity.RED, status__in=OPEN_STATUSES)),
            yellow=Count("id", filter=Q(severity=Severity.YELLOW, status__in=OPEN_STATUSES)),
            blue=Count("id", filter=Q(severity=Severity.BLUE, status__in=OPEN_STATUSES)),
            overdue=Count(
                "id", filter=Q(status__in=OPEN_STATUSES, due_date__lte=workdays.overdue_through(clock.today()))
            ),
            total=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            recorded=Count("id", filter=Q(status=FindingStatus.RECORDED)),
        )
        .order_by("-red", "-yellow", "-total", "responsible_unit__name")
    )
    summary = UnitSummary([], [])
    for row in rows:
        row["unit_name"] = row["responsible_unit__name"] or "（未指定委室）"
        external = row["responsible_unit__kind"] == UnitKind.EXTERNAL
        (summary.external if external else summary.own).append(row)
    return summary


def severity_counts(*, user: Any) -> dict[str, int]:
    """Open findings by colour, and the recorded facts (`recorded`) the user may see."""
    visible = Finding.objects.visible_to(user)
    counts = dict(visible.open().values_list("severity").annotate(n=Count("id")).values_list("severity", "n"))
    result = {s.value: counts.get(s.value, 0) for s in Severity}
    result["recorded"] = visible.filter(status=FindingStatus.RECORDED).count()
    return result


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
        .by_severity()
    )


def awaiting_my_approval(*, user: Any) -> QuerySet[Finding]:
    """Waivers a leader may decide: asked by someone else (a leader never decides their own request)."""
    scope = scope_of(user)
    if not scope.has(Role.LEADER):
        return Finding.objects.none()
    return (
        Finding.objects.filter(organ_id=scope.organ_id, status=FindingStatus.WAIVER_REQUESTED)
        .exclude(waiver_requested_by_id=scope.user_id)
        .select_related("responsible_unit", "waiver_requested_by")
        .by_severity()
    )


def latest_runs(*, user: Any, limit: int = 10) -> QuerySet[RuleRun]:
    scope = scope_of(user)
    return RuleRun.objects.filter(organ_id=scope.organ_id).select_related("started_by")[:limit]


def record_findings(*, user: Any, paths: list[str]) -> list[Finding]:
    """The open findings and recorded facts whose subject is the record at one of `paths` (its page)."""
    return list(
        Finding.objects.visible_to(user)
        .filter(status__in=COUNTED_STATUSES, subject_link__in=[p for p in paths if p])
        .by_severity()[:50]
    )
