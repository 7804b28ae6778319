"""The chain head exported outside the database: truncation, a rewound head and a wiped log are caught."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from qinglian.audit.anchors import audit_export_head, audit_verify_exported
from qinglian.audit.models import AuditChainHead, AuditEvent
from qinglian.audit.services import audit_purge
from qinglian.audit.tests.conftest import TABLE, tamper
from qinglian.notify.models import Message


def _cut_tail_and_rewind(to_seq: int) -> None:
    """What an intruder with the database does: drop the last rows and set the head back, so the chain links."""
    tamper(f"DELETE FROM {TABLE} WHERE seq > %s", [to_seq])
    last = AuditEvent.objects.get(seq=to_seq)
    AuditChainHead.objects.update(last_seq=to_seq, last_hash=last.hash)


def test_export_head_appends_one_line_and_never_rewrites(chain, head_file):
    chain(2)
    first = audit_export_head()
    chain(1)
    audit_export_head()
    lines = head_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["seq"] == first.seq == 2 and json.loads(lines[1])["seq"] == 3
    assert json.loads(lines[0])["hash"] == AuditEvent.objects.get(seq=2).hash
    assert json.loads(lines[1])["algorithm"] == "hmac-sm3"


def test_a_cut_off_tail_with_the_head_rewound_passes_the_chain_but_not_the_export(chain):
    chain(5)
    audit_export_head()
    _cut_tail_and_rewind(3)
    result = audit_verify_exported()
    assert (
        not result.ok and result.problem == "export_ahead" and "截断" in result.message and "第 5 条" in result.message
    )


def test_a_wiped_log_is_caught(chain):
    chain(3)
    audit_export_head()
    tamper(f"DELETE FROM {TABLE}")
    AuditChainHead.objects.all().delete()
    result = audit_verify_exported()
    assert not result.ok and result.problem == "export_ahead" and "数据库中只到第 0 条" in result.message


def test_a_rewound_head_written_over_with_new_rows_is_caught(chain):
    chain(5)
    audit_export_head()
    _cut_tail_and_rewind(3)
    chain(2)  # the application carries on: a new row 4 and 5, unlike the exported 5
    result = audit_verify_exported()
    assert not result.ok and result.problem == "export_mismatch" and result.broken_seq == 5


def test_a_missing_head_file_fails_verification_once_there_are_rows(chain):
    chain(1)
    result = audit_verify_exported()
    assert not result.ok and result.problem == "export_missing" and "qinglian audit export-head" in result.message


def test_verify_passes_with_the_exported_heads_behind_the_chain(chain):
    chain(2)
    audit_export_head()
    chain(2)
    assert audit_verify_exported().ok


def test_a_purge_past_retention_still_verifies_but_an_early_one_is_caught(chain, head_file, monkeypatch):
    real_now = timezone.now
    old = real_now() - dt.timedelta(days=200)
    monkeypatch.setattr(timezone, "now", lambda: old)
    chain(2)
    audit_export_head()  # exported 200 days ago: seq 2
    monkeypatch.setattr(timezone, "now", real_now)
    chain(2)
    audit_export_head()
    audit_purge(before=timezone.localdate() - dt.timedelta(days=180))
    assert audit_verify_exported().ok
    # A head exported yesterday naming a row now purged: it was removed before its 180 days were up.
    line = {"seq": 1, "hash": "x" * 64, "at": (real_now() - dt.timedelta(days=1)).isoformat()}
    with head_file.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
    result = audit_verify_exported()
    assert not result.ok and "提前删除" in result.message


def test_the_verify_command_exits_1_with_a_chinese_message_on_truncation(chain):
    chain(4)
    call_command("audit", "export-head", stdout=io.StringIO())
    _cut_tail_and_rewind(2)
    with pytest.raises(CommandError, match="审计日志校验未通过：日志被截断或清空") as error:
        call_command("audit", "verify")
    assert error.value.returncode == 1


def test_the_head_goes_to_the_audit_administrators_once_a_day(chain, auditadmin, sysadmin, settings):
    settings.QINGLIAN_EMAIL_ENABLED = True
    auditadmin.email = "audit@example.org"
    auditadmin.save()
    chain(2)
    out = io.StringIO()
    call_command("audit", "export-head", "--mail", stdout=out)
    [message] = Message.objects.all()
    assert message.recipient == auditadmin and "审计日志链头" in message.subject and "第 2 条" in message.body
    assert message.deliveries.filter(channel="email", address="audit@example.org").exists()
    call_command("audit", "export-head", "--mail", stdout=out)
    assert Message.objects.count() == 1 and "未重复发送" in out.getvalue()
