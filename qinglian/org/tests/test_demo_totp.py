"""The demo's required-role logins have authenticators with fixed, printed secrets, and `totp-code` answers
with the code they show: `make demo` stays usable with the second factor on."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.core.demo import DEMO_PASSWORD
from qinglian.core.testing import DemoSpec
from qinglian.org.demo.totp import demo_secret

ORGAN = DemoSpec(seed=2026, today=dt.date(2026, 6, 30))  # the org demo tests' build (test_demo.py)
REQUIRED = ["sysadmin", "secadmin", "auditadmin", "party_officer"]


@pytest.mark.demo_build(ORGAN)
@pytest.mark.parametrize("key", REQUIRED)
def test_a_required_login_has_an_authenticator_with_its_secret_printed(shared_demo, key):
    account = shared_demo.accounts[key]
    device = TOTPDevice.objects.get(user__username=account.username, confirmed=True)
    assert base64.b32encode(device.bin_key).decode() == demo_secret(account.username)
    assert demo_secret(account.username) in account.description


@pytest.mark.demo_build(ORGAN)
def test_other_logins_have_none(shared_demo):
    assert not TOTPDevice.objects.filter(user__username=shared_demo.accounts["cadre"].username).exists()


@pytest.mark.demo_build(ORGAN)
def test_the_demo_officer_logs_in_with_the_printed_secret(shared_demo, settings, capsys):
    settings.QINGLIAN_TOTP_REQUIRED_ROLES = REQUIRED
    settings.DEBUG = True
    username = shared_demo.accounts["party_officer"].username
    client = Client()
    client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
    assert client.get("/").url.startswith("/account/second-factor/")
    secret = base64.b32decode(demo_secret(username))
    call_command("totp-code", username)
    printed = capsys.readouterr().out.strip()
    assert printed == f"{TOTP(secret).token():06d}"
    assert client.post("/account/second-factor/", {"code": printed, "next": "/"}).url == "/"
    assert client.get("/").status_code == 200
