"""一会一报 in the 意识形态 API: list, one forum, filing and correction, a step's decision, held, cancelled. Reads
start from `selectors.forums` (`visible_to`) and `access_forum`; writes go through `services.forums`, as the pages
do. Refusals are 4xx with a Chinese message."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.ideology.models import Forum
from qinglian.ideology.permissions import access_forum
from qinglian.ideology.schemas.forums import (
    IdeologyForumCancelIn,
    IdeologyForumDecideIn,
    IdeologyForumIn,
    IdeologyForumOut,
)
from qinglian.ideology.selectors import forums as selectors
from qinglian.ideology.services.forums import forum_cancel, forum_decide, forum_file, forum_mark_held, forum_update
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}
FIELDS = ("title", "topic", "co_hosts", "speaker", "speaker_title", "outline", "audience", "audience_size", "venue")


def _fill(user, forum: Forum, payload: IdeologyForumIn) -> None:
    forum.unit = reference(organ_units(user), payload.unit_id, "unit_id", "委室")
    for name in (*FIELDS, "online", "foreign_participants", "foreign_detail", "held_on"):
        setattr(forum, name, getattr(payload, name))
    forum.kind, forum.host_role = payload.kind.value, payload.host_role.value


def _one(user, pk: int) -> Forum:
    forum = access_forum(user, pk)
    return Forum.objects.select_related("unit", "applicant").prefetch_related("approvals__approver").get(pk=forum.pk)


@router.get(
    "/forums/",
    response={200: list[IdeologyForumOut], **ERRORS},
    summary="一会一报登记台账",
    url_name="ideology_api_forum_list",
)
@paginate(Pagination)
def forum_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="举办年度"),
    month: int | None = Query(None, ge=1, le=12, description="举办月份"),
    unit_id: int | None = Query(None, description="主办委室"),
    status: str = Query(
        "", description="filed 待审批，approved 已批准，rejected 不予批准，held 已举办，cancelled 已取消"
    ),
    kind: str = Query("", description="forum 论坛，lecture 讲座，report_meeting 报告会，seminar 研讨会"),
    q: str = Query("", max_length=50, description="名称、主题或报告人"),
):
    qs = selectors.forum_list(
        auth_user(request), year=year, month=month, unit_id=unit_id, status=status, kind=kind, q=q
    )
    return qs.prefetch_related("approvals__approver")


@router.post(
    "/forums/", response={201: IdeologyForumOut, **WRITE_ERRORS}, summary="报备活动", url_name="ideology_api_forum_file"
)
def forum_create(request: HttpRequest, payload: IdeologyForumIn) -> Status:
    """本人所在或负责的委室举办的论坛、讲座、报告会、研讨会，在举办前报备；报备日期为今天。"""
    user = auth_user(request)
    forum = Forum(organ_id=scope_of(user).organ_id)
    _fill(user, forum, payload)
    forum_file(forum=forum, by=user)
    return Status(201, _one(user, forum.pk))


@router.get(
    "/forums/{pk}/",
    response={200: IdeologyForumOut, **ERRORS},
    summary="一场活动",
    url_name="ideology_api_forum_detail",
)
def forum_detail(request: HttpRequest, pk: int) -> Forum:
    return _one(auth_user(request), pk)


@router.put(
    "/forums/{pk}/",
    response={200: IdeologyForumOut, **WRITE_ERRORS},
    summary="修改报备",
    url_name="ideology_api_forum_update",
)
def forum_change(request: HttpRequest, pk: int, payload: IdeologyForumIn) -> Forum:
    """批准前由经办人或机关党委修改；不予批准的修改后重新报备。"""
    user = auth_user(request)
    forum = access_forum(user, pk, write=True)
    _fill(user, forum, payload)
    forum_update(forum=forum, by=user)
    return _one(user, pk)


@router.post(
    "/forums/{pk}/decide/",
    response={200: IdeologyForumOut, **WRITE_ERRORS},
    summary="审批一个环节",
    url_name="ideology_api_forum_decide",
)
def forum_decide_op(request: HttpRequest, pk: int, payload: IdeologyForumDecideIn) -> Forum:
    """按顺序审批：委室负责人 → 分管领导 → 外事部门（有境外人员参加的，由机关党委据书面批复登记）→ 机关党委备案。"""
    user = auth_user(request)
    forum = access_forum(user, pk)
    decided_on: dt.date | None = payload.decided_on
    forum_decide(
        forum=forum,
        step=int(payload.step),
        decision=payload.decision.value,
        opinion=payload.opinion,
        decided_on=decided_on,
        by=user,
        request=request,
    )
    return _one(user, pk)


@router.post(
    "/forums/{pk}/held/",
    response={200: IdeologyForumOut, **WRITE_ERRORS},
    summary="登记已举办",
    url_name="ideology_api_forum_held",
)
def forum_held_op(request: HttpRequest, pk: int) -> Forum:
    user = auth_user(request)
    forum_mark_held(forum=access_forum(user, pk, write=True), by=user)
    return _one(user, pk)


@router.post(
    "/forums/{pk}/cancel/",
    response={200: IdeologyForumOut, **WRITE_ERRORS},
    summary="取消活动",
    url_name="ideology_api_forum_cancel",
)
def forum_cancel_op(request: HttpRequest, pk: int, payload: IdeologyForumCancelIn) -> Forum:
    user = auth_user(request)
    forum_cancel(forum=access_forum(user, pk, write=True), reason=payload.reason, by=user)
    return _one(user, pk)
