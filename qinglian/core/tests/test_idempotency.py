"""API writes retried with the same Idempotency-Key are done once and answered with the first answer (#13 item 8)."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from qinglian.core.models import IdempotentRequest
from qinglian.partylife.models import StudyRecord

pytestmark = pytest.mark.django_db

URL = "/api/partylife/study"
BODY = {"kind": "training", "date": "2025-09-01", "title": "党性教育培训班", "hours": "16"}


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _post(client: Client, body: dict, key: str | None = "7f1c-study-1"):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(URL, data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_retry_with_the_same_key_is_answered_with_the_first_answer_and_writes_nothing(cadre_same_unit):
    client = _client(cadre_same_unit)
    first = _post(client, BODY)
    assert first.status_code == 201, first.content
    again = _post(client, BODY)
    assert (again.status_code, again.content, again["Idempotent-Replayed"]) == (201, first.content, "true")
    assert StudyRecord.objects.count() == 1


def test_without_a_key_each_post_is_a_new_write(cadre_same_unit):
    client = _client(cadre_same_unit)
    assert _post(client, BODY, key=None).status_code == _post(client, BODY, key=None).status_code == 201
    assert StudyRecord.objects.count() == 2 and not IdempotentRequest.objects.exists()


def test_the_same_key_for_another_request_is_refused(cadre_same_unit):
    client = _client(cadre_same_unit)
    assert _post(client, BODY).status_code == 201
    other = _post(client, BODY | {"title": "另一次培训"})
    assert other.status_code == 422 and "已用于另一请求" in other.json()["message"]
    assert StudyRecord.objects.count() == 1


def test_keys_belong_to_their_caller(cadre_same_unit, cadre_other_unit):
    assert _post(_client(cadre_same_unit), BODY).status_code == 201
    assert _post(_client(cadre_other_unit), BODY).status_code == 201  # the same key, another caller
    assert StudyRecord.objects.count() == 2


def test_a_refusal_is_kept_too_but_a_server_error_is_not(cadre_same_unit):
    client = _client(cadre_same_unit)
    bad = BODY | {"hours": "-3"}
    assert _post(client, bad, key="k-bad").status_code == _post(client, bad, key="k-bad").status_code
    with mock.patch("qinglian.partylife.api.study_record_add", side_effect=RuntimeError("boom")):
        assert _post(client, BODY, key="k-crash").status_code == 500
    assert not IdempotentRequest.objects.filter(key="k-crash").exists()
    assert _post(client, BODY, key="k-crash").status_code == 201  # the retry runs


def test_a_malformed_key_is_a_chinese_400(cadre_same_unit):
    response = _post(_client(cadre_same_unit), BODY, key="含中文的键")
    assert response.status_code == 400 and "可见ASCII字符" in response.json()["message"]
    assert not StudyRecord.objects.exists()


def test_a_retry_while_the_first_still_runs_is_told_to_wait(cadre_same_unit):
    client = _client(cadre_same_unit)
    assert _post(client, BODY).status_code == 201
    IdempotentRequest.objects.update(status=None)  # as if the first were still running
    response = _post(client, BODY)
    assert response.status_code == 409 and "正在处理" in response.json()["message"]


def test_an_answer_that_fails_after_the_work_leaves_nothing_written(cadre_same_unit):
    """The response is rendered inside the write's transaction: a failure there (the database gone) rolls the
    write back, so the client's retry cannot make a second record."""
    client = _client(cadre_same_unit)
    with mock.patch("qinglian.core.api.ChineseJSONRenderer.render", side_effect=OperationalError("connection lost")):
        response = _post(client, BODY, key=None)
    assert response.status_code >= 500
    assert not StudyRecord.objects.exists()
