"""The hash chain, as pure functions: what of an audit row is hashed, and how.

Each row's hash is SHA-256 over a canonical JSON of every recorded field plus the previous row's hash, so
changing, removing or reordering any row breaks the link to the next one. The canonical form must give the
same bytes for a row built in memory and the same row read back from SQLite or PostgreSQL: keys sorted, no
whitespace, times in UTC with microseconds, the JSON detail as stored (services normalise it before saving).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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
    return hashlib.sha256(canonical(values)).hexdigest()


def row_values(event: Any) -> dict[str, Any]:
    """The hashed fields of a saved or unsaved AuditEvent."""
    return {name: getattr(event, name) for name in HASHED_FIELDS}
