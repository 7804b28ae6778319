"""POST /api/proofread (JSON or multipart) and GET /api/proofread/{id}: auth, scoping, errors."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.crypto import get_random_string

from qinglian.docreview.models import DocumentCheck
from qinglian.docreview.tests.conftest import WRONG, client_for, docx_bytes, has_chinese
from qinglian.org.services import api_token_create

pytestmark = pytest.mark.django_db
URL = "/api/proofread"


def _post_json(client: Client, data, **extra):
    return client.post(URL, data=json.dumps(data), content_type="application/json", **extra)


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code and has_chinese(body["message"])
    return body


def test_session_with_csrf_checks_text_and_answers_issues(cadre_same_unit, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cadre_same_unit)
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    response = _post_json(client, {"text": WRONG, "min_severity": "建议"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    body = response.json()
    check = DocumentCheck.objects.get()
    assert body["check_id"] == check.pk and check.user == cadre_same_unit
    issue = next(i for i in body["issues"] if i["rule"] == "PUNC-001")
    assert (issue["start"], issue["end"], issue["suggestion"], issue["category"]) == (8, 9, "，", "标点")
    assert body["counts"]["severity"]["错误"] >= 1 and body["counts"]["category"]["标点"] >= 1


def test_session_without_csrf_is_refused(cadre_same_unit):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cadre_same_unit)
    _assert_error(_post_json(client, {"text": WRONG}), 403, "csrf_failed")
    assert not DocumentCheck.objects.exists()


def test_a_bearer_token_uploads_a_docx(cadre_same_unit):
    _row, token = api_token_create(user=cadre_same_unit, name="OA 对接")
    response = Client().post(
        URL,
        {"file": SimpleUploadedFile("通知.docx", docx_bytes(WRONG)), "min_severity": "错误"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["source"] == "docx" and DocumentCheck.objects.get().stored_path


def test_a_gbk_text_file_is_accepted(cadre_same_unit):
    response = client_for(cadre_same_unit).post(URL, {"file": SimpleUploadedFile("a.txt", WRONG.encode("gbk"))})
    assert response.status_code == 200 and any(i["rule"] == "PUNC-001" for i in response.json()["issues"])


def test_anonymous_is_401():
    _assert_error(_post_json(Client(), {"text": WRONG}), 401, "unauthenticated")


def test_an_administrator_is_403(sysadmin):
    _assert_error(_post_json(client_for(sysadmin), {"text": WRONG}), 403, "forbidden")


@pytest.mark.parametrize(
    ("payload", "code"),
    [({"text": "   "}, "invalid"), ({"text": WRONG, "min_severity": "严重"}, "invalid"), (["x"], "invalid")],
    ids=["empty", "bad-severity", "not-an-object"],
)
def test_bad_json_input_is_400_in_chinese(cadre_same_unit, payload, code):
    _assert_error(_post_json(client_for(cadre_same_unit), payload), 400, code)
    assert not DocumentCheck.objects.exists()


def test_a_renamed_file_is_400(cadre_same_unit):
    upload = SimpleUploadedFile("通知.docx", b"MZ\x90\x00" + b"\x00" * 100)
    body = _assert_error(client_for(cadre_same_unit).post(URL, {"file": upload}), 400, "invalid")
    assert "docx" in body["message"]


def test_an_oversized_upload_is_413(cadre_same_unit, settings):
    settings.QINGLIAN_PROOFREAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("a.txt", (WRONG * 200).encode())
    _assert_error(client_for(cadre_same_unit).post(URL, {"file": upload}), 413, "too_large")
    assert not DocumentCheck.objects.exists()


def test_get_returns_own_checks_only(cadre_same_unit, cadre_other_unit, party_officer):
    check_id = _post_json(client_for(cadre_same_unit), {"text": WRONG}).json()["check_id"]
    assert client_for(cadre_same_unit).get(f"{URL}/{check_id}").json()["check_id"] == check_id
    _assert_error(client_for(cadre_other_unit).get(f"{URL}/{check_id}"), 404, "not_found")
    assert client_for(party_officer).get(f"{URL}/{check_id}").status_code == 200  # the office helps colleagues
