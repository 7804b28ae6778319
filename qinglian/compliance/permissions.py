from __future__ import annotations

from typing import Any

from qinglian.compliance.models import Finding
from qinglian.core.errors import NotFound
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


def can_edit_parameters(user: Any) -> bool:
    """Parameters are kept by the party-affairs office (with history and an audit row for each change)."""
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_run_checks(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_read_rules(user: Any) -> bool:
    return scope_of(user).is_business


def access_finding(user: Any, pk: Any) -> Finding:
    """One finding or NotFound. Changing it goes through services.finding_transition, which checks each step."""
    try:
        return Finding.objects.visible_to(user).select_related("responsible_unit", "responsible_person").get(pk=pk)
    except (Finding.DoesNotExist, ValueError, TypeError):
        raise NotFound("预警不存在或无权查看") from None
