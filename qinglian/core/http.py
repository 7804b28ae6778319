"""Small request-parsing helpers the pages of every app share (query parameters with safe fallbacks)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

MIN_YEAR, MAX_YEAR = 2000, 2100  # a typo guard, not a policy


def year_param(request: HttpRequest, *, latest: int | None = None, post: bool = False) -> int:
    """`?year=` (or the POST field when `post`), or this year when missing or implausible.

    `latest` caps it (e.g. next year for planning pages); by default any year up to 2100 is accepted.
    """
    raw = request.GET.get("year", "") or (request.POST.get("year", "") if post else "")
    this_year = timezone.localdate().year
    year = int(raw) if raw.strip().isdigit() else this_year
    return year if MIN_YEAR <= year <= (latest if latest is not None else MAX_YEAR) else this_year


def int_param(request: HttpRequest, name: str) -> int | None:
    """A positive integer query parameter (an id in a filter), or None when missing or not a number."""
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() else None
