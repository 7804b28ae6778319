"""Helpers for the audit tests: build a chain, and change the table behind the application's back."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from qinglian.audit.models import AuditEvent
from qinglian.audit.services import audit_record

TABLE = AuditEvent._meta.db_table
TRIGGER = "audit_auditevent_append_only"


def raw(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def tamper(sql: str, params: list | None = None) -> None:
    """Run an UPDATE/DELETE on the audit table as an intruder with database access would.

    On PostgreSQL the append-only trigger must refuse it first; then, as the table owner could, the test
    switches the trigger off (inside the test's transaction, rolled back afterwards) so that the hash chain,
    the last line of defence, is exercised on both databases.
    """
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="审计日志只允许追加"), transaction.atomic():
            raw(sql, params)
        raw("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while deferred FK checks are pending
        raw(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
    raw(sql, params)


@pytest.fixture(autouse=True)
def head_file(settings, tmp_path):
    """Each test exports chain heads to its own file, never to the data directory."""
    settings.QINGLIAN_AUDIT_HEAD_FILE = str(tmp_path / "chain-heads.log")
    return tmp_path / "chain-heads.log"


@pytest.fixture
def chain(org, cadre_same_unit):
    """A function that appends `n` ordinary events by a cadre and returns them."""

    def make(n: int, **kwargs) -> list[AuditEvent]:
        return [audit_record(action="export", user=cadre_same_unit, target_repr=f"导出{i}", **kwargs) for i in range(n)]

    return make
