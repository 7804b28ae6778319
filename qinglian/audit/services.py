"""Writes of the audit log: append one event, verify the chain, purge what is past retention.

`audit_record()` is the only way a row gets into the log. It runs inside the caller's transaction, so an
action that rolls back leaves no trace claiming it happened, and it raises (after logging) when the row cannot
be written: 等保 安全审计 d — an audit failure must be noticed, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Model
from django.http import HttpRequest
from django.utils import timezone

from qinglian.audit.chain import GENESIS_HASH, Walk, event_hash, keyed_hash, row_values, walk
from qinglian.audit.choices import AuditAction
from qinglian.audit.keys import audit_key
from qinglian.audit.models import AuditChainHead, AuditEvent
from qinglian.core.errors import Conflict, InvalidInput
from qinglian.core.http import client_ip
from qinglian.org.permissions import scope_of

logger = logging.getLogger("qinglian.audit")

MIN_RETENTION_DAYS = 180  # 《网络安全法》第二十一条：网络日志留存不少于六个月
_SECRET_KEY = re.compile(r"pass|pwd|secret|token|口令|密码", re.IGNORECASE)
_HEAD = AuditChainHead.SINGLETON


# --- recording -----------------------------------------------------------------------------------


def audit_record(
    *,
    action: str,
    user: Any = None,
    request: HttpRequest | None = None,
    organ: Any = None,
    target: Model | None = None,
    target_repr: str = "",
    detail: dict | None = None,
    success: bool = True,
) -> AuditEvent:
    """Append one event to the chain and return it.

    `user` defaults to the request's logged-in user; `organ` to the user's organ, then the target's.
    Raises ValueError for an action that is not an AuditAction (a typo must not become an unreadable row).
    """
    actor = _actor(user, request)
    values = {
        "organ_id": _organ_id(organ, actor, target),
        "actor_id": actor.pk if actor is not None else None,
        "actor_name": _actor_name(actor),
        "action": AuditAction(action).value,
        "success": bool(success),
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk)[:64] if target is not None and target.pk is not None else "",
        "target_repr": (target_repr or (str(target) if target is not None else ""))[:200],
        "ip": client_ip(request),
        "user_agent": (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:255],
        "detail": _jsonable(detail or {}),
    }
    try:
        return _append(values)
    except Exception:
        logger.exception("审计日志写入失败：action=%s actor=%s", action, values["actor_name"])
        raise


def audit_denied(request: HttpRequest, message: str) -> AuditEvent:
    """Record a refused request (403). Called by the page middleware and the API's Forbidden handler."""
    match = getattr(request, "resolver_match", None)
    detail = {"method": request.method, "path": request.path[:300], "message": str(message)[:300]}
    if match is not None:
        detail["view"] = match.view_name
    # An API call authenticated by a token has no session user; the API sets auth_user.
    user = getattr(request, "auth_user", None)
    return audit_record(action=AuditAction.PERMISSION_DENIED, user=user, request=request, detail=detail, success=False)


def _actor(user: Any, request: HttpRequest | None) -> Any:
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def _actor_name(actor: Any) -> str:
    if actor is None:
        return ""
    name, username = str(actor), actor.get_username()
    return (name if name == username else f"{name}（{username}）")[:80]


def _organ_id(organ: Any, actor: Any, target: Model | None) -> int | None:
    if organ is not None:
        return organ.pk if isinstance(organ, Model) else int(organ)
    if actor is not None:
        organ_id = scope_of(actor).organ_id or getattr(actor, "organ_id", None)
        if organ_id:
            return organ_id
    return getattr(target, "organ_id", None)


class _LenientEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)  # the log must never fail because a caller put a set or a model in the detail


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "********" if _SECRET_KEY.search(str(k)) else _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _jsonable(detail: dict) -> dict:
    """The detail exactly as the database will give it back, so the hash computed now matches later."""
    return _scrub(json.loads(json.dumps(detail, cls=_LenientEncoder, ensure_ascii=False)))


# --- the chain -----------------------------------------------------------------------------------


@transaction.atomic
def _append(values: dict[str, Any]) -> AuditEvent:
    seq, prev_hash = _claim_next()
    event = AuditEvent(seq=seq, created_at=timezone.now(), prev_hash=prev_hash, **values)
    event.hash = keyed_hash(row_values(event), audit_key())
    event._chained = True
    event.save()
    AuditChainHead.objects.filter(pk=_HEAD).update(last_hash=event.hash)
    return event


def _claim_next() -> tuple[int, str]:
    """Lock the chain head and return (seq of the new event, hash of the previous one).

    Writing the head first (rather than SELECT … FOR UPDATE) takes PostgreSQL's row lock and SQLite's write
    lock in one step, so no second writer can read the same last hash. The lock lasts until the caller's
    transaction ends. Seq comes from the head, not a database sequence, so a rollback leaves no gap.
    """
    if not AuditChainHead.objects.filter(pk=_HEAD).update(last_seq=F("last_seq") + 1):
        _create_head()
        AuditChainHead.objects.filter(pk=_HEAD).update(last_seq=F("last_seq") + 1)
    head = AuditChainHead.objects.get(pk=_HEAD)
    return head.last_seq, head.last_hash


def _create_head() -> None:
    """The head is missing on a fresh database (or after a test flush): start it at the table's last row."""
    last = AuditEvent.objects.order_by("-seq").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=_HEAD, last_seq=last.seq if last else 0, last_hash=last.hash if last else GENESIS_HASH
            )
    except IntegrityError:
        pass  # a concurrent writer created it; our UPDATE now waits for its lock


# --- verification --------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    # "gap" | "hash_mismatch" | "prev_hash_mismatch" | "tail_missing" | "tail_mismatch" | "unkeyed" |
    # "transition" | "export_ahead" | "export_mismatch" | "export_missing" (the last three: anchors.py)
    problem: str = ""
    message: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"审计日志校验通过，共 {self.checked} 条"
        return f"审计日志校验未通过：{self.message}（此前 {self.checked} 条完好）"


def audit_verify() -> VerifyResult:
    """Walk the chain from the anchor (genesis, or the last purge) to the head and name the first broken link.

    Rows before the head's keyed_from_seq are checked by SHA-256, the rest by HMAC-SM3 with the audit key; the
    first keyed row after legacy ones must be the transition row, and the last row must be keyed, so moving the
    boundary (to pass re-hashed rows off as legacy) is found too. Reads the head first and checks only rows up
    to it, so events appended meanwhile are left for next time. The exported heads are anchors.py's to compare.
    """
    head = AuditChainHead.objects.filter(pk=_HEAD).first()
    rows = AuditEvent.objects.order_by("seq")
    if head is None:
        # Unknown head: no tail check, and every row must be keyed (the conservative reading).
        head = AuditChainHead(last_seq=rows.last().seq if rows.exists() else 0, keyed_from_seq=1)
        head.last_hash = ""
    key = audit_key()

    def seal(row: AuditEvent) -> str:
        values = row_values(row)
        return keyed_hash(values, key) if row.seq >= head.keyed_from_seq else event_hash(values)

    window = rows.filter(seq__gt=head.anchor_seq, seq__lte=head.last_seq).iterator(chunk_size=2000)
    result = walk(window, seq=head.anchor_seq + 1, prev=head.anchor_hash, seal=seal)
    if result.broken is not None:
        broken = result.broken
        return VerifyResult(False, result.checked, broken.seq, broken.problem, broken.message)
    return _tail_problem(head, result) or _keying_problem(head, result) or VerifyResult(ok=True, checked=result.checked)


def _tail_problem(head: AuditChainHead, result: Walk) -> VerifyResult | None:
    seq, prev, checked = result.next_seq, result.last_hash, result.checked
    if seq <= head.last_seq:
        message = f"第 {seq}–{head.last_seq} 条缺失，日志末尾的记录被删除"
        return VerifyResult(False, checked, seq, "tail_missing", message)
    if head.last_hash and checked and prev != head.last_hash:
        message = f"第 {seq - 1} 条与链头记载的最后摘要不符，记录被替换"
        return VerifyResult(False, checked, seq - 1, "tail_mismatch", message)
    return None


def _keying_problem(head: AuditChainHead, result: Walk) -> VerifyResult | None:
    """The last row must be keyed, and the first keyed row after legacy ones must be the transition row."""
    if head.last_seq > head.anchor_seq and head.keyed_from_seq > head.last_seq:
        message = f"第 {head.last_seq} 条及之前的记录均未以密钥签名（链头的密钥起点被改动）"
        return VerifyResult(False, result.checked, head.last_seq, "unkeyed", message)
    if head.keyed_from_seq > 1 and head.anchor_seq < head.keyed_from_seq <= head.last_seq:
        first = AuditEvent.objects.filter(seq=head.keyed_from_seq).first()
        legacy = (first.detail or {}).get("legacy_head_hash") if first is not None else None
        if first is None or first.action != AuditAction.CHAIN_KEYED or legacy != first.prev_hash:
            message = f"第 {head.keyed_from_seq} 条不是启用密钥的过渡记录（链头的密钥起点被改动）"
            return VerifyResult(False, result.checked, head.keyed_from_seq, "transition", message)
    return None


# --- retention -----------------------------------------------------------------------------------


def retention_days() -> int:
    """The configured retention, never less than the legal minimum whatever the settings say."""
    return max(int(getattr(settings, "QINGLIAN_AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS)), MIN_RETENTION_DAYS)


@dataclass(frozen=True)
class PurgeResult:
    deleted: int
    anchor_seq: int


@transaction.atomic
def audit_purge(*, before: dt.date | dt.datetime, user: Any = None, via: str = "") -> PurgeResult:
    """Delete the events recorded before `before`, if that is past retention, and re-anchor the chain.

    Refuses (InvalidInput) a cut-off younger than the retention period and (Conflict) a chain that does not
    verify: purging would destroy the evidence of the break. The purge itself is recorded, with `via` saying
    where it was run from (e.g. the command line and the operating-system account).
    """
    cutoff = _as_aware(before)
    limit = timezone.now() - dt.timedelta(days=retention_days())
    if cutoff > limit:
        raise InvalidInput(
            f"审计日志须保存 {retention_days()} 天：清理截止日期不得晚于 {timezone.localdate(limit):%Y-%m-%d}"
        )
    head = _locked_head()
    result = audit_verify()
    if not result.ok:
        raise Conflict(f"审计日志完整性校验未通过，不能清理：{result.message}")
    first_kept = AuditEvent.objects.filter(seq__gt=head.anchor_seq, created_at__gte=cutoff).order_by("seq").first()
    anchor_seq = first_kept.seq - 1 if first_kept else head.last_seq
    anchor_hash = first_kept.prev_hash if first_kept else head.last_hash
    deleted = _delete_through(anchor_seq)
    head.anchor_seq, head.anchor_hash, head.purged_at = anchor_seq, anchor_hash, timezone.now()
    head.save(update_fields=["anchor_seq", "anchor_hash", "purged_at"])
    audit_record(
        action=AuditAction.RECORD_DELETED,
        user=user,
        target_repr="审计日志",
        detail={
            "model": "audit.auditevent",
            "before": cutoff.isoformat(),
            "deleted": deleted,
            "anchor_seq": anchor_seq,
            "via": via,
        },
    )
    return PurgeResult(deleted=deleted, anchor_seq=anchor_seq)


def _as_aware(value: dt.date | dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _locked_head() -> AuditChainHead:
    if not AuditChainHead.objects.filter(pk=_HEAD).exists():
        _create_head()
    return AuditChainHead.objects.select_for_update().get(pk=_HEAD)


def _delete_through(seq: int) -> int:
    """Raw DELETE of the rows up to `seq`, the one place that bypasses the model's refusal. On PostgreSQL the
    append-only trigger lets it through only while qinglian.audit_purge is on, for this statement alone."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    column = connection.ops.quote_name("seq")
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SELECT set_config('qinglian.audit_purge', 'on', true)")
        cursor.execute(f"DELETE FROM {table} WHERE {column} <= %s", [seq])  # names quoted; only seq is a value
        deleted = cursor.rowcount
        if postgres:
            cursor.execute("SELECT set_config('qinglian.audit_purge', 'off', true)")
    return deleted
