"""TOTP second factor (等保 8.1.4.1 d 两种或两种以上组合的鉴别技术), on django-otp's TOTPDevice.

Mandatory for the roles in settings.QINGLIAN_TOTP_REQUIRED_ROLES (the three administrators and the
party-affairs officer by default), optional for everyone else. A session that has passed its password but owes
the code stays "pending" (see middleware.py) until `totp_verify` or `totp_confirm` succeeds.
"""

from __future__ import annotations

import base64
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.core import hooks
from qinglian.core.errors import InvalidInput
from qinglian.org.scope import scope_of

STATE_KEY = "qinglian_2fa"  # "ok" (nothing owed) | "code" (has a device) | "enrol" (must set one up)
DEVICE_NAME = "身份验证器"


def totp_required(user: Any) -> bool:
    required = set(getattr(settings, "QINGLIAN_TOTP_REQUIRED_ROLES", ()))
    return bool(required and scope_of(user).has(*required))


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor_state(user: Any) -> str:
    if confirmed_device(user) is not None:
        return "code"
    return "enrol" if totp_required(user) else "ok"


def pending_state(request: HttpRequest) -> str:
    """What the session still owes: '' when nothing (verified, or no device and not required)."""
    user = request.user
    if user.is_verified():
        return ""
    state = request.session.get(STATE_KEY)
    if state is None:
        state = request.session[STATE_KEY] = second_factor_state(user)
    return "" if state == "ok" else state


def _clean(code: str) -> str:
    code = "".join((code or "").split())
    if not (code.isdigit() and len(code) == 6):
        raise InvalidInput("请输入身份验证器显示的 6 位数字验证码")
    return code


def totp_verify(*, request: HttpRequest, code: str) -> TOTPDevice:
    """Check the code of the account's confirmed device and mark the session verified."""
    device = confirmed_device(request.user)
    if device is None:
        raise InvalidInput("该账号尚未设置身份验证器")
    _throttled(device)
    if not device.verify_token(_clean(code)):
        _audit_failure(request, device)
        raise InvalidInput("验证码不正确或已过期，请输入身份验证器上当前显示的验证码")
    django_otp.login(request, device)
    request.session[STATE_KEY] = "ok"
    return device


def enrolment_device(user: Any) -> TOTPDevice:
    """The account's unconfirmed device (made now if none): its secret is shown until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_confirm(*, request: HttpRequest, code: str) -> TOTPDevice:
    """Confirm the enrolment device with a code from it; the session is verified by it at once."""
    if confirmed_device(request.user) is not None:
        raise InvalidInput("该账号已设置身份验证器；如需更换，请联系安全管理员重置")
    device = enrolment_device(request.user)
    _throttled(device)
    if not device.verify_token(_clean(code)):
        _audit_failure(request, device)
        raise InvalidInput("验证码不正确，请确认手机时间准确后输入当前显示的验证码")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    django_otp.login(request, device)
    request.session[STATE_KEY] = "ok"
    hooks.audit_record(
        action="second_factor_enrolled", request=request, target=request.user, detail={"event": "totp_enrolled"}
    )
    return device


@transaction.atomic
def totp_reset(*, user: Any, by: Any = None, via: str = "") -> int:
    """Remove an account's devices (a lost phone): it enrols again at its next login. Server command only."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    hooks.audit_record(action="second_factor_reset", user=by, target=user, detail={"event": "totp_reset", "via": via})
    return count


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth URI as an inline SVG QR code, drawn here (no external service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, dark="#000")


def _throttled(device: TOTPDevice) -> None:
    """django-otp doubles the wait after each wrong code; say so rather than "wrong code" for a right one."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        wait = (info or {}).get("locked_until")
        seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
        raise InvalidInput(f"验证码错误次数过多，请 {seconds} 秒后再试")


def _audit_failure(request: HttpRequest, device: TOTPDevice) -> None:
    hooks.audit_record(
        action="login_failed",
        request=request,
        target=request.user,
        detail={"event": "second_factor_failed", "username": request.user.get_username()},
        success=False,
    )
