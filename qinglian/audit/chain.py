"""The hash chain, as pure functions: what of an audit row is hashed, and how.

Each row's hash is HMAC-SM3 (GB/T 32905, keyed with QINGLIAN_AUDIT_KEY) over a canonical JSON of every recorded
field plus the previous row's hash, so changing, removing or reordering any row breaks the link to the next one,
and without the key nobody can re-seal the rows after a change. Rows written before the key was introduced
(migration audit.0004) carry a plain SHA-256 of the same bytes; a transition row, itself keyed, records the last
of them, so the old part stays verifiable. The canonical form must give the
same bytes for a row built in memory and the same row read back from SQLite or PostgreSQL: keys sorted, no
whitespace, times in UTC with microseconds, the JSON detail as stored (services normalise it before saving).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64  # the "previous hash" of the very first row

# Every recorded field, in no particular order (the JSON is key-sorted). Adding a field here changes every
# hash: do it only with a migration that re-anchors the chain.
HASHED_FIELDS = (
    "seq",
    "created_at",
    "organ_id",
    "actor_id",
    "actor_name",
    "action",
    "success",
    "target_type",
    "target_id",
    "target_repr",
    "ip",
    "user_agent",
    "detail",
    "prev_hash",
)


def _utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(values: dict[str, Any]) -> bytes:
    """The bytes that are hashed: the HASHED_FIELDS of `values` as key-sorted, compact UTF-8 JSON."""
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["created_at"] = _utc_text(payload["created_at"])
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def event_hash(values: dict[str, Any]) -> str:
    """The legacy, unkeyed seal: SHA-256. Only rows before the transition row carry it."""
    return hashlib.sha256(canonical(values)).hexdigest()


def keyed_hash(values: dict[str, Any], key: bytes) -> str:
    """The seal of every row since the transition: HMAC-SM3 with the audit key."""
    return hmac.new(key, canonical(values), "sm3").hexdigest()


def row_values(event: Any) -> dict[str, Any]:
    """The hashed fields of a saved or unsaved AuditEvent."""
    return {name: getattr(event, name) for name in HASHED_FIELDS}


# --- walking the chain ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str  # "gap" | "hash_mismatch" | "prev_hash_mismatch"
    message: str


@dataclass(frozen=True)
class Walk:
    checked: int
    next_seq: int
    last_hash: str
    broken: Break | None = None


def walk(rows: Iterable[Any], *, seq: int, prev: str, seal: Callable[[Any], str]) -> Walk:
    """Follow `rows` (ordered by seq) from `seq` with `prev` as the previous hash, stopping at the first break.

    `seal(row)` recomputes a row's hash (SHA-256 or HMAC-SM3, by its place in the chain). Pure: the services and
    the transition migration both use it.
    """
    checked = 0
    for row in rows:
        broken = _link_problem(row, seq, prev, seal)
        if broken is not None:
            return Walk(checked, seq, prev, broken)
        checked, seq, prev = checked + 1, row.seq + 1, row.hash
    return Walk(checked, seq, prev)


def _link_problem(row: Any, seq: int, prev: str, seal: Callable[[Any], str]) -> Break | None:
    if row.seq != seq:
        return Break(seq, "gap", f"第 {seq} 条缺失（紧接着的是第 {row.seq} 条），记录被删除")
    if not hmac.compare_digest(seal(row), row.hash):
        return Break(seq, "hash_mismatch", f"第 {seq} 条内容与其摘要不符，记录被改动或以错误的密钥伪造")
    if row.prev_hash != prev:
        return Break(
            seq, "prev_hash_mismatch", f"第 {seq} 条记载的前一条摘要与实际不符，链接断开（前一条被改写或替换）"
        )
    return None
