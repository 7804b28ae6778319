"""Headers and deployment defaults (issue #13 item 7): the Content-Security-Policy on pages, HSTS and Secure
cookies by default when QINGLIAN_DEBUG is off, and the viewer's watermark only on pages that show personal or
confidential data."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse

from qinglian.core.csp import POLICY, policy_header
from qinglian.core.testing import TEST_PASSWORD
from qinglian.core.watermark import DEFAULT_OPACITY, watermark_html, watermark_opacity, watermark_text

SETTINGS_FILE = Path(__file__).resolve().parents[3] / "config" / "settings.py"


def _settings_with(monkeypatch, tmp_path, **env: str):
    """config/settings.py evaluated afresh under the given environment (the real one is imported once)."""
    for name in ("QINGLIAN_DEBUG", "QINGLIAN_SECURE_COOKIES", "QINGLIAN_HSTS_SECONDS", "QINGLIAN_TRUST_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QINGLIAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QINGLIAN_SECRET_KEY", "x" * 50)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("headers_settings_probe", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the policy -------------------------------------------------------------------------------------------


def test_the_policy_allows_scripts_only_from_our_own_files():
    assert POLICY["script-src"] == "'self'"
    header = policy_header()
    assert "unsafe-eval" not in header
    assert "'unsafe-inline'" not in header.split("script-src", 1)[1].split(";", 1)[0]
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in header


def test_pages_carry_the_policy_even_for_anonymous_visitors_and_errors(client, db):
    assert "script-src 'self';" in client.get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/no-such-page/")["Content-Security-Policy"]


def test_json_answers_carry_no_policy(client, party_officer):
    client.force_login(party_officer)
    response = client.get("/api/openapi.json")
    assert response["Content-Type"].startswith("application/json")
    assert "Content-Security-Policy" not in response


def test_the_policy_can_be_turned_off(client, db, settings):
    settings.QINGLIAN_CSP = False
    assert "Content-Security-Policy" not in client.get(reverse("login"))


# --- HSTS, cookies, referrer ------------------------------------------------------------------------------


def test_production_defaults_are_secure_cookies_and_a_year_of_hsts(monkeypatch, tmp_path):
    production = _settings_with(monkeypatch, tmp_path)
    assert production.SESSION_COOKIE_SECURE is True and production.CSRF_COOKIE_SECURE is True
    assert production.SECURE_HSTS_SECONDS == 31536000
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    assert production.SECURE_REFERRER_POLICY == "same-origin"
    assert not hasattr(production, "SECURE_PROXY_SSL_HEADER")


def test_debug_keeps_plain_http_working_for_make_demo(monkeypatch, tmp_path):
    demo = _settings_with(monkeypatch, tmp_path, QINGLIAN_DEBUG="1")
    assert demo.SESSION_COOKIE_SECURE is False and demo.CSRF_COOKIE_SECURE is False
    assert demo.SECURE_HSTS_SECONDS == 0


def test_a_plain_http_intranet_turns_both_off(monkeypatch, tmp_path):
    intranet = _settings_with(monkeypatch, tmp_path, QINGLIAN_SECURE_COOKIES="0", QINGLIAN_HSTS_SECONDS="0")
    assert intranet.SESSION_COOKIE_SECURE is False and intranet.SECURE_HSTS_SECONDS == 0


def test_behind_our_proxy_https_is_read_from_x_forwarded_proto(monkeypatch, tmp_path):
    proxied = _settings_with(monkeypatch, tmp_path, QINGLIAN_TRUST_PROXY="1")
    assert proxied.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_an_https_answer_carries_hsts_and_the_login_sets_secure_cookies(client, party_officer, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    page = client.get(reverse("login"), secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000"
    assert page["Referrer-Policy"] == "same-origin"
    assert client.cookies["csrftoken"]["secure"] is True
    response = client.post(reverse("login"), {"username": "party_officer", "password": TEST_PASSWORD}, secure=True)
    assert response.status_code == 302
    assert client.cookies["sessionid"]["secure"] is True
    assert client.cookies["sessionid"]["samesite"] == "Lax"


# --- the watermark ----------------------------------------------------------------------------------------


def test_the_watermark_names_the_viewer_and_the_minute():
    at = dt.datetime(2026, 12, 7, 14, 5)
    assert watermark_text(viewer="李明", username="liming", at=at) == "李明（liming） 2026-12-07 14:05"
    assert watermark_text(viewer="liming", username="liming", at=at) == "liming 2026-12-07 14:05"


def test_the_watermark_escapes_the_name():
    html = watermark_html(text='<script>alert("x")</script>', opacity=0.1)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(("raw", "expected"), [("0.15", 0.15), ("abc", DEFAULT_OPACITY), ("0.9", DEFAULT_OPACITY)])
def test_the_opacity_comes_from_the_setting_within_reason(settings, raw, expected):
    settings.QINGLIAN_WATERMARK_OPACITY = raw
    assert watermark_opacity() == expected


@pytest.fixture
def named_officer(party_officer):
    party_officer.display_name = "李明"
    party_officer.save(update_fields=["display_name"])
    return party_officer


@pytest.mark.parametrize("url_name", ["person_list", "talk_list"])
def test_personal_and_confidential_pages_carry_the_viewers_watermark(client, named_officer, url_name):
    client.force_login(named_officer)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert 'data-testid="watermark"' in response.content.decode()
    assert "李明（party_officer）" in response.content.decode()


def test_a_persons_page_carries_it(client, named_officer):
    client.force_login(named_officer)
    body = client.get(reverse("person_detail", args=[named_officer.person_id])).content.decode()
    assert 'data-watermark-text="李明（party_officer）' in body


def test_a_heart_talk_and_the_coverage_grid_carry_it(client, named_officer, org):
    from qinglian.org.tests.factories import BranchFactory, PersonFactory
    from qinglian.partylife.tests.factories import HeartTalkFactory

    branch = BranchFactory(organ=org.organ)
    talk = HeartTalkFactory(initiator=named_officer.person, counterpart=PersonFactory(organ=org.organ, branch=branch))
    client.force_login(named_officer)
    for url in (reverse("talk_detail", args=[talk.pk]), reverse("talk_coverage") + f"?branch={branch.pk}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-watermark-text="李明（party_officer）' in response.content.decode()


def test_the_audit_log_carries_the_audit_administrators_name(client, auditadmin):
    client.force_login(auditadmin)
    body = client.get(reverse("audit_log")).content.decode()
    assert 'data-watermark-text="auditadmin ' in body


@pytest.mark.parametrize("url_name", ["workbench", "unit_list"])
def test_other_pages_carry_none(client, named_officer, url_name):
    client.force_login(named_officer)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert 'data-testid="watermark"' not in response.content.decode()


def test_the_watermark_can_be_turned_off(client, named_officer, settings):
    settings.QINGLIAN_WATERMARK = False
    client.force_login(named_officer)
    assert 'data-testid="watermark"' not in client.get(reverse("person_list")).content.decode()


def test_the_opacity_reaches_the_page(client, named_officer, settings):
    settings.QINGLIAN_WATERMARK_OPACITY = "0.2"
    client.force_login(named_officer)
    assert 'fill-opacity="0.200"' in client.get(reverse("person_list")).content.decode()
