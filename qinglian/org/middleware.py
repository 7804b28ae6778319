"""Two gates every request passes after authentication (三员分立 that holds; 等保 8.1.4.1 a).

1. Password: an account whose password an administrator chose, or whose password has expired, reaches only the
   password page, logout and the login pages (login, second factor, sessions) until its owner picks a new one —
   a password set by an administrator is never usable for business access.
2. Read-only: the stationed discipline group's accounts (`Scope.read_only`) write nothing — every POST, PUT,
   PATCH or DELETE, page or API (session or token), is refused in Chinese and audited, whatever an app's own
   permission functions would allow. Their own password, logout and notification read-marks still work, and
   the few writes that are the group's own (registered by name in core.registry.STATIONED_GROUP_WRITES: replies
   to opinion requests, discipline proposals) pass to their view, which checks the writer itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from qinglian.core import hooks
from qinglian.core.registry import STATIONED_GROUP_WRITES
from qinglian.org import passwords
from qinglian.org.scope import scope_of

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Pages an account must reach whatever its password's state: signing in and out, the second factor (login
# security, qinglian/org/auth, runs its own gate before this one), the idle timer, and the password page itself.
ACCOUNT_URL_NAMES = frozenset(
    {"login", "logout", "password_change", "second_factor", "second_factor_enrol", "session_status", "session_ping"}
)
# Writes a read-only account may still make, since they change nothing of the organ: its own sessions and
# marking its own notifications read.
PERSONAL_URL_NAMES = ACCOUNT_URL_NAMES | {
    "my_sessions",
    "end_other_sessions",
    "notify_message_read",
    "notify_mark_all_read",
}
STATIC_VIEW_MODULES = ("django.contrib.staticfiles", "django.views.static")
READ_ONLY_MESSAGE = "派驻纪检监察组账号只能查阅，不能新增、修改或删除任何记录"


def _url_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.url_name or "") if match is not None else ""


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _token_user(request: HttpRequest) -> Any:
    """The account of a bearer token on this request, read without side effects (the API's own auth records use)."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    from qinglian.org.models import ApiToken
    from qinglian.org.services import token_digest

    row = ApiToken.objects.select_related("user").filter(digest=token_digest(header[7:].strip())).first()
    return row.user if row is not None and row.revoked_at is None and row.user.is_active else None


def _refuse(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            {"code": code, "message": message, "detail": None}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)


class AccountGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        name = _url_name(request)
        if name in ACCOUNT_URL_NAMES or (getattr(view_func, "__module__", "") or "").startswith(STATIC_VIEW_MODULES):
            return None
        user = getattr(request, "user", None)
        reason = passwords.change_required(user)
        if reason is not None:
            return self._to_password_page(request, reason)
        if request.method in SAFE_METHODS or name in PERSONAL_URL_NAMES or name in STATIONED_GROUP_WRITES:
            return None
        actor = user if user is not None and user.is_authenticated else _token_user(request)
        if actor is not None and scope_of(actor).read_only:
            request.auth_user = actor  # type: ignore[attr-defined]  # the audit row names the token's account too
            hooks.audit_denied(request, READ_ONLY_MESSAGE)
            return _refuse(request, 403, "forbidden", READ_ONLY_MESSAGE)
        return None

    def _to_password_page(self, request: HttpRequest, reason: str) -> HttpResponse:
        if _is_api(request):
            return _refuse(request, 403, "password_change_required", reason)
        target = f"{reverse('password_change')}?next={quote(request.get_full_path())}"
        response = redirect(target)
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = target  # an htmx swap would otherwise put the whole page in a fragment
        return response
