"""Bad input gets a clear Chinese 4xx and changes nothing, never a 500 (core/hygiene.py, core/api.py): numbers
past what the database holds, bodies past the limit, multipart without a boundary, NULs and other control
characters, implausible dates; and nothing the application answers is kept by a browser or proxy."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from qinglian.core.hygiene import in_range, strip_controls
from qinglian.org.models import Person, Unit

pytestmark = pytest.mark.django_db

HUGE = "9" * 25  # past 2**63: SQLite raised OverflowError on it


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    assert _chinese(body["message"]), body
    return body


def _page_error(response, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    html = response.content.decode()
    assert _chinese(html)
    return html


def _person_json(org, **extra) -> str:
    body = {"name": "张三", "gender": "male", "unit_id": org.unit_a.pk, "party_status": "masses", **extra}
    return json.dumps(body)


# --- numbers ---------------------------------------------------------------------------------------------


def test_an_id_or_year_in_a_path_past_the_range_is_404(party_officer):
    client = _as(party_officer)
    for url in (f"/org/people/{HUGE}/", "/org/people/2147483648/", "/partylife/dlm/99999/"):
        _page_error(client.get(url), 404)
    _api_error(client.get(f"/api/org/people/{HUGE}"), 404, "not_found")
    _api_error(client.get("/api/org/people/2147483648"), 404, "not_found")


def test_a_huge_page_or_filter_id_is_never_a_server_error(party_officer):
    client = _as(party_officer)
    _api_error(client.get("/api/org/people", {"page": HUGE}), 422, "invalid")
    assert client.get("/api/org/people", {"unit_id": HUGE}).status_code in (200, 422)
    assert client.get(reverse("person_list"), {"page": HUGE, "unit": HUGE}).status_code == 200


def test_a_form_choosing_a_row_by_a_huge_id_is_refused_not_a_server_error(party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    client = _as(party_officer)
    url = reverse("person_edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(unit=HUGE, post="改过的职务")
    assert client.post(url, data).status_code in (200, 400)  # a form error (PostgreSQL) or the refusal (SQLite)
    assert Person.objects.get(pk=person.pk).post != "改过的职务"


def test_in_range_knows_ids_years_and_text():
    assert in_range("pk", 2**31 - 1) and not in_range("pk", 2**31) and not in_range("pk", -1)
    assert in_range("person_id", "42") and not in_range("person_id", HUGE)
    assert in_range("year", 2026) and not in_range("year", 99999)
    assert in_range("code", "PL-001") and in_range("flag", True) and not in_range("code", "PL\x00")


# --- bodies -----------------------------------------------------------------------------------------------


def test_a_25_mb_json_body_is_413_with_the_error_body(org, party_officer):
    response = _as(party_officer).post(
        "/api/org/people", data="x" * (25 * 1024 * 1024), content_type="application/json"
    )
    _api_error(response, 413, "too_large")


def test_a_form_past_the_limit_is_a_chinese_413_page(org, party_officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _as(party_officer).post(reverse("unit_create"), {"name": "办" * 1000, "kind": "internal"})
    _page_error(response, 413)
    assert not Unit.objects.filter(name__startswith="办办").exists()


def test_an_upload_past_the_request_limit_is_413(org, party_officer, settings):
    settings.QINGLIAN_REQUEST_MAX_BYTES = 1000
    body = b'--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\n' + b"a" * 2000 + b"\r\n--b--\r\n"
    response = _as(party_officer).generic("POST", reverse("unit_create"), body, "multipart/form-data; boundary=b")
    _page_error(response, 413)


def test_multipart_without_a_boundary_is_400_in_chinese(org, party_officer):
    client = _as(party_officer)
    _api_error(client.post("/api/org/people", data="--x\r\n", content_type="multipart/form-data"), 400, "bad_request")
    _page_error(client.post(reverse("unit_create"), data="--x\r\n", content_type="multipart/form-data"), 400)


# --- control characters -------------------------------------------------------------------------------------


def test_a_nul_in_a_json_string_is_422_and_nothing_is_saved(org, party_officer):
    response = _as(party_officer).post("/api/org/people", _person_json(org, name="张\u0000三"), "application/json")
    _api_error(response, 422, "invalid")
    assert not Person.objects.filter(name__startswith="张").exists()


def test_a_nul_in_a_form_field_is_a_400_page_and_nothing_is_saved(org, party_officer):
    response = _as(party_officer).post(reverse("unit_create"), {"name": "新\x00委室", "kind": "internal", "order": 5})
    _page_error(response, 400)
    assert not Unit.objects.filter(name__contains="委室", order=5).exists()


def test_a_nul_in_the_query_is_refused(party_officer):
    client = _as(party_officer)
    _page_error(client.get(reverse("person_list"), {"q": "张\x00"}), 400)
    _api_error(client.get("/api/org/people", {"q": "张\x00"}), 422, "invalid")


def test_other_control_characters_are_dropped_from_json_and_forms(org, party_officer):
    client = _as(party_officer)
    response = client.post("/api/org/people", _person_json(org, name="李\u0007四\u001b"), "application/json")
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "李四"
    response = client.post(reverse("unit_create"), {"name": "信\x08访\x0c室", "kind": "internal", "order": 7})
    assert response.status_code == 302, response.content[:500]
    assert Unit.objects.filter(name="信访室", order=7).exists()


def test_strip_controls_keeps_tab_and_line_breaks():
    assert strip_controls("一\t二\r\n三\x00\x01\x1f\x7f") == "一\t二\r\n三\x7f"


# --- dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0202-05-01", "1899-12-31", "2101-01-01", "9999-12-31T00:00:00"])
def test_an_implausible_date_is_refused_by_the_api(org, party_officer, day):
    response = _as(party_officer).post("/api/org/people", _person_json(org, birth_date=day), "application/json")
    body = _api_error(response, 422, "invalid")
    assert "1900" in body["message"] and "2100" in body["message"]
    assert not Person.objects.filter(name="张三").exists()


def test_an_implausible_date_is_refused_by_a_form(party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    client = _as(party_officer)
    url = reverse("person_edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(post="改过的职务", birth_date="1899年12月31日")
    _page_error(client.post(url, data), 400)
    assert Person.objects.get(pk=person.pk).post != "改过的职务"


def test_plausible_dates_pass(org, party_officer):
    response = _as(party_officer).post(
        "/api/org/people", _person_json(org, birth_date="1900-01-01"), "application/json"
    )
    assert response.status_code == 201, response.content


# --- what the answer carries --------------------------------------------------------------------------------


def test_pages_api_answers_and_exports_are_not_stored(org, party_officer):
    client = _as(party_officer)
    for url in (reverse("person_list"), reverse("person_list") + "?format=xlsx", "/api/org/people", "/login/"):
        cache_control = client.get(url).headers.get("Cache-Control", "")
        assert "no-store" in cache_control, url
