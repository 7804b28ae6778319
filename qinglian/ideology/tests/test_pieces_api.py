"""The pieces API: the whole review through it (create, submit, sign, override, new version, publish), the detail's
versions and the latest version's findings, and the status codes of every refusal (4xx with a Chinese message,
nothing written)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from qinglian.core import clock
from qinglian.ideology.choices import OutletKind
from qinglian.ideology.models import Piece, PieceVersion, PoliticalOverride, ProofRound, ReviewSignoff
from qinglian.ideology.tests.factories import OutletFactory

pytestmark = pytest.mark.django_db

BASE = "/api/ideology/pieces/"
CLEAN = "市人大常委会机关召开会议，传达学习全会精神。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
POLITICAL = "市人大常委会机关召开会议，学习习近平新时代中国特色主义思想。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
FIXED = POLITICAL.replace("中国特色主义", "中国特色社会主义")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, path: str, body: dict | None = None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def _writes() -> tuple[int, ...]:
    return (
        Piece.all_objects.count(),
        PieceVersion.objects.count(),
        ReviewSignoff.objects.count(),
        PoliticalOverride.objects.count(),
        ProofRound.objects.count(),
    )


def _create(chain, text: str = POLITICAL, outlet=None) -> dict:
    body = {"outlet_id": (outlet or chain.outlet).pk, "title": "机关召开会议", "kind": "article", "text": text}
    response = _post(_as(chain.drafter), BASE, body)
    assert response.status_code == 201, response.content
    return response.json()


def test_the_review_through_the_api(chain):
    piece = _create(chain)
    pk = piece["id"]
    assert piece["status"] == "draft" and piece["versions"][0]["political_errors"] == 1
    blocking = [i for i in piece["latest_issues"] if i["blocking"]]
    assert len(blocking) == 1 and blocking[0]["category"] == "政治" and piece["blocking"] == 1
    drafter, editor, head, fenguan = (_as(u) for u in (chain.drafter, chain.editor, chain.head, chain.fenguan))
    assert _post(drafter, f"{BASE}{pk}/submit/").json()["pending_stage"] == 1
    queue = editor.get(f"{BASE}queue/").json()
    assert [(r["piece"]["id"], r["stage"]) for r in queue] == [(pk, 1)]
    assert _post(editor, f"{BASE}{pk}/sign/", {"stage": 1, "decision": "approve"}).status_code == 200
    assert _post(head, f"{BASE}{pk}/sign/", {"stage": 2, "decision": "approve"}).json()["pending_stage"] == 3
    response = _post(fenguan, f"{BASE}{pk}/sign/", {"stage": 3, "decision": "approve"})
    assert response.status_code == 400 and "政治性问题" in response.json()["message"]
    # The final reviewer's edit fixes it (a reviewer may upload a version of the stage they may sign).
    response = _post(fenguan, f"{BASE}{pk}/versions/", {"text": FIXED, "note": "改正表述"})
    assert response.status_code == 201
    detail = response.json()
    assert len(detail["versions"]) == 2 and detail["blocking"] == 0
    assert len(detail["since_previous"]["fixed"]) == 1 and detail["since_previous"]["new"] == []
    response = _post(fenguan, f"{BASE}{pk}/sign/", {"stage": 3, "decision": "approve", "opinion": "同意发布"})
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert [s["version"] for s in response.json()["signoffs"]] == [1, 1, 2]
    response = _post(editor, f"{BASE}{pk}/publish/", {"published_on": clock.today().isoformat()})
    assert response.status_code == 200 and response.json()["status"] == "published"
    listed = editor.get(BASE, {"status": "published"}).json()
    assert listed["count"] == 1 and listed["items"][0]["status_label"] == "已发布"


def test_the_override_through_the_api(chain):
    pk = _create(chain)["id"]
    _post(_as(chain.drafter), f"{BASE}{pk}/submit/")
    _post(_as(chain.editor), f"{BASE}{pk}/sign/", {"stage": 1, "decision": "approve"})
    _post(_as(chain.head), f"{BASE}{pk}/sign/", {"stage": 2, "decision": "approve"})
    fenguan = _as(chain.fenguan)
    key = next(i["key"] for i in fenguan.get(f"{BASE}{pk}/").json()["latest_issues"] if i["blocking"])
    before = _writes()
    response = _post(_as(chain.head), f"{BASE}{pk}/override/", {"issue_key": key, "reason": "引用原文"})
    assert response.status_code == 403 and "终审人" in response.json()["message"]
    response = _post(fenguan, f"{BASE}{pk}/override/", {"issue_key": "no|such|key|1", "reason": "引用原文"})
    assert response.status_code == 400
    response = _post(fenguan, f"{BASE}{pk}/override/", {"issue_key": key, "reason": " "})
    assert response.status_code == 400 and "放行理由" in response.json()["message"]
    assert _writes() == before
    response = _post(fenguan, f"{BASE}{pk}/override/", {"issue_key": key, "reason": "引用历史文献原文"})
    assert response.status_code == 200 and response.json()["blocking"] == 0
    assert _post(fenguan, f"{BASE}{pk}/override/", {"issue_key": key, "reason": "再次"}).status_code == 409


def test_refusals_are_4xx_in_chinese_and_write_nothing(chain, cadre_other_unit, supervisor):
    pk = _create(chain, text=CLEAN)["id"]
    drafter, editor = _as(chain.drafter), _as(chain.editor)
    before = _writes()
    cases = [
        (drafter, "", {"outlet_id": chain.outlet.pk, "title": "空稿", "text": "  "}, 400),
        (drafter, "", {"outlet_id": 999999, "title": "无阵地", "text": CLEAN}, 400),
        (drafter, "", {"outlet_id": chain.outlet.pk, "title": "", "text": CLEAN}, 422),
        (drafter, "", {"outlet_id": chain.outlet.pk, "title": "类型", "kind": "poem", "text": CLEAN}, 422),
        (editor, f"{pk}/sign/", {"stage": 1, "decision": "approve"}, 409),  # not submitted yet
        (drafter, f"{pk}/versions/", {"text": CLEAN}, 400),  # the same text again
        (editor, f"{pk}/versions/", {"text": CLEAN + "补充。"}, 403),  # with the drafter
        (editor, f"{pk}/publish/", {"published_on": clock.today().isoformat()}, 409),
        (_as(cadre_other_unit), f"{pk}/submit/", {}, 404),
        (_as(supervisor), f"{pk}/submit/", {}, 403),
        (drafter, f"{pk}/withdraw/", {"reason": ""}, 400),
        (
            drafter,
            f"{pk}/proof-rounds/",
            {"round": 1, "proofreader_id": chain.editor.person.pk, "done_on": "2026-01-01"},
            403,
        ),
    ]
    for client, tail, body, status in cases:
        response = _post(client, BASE + tail, body)
        assert response.status_code == status, (tail, body, response.content.decode())
        message = response.json()["message"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    assert _writes() == before
    _post(drafter, f"{BASE}{pk}/submit/")
    before = _writes()
    for client, body, status in (
        (drafter, {"stage": 1, "decision": "approve"}, 403),  # own draft
        (_as(chain.head), {"stage": 2, "decision": "approve"}, 409),  # not the pending stage
        (editor, {"stage": 1, "decision": "return"}, 400),  # a return needs an opinion
        (_as(cadre_other_unit), {"stage": 1, "decision": "approve"}, 404),
        (editor, {"stage": 4, "decision": "approve"}, 422),
    ):
        response = _post(client, f"{BASE}{pk}/sign/", body)
        assert response.status_code == status, (body, response.content.decode())
    assert _writes() == before
    assert _as(cadre_other_unit).get(f"{BASE}{pk}/").status_code == 404
    assert Client().get(BASE).status_code == 401


def test_proof_rounds_of_a_printed_piece(chain):
    outlet = OutletFactory(unit=chain.outlet.unit, owner=chain.editor.person, kind=OutletKind.PUBLICATION)
    pk = _create(chain, text=CLEAN, outlet=outlet)["id"]
    _post(_as(chain.drafter), f"{BASE}{pk}/submit/")
    editor = _as(chain.editor)
    today = clock.today().isoformat()
    body = {"round": 1, "proofreader_id": chain.head.person.pk, "done_on": today}
    response = _post(editor, f"{BASE}{pk}/proof-rounds/", body)
    assert (
        response.status_code == 200 and response.json()["proof_rounds"][0]["proofreader"]["id"] == chain.head.person.pk
    )
    response = _post(editor, f"{BASE}{pk}/proof-rounds/", body | {"round": 3})
    assert response.status_code == 400 and "二校" in response.json()["message"]
    response = _post(
        editor, f"{BASE}{pk}/proof-rounds/", body | {"round": 2, "proofreader_id": chain.drafter.person.pk}
    )
    assert response.status_code == 400 and "撰稿人" in response.json()["message"]
    assert ProofRound.objects.count() == 1
