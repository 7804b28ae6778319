"""廉政风险点 in the API: the list with the page's filters, one risk point with its reviews, add, change, review — each
refusal a 4xx with a Chinese message, never a 500, and nothing written."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.integrity.tests.factories import RiskPointFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _send(client: Client, method: str, url: str, data: Any):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def _error(response, status: int) -> str:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body
    return body["message"]


def _url(name: str, *args) -> str:
    return reverse(f"api:integrity_api_risk_{name}", args=args)


@pytest.fixture
def risks(org):
    return (
        RiskPointFactory(unit=org.unit_a, level="high", identified_on=D(2024, 3, 1)),
        RiskPointFactory(unit=org.unit_b, matter="课题经费", level="low", ledger="funds", identified_on=D(2026, 1, 5)),
    )


def _payload(org, **over) -> dict[str, Any]:
    return {
        "unit_id": org.unit_a.pk,
        "post": "财务岗",
        "matter": "财务报销",
        "description": "票据审核不严",
        "level": "medium",
        "controls": "不相容岗位分离",
        "owner_id": None,
        "ledger": "funds",
        "identified_on": "2026-02-01",
    } | over


def test_list_and_filters(org, risks, party_officer, unit_head):
    body = _as(party_officer).get(_url("list")).json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["unit"] == {"id": org.unit_a.pk, "name": "办公室"} and first["level_label"] == "高"
    assert first["review_state"] == "overdue" and first["last_review"] is None
    assert _as(party_officer).get(_url("list"), {"level": "low"}).json()["count"] == 1
    assert _as(party_officer).get(_url("list"), {"review": "overdue"}).json()["count"] == 1
    assert _as(party_officer).get(_url("list"), {"unit_id": org.unit_b.pk}).json()["items"][0]["matter"] == "课题经费"
    assert _as(unit_head).get(_url("list")).json()["count"] == 1
    assert _as(party_officer).get(_url("list"), {"review": "soon"}).status_code == 422


def test_detail_with_reviews_and_404_outside_the_circle(org, risks, party_officer, unit_head):
    RiskReview.objects.create(risk=risks[1], date=D(2026, 3, 1), note="措施到位")
    body = _as(party_officer).get(_url("detail", risks[1].pk)).json()
    assert body["reviews"] == [
        {"id": body["reviews"][0]["id"], "date": "2026-03-01", "note": "措施到位", "level_before": ""}
    ]
    assert body["last_review"] == "2026-03-01"
    _error(_as(unit_head).get(_url("detail", risks[1].pk)), 404)


def test_create_update_review(org, risks, party_officer, unit_head):
    created = _send(_as(unit_head), "post", _url("create"), _payload(org))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    updated = _send(_as(unit_head), "put", _url("update", pk), _payload(org, level="high"))
    assert updated.status_code == 200 and updated.json()["level"] == "high"
    reviewed = _send(_as(unit_head), "post", _url("review", pk), {"date": "2026-03-01", "level": "low", "note": "调低"})
    assert reviewed.status_code == 201
    body = reviewed.json()
    assert body["level"] == "low" and body["reviews"][0]["level_before"] == "high"


def test_refusals_are_4xx_in_chinese_and_write_nothing(
    org, risks, party_officer, unit_head, cadre_same_unit, supervisor
):
    before = RiskPoint.objects.count()
    assert "只有机关党委专责人员或本委室负责人" in _error(
        _send(_as(cadre_same_unit), "post", _url("create"), _payload(org)), 403
    )
    _error(_send(_as(unit_head), "post", _url("create"), _payload(org, unit_id=org.unit_b.pk)), 403)
    _error(_send(_as(supervisor), "post", _url("create"), _payload(org)), 403)
    assert "内设机构" in _error(
        _send(_as(party_officer), "post", _url("create"), _payload(org, unit_id=org.stationed.pk)), 400
    )
    assert "内设机构" in _error(_send(_as(party_officer), "post", _url("create"), _payload(org, unit_id=999999)), 400)
    assert "责任人" in _error(_send(_as(party_officer), "post", _url("create"), _payload(org, owner_id=999999)), 400)
    assert "排查日期不能晚于今天" in _error(
        _send(_as(party_officer), "post", _url("create"), _payload(org, identified_on="2099-01-01")), 400
    )
    _error(_send(_as(party_officer), "post", _url("create"), _payload(org, level="extreme")), 422)
    _error(_send(_as(unit_head), "put", _url("update", risks[1].pk), _payload(org)), 404)
    _error(_send(_as(cadre_same_unit), "put", _url("update", risks[0].pk), _payload(org)), 403)
    assert "复核日期不能早于排查日期" in _error(
        _send(_as(party_officer), "post", _url("review", risks[1].pk), {"date": "2025-01-01"}), 400
    )
    assert "复核日期不能晚于今天" in _error(
        _send(_as(party_officer), "post", _url("review", risks[1].pk), {"date": "2099-01-01"}), 400
    )
    assert RiskPoint.objects.count() == before and not RiskReview.objects.exists()
    risks[0].refresh_from_db()
    assert risks[0].matter == "公务接待审批"
