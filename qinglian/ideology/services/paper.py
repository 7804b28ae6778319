"""Pieces copied from the organ's paper publication ledger (发布登记台账) and sign-off sheets (审签单).

Before the system went live the organ reviewed and published on paper. The party-affairs office copies those rows
in so the year's figures and the rules cover the whole year: the piece is recorded as published, with the
sign-offs and proofreading rounds the paper shows (source paper, no account, no version, no level). What the paper
shows is kept as it happened — a missing stage, one person signing two stages, a publication dated before a
sign-off are not refused here: the rules (IDEO-010…013) judge them. Refused, writing nothing: a date in the
future, a missing publication date, people or units of another organ, a stage or a round given twice, a round
without the one before it, and a row already in the ledger (same outlet, title and publication date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock, hooks
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.ideology.choices import PieceKind, PieceStatus, ReviewDecision, SignoffSource, Stage
from qinglian.ideology.models import Outlet, Piece, ProofRound, ReviewSignoff
from qinglian.ideology.permissions import can_keep_register
from qinglian.org.models import Person, Unit

REFUSAL = "只有机关党委可以补录纸质发布登记台账"
ROUND_NAMES = {1: "一校", 2: "二校", 3: "三校"}


@dataclass(frozen=True)
class PaperSignoff:
    """One stage's signature on a paper sign-off sheet: who signed and on which day."""

    stage: int
    reviewer: Person
    signed_on: dt.date


@dataclass(frozen=True)
class PaperProof:
    """One proofreading round on paper: which round, by whom, on which day."""

    round: int
    proofreader: Person
    done_on: dt.date


def already_recorded(organ_id: int, outlet_id: int, title: str, published_on: dt.date | None) -> Piece | None:
    """The piece the ledger already holds for this outlet, title and publication date (the import's 无变化)."""
    return (
        Piece.objects.filter(organ_id=organ_id, outlet_id=outlet_id, title=title, published_on=published_on)
        .order_by("pk")
        .first()
    )


def _organ(user: Any, organ: Any) -> Any:
    if not can_keep_register(user):
        raise Forbidden(REFUSAL)
    own = hooks.organ_of(user)
    if own is None or (organ is not None and organ.pk != own.pk):
        raise Forbidden("不能补录其他机关的发布登记台账")
    return own


def _check(
    organ_id: int,
    *,
    outlet: Outlet,
    kind: str,
    title: str,
    unit: Unit,
    drafter: Person,
    signoffs: Sequence[PaperSignoff],
    proofs: Sequence[PaperProof],
    published_on: dt.date | None,
) -> None:
    """Everything refused before a row is written (see the module's docstring)."""
    today = clock.today()
    if outlet.organ_id != organ_id or unit.organ_id != organ_id or drafter.organ_id != organ_id:
        raise InvalidInput("阵地、撰稿委室和撰稿人须为本机关的")
    if not title.strip():
        raise InvalidInput("请填写标题")
    if kind not in PieceKind.values:
        raise InvalidInput("请选择稿件类型")
    if published_on is None:
        raise InvalidInput("请填写发布日期：补录的是已发布的稿件")
    if published_on > today:
        raise InvalidInput("发布日期不能晚于今天")
    stages = [s.stage for s in signoffs]
    if len(set(stages)) != len(stages) or not set(stages) <= set(Stage.values):
        raise InvalidInput("初审、复审、终审各只能登记一次")
    for s in signoffs:
        if s.reviewer.organ_id != organ_id:
            raise InvalidInput(f"{Stage(s.stage).label}人须为本机关人员")
        if s.signed_on > today:
            raise InvalidInput(f"{Stage(s.stage).label}日期不能晚于今天")
    rounds = sorted(p.round for p in proofs)
    if rounds != list(range(1, len(rounds) + 1)) or len(rounds) > len(ROUND_NAMES):
        raise InvalidInput("校对须依次登记一校、二校、三校，不能缺少前一校次或重复登记")
    for p in proofs:
        if p.proofreader.organ_id != organ_id:
            raise InvalidInput("校对人须为本机关人员")
        if p.done_on > today:
            raise InvalidInput(f"{ROUND_NAMES[p.round]}日期不能晚于今天")


@transaction.atomic
def piece_record_paper(
    *,
    user: Any,
    organ: Any = None,
    outlet: Outlet,
    kind: str,
    title: str,
    unit: Unit,
    drafter: Person,
    sensitive: bool = False,
    sensitive_reason: str = "",
    signoffs: Sequence[PaperSignoff] = (),
    proofs: Sequence[PaperProof] = (),
    published_on: dt.date | None,
    published_url: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """A published piece as the paper ledger shows it, with its paper sign-offs and proofreading rounds."""
    organ = _organ(user, organ)
    title = title.strip()
    _check(
        organ.pk,
        outlet=outlet,
        kind=kind,
        title=title,
        unit=unit,
        drafter=drafter,
        signoffs=signoffs,
        proofs=proofs,
        published_on=published_on,
    )
    # Lock the outlet: two imports of one sheet at once must not both find the row missing.
    Outlet.all_objects.select_for_update().filter(pk=outlet.pk).first()
    if already_recorded(organ.pk, outlet.pk, title, published_on) is not None:
        quoted = Piece(title=title).quoted
        raise Conflict(f"{quoted}已在发布登记台账中（同一阵地、同一发布日期），未重复登记")
    piece = Piece(
        organ=organ,
        outlet=outlet,
        kind=kind,
        title=title,
        unit=unit,
        drafter=drafter,
        sensitive=sensitive,
        sensitive_reason=sensitive_reason.strip(),
        status=PieceStatus.PUBLISHED,
        submitted_on=min((s.signed_on for s in signoffs), default=None),
        published_on=published_on,
        published_url=published_url.strip(),
        entry_source=SignoffSource.PAPER,
    )
    save_checked(piece, by=user)
    now = clock.now()
    for s in sorted(signoffs, key=lambda s: s.stage):
        ReviewSignoff.objects.create(
            piece=piece,
            stage=s.stage,
            decision=ReviewDecision.APPROVE,
            reviewer=s.reviewer,
            user=None,
            level=None,
            version=None,
            signed_on=s.signed_on,
            signed_at=now,
            source=SignoffSource.PAPER,
        )
    for p in sorted(proofs, key=lambda p: p.round):
        ProofRound.objects.create(piece=piece, round=p.round, proofreader=p.proofreader, done_on=p.done_on, user=user)
    audit_record(
        action=AuditAction.REVIEW_SIGNED,
        user=user,
        request=request,
        organ=organ,
        target=piece,
        target_repr=f"纸质审签单补录：{title}",
        detail={
            "source": SignoffSource.PAPER.value,
            "signoffs": [
                {"stage": s.stage, "reviewer": s.reviewer.pk, "signed_on": s.signed_on.isoformat()} for s in signoffs
            ],
            "proof_rounds": [p.round for p in proofs],
            "published_on": published_on.isoformat() if published_on else None,
        },
    )
    return piece
