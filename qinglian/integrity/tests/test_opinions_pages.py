"""党风廉政意见回复 pages and API: the whole way through the pages, the stationed group writing through its
registered names (and refused everywhere else), a clear 403 for anyone else answering, Excel and Word outputs,
the workbench cards and the to-do."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from qinglian.core import clock
from qinglian.core.registry import STATIONED_GROUP_WRITES
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.services import opinions as services
from qinglian.org.middleware import READ_ONLY_MESSAGE
from qinglian.org.tests.factories import PersonFactory

P = services.PersonLine


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _json(client: Client, url: str, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def people(org):
    return [PersonFactory(organ=org.organ, unit=org.unit_b, name=n) for n in ("王明", "李华")]


@pytest.fixture
def sent(personnel_officer, people):
    row = services.request_create(
        by=personnel_officer,
        purpose="promotion",
        title="关于征求拟提拔人选党风廉政意见的函",
        people=[P(p.pk) for p in people],
    )
    return services.request_send(request=row, by=personnel_officer)


def _state(row: OpinionRequest):
    row.refresh_from_db()
    return (row.sent_on, row.reply_no, list(OpinionItem.objects.filter(request=row).values("conclusion", "summary")))


def test_the_group_writes_are_registered():
    for name in (
        "integrity_opinion_item_answer",
        "integrity_opinion_issue",
        "integrity_api_opinion_answer",
        "integrity_api_opinion_summary",
        "integrity_api_opinion_issue",
    ):
        assert name in STATIONED_GROUP_WRITES
    assert "integrity_opinion_send" not in STATIONED_GROUP_WRITES
    assert "integrity_api_opinion_create" not in STATIONED_GROUP_WRITES


def test_the_whole_way_through_the_pages(personnel_officer, supervisor, people):
    officer = _as(personnel_officer)
    assert officer.get(reverse("integrity_opinion_new")).status_code == 200
    response = officer.post(
        reverse("integrity_opinion_new"),
        {
            "purpose": "promotion",
            "title": "关于征求拟提拔人选党风廉政意见的函",
            "document_no": "人事函〔2026〕5号",
            "people": [p.pk for p in people],
            "posts": "王明：拟任研究室副主任",
        },
    )
    row = OpinionRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("integrity_opinion", args=[row.pk])
    assert row.items.get(person=people[0]).proposed_post == "拟任研究室副主任"
    page = officer.get(reverse("integrity_opinion", args=[row.pk])).content.decode()
    assert "王明" in page and "近三年" in page and "草拟" in page
    officer.post(reverse("integrity_opinion_send", args=[row.pk]))
    row.refresh_from_db()
    assert row.sent_on == clock.today()

    group = _as(supervisor)
    listing = group.get(reverse("integrity_opinions")).content.decode()
    assert "已送达待回复" in listing
    a, b = row.items.order_by("pk")
    response = group.post(
        reverse("integrity_opinion_item_answer", args=[a.pk]), {"summary": "改写的摘要", "conclusion": "clear"}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.conclusion, a.summary) == ("clear", "改写的摘要")
    # 有问题 without a text: a message, nothing written
    group.post(reverse("integrity_opinion_item_answer", args=[b.pk]), {"summary": b.summary, "conclusion": "issue"})
    b.refresh_from_db()
    assert b.conclusion == ""
    group.post(
        reverse("integrity_opinion_item_answer", args=[b.pk]),
        {"summary": b.summary, "conclusion": "issue", "answer": "有问题线索正在核查"},
    )
    group.post(reverse("integrity_opinion_issue", args=[row.pk]))
    row.refresh_from_db()
    assert row.reply_no.endswith(f"〔{clock.today().year}〕1号")
    detail = group.get(reverse("integrity_opinion", args=[row.pk])).content.decode()
    assert row.reply_no in detail and "有问题线索正在核查" in detail
    assert group.get(reverse("integrity_opinion_print", args=[row.pk])).status_code == 200

    # The reply as Word: opens, carries the number, each person and the conclusion.
    response = officer.get(reverse("integrity_opinion_reply_word", args=[row.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert row.reply_no in text and "王明" in text and "无反映问题" in text and "有问题" in text and "特此函复" in text
    response = group.get(reverse("integrity_opinion_summaries_word", args=[row.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "改写的摘要" in text and "李华" in text

    # Excel: the list, re-readable
    response = officer.get(reverse("integrity_opinions_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("序号", "标题", "事由") and row.reply_no in rows[2]


def test_the_group_is_read_only_elsewhere(supervisor, sent, people):
    group = _as(supervisor)
    before = _state(sent)
    for url in (reverse("integrity_opinion_send", args=[sent.pk]), reverse("integrity_opinion_new")):
        response = group.post(url, {"title": "x"})
        assert response.status_code == 403 and READ_ONLY_MESSAGE in response.content.decode()
    response = _json(group, "/api/integrity/opinions", {"purpose": "promotion", "title": "x", "people": []})
    assert response.status_code == 403 and response.json()["message"] == READ_ONLY_MESSAGE
    assert _state(sent) == before and OpinionRequest.objects.count() == 1


@pytest.mark.parametrize("name", ["personnel_officer", "leader"])
def test_nobody_else_answers_a_clear_403(persona, name, sent):
    client = _as(persona(name))
    item = sent.items.first()
    before = _state(sent)
    response = client.post(
        reverse("integrity_opinion_item_answer", args=[item.pk]), {"summary": "x", "conclusion": "clear"}
    )
    assert response.status_code == 403 and "只有派驻纪检监察组可以回复" in response.content.decode()
    response = client.post(reverse("integrity_opinion_issue", args=[sent.pk]))
    assert response.status_code == 403
    response = _json(client, f"/api/integrity/opinions/items/{item.pk}/answer", {"conclusion": "clear"})
    assert response.status_code == 403 and "派驻纪检监察组" in response.json()["message"]
    assert _state(sent) == before


@pytest.mark.parametrize("name", ["cadre_same_unit", "unit_head"])
def test_outside_the_circle_sees_nothing(persona, name, sent):
    client = _as(persona(name))
    item = sent.items.first()
    assert client.get(reverse("integrity_opinion", args=[sent.pk])).status_code == 404
    assert client.get(reverse("integrity_opinion_reply_word", args=[sent.pk])).status_code == 404
    assert sent.title not in client.get(reverse("integrity_opinions")).content.decode()
    assert (
        client.post(reverse("integrity_opinion_item_answer", args=[item.pk]), {"conclusion": "clear"}).status_code
        == 404
    )
    assert client.get(f"/api/integrity/opinions/{sent.pk}").status_code == 404
    assert client.get("/api/integrity/opinions").json()["count"] == 0


def test_admins_get_no_page(sysadmin, sent):
    client = _as(sysadmin)
    assert client.get(reverse("integrity_opinions")).status_code == 404
    assert client.get(reverse("integrity_opinion", args=[sent.pk])).status_code == 404


def test_the_api_whole_way(personnel_officer, supervisor, people):
    officer = _as(personnel_officer)
    response = _json(
        officer,
        "/api/integrity/opinions",
        {
            "purpose": "award",
            "title": "评先评优征求意见",
            "people": [{"person_id": people[0].pk, "proposed_post": "优秀公务员"}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and "近三年" in body["items"][0]["summary"]
    pk, item = body["id"], body["items"][0]["id"]
    bad = _json(
        officer, "/api/integrity/opinions", {"purpose": "award", "title": "x", "people": [{"person_id": 99999}]}
    )
    assert bad.status_code == 400 and "人员不存在" in bad.json()["message"]
    assert _json(officer, f"/api/integrity/opinions/{pk}/send", {}).json()["status"] == "sent"
    group = _as(supervisor)
    early = _json(group, f"/api/integrity/opinions/{pk}/issue")
    assert early.status_code == 400 and "未回复" in early.json()["message"]
    response = _json(group, f"/api/integrity/opinions/items/{item}/summary", {"summary": "组内修改"})
    assert response.status_code == 200 and response.json()["summary"] == "组内修改"
    response = _json(group, f"/api/integrity/opinions/items/{item}/answer", {"conclusion": "issue"})
    assert response.status_code == 400 and "意见说明" in response.json()["message"]
    response = _json(group, f"/api/integrity/opinions/items/{item}/answer", {"conclusion": "clear"})
    assert response.status_code == 200 and response.json()["conclusion_label"] == "无反映问题"
    response = _json(group, f"/api/integrity/opinions/{pk}/issue")
    assert response.status_code == 200 and response.json()["reply_no"].startswith("驻机关纪检组廉意〔")
    again = _json(group, f"/api/integrity/opinions/items/{item}/answer", {"conclusion": "issue", "answer": "改"})
    assert again.status_code == 409 and "不能再修改" in again.json()["message"]
    listing = officer.get("/api/integrity/opinions?status=replied").json()
    assert [r["id"] for r in listing["items"]] == [pk]


def test_workbench_cards_and_todo(supervisor, personnel_officer, sent):
    page = _as(supervisor).get(reverse("workbench")).content.decode()
    assert "待回复的党风廉政意见" in page and sent.title[:20] in page
    page = _as(personnel_officer).get(reverse("workbench")).content.decode()
    assert "意见征求进度" in page
    todo = _as(supervisor).get(reverse("todo")).content.decode()
    assert "待回复党风廉政意见" in todo


def test_menu_entry(supervisor, cadre_same_unit):
    assert "党风廉政意见回复" in _as(supervisor).get(reverse("workbench")).content.decode()
    assert "党风廉政意见回复" not in _as(cadre_same_unit).get(reverse("workbench")).content.decode()
