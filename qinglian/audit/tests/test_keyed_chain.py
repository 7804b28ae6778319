"""The keyed chain: the transition from SHA-256, the boundary between the two, and the key checks."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from qinglian.audit.chain import GENESIS_HASH, event_hash, row_values
from qinglian.audit.checks import audit_key_check, audit_key_length_check
from qinglian.audit.models import AuditChainHead, AuditEvent
from qinglian.audit.services import audit_record, audit_verify
from qinglian.audit.tests.conftest import TABLE, raw, tamper

transition = importlib.import_module("qinglian.audit.migrations.0004_chain_keyed_transition")


@pytest.fixture(scope="module")
def state_apps(django_db_setup, django_db_blocker):
    """The models as the transition migration sees them (plain save, no append-only guard)."""
    with django_db_blocker.unblock():
        executor = MigrationExecutor(connection)
        return executor.loader.project_state(("audit", "0004_chain_keyed_transition")).apps


def _legacy_chain(state_apps, n: int) -> list:
    """n rows sealed the old way (SHA-256), as a database from before the key holds them."""
    Event = state_apps.get_model("audit", "AuditEvent")
    Head = state_apps.get_model("audit", "AuditChainHead")
    prev, rows = GENESIS_HASH, []
    for seq in range(1, n + 1):
        event = Event(seq=seq, created_at=timezone.now(), action="export", target_repr=f"旧{seq}", prev_hash=prev)
        event.organ_id = event.actor_id = None
        event.hash = prev = event_hash(row_values(event))
        event.save(force_insert=True)
        rows.append(event)
    Head.objects.update_or_create(pk=1, defaults={"last_seq": n, "last_hash": prev, "keyed_from_seq": 1})
    return rows


def test_the_migration_anchors_the_old_chain_and_keys_everything_after_it(db, state_apps):
    legacy = _legacy_chain(state_apps, 3)
    transition.forwards(state_apps, None)
    marker = AuditEvent.objects.get(seq=4)
    assert marker.action == "chain_keyed" and marker.prev_hash == legacy[-1].hash
    assert marker.detail["legacy_head_seq"] == 3 and marker.detail["to"] == "hmac-sm3"
    assert AuditChainHead.objects.get().keyed_from_seq == 4
    audit_record(action="rule_run", target_repr="之后")
    result = audit_verify()
    assert result.ok and result.checked == 5  # three by SHA-256, the transition and one by HMAC-SM3


def test_the_migration_refuses_a_broken_old_chain(db, state_apps):
    _legacy_chain(state_apps, 3)
    tamper(f"UPDATE {TABLE} SET target_repr = %s WHERE seq = %s", ["改过", 2])
    with pytest.raises(RuntimeError, match="第 2 条"):
        transition.forwards(state_apps, None)
    assert not AuditEvent.objects.filter(action="chain_keyed").exists()


def test_the_migration_needs_no_transition_on_an_empty_log(db, state_apps):
    transition.forwards(state_apps, None)
    assert not AuditEvent.objects.exists()
    assert audit_record(action="rule_run").seq == 1 and audit_verify().ok


def test_moving_the_key_boundary_to_pass_rehashed_rows_as_old_ones_is_found(chain):
    """The intruder re-seals every row with SHA-256 (the code alone) and moves the boundary past the end."""
    chain(3)
    prev = GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq"):
        event.prev_hash = prev
        event.target_repr = "伪造"
        prev = event_hash(row_values(event))
        (tamper if event.seq == 1 else raw)(  # the trigger is off after the first
            f"UPDATE {TABLE} SET target_repr = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            ["伪造", event.prev_hash, prev, event.seq],
        )
    AuditChainHead.objects.update(last_hash=prev, keyed_from_seq=4)
    result = audit_verify()
    assert not result.ok and result.problem == "unkeyed" and "未以密钥签名" in result.message


def test_moving_the_key_boundary_into_the_keyed_rows_is_found(chain):
    chain(4)
    AuditChainHead.objects.update(keyed_from_seq=3)
    result = audit_verify()
    assert not result.ok and result.broken_seq == 1 and result.problem == "hash_mismatch"


def test_production_refuses_to_start_without_a_key(settings, monkeypatch):
    settings.DEBUG, settings.QINGLIAN_AUDIT_KEY = False, ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    [error] = audit_key_check()
    assert error.id == "qinglian.audit.E002" and "QINGLIAN_AUDIT_KEY" in error.msg and "生产环境" in error.msg
    settings.QINGLIAN_AUDIT_KEY = "k" * 32
    assert audit_key_check() == []


def test_a_development_key_is_accepted_under_debug(settings, monkeypatch):
    settings.DEBUG, settings.QINGLIAN_AUDIT_KEY = True, ""
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    assert audit_key_check() == []


def test_a_short_key_is_refused(settings):
    settings.QINGLIAN_AUDIT_KEY = "short"
    [error] = audit_key_length_check()
    assert error.id == "qinglian.audit.E003" and "过短" in error.msg
