"""Findings that keep themselves current (docs/decisions/0012-findings-kept-current.md).

Nobody has to press 运行检查: when a page is served to someone of an organ whose last finished check is older than
QINGLIAN_CHECK_INTERVAL_MINUTES (default 5; 0 turns this off), a system run is queued and started in the background
(services_runs.run_start, a detached `qinglian runchecks --run ID`), and the page is answered at once. A timer
running `qinglian runchecks --queued` (or a daily `qinglian runchecks`) does the same where pages cannot start
processes (docs/deployment.md).

Cheap per request: the time of the organ's last finished check is cached (CHECKED_TTL seconds); a stale one is
claimed in the cache with `add` before anything is written, so one request per interval (per cache) does the work,
and it costs one indexed query and, when a run is due, one insert.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from qinglian.compliance.choices import RunStatus
from qinglian.compliance.models import RuleRun

log = logging.getLogger(__name__)
CHECKED_TTL = 60  # seconds a process trusts its cached "last finished check" (the run writes it in another process)
_NEVER = "never"


def interval() -> dt.timedelta | None:
    """How old the last check may be before another is started; None when automatic checks are off."""
    minutes = int(getattr(settings, "QINGLIAN_CHECK_INTERVAL_MINUTES", 5))
    return dt.timedelta(minutes=minutes) if minutes > 0 else None


def _checked_key(organ_id: int) -> str:
    return f"qinglian:compliance:checked:{organ_id}"


def _claim_key(organ_id: int) -> str:
    return f"qinglian:compliance:claimed:{organ_id}"


def last_checked(organ_id: int | None) -> dt.datetime | None:
    """When the organ's last check finished (any run that ran to its end), or None if never. Cached briefly."""
    if organ_id is None:
        return None
    cached = cache.get(_checked_key(organ_id))
    if cached is not None:
        return None if cached == _NEVER else cached
    finished = (
        RuleRun.objects.filter(organ_id=organ_id, status=RunStatus.DONE, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    cache.set(_checked_key(organ_id), finished or _NEVER, CHECKED_TTL)
    return finished


def forget(organ_id: int) -> None:
    """A run just finished: the next reader asks the database again (called by engine.run_record)."""
    cache.delete_many([_checked_key(organ_id), _claim_key(organ_id)])


def is_stale(organ_id: int, now: dt.datetime | None = None) -> bool:
    every = interval()
    if every is None:
        return False
    last = last_checked(organ_id)
    return last is None or last < (now or timezone.now()) - every


def ensure_fresh(organ_id: int | None) -> RuleRun | None:
    """Queue and start a system run when the organ's findings are older than the interval; the run, or None."""
    every = interval()
    if organ_id is None or every is None or not is_stale(organ_id):
        return None
    # One claimant per interval: the others see the key and go on (a run that dies leaves it to expire).
    if not cache.add(_claim_key(organ_id), True, int(every.total_seconds())):
        return None
    from qinglian.compliance.services_runs import run_queue_system, run_start  # they import the engine

    run = run_queue_system(organ_id=organ_id)
    if run is not None:
        run_start(run)
    return run


def _organ_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    from qinglian.org.permissions import scope_of

    scope = scope_of(user)  # cached on the user for the request: the view has usually built it already
    return scope.organ_id if scope.is_business else None


class FreshChecksMiddleware:
    """After a page is answered for someone of an organ, start a check if the organ's findings are stale."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "GET" and response.status_code < 400 and interval() is not None:
            try:
                ensure_fresh(_organ_id(getattr(request, "user", None)))
            except Exception:  # a failed trigger must never cost the person their page; the timer catches up
                log.exception("could not start the automatic check")
        return response
