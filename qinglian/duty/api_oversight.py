"""The duty API, part 2 (主体责任): responsibility letters, 督办单 and 约谈, mounted on api.router (same prefix).

Every read starts from `visible_to(request.auth_user)`, a selector or `permissions.access_*`; every write goes
through the services, exactly as the pages do, so their Chinese refusals (403/400/409) are the API's too.
Whatever the caller may not see is a 404, never a 403.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.duty import selectors, services_letters, services_notices
from qinglian.duty.api_common import NOTICE_STATUS, YEAR, auth_user, reference
from qinglian.duty.choices import LetterLevel, NoticeStatus, TalkKind
from qinglian.duty.models import (
    AccountabilityTalk,
    DutyAssignment,
    ResponsibilityLetter,
    SupervisionNotice,
)
from qinglian.duty.permissions import (
    access_letter,
    access_notice,
    access_talk,
    can_issue_notices,
    can_record_talks,
)
from qinglian.duty.schemas import (
    OVERDUE,
    NoticeStatusFilter,
)
from qinglian.duty.schemas_oversight import (
    LetterOut,
    LettersGenerateIn,
    LettersGenerateOut,
    LetterSignIn,
    NoticeEscalateIn,
    NoticeIn,
    NoticeOut,
    NoticeReplyIn,
    TalkIn,
    TalkOut,
)
from qinglian.org.models import Person, Unit, User
from qinglian.org.permissions import scope_of

router = Router(tags=["主体责任"])


# --- responsibility letters --------------------------------------------------------------------


@router.get("/letters", response={200: list[LetterOut], **ERRORS}, summary="党风廉政建设责任书")
@paginate(Pagination)
def letter_list(
    request: HttpRequest,
    year: int | None = YEAR,
    level: LetterLevel | None = None,
    unit_id: int | None = None,
    signed: bool | None = Query(None, description="true 已签订，false 未签订"),
) -> QuerySet[ResponsibilityLetter]:
    letters = ResponsibilityLetter.objects.visible_to(auth_user(request)).select_related("signer", "issuer", "unit")
    if year:
        letters = letters.filter(year=year)
    if level:
        letters = letters.filter(level=level)
    if unit_id is not None:
        letters = letters.filter(unit_id=unit_id)
    if signed is not None:
        letters = letters.filter(signed_on__isnull=not signed)
    return letters


@router.post("/letters/{letter_id}/sign", response={200: LetterOut, **ERRORS}, summary="登记签订日期")
def letter_sign(request: HttpRequest, letter_id: int, payload: LetterSignIn) -> ResponsibilityLetter:
    """机关党委专责人员登记各级责任书；委室负责人登记本委室干部的责任书。扫描件在页面上传。"""
    user = auth_user(request)
    letter = access_letter(user, letter_id, write=True)
    return services_letters.letter_sign(letter=letter, signed_on=payload.signed_on, by=user)


@router.post("/letters/generate", response={200: LettersGenerateOut, **ERRORS}, summary="按花名册生成责任书名单")
def letters_generate(request: HttpRequest, payload: LettersGenerateIn) -> dict[str, Any]:
    """按花名册生成该年度尚未有的责任书（未签订）；已有的不重复生成。仅机关党委专责人员。"""
    user = auth_user(request)
    organ_id = scope_of(user).organ_id
    roster_day = min(timezone.localdate(), dt.date(payload.year, 12, 31))  # a past year: its year-end roster
    made = services_letters.letters_generate(organ_id=organ_id, year=payload.year, by=user, on=roster_day)
    total = ResponsibilityLetter.objects.filter(organ_id=organ_id, year=payload.year).count()
    return {"year": payload.year, "created": made, "total": total}


# --- 督办单 --------------------------------------------------------------------------------------


@router.get("/notices", response={200: list[NoticeOut], **ERRORS}, summary="督办单列表")
@paginate(Pagination)
def notice_list(
    request: HttpRequest,
    year: int | None = YEAR,
    status: NoticeStatusFilter | None = NOTICE_STATUS,
    unit_id: int | None = None,
) -> QuerySet[SupervisionNotice]:
    """机关党委、党组成员和派驻纪检监察组看全部；其他人只看督办本委室的。"""
    notices = SupervisionNotice.objects.visible_to(auth_user(request)).select_related(
        "unit", "responsible", "escalated_to", "issued_by"
    )
    if year:
        notices = notices.filter(issued_on__year=year)
    if status == OVERDUE:
        notices = notices.filter(status=NoticeStatus.ISSUED, reply_due__lt=timezone.localdate())
    elif status:
        notices = notices.filter(status=status)
    return notices.filter(unit_id=unit_id) if unit_id is not None else notices


@router.get("/notices/{notice_id}", response={200: NoticeOut, **ERRORS}, summary="督办单详情")
def notice_detail(request: HttpRequest, notice_id: int) -> SupervisionNotice:
    return access_notice(auth_user(request), notice_id)


def _notice_source(user: User, payload: NoticeIn, notice: SupervisionNotice) -> None:
    """The task or finding the notice is about, and from it the default unit and responsible person."""
    from qinglian.compliance.models import Finding

    task = reference(DutyAssignment.objects.visible_to(user), payload.assignment_id, "assignment_id", "责任任务")
    finding = reference(Finding.objects.visible_to(user), payload.finding_id, "finding_id", "预警")
    unit = reference(Unit.objects.visible_to(user), payload.unit_id, "unit_id", "委室")
    responsible = reference(Person.objects.visible_to(user), payload.responsible_id, "responsible_id", "责任人")
    unit_id = unit.pk if unit else (task.unit_id if task else finding.responsible_unit_id if finding else None)
    if unit_id is None:
        raise InvalidInput("请指定被督办委室", detail={"unit_id": "必填"})
    if responsible is None and task is not None:
        responsible_id = next(iter(selectors.unit_heads(task.organ_id).get(task.unit_id, [])), None)
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
    notice = SupervisionNotice(
        organ_id=scope_of(user).organ_id,
        number=payload.number.strip(),
        reason=payload.reason.strip(),
        requirement=payload.requirement.strip(),
        issued_on=payload.issued_on or timezone.localdate(),
        reply_due=payload.reply_due,
    )
    _notice_source(user, payload, notice)
    services_notices.notice_issue(notice=notice, by=user)
    return Status(201, access_notice(user, notice.pk))


@router.post("/notices/{notice_id}/reply", response={200: NoticeOut, **ERRORS}, summary="回复督办单")
def notice_reply(request: HttpRequest, notice_id: int, payload: NoticeReplyIn) -> SupervisionNotice:
    """被督办委室负责人回复（机关党委专责人员可代为登记）。"""
    user = auth_user(request)
    notice = access_notice(user, notice_id, write=True)
    return services_notices.notice_reply(notice=notice, by=user, reply=payload.reply, replied_on=payload.replied_on)


@router.post("/notices/{notice_id}/close", response={200: NoticeOut, **ERRORS}, summary="办结督办单")
def notice_close(request: HttpRequest, notice_id: int) -> SupervisionNotice:
    user = auth_user(request)
    return services_notices.notice_close(notice=access_notice(user, notice_id, write=True), by=user)


@router.post("/notices/{notice_id}/escalate", response={200: NoticeOut, **ERRORS}, summary="升级督办")
def notice_escalate(request: HttpRequest, notice_id: int, payload: NoticeEscalateIn | None = None) -> SupervisionNotice:
    """逾期未回复的督办单升级至党组成员（默认被督办委室的分管领导），并通知其本人和委室负责人。"""
    user = auth_user(request)
    notice = access_notice(user, notice_id, write=True)
    if not can_issue_notices(user):
        raise Forbidden("只有机关党委专责人员或党组成员可以升级督办")
    today = timezone.localdate()
    members = {pid for pid, _ in selectors.leading_group(notice.organ_id, today)}
    given = payload.to_person_id if payload else None
    to_person_id = given or selectors.supervising_leaders(notice.organ_id, today).get(notice.unit_id)
    if to_person_id not in members:
        raise InvalidInput("升级对象应为现任党组成员", detail={"to_person_id": "应为现任党组成员"})
    return services_notices.notice_escalate(notice=notice, by=user, to_person_id=to_person_id)


# --- 约谈 ----------------------------------------------------------------------------------------


@router.get("/talks", response={200: list[TalkOut], **ERRORS}, summary="约谈记录列表")
@paginate(Pagination)
def talk_list(
    request: HttpRequest, year: int | None = YEAR, kind: TalkKind | None = None, unit_id: int | None = None
) -> QuerySet[AccountabilityTalk]:
    """机关党委、党组成员和派驻纪检监察组看全部；其他人只看本人参与的和本人负责委室的。"""
    talks = AccountabilityTalk.objects.visible_to(auth_user(request)).select_related(
        "interviewer", "interviewee", "unit"
    )
    if year:
        talks = talks.filter(date__year=year)
    if kind:
        talks = talks.filter(kind=kind)
    return talks.filter(unit_id=unit_id) if unit_id is not None else talks


@router.get("/talks/{talk_id}", response={200: TalkOut, **ERRORS}, summary="约谈记录详情")
def talk_detail(request: HttpRequest, talk_id: int) -> AccountabilityTalk:
    return access_talk(auth_user(request), talk_id)


@router.post("/talks", response={201: TalkOut, **ERRORS}, summary="登记约谈")
def talk_create(request: HttpRequest, payload: TalkIn) -> Status:
    """党组成员登记本人作为约谈人的约谈；机关党委专责人员可替他人登记。可关联督办单、任务或预警。"""
    from qinglian.compliance.models import Finding

    user = auth_user(request)
    if not can_record_talks(user):
        raise Forbidden("只有机关党委专责人员或党组成员可以登记约谈")
    scope = scope_of(user)
    people = Person.objects.visible_to(user)
    interviewer_id = payload.interviewer_id or scope.person_id
    if interviewer_id is None:
        raise InvalidInput("本账号未关联人员，请指定约谈人", detail={"interviewer_id": "必填"})
    notice = reference(SupervisionNotice.objects.visible_to(user), payload.notice_id, "notice_id", "督办单")
    tasks = DutyAssignment.objects.visible_to(user)
    task = reference(tasks, payload.assignment_id or (notice and notice.assignment_id), "assignment_id", "责任任务")
    findings = Finding.objects.visible_to(user)
    finding = reference(findings, payload.finding_id or (notice and notice.finding_id), "finding_id", "预警")
    talk = AccountabilityTalk(
        organ_id=scope.organ_id,
        kind=payload.kind,
        date=payload.date,
        interviewer=reference(people, interviewer_id, "interviewer_id", "约谈人"),
        interviewee=reference(people, payload.interviewee_id, "interviewee_id", "被约谈人"),
        reason=payload.reason.strip(),
        outcome=payload.outcome.strip(),
        notice=notice,
        assignment=task,
        finding=finding,
    )
    services_notices.talk_record(talk=talk, by=user)
    return Status(201, talk)
