"""Two writers at once must not fork the chain (both linking to the same previous row)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from qinglian.audit.models import AuditEvent
from qinglian.audit.services import audit_record, audit_verify

WRITERS, EACH = 4, 5


def _writer(barrier: threading.Barrier | None, name: str, errors: list[BaseException]) -> None:
    try:
        if barrier is not None:
            barrier.wait(timeout=10)
        for i in range(EACH):
            # Inside a longer business transaction, as services call it.
            with transaction.atomic():
                audit_record(action="rule_run", target_repr=f"{name}-{i}")
    except BaseException as exc:  # reported by the main thread
        errors.append(exc)
    finally:
        if barrier is not None:
            connections.close_all()  # each thread has its own connection


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_unbroken_chain():
    errors: list[BaseException] = []
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(WRITERS)
        threads = [threading.Thread(target=_writer, args=(barrier, f"w{n}", errors)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:
        # SQLite serialises writers with its database lock; the in-memory test database is per connection.
        for n in range(WRITERS):
            _writer(None, f"w{n}", errors)
    assert errors == []
    rows = list(AuditEvent.objects.order_by("seq").values_list("seq", "prev_hash", "hash"))
    total = WRITERS * EACH
    assert [seq for seq, _, _ in rows] == list(range(1, total + 1))
    assert len({prev for _, prev, _ in rows}) == total  # no two rows chained onto the same predecessor
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, total))
    result = audit_verify()
    assert result.ok and result.checked == total
