"""Shapes of the 廉政谈话 API (api/talks.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.integrity.choices import IntegrityTalkKind


class IntegrityTalkAttendanceOut(Schema):
    person: Ref
    present: bool
    absence_reason: str


class IntegrityTalkOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: dt.date
    talker: Ref
    subject: Ref | None
    unit: Ref | None
    event_id: int | None = Field(None, description="对应的人事变动")
    place: str
    topic: str
    points: str
    commitment_signed: bool
    attendance: list[IntegrityTalkAttendanceOut] = Field(default_factory=list, description="集体廉政谈话的参加人员")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_attendance(obj: Any) -> list[Any]:
        return list(obj.attendance.all())


class IntegrityTalkAttendanceIn(Schema):
    person_id: int
    present: bool = True
    absence_reason: str = Field("", max_length=100)


class IntegrityTalkIn(Schema):
    kind: IntegrityTalkKind
    date: dt.date
    talker_id: int = Field(..., description="谈话人（本机关任何人员，如党组书记、派驻纪检监察组组长）")
    subject_id: int | None = Field(None, description="谈话对象；集体廉政谈话不填")
    unit_id: int | None = Field(None, description="所在委室；不填为谈话对象所在委室")
    event_id: int | None = Field(None, description="对应的人事变动（须为谈话对象本人的提拔、任职、转岗或调入）")
    place: str = Field("", max_length=100)
    topic: str = Field("", max_length=200)
    points: str = Field("", max_length=5000)
    commitment_signed: bool = False
    attendance: list[IntegrityTalkAttendanceIn] = Field(default_factory=list, description="集体廉政谈话的应参加人员")


class ExpectedIntegrityTalkOut(Schema):
    event_id: int
    event_date: dt.date
    event_kind: str
    person: Ref
    unit_name: str
    to_post: str
    expected_kind: str
    due: dt.date = Field(..., description="谈话期限（人事变动后按规则 INT-001 参数计算的工作日）")
    talk_id: int | None
    talk_date: dt.date | None
    state: str = Field(
        ..., description="held 已按期谈话 / late 逾期谈话 / overdue 逾期未谈 / due_soon 即将到期 / waiting 待谈话"
    )

    @staticmethod
    def resolve_person(obj: Any) -> dict[str, Any]:
        return {"id": obj.person_id, "name": obj.person_name}
