"""Delivering the outbox: claim due rows, send each over its channel, record the outcome.

How two senders (two cron runs overlapping, two hosts) are kept from sending the same row:

1. `claim_batch` picks candidate ids, then claims them with ONE conditional UPDATE that repeats the
   "is it still claimable?" test in its WHERE clause and stamps the rows with this sender's unique id and a
   lease. The database applies an UPDATE to each row atomically: on PostgreSQL a second UPDATE that reaches a
   row the first has just changed waits for it to commit and then re-evaluates the WHERE on the new row
   version (READ COMMITTED), finds status='sending' with a live lease and skips it; SQLite runs one writer
   at a time, so the second UPDATE simply sees the first one's result. Each sender then re-reads only the
   rows carrying its own id: a row is in at most one sender's hands.
2. Before each send the lease is renewed with another conditional UPDATE on (id, claimed_by, status). If
   that changes no row, another sender has taken the row over (our lease had run out) and we do not send.
   The lease is always longer than one send's timeout, so a renewed lease cannot run out mid-send.
3. The outcome is recorded with the same condition, so a sender that lost its row never overwrites the
   new owner's state.

What is not possible is exactly-once on the wire: a sender that crashes after the server accepted a
message but before step 3 leaves a row that is sent again once its lease expires. That delivery carries
the same idempotency key (Idempotency-Key header, Message-ID / X-Qinglian-Key) so the receiver can drop it.
Attempts are counted when a row is claimed, so a row that crashes its sender every time still ends dead.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from django.db import OperationalError
from django.db.models import F, Q
from django.utils import timezone

from qinglian.notify import conf
from qinglian.notify.channels import DeliveryError, deliver
from qinglian.notify.choices import RETRYABLE_STATUSES, OutboxStatus
from qinglian.notify.models import OutboxItem

logger = logging.getLogger(__name__)

ERROR_MAX_CHARS = 2000
# How often a sender looks again when others took all its candidates first (each round finds fresh rows).
CLAIM_ROUNDS = 5
# Pauses before retrying a statement the database refused for the moment (see `_retry_when_busy`).
BUSY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0  # failed this time, will be retried
    dead: int = 0  # given up
    lost: int = 0  # taken over by another sender before we could send

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.dead + self.lost

    def add(self, other: SendReport) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.dead += other.dead
        self.lost += other.lost


def new_worker_id() -> str:
    """Unique per sender process and run: host, pid and a random part (pids are reused across runs)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def backoff(attempts: int, *, cap_minutes: int) -> dt.timedelta:
    """Wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, never more than the cap."""
    minutes = 2 ** max(0, attempts - 1)
    return dt.timedelta(minutes=min(minutes, cap_minutes))


def _retry_when_busy(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a short autocommit statement again when the database was momentarily unavailable to it.

    SQLite answers "database is locked" when another writer holds it past the busy timeout (and at once in
    the shared-cache in-memory database of the tests); PostgreSQL may break a lock-order deadlock between
    two claims by aborting one. Both statements are all-or-nothing, so running them again is safe, and not
    giving up matters most after a send: an unrecorded success would be sent again once its lease ran out.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for delay in BUSY_DELAYS:
            try:
                return fn(*args, **kwargs)
            except OperationalError as exc:
                if not _is_transient(exc):
                    raise
                time.sleep(delay * random.uniform(1.0, 2.0))  # jitter: two senders do not retry in step
        return fn(*args, **kwargs)

    return wrapper


def _is_transient(exc: OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "deadlock" in text or "could not serialize" in text


def _claimable(now: dt.datetime) -> Q:
    due = Q(next_attempt_at__lte=now)
    waiting = Q(status__in=RETRYABLE_STATUSES)
    abandoned = Q(status=OutboxStatus.SENDING, claimed_until__lt=now)
    return due & (waiting | abandoned)


def claim_batch(*, worker: str, batch: int, now: dt.datetime | None = None) -> list[OutboxItem]:
    """Claim up to `batch` due rows for `worker` and return exactly the rows it now holds.

    Runs in autocommit (not inside a transaction) so the claim is visible to other senders at once.
    An empty list means nothing is due: when another sender took every candidate between our SELECT and
    our UPDATE, we look again, since the rows it took are no longer candidates.
    """
    now = now or timezone.now()
    for _ in range(CLAIM_ROUNDS):
        candidates = _candidates(now, batch)
        if not candidates:
            return []
        mine = _claim(candidates, worker=worker, now=now)
        if mine:
            return mine
    return []


@_retry_when_busy
def _candidates(now: dt.datetime, batch: int) -> list[int]:
    due = OutboxItem.objects.filter(_claimable(now)).order_by("next_attempt_at", "id")
    return list(due.values_list("id", flat=True)[:batch])


@_retry_when_busy
def _claim(candidates: list[int], *, worker: str, now: dt.datetime) -> list[OutboxItem]:
    # The WHERE repeats _claimable: a row another sender claimed since the SELECT is left alone.
    OutboxItem.objects.filter(_claimable(now), id__in=candidates).update(
        status=OutboxStatus.SENDING,
        claimed_by=worker,
        claimed_until=now + dt.timedelta(seconds=conf.lease_seconds()),
        attempts=F("attempts") + 1,
    )
    mine = OutboxItem.objects.filter(id__in=candidates, claimed_by=worker, status=OutboxStatus.SENDING)
    return list(mine.select_related("message__recipient__person").order_by("next_attempt_at", "id"))


def send_batch(*, worker: str, batch: int, stop: Callable[[], bool] | None = None) -> SendReport:
    """Claim one batch and deliver it. Returns what happened to each claimed row.

    `stop()` is asked before each row; once it says yes, the rows not yet tried are given back at once
    (rather than waiting out their lease), so a service stopped by SIGTERM leaves nothing stranded.
    """
    report = SendReport()
    for item in claim_batch(worker=worker, batch=batch):
        if stop is not None and stop():
            _release(item, worker)
            continue
        outcome = _process(item, worker)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def send_due(*, worker: str, batch: int) -> SendReport:
    """Deliver everything due now, batch after batch (a failed row is due again only after its backoff)."""
    total = SendReport()
    while True:
        report = send_batch(worker=worker, batch=batch)
        total.add(report)
        if report.handled == 0:
            return total


def _process(item: OutboxItem, worker: str) -> str:
    if item.attempts > conf.max_attempts():
        # Its last attempt never reported back (the sender died mid-send): give up rather than loop.
        _record_failure(item, worker, "发送进程在租约期内未完成最后一次尝试", permanent=True)
        return "dead"
    if not _renew_lease(item, worker):
        logger.warning("outbox %s: lease lost to another sender, not sending", item.pk)
        return "lost"
    try:
        deliver(item)
    except DeliveryError as exc:
        return _record_failure(item, worker, str(exc), permanent=exc.permanent)
    except Exception as exc:  # one broken row must not stop the batch; it is recorded and retried
        logger.exception("outbox %s: unexpected error", item.pk)
        return _record_failure(item, worker, f"{type(exc).__name__}: {exc}", permanent=False)
    return _record_sent(item, worker)


@_retry_when_busy
def _update_mine(item: OutboxItem, worker: str, **fields: object) -> int:
    """Change the row only while this sender still holds it; returns 1, or 0 when it was taken over."""
    mine = OutboxItem.objects.filter(pk=item.pk, claimed_by=worker, status=OutboxStatus.SENDING)
    return mine.update(**fields)


def _release(item: OutboxItem, worker: str) -> None:
    """Give back a claimed row that was not tried; the claim's attempt is not counted."""
    status = OutboxStatus.PENDING if item.attempts <= 1 else OutboxStatus.FAILED
    _update_mine(item, worker, status=status, claimed_until=None, attempts=F("attempts") - 1)


def _renew_lease(item: OutboxItem, worker: str) -> bool:
    until = timezone.now() + dt.timedelta(seconds=conf.lease_seconds())
    return _update_mine(item, worker, claimed_until=until) == 1


def _record_sent(item: OutboxItem, worker: str) -> str:
    changed = _update_mine(
        item, worker, status=OutboxStatus.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    if changed == 0:
        logger.warning("outbox %s: sent, but another sender had taken the row over", item.pk)
    return "sent"


def _record_failure(item: OutboxItem, worker: str, error: str, *, permanent: bool) -> str:
    dead = permanent or item.attempts >= conf.max_attempts()
    fields: dict = {"last_error": error[:ERROR_MAX_CHARS], "claimed_until": None}
    if dead:
        fields["status"] = OutboxStatus.DEAD
    else:
        fields["status"] = OutboxStatus.FAILED
        fields["next_attempt_at"] = timezone.now() + backoff(item.attempts, cap_minutes=conf.backoff_cap_minutes())
    _update_mine(item, worker, **fields)
    logger.warning("outbox %s attempt %s failed%s: %s", item.pk, item.attempts, " (dead)" if dead else "", error)
    return "dead" if dead else "failed"
