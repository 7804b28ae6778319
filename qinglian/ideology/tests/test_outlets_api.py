"""The outlet API under /api/ideology/outlets/: list and detail for every business account, create, update, file
and close for the party-affairs office; every refusal a 4xx with a Chinese message, never a 500."""

from __future__ import annotations

import json

from django.test import Client

from qinglian.ideology.models import Outlet
from qinglian.ideology.tests.factories import OutletFactory

BASE = "/api/ideology/outlets/"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_office_creates_updates_files_and_closes(org, party_officer, cadre_same_unit):
    client = _as(party_officer)
    body = {
        "name": "微信公众号",
        "kind": "wechat_account",
        "platform": "wechat",
        "unit_id": org.unit_a.pk,
        "owner_id": cadre_same_unit.person_id,
        "opened_on": "2026-03-02",
    }
    response = _post(client, BASE, body)
    assert response.status_code == 201, response.content
    data = response.json()
    pk = data["id"]
    assert data["filing_status"] == "pending" and data["owner"]["name"] == "cadre_same_unit"
    assert (
        data["levels_label"] == "阵地责任人（责任编辑） / 撰稿委室负责人 / 分管领导" and data["last_published"] is None
    )
    response = client.put(f"{BASE}{pk}/", json.dumps(body | {"account": "临江人大"}), content_type="application/json")
    assert response.status_code == 200 and response.json()["account"] == "临江人大"
    response = _post(client, f"{BASE}{pk}/file/", {"filed_on": "2026-03-20", "filing_no": "备1"})
    assert response.status_code == 200 and response.json()["filing_status_label"] == "已备案"
    response = _post(client, f"{BASE}{pk}/close/", {"closed_on": "2026-06-30", "reason": "注销"})
    assert response.status_code == 200 and response.json()["closed_on"] == "2026-06-30"
    response = _post(client, f"{BASE}{pk}/close/", {"closed_on": "2026-07-01", "reason": "注销"})
    assert response.status_code == 409 and "已于2026-06-30关停" in response.json()["message"]
    listed = _as(cadre_same_unit).get(f"{BASE}?status=closed").json()
    assert [o["id"] for o in listed["items"]] == [pk]


def test_refusals_are_4xx_in_chinese_and_write_nothing(org, party_officer, cadre_same_unit):
    client = _as(party_officer)
    body = {"name": "工作动态", "kind": "website_column", "unit_id": org.unit_a.pk, "opened_on": "2026-03-02"}
    bad = _post(client, BASE, body | {"platform": "wechat"})
    assert bad.status_code == 400 and "不填写平台" in bad.json()["message"]
    bad = _post(client, BASE, body | {"first_level": 3, "second_level": 2, "final_level": 4})
    assert bad.status_code == 400 and "审核层级须逐级提高" in bad.json()["message"]
    bad = _post(client, BASE, body | {"kind": "video_account"})
    assert bad.status_code == 400 and "须填写所在平台" in bad.json()["message"]
    bad = _post(client, BASE, body | {"owner_id": 999999})
    assert bad.status_code == 400 and bad.json()["detail"] == {"owner_id": "责任人不存在或无权查看"}
    bad = _post(client, BASE, body | {"kind": "no_such_kind"})
    assert bad.status_code == 422
    assert _post(_as(cadre_same_unit), BASE, body).status_code == 403
    assert not Outlet.all_objects.exists()
    outlet = OutletFactory(unit=org.unit_a, opened_on="2024-01-01")
    bad = _post(client, f"{BASE}{outlet.pk}/close/", {"closed_on": "2023-12-31", "reason": "撤并"})
    assert bad.status_code == 400 and "关停日期不能早于开设日期" in bad.json()["message"]
    bad = _post(client, f"{BASE}{outlet.pk}/file/", {"filed_on": "2024-01-05"})
    assert bad.status_code == 400 and "无需备案" in bad.json()["message"]
    assert (
        _post(_as(cadre_same_unit), f"{BASE}{outlet.pk}/close/", {"closed_on": "2025-01-01", "reason": "x"}).status_code
        == 403
    )
    assert client.get(f"{BASE}999999/").status_code == 404
    outlet.refresh_from_db()
    assert outlet.closed_on is None and outlet.filed_on is None


def test_reading_needs_a_business_account(org, sysadmin, supervisor):
    outlet = OutletFactory(unit=org.unit_a)
    assert _as(supervisor).get(f"{BASE}{outlet.pk}/").status_code == 200
    assert _as(sysadmin).get(f"{BASE}{outlet.pk}/").status_code in (403, 404)
    assert (
        _post(_as(supervisor), f"{BASE}{outlet.pk}/close/", {"closed_on": "2025-01-01", "reason": "x"}).status_code
        == 403
    )
