"""Shapes of the npc API for meeting materials (api/meetings.py). Values are the stable English codes; `*_label`
are Chinese.

An agenda item's `timeliness` is `selectors.meetings.item_timeliness` on today's date, as the meeting's page shows
it: on_time 按时 / late 逾期 / missing 未报送 (deadline passed, nothing sent) / null 未到期.
"""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema

from qinglian.core import clock, workdays
from qinglian.core.api import Ref
from qinglian.npc.choices import AgendaKind, AuditReport, NpcMeetingKind
from qinglian.npc.schemas.common import percent
from qinglian.npc.selectors.meetings import TIMELINESS_LABELS, item_timeliness


def _timeliness(item: Any) -> str | None:
    cached = getattr(item, "_api_timeliness", "unset")
    if cached == "unset":
        cached = item._api_timeliness = item_timeliness(item, clock.today())
    return cached


# --- meetings and materials --------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    name: str
    kind: str = Field(..., description="internal 内设机构 / external 外部单位")


class SubmissionOut(Schema):
    id: int
    version: int = Field(..., description="第几稿")
    submitted_at: dt.datetime
    submitter: str
    is_final: bool = Field(..., description="定稿（修改稿）")
    received_at: dt.datetime | None = Field(..., description="办公室签收时间")
    received_by: Ref | None
    note: str

    # Beijing time (+08:00), as the office reads the clock; the deadline is a Beijing date.
    @staticmethod
    def resolve_submitted_at(obj: Any) -> dt.datetime:
        return timezone.localtime(obj.submitted_at)

    @staticmethod
    def resolve_received_at(obj: Any) -> dt.datetime | None:
        return timezone.localtime(obj.received_at) if obj.received_at else None


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    order: int
    title: str
    kind: str
    kind_label: str
    submitting_unit: UnitRef
    materials_required: str
    is_special_report: bool = Field(..., description="专项工作报告（监督法：会议举行二十日前/十日前）")
    audit_report: str = Field(..., description="审计监督报告：work 审计工作报告 / rectification 整改情况报告 / 空")
    deadline: dt.date | None = Field(..., description="材料报送期限（按会议日期倒推，系统计算）")
    final_deadline: dt.date | None = Field(..., description="修改稿送交期限（仅专项工作报告）")
    days_left: int | None = Field(..., description="尚未报送时距报送期限的工作日数（负数为已超期）；已报送为 null")
    timeliness: str | None = Field(..., description="on_time / late / missing；未到期为 null")
    timeliness_label: str
    outcome: str
    submissions: list[SubmissionOut]

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_days_left(obj: Any) -> int | None:
        if obj.deadline is None or list(obj.submissions.all()):
            return None
        return workdays.working_days_between(clock.today(), obj.deadline)

    @staticmethod
    def resolve_timeliness(obj: Any) -> str | None:
        return _timeliness(obj)

    @staticmethod
    def resolve_timeliness_label(obj: Any) -> str:
        return TIMELINESS_LABELS[_timeliness(obj)]

    @staticmethod
    def resolve_submissions(obj: Any) -> list[Any]:
        return sorted(obj.submissions.all(), key=lambda s: s.version)


class NpcMeetingOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str = Field(..., description="会次")
    date: dt.date
    title: str
    item_count: int = Field(..., description="议题数")
    on_time: int = Field(..., description="材料按时报送的议题")
    late: int = Field(..., description="逾期报送的议题")
    missing: int = Field(..., description="已过期限仍未报送的议题")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_item_count(obj: Any) -> int:
        return len(obj.items.all())

    @staticmethod
    def resolve_on_time(obj: Any) -> int:
        return sum(_timeliness(item) == "on_time" for item in obj.items.all())

    @staticmethod
    def resolve_late(obj: Any) -> int:
        return sum(_timeliness(item) == "late" for item in obj.items.all())

    @staticmethod
    def resolve_missing(obj: Any) -> int:
        return sum(_timeliness(item) == "missing" for item in obj.items.all())


class NpcMeetingDetailOut(NpcMeetingOut):
    items: list[AgendaItemOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        return list(obj.items.all())


class NpcMeetingIn(Schema):
    kind: NpcMeetingKind
    number: str = Field(..., min_length=1, max_length=20, description="会次，如：第12次")
    date: dt.date
    title: str = Field("", max_length=200)


class AgendaItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    kind: AgendaKind
    submitting_unit_id: int = Field(..., description="提请/汇报单位（内设机构或外部单位）")
    materials_required: str = ""
    is_special_report: bool = False
    audit_report: AuditReport | Literal[""] = Field(
        "", description="work 审计工作报告 / rectification 整改情况报告（监督法第二十七条）；不是则留空"
    )
    order: int | None = Field(None, ge=1, description="序号；不填排在最后")
    outcome: str = Field("", max_length=200)


class SubmissionIn(Schema):
    submitted_at: dt.datetime | None = Field(None, description="报送时间；不填为现在，不带时区的按北京时间")
    submitter: str = Field("", max_length=30, description="报送人；不填为登记人本人")
    is_final: bool = Field(False, description="定稿（修改稿）")
    note: str = Field("", max_length=300)


class ReceiptIn(Schema):
    received_at: dt.datetime | None = Field(None, description="签收时间；不填为现在")
    received_by_id: int | None = Field(None, description="签收人；不填为本人")


class MaterialStatsOut(Schema):
    unit_id: int | None = Field(..., description="提请/汇报单位；合计行为 null")
    unit_name: str
    items: int = Field(..., description="截至今天已到报送期限或已报送的议题数")
    on_time: int
    late: int
    missing: int
    on_time_rate: float | None = Field(..., description="材料按时报送率（%）")

    @staticmethod
    def resolve_on_time_rate(obj: Any) -> float | None:
        return percent(obj.on_time_rate)


class MaterialsReportOut(Schema):
    year: int
    units: list[MaterialStatsOut]
    total: MaterialStatsOut | None
