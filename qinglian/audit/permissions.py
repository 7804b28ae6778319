"""Who reads the audit log: the audit administrator only (三员分立). Nobody may change it."""

from __future__ import annotations

from typing import Any

from qinglian.core.errors import Forbidden
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


def can_read_audit_log(user: Any) -> bool:
    """The audit administrator of an organ. The system and security administrators are audited by it, so
    they must not read (or learn how to cover) their own traces."""
    scope = scope_of(user)
    return scope.has(Role.AUDITADMIN) and scope.organ_id is not None


def require_audit_reader(user: Any) -> None:
    if not can_read_audit_log(user):
        raise Forbidden("仅审计管理员可查看审计日志")
