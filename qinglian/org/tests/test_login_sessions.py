"""Idle timeout and concurrent sessions (等保 8.1.4.1 b): the server ends an idle session, the page warns before,
an account has at most N sessions (the oldest is ended), and lists and ends its own."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.staticfiles import finders
from django.test import Client

from qinglian.audit.models import AuditEvent
from qinglian.org.auth.models import AccountSession
from qinglian.org.auth.sessions import SEEN_KEY

PASSWORD = "Qinglian-test-1"


def _logged_in(username: str, agent: str = "浏览器A") -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _age(client: Client, seconds: int) -> None:
    session = client.session
    session[SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_is_ended_by_the_server(client, cadre_same_unit, settings):
    settings.QINGLIAN_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(cadre_same_unit)
    assert client.get("/").status_code == 200
    _age(client, 31 * 60)
    response = client.get("/org/people/", follow=True)
    assert response.redirect_chain[0][0].startswith("/login/?next=")
    assert "长时间未操作，已自动退出登录" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_activity_within_the_timeout_keeps_the_session(client, cadre_same_unit, settings):
    settings.QINGLIAN_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(cadre_same_unit)
    _age(client, 29 * 60)
    assert client.get("/").status_code == 200
    assert client.session[SEEN_KEY] > time.time() - 5


def test_the_status_probe_does_not_count_as_activity(client, cadre_same_unit, settings):
    settings.QINGLIAN_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(cadre_same_unit)
    _age(client, 28 * 60)
    status = client.get("/account/sessions/status/").json()
    assert status["logged_in"] and 0 < status["seconds_left"] <= 120
    assert client.get("/account/sessions/status/").json()["seconds_left"] <= 120


def test_continue_pings_the_server(client, cadre_same_unit, settings):
    settings.QINGLIAN_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(cadre_same_unit)
    _age(client, 28 * 60)
    assert client.post("/account/sessions/ping/").json()["seconds_left"] > 29 * 60


def test_the_status_probe_of_an_idle_session_says_logged_out(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    _age(client, 31 * 60)
    assert client.get("/account/sessions/status/").json() == {"logged_in": False, "seconds_left": 0}


def test_pages_carry_the_warning_script_without_inline_code(client, cadre_same_unit, settings):
    settings.QINGLIAN_IDLE_TIMEOUT_MINUTES = 30
    settings.QINGLIAN_IDLE_WARNING_MINUTES = 3
    client.force_login(cadre_same_unit)
    text = client.get("/").content.decode()
    assert 'src="/static/core/idle.js" data-idle-seconds="1800" data-warn-seconds="180"' in text
    script = Path(finders.find("core/idle.js")).read_text(encoding="utf-8")
    assert "继续使用" in script and "innerHTML" not in script


def test_the_oldest_session_is_ended_past_the_limit(cadre_same_unit, settings):
    settings.QINGLIAN_MAX_SESSIONS = 3
    clients = [_logged_in("cadre_same_unit", f"浏览器{n}") for n in range(4)]
    assert AccountSession.objects.filter(user=cadre_same_unit).count() == 3
    oldest = clients[0].get("/")
    assert oldest.status_code == 302 and oldest.url.startswith("/login/")
    assert all(c.get("/").status_code == 200 for c in clients[1:])
    assert AuditEvent.objects.filter(action="logout", detail__event="session_ended").count() == 1


def test_the_account_lists_its_own_sessions(cadre_same_unit, cadre_other_unit):
    first = _logged_in("cadre_same_unit", "Firefox 测试")
    _logged_in("cadre_same_unit", "Chromium 测试")
    _logged_in("cadre_other_unit", "别人的浏览器")
    text = first.get("/account/sessions/").content.decode()
    assert "Firefox 测试" in text and "Chromium 测试" in text and "当前会话" in text
    assert "别人的浏览器" not in text
    assert "127.0.0.1" in text


def test_log_out_the_other_sessions(cadre_same_unit):
    mine = _logged_in("cadre_same_unit")
    other = _logged_in("cadre_same_unit", "另一台")
    response = mine.post("/account/sessions/end-others/", follow=True)
    assert "已退出其他 1 个会话" in response.content.decode()
    assert other.get("/").status_code == 302
    assert mine.get("/").status_code == 200
    assert AccountSession.objects.filter(user=cadre_same_unit).count() == 1


def test_logout_removes_the_session_from_the_list(cadre_same_unit):
    client = _logged_in("cadre_same_unit")
    client.post("/logout/")
    assert not AccountSession.objects.filter(user=cadre_same_unit).exists()


@pytest.mark.parametrize("path", ["/account/sessions/", "/account/sessions/ping/"])
def test_anonymous_visitors_are_sent_to_login(client, db, path):
    assert client.get(path).status_code in (302, 405)
