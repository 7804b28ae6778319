"""Logins, logouts and failed logins, from django.contrib.auth's own signals.

A signal is the right hook here: authentication is Django's code, not ours, and these are infrastructure
records rather than business logic. Connected in AuditConfig.ready().
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOGIN, user=user, request=request)


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:  # logging out an anonymous session changes nothing worth recording
        return
    audit_record(action=AuditAction.LOGOUT, user=user, request=request)


def on_login_failed(sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Only the attempted user name is kept; the password never reaches the log (not even masked)."""
    model = get_user_model()
    username = str(credentials.get(model.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    account = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first() if username else None
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        request=request,
        # The account is the target, not the actor: whoever typed its name is not known to be its holder.
        target=account,
        target_repr=username,
        organ=account.organ_id if account is not None and account.organ_id else None,
        detail={"username": username, "account_exists": account is not None},
        success=False,
    )


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="qinglian.audit.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="qinglian.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="qinglian.audit.login_failed")
