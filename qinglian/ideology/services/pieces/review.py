"""The reviewers' writes: sign a stage (approve or return), override a political finding at 终审, the three
proofreading rounds of a printed piece, and the publication of an approved piece."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.ideology import proofing, reviewers
from qinglian.ideology.choices import PRINT_KINDS, ReviewDecision, ReviewerLevel, Stage
from qinglian.ideology.models import Piece, PieceVersion, PoliticalOverride, ProofRound, ReviewSignoff
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.services.pieces.common import (
    PROOF_ROUNDS,
    ROUND_NAMES,
    SELF_REVIEW,
    TWO_STAGES,
    S,
    _locked,
    _move,
    _not_future,
    _person_id,
    _same_organ,
    _tell_reviewers,
    latest_version,
    pending_stage,
)
from qinglian.org.scope import scope_of


def _check_signer(piece: Piece, stage: int, person_id: int, on: dt.date) -> None:
    """Who may sign this stage (reviewers.eligible), with the reason for a refusal."""
    if person_id == piece.drafter_id:
        raise Forbidden(SELF_REVIEW)
    others = piece.signoffs.filter(decision=ReviewDecision.APPROVE, reviewer_id=person_id).exclude(stage=stage)
    if others.exists():
        raise Forbidden(TWO_STAGES)
    if person_id not in {p.pk for p in reviewers.eligible(piece, stage, on)}:
        required = piece.outlet.levels(sensitive=piece.sensitive)[stage - 1]
        label = ReviewerLevel(required).label
        raise Forbidden(f"您不能签署该稿件的{Stage(stage).label}：须由{label}或更高层级的人员审核")


@transaction.atomic
def review_sign(
    *,
    user: Any,
    piece: Piece,
    stage: int,
    decision: str,
    opinion: str = "",
    on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ReviewSignoff:
    """Sign the pending stage on the latest version: approve (the next stage is pending; 终审 → approved) or return
    (→ returned, an opinion required). Refused: not the pending stage, the user's person not eligible
    (reviewers.eligible), the drafter, a person who approved another stage, and 终审 while the latest version has
    political errors neither fixed nor overridden."""
    current = _locked(piece)
    _same_organ(user, current)
    if decision not in ReviewDecision.values:
        raise InvalidInput("审核意见只能是同意或退回修改")
    if stage not in Stage.values:
        raise InvalidInput("审核环节只能是初审、复审或终审")
    if decision == ReviewDecision.RETURN:
        name = "return"
    else:
        name = "approve_final" if stage == Stage.FINAL else "approve"
    _move(current, name)
    pending = pending_stage(current)
    if stage != pending:
        raise Conflict(f"该稿件当前待{Stage(pending).label if pending else '发布'}，不能签署{Stage(stage).label}")
    person_id = _person_id(user)
    day = on or clock.today()
    _not_future(day, "审核日期")
    if current.submitted_on and day < current.submitted_on:
        raise InvalidInput("审核日期不能早于送审日期")
    earlier = current.signoffs.filter(decision=ReviewDecision.APPROVE, stage__lt=stage).aggregate(d=Max("signed_on"))
    if earlier["d"] and day < earlier["d"]:
        raise InvalidInput("审核日期不能早于上一环节的审核日期")
    _check_signer(current, stage, person_id, day)
    opinion = opinion.strip()
    if decision == ReviewDecision.RETURN and not opinion:
        raise InvalidInput("退回修改须填写审核意见")
    version = latest_version(current)
    if decision == ReviewDecision.APPROVE and stage == Stage.FINAL and version is not None:
        left = proofing.blocking(version)
        if left:
            raise InvalidInput(f"终审前须修改或放行全部政治性问题（尚有{len(left)}处）")
    signoff = ReviewSignoff.objects.create(
        piece=current,
        stage=stage,
        decision=decision,
        reviewer_id=person_id,
        user=user,
        level=reviewers.level_of(person_id, current, on=day),
        version=version,
        signed_on=day,
        signed_at=clock.now(),
        opinion=opinion[:500],
    )
    current._change_reason = f"{Stage(stage).label}{ReviewDecision(decision).label}"  # type: ignore[attr-defined]
    save_checked(current, by=user)
    audit_record(
        action=AuditAction.REVIEW_SIGNED,
        user=user,
        request=request,
        target=current,
        target_repr=f"{Stage(stage).label}：{current.title}",
        detail={
            "stage": stage,
            "decision": decision,
            "version": version.number if version else None,
            "signed_on": day.isoformat(),
            "level": signoff.level,
            "opinion": opinion,
        },
    )
    if current.status == S.IN_REVIEW:
        _tell_reviewers(current, pending_stage(current))
    return signoff


@transaction.atomic
def political_override(
    *, user: Any, version: PieceVersion, issue_key: str, reason: str, request: HttpRequest | None = None
) -> PoliticalOverride:
    """The final reviewer (a person eligible for 终审 of the piece, pending 终审) lets one political finding of the
    latest version stand, with a reason; audited."""
    current = _locked(version.piece)
    _same_organ(user, current)
    if current.status != S.IN_REVIEW or pending_stage(current) != Stage.FINAL:
        raise Conflict("只有待终审的稿件可以放行政治性问题")
    latest = latest_version(current)
    if latest is None or latest.pk != version.pk:
        raise InvalidInput("只能放行最新稿中的政治性问题")
    person_id = _person_id(user)
    if person_id == current.drafter_id:
        raise Forbidden(SELF_REVIEW)
    if person_id not in {p.pk for p in reviewers.eligible(current, Stage.FINAL)}:
        raise Forbidden("只有该稿件的终审人可以放行政治性问题")
    if version.overrides.filter(issue_key=issue_key).exists():
        raise Conflict("该问题已放行")
    issue = dict(proofing.blocking(latest)).get(issue_key)
    if issue is None:
        raise InvalidInput("该问题不是最新稿中待处理的政治性问题")
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请填写放行理由（如引用历史文献原文）")
    override = PoliticalOverride.objects.create(
        version=latest,
        issue_key=issue_key,
        issue=issue,
        reason=reason[:500],
        by_id=person_id,
        user=user,
        at=clock.now(),
    )
    audit_record(
        action=AuditAction.POLITICAL_OVERRIDE,
        user=user,
        request=request,
        target=current,
        target_repr=f"放行：{issue.get('text', '')}（{current.title}）"[:200],
        detail={"version": latest.number, "issue_key": issue_key, "rule": issue.get("rule"), "reason": reason},
    )
    return override


# --- proofreading rounds and publication -----------------------------------------------------------------------


def _outlet_keeper(user: Any, piece: Piece, what: str) -> None:
    if not (can_keep_register(user) or (scope_of(user).person_id or 0) == piece.outlet.owner_id):
        raise Forbidden(f"只有阵地责任人或机关党委可以{what}")


@transaction.atomic
def proof_round_record(
    *,
    user: Any,
    piece: Piece,
    round: int,
    proofreader: Any,
    done_on: dt.date,
    note: str = "",
    request: HttpRequest | None = None,
) -> ProofRound:
    """One proofreading round (1–3) of a printed piece, in order, by the outlet's responsible person or the
    party-affairs office; the proofreader is not the drafter."""
    current = _locked(piece)
    _same_organ(user, current)
    _outlet_keeper(user, current, "登记校对")
    if current.outlet.kind not in PRINT_KINDS:
        raise InvalidInput("只有内部刊物、宣传栏等印制类阵地的稿件需要登记三校")
    if current.status not in (S.IN_REVIEW, S.APPROVED):
        raise Conflict(f"稿件当前状态为“{current.get_status_display()}”，不能登记校对")
    done = list(current.proof_rounds.order_by("round"))
    if round != len(done) + 1 or round > PROOF_ROUNDS:
        expected = ROUND_NAMES.get(len(done) + 1)
        raise InvalidInput(f"校对须依次登记一校、二校、三校，下一次应为{expected}" if expected else "三校已登记完毕")
    if proofreader is None or proofreader.organ_id != current.organ_id:
        raise InvalidInput("请选择本机关的校对人")
    if proofreader.pk == current.drafter_id:
        raise InvalidInput("校对人不能是撰稿人本人")
    if done_on is None:
        raise InvalidInput("请填写校对日期")
    _not_future(done_on, "校对日期")
    if current.submitted_on and done_on < current.submitted_on:
        raise InvalidInput("校对日期不能早于送审日期")
    if done and done_on < done[-1].done_on:
        raise InvalidInput(f"{ROUND_NAMES[round]}日期不能早于{ROUND_NAMES[round - 1]}日期")
    proof = ProofRound.objects.create(
        piece=current, round=round, proofreader=proofreader, done_on=done_on, note=note.strip()[:300], user=user
    )
    audit_record(
        action=AuditAction.REVIEW_SIGNED,
        user=user,
        request=request,
        target=current,
        target_repr=f"{ROUND_NAMES[round]}：{current.title}",
        detail={"proof_round": round, "proofreader": proofreader.pk, "done_on": done_on.isoformat()},
    )
    return proof


@transaction.atomic
def piece_publish(
    *,
    user: Any,
    piece: Piece,
    published_on: dt.date,
    published_url: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """Record the publication of an approved piece (outlet's responsible person or the party-affairs office), not
    before its 终审; a printed piece needs its three proofreading rounds first."""
    current = _locked(piece)
    _same_organ(user, current)
    _outlet_keeper(user, current, "登记发布")
    _move(current, "publish")
    if published_on is None:
        raise InvalidInput("请填写发布日期")
    _not_future(published_on, "发布日期")
    final = current.signoffs.filter(stage=Stage.FINAL, decision=ReviewDecision.APPROVE).first()
    if final is None or published_on < final.signed_on:
        raise InvalidInput("发布日期不能早于终审日期：先审后发")
    if current.outlet.kind in PRINT_KINDS:
        done = current.proof_rounds.filter(done_on__lte=published_on).count()
        if done < PROOF_ROUNDS:
            raise InvalidInput(f"印制类稿件须在发布前完成三校（已完成{done}次）")
    current.published_on = published_on
    current.published_url = published_url.strip()[:300]
    current._change_reason = "登记发布"  # type: ignore[attr-defined]
    return save_checked(current, by=user)
