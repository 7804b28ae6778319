"""Logins, failed logins and logouts each write exactly one row."""

from __future__ import annotations

from django.urls import reverse

from qinglian.audit.chain import canonical, row_values
from qinglian.audit.models import AuditEvent
from qinglian.audit.services import audit_verify

PASSWORD = "Qinglian-test-1"  # qinglian.org.tests.factories.UserFactory


def _new_rows(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=since).order_by("seq"))


def _last_seq() -> int:
    last = AuditEvent.objects.order_by("-seq").first()
    return last.seq if last else 0


def test_a_login_writes_one_row_with_the_actor_and_ip(client, org, cadre_same_unit):
    response = client.post(reverse("login"), {"username": "cadre_same_unit", "password": PASSWORD})
    assert response.status_code == 302
    [row] = _new_rows(0)
    assert (row.action, row.success, row.actor, row.ip) == ("login", True, cadre_same_unit, "127.0.0.1")
    assert row.organ_id == org.organ.pk


def test_a_failed_login_keeps_the_user_name_and_never_the_password(client, org, cadre_same_unit):
    response = client.post(reverse("login"), {"username": "cadre_same_unit", "password": "wrong-Pass-9"})
    assert response.status_code == 200
    [row] = _new_rows(0)
    assert (row.action, row.success, row.actor, row.ip) == ("login_failed", False, None, "127.0.0.1")
    assert row.detail == {"username": "cadre_same_unit", "account_exists": True}
    assert (row.target_type, row.target_id) == ("org.user", str(cadre_same_unit.pk))
    assert row.organ_id == org.organ.pk  # so the organ's audit administrator sees attacks on its accounts
    assert "wrong-Pass-9" not in canonical(row_values(row)).decode()


def test_a_failed_login_with_an_unknown_name_is_a_platform_event(client, db):
    client.post(reverse("login"), {"username": "nobody", "password": "x"})
    [row] = _new_rows(0)
    assert row.organ_id is None and row.detail == {"username": "nobody", "account_exists": False}


def test_a_logout_writes_one_row(client, org, cadre_same_unit):
    client.force_login(cadre_same_unit)
    before = _last_seq()
    client.post(reverse("logout"))
    [row] = _new_rows(before)
    assert (row.action, row.actor, row.ip) == ("logout", cadre_same_unit, "127.0.0.1")


def test_login_failure_logout_sequence_verifies(client, org, cadre_same_unit):
    client.post(reverse("login"), {"username": "cadre_same_unit", "password": "bad"})
    client.post(reverse("login"), {"username": "cadre_same_unit", "password": PASSWORD})
    client.post(reverse("logout"))
    assert [r.action for r in _new_rows(0)] == ["login_failed", "login", "logout"]
    assert audit_verify().ok and audit_verify().checked == 3
