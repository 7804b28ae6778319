"""The drafter's writes: a new piece with its first version, its particulars, later versions (also a reviewer's
edit), sending it to review, withdrawing it — each version proofread by the engine (proofing.py)."""

from __future__ import annotations

import datetime as dt
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
from qinglian.ideology.models import Outlet, Piece, PieceVersion
from qinglian.ideology.permissions import can_draft, can_keep_register
from qinglian.ideology.services.pieces.common import (
    WITH_DRAFTER,
    S,
    _check_particulars,
    _locked,
    _move,
    _not_future,
    _person_id,
    _same_organ,
    _tell_reviewers,
    latest_version,
    pending_stage,
)
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of


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
