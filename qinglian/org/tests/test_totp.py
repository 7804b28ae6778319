"""TOTP second factor (等保 8.1.4.1 d): mandatory for the required roles, optional for others; a session that
owes the code reaches nothing else. Codes are computed with django-otp's own TOTP."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.audit.models import AuditEvent

PASSWORD = "Qinglian-test-1"
REQUIRED = ["sysadmin", "secadmin", "auditadmin", "party_officer", "personnel_officer"]


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def enforced(settings):
    settings.QINGLIAN_TOTP_REQUIRED_ROLES = REQUIRED
    return settings


def _password(client, username: str):
    return client.post("/login/", {"username": username, "password": PASSWORD})


def _wait_out_throttle(device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)


@pytest.mark.parametrize("name", REQUIRED)
def test_a_required_account_without_a_device_reaches_only_enrolment(client, persona, enforced, name):
    persona(name)
    response = _password(client, name)
    assert response.status_code == 302
    page = client.get("/", follow=True)
    assert page.redirect_chain[-1][0].startswith("/account/second-factor/enrol/")
    assert "设置身份验证器" in page.content.decode()
    assert client.get("/org/accounts/").status_code == 302
    api = client.get("/api/me")
    assert api.status_code == 401
    assert api.json()["code"] == "second_factor_required"


def test_enrolment_shows_the_secret_and_a_qr_code_and_a_code_confirms_it(client, sysadmin, enforced):
    _password(client, "sysadmin")
    page = client.get("/account/second-factor/enrol/")
    text = page.content.decode()
    assert "<svg" in text and "otpauth://totp/" in text
    device = TOTPDevice.objects.get(user=sysadmin, confirmed=False)
    response = client.post("/account/second-factor/enrol/", {"code": code_for(device), "next": "/"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="second_factor_enrolled").exists()


def test_a_wrong_enrolment_code_is_refused_in_chinese(client, sysadmin, enforced):
    _password(client, "sysadmin")
    client.get("/account/second-factor/enrol/")
    response = client.post("/account/second-factor/enrol/", {"code": "12345"}, follow=True)
    assert "6 位数字验证码" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=sysadmin, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_an_account_with_a_device_must_give_its_code(client, party_officer, enforced):
    device = _device(party_officer)
    _password(client, "party_officer")
    assert client.get("/org/people/").url.startswith("/account/second-factor/?next=")
    wrong = client.post("/account/second-factor/", {"code": code_for(device, offset=10)})
    assert "验证码不正确" in wrong.content.decode()
    assert client.get("/org/people/").status_code == 302
    throttled = client.post("/account/second-factor/", {"code": code_for(device)})
    assert "验证码错误次数过多" in throttled.content.decode()
    _wait_out_throttle(device)
    right = client.post("/account/second-factor/", {"code": code_for(device), "next": "/org/people/"})
    assert right.url == "/org/people/"
    assert client.get("/org/people/").status_code == 200


def test_a_wrong_code_is_audited(client, party_officer, enforced):
    device = _device(party_officer)
    _password(client, "party_officer")
    client.post("/account/second-factor/", {"code": code_for(device, offset=10)})
    assert AuditEvent.objects.filter(action="login_failed", detail__event="second_factor_failed").count() == 1


def test_wrong_codes_count_towards_the_lock_and_end_the_session(client, party_officer, enforced):
    enforced.QINGLIAN_LOGIN_MAX_FAILURES = 2
    device = _device(party_officer)
    _password(client, "party_officer")
    for _ in range(2):
        _wait_out_throttle(device)
        response = client.post("/account/second-factor/", {"code": code_for(device, offset=10)})
    assert response.url == "/login/"
    assert "_auth_user_id" not in client.session


def test_an_optional_account_logs_in_with_the_password_alone(client, cadre_same_unit, enforced):
    _password(client, "cadre_same_unit")
    assert client.get("/").status_code == 200


def test_an_optional_account_may_enrol_and_is_then_asked_for_the_code(client, cadre_same_unit, enforced):
    _password(client, "cadre_same_unit")
    client.get("/account/second-factor/enrol/")
    device = TOTPDevice.objects.get(user=cadre_same_unit)
    client.post("/account/second-factor/enrol/", {"code": code_for(device)})
    client.post("/logout/")
    _password(client, "cadre_same_unit")
    assert client.get("/").url.startswith("/account/second-factor/")


def test_the_required_roles_are_a_setting(client, sysadmin, settings):
    settings.QINGLIAN_TOTP_REQUIRED_ROLES = ["party_officer"]
    _password(client, "sysadmin")
    assert client.get("/org/accounts/").status_code == 200


def test_a_force_logged_in_persona_is_not_held_when_the_roles_are_off(client, sysadmin):
    client.force_login(sysadmin)  # the suite's default (conftest): no required roles
    assert client.get("/org/accounts/").status_code == 200


def test_the_code_command_prints_the_current_code(sysadmin, settings, capsys):
    device = _device(sysadmin)
    settings.DEBUG = True
    call_command("totp-code", "sysadmin")
    assert capsys.readouterr().out.strip() == code_for(device)


def test_the_code_command_refuses_in_production_without_force(sysadmin, settings, capsys):
    device = _device(sysadmin)
    settings.DEBUG = False
    with pytest.raises(CommandError, match="仅供演示和测试"):
        call_command("totp-code", "sysadmin")
    call_command("totp-code", "sysadmin", "--force")
    assert capsys.readouterr().out.strip() == code_for(device)


def test_the_reset_command_removes_the_device_and_is_audited(sysadmin):
    _device(sysadmin)
    call_command("totp-reset", "sysadmin")
    assert not TOTPDevice.objects.filter(user=sysadmin).exists()
    assert AuditEvent.objects.filter(action="second_factor_reset").exists()
