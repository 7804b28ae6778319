"""The meetings, stations, deputies and figures parts of the npc API, token authentication and the OpenAPI
schema: computed deadlines and on-time figures through the API, who may submit and sign, the deputies' phone
rule, activity counts and the year's figures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PERSONAS
from qinglian.core import workdays
from qinglian.npc.models import DeputyActivity, MaterialSubmission, NpcMeeting, Reply, SatisfactionRecord
from qinglian.npc.tests.factories import (
    ActivityFactory,
    AssignmentFactory,
    DeputyFactory,
    StationFactory,
    SuggestionFactory,
)
from qinglian.org.services import api_token_create

D = dt.date
PHONE_READERS = {"party_officer", "unit_head", "cadre_same_unit", "leader", "supervisor"}


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: Any = None):
    return client.post(url, data=json.dumps(data if data is not None else {}), content_type="application/json")


def _ok(response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    return response.json()


def _assert_error(response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    return body


def _at(day: dt.date, hour: int = 9) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00+08:00"


@pytest.fixture
def everyone(request, org) -> dict[str, Any]:
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def office(desks, cadre_other_unit) -> Client:
    """The materials desk is unit B (研究室, tests/conftest.py)."""
    return _as(cadre_other_unit)


# --- meetings and materials ----------------------------------------------------------------------


def test_a_past_meeting_with_one_item_on_time_and_one_late(org, office, bureau, cadre_same_unit, cadre_other_unit):
    meeting = _ok(
        _post(office, "/api/npc/meetings", {"kind": "standing", "number": "第30次", "date": "2026-06-25"}), 201
    )
    assert (meeting["kind_label"], meeting["item_count"], meeting["items"]) == ("常委会会议", 0, [])
    url = f"/api/npc/meetings/{meeting['id']}/items"
    ours = _ok(
        _post(
            office, url, {"title": "关于养老服务的报告", "kind": "report_review", "submitting_unit_id": org.unit_a.pk}
        ),
        201,
    )
    theirs = _ok(
        _post(office, url, {"title": "关于某条例的说明", "kind": "regulation", "submitting_unit_id": bureau.pk}), 201
    )
    # Ten working days before 06-25, skipping the Dragon Boat holiday (06-19): 06-10.
    assert (
        ours["deadline"]
        == theirs["deadline"]
        == "2026-06-10"
        == workdays.add_working_days(D(2026, 6, 25), -10).isoformat()
    )
    assert (ours["order"], theirs["order"], ours["final_deadline"]) == (1, 2, None)
    assert ours["timeliness"] == "missing" and ours["timeliness_label"] == "未报送"
    assert ours["days_left"] == workdays.working_days_between(timezone.localdate(), D(2026, 6, 10))

    # A person of the internal submitting unit sends its own item; the desk records the external unit's, late.
    sent = _ok(
        _post(_as(cadre_same_unit), f"/api/npc/items/{ours['id']}/submissions", {"submitted_at": _at(D(2026, 6, 10))}),
        201,
    )
    assert [(s["version"], s["submitter"]) for s in sent["submissions"]] == [(1, "cadre_same_unit")]
    assert (sent["timeliness"], sent["days_left"]) == ("on_time", None)
    late = {"submitted_at": "2026-06-11T09:00:00", "submitter": "张科长", "is_final": True}
    late_item = _ok(_post(office, f"/api/npc/items/{theirs['id']}/submissions", late), 201)
    assert late_item["timeliness"] == "late" and late_item["submissions"][0]["submitted_at"].startswith(
        "2026-06-11T09:00"
    )

    submission_id = sent["submissions"][0]["id"]
    _assert_error(_post(_as(cadre_same_unit), f"/api/npc/submissions/{submission_id}/receive"), 403, "forbidden")
    signed = _ok(
        _post(office, f"/api/npc/submissions/{submission_id}/receive", {"received_at": _at(D(2026, 6, 10), 15)})
    )
    assert signed["submissions"][0]["received_by"]["id"] == cadre_other_unit.person_id

    detail = _ok(office.get(f"/api/npc/meetings/{meeting['id']}"))
    assert (detail["item_count"], detail["on_time"], detail["late"], detail["missing"]) == (2, 1, 1, 0)
    listed = _ok(office.get("/api/npc/meetings", {"year": 2026, "kind": "standing"}))
    assert [m["id"] for m in listed["items"]] == [meeting["id"]] and listed["items"][0]["late"] == 1
    assert _ok(office.get("/api/npc/meetings", {"kind": "chairpersons"}))["count"] == 0

    stats = _ok(office.get("/api/npc/materials/stats", {"year": 2026}))
    rows = {u["unit_name"]: u for u in stats["units"]}
    assert (rows["办公室"]["on_time"], rows["办公室"]["on_time_rate"]) == (1, 100.0)
    assert (rows["市住房和城乡建设局"]["late"], rows["市住房和城乡建设局"]["on_time_rate"]) == (1, 0.0)
    assert (stats["total"]["items"], stats["total"]["on_time"], stats["total"]["on_time_rate"]) == (2, 1, 50.0)


def test_a_special_report_has_the_supervision_law_deadlines(org, office, bureau):
    meeting = _ok(
        _post(office, "/api/npc/meetings", {"kind": "standing", "number": "第31次", "date": "2026-10-15"}), 201
    )
    body = {
        "title": "关于环境状况的专项工作报告",
        "kind": "report_review",
        "submitting_unit_id": bureau.pk,
        "is_special_report": True,
    }
    item = _ok(_post(office, f"/api/npc/meetings/{meeting['id']}/items", body), 201)
    assert (item["deadline"], item["final_deadline"]) == ("2026-09-24", "2026-09-30")


def test_who_may_submit_and_who_may_change_meetings(org, office, bureau, cadre_same_unit, leader, supervisor):
    meeting = NpcMeeting.objects.get(
        pk=_ok(
            _post(office, "/api/npc/meetings", {"kind": "chairpersons", "number": "第5次", "date": "2026-10-15"}), 201
        )["id"]
    )
    url = f"/api/npc/meetings/{meeting.pk}/items"
    external = _ok(_post(office, url, {"title": "议题", "kind": "other", "submitting_unit_id": bureau.pk}), 201)
    for user in (cadre_same_unit, leader, supervisor):
        client = _as(user)
        _assert_error(
            _post(client, "/api/npc/meetings", {"kind": "standing", "number": "第9次", "date": "2026-12-01"}),
            403,
            "forbidden",
        )
        _assert_error(
            _post(client, url, {"title": "x", "kind": "other", "submitting_unit_id": bureau.pk}), 403, "forbidden"
        )
        refused = _post(client, f"/api/npc/items/{external['id']}/submissions", {"submitted_at": _at(D(2026, 10, 1))})
        expected = "派驻纪检监察组账号只能查阅" if user is supervisor else "只能为本单位承担的议题报送材料"
        assert _assert_error(refused, 403, "forbidden")["message"].startswith(expected)  # the stationed group: #13
    assert NpcMeeting.objects.count() == 1 and not MaterialSubmission.objects.exists()
    assert meeting.items.count() == 1
    future = _post(office, f"/api/npc/items/{external['id']}/submissions", {"submitted_at": "2099-01-01T09:00:00"})
    assert "submitted_at" in _assert_error(future, 400, "invalid")["detail"]
    _assert_error(
        _post(office, url, {"title": "x", "kind": "nonsense", "submitting_unit_id": bureau.pk}), 422, "invalid"
    )


@pytest.mark.parametrize("name", PERSONAS)
def test_meetings_are_read_by_every_business_role(org, office, everyone, name):
    meeting = NpcMeeting.objects.create(organ=org.organ, kind="standing", number="第1次", date=D(2026, 3, 1))
    client = _as(everyone[name])
    listed = _ok(client.get("/api/npc/meetings"))
    reads = name not in {"sysadmin", "secadmin", "auditadmin"}
    assert [m["id"] for m in listed["items"]] == ([meeting.pk] if reads else [])
    if reads:
        assert _ok(client.get(f"/api/npc/meetings/{meeting.pk}"))["number"] == "第1次"
    else:
        _assert_error(client.get(f"/api/npc/meetings/{meeting.pk}"), 404, "not_found")


# --- stations, activities, deputies --------------------------------------------------------------


@pytest.fixture
def stations(desks):
    organ = desks.organ
    zhang = DeputyFactory(organ=organ, name="张建国", phone="13900000001", delegation="城东区代表团")
    li = DeputyFactory(organ=organ, name="李秀英", phone="13900000002", delegation="城东区代表团")
    DeputyFactory(organ=organ, name="赵退休", is_active=False)
    station = StationFactory(organ=organ, name="城东街道代表联络站", contact_name="陈联络", contact_phone="0571-1234")
    station.deputies.set([zhang, li])
    one = ActivityFactory(organ=organ, station=station, date=D(2026, 5, 10), kind="reception")
    one.deputies.set([zhang, li])
    two = ActivityFactory(organ=organ, station=None, date=D(2026, 6, 2), kind="research", title="专题调研")
    two.deputies.set([zhang])
    old = ActivityFactory(organ=organ, station=station, date=D(2025, 11, 3), kind="inspection_visit")
    old.deputies.set([li])
    SuggestionFactory(organ=organ, lead_deputy=zhang)
    return {"zhang": zhang, "li": li, "station": station, "activities": [one, two, old]}


def test_stations_activities_and_counts(stations, cadre_other_unit):
    client = _as(cadre_other_unit)
    listed = _ok(client.get("/api/npc/stations"))
    assert [(s["name"], s["contact_phone"], [d["name"] for d in s["deputies"]]) for s in listed] == [
        ("城东街道代表联络站", "0571-1234", ["张建国", "李秀英"])
    ]
    this_year = timezone.localdate().year
    assert listed[0]["activities_this_year"] == (1 if this_year == 2026 else 0)  # the research was not at it

    def ids(**params: Any) -> list[int]:
        return [a["id"] for a in _ok(client.get("/api/npc/activities", params))["items"]]

    one, two, old = stations["activities"]
    assert ids() == [two.pk, one.pk, old.pk]
    assert ids(year=2026) == [two.pk, one.pk] and ids(kind="research") == [two.pk]
    assert ids(station_id=stations["station"].pk) == [one.pk, old.pk]
    assert ids(deputy_id=stations["li"].pk) == [one.pk, old.pk]

    counts = _ok(client.get("/api/npc/deputies/activity-counts", {"year": 2026}))
    assert [(c["deputy"]["name"], c["total"]) for c in counts] == [("张建国", 2), ("李秀英", 1)]
    by_kind = {k["kind"]: k["count"] for k in counts[0]["by_kind"]}
    assert by_kind == {
        "reception": 1,
        "inspection_visit": 0,
        "research": 1,
        "law_enforcement": 0,
        "legislation": 0,
        "constituency": 0,
        "group": 0,
    }
    assert counts[0]["by_kind"][0]["label"] == "接待选民"


def test_the_stations_desk_records_an_activity_and_others_are_refused(
    stations, cadre_same_unit, leader, cadre_other_unit
):
    body = {
        "kind": "legislation",
        "date": "2026-09-01",
        "title": "《某某条例（草案）》征求代表意见",
        "station_id": stations["station"].pk,
        "deputy_ids": [stations["zhang"].pk, stations["li"].pk],
    }
    for user in (leader, cadre_other_unit):
        _assert_error(_post(_as(user), "/api/npc/activities", body), 403, "forbidden")
    assert DeputyActivity.objects.count() == 3
    created = _ok(_post(_as(cadre_same_unit), "/api/npc/activities", body), 201)
    assert (created["kind_label"], created["station"]["name"]) == ("立法征求意见", "城东街道代表联络站")
    assert [d["name"] for d in created["deputies"]] == ["张建国", "李秀英"]
    unknown = _post(_as(cadre_same_unit), "/api/npc/activities", {**body, "deputy_ids": [999999]})
    assert "deputy_ids" in _assert_error(unknown, 400, "invalid")["detail"]
    _assert_error(_post(_as(cadre_same_unit), "/api/npc/activities", {**body, "deputy_ids": []}), 422, "invalid")


@pytest.mark.parametrize("name", PERSONAS)
def test_a_deputys_phone_only_for_the_desks_and_organ_readers(stations, everyone, name):
    body = _ok(_as(everyone[name]).get("/api/npc/deputies"))
    if name in {"sysadmin", "secadmin", "auditadmin"}:
        assert body["items"] == []
        return
    rows = {d["name"]: d for d in body["items"]}
    assert set(rows) == {"张建国", "李秀英"}  # in office only by default
    assert rows["张建国"]["phone"] == ("13900000001" if name in PHONE_READERS else None)
    assert (rows["张建国"]["led_suggestions"], rows["李秀英"]["led_suggestions"]) == (1, 0)


def test_deputies_filters(stations, leader):
    client = _as(leader)
    assert _ok(client.get("/api/npc/deputies", {"include_inactive": True}))["count"] == 3
    assert [d["name"] for d in _ok(client.get("/api/npc/deputies", {"q": "秀英"}))["items"]] == ["李秀英"]


# --- the year's figures --------------------------------------------------------------------------


def test_the_years_figures(org, desks, bureau, stations, cadre_other_unit, sysadmin):
    organ = org.organ
    replied = SuggestionFactory(organ=organ, status="closed", assigned_on=D(2026, 1, 20))
    lead = AssignmentFactory(suggestion=replied, unit=bureau)
    reply = Reply.objects.create(organ=organ, suggestion=replied, assignment=lead, date=D(2026, 4, 10), result="solved")
    SatisfactionRecord.objects.create(organ=organ, reply=reply, recorded_on=D(2026, 4, 20), level="basically")
    late = SuggestionFactory(organ=organ, status="replied", assigned_on=D(2026, 1, 20))
    lead2 = AssignmentFactory(suggestion=late, unit=bureau)
    Reply.objects.create(organ=organ, suggestion=late, assignment=lead2, date=D(2026, 4, 21), result="planned")
    figures = {f["key"]: f for f in _ok(_as(cadre_other_unit).get("/api/npc/figures", {"year": 2026}))}
    # stations' fixture adds one registered suggestion of 2026: three in all, two replied.
    assert (figures["suggestions"]["value"], figures["suggestions_replied"]["value"]) == (3, 2)
    assert (figures["on_time_rate"]["value"], figures["on_time_rate"]["numerator"]) == (50.0, 1)  # 04-21 is a day late
    assert (figures["solved_rate"]["value"], figures["solved_rate"]["denominator"]) == (50.0, 2)
    assert figures["satisfaction_rate"]["value"] == 100.0
    assert figures["activities"]["value"] == 2 and figures["activities"]["unit"] == "次"
    assert figures["materials_on_time_rate"]["value"] is None  # nothing due: not 0%
    assert "3个月" in figures["on_time_rate"]["definition"]
    assert _ok(_as(sysadmin).get("/api/npc/figures", {"year": 2026})) == []


# --- authentication and the schema ---------------------------------------------------------------


def test_a_bearer_token_writes_without_csrf_and_a_session_needs_it(stations, cadre_same_unit):
    _row, token = api_token_create(user=cadre_same_unit, name="联络站系统对接")
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/npc/deputies", **auth).json()["items"][0]["phone"] == "13900000001"
    body = {"kind": "reception", "date": "2026-09-01", "title": "接待日", "deputy_ids": [stations["zhang"].pk]}
    created = client.post("/api/npc/activities", data=json.dumps(body), content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    session = Client(enforce_csrf_checks=True)
    session.force_login(cadre_same_unit)
    refused = session.post("/api/npc/activities", data=json.dumps(body), content_type="application/json")
    _assert_error(refused, 403, "csrf_failed")
    _assert_error(Client().get("/api/npc/suggestions"), 401, "unauthenticated")
    _assert_error(client.get("/api/npc/suggestions", HTTP_AUTHORIZATION="Bearer ql_nonsense"), 401, "unauthenticated")
    assert DeputyActivity.objects.count() == 4


def test_openapi_lists_the_npc_endpoints(party_officer):
    schema = _ok(_as(party_officer).get("/api/openapi.json"))
    for path in (
        "/api/npc/suggestions",
        "/api/npc/suggestions/{suggestion_id}",
        "/api/npc/suggestions/{suggestion_id}/assign",
        "/api/npc/assignments/{assignment_id}/return",
        "/api/npc/replies/{reply_id}/satisfaction",
        "/api/npc/suggestions/{suggestion_id}/extension/approve",
        "/api/npc/units/stats",
        "/api/npc/meetings/{meeting_id}",
        "/api/npc/items/{item_id}/submissions",
        "/api/npc/submissions/{submission_id}/receive",
        "/api/npc/materials/stats",
        "/api/npc/stations",
        "/api/npc/activities",
        "/api/npc/deputies",
        "/api/npc/deputies/activity-counts",
        "/api/npc/figures",
    ):
        assert path in schema["paths"], path
    assert schema["paths"]["/api/npc/suggestions"]["get"]["tags"] == ["人大履职服务"]
    assert "409" in schema["paths"]["/api/npc/suggestions"]["post"]["responses"]
