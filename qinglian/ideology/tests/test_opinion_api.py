"""The public-opinion API: list, one event, registration, the first response, the report upward, the closing and
the yearly summary, each through the services; refusals are 4xx in Chinese (never 500), nothing written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.ideology.models import OpinionEvent

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
URL = "/api/ideology/opinion/"


@pytest.fixture
def on_today():
    with clock.replaying(moment(TODAY, 16)):
        yield


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def _body(org, **kw) -> dict:
    return {
        "title": "网民质疑执法检查数据",
        "source": "monitoring",
        "level": "serious",
        "found_at": "2026-11-24T09:00:00+08:00",
        "summary": "微博留言质疑",
        "unit_id": org.unit_a.pk,
    } | kw


def test_the_course_through_the_api(on_today, org, party_officer, cadre_same_unit, leader):
    office = _as(party_officer)
    response = _post(office, URL, _body(org, responsible_id=cadre_same_unit.person.pk))
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["level_label"] == "较大" and event["responsible"]["name"] == "cadre_same_unit"
    assert event["response_late"] is True and event["response_hours"] == 31.0  # no response, 31 hours on
    pk = event["id"]
    response = _post(office, f"{URL}{pk}/respond/", {"at": "2026-11-24T12:00:00+08:00", "measure": "核实数据口径"})
    assert response.status_code == 200 and response.json()["response_hours"] == 3.0
    assert response.json()["response_late"] is False
    response = _post(office, f"{URL}{pk}/report/", {"at": "2026-11-24T23:00:00", "to": "市委网信办"})
    assert response.status_code == 200 and response.json()["report_late"] is True  # 14 hours > 12
    response = _post(office, f"{URL}{pk}/close/", {"closed_on": "2026-11-25", "handling": "发布口径说明"})
    assert response.status_code == 200 and response.json()["status"] == "closed"
    listed = _as(leader).get(f"{URL}?year=2026&level=serious").json()["items"]
    assert [e["id"] for e in listed] == [pk]
    assert _as(leader).get(f"{URL}{pk}/").json()["reported_to"] == "市委网信办"
    summary = _as(leader).get(f"{URL}summary/?year=2026").json()
    assert summary["total"] == 1 and summary["reported"] == 1 and summary["closed"] == 1
    serious = next(t for t in summary["times"] if t["level"] == "serious")
    assert (serious["median_hours"], serious["longest_hours"], serious["limit_hours"]) == (3.0, 3.0, 6)
    assert next(m for m in summary["by_month"] if m["key"] == "11")["count"] == 1


def test_refusals_are_4xx_and_write_nothing(on_today, org, party_officer, cadre_same_unit, cadre_other_unit):
    office = _as(party_officer)
    assert _post(_as(cadre_same_unit), URL, _body(org)).status_code == 403
    future = _post(office, URL, _body(org, found_at="2026-11-26T09:00:00+08:00"))
    assert future.status_code == 400 and "发现时间不能晚于现在" in future.json()["message"]
    bad_person = _post(office, URL, _body(org, responsible_id=999999))
    assert bad_person.status_code == 400 and bad_person.json()["detail"] == {"responsible_id": "责任人不存在或无权查看"}
    assert _post(office, URL, _body(org, level="huge")).status_code in (400, 422)
    assert OpinionEvent.all_objects.count() == 0
    pk = _post(office, URL, _body(org)).json()["id"]
    early = _post(office, f"{URL}{pk}/respond/", {"at": "2026-11-24T08:00:00+08:00", "measure": "x"})
    assert early.status_code == 400 and "不能早于发现时间" in early.json()["message"]
    close = _post(office, f"{URL}{pk}/close/", {"closed_on": "2026-11-25", "handling": "x"})
    assert close.status_code == 400 and "尚未登记首次响应" in close.json()["message"]
    assert _post(office, f"{URL}{pk}/respond/", {"at": "2026-11-24T10:00:00+08:00", "measure": "x"}).status_code == 200
    again = _post(office, f"{URL}{pk}/respond/", {"at": "2026-11-24T11:00:00+08:00", "measure": "y"})
    assert again.status_code == 409
    assert _as(cadre_other_unit).get(f"{URL}{pk}/").status_code == 404
    assert (
        _post(_as(cadre_other_unit), f"{URL}{pk}/report/", {"at": "2026-11-24T11:00:00", "to": "x"}).status_code == 404
    )
    assert office.get(f"{URL}summary/?year=20x6").status_code == 400
    assert office.get(f"{URL}999999/").status_code == 404
    event = OpinionEvent.objects.get(pk=pk)
    assert event.first_response == "x" and event.reported_at is None and event.status == "open"
