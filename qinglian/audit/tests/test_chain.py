"""The hash of a row: pure functions, no database."""

from __future__ import annotations

import datetime as dt

from qinglian.audit.chain import GENESIS_HASH, HASHED_FIELDS, canonical, event_hash

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _values(**changes) -> dict:
    values = {
        "seq": 1,
        "created_at": dt.datetime(2026, 1, 5, 9, 30, tzinfo=SHANGHAI),
        "organ_id": 1,
        "actor_id": 2,
        "actor_name": "张三（zhangsan）",
        "action": "login",
        "success": True,
        "target_type": "",
        "target_id": "",
        "target_repr": "",
        "ip": "10.0.0.8",
        "user_agent": "Mozilla/5.0",
        "detail": {"b": 1, "a": "二"},
        "prev_hash": GENESIS_HASH,
    }
    return {**values, **changes}


def test_it_hashes_every_recorded_field():
    base = event_hash(_values())
    for name in HASHED_FIELDS:
        changed = {"created_at": _values()["created_at"] + dt.timedelta(microseconds=1), "detail": {"b": 2}}
        value = changed.get(name, "x" if isinstance(_values()[name], str) else 99)
        assert event_hash(_values(**{name: value})) != base, name


def test_it_gives_the_same_bytes_whatever_the_time_zone_and_key_order():
    utc = _values()["created_at"].astimezone(dt.UTC)
    assert canonical(_values(created_at=utc, detail={"a": "二", "b": 1})) == canonical(_values())
    assert b'"created_at":"2026-01-05T01:30:00.000000Z"' in canonical(_values())


def test_it_keeps_chinese_readable_and_has_no_whitespace():
    text = canonical(_values()).decode()
    assert "张三" in text and " " not in text.replace("Mozilla/5.0", "")
    assert len(event_hash(_values())) == 64
