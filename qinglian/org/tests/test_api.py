"""The JSON API at /api/: scoping per persona, error bodies, auth (session + CSRF, bearer tokens), writes."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.crypto import get_random_string

from conftest import PERSONAS
from qinglian.org.choices import PersonnelEventKind
from qinglian.org.models import ApiToken, Person, PersonnelEvent
from qinglian.org.services import api_token_create
from qinglian.org.tests.factories import BranchFactory, OrganFactory, PersonFactory, UnitFactory
from qinglian.org.validators import with_check_digit

BUSINESS = {"party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor"}
GOOD_ID = with_check_digit("33010619900307123")


@pytest.fixture
def everyone(request, org) -> dict[str, Any]:
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _json(client: Client, method: str, url: str, data: Any = None, **extra: Any):
    body = json.dumps(data) if data is not None else None
    return getattr(client, method)(url, data=body, content_type="application/json", **extra)


def _assert_error(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "detail"}
    assert body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]  # a Chinese message
    return body


def _new_person(org, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": "新同志",
        "gender": "female",
        "id_number": GOOD_ID,
        "unit_id": org.unit_b.pk,
        "post": "科员",
        "rank": "staff_1",
        "party_status": "masses",
    }
    return {**data, **overrides}


# --- scoping ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_people_list_matches_visible_to_for_every_persona(everyone, persona_name):
    user = everyone[persona_name]
    PersonFactory(organ=everyone["party_officer"].organ, unit=everyone["party_officer"].person.unit)
    response = _as(user).get("/api/org/people", {"page_size": 200})
    assert response.status_code == 200
    body = response.json()
    expected = set(Person.objects.visible_to(user).filter(is_active=True).values_list("pk", flat=True))
    assert body["count"] == len(expected)
    assert {item["id"] for item in body["items"]} == expected
    if persona_name in BUSINESS:
        assert body["count"] > 0
    else:
        assert body == {"items": [], "count": 0, "page": 1, "page_size": 200}


def test_cadre_of_another_unit_sees_only_their_own_unit(everyone, org):
    body = _as(everyone["cadre_other_unit"]).get("/api/org/people").json()
    assert {item["unit"]["id"] for item in body["items"]} == {org.unit_b.pk}
    assert "cadre_same_unit" not in {item["name"] for item in body["items"]}


def test_organ_wide_roles_see_every_unit(everyone, org):
    body = _as(everyone["supervisor"]).get("/api/org/people", {"page_size": 200}).json()
    assert {item["unit"]["id"] for item in body["items"]} == {org.unit_a.pk, org.unit_b.pk, org.stationed.pk}


def test_another_organ_stays_invisible(party_officer):
    stranger = PersonFactory(unit=UnitFactory(organ=OrganFactory(code="elsewhere")))
    client = _as(party_officer)
    assert stranger.pk not in {p["id"] for p in client.get("/api/org/people").json()["items"]}
    _assert_error(client.get(f"/api/org/people/{stranger.pk}"), 404, "not_found")
    _assert_error(client.get(f"/api/org/units/{stranger.unit_id}"), 404, "not_found")


def test_invisible_person_is_404_with_error_body(cadre_other_unit, cadre_same_unit):
    response = _as(cadre_other_unit).get(f"/api/org/people/{cadre_same_unit.person.pk}")
    body = _assert_error(response, 404, "not_found")
    assert body["message"] == "人员不存在或无权查看"


def test_unknown_ids_are_404_not_500(party_officer):
    client = _as(party_officer)
    for url in (
        "/api/org/people/999999",
        "/api/org/units/999999",
        "/api/org/branches/999999",
        "/api/org/people/999999/events",
    ):
        _assert_error(client.get(url), 404, "not_found")


def test_filters_go_through_the_selector(party_officer, cadre_other_unit, org):
    client = _as(party_officer)
    by_unit = client.get("/api/org/people", {"unit_id": org.unit_b.pk}).json()
    assert [p["name"] for p in by_unit["items"]] == ["cadre_other_unit"]
    by_name = client.get("/api/org/people", {"q": "cadre_other"}).json()
    assert by_name["count"] == 1
    _assert_error(client.get("/api/org/people", {"rank": "no-such-rank"}), 422, "invalid")


# --- anonymous, pagination, docs --------------------------------------------------------------


def test_anonymous_gets_401_with_error_body(org):
    body = _assert_error(Client().get("/api/org/people"), 401, "unauthenticated")
    assert body["message"] == "请先登录或提供有效的令牌"
    _assert_error(Client().get("/api/me"), 401, "unauthenticated")


def test_pagination_fields_and_limits(party_officer, org):
    for _ in range(5):
        PersonFactory(organ=org.organ, unit=org.unit_b)
    client = _as(party_officer)
    first = client.get("/api/org/people", {"page": 1, "page_size": 2}).json()
    assert set(first) == {"items", "count", "page", "page_size"}
    assert (len(first["items"]), first["count"], first["page"], first["page_size"]) == (2, 6, 1, 2)
    last = client.get("/api/org/people", {"page": 3, "page_size": 2}).json()
    assert len(last["items"]) == 2
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in last["items"]}
    assert client.get("/api/org/people", {"page": 9, "page_size": 2}).json()["items"] == []
    body = _assert_error(client.get("/api/org/people", {"page_size": 201}), 422, "invalid")
    assert body["message"] == "请求参数有误"
    assert body["detail"][0]["loc"][-1] == "page_size"
    _assert_error(client.get("/api/org/people", {"page": 0}), 422, "invalid")


def test_docs_and_openapi_render(org, cadre_same_unit):
    client = _as(cadre_same_unit)  # for signed-in accounts only (core/tests/test_openapi.py)
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui" in docs.content.decode()  # served by the app, no CDN
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["info"]["title"] == "清廉 API"
    assert "/api/org/people/{person_id}" in spec["paths"]
    assert set(spec["components"]["securitySchemes"]) == {"TokenAuth", "SessionCsrfAuth"}


def test_me_describes_the_account(unit_head, org):
    body = _as(unit_head).get("/api/me").json()
    assert body["username"] == "unit_head"
    assert body["organ"]["code"] == "test-organ"
    assert body["person"]["unit_id"] == org.unit_a.pk
    codes = {role["code"]: role for role in body["roles"]}
    assert set(codes) == {"unit_head", "cadre"}
    assert codes["unit_head"]["label"] == "委室负责人"
    assert codes["unit_head"]["unit_name"] == "办公室"


# --- personal data ----------------------------------------------------------------------------


def test_id_number_masked_for_unit_head_and_shown_to_party_officer(party_officer, unit_head, cadre_same_unit):
    person = cadre_same_unit.person
    as_head = _as(unit_head).get(f"/api/org/people/{person.pk}").json()
    assert as_head["id_number"] == person.masked_id_number != person.id_number
    assert as_head["id_number_masked"] is True
    as_officer = _as(party_officer).get(f"/api/org/people/{person.pk}").json()
    assert as_officer["id_number"] == person.id_number
    assert as_officer["id_number_masked"] is False
    assert _as(cadre_same_unit).get(f"/api/org/people/{person.pk}").json()["id_number"] == person.id_number


# --- writes -----------------------------------------------------------------------------------


def test_party_officer_creates_a_person(party_officer, org):
    response = _json(_as(party_officer), "post", "/api/org/people", _new_person(org))
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert (person.name, person.unit_id, person.organ_id, person.id_number) == (
        "新同志",
        org.unit_b.pk,
        org.organ.pk,
        GOOD_ID,
    )
    assert person.history.first().history_user == party_officer


def test_bad_id_number_is_400_in_chinese_and_writes_nothing(party_officer, org):
    before = Person.all_objects.count()
    response = _json(_as(party_officer), "post", "/api/org/people", _new_person(org, id_number="330106199003071234"))
    body = _assert_error(response, 400, "invalid")
    assert "身份证号" in body["message"]
    assert "id_number" in body["detail"]
    assert Person.all_objects.count() == before


def test_malformed_body_is_422_and_writes_nothing(party_officer, org):
    before = Person.all_objects.count()
    client = _as(party_officer)
    _assert_error(_json(client, "post", "/api/org/people", _new_person(org, gender="robot")), 422, "invalid")
    _assert_error(_json(client, "post", "/api/org/people", {"name": "缺字段"}), 422, "invalid")
    assert Person.all_objects.count() == before


def test_reference_outside_the_organ_is_400(party_officer, org):
    foreign_unit = UnitFactory(organ=OrganFactory(code="elsewhere"))
    response = _json(_as(party_officer), "post", "/api/org/people", _new_person(org, unit_id=foreign_unit.pk))
    body = _assert_error(response, 400, "invalid")
    assert "unit_id" in body["detail"]


@pytest.mark.parametrize("persona_name", sorted(set(PERSONAS) - {"party_officer"}))
def test_only_party_officer_may_create(everyone, org, persona_name):
    response = _json(_as(everyone[persona_name]), "post", "/api/org/people", _new_person(org))
    _assert_error(response, 403, "forbidden")
    assert not Person.all_objects.filter(name="新同志").exists()


def test_unit_head_patch_is_403_with_error_body(unit_head, cadre_same_unit):
    person = cadre_same_unit.person
    response = _json(_as(unit_head), "patch", f"/api/org/people/{person.pk}", {"post": "处长"})
    _assert_error(response, 403, "forbidden")
    person.refresh_from_db()
    assert person.post != "处长"


def test_party_officer_patches_only_given_fields(party_officer, cadre_same_unit, org):
    person = cadre_same_unit.person
    branch = BranchFactory(organ=org.organ)
    client = _as(party_officer)
    response = _json(client, "patch", f"/api/org/people/{person.pk}", {"post": " 副处长 ", "branch_id": branch.pk})
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert (person.post, person.branch_id, person.name) == ("副处长", branch.pk, "cadre_same_unit")
    _assert_error(_json(client, "patch", f"/api/org/people/{person.pk}", {"name": None}), 422, "invalid")
    _assert_error(_json(client, "patch", f"/api/org/people/{person.pk}", {"id_number": "123"}), 400, "invalid")
    person.refresh_from_db()
    assert person.name == "cadre_same_unit"


def test_delete_is_a_soft_delete(party_officer, cadre_other_unit):
    person = cadre_other_unit.person
    client = _as(party_officer)
    response = client.delete(f"/api/org/people/{person.pk}")
    assert response.status_code == 204
    row = Person.all_objects.get(pk=person.pk)
    assert row.deleted_at is not None
    assert row.deleted_by == party_officer
    assert person.pk not in {p["id"] for p in client.get("/api/org/people", {"page_size": 200}).json()["items"]}
    _assert_error(client.get(f"/api/org/people/{person.pk}"), 404, "not_found")


def test_unit_head_cannot_delete(unit_head, cadre_same_unit):
    _assert_error(_as(unit_head).delete(f"/api/org/people/{cadre_same_unit.person.pk}"), 403, "forbidden")
    assert Person.objects.filter(pk=cadre_same_unit.person.pk).exists()


# --- personnel events, structure ----------------------------------------------------------------


def test_party_officer_records_a_transfer(party_officer, cadre_same_unit, org):
    person = cadre_same_unit.person
    payload = {
        "person_id": person.pk,
        "kind": "transfer",
        "date": "2025-03-01",
        "to_unit_id": org.unit_b.pk,
        "to_post": "研究员",
        "document_no": "人大机关〔2025〕3号",
    }
    response = _json(_as(party_officer), "post", "/api/org/events", payload)
    assert response.status_code == 201, response.content
    assert response.json()["kind_label"] == "转岗"
    person.refresh_from_db()
    assert (person.unit_id, person.post) == (org.unit_b.pk, "研究员")
    event = PersonnelEvent.objects.get(pk=response.json()["id"])
    assert (event.from_unit_id, event.date) == (org.unit_a.pk, dt.date(2025, 3, 1))


def test_events_are_scoped_and_filtered(party_officer, cadre_same_unit, cadre_other_unit):
    pairs = ((cadre_same_unit, PersonnelEventKind.PROMOTION), (cadre_other_unit, PersonnelEventKind.TRANSFER))
    for user, kind in pairs:
        person = user.person
        PersonnelEvent.objects.create(organ=person.organ, person=person, kind=kind, date=dt.date(2025, 6, 1))
    assert _as(party_officer).get("/api/org/events").json()["count"] == 2
    assert _as(party_officer).get("/api/org/events", {"kind": "promotion", "year": 2025}).json()["count"] == 1
    assert _as(party_officer).get("/api/org/events", {"year": 2024}).json()["count"] == 0
    own = _as(cadre_other_unit).get("/api/org/events").json()
    assert [e["person"]["id"] for e in own["items"]] == [cadre_other_unit.person.pk]
    _assert_error(_as(cadre_other_unit).get(f"/api/org/people/{cadre_same_unit.person.pk}/events"), 404, "not_found")
    mine = _as(cadre_other_unit).get(f"/api/org/people/{cadre_other_unit.person.pk}/events").json()
    assert mine["count"] == 1


def test_cadre_cannot_record_events(cadre_same_unit):
    payload = {"person_id": cadre_same_unit.person.pk, "kind": "promotion", "date": "2025-03-01"}
    _assert_error(_json(_as(cadre_same_unit), "post", "/api/org/events", payload), 403, "forbidden")
    assert not PersonnelEvent.objects.exists()


def test_structure_endpoints(leader, cadre_other_unit, org):
    branch = BranchFactory(organ=org.organ)
    branch.units.add(org.unit_b)
    client = _as(cadre_other_unit)
    units = client.get("/api/org/units", {"kind": "internal"}).json()
    assert {u["name"] for u in units["items"]} == {"办公室", "研究室"}
    unit_b = client.get(f"/api/org/units/{org.unit_b.pk}").json()
    assert [s["name"] for s in unit_b["supervisors"]] == ["leader"]
    assert client.get("/api/org/branches").json()[0]["units"] == [{"id": org.unit_b.pk, "name": "研究室"}]
    detail = client.get(f"/api/org/branches/{branch.pk}").json()
    assert detail["committee"] == [] and detail["party_groups"] == []
    assert client.get("/api/org/leading-group").status_code == 200


def test_administrators_see_no_structure(sysadmin):
    client = _as(sysadmin)
    assert client.get("/api/org/units").json()["count"] == 0
    assert client.get("/api/org/branches").json() == []
    assert client.get("/api/org/leading-group").json() == []


# --- authentication: CSRF and tokens -------------------------------------------------------------


def test_session_post_without_csrf_token_is_refused(party_officer, org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(party_officer)
    response = _json(client, "post", "/api/org/people", _new_person(org))
    _assert_error(response, 403, "csrf_failed")
    assert not Person.all_objects.filter(name="新同志").exists()


def test_session_post_with_csrf_token_is_accepted(party_officer, org, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(party_officer)
    token = get_random_string(32)  # what the browser holds in its csrftoken cookie and sends back as a header
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    response = _json(client, "post", "/api/org/people", _new_person(org), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content


def test_bearer_token_works_without_csrf_and_revoked_token_is_401(party_officer, org):
    _row, token = api_token_create(user=party_officer, name="测试对接")
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = client.get("/api/org/people", **auth)
    assert listed.json()["count"] == Person.objects.visible_to(party_officer).filter(is_active=True).count()
    created = _json(client, "post", "/api/org/people", _new_person(org), **auth)
    assert created.status_code == 201, created.content
    assert ApiToken.objects.get().last_used_at is not None

    out = StringIO()
    call_command("apitoken", "revoke", token[:10], stdout=out)
    assert "已撤销" in out.getvalue()
    _assert_error(client.get("/api/org/people", **auth), 401, "unauthenticated")
    _assert_error(
        _json(client, "post", "/api/org/people", _new_person(org, name="又一位"), **auth), 401, "unauthenticated"
    )
    _assert_error(client.get("/api/org/people", HTTP_AUTHORIZATION="Bearer ql_nonsense"), 401, "unauthenticated")


def test_token_of_an_inactive_account_is_refused(cadre_same_unit):
    _row, token = api_token_create(user=cadre_same_unit, name="测试")
    cadre_same_unit.is_active = False
    cadre_same_unit.save()
    _assert_error(Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}"), 401, "unauthenticated")


def test_apitoken_command_creates_and_prints_once(cadre_other_unit):
    out = StringIO()
    call_command("apitoken", "create", "cadre_other_unit", "--name", "数据同步", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("ql_")
    row = ApiToken.objects.get()
    assert (row.user, row.name, row.prefix) == (cadre_other_unit, "数据同步", token[:10])
    assert token not in (row.digest, row.prefix)
    me = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert me["username"] == "cadre_other_unit"
    listing = StringIO()
    call_command("apitoken", "list", stdout=listing)
    assert row.prefix in listing.getvalue() and token not in listing.getvalue()


def test_unexpected_error_is_500_in_chinese_without_traceback(party_officer, monkeypatch, caplog):
    def broken(**kwargs: Any):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("qinglian.org.selectors.person_list", broken)
    response = _as(party_officer).get("/api/org/people")
    body = _assert_error(response, 500, "server_error")
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert body["detail"] is None
    assert "secret internals" in caplog.text


def test_leading_group_lists_current_members_and_their_units(leader, cadre_other_unit, org):
    from qinglian.org.models import LeadingGroupMember

    LeadingGroupMember.objects.create(
        organ=org.organ, person=leader.person, post="member", title="副主任", start=dt.date(2023, 1, 1)
    )
    LeadingGroupMember.objects.create(
        organ=org.organ,
        person=cadre_other_unit.person,
        post="member",
        start=dt.date(2020, 1, 1),
        end=dt.date(2022, 1, 1),
    )
    body = _as(cadre_other_unit).get("/api/org/leading-group").json()
    assert [(m["person"]["name"], m["post_label"], m["title"]) for m in body] == [("leader", "党组成员", "副主任")]
    assert body[0]["supervised_units"] == [{"id": org.unit_b.pk, "name": "研究室"}]


def test_unparsable_body_is_400_and_messages_are_plain_utf8(party_officer):
    response = _as(party_officer).post("/api/org/people", data="{not json", content_type="application/json")
    _assert_error(response, 400, "bad_request")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "请求体无法解析" in response.content.decode("utf-8")
