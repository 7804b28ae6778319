"""Shapes of the party-life API (qinglian/partylife/api.py). Values are the stable English codes; `*_label`
are Chinese. Heart-to-heart talks carry their 谈话要点 only in the detail, whose every read is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.partylife.choices import AttendanceStatus, MeetingKind, StudyKind, TalkRole

# --- meetings ----------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    kind: str
    kind_label: str
    holder: str
    holder_label: str
    branch: Ref | None
    party_group: Ref | None
    date: dt.date
    topic: str
    place: str
    host: Ref | None
    recorder: Ref | None
    lecturer: Ref | None
    hours: float = Field(..., description="计入学时")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_holder_label(obj: Any) -> str:
        return obj.get_holder_display()


class AgendaOut(Schema):
    order: int
    title: str
    is_first_topic: bool


class AttendanceOut(Schema):
    person: Ref
    status: str
    status_label: str
    reason: str

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()


class MeetingDetailOut(MeetingOut):
    minutes: str
    has_vote: bool
    voting_members_due: int | None
    voting_members_present: int | None
    votes_for: int | None
    agenda: list[AgendaOut]
    attendance: list[AttendanceOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_agenda(obj: Any) -> list[Any]:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_attendance(obj: Any) -> list[Any]:
        return list(obj.attendance.select_related("person").order_by("id"))


class AttendanceIn(Schema):
    person_id: int
    status: AttendanceStatus = AttendanceStatus.PRESENT
    reason: str = Field("", description="请假、缺席须填写原因")


class MeetingIn(Schema):
    """A held meeting. 党支部的会议填 branch_id；党小组会填 party_group_id；民主生活会、中心组学习两者都不填。"""

    kind: MeetingKind
    branch_id: int | None = None
    party_group_id: int | None = None
    date: dt.date
    topic: str
    place: str = ""
    host_id: int | None = None
    recorder_id: int | None = None
    lecturer_id: int | None = Field(None, description="党课必填")
    hours: Decimal = Field(Decimal("0"), ge=0, le=24, decimal_places=1, description="计入学时")
    minutes: str = ""
    has_vote: bool = False
    voting_members_due: int | None = Field(None, ge=0)
    voting_members_present: int | None = Field(None, ge=0)
    votes_for: int | None = Field(None, ge=0, description="赞成人数（有表决事项时填写）")
    agenda: list[str] = Field(..., description="议题，按顺序")
    first_topic_index: int | None = Field(
        None, ge=0, description="第一议题在 agenda 中的位置（从 0 起）；不填或 null 表示未安排"
    )
    attendance: list[AttendanceIn] = Field(default_factory=list)


# --- heart-to-heart talks ----------------------------------------------------------------------


class TalkOut(Schema):
    id: int
    initiator: Ref
    initiator_role: str
    initiator_role_label: str
    counterpart: Ref
    counterpart_role: str
    counterpart_role_label: str
    branch: Ref | None
    date: dt.date
    topic: str

    @staticmethod
    def resolve_initiator_role_label(obj: Any) -> str:
        return obj.get_initiator_role_display()

    @staticmethod
    def resolve_counterpart_role_label(obj: Any) -> str:
        return obj.get_counterpart_role_display()


class TalkDetailOut(TalkOut):
    summary: str = Field(..., description="谈话要点（保密；每次查看均记入审计日志）")
    created_at: dt.datetime
    updated_at: dt.datetime


class TalkIn(Schema):
    initiator_id: int | None = Field(None, description="谈话人；不填为本人")
    initiator_role: TalkRole
    counterpart_id: int
    counterpart_role: TalkRole
    branch_id: int | None = None
    date: dt.date
    topic: str
    summary: str = ""


# --- study and training hours ------------------------------------------------------------------


class StudyOut(Schema):
    id: int
    person: Ref
    kind: str
    kind_label: str
    date: dt.date
    title: str
    hours: float

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class StudyIn(Schema):
    person_id: int | None = Field(None, description="不填为本人；只有机关党委专责人员可以替他人登记")
    kind: StudyKind
    date: dt.date
    title: str
    hours: Decimal = Field(..., gt=0, le=80, decimal_places=1)


class TrainingHoursOut(Schema):
    person: Ref
    unit: Ref
    party_status: str
    hours: float = Field(..., description="当年集中学习培训学时：出席计入学时的会议加学习培训记录")
