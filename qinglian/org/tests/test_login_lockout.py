"""Lockout after failed logins (等保 8.1.4.1 b): per user name, per address, audited, lifted by the security
administrator or the server command."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from qinglian.audit.models import AuditEvent
from qinglian.core.http import client_ip
from qinglian.org.auth.models import LoginThrottle

PASSWORD = "Qinglian-test-1"
LOCKED = "已暂时锁定"


def _login(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username: str, times: int, address: str = "10.0.0.1") -> None:
    for _ in range(times):
        _login(client, username, "wrong-password", address)


@pytest.fixture
def limits(settings):
    settings.QINGLIAN_LOGIN_MAX_FAILURES = 5
    settings.QINGLIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    settings.QINGLIAN_LOGIN_LOCK_MINUTES = 30
    return settings


def test_it_refuses_the_right_password_after_five_failures(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 5)
    response = _login(client, "cadre_same_unit", PASSWORD)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "30 分钟" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_four_failures_do_not_lock(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 4)
    response = _login(client, "cadre_same_unit", PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(cadre_same_unit.pk)


def test_a_wrong_password_says_so_in_chinese(client, cadre_same_unit, limits):
    response = _login(client, "cadre_same_unit", "wrong-password")
    assert "用户名或密码不正确" in response.content.decode()


def test_the_lock_says_the_same_for_a_name_that_does_not_exist(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 5)
    _fail(client, "no-such-user", 5, address="10.0.0.2")
    real = _login(client, "cadre_same_unit", PASSWORD).context["form"].non_field_errors()
    unknown = _login(client, "no-such-user", PASSWORD, address="10.0.0.2").context["form"].non_field_errors()
    assert list(real) == list(unknown)
    assert LOCKED in real[0]


def test_failures_outside_the_window_start_the_count_again(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 4)
    LoginThrottle.objects.filter(key="cadre_same_unit").update(
        window_started_at=timezone.now() - dt.timedelta(minutes=16)
    )
    _fail(client, "cadre_same_unit", 1)
    assert _login(client, "cadre_same_unit", PASSWORD).status_code == 302


def test_the_lock_runs_out(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 5)
    LoginThrottle.objects.filter(key="cadre_same_unit").update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _login(client, "cadre_same_unit", PASSWORD).status_code == 302


def test_it_locks_an_address_that_tries_many_names(client, cadre_same_unit, limits):
    limits.QINGLIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        _login(client, f"guess{n}", "wrong-password", address="10.9.9.9")
    response = _login(client, "cadre_same_unit", PASSWORD, address="10.9.9.9")
    assert "地址登录失败次数过多" in response.content.decode()
    assert _login(client, "cadre_same_unit", PASSWORD, address="10.0.0.3").status_code == 302


def test_it_audits_every_failure_and_the_lock(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 5)
    _login(client, "cadre_same_unit", PASSWORD)  # refused while locked: a failure too
    failures = AuditEvent.objects.filter(action="login_failed", target_repr="cadre_same_unit")
    locks = list(AuditEvent.objects.filter(action="login_locked", target_repr="cadre_same_unit"))
    assert failures.count() == 5 + 1
    assert len(locks) == 1 and locks[0].success is False
    assert locks[0].detail["scope"] == "account"
    assert locks[0].target_id == str(cadre_same_unit.pk)


def test_the_security_administrator_unlocks_a_name(client, cadre_same_unit, secadmin, limits):
    _fail(client, "cadre_same_unit", 5)
    admin = type(client)()
    admin.force_login(secadmin)
    page = admin.get("/account/locks/")
    assert "cadre_same_unit" in page.content.decode()
    response = admin.post("/account/locks/", {"kind": "account", "key": "cadre_same_unit"}, follow=True)
    assert "已解除" in response.content.decode()
    assert _login(client, "cadre_same_unit", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action="login_unlocked")
    assert event.actor_id == secadmin.pk


@pytest.mark.parametrize("name", ["sysadmin", "auditadmin", "party_officer", "cadre_same_unit"])
def test_only_the_security_administrator_sees_the_locks(client, persona, name):
    client.force_login(persona(name))
    assert client.get("/account/locks/").status_code == 403
    assert client.post("/account/locks/", {"kind": "account", "key": "x"}).status_code == 403


def test_unlocking_a_name_that_is_not_locked_says_so(client, secadmin):
    client.force_login(secadmin)
    response = client.post("/account/locks/", {"kind": "account", "key": "nobody"}, follow=True)
    assert "当前未被锁定" in response.content.decode()


def test_the_unlock_command_lifts_a_lock(client, cadre_same_unit, limits):
    _fail(client, "cadre_same_unit", 5)
    call_command("unlock", "cadre_same_unit")
    assert _login(client, "cadre_same_unit", PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(detail__event="login_unlocked", detail__via__startswith="命令行").exists()


def test_the_unlock_command_refuses_a_name_not_locked(db):
    with pytest.raises(CommandError, match="当前未被锁定"):
        call_command("unlock", "nobody")


@pytest.mark.parametrize(
    ("trust", "meta", "expected"),
    [
        (False, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 10.1.1.1"}, "10.0.0.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 10.1.1.1"}, "10.1.1.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
        (False, {"REMOTE_ADDR": "not-an-address"}, ""),
    ],
)
def test_the_address_is_our_proxys_last_entry_or_the_peer(settings, trust, meta, expected):
    """One reading (core.http.client_ip) for the lockout, the session register and the audit log."""
    settings.QINGLIAN_TRUST_PROXY = trust
    assert client_ip(RequestFactory().get("/", **meta)) == expected
