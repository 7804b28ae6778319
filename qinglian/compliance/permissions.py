from __future__ import annotations

from typing import Any

from qinglian.compliance.models import Finding
from qinglian.core.errors import Forbidden, NotFound
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


def can_edit_parameters(user: Any) -> bool:
    """Parameters are kept by the party-affairs office (with history and an audit row for each change)."""
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_run_checks(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_read_rules(user: Any) -> bool:
    return scope_of(user).is_business


def access_finding(user: Any, pk: Any, *, write: bool = False) -> Finding:
    """One finding or NotFound (invisible) / Forbidden (read-only).

    "Write" here means adding rectification evidence: the responsible person or unit head, or the office.
    Status changes go through services.finding_transition, which checks each step on its own.
    """
    try:
        finding = Finding.objects.visible_to(user).select_related("responsible_unit", "responsible_person").get(pk=pk)
    except (Finding.DoesNotExist, ValueError, TypeError):
        raise NotFound("预警不存在或无权查看") from None
    if write and not can_add_evidence(user, finding):
        raise Forbidden("无权为该预警上传整改材料")
    return finding


def can_add_evidence(user: Any, finding: Finding) -> bool:
    scope = scope_of(user)
    return (
        scope.has(Role.PARTY_OFFICER)
        or (scope.person_id is not None and scope.person_id == finding.responsible_person_id)
        or finding.responsible_unit_id in scope.head_unit_ids
    )
