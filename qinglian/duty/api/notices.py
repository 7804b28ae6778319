"""The 督办单 API: the ledger, one notice, and issuing, replying to, closing and escalating one."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.compliance.models import Finding
from qinglian.core import clock, workdays
from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.duty.api.common import NOTICE_STATUS, YEAR
from qinglian.duty.choices import NoticeStatus
from qinglian.duty.models import DutyAssignment, OversightNotice
from qinglian.duty.permissions import access_notice, can_issue_notices
from qinglian.duty.schemas.common import NoticeStatusFilter
from qinglian.duty.schemas.notices import NoticeEscalateIn, NoticeIn, NoticeOut, NoticeReplyIn
from qinglian.duty.selectors.notices import OVERDUE, default_escalation
from qinglian.duty.selectors.people import first_unit_head, leading_group
from qinglian.duty.services import notices as services
from qinglian.org.models import Person, Unit, User
from qinglian.org.permissions import scope_of

router = Router()


@router.get("/notices", response={200: list[NoticeOut], **ERRORS}, summary="督办单列表")
@paginate(Pagination)
def notice_list(
    request: HttpRequest,
    year: int | None = YEAR,
    status: NoticeStatusFilter | None = NOTICE_STATUS,
    unit_id: int | None = None,
) -> QuerySet[OversightNotice]:
    """机关党委、党组成员和派驻纪检监察组看全部；其他人只看督办本委室的。"""
    notices = OversightNotice.objects.visible_to(auth_user(request)).select_related(
        "unit", "responsible", "escalated_to", "issued_by"
    )
    if year:
        notices = notices.filter(issued_on__year=year)
    if status == OVERDUE:
        notices = notices.filter(status=NoticeStatus.ISSUED, reply_due__lte=workdays.overdue_through(clock.today()))
    elif status:
        notices = notices.filter(status=status)
    return notices.filter(unit_id=unit_id) if unit_id is not None else notices


@router.get("/notices/{notice_id}", response={200: NoticeOut, **ERRORS}, summary="督办单详情")
def notice_detail(request: HttpRequest, notice_id: int) -> OversightNotice:
    return access_notice(auth_user(request), notice_id)


def _notice_source(user: User, payload: NoticeIn, notice: OversightNotice) -> None:
    """The task or finding the notice is about, and from it the default unit and responsible person."""
    task = reference(DutyAssignment.objects.visible_to(user), payload.assignment_id, "assignment_id", "责任任务")
    finding = reference(Finding.objects.visible_to(user), payload.finding_id, "finding_id", "预警")
    unit = reference(Unit.objects.visible_to(user), payload.unit_id, "unit_id", "委室")
    responsible = reference(Person.objects.visible_to(user), payload.responsible_id, "responsible_id", "责任人")
    unit_id = unit.pk if unit else (task.unit_id if task else finding.responsible_unit_id if finding else None)
    if unit_id is None:
        raise InvalidInput("请指定被督办委室", detail={"unit_id": "必填"})
    if responsible is None and task is not None:
        responsible_id = first_unit_head(task.organ_id, task.unit_id)
    elif responsible is None and finding is not None:
        responsible_id = finding.responsible_person_id
    else:
        responsible_id = responsible.pk if responsible else None
    notice.assignment, notice.finding = task, finding
    notice.unit_id, notice.responsible_id = unit_id, responsible_id


@router.post("/notices", response={201: NoticeOut, **ERRORS}, summary="下发督办单")
def notice_create(request: HttpRequest, payload: NoticeIn) -> Status:
    """机关党委专责人员或党组成员就逾期任务（assignment_id）或未整改预警（finding_id）下发督办单。"""
    user = auth_user(request)
    if not can_issue_notices(user):
        raise Forbidden("只有机关党委专责人员或党组成员可以下发督办单")
    notice = OversightNotice(
        organ_id=scope_of(user).organ_id,
        number=payload.number.strip(),
        reason=payload.reason.strip(),
        requirement=payload.requirement.strip(),
        issued_on=payload.issued_on or clock.today(),
        reply_due=payload.reply_due,
    )
    _notice_source(user, payload, notice)
    services.notice_issue(notice=notice, by=user)
    return Status(201, access_notice(user, notice.pk))


@router.post("/notices/{notice_id}/reply", response={200: NoticeOut, **ERRORS}, summary="回复督办单")
def notice_reply(request: HttpRequest, notice_id: int, payload: NoticeReplyIn) -> OversightNotice:
    """被督办委室负责人回复（机关党委专责人员可代为登记）。"""
    user = auth_user(request)
    notice = access_notice(user, notice_id, write=True)
    return services.notice_reply(notice=notice, by=user, reply=payload.reply, replied_on=payload.replied_on)


@router.post("/notices/{notice_id}/close", response={200: NoticeOut, **ERRORS}, summary="办结督办单")
def notice_close(request: HttpRequest, notice_id: int) -> OversightNotice:
    user = auth_user(request)
    return services.notice_close(notice=access_notice(user, notice_id, write=True), by=user)


@router.post("/notices/{notice_id}/escalate", response={200: NoticeOut, **ERRORS}, summary="升级督办")
def notice_escalate(request: HttpRequest, notice_id: int, payload: NoticeEscalateIn | None = None) -> OversightNotice:
    """逾期未回复的督办单升级至党组成员（默认被督办委室的分管领导），并通知其本人和委室负责人。"""
    user = auth_user(request)
    notice = access_notice(user, notice_id, write=True)
    if not can_issue_notices(user):
        raise Forbidden("只有机关党委专责人员或党组成员可以升级督办")
    today = clock.today()
    members = {pid for pid, _ in leading_group(notice.organ_id, today)}
    given = payload.to_person_id if payload else None
    to_person_id = given or default_escalation(notice, today)
    if to_person_id not in members:
        raise InvalidInput("升级对象应为现任党组成员", detail={"to_person_id": "应为现任党组成员"})
    return services.notice_escalate(notice=notice, by=user, to_person_id=to_person_id)
