"""The chain head kept outside the database, so a cut-off tail, a rewound head or a wiped log is found.

Everything inside the database can be rewritten together by whoever controls it: delete the last rows and
set the head back, and the chain still links. So the head (seq, hash, time) is written out on a schedule to
a file the application only ever appends to (QINGLIAN_AUDIT_HEAD_FILE; one JSON line per export, opened with
'a', never rewritten — make it append-only for the operating system too: `chattr +a`, or a remote syslog),
and mailed daily to the audit administrators. `audit_verify_exported()` then requires every exported head to
be still in the chain with the same hash: a head beyond the chain's end means rows were removed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qinglian.audit.keys import key_id
from qinglian.audit.models import AuditChainHead, AuditEvent
from qinglian.audit.services import VerifyResult, audit_verify, retention_days
from qinglian.notify.services import notify
from qinglian.org.choices import Role
from qinglian.org.models import Organ, RoleGrant, User

logger = logging.getLogger("qinglian.audit")

ALGORITHM = "hmac-sm3"


@dataclass(frozen=True)
class ExportedHead:
    seq: int
    hash: str
    at: str
    algorithm: str = ALGORITHM
    key_id: str = ""

    def line(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def __str__(self) -> str:
        return f"第 {self.seq} 条，摘要 {self.hash}，导出于 {self.at}"


def head_file() -> Path:
    """QINGLIAN_AUDIT_HEAD_FILE, default <data dir>/audit/chain-heads.log (outside the database)."""
    configured = getattr(settings, "QINGLIAN_AUDIT_HEAD_FILE", "") or ""
    if configured:
        return Path(configured)
    return Path(settings.MEDIA_ROOT).parent / "audit" / "chain-heads.log"


def current_head() -> ExportedHead:
    """The chain's last row as it stands (seq 0 and an empty hash for an empty, never-written log)."""
    head = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON).first()
    seq, digest = (head.last_seq, head.last_hash) if head is not None else (0, "")
    return ExportedHead(seq=seq, hash=digest if seq else "", at=timezone.now().isoformat(), key_id=key_id())


def audit_export_head() -> ExportedHead:
    """Append the current head to the head file (creating it and its directory, mode 0600) and return it."""
    with transaction.atomic():
        exported = current_head()
    path = head_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:  # append only: never truncated, never rewritten
        out.write(exported.line() + "\n")
        out.flush()
        os.fsync(out.fileno())
    return exported


def exported_heads(path: Path | None = None) -> list[ExportedHead]:
    """Every head in the file, in the order written; unreadable lines are reported by the caller's check."""
    path = path or head_file()
    heads = []
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if text.strip():
                heads.append(_parse(text, number))
    return heads


def _parse(text: str, number: int) -> ExportedHead:
    try:
        data = json.loads(text)
        return ExportedHead(
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            at=str(data.get("at", "")),
            algorithm=str(data.get("algorithm", "")),
            key_id=str(data.get("key_id", "")),
        )
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"链头导出文件第 {number} 行无法识别") from None


def audit_verify_exported() -> VerifyResult:
    """The chain itself (services.audit_verify), then every exported head against it.

    Fails when the head file is missing or unreadable and the log has rows: without it a truncation cannot be
    excluded (after installing, run `qinglian audit export-head` once).
    """
    result = audit_verify()
    if not result.ok:
        return result
    head = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON).first()
    last_seq = head.last_seq if head is not None else 0
    try:
        heads = exported_heads()
    except FileNotFoundError:
        if last_seq == 0:
            return result
        message = f"链头导出文件 {head_file()} 不存在，无法确认日志末尾未被截断；请运行 qinglian audit export-head"
        return VerifyResult(False, result.checked, None, "export_missing", message)
    except (OSError, ValueError) as exc:
        return VerifyResult(False, result.checked, None, "export_missing", f"链头导出文件无法读取：{exc}")
    return _compare(heads, head, result) or result


def _compare(heads: list[ExportedHead], head: Any, result: VerifyResult) -> VerifyResult | None:
    anchor_seq, anchor_hash = (head.anchor_seq, head.anchor_hash) if head is not None else (0, "")
    last_seq = head.last_seq if head is not None else 0
    top = max(heads, key=lambda h: h.seq, default=None)
    if top is not None and top.seq > last_seq:
        message = f"日志被截断或清空：已导出的链头为{top}，数据库中只到第 {last_seq} 条"
        return VerifyResult(False, result.checked, last_seq + 1, "export_ahead", message)
    found = dict(
        AuditEvent.objects.filter(seq__in={h.seq for h in heads if h.seq > anchor_seq}).values_list("seq", "hash")
    )
    found[anchor_seq] = anchor_hash
    for exported in sorted(heads, key=lambda h: h.seq):
        if exported.seq == 0:
            continue
        if exported.seq < anchor_seq:
            problem = _purged_early(exported)
        elif found.get(exported.seq) != exported.hash:
            problem = f"第 {exported.seq} 条与已导出的链头不符（{exported}），日志被改写"
        else:
            problem = None
        if problem:
            return VerifyResult(False, result.checked, exported.seq, "export_mismatch", problem)
    return None


def _purged_early(exported: ExportedHead) -> str | None:
    """A purged row must have been older than retention. The head row was the newest when exported, so a head
    exported less than retention ago (less two days' slack for the schedule) names a row removed too early."""
    try:
        at = dt.datetime.fromisoformat(exported.at)
    except ValueError:
        return f"已导出的链头（第 {exported.seq} 条）时间无法识别"
    if at > timezone.now() - dt.timedelta(days=retention_days() - 2):
        return f"第 {exported.seq} 条于 {exported.at} 导出，未满保存期限却已不在日志中，记录被提前删除"
    return None


def head_mail_text(exported: ExportedHead, *, day: dt.date) -> tuple[str, str]:
    """Subject and body of the audit administrator's daily mail."""
    subject = f"审计日志链头 {day:%Y-%m-%d}：第 {exported.seq} 条"
    body = (
        f"审计日志当前链头：第 {exported.seq} 条\n摘要（HMAC-SM3）：{exported.hash}\n导出时间：{exported.at}\n"
        f"密钥标识：{exported.key_id}\n\n请保存本邮件。核对时运行 qinglian audit verify；"
        "如数据库中的日志少于本邮件所列序号，或该序号的摘要与本邮件不符，说明审计日志被截断或改写。"
    )
    return subject, body


def audit_mail_head(exported: ExportedHead, *, day: dt.date | None = None) -> int:
    """Put the head in each organ's audit administrators' inbox and, when e-mail is on, the outbox (notify app).

    Idempotent per day (the notify key): a second run the same day sends nothing more. Returns how many new
    messages were made.
    """
    day = day or timezone.localdate()
    subject, body = head_mail_text(exported, day=day)
    made = 0
    for organ in Organ.objects.all():
        grants = RoleGrant.objects.active().filter(organ=organ, role=Role.AUDITADMIN)
        recipients = User.objects.filter(pk__in=grants.values("user_id"), is_active=True)
        messages = notify(
            recipients=recipients, kind="info", subject=subject, body=body, key=f"audit-head-{day:%Y%m%d}", organ=organ
        )
        made += sum(1 for m in messages if m.is_new)
    return made
