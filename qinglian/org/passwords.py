"""How old a password may get (等保 8.1.4.1 a: 定期更换) and what the page says about it.

The age counts from `User.password_changed_at`; `QINGLIAN_PASSWORD_MAX_AGE_DAYS` (0: never) is the limit and
`QINGLIAN_PASSWORD_WARN_DAYS` how long before it the pages warn. An account whose password an administrator chose
(`must_change_password`) or whose password has expired must change it before anything else
(qinglian/org/middleware.py).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def expires_at(user: Any) -> dt.datetime | None:
    """When the account's password expires, or None (no limit, or a password never stamped)."""
    days = settings.QINGLIAN_PASSWORD_MAX_AGE_DAYS
    changed = getattr(user, "password_changed_at", None)
    if days <= 0 or changed is None:
        return None
    return changed + dt.timedelta(days=days)


def days_left(user: Any, *, now: dt.datetime | None = None) -> int | None:
    """Whole days until expiry, rounded up (0 or less: expired); None when it never expires."""
    end = expires_at(user)
    if end is None:
        return None
    return math.ceil((end - (now or timezone.now())).total_seconds() / 86400)


def change_required(user: Any, *, now: dt.datetime | None = None) -> str | None:
    """Why the account must change its password before doing anything else, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if getattr(user, "must_change_password", False):
        return "您的密码由管理员设置，请先修改密码后再使用系统"
    left = days_left(user, now=now)
    if left is not None and left <= 0:
        return f"您的密码已超过{settings.QINGLIAN_PASSWORD_MAX_AGE_DAYS}天未修改，已过期，请先修改密码"
    return None


def notice(request: HttpRequest) -> dict:
    """Context processor: `password_notice`, the warning shown in every page in the last days before expiry."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    left = days_left(user)
    if left is None or left <= 0 or left > settings.QINGLIAN_PASSWORD_WARN_DAYS:
        return {}
    return {"password_notice": f"您的密码将在{left}天后过期，请及时修改"}
