"""Lockout after failed logins (等保 8.1.4.1 b 登录失败处理): N failures of one user name within a window lock
that name for M minutes, and a larger number from one client address locks the address.

Failures are counted per user name as typed (lower-cased), whether or not an account has that name: a lock,
and its message, must not tell a stranger which names exist. Each failure is recorded by the audit app's
login-failure receiver (Django's `user_login_failed` signal); the lock and the unlock are recorded here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from qinglian.core import hooks
from qinglian.core.errors import InvalidInput, NotFound
from qinglian.org.auth.models import LoginThrottle
from qinglian.org.models import User

Kind = LoginThrottle.Kind


def _limit(kind: str) -> int:
    if kind == Kind.ACCOUNT:
        return max(int(settings.QINGLIAN_LOGIN_MAX_FAILURES), 1)
    return max(int(settings.QINGLIAN_LOGIN_MAX_FAILURES_PER_ADDRESS), 1)


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=max(int(settings.QINGLIAN_LOGIN_FAILURE_WINDOW_MINUTES), 1))


def _lock_span() -> dt.timedelta:
    return dt.timedelta(minutes=max(int(settings.QINGLIAN_LOGIN_LOCK_MINUTES), 1))


def name_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _minutes_left(until: dt.datetime) -> int:
    return max(1, -(-int((until - timezone.now()).total_seconds()) // 60))


def refusal_message(kind: str, until: dt.datetime) -> str:
    """The same words whether or not the name is an account's (no enumeration through the lock)."""
    minutes = _minutes_left(until)
    if kind == Kind.ADDRESS:
        return f"本机所在地址登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试。"
    return f"登录失败次数过多，该用户名已暂时锁定，请 {minutes} 分钟后再试，或联系安全管理员解锁。"


def login_refusal(*, username: str, ip: str) -> str:
    """Why a login with this name from this address is refused before its password is checked, or ''."""
    now = timezone.now()
    keys = [(Kind.ACCOUNT, name_key(username))] + ([(Kind.ADDRESS, ip)] if ip else [])
    for kind, key in keys:
        row = LoginThrottle.objects.filter(kind=kind, key=key, locked_until__gt=now).first()
        if row is not None:
            return refusal_message(kind, row.locked_until)
    return ""


@transaction.atomic
def login_failed(*, username: str, ip: str, request: Any = None) -> str:
    """Count one failed login against the name and the address; lock whichever reached its limit.

    Returns the refusal to show when this failure caused a lock, else ''. The failure itself is audited by the
    audit app's `user_login_failed` receiver; a lock is audited here.
    """
    message = ""
    keys = [(Kind.ACCOUNT, name_key(username))] + ([(Kind.ADDRESS, ip)] if ip else [])
    for kind, key in keys:
        if not key:
            continue
        row = _count(kind, key)
        if row.locked_until is not None and row.locked_until > timezone.now():
            message = message or refusal_message(kind, row.locked_until)
            _audit_lock(row, username=username, request=request)
    return message


def _count(kind: str, key: str) -> LoginThrottle:
    """Add one failure under the row lock; start a new window when the old one has passed."""
    row = _locked_row(kind, key)
    now = timezone.now()
    if row.window_started_at + _window() < now or (row.locked_until is not None and row.locked_until <= now):
        row.failures, row.window_started_at, row.locked_until = 0, now, None
    row.failures += 1
    if row.failures >= _limit(kind):
        row.locked_until, row.failures = now + _lock_span(), 0
    row.save()
    return row


def _locked_row(kind: str, key: str) -> LoginThrottle:
    row = LoginThrottle.objects.select_for_update().filter(kind=kind, key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return LoginThrottle.objects.create(kind=kind, key=key)
    except IntegrityError:  # a concurrent failure created it first
        return LoginThrottle.objects.select_for_update().get(kind=kind, key=key)


def login_succeeded(*, username: str) -> None:
    """A correct password clears the name's count (not the address's: others may share it)."""
    LoginThrottle.objects.filter(kind=Kind.ACCOUNT, key=name_key(username), locked_until__isnull=True).delete()


def _audit_lock(row: LoginThrottle, *, username: str, request: Any) -> None:
    account = User.objects.filter(username__iexact=row.key).first() if row.kind == Kind.ACCOUNT else None
    hooks.audit_record(
        action="login_locked",
        request=request,
        user=None,
        target=account,
        target_repr=row.key if row.kind == Kind.ACCOUNT else f"来源地址 {row.key}",
        organ=account.organ_id if account is not None and account.organ_id else None,
        detail={
            "event": "locked",
            "scope": row.kind,
            "key": row.key,
            "locked_until": row.locked_until,
            "minutes": int(_lock_span().total_seconds() // 60),
        },
        success=False,
    )


# --- the security administrator's view and unlock --------------------------------------------------


def current_locks() -> list[LoginThrottle]:
    return list(LoginThrottle.objects.filter(locked_until__gt=timezone.now()).order_by("kind", "key"))


@transaction.atomic
def login_unlock(*, kind: str, key: str, by: Any = None, request: Any = None, via: str = "") -> LoginThrottle:
    """Lift a lock before it runs out. NotFound when there is no lock on that name or address."""
    if kind not in Kind.values:
        raise InvalidInput("锁定类型无效")
    key = name_key(key) if kind == Kind.ACCOUNT else key.strip()
    row = LoginThrottle.objects.select_for_update().filter(kind=kind, key=key, locked_until__gt=timezone.now())
    row = row.first()
    if row is None:
        raise NotFound("该用户名或地址当前未被锁定")
    until = row.locked_until
    row.locked_until, row.failures, row.window_started_at = None, 0, timezone.now()
    row.save()
    account = User.objects.filter(username__iexact=key).first() if kind == Kind.ACCOUNT else None
    hooks.audit_record(
        action="login_unlocked",
        user=by,
        request=request,
        target=account,
        target_repr=key if kind == Kind.ACCOUNT else f"来源地址 {key}",
        detail={"event": "login_unlocked", "scope": kind, "key": key, "was_locked_until": until, "via": via},
    )
    return row
