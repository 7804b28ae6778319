"""The party-life API: meetings (三会一课 etc.), heart-to-heart talks, study records and training hours.

Every read starts from `visible_to(request.auth_user)` or `permissions.access_*`; every write goes through
`services`, exactly as the pages do. Heart-to-heart talks are confidential: whoever may not see one gets 404,
and every read of a talk's detail is written to the audit log (confidential_viewed).
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.org.models import Branch, PartyGroup, Person, User
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import LEADING_GROUP_KINDS, Holder, MeetingKind
from qinglian.partylife.models import HeartTalk, Meeting, StudyRecord
from qinglian.partylife.permissions import access_heart_talk, access_meeting, can_record_meetings
from qinglian.partylife.schemas import (
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    StudyIn,
    StudyOut,
    TalkDetailOut,
    TalkIn,
    TalkOut,
    TrainingHoursOut,
)
from qinglian.partylife.selectors import counts
from qinglian.partylife.selectors import talks as talks_selectors
from qinglian.partylife.services.meetings import AttendanceLine, meeting_record
from qinglian.partylife.services.people import heart_talk_record, study_record_add

router = Router(tags=["组织生活"])

YEAR = Query(None, ge=1949, le=2100, description="年度")


def _organ_people(user: User) -> QuerySet[Person]:
    # Meetings and talks name people of other units (a branch covers several): the organ, not visible_to.
    return Person.objects.filter(organ_id=scope_of(user).organ_id)


def _own_person_id(user: User, given: int | None, field: str) -> int:
    """The person a talk or study record is about: the given one (the service checks who may), else oneself."""
    if not scope_of(user).is_business:
        raise Forbidden("本账号不能登记组织生活记录")
    if given is not None:
        return reference(_organ_people(user), given, field, "人员").pk
    person_id = scope_of(user).person_id
    if person_id is None:
        raise InvalidInput("本账号未关联人员，请指定人员", detail={field: "必填"})
    return person_id


# --- meetings ----------------------------------------------------------------------------------


@router.get("/meetings", response={200: list[MeetingOut], **ERRORS}, summary="会议记录列表")
@paginate(Pagination)
def meeting_list(
    request: HttpRequest,
    branch_id: int | None = Query(None, description="党支部（含其党小组的会议）"),
    kind: MeetingKind | None = None,
    year: int | None = YEAR,
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.visible_to(auth_user(request)).select_related(
        "branch", "party_group", "host", "recorder", "lecturer"
    )
    if branch_id is not None:
        meetings = meetings.filter(Q(branch_id=branch_id) | Q(party_group__branch_id=branch_id))
    if kind:
        meetings = meetings.filter(kind=kind)
    if year:
        meetings = meetings.filter(date__year=year)
    return meetings


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS}, summary="会议记录详情")
def meeting_detail(request: HttpRequest, meeting_id: int) -> Meeting:
    """会议基本情况、议题（标明第一议题）和出勤名单。"""
    return access_meeting(auth_user(request), meeting_id)


def _holder(user: User, payload: MeetingIn) -> dict[str, Any]:
    if payload.kind in LEADING_GROUP_KINDS:
        if payload.branch_id or payload.party_group_id:
            raise InvalidInput(f"{MeetingKind(payload.kind).label}由党组召开，不填党支部和党小组")
        return {"holder": Holder.LEADING_GROUP}
    if payload.party_group_id is not None:
        group = reference(PartyGroup.objects.visible_to(user), payload.party_group_id, "party_group_id", "党小组")
        return {"holder": Holder.PARTY_GROUP, "party_group": group}
    if payload.branch_id is None:
        raise InvalidInput("请填写党支部", detail={"branch_id": "必填"})
    branch = reference(Branch.objects.visible_to(user), payload.branch_id, "branch_id", "党支部")
    return {"holder": Holder.BRANCH, "branch": branch}


@router.post("/meetings", response={201: MeetingDetailOut, **ERRORS}, summary="登记会议记录")
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status:
    """本支部委员登记本支部（及其党小组）的会议；机关党委专责人员登记所有会议，包括党组的会议。"""
    user = auth_user(request)
    if not can_record_meetings(user):
        raise Forbidden("只有本支部委员或机关党委专责人员可以登记会议")
    people = _organ_people(user)
    if payload.first_topic_index is not None and payload.first_topic_index >= len(payload.agenda):
        raise InvalidInput("第一议题序号超出议题数", detail={"first_topic_index": "超出议题数"})
    meeting = Meeting(
        organ_id=scope_of(user).organ_id,
        kind=payload.kind,
        date=payload.date,
        topic=payload.topic.strip(),
        place=payload.place.strip(),
        hours=payload.hours,
        minutes=payload.minutes.strip(),
        has_vote=payload.has_vote,
        voting_members_due=payload.voting_members_due,
        voting_members_present=payload.voting_members_present,
        votes_for=payload.votes_for,
        host=reference(people, payload.host_id, "host_id", "主持人"),
        recorder=reference(people, payload.recorder_id, "recorder_id", "记录人"),
        lecturer=reference(people, payload.lecturer_id, "lecturer_id", "授课人"),
        **_holder(user, payload),
    )
    attendance = [
        AttendanceLine(
            person_id=reference(people, line.person_id, f"attendance[{i}].person_id", "人员").pk,
            status=line.status,
            reason=line.reason,
        )
        for i, line in enumerate(payload.attendance)
    ]
    meeting_record(
        meeting=meeting,
        by=user,
        agenda=payload.agenda,
        first_topic_index=payload.first_topic_index,
        attendance=attendance,
    )
    return Status(201, Meeting.objects.get(pk=meeting.pk))


# --- heart-to-heart talks (confidential) -------------------------------------------------------


@router.get("/talks", response={200: list[TalkOut], **ERRORS}, summary="谈心谈话列表（保密）")
@paginate(Pagination)
def talk_list(request: HttpRequest, year: int | None = YEAR) -> QuerySet[HeartTalk]:
    """只有谈话双方、机关党委专责人员和派驻纪检监察组可见；列表不含谈话要点。"""
    talks = HeartTalk.objects.visible_to(auth_user(request)).select_related("initiator", "counterpart", "branch")
    return talks.filter(date__year=year) if year else talks


@router.get("/talks/{talk_id}", response={200: TalkDetailOut, **ERRORS}, summary="谈心谈话详情（保密）")
def talk_detail(request: HttpRequest, talk_id: int) -> HeartTalk:
    """含谈话要点；每次查看都记入审计日志。无权查看的账号得到 404。"""
    user = auth_user(request)
    talk = access_heart_talk(user, talk_id)
    audit_record(action="confidential_viewed", user=user, request=request, target=talk)
    return talk


@router.post("/talks", response={201: TalkDetailOut, **ERRORS}, summary="登记谈心谈话")
def talk_create(request: HttpRequest, payload: TalkIn) -> Status:
    """谈话人登记本人作为谈话人的谈话（谈话对象为本支部党员，党组成员可与机关任何人谈话）；机关党委专责人员可替他人登记。"""
    user = auth_user(request)
    # The counterparts the page offers, not the whole organ: an id outside them is "not found", so the reply never
    # names a person the caller could not have chosen (the detail returned carries the counterpart's name).
    # (Oneself is kept in, so that the service says why a talk with oneself is refused.)
    initiators, counterparts = talks_selectors.talk_people(user)
    talk = HeartTalk(
        organ_id=scope_of(user).organ_id,
        initiator_id=_own_person_id(user, payload.initiator_id, "initiator_id"),
        initiator_role=payload.initiator_role,
        counterpart=reference(counterparts | initiators, payload.counterpart_id, "counterpart_id", "谈话对象"),
        counterpart_role=payload.counterpart_role,
        branch=reference(Branch.objects.visible_to(user), payload.branch_id, "branch_id", "党支部"),
        date=payload.date,
        topic=payload.topic.strip(),
        summary=payload.summary.strip(),
    )
    heart_talk_record(talk=talk, by=user)
    return Status(201, talk)


# --- study records and training hours ----------------------------------------------------------


@router.get("/study", response={200: list[StudyOut], **ERRORS}, summary="学习培训记录")
@paginate(Pagination)
def study_list(
    request: HttpRequest,
    person_id: int | None = Query(None, description="不填为本人的记录；可查看的范围与页面一致"),
    year: int | None = YEAR,
) -> QuerySet[StudyRecord]:
    user = auth_user(request)
    records = StudyRecord.objects.visible_to(user).select_related("person")
    records = records.filter(person_id=person_id if person_id is not None else scope_of(user).person_id)
    return records.filter(date__year=year) if year else records


@router.post("/study", response={201: StudyOut, **ERRORS}, summary="登记学习培训记录")
def study_create(request: HttpRequest, payload: StudyIn) -> Status:
    """登记本人参加的集中学习培训（培训班、网络学院、专题讲座等）及学时。"""
    user = auth_user(request)
    record = StudyRecord(
        organ_id=scope_of(user).organ_id,
        person_id=_own_person_id(user, payload.person_id, "person_id"),
        kind=payload.kind,
        date=payload.date,
        title=payload.title.strip(),
        hours=payload.hours,
    )
    study_record_add(record=record, by=user)
    return Status(201, StudyRecord.objects.select_related("person").get(pk=record.pk))


@router.get("/training-hours", response={200: list[TrainingHoursOut], **ERRORS}, summary="年度学时统计")
def training_hours(request: HttpRequest, year: int | None = YEAR) -> list[dict[str, Any]]:
    """可见范围内在职人员当年的集中学习培训学时（出席计入学时的会议 + 学习培训记录）。"""
    user = auth_user(request)
    year = year or clock.today().year
    people = list(
        Person.objects.visible_to(user).filter(is_active=True).select_related("unit").order_by("unit__order", "id")
    )
    if not people:
        return []
    hours = counts.training_hours(organ_id=scope_of(user).organ_id, year=year, person_ids=[p.pk for p in people])
    return [{"person": p, "unit": p.unit, "party_status": p.party_status, "hours": hours.get(p.pk, 0)} for p in people]
