"""The authentication backend: Django's ModelBackend behind the lockout."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from qinglian.core.http import client_ip
from qinglian.org.auth import lockout


class LockoutBackend(ModelBackend):
    """Refuses a locked user name or client address without checking the password, and counts failures.

    The refusal (Chinese, the same for every name) is left on `request.login_refusal` for the login form to
    show. Raising PermissionDenied makes `django.contrib.auth.authenticate` stop and send
    `user_login_failed`, which the audit app records like any other failure.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None else ""
        refusal = lockout.login_refusal(username=username, ip=ip)
        if refusal:
            _tell(request, refusal)
            raise PermissionDenied(refusal)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            _tell(request, lockout.login_failed(username=username, ip=ip, request=request))
        else:
            lockout.login_succeeded(username=username)
        return user


def _tell(request: HttpRequest | None, refusal: str) -> None:
    if request is not None and refusal:
        request.login_refusal = refusal  # type: ignore[attr-defined]
