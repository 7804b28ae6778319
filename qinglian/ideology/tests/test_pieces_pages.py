"""The pages of pieces for each person of the chain: the drafter writes and submits, the reviewers sign on the page,
the final reviewer lets a political finding stand with a reason, the editor publishes; the versions, what changed
since the previous one and the diff; a cadre of another unit gets 404; bad input is a Chinese error and writes
nothing; a refusal is a message, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qinglian.core import clock
from qinglian.core.registry import nav_for
from qinglian.ideology import proofing
from qinglian.ideology.choices import PieceStatus
from qinglian.ideology.models import Piece, PieceVersion, PoliticalOverride, ReviewSignoff
from qinglian.ideology.services import pieces as svc

pytestmark = pytest.mark.django_db

CLEAN = "市人大常委会机关召开会议，传达学习全会精神。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
# The engine flags the missing 社会 as a political-category error.
POLITICAL = "市人大常委会机关召开会议，学习习近平新时代中国特色主义思想。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
FIXED = POLITICAL.replace("中国特色主义", "中国特色社会主义")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _writes() -> tuple[int, ...]:
    return (
        Piece.all_objects.count(),
        PieceVersion.objects.count(),
        ReviewSignoff.objects.count(),
        PoliticalOverride.objects.count(),
    )


def _new(chain, text: str = POLITICAL, **extra):
    form = {"outlet": chain.outlet.pk, "title": "机关召开会议", "kind": "article", "text": text, "note": "初稿"}
    return _as(chain.drafter).post(reverse("ideology_piece_create"), form | extra)


def _page(client: Client, name: str, *args, query: str = "") -> str:
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_a_piece_goes_through_the_pages_from_draft_to_publication(chain):
    response = _new(chain)
    assert response.status_code == 302
    piece = Piece.objects.get()
    drafter = _as(chain.drafter)
    page = _page(drafter, "ideology_piece_detail", piece.pk)
    assert "第1稿的审校结果" in page and "中国特色主义" in page and 'data-testid="piece-submit"' in page
    assert 'data-testid="blocking"' in page and 'data-testid="override"' not in page
    assert drafter.post(reverse("ideology_piece_submit", args=[piece.pk])).status_code == 302
    piece.refresh_from_db()
    assert piece.status == PieceStatus.IN_REVIEW

    # 初审 and 复审 on the page: each reviewer sees the sign form, the drafter does not.
    assert 'data-testid="sign-form"' not in _page(drafter, "ideology_piece_detail", piece.pk)
    for user, stage in ((chain.editor, 1), (chain.head, 2)):
        client = _as(user)
        page = _page(client, "ideology_piece_detail", piece.pk)
        assert 'data-testid="sign-form"' in page and f'name="stage" value="{stage}"' in page
        response = client.post(reverse("ideology_piece_sign", args=[piece.pk]), {"stage": stage, "decision": "approve"})
        assert response.status_code == 302
    assert ReviewSignoff.objects.filter(piece=piece, decision="approve").count() == 2

    # 终审 is refused while the political error stands; the final reviewer overrides it with a reason.
    fenguan = _as(chain.fenguan)
    page = _page(fenguan, "ideology_piece_detail", piece.pk)
    assert 'data-testid="override"' in page
    response = fenguan.post(reverse("ideology_piece_sign", args=[piece.pk]), {"stage": 3, "decision": "approve"})
    assert response.status_code == 302
    page = _page(fenguan, "ideology_piece_detail", piece.pk)
    assert "终审前须修改或放行全部政治性问题" in page
    assert ReviewSignoff.objects.filter(piece=piece, stage=3).count() == 0
    key = proofing.blocking(svc.latest_version(piece))[0][0]
    response = fenguan.post(reverse("ideology_piece_override", args=[piece.pk]), {"issue_key": key, "reason": " "})
    assert response.status_code == 302 and not PoliticalOverride.objects.exists()
    response = fenguan.post(
        reverse("ideology_piece_override", args=[piece.pk]), {"issue_key": key, "reason": "引用文件原文"}
    )
    assert response.status_code == 302 and PoliticalOverride.objects.get().reason == "引用文件原文"
    fenguan.post(reverse("ideology_piece_sign", args=[piece.pk]), {"stage": 3, "decision": "approve"})
    piece.refresh_from_db()
    assert piece.status == PieceStatus.APPROVED

    # The editor (the outlet's responsible person) publishes; the page shows the three sign-offs.
    editor = _as(chain.editor)
    page = _page(editor, "ideology_piece_detail", piece.pk)
    assert 'data-testid="publish-form"' in page and "已由fenguan放行：引用文件原文" in page
    today = clock.today().isoformat()
    response = editor.post(reverse("ideology_piece_publish", args=[piece.pk]), {"published_on": today})
    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.status == PieceStatus.PUBLISHED
    page = _page(_as(chain.party_officer), "ideology_piece_detail", piece.pk)
    assert page.count('data-testid="signoff"') == 3 and "修改记录" in page


def test_a_return_a_new_version_and_the_diff(chain):
    piece = svc.piece_create(
        user=chain.drafter, outlet=chain.outlet, title="机关召开会议", kind="article", text=POLITICAL
    )
    svc.piece_submit(user=chain.drafter, piece=piece)
    response = _as(chain.editor).post(
        reverse("ideology_piece_sign", args=[piece.pk]), {"stage": 1, "decision": "return", "opinion": "请改正表述"}
    )
    assert response.status_code == 302
    drafter = _as(chain.drafter)
    assert "请改正表述" in _page(drafter, "ideology_piece_queue")
    response = drafter.post(reverse("ideology_piece_version_add", args=[piece.pk]), {"text": FIXED, "note": "改正"})
    assert response.status_code == 302 and piece.versions.count() == 2
    page = _page(drafter, "ideology_piece_detail", piece.pk)
    assert 'data-testid="since-previous"' in page
    assert 'data-testid="fixed-count">1<' in page and 'data-testid="new-count">0<' in page
    page = _page(drafter, "ideology_piece_diff", piece.pk, query="?from=1&to=2")
    assert "<ins>社会</ins>" in page and "增加 2 字" in page
    page = _page(drafter, "ideology_piece_diff", piece.pk, query="?from=2&to=1")
    assert "<del>社会</del>" in page
    page = _page(drafter, "ideology_piece_diff", piece.pk, query="?from=x&to=99")  # a bad number: the latest two
    assert "<ins>社会</ins>" in page
    page = _page(drafter, "ideology_piece_detail", piece.pk, query="?v=1")
    assert "第1稿的审校结果" in page


def test_who_sees_what(chain, cadre_other_unit, supervisor):
    piece = svc.piece_create(user=chain.drafter, outlet=chain.outlet, title="机关召开会议", kind="article", text=CLEAN)
    for user in (chain.drafter, chain.editor, chain.head, chain.fenguan, chain.shuji, chain.party_officer, supervisor):
        _page(_as(user), "ideology_piece_detail", piece.pk)
        assert "机关召开会议" in _page(_as(user), "ideology_piece_list")
    other = _as(cadre_other_unit)
    for name in ("ideology_piece_detail", "ideology_piece_diff", "ideology_piece_version_add"):
        assert other.get(reverse(name, args=[piece.pk])).status_code == 404
    assert other.post(reverse("ideology_piece_submit", args=[piece.pk])).status_code == 404
    assert "机关召开会议" not in _page(other, "ideology_piece_list")
    # The stationed group reads and writes nothing: no drafting form, no buttons.
    assert _as(supervisor).get(reverse("ideology_piece_create")).status_code == 403
    page = _page(_as(supervisor), "ideology_piece_detail", piece.pk)
    assert "piece-submit" not in page and "version-add" not in page
    labels = {item.label for _, items in nav_for(chain.drafter) for item in items}
    assert {"稿件三审", "我的审核"} <= labels
    labels = {item.label for _, items in nav_for(supervisor) for item in items}
    assert "稿件三审" in labels and "我的审核" not in labels


def test_the_list_filters_and_prints(chain):
    for title, text in (("甲稿", CLEAN), ("乙稿", POLITICAL)):
        svc.piece_create(user=chain.drafter, outlet=chain.outlet, title=title, kind="article", text=text)
    svc.piece_submit(user=chain.drafter, piece=Piece.objects.get(title="甲稿"))
    client = _as(chain.party_officer)
    page = _page(client, "ideology_piece_list")
    assert "合计 2 篇" in page and "审核中·待初审" in page
    page = _page(client, "ideology_piece_list", query="?status=draft")
    assert "乙稿" in page and "甲稿" not in page
    page = _page(client, "ideology_piece_list", query=f"?q=甲&outlet={chain.outlet.pk}&print=1")
    assert "甲稿" in page and "乙稿" not in page and 'data-action="print"' in page
    page = _page(client, "ideology_piece_list", query="?year=abc&status=nonsense")
    assert "查询条件有误" in page and "合计 2 篇" in page


def test_bad_input_is_a_chinese_error_and_writes_nothing(chain):
    before = _writes()
    response = _new(chain, text="   ")
    assert response.status_code == 400 and "请粘贴稿件正文" in response.content.decode()
    fake = SimpleUploadedFile("会议稿.docx", b"this is not a word document", content_type="application/octet-stream")
    response = _new(chain, text="", file=fake)
    assert response.status_code == 400
    assert "不是 .docx" in response.content.decode()
    response = _new(chain, sensitive="on", sensitive_reason="")
    assert response.status_code == 400 and "重大敏感稿件请说明理由" in response.content.decode()
    assert _writes() == before
    # A refusal of a step is a message on the piece's page, not a 500, and writes nothing.
    piece = svc.piece_create(user=chain.drafter, outlet=chain.outlet, title="机关召开会议", kind="article", text=CLEAN)
    before = _writes()
    drafter = _as(chain.drafter)
    response = drafter.post(reverse("ideology_piece_sign", args=[piece.pk]), {"stage": 1, "decision": "approve"})
    assert response.status_code == 302
    assert "不能审核通过" in _page(drafter, "ideology_piece_detail", piece.pk)
    response = drafter.post(reverse("ideology_piece_version_add", args=[piece.pk]), {"text": CLEAN})
    assert response.status_code == 400 and "内容完全相同" in response.content.decode()
    response = drafter.post(reverse("ideology_piece_withdraw", args=[piece.pk]), {"reason": ""})
    assert response.status_code == 302
    assert _writes() == before
