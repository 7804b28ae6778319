"""Helpers shared by the people-facing party-life pages (talks, study, plans, democratic-life meeting).

The pages themselves live in views_talks, views_study and views_plans; this module only holds the small
pieces they all need: the year being looked at, a rule parameter read for display, and safe links to pages
that other modules own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from qinglian.core.errors import Forbidden
from qinglian.org.permissions import scope_of


def year_of(request: HttpRequest) -> int:
    """The `year` query parameter, or this year when missing or not a plausible year."""
    raw = request.GET.get("year", "")
    today = timezone.localdate()
    if raw.isdigit() and 2000 <= int(raw) <= today.year + 1:
        return int(raw)
    return today.year


def int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() else None


def organ_id_of(request: HttpRequest) -> int:
    organ_id = scope_of(request.user).organ_id
    if organ_id is None:
        raise Forbidden("当前账号未归属任何机关")
    return organ_id


def rule_value(*, organ_id: int, code: str, keys: tuple[str, ...], on: dt.date | None = None) -> Any:
    """A figure of a rule's parameter set in force, for display only; None when no set or no such key.

    Pages show the target ("32学时") next to the facts; the rule engine itself judges compliance.
    """
    from qinglian.compliance.params import sets_in_force

    try:
        param_set = sets_in_force(organ_id=organ_id, on=on or timezone.localdate(), codes=[code]).get(code)
    except Exception:
        return None
    values = param_set.values if param_set is not None else {}
    for key in keys:
        if isinstance(values, dict) and values.get(key) not in (None, ""):
            return values[key]
    return None


def url_or_none(name: str, *args: Any, query: str = "") -> str | None:
    """Reverse a page owned by another module; None while it does not exist yet (no broken page)."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return f"{url}?{query}" if query else url
