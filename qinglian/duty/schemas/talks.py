"""Shapes of the 约谈 API (api/talks.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from django.db.models import Model
from ninja import Field, Schema

from qinglian.compliance.models import Finding
from qinglian.core.api import Ref
from qinglian.duty.choices import TalkKind
from qinglian.duty.models import DutyAssignment, OversightNotice


class DutyTalkOut(Schema):
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
        return _if_visible(OversightNotice, obj.notice_id, context)

    @staticmethod
    def resolve_assignment_id(obj: Any, context: Any) -> int | None:
        return _if_visible(DutyAssignment, obj.assignment_id, context)

    @staticmethod
    def resolve_finding_id(obj: Any, context: Any) -> int | None:
        return _if_visible(Finding, obj.finding_id, context)


def _if_visible(model: type[Model], pk: int | None, context: Any) -> int | None:
    if pk is None:
        return None
    user = context["request"].auth_user
    return pk if model.objects.visible_to(user).filter(pk=pk).exists() else None


class DutyTalkIn(Schema):
    kind: TalkKind = TalkKind.ADMONITION
    date: dt.date
    interviewer_id: int | None = Field(None, description="约谈人；不填为本人")
    interviewee_id: int
    reason: str
    outcome: str = ""
    notice_id: int | None = Field(None, description="相关督办单；给出时默认沿用其任务和预警")
    assignment_id: int | None = None
    finding_id: int | None = None
