"""Versioned rule parameters: which figures are in force for an organ on a date, and how they change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from qinglian.audit.services import audit_record
from qinglian.compliance.choices import JURISDICTION_RANK, Confidence, Jurisdiction
from qinglian.compliance.models import RuleParameterSet
from qinglian.compliance.registry import RULES, Params, Rule, get_rule
from qinglian.core.errors import InvalidInput


class MissingParameters(Exception):
    """No usable parameter set is in force for a rule: the run reports it and goes on."""


def _specificity(param_set: RuleParameterSet) -> tuple[int, dt.date]:
    return (JURISDICTION_RANK[param_set.jurisdiction], -param_set.effective_from.toordinal())


def sets_in_force(*, organ_id: int, on: dt.date, codes: Iterable[str] | None = None) -> dict[str, RuleParameterSet]:
    """For each rule, the most specific set in force on `on` (本机关 > 市 > 省 > 中央). One query."""
    rows = RuleParameterSet.objects.in_force(on).for_organ(organ_id)
    if codes is not None:
        rows = rows.filter(rule_code__in=list(codes))
    best: dict[str, RuleParameterSet] = {}
    for row in rows:
        current = best.get(row.rule_code)
        if current is None or _specificity(row) < _specificity(current):
            best[row.rule_code] = row
    return best


def resolve(rule: Rule, param_set: RuleParameterSet | None) -> Params:
    if param_set is None:
        if not rule.params:
            return Params({})
        raise MissingParameters(f"规则 {rule.code} 在检查日期没有生效的参数，请先设置参数")
    try:
        values = rule.parse_params(param_set.values)
    except ValueError as exc:
        raise MissingParameters(f"规则 {rule.code} 的参数有误：{exc}") from exc
    return Params(values, source=param_set.source, set_id=param_set.pk)


def _overlapping(candidate: RuleParameterSet):
    end = candidate.effective_to or dt.date.max
    clash = (
        RuleParameterSet.objects.live()
        .filter(
            rule_code=candidate.rule_code,
            jurisdiction=candidate.jurisdiction,
            organ_id=candidate.organ_id,
            effective_from__lte=end,
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=candidate.effective_from))
    )
    if candidate.pk:
        clash = clash.exclude(pk=candidate.pk)
    return clash


@transaction.atomic
def parameter_set_save(
    *,
    rule_code: str,
    jurisdiction: str,
    effective_from: dt.date,
    values: dict[str, Any],
    source: str,
    by: Any,
    organ: Any = None,
    effective_to: dt.date | None = None,
    confidence: str = Confidence.HIGH,
    note: str = "",
) -> RuleParameterSet:
    """Add a parameter set. Refuses unknown rules, bad values and overlapping periods (nothing written)."""
    rule = get_rule(rule_code)
    if jurisdiction not in Jurisdiction.values:
        raise InvalidInput("制定层级不正确")
    if (jurisdiction == Jurisdiction.ORGAN) != (organ is not None):
        raise InvalidInput("“本机关”层级的参数须指定机关，其他层级不指定机关")
    if effective_to and effective_to < effective_from:
        raise InvalidInput("失效日期不能早于生效日期")
    if not source.strip():
        raise InvalidInput("请填写参数依据（文件名称和条款）")
    try:
        parsed = rule.parse_params(values)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    candidate = RuleParameterSet(
        rule_code=rule_code,
        jurisdiction=jurisdiction,
        organ=organ,
        effective_from=effective_from,
        effective_to=effective_to,
        values=_jsonable(parsed),
        source=source.strip(),
        confidence=confidence,
        note=note,
        created_by=by,
    )
    clash = _overlapping(candidate).first()
    if clash is not None:
        raise InvalidInput(
            f"与已有参数（{clash.effective_from}至{clash.effective_to or '长期'}）生效期间重叠，"
            "请先为旧参数设置失效日期"
        )
    candidate._history_user = by
    candidate.save()
    _audit_change(by, candidate, "新增")
    return candidate


@transaction.atomic
def parameter_set_end(*, param_set: RuleParameterSet, effective_to: dt.date, by: Any) -> RuleParameterSet:
    """Close a set's period (e.g. when a new regulation replaces it); history keeps the old end."""
    if effective_to < param_set.effective_from:
        raise InvalidInput("失效日期不能早于生效日期")
    param_set.effective_to = effective_to
    param_set._history_user = by
    param_set.save(update_fields=["effective_to"])
    _audit_change(by, param_set, f"设置失效日期 {effective_to}")
    return param_set


@transaction.atomic
def parameter_set_retire(*, param_set: RuleParameterSet, by: Any, reason: str) -> RuleParameterSet:
    """Withdraw a set entered by mistake. It stays in the table and its history."""
    if not reason.strip():
        raise InvalidInput("请填写作废原因")
    param_set.retired_at = timezone.now()
    param_set.note = (param_set.note + f"（作废：{reason.strip()}）")[:500]
    param_set._history_user = by
    param_set.save(update_fields=["retired_at", "note"])
    _audit_change(by, param_set, f"作废：{reason.strip()}")
    return param_set


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if not isinstance(v, bool | int | str) else v) for k, v in values.items()}


def _audit_change(by: Any, param_set: RuleParameterSet, what: str) -> None:

    audit_record(
        action="parameter_changed",
        user=by,
        target=param_set,
        organ=param_set.organ,
        target_repr=str(param_set),
        detail={"what": what, "values": param_set.values},
    )


# --- parameters shipped with the code (each app's rule_params.json) -----------------------------


def shipped_files() -> list[Path]:
    from django.apps import apps

    files = []
    for config in apps.get_app_configs():
        if config.name.startswith("qinglian."):
            path = Path(config.path) / "rule_params.json"
            if path.exists():
                files.append(path)
    return files


def load_shipped(*, verbosity: int = 0) -> int:
    """Create the shipped central/province/city sets that are not in the table yet. Idempotent.

    Sets already present (same rule, jurisdiction, effective date) are left alone: an administrator may
    have corrected them, and their history says so.
    """
    created = 0
    for path in shipped_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data["sets"]:
            if entry["rule_code"] not in RULES:
                continue
            exists = RuleParameterSet.objects.filter(
                rule_code=entry["rule_code"],
                jurisdiction=entry["jurisdiction"],
                effective_from=entry["effective_from"],
                organ__isnull=True,
            ).exists()
            if exists:
                continue
            RuleParameterSet.objects.create(
                rule_code=entry["rule_code"],
                jurisdiction=entry["jurisdiction"],
                effective_from=entry["effective_from"],
                effective_to=entry.get("effective_to"),
                values=entry["values"],
                source=entry["source"],
                confidence=entry.get("confidence", "high"),
                note=entry.get("note", "") + f"（随版本发布：{path.parent.name}/rule_params.json v{data['version']}）",
            )
            created += 1
    return created
