"""Per request, for a logged-in session: end it when idle too long, count the request as activity, and keep an
account that still owes its second factor on the verification pages."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from qinglian.org.auth import sessions, totp

# Views a pending session may reach (url names); the static files and the idle-status probe are let through too.
PENDING_VIEWS = frozenset({"second_factor", "second_factor_enrol", "logout", "session_status"})
# Requests that must not count as activity (the page's idle timer asks how long is left).
PASSIVE_VIEWS = frozenset({"session_status"})


class LoginSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            refused = self._check(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        view = _view_name(request)
        if sessions.is_idle(request):
            sessions.session_forget(request.session.session_key)
            logout(request)
            if view in PASSIVE_VIEWS:
                return JsonResponse({"logged_in": False, "seconds_left": 0})
            messages.info(request, "长时间未操作，已自动退出登录，请重新登录。")
            return _to_login(request)
        if view not in PASSIVE_VIEWS:
            sessions.touch(request)
        state = totp.pending_state(request)
        if not state or view in PENDING_VIEWS:
            return None
        if request.path.startswith("/api/"):
            body = {"code": "second_factor_required", "message": "请先在页面上完成双因素认证", "detail": None}
            return JsonResponse(body, status=401, json_dumps_params={"ensure_ascii": False})
        target = "second_factor" if state == "code" else "second_factor_enrol"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        response = redirect(reverse(target) + (f"?{query}" if query else ""))
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = response["Location"]  # not the whole page swapped into a fragment
        return response


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).url_name or ""
    except Resolver404:  # an unknown path: the view answers 404 itself
        return ""


def _to_login(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = {"code": "unauthenticated", "message": "长时间未操作，已自动退出登录，请重新登录", "detail": None}
        return JsonResponse(body, status=401, json_dumps_params={"ensure_ascii": False})
    return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
