"""API writes that a client may safely retry: the `Idempotency-Key` header (issue #13 item 8).

A client that sends a write and loses the answer (a timeout, a dropped connection, a 503 page from a proxy) cannot
know whether it was done. Sent again with the same `Idempotency-Key`, the write is not done twice: the first answer is
returned, marked `Idempotent-Replayed: true`. The key belongs to the caller (a digest of their session cookie or
bearer token, never the credential itself) and to one request: the same key with another method, path or body is
refused (422), and a retry while the first is still running waits for nothing — it is told so (409).

An answer of 5xx is not kept: the write did not happen (every service is one transaction), so a retry runs again.
Keys are kept `QINGLIAN_IDEMPOTENCY_HOURS` hours (default 24), then purged by the next request that needs the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from qinglian.core.models import IdempotentRequest

HEADER = "Idempotency-Key"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
STUCK_AFTER = dt.timedelta(minutes=10)
# Printable ASCII, as RFC drafts and every public API that takes the header expect; a UUID fits easily.
_KEY = re.compile(r"^[\x21-\x7e]{1,100}$")


def _error(status: int, code: str, message: str) -> JsonResponse:
    body = {"code": code, "message": message, "detail": None}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _caller(request: HttpRequest) -> str | None:
    """Whose key it is: a digest of the credential the request carries (bearer token, else session cookie)."""
    credential = request.META.get("HTTP_AUTHORIZATION") or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return hashlib.sha256(credential.encode()).hexdigest() if credential else None


def _fingerprint(request: HttpRequest) -> str:
    return hashlib.sha256(
        request.method.encode() + b" " + request.get_full_path().encode() + b"\n" + request.body
    ).hexdigest()


def _hours() -> int:
    return getattr(settings, "QINGLIAN_IDEMPOTENCY_HOURS", 24)


class IdempotencyMiddleware:
    """API writes: one transaction that holds the answer too, and, with `Idempotency-Key`, run once.

    The answer is rendered inside the write's transaction: a query the response needs (a name, a related row) that
    fails after the service's work would otherwise leave the write committed and the client told 500 — and a
    client that retries would write twice. Any 5xx rolls the whole request back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in WRITES or not request.path.startswith("/api/"):
            return self.get_response(request)
        key = request.headers.get(HEADER)
        caller = _caller(request)
        if key is None or caller is None:  # no key, or nobody to keep it for (the API answers 401 anyway)
            return self._run(request)
        if not _KEY.match(key):
            return _error(400, "invalid", f"{HEADER} 应为1至100个可见ASCII字符")
        claimed = _claim(caller, key, _fingerprint(request))
        if isinstance(claimed, HttpResponse):
            return claimed
        response = self._run(request)
        _settle(claimed, response)
        return response

    def _run(self, request: HttpRequest) -> HttpResponse:
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response


def _claim(caller: str, key: str, fingerprint: str) -> IdempotentRequest | HttpResponse:
    """The new row that marks this request as running, or the answer to give instead of running it."""
    now = timezone.now()
    # Expired keys, and a claim whose request never settled (the process died, the database went away before the
    # answer was kept): the write it ran was rolled back or is recorded, so a retry may run.
    expired = Q(created_at__lt=now - dt.timedelta(hours=_hours()))
    stuck = Q(status__isnull=True, created_at__lt=now - STUCK_AFTER)
    IdempotentRequest.objects.filter(expired | stuck, caller=caller, key=key).delete()
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(caller=caller, key=key, fingerprint=fingerprint)
    except IntegrityError:
        pass
    earlier = IdempotentRequest.objects.filter(caller=caller, key=key).first()
    if earlier is None:  # settled with a 5xx and removed in between: let this retry run
        return _claim(caller, key, fingerprint)
    if earlier.fingerprint != fingerprint:
        return _error(422, "invalid", f"该 {HEADER} 已用于另一请求，请为新的请求使用新的键")
    if earlier.status is None:
        return _error(409, "conflict", "相同幂等键的请求正在处理，请稍后重试")
    replay = HttpResponse(bytes(earlier.body), status=earlier.status, content_type=earlier.content_type)
    replay["Idempotent-Replayed"] = "true"
    return replay


def _settle(claimed: IdempotentRequest, response: HttpResponse) -> None:
    """Keep the answer of a request that ran (any 2xx–4xx); forget one that failed (5xx) so a retry runs again."""
    if response.status_code >= 500 or response.streaming:
        claimed.delete()
        return
    claimed.status = response.status_code
    claimed.content_type = response.get("Content-Type", "application/json")
    claimed.body = response.content
    claimed.save(update_fields=["status", "content_type", "body"])
