"""The three-stage review through the services on the `chain` fixture: the whole flow, the political block and
its override, a fix in the next version, proofreading rounds, publication and withdrawal — and every refusal
writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology import proofing
from qinglian.ideology.choices import OutletKind, PieceStatus, ReviewerLevel, Stage
from qinglian.ideology.models import Piece, PieceVersion, PoliticalOverride, ProofRound, ReviewSignoff
from qinglian.ideology.services import pieces as svc
from qinglian.ideology.tests.factories import OutletFactory
from qinglian.proofread import text_to_docx

pytestmark = pytest.mark.django_db

CLEAN = "市人大常委会机关召开会议，传达学习全会精神。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
# The engine flags the missing 社会 as a political-category error (POL-007).
POLITICAL = "市人大常委会机关召开会议，学习习近平新时代中国特色主义思想。\n会议要求，各委室要结合实际抓好贯彻落实。\n"
FIXED = POLITICAL.replace("中国特色主义", "中国特色社会主义")


def _writes() -> tuple[int, ...]:
    return (
        Piece.all_objects.count(),
        PieceVersion.objects.count(),
        ReviewSignoff.objects.count(),
        PoliticalOverride.objects.count(),
        ProofRound.objects.count(),
        AuditEvent.objects.count(),
    )


def _refused(exc_type, fn, message: str = "", **kwargs):
    before = _writes()
    with pytest.raises(exc_type) as caught:
        fn(**kwargs)
    assert _writes() == before, "a refusal wrote something"
    if message:
        assert message in str(caught.value)
    return caught.value


def _piece(chain, text: str = CLEAN, outlet=None, **kwargs) -> Piece:
    return svc.piece_create(
        user=chain.drafter, outlet=outlet or chain.outlet, title="机关召开会议", kind="article", text=text, **kwargs
    )


def _through(chain, piece: Piece, stages=(1, 2, 3)) -> Piece:
    signers = {1: chain.editor, 2: chain.head, 3: chain.fenguan}
    for stage in stages:
        svc.review_sign(user=signers[stage], piece=piece, stage=stage, decision="approve")
    piece.refresh_from_db()
    return piece


def test_a_piece_goes_through_three_stages_and_is_published(chain):
    piece = _piece(chain)
    assert piece.status == PieceStatus.DRAFT and piece.drafter == chain.drafter.person
    assert piece.unit == chain.drafter.person.unit
    first = piece.versions.get()
    assert first.number == 1 and first.text == CLEAN and first.sha256 == proofing.sha256_text(CLEAN)
    assert first.political_errors == 0 and first.author == chain.drafter.person
    svc.piece_submit(user=chain.drafter, piece=piece)
    piece.refresh_from_db()
    assert piece.status == PieceStatus.IN_REVIEW and piece.submitted_on == clock.today()
    assert svc.pending_stage(piece) == Stage.FIRST
    piece = _through(chain, piece)
    assert piece.status == PieceStatus.APPROVED
    signoffs = list(piece.signoffs.order_by("stage"))
    assert [(s.stage, s.reviewer_id, s.level) for s in signoffs] == [
        (1, chain.editor.person.pk, ReviewerLevel.OUTLET_EDITOR),
        (2, chain.head.person.pk, ReviewerLevel.UNIT_HEAD),
        (3, chain.fenguan.person.pk, ReviewerLevel.SUPERVISING_LEADER),
    ]
    assert all(s.version == first and s.signed_on == clock.today() and s.user_id for s in signoffs)
    assert AuditEvent.objects.filter(action="review_signed", target_id=str(piece.pk)).count() == 3
    svc.piece_publish(user=chain.editor, piece=piece, published_on=clock.today(), published_url="https://x/1")
    piece.refresh_from_db()
    assert piece.status == PieceStatus.PUBLISHED and piece.published_on == clock.today()


def test_review_refusals_write_nothing(chain, cadre_other_unit):
    piece = _piece(chain)
    sign = svc.review_sign
    _refused(Conflict, sign, "不能审核通过", user=chain.editor, piece=piece, stage=1, decision="approve")
    svc.piece_submit(user=chain.drafter, piece=piece)
    _refused(Forbidden, sign, svc.SELF_REVIEW, user=chain.drafter, piece=piece, stage=1, decision="approve")
    _refused(Conflict, sign, "待初审", user=chain.head, piece=piece, stage=2, decision="approve")
    _refused(Forbidden, sign, "须由", user=cadre_other_unit, piece=piece, stage=1, decision="approve")
    _refused(InvalidInput, sign, "须填写审核意见", user=chain.editor, piece=piece, stage=1, decision="return")
    future = clock.today() + dt.timedelta(days=1)
    _refused(InvalidInput, sign, "不能晚于今天", user=chain.editor, piece=piece, stage=1, decision="approve", on=future)
    past = piece.submitted_on - dt.timedelta(days=1) if piece.submitted_on else clock.today() - dt.timedelta(days=1)
    _refused(
        InvalidInput, sign, "不能早于送审日期", user=chain.editor, piece=piece, stage=1, decision="approve", on=past
    )
    svc.review_sign(user=chain.fenguan, piece=piece, stage=1, decision="approve")
    _refused(Forbidden, sign, svc.TWO_STAGES, user=chain.fenguan, piece=piece, stage=2, decision="approve")
    # Only the secretary remains above 复审's level once the supervising leader signed 初审.
    svc.review_sign(user=chain.shuji, piece=piece, stage=2, decision="approve")
    _refused(Forbidden, sign, "须由", user=chain.head, piece=piece, stage=3, decision="approve")
    _refused(Forbidden, sign, svc.TWO_STAGES, user=chain.shuji, piece=piece, stage=3, decision="approve")


def test_a_return_goes_back_to_the_drafter_and_the_next_submission_resumes_at_the_returning_stage(chain):
    piece = _through(chain, _submitted(chain), stages=(1,))
    svc.review_sign(user=chain.head, piece=piece, stage=2, decision="return", opinion="请补充会议要求")
    piece.refresh_from_db()
    assert piece.status == PieceStatus.RETURNED
    _refused(Forbidden, svc.version_add, "只有撰稿人", user=chain.editor, piece=piece, text=CLEAN + "补充。")
    _refused(InvalidInput, svc.version_add, "第1稿内容完全相同", user=chain.drafter, piece=piece, text=CLEAN)
    second = svc.version_add(user=chain.drafter, piece=piece, text=CLEAN + "各委室要抓好落实。\n", note="补充")
    assert second.number == 2
    svc.piece_submit(user=chain.drafter, piece=piece)
    piece.refresh_from_db()
    assert svc.pending_stage(piece) == Stage.SECOND
    signoff = svc.review_sign(user=chain.head, piece=piece, stage=2, decision="approve")
    assert signoff.version == second


def _submitted(chain, text: str = CLEAN, outlet=None) -> Piece:
    piece = _piece(chain, text, outlet)
    svc.piece_submit(user=chain.drafter, piece=piece)
    piece.refresh_from_db()
    return piece


def test_a_political_error_blocks_the_final_review_until_overridden_with_a_reason(chain):
    piece = _through(chain, _submitted(chain, POLITICAL), stages=(1, 2))
    version = piece.versions.get()
    [(key, issue)] = proofing.blocking(version)
    assert issue["category"] == "政治" and issue["severity"] == "错误" and version.political_errors == 1
    sign = svc.review_sign
    _refused(
        InvalidInput,
        sign,
        "终审前须修改或放行全部政治性问题（尚有1处）",
        user=chain.fenguan,
        piece=piece,
        stage=3,
        decision="approve",
    )
    override = svc.political_override
    _refused(Forbidden, override, svc.SELF_REVIEW, user=chain.drafter, version=version, issue_key=key, reason="引文")
    _refused(Forbidden, override, "终审人", user=chain.editor, version=version, issue_key=key, reason="引文")
    _refused(InvalidInput, override, "放行理由", user=chain.fenguan, version=version, issue_key=key, reason=" ")
    _refused(InvalidInput, override, "不是", user=chain.fenguan, version=version, issue_key="POL-000|x|y|1", reason="r")
    done = svc.political_override(user=chain.fenguan, version=version, issue_key=key, reason="引用历史文献原文")
    assert done.by == chain.fenguan.person and done.issue["text"] == issue["text"]
    assert AuditEvent.objects.filter(action="political_override").count() == 1
    _refused(Conflict, override, "已放行", user=chain.fenguan, version=version, issue_key=key, reason="再次")
    assert proofing.blocking(version) == []
    sign(user=chain.fenguan, piece=piece, stage=3, decision="approve")
    piece.refresh_from_db()
    assert piece.status == PieceStatus.APPROVED


def test_an_override_only_while_the_final_review_is_pending(chain):
    piece = _through(chain, _submitted(chain, POLITICAL), stages=(1,))
    version = piece.versions.get()
    [(key, _)] = proofing.blocking(version)
    _refused(Conflict, svc.political_override, "待终审", user=chain.fenguan, version=version, issue_key=key, reason="r")


def test_the_political_error_fixed_in_the_next_version_unblocks_the_final_review(chain):
    piece = _through(chain, _submitted(chain, POLITICAL), stages=(1, 2))
    svc.review_sign(user=chain.fenguan, piece=piece, stage=3, decision="return", opinion="请修改规范表述")
    piece.refresh_from_db()
    fixed = svc.version_add(user=chain.drafter, piece=piece, text=FIXED, note="改正规范表述")
    assert fixed.political_errors == 0 and proofing.blocking(fixed) == []
    changes = proofing.issue_changes(piece.versions.get(number=1), fixed)
    assert [i["rule"] for i in changes["fixed"]] == ["POL-007"] and changes["new"] == []
    svc.piece_submit(user=chain.drafter, piece=piece)
    svc.review_sign(user=chain.fenguan, piece=piece, stage=3, decision="approve")
    piece.refresh_from_db()
    assert piece.status == PieceStatus.APPROVED


def test_a_reviewer_of_the_pending_stage_may_edit_and_nobody_else(chain, cadre_other_unit):
    piece = _submitted(chain)
    _refused(Forbidden, svc.version_add, "当前环节", user=cadre_other_unit, piece=piece, text=CLEAN + "一。")
    _refused(Forbidden, svc.version_add, "当前环节", user=chain.drafter, piece=piece, text=CLEAN + "一。")
    edit = svc.version_add(user=chain.editor, piece=piece, text=CLEAN + "（编辑修改）\n", note="编辑")
    assert edit.number == 2 and edit.author == chain.editor.person


def test_publication_refusals(chain, cadre_other_unit):
    piece = _submitted(chain)
    publish = svc.piece_publish
    _refused(Conflict, publish, "不能登记发布", user=chain.editor, piece=piece, published_on=clock.today())
    piece = _through(chain, piece)
    _refused(Forbidden, publish, "阵地责任人或机关党委", user=cadre_other_unit, piece=piece, published_on=clock.today())
    yesterday = clock.today() - dt.timedelta(days=1)
    _refused(InvalidInput, publish, "先审后发", user=chain.editor, piece=piece, published_on=yesterday)
    tomorrow = clock.today() + dt.timedelta(days=1)
    _refused(InvalidInput, publish, "不能晚于今天", user=chain.editor, piece=piece, published_on=tomorrow)
    svc.piece_publish(user=chain.party_officer, piece=piece, published_on=clock.today())


def test_a_printed_piece_needs_three_rounds_in_order_before_publication(chain, org):
    printed = OutletFactory(unit=org.unit_a, owner=chain.editor.person, kind=OutletKind.PUBLICATION, name="机关刊物")
    piece = _through(chain, _submitted(chain, outlet=printed))
    today = clock.today()
    record = svc.proof_round_record
    _refused(InvalidInput, svc.piece_publish, "三校", user=chain.editor, piece=piece, published_on=today)
    kw = {"user": chain.editor, "piece": piece, "done_on": today}
    _refused(InvalidInput, record, "下一次应为一校", round=2, proofreader=chain.head.person, **kw)
    _refused(InvalidInput, record, "撰稿人本人", round=1, proofreader=chain.drafter.person, **kw)
    _refused(
        Forbidden,
        record,
        "阵地责任人或机关党委",
        **(kw | {"user": chain.drafter}),
        round=1,
        proofreader=chain.head.person,
    )
    for n in (1, 2, 3):
        record(round=n, proofreader=chain.head.person, **kw)
    _refused(InvalidInput, record, "三校已登记完毕", round=4, proofreader=chain.head.person, **kw)
    svc.piece_publish(user=chain.editor, piece=piece, published_on=today)


def test_rounds_only_for_printed_outlets(chain):
    piece = _submitted(chain)
    _refused(
        InvalidInput,
        svc.proof_round_record,
        "印制类",
        user=chain.editor,
        piece=piece,
        round=1,
        proofreader=chain.head.person,
        done_on=clock.today(),
    )


def test_withdrawal_by_the_drafter_and_take_down_by_the_party_office(chain):
    piece = _submitted(chain)
    _refused(Forbidden, svc.piece_withdraw, "只有撰稿人", user=chain.editor, piece=piece, reason="不发了")
    _refused(InvalidInput, svc.piece_withdraw, "撤稿原因", user=chain.drafter, piece=piece, reason="")
    svc.piece_withdraw(user=chain.drafter, piece=piece, reason="活动取消")
    piece.refresh_from_db()
    assert piece.status == PieceStatus.WITHDRAWN and piece.withdrawn_reason == "活动取消"
    assert AuditEvent.objects.filter(action="record_deleted", target_id=str(piece.pk)).exists()
    _refused(Conflict, svc.piece_submit, "不能送审", user=chain.drafter, piece=piece)
    published = _through(chain, _submitted(chain))
    svc.piece_publish(user=chain.editor, piece=published, published_on=clock.today())
    _refused(Forbidden, svc.piece_withdraw, "机关党委", user=chain.drafter, piece=published, reason="错误")
    svc.piece_withdraw(user=chain.party_officer, piece=published, reason="内容有误")
    published.refresh_from_db()
    assert published.status == PieceStatus.WITHDRAWN and published.published_on == clock.today()


def test_creation_refusals_write_nothing(chain, org):
    closed = OutletFactory(unit=org.unit_a, owner=chain.editor.person, closed_on=dt.date(2025, 1, 1))
    create = svc.piece_create
    base = {"user": chain.drafter, "title": "标题", "kind": "article"}
    _refused(InvalidInput, create, "已关停", outlet=closed, text=CLEAN, **{k: v for k, v in base.items()})
    _refused(InvalidInput, create, "请填写标题", **(base | {"title": " "}), outlet=chain.outlet, text=CLEAN)
    _refused(InvalidInput, create, "", **base, outlet=chain.outlet, text="   ")
    _refused(InvalidInput, create, "", **base, outlet=chain.outlet, data=b"not a document", file_name="稿件.docx")


def test_a_docx_is_kept_under_media_root_and_its_text_in_the_version(chain):
    data = text_to_docx(CLEAN)
    piece = _piece(chain, text=None, data=data, file_name="会议稿.docx")
    version = piece.versions.get()
    assert version.stored_path.startswith(f"ideology/{piece.organ_id}/") and version.stored_path.endswith(".docx")
    assert (Path(settings.MEDIA_ROOT) / version.stored_path).read_bytes() == data
    assert "传达学习全会精神" in version.text and version.file_name == "会议稿.docx"
    assert proofing.original_bytes(version) == data


def test_a_sensitive_piece_needs_the_higher_levels(chain):
    piece = _piece(chain, sensitive=True, sensitive_reason="涉及重大政策")
    svc.piece_submit(user=chain.drafter, piece=piece)
    # 初审 moves up to the unit head: the outlet's editor may no longer sign it.
    _refused(Forbidden, svc.review_sign, "撰稿委室负责人", user=chain.editor, piece=piece, stage=1, decision="approve")
    svc.review_sign(user=chain.head, piece=piece, stage=1, decision="approve")
    svc.review_sign(user=chain.fenguan, piece=piece, stage=2, decision="approve")
    svc.review_sign(user=chain.shuji, piece=piece, stage=3, decision="approve")
    piece.refresh_from_db()
    assert piece.status == PieceStatus.APPROVED


def test_the_reviewers_of_the_next_stage_hear_of_it(chain, django_capture_on_commit_callbacks):
    from qinglian.notify.models import Message

    piece = _piece(chain)
    with django_capture_on_commit_callbacks(execute=True):
        svc.piece_submit(user=chain.drafter, piece=piece)
    first = set(Message.objects.filter(link=f"/ideology/pieces/{piece.pk}/").values_list("recipient_id", flat=True))
    assert chain.editor.pk in first and chain.drafter.pk not in first
    with django_capture_on_commit_callbacks(execute=True):
        svc.review_sign(user=chain.editor, piece=piece, stage=1, decision="approve")
    second = Message.objects.filter(link=f"/ideology/pieces/{piece.pk}/", subject__startswith="稿件待复审")
    assert chain.head.pk in set(second.values_list("recipient_id", flat=True))
    assert chain.editor.pk not in set(second.values_list("recipient_id", flat=True))


def test_the_drafter_corrects_the_particulars_only_while_the_piece_is_with_them(chain, org):
    piece = _piece(chain)
    update = svc.piece_update
    kw = {"piece": piece, "title": "新标题", "kind": "notice", "sensitive": True, "sensitive_reason": "涉及人事"}
    _refused(Forbidden, update, "只有撰稿人", user=chain.editor, **kw)
    _refused(InvalidInput, update, "请选择稿件类型", user=chain.drafter, **(kw | {"kind": "poem"}))
    svc.piece_update(user=chain.drafter, **kw)
    piece.refresh_from_db()
    assert (piece.title, piece.kind, piece.sensitive, piece.sensitive_reason) == ("新标题", "notice", True, "涉及人事")
    svc.piece_submit(user=chain.drafter, piece=piece)
    _refused(Conflict, update, "撰稿人不能修改", user=chain.drafter, **kw)


def test_a_drafting_unit_of_another_organ_is_refused(chain):
    from qinglian.org.tests.factories import UnitFactory

    elsewhere = UnitFactory()
    _refused(InvalidInput, svc.piece_create, "本机关的撰稿委室", **_create_kwargs(chain), unit=elsewhere)


def _create_kwargs(chain) -> dict:
    return {"user": chain.drafter, "outlet": chain.outlet, "title": "标题", "kind": "article", "text": CLEAN}
