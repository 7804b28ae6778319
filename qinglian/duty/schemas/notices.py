"""Shapes of the 督办单 API (api/notices.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core import workdays
from qinglian.core.api import Ref
from qinglian.duty.choices import NoticeStatus
from qinglian.duty.schemas.common import today


class NoticeOut(Schema):
    id: int
    number: str
    unit: Ref
    responsible: Ref | None
    assignment_id: int | None
    finding_id: int | None
    issued_on: dt.date
    issued_by: str | None
    reason: str
    requirement: str
    reply_due: dt.date
    status: str
    status_label: str
    is_overdue: bool = Field(..., description="待回复且已过回复期限")
    reply: str
    replied_on: dt.date | None
    escalated_to: Ref | None
    escalated_on: dt.date | None

    @staticmethod
    def resolve_issued_by(obj: Any) -> str | None:
        return str(obj.issued_by) if obj.issued_by_id else None

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_is_overdue(obj: Any) -> bool:
        return obj.status == NoticeStatus.ISSUED and workdays.is_overdue(obj.reply_due, today())


class NoticeIn(Schema):
    """Give `assignment_id` (a slipping task) or `finding_id` (an open finding), or both."""

    assignment_id: int | None = None
    finding_id: int | None = None
    unit_id: int | None = Field(None, description="不填：任务的责任委室或预警的责任委室")
    responsible_id: int | None = Field(None, description="不填：委室负责人或预警的责任人")
    number: str = Field("", max_length=40, description="不填自动编号，如 督办〔2026〕3号")
    reason: str
    requirement: str = ""
    issued_on: dt.date | None = Field(None, description="不填为今天")
    reply_due: dt.date


class NoticeReplyIn(Schema):
    reply: str
    replied_on: dt.date | None = Field(None, description="不填为今天")


class NoticeEscalateIn(Schema):
    to_person_id: int | None = Field(None, description="党组成员；不填为被督办委室的分管领导")
