"""Writes on findings: the lifecycle a person drives (rectify, close, request and decide a waiver).

Allowed transitions are a table; each is checked here, recorded in the history and the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qinglian.audit.services import audit_record
from qinglian.compliance.choices import FindingStatus
from qinglian.compliance.models import Finding
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.org.choices import Role
from qinglian.org.permissions import own_stake, refuse_own_stake, scope_of

S = FindingStatus


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    needs_text: str  # the label of the required text, or "" when none is needed


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("rectify", "开始整改", (S.OPEN,), S.RECTIFYING, "整改措施"),
        Transition("close", "整改完成销号", (S.OPEN, S.RECTIFYING), S.CLOSED, "销号说明"),
        Transition("request_waiver", "申请豁免", (S.OPEN, S.RECTIFYING), S.WAIVER_REQUESTED, "豁免理由"),
        Transition("approve_waiver", "批准豁免", (S.WAIVER_REQUESTED,), S.WAIVED, ""),
        Transition("reject_waiver", "驳回豁免", (S.WAIVER_REQUESTED,), S.OPEN, "驳回理由"),
        Transition("reopen", "重新打开", (S.CLOSED, S.WAIVED), S.OPEN, "重新打开原因"),
    )
}


# The decisions on a finding: made by someone other than whoever asked for them or answers for the finding.
DECISIONS = ("close", "approve_waiver", "reject_waiver")


def stakes(finding: Finding) -> dict[str, list[int | None]]:
    """Who has a stake in a decision on `finding` (销号 or a waiver): see org.permissions.own_stake."""
    return {
        "requested_by": [finding.waiver_requested_by_id],
        "responsible_people": [finding.responsible_person_id],
        "responsible_units": [finding.responsible_unit_id],
    }


def allowed(user: Any, finding: Finding, name: str) -> bool:
    """Who may do what: the responsible side rectifies and asks; the office closes; a leader decides waivers;
    nobody decides on a finding they asked about or answer for."""
    scope = scope_of(user)
    if finding.organ_id != scope.organ_id or name not in TRANSITIONS:
        return False
    if finding.status not in TRANSITIONS[name].sources:
        return False
    if name in DECISIONS and own_stake(user, **stakes(finding)):
        return False
    responsible = (
        scope.person_id is not None and scope.person_id == finding.responsible_person_id
    ) or finding.responsible_unit_id in scope.head_unit_ids
    if name == "rectify":
        return responsible or scope.has(Role.PARTY_OFFICER)
    if name == "request_waiver":
        return finding.responsible_unit_id in scope.head_unit_ids or scope.has(Role.PARTY_OFFICER)
    if name in ("approve_waiver", "reject_waiver"):
        return scope.has(Role.LEADER)
    return scope.has(Role.PARTY_OFFICER)  # close, reopen


def available(user: Any, finding: Finding) -> list[Transition]:
    return [t for name, t in TRANSITIONS.items() if allowed(user, finding, name)]


@transaction.atomic
def finding_transition(*, finding: Finding, name: str, by: Any, text: str = "", request: Any = None) -> Finding:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise InvalidInput("未知的操作")
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status not in transition.sources:
        raise InvalidInput(f"当前状态“{finding.get_status_display()}”不能{transition.label}")
    if name in DECISIONS:
        refuse_own_stake(by, transition.label, **stakes(finding))
    if not allowed(by, finding, name):
        raise Forbidden(f"无权{transition.label}")
    text = text.strip()
    if transition.needs_text and not text:
        raise InvalidInput(f"请填写{transition.needs_text}")
    _apply(finding, transition, by, text)
    finding._history_user = by
    finding.save()

    action = "waiver" if "waiver" in name else "finding_transition"
    audit_record(
        action=action,
        user=by,
        request=request,
        target=finding,
        target_repr=str(finding),
        detail={"transition": name, "to": transition.target, "text": text},
    )
    return finding


def _apply(finding: Finding, transition: Transition, by: Any, text: str) -> None:
    now = clock.now()
    finding.status = transition.target
    if transition.name == "rectify":
        finding.note = text[:500]
    elif transition.name == "close":
        finding.closed_at, finding.close_reason = now, f"{by}：{text}"[:500]
    elif transition.name == "request_waiver":
        finding.waiver_reason, finding.waiver_requested_by = text[:500], by
    elif transition.name == "approve_waiver":
        finding.waiver_approved_by, finding.closed_at = by, now
    elif transition.name == "reject_waiver":
        finding.note = f"豁免被驳回：{text}"[:500]
        finding.waiver_requested_by = None
    elif transition.name == "reopen":
        finding.closed_at, finding.close_reason, finding.note = None, "", f"重新打开：{text}"[:500]
