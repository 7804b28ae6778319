"""The register of logged-in sessions: idle timeout (等保 8.1.4.1 b 登录连接超时自动退出), the limit on concurrent
sessions per account, and the account's own list with "log out the others".

The session store stays the authority: a session is ended by deleting it from the store (a row here without
its session is already dead). The idle clock is a timestamp inside the session itself, so it holds on every
app server without a shared cache.
"""

from __future__ import annotations

import datetime as dt
import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.utils import timezone

from qinglian.core import hooks
from qinglian.core.http import client_ip
from qinglian.org.auth.models import AccountSession

SEEN_KEY = "qinglian_seen"  # epoch seconds of the last request that counted as activity
TOUCH_EVERY = 60  # seconds: the session and its row are written at most this often on ordinary requests


def idle_seconds() -> int:
    return max(int(settings.QINGLIAN_IDLE_TIMEOUT_MINUTES), 1) * 60


def warning_seconds() -> int:
    return min(max(int(settings.QINGLIAN_IDLE_WARNING_MINUTES), 1) * 60, idle_seconds() // 2)


def seconds_left(request: HttpRequest) -> int:
    seen = request.session.get(SEEN_KEY)
    if seen is None:
        return idle_seconds()
    return max(0, int(seen + idle_seconds() - time.time()))


def is_idle(request: HttpRequest) -> bool:
    seen = request.session.get(SEEN_KEY)
    return seen is not None and time.time() - seen > idle_seconds()


def touch(request: HttpRequest, *, force: bool = False) -> None:
    """Count this request as activity: stamp the session and the register (at most once a minute)."""
    now = time.time()
    seen = request.session.get(SEEN_KEY)
    if not force and seen is not None and now - seen < TOUCH_EVERY:
        return
    request.session[SEEN_KEY] = int(now)
    key = request.session.session_key
    if key and not AccountSession.objects.filter(session_key=key).update(last_seen_at=timezone.now()):
        session_register(request, request.user)  # a session from before the register existed


def _store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def live_sessions(user: Any) -> list[AccountSession]:
    """The account's sessions still within the idle timeout, newest first; dead rows are swept."""
    cutoff = timezone.now() - dt.timedelta(seconds=idle_seconds())
    AccountSession.objects.filter(user=user, last_seen_at__lt=cutoff).delete()
    return list(AccountSession.objects.filter(user=user).order_by("-started_at", "-pk"))


def session_register(request: HttpRequest, user: Any) -> AccountSession | None:
    """Record a new login's session and end the oldest ones past the account's limit."""
    request.session[SEEN_KEY] = int(time.time())
    if request.session.session_key is None:
        request.session.save()
    row, _ = AccountSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
            "last_seen_at": timezone.now(),
        },
    )
    limit = max(int(settings.QINGLIAN_MAX_SESSIONS), 1)
    for old in live_sessions(user)[limit:]:
        session_end(old, by=user, reason="同时在线会话超过上限，最早的会话被结束")
    return row


def session_forget(session_key: str | None) -> None:
    if session_key:
        AccountSession.objects.filter(session_key=session_key).delete()


def session_end(row: AccountSession, *, by: Any, reason: str, request: HttpRequest | None = None) -> None:
    _store()().delete(row.session_key)
    row.delete()
    hooks.audit_record(
        action="logout",
        user=by,
        request=request,
        target_repr=str(row.user),
        detail={"event": "session_ended", "reason": reason, "started_at": row.started_at, "ip": row.ip},
    )


def sessions_end_others(request: HttpRequest) -> int:
    """End every session of the logged-in account except this one; returns how many were ended."""
    mine = request.session.session_key
    others = [row for row in live_sessions(request.user) if row.session_key != mine]
    for row in others:
        session_end(row, by=request.user, reason="本人退出其他会话", request=request)
    return len(others)


def is_logged_in(request: HttpRequest) -> bool:
    return SESSION_KEY in request.session
