"""The 约谈 API: the ledger, one record, and recording a talk (optionally from a 督办单, task or finding)."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.compliance.models import Finding
from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.duty.api.common import YEAR
from qinglian.duty.choices import TalkKind
from qinglian.duty.models import AccountabilityTalk, DutyAssignment, OversightNotice
from qinglian.duty.permissions import access_talk, can_record_talks
from qinglian.duty.schemas.talks import DutyTalkIn, DutyTalkOut
from qinglian.duty.services import talks as services
from qinglian.org.models import Person
from qinglian.org.permissions import scope_of

router = Router()


@router.get("/talks", response={200: list[DutyTalkOut], **ERRORS}, summary="约谈记录列表")
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


@router.get("/talks/{talk_id}", response={200: DutyTalkOut, **ERRORS}, summary="约谈记录详情")
def talk_detail(request: HttpRequest, talk_id: int) -> AccountabilityTalk:
    return access_talk(auth_user(request), talk_id)


@router.post("/talks", response={201: DutyTalkOut, **ERRORS}, summary="登记约谈")
def talk_create(request: HttpRequest, payload: DutyTalkIn) -> Status:
    """党组成员登记本人作为约谈人的约谈；机关党委专责人员可替他人登记。可关联督办单、任务或预警。"""
    user = auth_user(request)
    if not can_record_talks(user):
        raise Forbidden("只有机关党委专责人员或党组成员可以登记约谈")
    scope = scope_of(user)
    people = Person.objects.visible_to(user)
    interviewer_id = payload.interviewer_id or scope.person_id
    if interviewer_id is None:
        raise InvalidInput("本账号未关联人员，请指定约谈人", detail={"interviewer_id": "必填"})
    notice = reference(OversightNotice.objects.visible_to(user), payload.notice_id, "notice_id", "督办单")
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
    services.talk_record(talk=talk, by=user)
    return Status(201, talk)
