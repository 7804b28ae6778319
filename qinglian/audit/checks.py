"""Startup checks: the audit log must be kept at least 180 days (《网络安全法》第二十一条, 等保 集中管控), and
in production its chain must be sealed with a key of its own (E002, a deploy check; E003, a key too short).

Django runs it with runserver, `check` and `migrate`; production start scripts should run
`qinglian check --fail-level ERROR` before serving, since gunicorn runs no checks of its own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from qinglian.audit.keys import MIN_KEY_LENGTH, configured_key, development_key_allowed
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


@register(Tags.security)
def audit_key_length_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    key = configured_key()
    if key and len(key) < MIN_KEY_LENGTH:
        hint = f"请设置不少于 {MIN_KEY_LENGTH} 个字符的随机串，如 secrets.token_urlsafe(48) 的结果"
        return [
            Error(
                f"审计日志密钥 QINGLIAN_AUDIT_KEY 过短（少于 {MIN_KEY_LENGTH} 个字符）",
                hint=hint,
                id="qinglian.audit.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def audit_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Production start-up (`qinglian check --deploy --fail-level ERROR`, run before gunicorn) refuses without a
    key: the development key is derived from SECRET_KEY and would make the two secrets one."""
    if configured_key() or development_key_allowed():
        return []
    return [
        Error(
            "未设置审计日志密钥 QINGLIAN_AUDIT_KEY：生产环境不得以开发密钥签名审计日志",
            hint="在环境变量中设置 QINGLIAN_AUDIT_KEY（不少于 32 个字符，不得写入数据库或代码），见 docs/audit.md",
            id="qinglian.audit.E002",
        )
    ]
