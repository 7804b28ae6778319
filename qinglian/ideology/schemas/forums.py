"""Shapes of the 一会一报 API (api/forums.py). Values are the stable English codes; `*_label` are Chinese. Names are
prefixed (IdeologyForum…): the OpenAPI document has one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.ideology.choices import ForumKind, ForumStep, HostRole, ReviewDecision
from qinglian.ideology.selectors import forums as selectors


class IdeologyForumApprovalOut(Schema):
    step: int
    step_label: str
    decision: str
    decision_label: str
    approver: Ref
    decided_on: dt.date
    opinion: str

    @staticmethod
    def resolve_step_label(obj: Any) -> str:
        return obj.get_step_display()

    @staticmethod
    def resolve_decision_label(obj: Any) -> str:
        return "同意" if obj.decision == ReviewDecision.APPROVE else "不予批准"


class IdeologyForumOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    topic: str
    unit: Ref
    applicant: Ref
    host_role: str
    co_hosts: str
    speaker: str
    speaker_title: str
    outline: str
    audience: str
    audience_size: int | None
    venue: str
    online: bool
    foreign_participants: bool
    foreign_detail: str
    filed_on: dt.date
    held_on: dt.date
    status: str
    status_label: str
    cancelled_reason: str
    pending_step: int | None
    approvals: list[IdeologyForumApprovalOut]

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_pending_step(obj: Any) -> int | None:
        return selectors.pending_step(obj) if obj.status == "filed" else None

    @staticmethod
    def resolve_approvals(obj: Any) -> list[Any]:
        return sorted(obj.approvals.all(), key=lambda a: (a.step, a.decided_on, a.pk))


class IdeologyForumIn(Schema):
    kind: ForumKind
    title: str = Field(..., min_length=1, max_length=200)
    topic: str = Field(..., min_length=1, max_length=300)
    unit_id: int = Field(..., description="主办委室：本人所在或负责的委室")
    host_role: HostRole = HostRole.HOST
    co_hosts: str = Field("", max_length=200)
    speaker: str = Field(..., min_length=1, max_length=100)
    speaker_title: str = Field("", max_length=200)
    outline: str = Field("", max_length=20000)
    audience: str = Field(..., min_length=1, max_length=200)
    audience_size: int | None = Field(None, ge=0, le=100000)
    venue: str = Field("", max_length=200)
    online: bool = False
    foreign_participants: bool = False
    foreign_detail: str = Field("", max_length=300, description="有境外人员参加的必填")
    held_on: dt.date = Field(..., description="举办日期，不能早于报备日期（今天）")


class IdeologyForumDecideIn(Schema):
    step: ForumStep = Field(..., description="审批环节：1 委室负责人，2 分管领导，3 外事部门，4 机关党委")
    decision: ReviewDecision = Field(..., description="approve 同意，return 不予批准")
    opinion: str = Field("", max_length=500)
    decided_on: dt.date | None = Field(None, description="审批日期，不填为今天；外事环节填外事部门批复日期")


class IdeologyForumCancelIn(Schema):
    reason: str = Field(..., min_length=1, max_length=300)
