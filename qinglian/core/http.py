"""What the pages of every app share: query parameters with safe fallbacks, a page of a list, and the edit-page
pattern (a form, a service that may refuse in Chinese, a message and a redirect)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from qinglian.core import clock
from qinglian.core.errors import QinglianError

T = TypeVar("T")

MIN_YEAR, MAX_YEAR = 2000, 2100  # a typo guard, not a policy
# The largest id a page or the API looks up: PostgreSQL's integer columns stop here, SQLite's past 2**63; a larger
# number in a path is answered 404 (core.hygiene), in a filter it is no filter.
MAX_ID = 2**31 - 1


def year_param(request: HttpRequest, *, latest: int | None = None, post: bool = False) -> int:
    """`?year=` (or the POST field when `post`), or this year when missing or implausible.

    `latest` caps it (e.g. next year for planning pages); by default any year up to 2100 is accepted.
    """
    raw = request.GET.get("year", "") or (request.POST.get("year", "") if post else "")
    this_year = clock.today().year
    raw = raw.strip()
    year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else this_year
    return year if MIN_YEAR <= year <= (latest if latest is not None else MAX_YEAR) else this_year


def int_param(request: HttpRequest, name: str) -> int | None:
    """A positive integer query parameter (an id in a filter), or None when missing, not a number or past MAX_ID."""
    raw = request.GET.get(name, "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


def paginate(request: HttpRequest, rows: Any) -> Page:
    """The `?page=` page of a list (QINGLIAN_PAGE_SIZE rows; an out-of-range page gives the last)."""
    return Paginator(rows, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    save: Callable[[], T],
    success: Callable[[T], str],
    then: Callable[[T], Any],
    template: str = "core/form.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A valid POST calls `save()` (a service): a refusal (QinglianError) becomes the form's error, anything else
    a success message and a redirect to `then(saved)` (a URL, a model or a view name). Otherwise the form page."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success(saved))
            return redirect(then(saved))
    return render(request, template, {"form": form, "title": title, **(context or {})})


def post_action(request: HttpRequest, *, do: Callable[[], T], success: Callable[[T], str], then: Any) -> HttpResponse:
    """A button's POST: `do()` (a service); its refusal becomes an error message, anything else a success
    message; either way back to `then` (a URL, a model or a view name)."""
    try:
        done = do()
    except QinglianError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success(done))
    return redirect(then)


def client_ip(request: HttpRequest | None) -> str:
    """REMOTE_ADDR, or behind our own reverse proxy (QINGLIAN_TRUST_PROXY) the address it appended last to
    X-Forwarded-For: entries to its left were sent by the client and prove nothing. One reading for the audit log,
    the login lockout and the session register."""
    if request is None:
        return ""
    raw = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "QINGLIAN_TRUST_PROXY", False):
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if forwarded:
            raw = forwarded[-1]
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return ""


def next_url(request: HttpRequest, default: str) -> str:
    """The `next` field (POST, then query) when it is a path on this site, else `default`. Only an absolute path:
    a bare word would be taken by `redirect()` for a view name (a 500 on `next=abc`), and anything with a scheme or
    another host is an open redirect."""
    target = (request.POST.get("next") or request.GET.get("next") or "").strip()
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    ):
        return target
    return default
