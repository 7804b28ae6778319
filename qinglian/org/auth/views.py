"""Pages of login security: the second-factor code and enrolment, the account's own sessions, and the security
administrator's list of locks with "解锁"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.http import client_ip, next_url
from qinglian.org.auth import lockout, sessions, totp
from qinglian.org.permissions import can_grant_roles


def _next(request: HttpRequest) -> str:
    return next_url(request, "/")


def _code_failed(request: HttpRequest, error: QinglianError) -> HttpResponse | None:
    """A wrong code counts as a failed login of the name; when that locks it, the half-open session ends."""
    refusal = lockout.login_failed(username=request.user.get_username(), ip=client_ip(request), request=request)
    if refusal:
        logout(request)
        messages.error(request, refusal)
        return redirect("login")
    messages.error(request, error.message)
    return None


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """After the password: the 6-digit code of the account's authenticator."""
    if totp.confirmed_device(request.user) is None:
        return redirect("second_factor_enrol")
    if request.method == "POST":
        try:
            totp.totp_verify(request=request, code=request.POST.get("code", ""))
            return redirect(_next(request))
        except QinglianError as error:
            ended = _code_failed(request, error)
            if ended is not None:
                return ended
    return render(request, "org/auth/second_factor.html", {"next": _next(request)})


@login_required
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator: the secret as a QR code and as text, confirmed by one code from it."""
    if totp.confirmed_device(request.user) is not None:
        messages.info(request, "已设置身份验证器。")
        return redirect("my_sessions")
    if request.method == "POST":
        try:
            totp.totp_confirm(request=request, code=request.POST.get("code", ""))
            messages.success(request, "身份验证器设置成功，今后登录时须输入其验证码。")
            return redirect(_next(request))
        except QinglianError as error:
            ended = _code_failed(request, error)
            if ended is not None:
                return ended
    device = totp.enrolment_device(request.user)
    context = {
        "secret": totp.secret_base32(device),
        "uri": device.config_url,
        "qr": totp.qr_svg(device),
        "required": totp.totp_required(request.user),
        "next": _next(request),
    }
    return render(request, "org/auth/enrol.html", context)


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    rows = sessions.live_sessions(request.user)
    context = {
        "rows": rows,
        "current": request.session.session_key,
        "has_device": totp.confirmed_device(request.user) is not None,
        "required": totp.totp_required(request.user),
    }
    return render(request, "org/auth/sessions.html", context)


@login_required
@require_POST
def end_other_sessions(request: HttpRequest) -> HttpResponse:
    count = sessions.sessions_end_others(request)
    messages.success(request, f"已退出其他 {count} 个会话。" if count else "没有其他在线会话。")
    return redirect("my_sessions")


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """Seconds left before the idle timeout; asked by the page's timer, and not itself activity."""
    if not request.user.is_authenticated:
        return JsonResponse({"logged_in": False, "seconds_left": 0})
    return JsonResponse({"logged_in": True, "seconds_left": sessions.seconds_left(request)})


@login_required
@require_POST
def session_ping(request: HttpRequest) -> JsonResponse:
    """ "继续使用": count as activity now, whatever the once-a-minute throttle says."""
    sessions.touch(request, force=True)
    return JsonResponse({"logged_in": True, "seconds_left": sessions.seconds_left(request)})


@login_required
def login_locks(request: HttpRequest) -> HttpResponse:
    """The security administrator: names and addresses locked now, each with "解锁"."""
    if not can_grant_roles(request.user):
        raise Forbidden("仅安全管理员可以解除登录锁定")
    if request.method == "POST":
        try:
            row = lockout.login_unlock(
                kind=request.POST.get("kind", ""), key=request.POST.get("key", ""), by=request.user, request=request
            )
            messages.success(request, f"已解除对{row.get_kind_display()}“{row.key}”的登录锁定。")
        except QinglianError as error:
            messages.error(request, error.message)
        return redirect("login_locks")
    return render(request, "org/auth/locks.html", {"rows": lockout.current_locks()})
