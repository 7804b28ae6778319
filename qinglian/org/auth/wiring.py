"""Connected in OrgConfig.ready(): the session register follows Django's login and logout signals (they are
Django's events, not ours, as the audit app's receivers are), and core's `api_token_expired` hook."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.http import HttpRequest

from qinglian.core import hooks
from qinglian.org.auth import sessions, tokens, totp


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(totp.STATE_KEY, None)  # what is owed is decided afresh for each login
    sessions.session_register(request, user)


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.session_forget(request.session.session_key)


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="qinglian.org.auth.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="qinglian.org.auth.logout")
    hooks.provide("api_token_expired", tokens.api_token_expired)
