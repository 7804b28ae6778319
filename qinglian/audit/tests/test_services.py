"""audit_record, the append-only model and the hash chain's verification."""

from __future__ import annotations

import datetime as dt
import hmac

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from qinglian.audit.chain import GENESIS_HASH, canonical, event_hash, keyed_hash, row_values
from qinglian.audit.keys import audit_key
from qinglian.audit.models import AuditChainHead, AuditEvent, AuditLogIsAppendOnly
from qinglian.audit.services import audit_denied, audit_record, audit_verify
from qinglian.audit.tests.conftest import TABLE, raw, tamper


def _request(user=None, **meta):
    request = RequestFactory().get("/org/people/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="UA " * 200, **meta)
    if user is not None:
        request.user = user
    return request


def test_it_records_who_what_where_and_links_to_the_previous_row(org, cadre_same_unit):
    first = audit_record(action="export", user=cadre_same_unit, target_repr="干部花名册")
    second = audit_record(action="evidence_downloaded", request=_request(cadre_same_unit), target=org.unit_a)
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert second.actor == cadre_same_unit and second.actor_name == "cadre_same_unit"
    assert second.organ_id == org.organ.pk
    assert (second.target_type, second.target_id, second.target_repr) == ("org.unit", str(org.unit_a.pk), "办公室")
    assert second.ip == "10.1.2.3" and len(second.user_agent) == 255
    assert second.created_at.tzinfo is not None
    assert AuditChainHead.objects.get().last_hash == second.hash


def test_it_takes_the_organ_from_the_target_when_nobody_is_logged_in(org):
    event = audit_record(action="rule_run", target=org.unit_b, detail={"rules": 3})
    assert event.organ_id == org.organ.pk and event.actor is None and event.actor_name == ""


def test_it_trusts_x_forwarded_for_only_behind_our_own_proxy(settings, org):
    request = _request(HTTP_X_FORWARDED_FOR="1.1.1.1, 192.168.5.6")
    assert audit_record(action="login_failed", request=request, success=False).ip == "10.1.2.3"
    settings.QINGLIAN_TRUST_PROXY = True
    # The rightmost entry is the one our proxy appended; the left ones are whatever the client sent.
    assert audit_record(action="login_failed", request=request, success=False).ip == "192.168.5.6"


def test_it_never_keeps_a_password_and_stores_the_detail_as_json(org, cadre_same_unit):
    event = audit_record(
        action="import",
        user=cadre_same_unit,
        detail={"password": "Secret-123", "nested": {"api_token": "abc"}, "day": dt.date(2026, 1, 5), "n": 2},
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert "Secret-123" not in canonical(row_values(event)).decode() and "abc" not in str(event.detail)
    assert event.detail["day"] == "2026-01-05" and event.detail["n"] == 2
    assert audit_verify().ok


def test_it_rejects_an_unknown_action_and_writes_nothing(org):
    with pytest.raises(ValueError):
        audit_record(action="logged_in")
    assert not AuditEvent.objects.exists()


def test_a_failed_write_is_logged_and_raised_never_swallowed(org, monkeypatch, caplog):
    def broken(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEvent, "save", broken)
    with pytest.raises(DatabaseError):
        audit_record(action="export", organ=org.organ)
    assert "审计日志写入失败" in caplog.text


def test_audit_denied_records_a_failed_permission_check(org, sysadmin):
    event = audit_denied(_request(sysadmin), "仅审计管理员可查看审计日志")
    assert (event.action, event.success, event.actor) == ("permission_denied", False, sysadmin)
    assert event.detail == {"method": "GET", "path": "/org/people/", "message": "仅审计管理员可查看审计日志"}


# --- append only in Python -----------------------------------------------------------------------


def test_the_model_refuses_to_save_an_existing_row_or_delete_it(chain):
    event = chain(1)[0]
    event.actor_name = "别人"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    assert AuditEvent.objects.get().actor_name == "cadre_same_unit"


def test_the_queryset_refuses_update_delete_and_bulk_writes(chain):
    chain(2)
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(seq=1).update(actor_name="别人")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_create([AuditEvent(seq=9, action="login", prev_hash="", hash="x")])
    assert AuditEvent.objects.count() == 2


def test_a_row_cannot_be_inserted_around_the_chain(org):
    with pytest.raises(AuditLogIsAppendOnly, match="audit_record"):
        AuditEvent.objects.create(seq=1, action="login", prev_hash=GENESIS_HASH, hash="0" * 64)


# --- verification --------------------------------------------------------------------------------


def test_an_untouched_chain_verifies(chain):
    chain(5)
    result = audit_verify()
    assert result.ok and result.checked == 5 and str(result) == "审计日志校验通过，共 5 条"


def test_an_empty_log_verifies(db):
    assert audit_verify().ok and audit_verify().checked == 0


def test_a_changed_row_is_refused_by_postgres_or_named_by_verify(chain):
    events = chain(5)
    tamper(f"UPDATE {TABLE} SET actor_name = %s WHERE seq = %s", ["别人", events[2].seq])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and result.problem == "hash_mismatch"
    assert result.checked == 2 and "第 3 条" in str(result)


def test_a_row_rehashed_with_the_code_alone_is_named_by_verify(chain):
    """SHA-256 (or anything without the key) no longer passes: the forged row itself is named."""
    events = chain(5)
    forged = AuditEvent.objects.get(seq=3)
    forged.target_repr = "伪造"
    new_hash = event_hash(row_values(forged))
    tamper(f"UPDATE {TABLE} SET target_repr = %s, hash = %s WHERE seq = %s", ["伪造", new_hash, events[2].seq])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and result.problem == "hash_mismatch"


def test_a_row_rehashed_with_the_key_still_breaks_the_link_to_the_next(chain):
    events = chain(5)
    forged = AuditEvent.objects.get(seq=3)
    forged.target_repr = "伪造"
    new_hash = keyed_hash(row_values(forged), audit_key())
    tamper(f"UPDATE {TABLE} SET target_repr = %s, hash = %s WHERE seq = %s", ["伪造", new_hash, events[2].seq])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 4 and result.problem == "prev_hash_mismatch"


def test_rows_are_sealed_with_hmac_sm3_of_the_configured_key(settings, chain):
    settings.QINGLIAN_AUDIT_KEY = "k" * 40
    event = chain(1)[0]
    assert event.hash == hmac.new(b"k" * 40, canonical(row_values(event)), "sm3").hexdigest()
    assert audit_verify().ok
    settings.QINGLIAN_AUDIT_KEY = "x" * 40  # another key: the rows no longer verify
    result = audit_verify()
    assert not result.ok and result.problem == "hash_mismatch" and "密钥" in result.message


def test_a_deleted_middle_row_is_a_gap(chain):
    chain(5)
    tamper(f"DELETE FROM {TABLE} WHERE seq = %s", [3])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 3 and result.problem == "gap"


def test_deleted_last_rows_are_found_against_the_chain_head(chain):
    chain(5)
    tamper(f"DELETE FROM {TABLE} WHERE seq >= %s", [4])
    result = audit_verify()
    assert not result.ok and result.broken_seq == 4 and result.problem == "tail_missing"


def test_on_postgres_a_trigger_refuses_update_and_delete(chain):
    chain(2)
    if connection.vendor != "postgresql":
        # SQLite has no such trigger: the database lets it through, and the chain is what catches it.
        raw(f"UPDATE {TABLE} SET success = %s WHERE seq = %s", [False, 1])
        assert audit_verify().broken_seq == 1
        return
    for sql in (f"UPDATE {TABLE} SET success = false WHERE seq = 1", f"DELETE FROM {TABLE} WHERE seq = 2"):
        with pytest.raises(DatabaseError, match="审计日志只允许追加"), transaction.atomic():
            raw(sql)
    assert AuditEvent.objects.count() == 2 and audit_verify().ok
