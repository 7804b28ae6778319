"""Meeting materials (会议材料) in the npc API: 主任会议 and 常委会会议 with their agenda items, the deadlines
counted back from the meeting, the submitted versions and the office's receipt, and the on-time table per unit.

Reads start from `selectors.meetings.meeting_list` or `access_*`; writes go through `services.meetings`, which computes
the deadlines (never sent by the client). The materials desk keeps the ledger; a person of an internal
submitting unit may record the submissions of that unit's own items (`can_submit_material`).
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.npc.api.common import WRITE_ERRORS, YEAR, moment, stats_report
from qinglian.npc.choices import NpcMeetingKind
from qinglian.npc.models import MeetingAgendaItem, NpcMeeting
from qinglian.npc.permissions import (
    access_agenda_item,
    access_npc_meeting,
    access_submission,
    can_submit_material,
    can_write_materials,
    reading_organ_id,
)
from qinglian.npc.schemas.meetings import (
    AgendaItemIn,
    AgendaItemOut,
    MaterialsReportOut,
    NpcMeetingDetailOut,
    NpcMeetingIn,
    NpcMeetingOut,
    ReceiptIn,
    SubmissionIn,
)
from qinglian.npc.selectors import meetings as selectors
from qinglian.npc.selectors.figures import materials_stats
from qinglian.npc.selectors.setup import submitting_units
from qinglian.npc.services.meetings import agenda_item_save, material_receive, material_submit, npc_meeting_save

router = Router()

_DESK_ONLY = "只有会议材料台账的负责委室可以办理此项"


@router.get("/meetings", response={200: list[NpcMeetingOut], **ERRORS}, summary="常委会/主任会议列表")
@paginate(Pagination)
def meeting_list(
    request: HttpRequest, year: int | None = YEAR, kind: NpcMeetingKind | None = None
) -> QuerySet[NpcMeeting]:
    """新的在前；每次会议带议题数和材料按时、逾期、未报送的议题数（截至今天）。"""
    return selectors.meeting_list(auth_user(request), year=year, kind=kind).order_by("-date", "-pk")


@router.get("/meetings/{meeting_id}", response={200: NpcMeetingDetailOut, **ERRORS}, summary="会议详情")
def meeting_detail(request: HttpRequest, meeting_id: int) -> NpcMeeting:
    """议题及其报送期限、剩余工作日、各稿报送和签收情况、是否按时。"""
    return selectors.load_meeting(auth_user(request), meeting_id)


@router.post("/meetings", response={201: NpcMeetingDetailOut, **WRITE_ERRORS}, summary="登记会议")
def meeting_create(request: HttpRequest, payload: NpcMeetingIn) -> Status:
    """会议材料台账的负责委室登记主任会议或常委会会议（可为将要召开的会议）。"""
    user = auth_user(request)
    if not can_write_materials(user):
        raise Forbidden(_DESK_ONLY)
    meeting = NpcMeeting(
        organ_id=reading_organ_id(user),
        kind=payload.kind,
        number=payload.number.strip(),
        date=payload.date,
        title=payload.title.strip(),
    )
    npc_meeting_save(meeting=meeting, by=user)
    return Status(201, selectors.load_meeting(user, meeting.pk))


@router.post("/meetings/{meeting_id}/items", response={201: AgendaItemOut, **WRITE_ERRORS}, summary="增加议题")
def agenda_item_create(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Status:
    """议题的报送期限由系统按会议日期和类型倒推（NPC-008 现行参数），专项工作报告另有修改稿送交期限。"""
    user = auth_user(request)
    meeting = access_npc_meeting(user, meeting_id, write=True)
    units = submitting_units(user)
    item = MeetingAgendaItem(
        meeting=meeting,
        organ_id=meeting.organ_id,
        order=payload.order or 0,  # 0: the service puts it after the last item
        title=payload.title.strip(),
        kind=payload.kind,
        submitting_unit=reference(units, payload.submitting_unit_id, "submitting_unit_id", "提请/汇报单位"),
        materials_required=payload.materials_required.strip(),
        is_special_report=payload.is_special_report,
        audit_report=payload.audit_report,
        outcome=payload.outcome.strip(),
    )
    agenda_item_save(item=item, by=user)
    return Status(201, selectors.load_item(item.pk))


@router.post("/items/{item_id}/submissions", response={201: AgendaItemOut, **WRITE_ERRORS}, summary="报送材料")
def submission_create(request: HttpRequest, item_id: int, payload: SubmissionIn) -> Status:
    """登记议题材料的一稿（版本号自动递增）。会议材料台账负责委室可为任何议题登记；内设机构为本单位的议题登记。"""
    user = auth_user(request)
    item = access_agenda_item(user, item_id)
    if not can_submit_material(user, item):
        raise Forbidden("只能为本单位承担的议题报送材料")
    material_submit(
        item=item,
        submitted_at=moment(payload.submitted_at, "submitted_at", "报送时间"),
        by=user,
        submitter=payload.submitter,
        is_final=payload.is_final,
        note=payload.note,
    )
    return Status(201, selectors.load_item(item.pk))


@router.post("/submissions/{submission_id}/receive", response={200: AgendaItemOut, **WRITE_ERRORS}, summary="签收材料")
def submission_receive(request: HttpRequest, submission_id: int, payload: ReceiptIn | None = None) -> MeetingAgendaItem:
    """办公室签收报送的一稿（会议材料台账的负责委室）。请求体可省略：现在、本人签收。"""
    user = auth_user(request)
    submission = access_submission(user, submission_id)
    if not can_write_materials(user):
        raise Forbidden(_DESK_ONLY)
    payload = payload or ReceiptIn()
    person_id = payload.received_by_id if payload.received_by_id is not None else user.person_id
    if person_id is None:
        raise InvalidInput("请填写签收人", detail={"received_by_id": "必填"})
    material_receive(
        submission=submission,
        received_at=moment(payload.received_at, "received_at", "签收时间"),
        received_by=reference(selectors.receivers(user), person_id, "received_by_id", "签收人"),
        by=user,
    )
    return selectors.load_item(submission.agenda_item_id)


@router.get("/materials/stats", response={200: MaterialsReportOut, **ERRORS}, summary="会议材料按时报送情况")
def materials_report(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    """该年度各提请/汇报单位的议题数、按时、逾期、未报送和按时报送率，及合计（不填年度为今年）。"""
    return stats_report(request, year, materials_stats)
