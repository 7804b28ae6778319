"""Error pages: a QinglianError as a Chinese page with its status, and the database going away as a 503.

The API has its own handlers (core/api.py) that answer with `{code, message, detail}`; for an outage they call
`database_unavailable()` here so pages and API say it the same way and share one rate-limited log line.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views import defaults

from qinglian.core import hooks
from qinglian.core.errors import QinglianError

logger = logging.getLogger("qinglian.db")

# What a lost, refused or locked database raises; IntegrityError and friends are the request's own fault.
DATABASE_DOWN = (OperationalError, InterfaceError)
UNAVAILABLE_MESSAGE = "数据库暂时无法连接，系统正在恢复，请稍后重试"


class ErrorPagesMiddleware:
    """Turns a QinglianError raised by a page into a Chinese error page with the right status, and a lost
    database into a 503 page (the page handler500 below does the same for one raised in a middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable(request, exception)
        if not isinstance(exception, QinglianError):
            return None
        if exception.status == 403:
            hooks.audit_denied(request, exception.message)
        context = {"status": exception.status, "message": exception.message}
        return render(request, "core/error.html", context, status=exception.status)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """handler500 (config/urls.py): Django calls it inside the `except`, so the exception is at hand. A lost
    database raised by a middleware (sessions, login security) becomes the same 503 as in a view; anything else
    is a Chinese 500 page that needs no database either."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request, exception)
    try:
        html = render_to_string("core/unavailable.html", {"title": "服务器内部错误", "message": _SERVER_ERROR})
    except Exception:  # the last resort must not fail in turn
        return defaults.server_error(request)
    return HttpResponse(html, status=500)


_SERVER_ERROR = "服务器处理请求时出错，已记录日志；请稍后重试，如持续出现请联系系统管理员"


def retry_after_seconds() -> int:
    """QINGLIAN_DB_RETRY_AFTER_SECONDS: what the 503 tells browsers and clients to wait (default 30)."""
    return int(getattr(settings, "QINGLIAN_DB_RETRY_AFTER_SECONDS", 30))


def database_unavailable(
    request: HttpRequest, exception: BaseException, *, json: HttpResponse | None = None
) -> HttpResponse:
    """The 503 for a lost database: the page (or the API's `json` body) with Retry-After, logged once per interval.

    `_has_been_logged` stops Django's own per-request log line (with its 7 KB traceback) for this response.
    """
    note_database_down(exception)
    if json is None and request.path.startswith("/api/"):  # failed in a middleware, before the API's handlers
        body = {"code": "service_unavailable", "message": UNAVAILABLE_MESSAGE, "detail": None}
        json = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    if json is not None:
        response = json
    else:
        context = {"title": "系统暂时无法使用", "message": UNAVAILABLE_MESSAGE, "retry_after": retry_after_seconds()}
        response = HttpResponse(render_to_string("core/unavailable.html", context), status=503)
    response.status_code = 503
    response["Retry-After"] = str(retry_after_seconds())
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True
    return response


# --- one log line per interval --------------------------------------------------------------------------


class _OutageLog:
    """Writes one line per interval (QINGLIAN_DB_OUTAGE_LOG_SECONDS, default 60) instead of a traceback per
    request: the failure that opens the interval, and how many were left unwritten in the one before."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_logged: float | None = None
        self.suppressed = 0

    def note(self, exception: BaseException) -> None:
        interval = float(getattr(settings, "QINGLIAN_DB_OUTAGE_LOG_SECONDS", 60))
        now = _monotonic()
        with self.lock:
            if self.last_logged is not None and now - self.last_logged < interval:
                self.suppressed += 1
                return
            suppressed, self.suppressed, self.last_logged = self.suppressed, 0, now
        message = str(exception).strip().splitlines()[0][:300] if str(exception).strip() else type(exception).__name__
        logger.error(
            "数据库不可用，请求以 503 答复：%s（上次记录以来另有 %d 次；%d 秒内不再重复记录）",
            message,
            suppressed,
            int(interval),
        )


def _monotonic() -> float:
    return time.monotonic()


_outage_log = _OutageLog()


def note_database_down(exception: BaseException) -> None:
    _outage_log.note(exception)
