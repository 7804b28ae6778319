"""The database going away: a Chinese 503 page, a 503 JSON body with Retry-After on the API, one log line per
interval instead of a traceback per request, and the site back as soon as the database is."""

from __future__ import annotations

import contextlib
import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from qinglian.core import middleware
from qinglian.core.middleware import ErrorPagesMiddleware


@pytest.fixture(autouse=True)
def fresh_outage_log(monkeypatch):
    monkeypatch.setattr(middleware, "_outage_log", middleware._OutageLog())


@contextlib.contextmanager
def database_down():
    """Every query fails as it does when PostgreSQL is stopped."""
    real = BaseDatabaseWrapper.cursor

    def refuse(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    BaseDatabaseWrapper.cursor = refuse
    try:
        yield
    finally:
        BaseDatabaseWrapper.cursor = real


def _records(caplog):
    return [r for r in caplog.records if r.name in ("qinglian.db", "django.request", "qinglian.api")]


def test_a_page_answers_a_chinese_503_and_recovers(client, cadre_same_unit, caplog):
    client.force_login(cadre_same_unit)
    client.raise_request_exception = False
    with database_down(), caplog.at_level(logging.INFO):
        response = client.get(reverse("workbench"))
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "系统暂时无法使用" in html and "数据库暂时无法连接" in html and "Server Error" not in html
    assert client.get(reverse("workbench")).status_code == 200  # the database is back


def test_a_view_losing_the_database_gets_the_503_page():
    def view(request):
        raise AssertionError("not called")

    request = RequestFactory().get("/duty/")
    response = ErrorPagesMiddleware(view).process_exception(request, OperationalError("server closed the connection"))
    assert response.status_code == 503 and "数据库暂时无法连接" in response.content.decode()


def test_the_api_answers_503_with_the_chinese_error_body_and_retry_after(client, caplog):
    with database_down(), caplog.at_level(logging.INFO):
        response = client.get("/api/org/units", HTTP_AUTHORIZATION="Bearer ql_whatever")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json() == {"code": "service_unavailable", "message": middleware.UNAVAILABLE_MESSAGE, "detail": None}


def test_the_log_says_it_once_per_interval_without_a_traceback(client, cadre_same_unit, caplog, monkeypatch):
    client.force_login(cadre_same_unit)
    client.raise_request_exception = False
    clock = [1000.0]
    monkeypatch.setattr(middleware, "_monotonic", lambda: clock[0])
    with database_down(), caplog.at_level(logging.INFO):
        for _ in range(3):
            client.get(reverse("workbench"))
            client.get("/api/org/units", HTTP_AUTHORIZATION="Bearer ql_whatever")
        [record] = _records(caplog)
        assert record.name == "qinglian.db" and record.exc_info is None and "Connection refused" in record.getMessage()
        clock[0] += 61
        client.get(reverse("workbench"))
    records = _records(caplog)
    assert len(records) == 2 and "另有 5 次" in records[1].getMessage()


def test_any_other_server_error_is_a_chinese_500_page(rf):
    try:
        raise ValueError("boom")
    except ValueError:
        response = middleware.server_error(rf.get("/"))
    assert response.status_code == 500 and "服务器内部错误" in response.content.decode()
    assert isinstance(response, HttpResponse)
