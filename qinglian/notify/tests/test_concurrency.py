"""Senders running at once never send the same row twice (SQLite and PostgreSQL alike).

Real threads with their own database connections, so the claims really race: both senders start at the same
instant on the same pending rows, with small batches so that they fight over the same candidates again and
again, and a slow receiver so that their batches overlap in time.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection

from qinglian.notify.choices import MessageKind, OutboxStatus
from qinglian.notify.models import OutboxItem
from qinglian.notify.sender import SendReport, new_worker_id, send_due
from qinglian.notify.services import notify

ROWS = 60


def _sender(start: threading.Barrier, reports: list, errors: list) -> None:
    try:
        start.wait()
        reports.append(send_due(worker=new_worker_id(), batch=3))
    except Exception as exc:  # surfaced by the test, not lost in the thread
        errors.append(exc)
    finally:
        connection.close()  # this thread's own connection; the test database is torn down after


@pytest.mark.parametrize("senders", [2, 4])
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_never_send_twice(webhook, cadre_same_unit, senders):
    for n in range(ROWS):
        notify(recipients=[cadre_same_unit], kind=MessageKind.INFO, subject=f"通知{n}", body="", key=f"race:{n}")
    webhook.delay = 0.002
    start = threading.Barrier(senders)
    reports: list[SendReport] = []
    errors: list[Exception] = []
    threads = [threading.Thread(target=_sender, args=(start, reports, errors)) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    received = Counter(webhook.keys)
    assert len(received) == ROWS
    assert max(received.values()) == 1, [key for key, n in received.items() if n > 1]
    assert sum(r.sent for r in reports) == ROWS
    assert OutboxItem.objects.filter(status=OutboxStatus.SENT).count() == ROWS
    assert set(OutboxItem.objects.values_list("attempts", flat=True)) == {1}
