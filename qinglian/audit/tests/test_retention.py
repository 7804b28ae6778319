"""Retention: the startup check, purge refusing recent rows, and a chain that still verifies after a purge."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from qinglian.audit.checks import audit_retention_check
from qinglian.audit.models import AuditChainHead, AuditEvent
from qinglian.audit.services import audit_purge, audit_verify
from qinglian.audit.tests.conftest import TABLE, raw, tamper
from qinglian.core.errors import Conflict, InvalidInput


def test_the_startup_check_errors_below_180_days(settings):
    settings.QINGLIAN_AUDIT_RETENTION_DAYS = 179
    [error] = audit_retention_check()
    assert error.id == "qinglian.audit.E001"
    assert error.msg == "审计日志保存期限不得少于180天（《网络安全法》第二十一条）"
    assert any(e.id == "qinglian.audit.E001" for e in run_checks(tags=["security"]))  # registered by ready()
    settings.QINGLIAN_AUDIT_RETENTION_DAYS = "365"  # a string from the environment is a mistake too
    assert audit_retention_check()


def test_the_startup_check_passes_at_180_days_and_by_default(settings):
    settings.QINGLIAN_AUDIT_RETENTION_DAYS = 180
    assert audit_retention_check() == []
    del settings.QINGLIAN_AUDIT_RETENTION_DAYS
    assert audit_retention_check() == []


@pytest.fixture
def aged(chain, monkeypatch):
    """Events 200, 179 and 0 days old (two each)."""
    real_now = timezone.now
    now = real_now()
    for days in (200, 179, 0):
        monkeypatch.setattr(timezone, "now", lambda d=days: now - dt.timedelta(days=d))
        chain(2)
    monkeypatch.setattr(timezone, "now", real_now)
    return now


def test_purge_refuses_a_cut_off_inside_retention(aged):
    with pytest.raises(InvalidInput, match="180 天"):
        audit_purge(before=timezone.localdate() - dt.timedelta(days=179))
    assert AuditEvent.objects.count() == 6


def test_purge_refuses_inside_retention_even_if_settings_say_less(settings, aged):
    settings.QINGLIAN_AUDIT_RETENTION_DAYS = 30
    with pytest.raises(InvalidInput):
        audit_purge(before=timezone.localdate() - dt.timedelta(days=100))


def test_purge_deletes_only_rows_past_retention_and_the_chain_still_verifies(aged):
    result = audit_purge(before=timezone.localdate() - dt.timedelta(days=180))
    assert (result.deleted, result.anchor_seq) == (2, 2)
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == [3, 4, 5, 6, 7]  # 7: the purge itself
    assert AuditEvent.objects.get(seq=7).action == "record_deleted"
    head = AuditChainHead.objects.get()
    assert head.anchor_seq == 2 and head.anchor_hash == AuditEvent.objects.get(seq=3).prev_hash
    verified = audit_verify()
    assert verified.ok and verified.checked == 5


def test_after_a_purge_the_database_refuses_deletes_again(aged):
    audit_purge(before=timezone.localdate() - dt.timedelta(days=180))
    if connection.vendor == "postgresql":
        # The purge switched qinglian.audit_purge off again inside the same transaction.
        with pytest.raises(DatabaseError, match="审计日志只允许追加"), transaction.atomic():
            raw(f"DELETE FROM {TABLE} WHERE seq = 3")
    assert AuditEvent.objects.filter(seq=3).exists()


def test_purge_refuses_a_broken_chain(aged):
    tamper(f"UPDATE {TABLE} SET ip = %s WHERE seq = %s", ["6.6.6.6", 1])
    with pytest.raises(Conflict, match="第 1 条"):
        audit_purge(before=timezone.localdate() - dt.timedelta(days=180))
    assert AuditEvent.objects.filter(seq=1).exists()


def test_verify_command_reports_success(aged):
    call_command("audit", "export-head", stdout=io.StringIO())
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "审计日志校验通过，共 6 条" in out.getvalue()


def test_verify_command_names_the_broken_link_and_exits_1(aged):
    tamper(f"DELETE FROM {TABLE} WHERE seq = %s", [4])
    with pytest.raises(CommandError, match="第 4 条缺失") as error:
        call_command("audit", "verify")
    assert error.value.returncode == 1


def test_purge_command_refuses_recent_rows_and_purges_old_ones(aged):
    recent = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    with pytest.raises(CommandError, match="不得晚于"):
        call_command("audit", "purge", "--before", recent)
    out = io.StringIO()
    call_command("audit", "purge", "--before", (timezone.localdate() - dt.timedelta(days=190)).isoformat(), stdout=out)
    assert "已清理" in out.getvalue() and "2 条" in out.getvalue()
    assert "命令行" in AuditEvent.objects.order_by("-seq").first().detail["via"]
