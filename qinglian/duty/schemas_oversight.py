"""Shapes of the duty API, part 2 (api_oversight.py): responsibility letters, 督办单 and 约谈."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema

from qinglian.duty.choices import NoticeStatus, TalkKind

OVERDUE = "overdue"
TaskStatusFilter = Literal["not_started", "in_progress", "overdue", "completed", "closed"]
NoticeStatusFilter = Literal["issued", "replied", "closed", "overdue"]


def _today() -> dt.date:
    return timezone.localdate()


from qinglian.duty.schemas import CompletionOut, Ref  # noqa: E402,F401

# --- letters ---------------------------------------------------------------------------------


class LetterOut(Schema):
    id: int
    year: int
    level: str
    level_label: str
    unit: Ref
    signer: Ref
    issuer: Ref | None
    signed: bool
    signed_on: dt.date | None
    trigger_event_id: int | None = Field(None, description="因该人事变动补签")
    note: str

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_signed(obj: Any) -> bool:
        return obj.signed_on is not None


class LetterSignIn(Schema):
    signed_on: dt.date


class LettersGenerateIn(Schema):
    year: int = Field(..., ge=2000, le=2100)


class LettersGenerateOut(Schema):
    year: int
    created: int = Field(..., description="本次新生成（未签订）的责任书份数")
    total: int = Field(..., description="该年度责任书总数")


# --- 督办单 and 约谈 ----------------------------------------------------------------------------


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
        return obj.status == NoticeStatus.ISSUED and obj.reply_due < _today()


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


class TalkOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: dt.date
    interviewer: Ref
    interviewee: Ref
    unit: Ref | None
    reason: str
    outcome: str
    notice_id: int | None = Field(None, description="相关督办单（本账号不可见时为 null）")
    assignment_id: int | None = Field(None, description="相关责任任务（本账号不可见时为 null）")
    finding_id: int | None = Field(None, description="相关预警（本账号不可见时为 null）")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    # Linked records only when the reader may open them, as on the page (an interviewee may not see a finding).
    @staticmethod
    def resolve_notice_id(obj: Any, context: Any) -> int | None:
        from qinglian.duty.models import SupervisionNotice

        return _if_visible(SupervisionNotice, obj.notice_id, context)

    @staticmethod
    def resolve_assignment_id(obj: Any, context: Any) -> int | None:
        from qinglian.duty.models import DutyAssignment

        return _if_visible(DutyAssignment, obj.assignment_id, context)

    @staticmethod
    def resolve_finding_id(obj: Any, context: Any) -> int | None:
        from qinglian.compliance.models import Finding

        return _if_visible(Finding, obj.finding_id, context)


def _if_visible(model: Any, pk: int | None, context: Any) -> int | None:
    if pk is None:
        return None
    user = context["request"].auth_user
    return pk if model.objects.visible_to(user).filter(pk=pk).exists() else None


class TalkIn(Schema):
    kind: TalkKind = TalkKind.ADMONITION
    date: dt.date
    interviewer_id: int | None = Field(None, description="约谈人；不填为本人")
    interviewee_id: int
    reason: str
    outcome: str = ""
    notice_id: int | None = Field(None, description="相关督办单；给出时默认沿用其任务和预警")
    assignment_id: int | None = None
    finding_id: int | None = None
