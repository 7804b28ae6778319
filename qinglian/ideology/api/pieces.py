"""Pieces and their three-stage review in the 意识形态 API: list, the caller's queue, one piece (its versions, the
engine's findings of the latest version and what changed since the one before, sign-offs, proofreading rounds),
and each write — create, a new version, submit, sign, override a political finding, a proofreading round, publish,
withdraw. Reads start from `selectors.pieces` (`visible_to`) and `access_piece`; writes go through
`services.pieces`, as the pages do; a refusal is a 4xx with its Chinese message."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import InvalidInput
from qinglian.ideology import proofing
from qinglian.ideology.choices import PieceStatus, ReviewDecision
from qinglian.ideology.models import Outlet, Piece
from qinglian.ideology.permissions import access_piece
from qinglian.ideology.schemas.pieces import (
    IdeologyPieceDetailOut,
    IdeologyPieceIn,
    IdeologyPieceOut,
    IdeologyPieceOverrideIn,
    IdeologyPieceProofRoundIn,
    IdeologyPiecePublishIn,
    IdeologyPieceQueueOut,
    IdeologyPieceSignIn,
    IdeologyPieceVersionIn,
    IdeologyPieceWithdrawIn,
)
from qinglian.ideology.selectors import pieces as selectors
from qinglian.ideology.services import pieces as services
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _ref(row: Any) -> dict[str, Any] | None:
    return {"id": row.pk, "name": row.name} if row is not None else None


def _issues(issues: list[dict[str, Any]], blocking: set[str]) -> list[dict[str, Any]]:
    return [{**issue, "key": key, "blocking": key in blocking} for key, issue in proofing.keyed(issues)]


def _detail(user: Any, pk: int) -> dict[str, Any]:
    piece = access_piece(user, pk)
    context = selectors.detail_context(user, piece)
    latest = context["latest"]
    blocking = {key for key, _ in context.get("blocking", [])}
    found = context.get("found")
    approvals = context["approvals"]
    return {
        **{name: getattr(piece, name) for name in IdeologyPieceOut.model_fields if hasattr(piece, name)},
        "kind_label": piece.get_kind_display(),
        "status_label": piece.get_status_display(),
        "outlet": _ref(piece.outlet),
        "unit": _ref(piece.unit),
        "drafter": _ref(piece.drafter),
        "versions": [
            {
                **{f: getattr(v, f) for f in ("number", "created_at", "file_name", "chars", "note", "error_count")},
                "political_errors": v.political_errors,
                "category_counts": v.category_counts or {},
                "author": _ref(v.author),
            }
            for v in context["versions"]
        ],
        "latest_text": latest.text if latest else "",
        "latest_issues": _issues(latest.issues or [], blocking) if latest else [],
        "since_previous": (
            {part: [{**i, "blocking": i["key"] in blocking} for i in found[part]] for part in ("new", "fixed", "kept")}
            if found is not None
            else None
        ),
        "signoffs": [
            {
                "stage": s.stage,
                "stage_label": s.get_stage_display(),
                "decision": s.decision,
                "decision_label": s.get_decision_display(),
                "reviewer": _ref(s.reviewer),
                "level": s.level,
                "version": s.version.number if s.version else None,
                "signed_on": s.signed_on,
                "opinion": s.opinion,
                "source": s.source,
            }
            for s in context["signoffs"]
        ],
        "proof_rounds": [
            {"round": r.round, "proofreader": _ref(r.proofreader), "done_on": r.done_on, "note": r.note}
            for r in context["proof_rounds"]
        ],
        "pending_stage": (
            next((s for s in (1, 2, 3) if s not in approvals), None) if piece.status == PieceStatus.IN_REVIEW else None
        ),
        "blocking": len(blocking),
    }


@router.get(
    "/pieces/",
    response={200: list[IdeologyPieceOut], **ERRORS},
    summary="稿件列表",
    url_name="ideology_api_piece_list",
)
@paginate(Pagination)
def piece_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="发布年度（未发布的按起草年度）"),
    outlet_id: int | None = Query(None, description="阵地"),
    unit_id: int | None = Query(None, description="撰稿委室"),
    status: str = Query(
        "", max_length=12, description="状态：draft、in_review、returned、approved、published、withdrawn"
    ),
    q: str = Query("", max_length=50, description="标题、撰稿人或网址"),
):
    return selectors.piece_list(auth_user(request), year=year, outlet_id=outlet_id, unit_id=unit_id, status=status, q=q)


@router.get(
    "/pieces/queue/",
    response={200: list[IdeologyPieceQueueOut], **ERRORS},
    summary="待我审核的稿件",
    url_name="ideology_api_piece_queue",
)
def piece_queue(request: HttpRequest) -> list[dict[str, Any]]:
    rows = selectors.review_queue(auth_user(request))
    return [
        {"piece": r.piece, "stage": r.stage, "stage_label": r.stage_label, "required_level": r.required} for r in rows
    ]


@router.get(
    "/pieces/{pk}/",
    response={200: IdeologyPieceDetailOut, **ERRORS},
    summary="一篇稿件（各稿、审校问题、审核签署）",
    url_name="ideology_api_piece_detail",
)
def piece_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(auth_user(request), pk)


@router.post(
    "/pieces/",
    response={201: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="新建稿件（第1稿）",
    url_name="ideology_api_piece_create",
)
def piece_create(request: HttpRequest, payload: IdeologyPieceIn) -> Status:
    """撰稿人为开设中的阵地起草稿件，正文保存时自动审校。"""
    user = auth_user(request)
    outlet = reference(Outlet.objects.visible_to(user), payload.outlet_id, "outlet_id", "阵地")
    piece = services.piece_create(
        user=user,
        outlet=outlet,
        title=payload.title,
        kind=payload.kind.value,
        sensitive=payload.sensitive,
        sensitive_reason=payload.sensitive_reason,
        text=payload.text,
        note=payload.note,
        request=request,
    )
    return Status(201, _detail(user, piece.pk))


def _piece(request: HttpRequest, pk: int) -> tuple[Any, Piece]:
    user = auth_user(request)
    return user, access_piece(user, pk, write=True)


@router.post(
    "/pieces/{pk}/versions/",
    response={201: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="上传新稿",
    url_name="ideology_api_piece_version_add",
)
def piece_version_add(request: HttpRequest, pk: int, payload: IdeologyPieceVersionIn) -> Status:
    user, piece = _piece(request, pk)
    services.version_add(user=user, piece=piece, text=payload.text, note=payload.note, request=request)
    return Status(201, _detail(user, pk))


@router.post(
    "/pieces/{pk}/submit/",
    response={200: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="送审",
    url_name="ideology_api_piece_submit",
)
def piece_submit(request: HttpRequest, pk: int) -> dict[str, Any]:
    user, piece = _piece(request, pk)
    services.piece_submit(user=user, piece=piece, request=request)
    return _detail(user, pk)


@router.post(
    "/pieces/{pk}/sign/",
    response={200: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="签署审核意见（初审、复审、终审）",
    url_name="ideology_api_piece_sign",
)
def piece_sign(request: HttpRequest, pk: int, payload: IdeologyPieceSignIn) -> dict[str, Any]:
    user, piece = _piece(request, pk)
    services.review_sign(
        user=user,
        piece=piece,
        stage=int(payload.stage),
        decision=ReviewDecision(payload.decision).value,
        opinion=payload.opinion,
        on=payload.on,
        request=request,
    )
    return _detail(user, pk)


@router.post(
    "/pieces/{pk}/override/",
    response={200: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="终审人放行最新稿中的一处政治性问题",
    url_name="ideology_api_piece_override",
)
def piece_override(request: HttpRequest, pk: int, payload: IdeologyPieceOverrideIn) -> dict[str, Any]:
    user, piece = _piece(request, pk)
    version = services.latest_version(piece)
    if version is None:
        raise InvalidInput("稿件还没有正文")
    services.political_override(
        user=user, version=version, issue_key=payload.issue_key, reason=payload.reason, request=request
    )
    return _detail(user, pk)


@router.post(
    "/pieces/{pk}/proof-rounds/",
    response={200: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="登记校对（一校、二校、三校）",
    url_name="ideology_api_piece_proof",
)
def piece_proof(request: HttpRequest, pk: int, payload: IdeologyPieceProofRoundIn) -> dict[str, Any]:
    user, piece = _piece(request, pk)
    people = Person.objects.filter(organ_id=scope_of(user).organ_id)
    proofreader = reference(people, payload.proofreader_id, "proofreader_id", "校对人")
    services.proof_round_record(
        user=user,
        piece=piece,
        round=payload.round,
        proofreader=proofreader,
        done_on=payload.done_on,
        note=payload.note,
        request=request,
    )
    return _detail(user, pk)


@router.post(
    "/pieces/{pk}/publish/",
    response={200: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="登记发布",
    url_name="ideology_api_piece_publish",
)
def piece_publish(request: HttpRequest, pk: int, payload: IdeologyPiecePublishIn) -> dict[str, Any]:
    user, piece = _piece(request, pk)
    services.piece_publish(
        user=user,
        piece=piece,
        published_on=payload.published_on,
        published_url=payload.published_url,
        request=request,
    )
    return _detail(user, pk)


@router.post(
    "/pieces/{pk}/withdraw/",
    response={200: IdeologyPieceDetailOut, **WRITE_ERRORS},
    summary="撤稿（撰稿人撤回未发布的稿件，机关党委撤下已发布的稿件）",
    url_name="ideology_api_piece_withdraw",
)
def piece_withdraw(request: HttpRequest, pk: int, payload: IdeologyPieceWithdrawIn) -> dict[str, Any]:
    user, piece = _piece(request, pk)
    services.piece_withdraw(user=user, piece=piece, reason=payload.reason, request=request)
    return _detail(user, pk)
