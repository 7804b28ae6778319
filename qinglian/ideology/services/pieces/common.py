"""What the writes of pieces share: the status transitions checked in one place, the row lock, the refusals' words,
the latest version and the pending stage, and the notice to the next stage's reviewers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology import reviewers
from qinglian.ideology.choices import PieceKind, PieceStatus, ReviewDecision, Stage
from qinglian.ideology.models import Piece, PieceVersion
from qinglian.notify.services import notify
from qinglian.org.models import User
from qinglian.org.scope import scope_of

S = PieceStatus
PROOF_ROUNDS = 3  # 一校、二校、三校 (the model allows rounds 1–3)
ROUND_NAMES = {1: "一校", 2: "二校", 3: "三校"}
SELF_REVIEW = "不能审核本人起草的稿件"
TWO_STAGES = "您已审核过该稿件的其他环节，三审须由三个不同的人完成"
WITH_DRAFTER = (S.DRAFT, S.RETURNED)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str


# Every status move of a piece; `_move` is the one place that checks them.
TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", "送审", WITH_DRAFTER, S.IN_REVIEW),
        Transition("approve", "审核通过", (S.IN_REVIEW,), S.IN_REVIEW),
        Transition("return", "退回修改", (S.IN_REVIEW,), S.RETURNED),
        Transition("approve_final", "终审通过", (S.IN_REVIEW,), S.APPROVED),
        Transition("publish", "登记发布", (S.APPROVED,), S.PUBLISHED),
        Transition("withdraw", "撤回", (S.DRAFT, S.RETURNED, S.IN_REVIEW, S.APPROVED), S.WITHDRAWN),
        Transition("take_down", "撤下", (S.PUBLISHED,), S.WITHDRAWN),
    )
}


def _move(piece: Piece, name: str) -> None:
    transition = TRANSITIONS[name]
    if piece.status not in transition.sources:
        raise Conflict(f"稿件当前状态为“{piece.get_status_display()}”，不能{transition.label}")
    piece.status = transition.target


def _locked(piece: Piece) -> Piece:
    current = Piece.all_objects.select_for_update().select_related("outlet").filter(pk=piece.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该稿件已删除")
    return current


def _person_id(user: Any) -> int:
    person_id = scope_of(user).person_id
    if person_id is None:
        raise Forbidden("您的账号未关联人员，不能办理稿件")
    return person_id


def _same_organ(user: Any, piece: Piece) -> None:
    if scope_of(user).organ_id != piece.organ_id:
        raise Forbidden("不能办理其他机关的稿件")


def _not_future(day: dt.date, label: str) -> None:
    if day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def latest_version(piece: Piece) -> PieceVersion | None:
    return piece.versions.order_by("-number").first()


def pending_stage(piece: Piece) -> int | None:
    """The lowest stage without an approval; None when all three are approved."""
    approved = set(piece.signoffs.filter(decision=ReviewDecision.APPROVE).values_list("stage", flat=True))
    return next((s for s in Stage.values if s not in approved), None)


def _check_particulars(title: str, kind: str) -> str:
    title = title.strip()
    if not title:
        raise InvalidInput("请填写标题")
    if kind not in PieceKind.values:
        raise InvalidInput("请选择稿件类型")
    return title


# --- versions -------------------------------------------------------------------------------------------------


def _tell_reviewers(piece: Piece, stage: int | None) -> None:
    """The people who may sign the pending stage hear of it (after commit; one notice per piece and stage)."""
    if stage is None:
        return
    people = [p.pk for p in reviewers.eligible(piece, stage)]
    recipients = list(User.objects.filter(person_id__in=people, is_active=True))
    if not recipients:
        return
    pk, organ, title, quoted, label = piece.pk, piece.organ, piece.title, piece.quoted, Stage(stage).label

    def send() -> None:
        notify(
            recipients=recipients,
            kind="approval",
            subject=f"稿件待{label}：{title}"[:200],
            body=f"{quoted}已送审，待您{label}。请在稿件页面查看审校结果后签署意见。",
            key=f"ideology-piece-{pk}-stage-{stage}-{piece.submitted_on}",
            organ=organ,
            link=f"/ideology/pieces/{pk}/",
        )

    transaction.on_commit(send)
