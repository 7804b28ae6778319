"""Startup check: the audit log must be kept at least 180 days (《网络安全法》第二十一条, 等保 集中管控).

Django runs it with runserver, `check` and `migrate`; production start scripts should run
`qinglian check --fail-level ERROR` before serving, since gunicorn runs no checks of its own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from qinglian.audit.services import MIN_RETENTION_DAYS


def retention_problem(days: Any) -> str | None:
    if isinstance(days, bool) or not isinstance(days, int) or days < MIN_RETENTION_DAYS:
        return "审计日志保存期限不得少于180天（《网络安全法》第二十一条）"
    return None


@register(Tags.security)
def audit_retention_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    days = getattr(settings, "QINGLIAN_AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS)
    problem = retention_problem(days)
    if problem is None:
        return []
    hint = f"当前 QINGLIAN_AUDIT_RETENTION_DAYS = {days!r}，请设为不小于 {MIN_RETENTION_DAYS} 的整数"
    return [Error(problem, hint=hint, id="qinglian.audit.E001")]
