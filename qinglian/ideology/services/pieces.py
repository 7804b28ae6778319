"""Writes of pieces and their three-stage review (三审三校).

Every function is keyword-only, atomic, locks the piece row, audits, and refuses in Chinese (InvalidInput 400,
Forbidden 403, Conflict 409) writing nothing. Status moves are a transitions table checked in one place. The
proofreading engine runs on every version (proofing.py); its political errors block 终审 until fixed in a later
version or overridden by the final reviewer.

SIGNATURES ARE FIXED (pages, API, import and demo are written against them); bodies by the pieces-core owner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.ideology import proofing, reviewers
from qinglian.ideology.choices import PRINT_KINDS, PieceKind, PieceStatus, ReviewDecision, ReviewerLevel, Stage
from qinglian.ideology.models import Outlet, Piece, PieceVersion, PoliticalOverride, ProofRound, ReviewSignoff
from qinglian.ideology.permissions import can_draft, can_keep_register
from qinglian.notify.services import notify
from qinglian.org.models import Person, Unit, User
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


def _add_version(
    *, user: Any, piece: Piece, number: int, text: str | None, data: bytes | None, file_name: str, note: str
) -> PieceVersion:
    """Proofread and store one version; a .docx original is kept (and removed again if the row is not saved)."""
    if data is None and text is None:
        raise InvalidInput("请粘贴稿件正文或上传 .docx / .txt 文件")
    found = proofing.proofread(user, text=text, data=data, name=file_name, on=clock.today())
    previous = latest_version(piece)
    if previous is not None and previous.sha256 == found["sha256"]:
        raise InvalidInput(f"新稿与第{previous.number}稿内容完全相同，未保存新稿；请修改后再上传")
    stored, wrote = (
        proofing.save_original(piece.organ_id, data) if data is not None and found["is_docx"] else ("", False)
    )
    try:
        with transaction.atomic():
            version = PieceVersion(
                piece=piece,
                number=number,
                text=found["text"],
                file_name=_clean_name(file_name) if data is not None else "",
                stored_path=stored,
                sha256=found["sha256"],
                chars=len(found["text"]),
                note=note.strip()[:300],
                author_id=_person_id(user),
                created_by=user,
                created_at=clock.now(),
                issues=found["issues"],
                error_count=found["error_count"],
                political_errors=found["political_errors"],
                category_counts=found["category_counts"],
                duration_ms=found["duration_ms"],
            )
            version.full_clean()
            version.save()
    except BaseException:
        if wrote:
            (Path(settings.MEDIA_ROOT) / stored).unlink(missing_ok=True)  # no row points at it
        raise
    return version


def _clean_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable()).strip()[:255]


@transaction.atomic
def piece_create(
    *,
    user: Any,
    outlet: Outlet,
    title: str,
    kind: str,
    unit: Any = None,
    sensitive: bool = False,
    sensitive_reason: str = "",
    text: str | None = None,
    data: bytes | None = None,
    file_name: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """A new piece drafted by the user's person (unit: theirs unless given) for an open outlet, with its first
    version (text, or a .txt/.docx file's bytes) proofread. Status draft."""
    if not can_draft(user):
        raise Forbidden("您的账号不能起草稿件")
    drafter = Person.objects.get(pk=_person_id(user))
    organ_id = scope_of(user).organ_id
    if outlet.organ_id != organ_id:
        raise Forbidden("不能为其他机关的阵地起草稿件")
    today = clock.today()
    if not Outlet.objects.filter(pk=outlet.pk).open_on(today).exists():
        raise InvalidInput(f"阵地“{outlet.name}”今天未开设或已关停，不能起草稿件")
    unit = unit or drafter.unit
    if unit is None or not Unit.objects.filter(pk=unit.pk, organ_id=organ_id).exists():
        raise InvalidInput("请选择本机关的撰稿委室")
    piece = Piece(
        organ_id=organ_id,
        outlet=outlet,
        title=_check_particulars(title, kind),
        kind=kind,
        unit=unit,
        drafter=drafter,
        sensitive=bool(sensitive),
        sensitive_reason=sensitive_reason.strip() if sensitive else "",
        status=S.DRAFT,
    )
    piece._change_reason = "起草稿件"  # type: ignore[attr-defined]
    save_checked(piece, by=user)
    _add_version(user=user, piece=piece, number=1, text=text, data=data, file_name=file_name, note=note or "初稿")
    return piece


@transaction.atomic
def piece_update(
    *,
    user: Any,
    piece: Piece,
    title: str,
    kind: str,
    sensitive: bool,
    sensitive_reason: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """The drafter corrects the piece's particulars while it is with them (draft or returned)."""
    current = _locked(piece)
    if _person_id(user) != current.drafter_id:
        raise Forbidden("只有撰稿人可以修改稿件信息")
    if current.status not in WITH_DRAFTER:
        raise Conflict(f"稿件当前状态为“{current.get_status_display()}”，撰稿人不能修改")
    current.title = _check_particulars(title, kind)
    current.kind = kind
    current.sensitive = bool(sensitive)
    current.sensitive_reason = sensitive_reason.strip() if sensitive else ""
    current._change_reason = "修改稿件信息"  # type: ignore[attr-defined]
    return save_checked(current, by=user)


@transaction.atomic
def version_add(
    *,
    user: Any,
    piece: Piece,
    text: str | None = None,
    data: bytes | None = None,
    file_name: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> PieceVersion:
    """A new version, proofread: by the drafter while the piece is with them, or by a reviewer who may sign its
    pending stage while it is in review (a reviewer's edit)."""
    current = _locked(piece)
    _same_organ(user, current)
    person_id = _person_id(user)
    if current.status in WITH_DRAFTER:
        if person_id != current.drafter_id:
            raise Forbidden("稿件在撰稿人处修改，只有撰稿人可以上传新稿")
    elif current.status == S.IN_REVIEW:
        stage = pending_stage(current)
        if stage is None or person_id not in {p.pk for p in reviewers.eligible(current, stage)}:
            raise Forbidden("审核中的稿件只有当前环节的审核人可以修改")
    else:
        raise Conflict(f"稿件当前状态为“{current.get_status_display()}”，不能上传新稿")
    number = (current.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return _add_version(user=user, piece=current, number=number, text=text, data=data, file_name=file_name, note=note)


# --- review ---------------------------------------------------------------------------------------------------


@transaction.atomic
def piece_submit(*, user: Any, piece: Piece, on: dt.date | None = None, request: HttpRequest | None = None) -> Piece:
    """The drafter sends the piece (draft or returned) to review: in_review, pending the first unsigned stage."""
    current = _locked(piece)
    if _person_id(user) != current.drafter_id:
        raise Forbidden("只有撰稿人可以送审")
    _move(current, "submit")
    day = on or clock.today()
    _not_future(day, "送审日期")
    last = latest_version(current)
    if last is None:
        raise InvalidInput("稿件还没有正文，不能送审")
    if day < timezone.localdate(last.created_at):
        raise InvalidInput("送审日期不能早于最新稿的上传日期")
    current.submitted_on = day
    current._change_reason = "送审"  # type: ignore[attr-defined]
    save_checked(current, by=user)
    _tell_reviewers(current, pending_stage(current))
    return current


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


@transaction.atomic
def piece_withdraw(*, user: Any, piece: Piece, reason: str, request: HttpRequest | None = None) -> Piece:
    """The drafter withdraws an unpublished piece, or the party-affairs office takes down a published one; the
    reason is kept (nothing is deleted)."""
    current = _locked(piece)
    _same_organ(user, current)
    was = current.status
    if was == S.PUBLISHED:
        if not can_keep_register(user):
            raise Forbidden("只有机关党委可以撤下已发布的稿件")
        _move(current, "take_down")
    else:
        if (scope_of(user).person_id or 0) != current.drafter_id:
            raise Forbidden("只有撰稿人可以撤回未发布的稿件")
        _move(current, "withdraw")
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请填写撤稿原因")
    current.withdrawn_reason = reason[:300]
    current._change_reason = f"撤稿：{reason}"[:100]  # type: ignore[attr-defined]
    save_checked(current, by=user)
    audit_record(
        action=AuditAction.RECORD_DELETED,
        user=user,
        request=request,
        target=current,
        target_repr=f"撤稿：{current.title}",
        detail={"model": "ideology.piece", "from": was, "reason": reason},
    )
    return current


# --- notices --------------------------------------------------------------------------------------------------


def _tell_reviewers(piece: Piece, stage: int | None) -> None:
    """The people who may sign the pending stage hear of it (after commit; one notice per piece and stage)."""
    if stage is None:
        return
    people = [p.pk for p in reviewers.eligible(piece, stage)]
    recipients = list(User.objects.filter(person_id__in=people, is_active=True))
    if not recipients:
        return
    pk, organ, title, label = piece.pk, piece.organ, piece.title, Stage(stage).label

    def send() -> None:
        notify(
            recipients=recipients,
            kind="approval",
            subject=f"稿件待{label}：{title}"[:200],
            body=f"《{title}》已送审，待您{label}。请在稿件页面查看审校结果后签署意见。",
            key=f"ideology-piece-{pk}-stage-{stage}-{piece.submitted_on}",
            organ=organ,
            link=f"/ideology/pieces/{pk}/",
        )

    transaction.on_commit(send)
