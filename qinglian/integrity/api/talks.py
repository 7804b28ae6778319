"""廉政谈话 in the integrity API: the ledger (filters), one talk, record and change one, the talks expected after
personnel events.

Reads start from `selectors.talks` (`visible_to`) and `access_talk`; writes go through `services.talks.talk_save`
exactly as the pages do. People, units and events named in a body must be the organ's (a writer chooses from
them as on the form), else 400 on that field.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.permissions import access_talk, can_record_talks
from qinglian.integrity.schemas.talks import ExpectedIntegrityTalkOut, IntegrityTalkIn, IntegrityTalkOut
from qinglian.integrity.selectors import talks as selectors
from qinglian.integrity.services.talks import REFUSAL, AttendanceLine, talk_save
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


@router.get(
    "/talks", response={200: list[IntegrityTalkOut], **ERRORS}, summary="廉政谈话列表", url_name="integrity_api_talks"
)
@paginate(Pagination)
def talk_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="年度"),
    kind: IntegrityTalkKind | None = None,
    unit_id: int | None = Query(None, description="所在委室"),
    person_id: int | None = Query(None, description="谈话人、谈话对象或参加人员"),
) -> QuerySet[IntegrityTalk]:
    """机关党委、组织人事专责人员、党组成员和派驻纪检监察组看全部；其他人只看本人参与的谈话。新的在前。"""
    return selectors.talk_list(auth_user(request), year=year, kind=kind or "", unit_id=unit_id, person_id=person_id)


@router.get(
    "/talks/expected",
    response={200: list[ExpectedIntegrityTalkOut], **ERRORS},
    summary="人事变动后应开展的廉政谈话",
    url_name="integrity_api_talks_expected",
)
def expected_list(request: HttpRequest, open_only: bool = Query(False, description="只列尚未谈话的")) -> list:
    """检查期内的提拔、任职、转岗、调入及其谈话期限和谈话情况（规则 INT-001 的口径）；其他人只看本人的。"""
    return selectors.expected_talks(auth_user(request), open_only=open_only)


@router.get(
    "/talks/{talk_id}",
    response={200: IntegrityTalkOut, **ERRORS},
    summary="廉政谈话详情",
    url_name="integrity_api_talk",
)
def talk_detail(request: HttpRequest, talk_id: int) -> IntegrityTalk:
    return access_talk(auth_user(request), talk_id)


def _fill(talk: IntegrityTalk, payload: IntegrityTalkIn, user) -> list[AttendanceLine]:
    people = selectors.people_for_talks(user, [talk.talker_id, talk.subject_id])
    talk.kind = payload.kind
    talk.date = payload.date
    talk.talker = reference(people, payload.talker_id, "talker_id", "谈话人")
    talk.subject = reference(people, payload.subject_id, "subject_id", "谈话对象")
    talk.unit = reference(selectors.units_for_talks(user), payload.unit_id, "unit_id", "委室")
    talk.event = reference(selectors.events_for_talks(user, talk.event_id), payload.event_id, "event_id", "人事变动")
    talk.place, talk.topic, talk.points = payload.place, payload.topic, payload.points
    talk.commitment_signed = payload.commitment_signed
    return [AttendanceLine(a.person_id, a.present, a.absence_reason) for a in payload.attendance]


@router.post(
    "/talks",
    response={201: IntegrityTalkOut, **WRITE_ERRORS},
    summary="登记廉政谈话",
    url_name="integrity_api_talk_create",
)
def talk_create(request: HttpRequest, payload: IntegrityTalkIn) -> Status:
    """机关党委、组织人事专责人员或党组成员登记。一对一谈话填谈话对象；集体廉政谈话填参加人员（缺席须填原因）。"""
    user = auth_user(request)
    if not can_record_talks(user):
        raise Forbidden(REFUSAL)
    talk = IntegrityTalk(organ_id=scope_of(user).organ_id)
    attendance = _fill(talk, payload, user)
    talk_save(talk=talk, by=user, attendance=attendance)
    return Status(201, access_talk(user, talk.pk))


@router.put(
    "/talks/{talk_id}",
    response={200: IntegrityTalkOut, **WRITE_ERRORS},
    summary="修改廉政谈话",
    url_name="integrity_api_talk_update",
)
def talk_update(request: HttpRequest, talk_id: int, payload: IntegrityTalkIn) -> IntegrityTalk:
    """整体替换谈话内容（集体廉政谈话的参加人员同时替换）。"""
    user = auth_user(request)
    talk = access_talk(user, talk_id, write=True)
    attendance = _fill(talk, payload, user)
    talk_save(talk=talk, by=user, attendance=attendance)
    return access_talk(user, talk.pk)
