"""Shapes of the suggestions in the npc API (api/suggestions.py, and the detail every handling step answers).
Values are the stable English codes; `*_label` are Chinese.

A suggestion's reply deadline (`reply_due`, `days_left`, `overdue`) is computed as the pages compute it:
`selectors.suggestions.reply_deadline` under NPC-001's parameters in force today, resolved once per request.
"""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core import clock, workdays
from qinglian.core.api import Ref
from qinglian.npc.choices import HandlingRole, SuggestionCategory
from qinglian.npc.schemas.common import percent
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.suggestion_detail import assignments_in_order, deadline_rows, replies_in_order
from qinglian.npc.selectors.suggestions import first_reply, latest_evaluation, latest_reply, reply_deadline

_UNSET = object()


class SessionRef(Schema):
    id: int
    name: str
    kind: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)


def _reply_params(obj: Any, context: Any) -> Any:
    """NPC-001's parameters in force today, resolved once per request (a page of 50 needs them once)."""
    request = (context or {}).get("request")
    params = getattr(request, "_npc_reply_params", _UNSET)
    if params is _UNSET:
        params = rule_params("NPC-001", organ_id=obj.organ_id, on=clock.today())
        if request is not None:
            request._npc_reply_params = params
    return params


def reply_state(obj: Any, context: Any) -> tuple[Any, dt.date | None]:
    """(lead assignment answering, reply deadline), cached on the suggestion (prefetched relations)."""
    cached = getattr(obj, "_api_reply_state", None)
    if cached is None:
        cached = obj._api_reply_state = reply_deadline(obj, _reply_params(obj, context))
    return cached


# --- suggestions -------------------------------------------------------------------------------


class SuggestionOut(Schema):
    id: int
    number: str
    year: int
    session: SessionRef | None = Field(..., description="届次会议；闭会期间的建议属于“闭会期间”")
    lead_deputy: Ref
    title: str
    category: str
    category_label: str
    received_on: dt.date
    assigned_on: dt.date | None
    status: str
    status_label: str
    is_key: bool = Field(..., description="重点督办")
    is_extended: bool = Field(..., description="已批准延期（答复期限6个月）")
    lead_unit: Ref | None = Field(..., description="主办单位：已答复的主办单位，否则承办中的主办单位")
    co_units: list[Ref] = Field(..., description="承办中的协办单位")
    reply_due: dt.date | None = Field(..., description="答复期限（NPC-001：自交办之日起3个月，延期6个月）")
    replied_on: dt.date | None = Field(..., description="首次答复日期")
    days_left: int | None = Field(..., description="距答复期限的工作日数（负数为已超期）；已答复为 null")
    overdue: bool = Field(..., description="已超过答复期限仍未答复")
    latest_result: str | None = Field(..., description="最近一次答复的类别（重新答复取代原答复）")
    latest_result_label: str | None
    satisfaction: str | None = Field(..., description="最近一次测评的满意度")
    satisfaction_label: str | None

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_lead_unit(obj: Any, context: Any) -> Any:
        lead, _ = reply_state(obj, context)
        return lead.unit if lead is not None else None

    @staticmethod
    def resolve_co_units(obj: Any) -> list[Any]:
        return [a.unit for a in obj.assignments.all() if a.is_active and a.role == HandlingRole.CO]

    @staticmethod
    def resolve_reply_due(obj: Any, context: Any) -> dt.date | None:
        return reply_state(obj, context)[1]

    @staticmethod
    def resolve_replied_on(obj: Any) -> dt.date | None:
        reply = first_reply(obj)
        return reply.date if reply is not None else None

    @staticmethod
    def resolve_days_left(obj: Any, context: Any) -> int | None:
        due = reply_state(obj, context)[1]
        if due is None or first_reply(obj) is not None:
            return None
        return workdays.working_days_between(clock.today(), due)

    @staticmethod
    def resolve_overdue(obj: Any, context: Any) -> bool:
        due = reply_state(obj, context)[1]
        return due is not None and first_reply(obj) is None and clock.today() > due

    @staticmethod
    def resolve_latest_result(obj: Any) -> str | None:
        reply = latest_reply(obj)
        return reply.result if reply is not None else None

    @staticmethod
    def resolve_latest_result_label(obj: Any) -> str | None:
        reply = latest_reply(obj)
        return reply.get_result_display() if reply is not None else None

    @staticmethod
    def resolve_satisfaction(obj: Any) -> str | None:
        record = latest_evaluation(obj)
        return record.level if record is not None else None

    @staticmethod
    def resolve_satisfaction_label(obj: Any) -> str | None:
        record = latest_evaluation(obj)
        return record.get_level_display() if record is not None else None


class AssignmentOut(Schema):
    id: int
    unit: Ref
    role: str
    role_label: str
    responsible: str = Field(..., description="责任人：承办单位主要负责人（承办单位信息中登记）")
    assigned_on: dt.date
    received_on: dt.date | None = Field(..., description="签收日期")
    returned_on: dt.date | None = Field(..., description="退回日期")
    return_reason: str
    return_accepted: bool | None = Field(..., description="同意退回；null 为未退回")
    is_active: bool = Field(..., description="承办中；同意退回后为 false")
    co_opinion_on: dt.date | None = Field(..., description="协办意见日期")
    co_opinion: str

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return obj.get_role_display()

    @staticmethod
    def resolve_responsible(obj: Any) -> str:
        profile = getattr(obj.unit, "npc_profile", None)  # a missing one-to-one raises AttributeError
        if profile is None:
            return ""
        return f"{profile.leader_title}{profile.leader_name}" if profile.leader_title else profile.leader_name


class ContactOut(Schema):
    id: int
    date: dt.date
    way: str
    way_label: str
    with_whom: str
    note: str
    unit: Ref | None

    @staticmethod
    def resolve_way_label(obj: Any) -> str:
        return obj.get_way_display()

    @staticmethod
    def resolve_unit(obj: Any) -> Any:
        return obj.assignment.unit if obj.assignment_id else None


class SatisfactionOut(Schema):
    id: int
    recorded_on: dt.date
    level: str
    level_label: str
    opinion: str

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return obj.get_level_display()


class ReplyOut(Schema):
    id: int
    unit: Ref
    document_no: str
    date: dt.date
    result: str
    result_label: str
    summary: str
    is_rereply: bool = Field(..., description="重新答复（代表不满意后）")
    replaces_id: int | None = Field(..., description="重新答复所取代的原答复")
    satisfaction: SatisfactionOut | None

    @staticmethod
    def resolve_unit(obj: Any) -> Any:
        return obj.assignment.unit

    @staticmethod
    def resolve_result_label(obj: Any) -> str:
        return obj.get_result_display()

    @staticmethod
    def resolve_satisfaction(obj: Any) -> Any:
        return next(iter(obj.satisfactions.all()), None)


class DeadlineOut(Schema):
    label: str
    due: dt.date
    done_on: dt.date | None
    days_left: int | None = Field(..., description="距期限的工作日数（负数为已超期）；已完成为 null")
    state: str = Field(..., description="done 按期完成 / late 逾期完成 / ok / near 临近 / overdue 已超期")
    text: str


class SuggestionDetailOut(SuggestionOut):
    content: str
    co_signers: list[Ref] = Field(..., description="附议代表")
    deputy_notified_on: dt.date | None = Field(..., description="通知代表受理日期")
    supervising_committee: Ref | None = Field(..., description="重点督办的督办委室")
    supervising_leader: Ref | None = Field(..., description="重点督办的督办领导")
    key_decided_on: dt.date | None = Field(..., description="主任会议确定重点督办的日期")
    supervision_plan_on: dt.date | None = Field(..., description="督办工作方案日期（NPC-012）")
    supervision_plan: str = Field(..., description="督办工作方案要点")
    extension_requested_on: dt.date | None
    extension_reason: str
    extension_approved_on: dt.date | None
    extension_approved_by: str | None
    assignments: list[AssignmentOut]
    contacts: list[ContactOut]
    replies: list[ReplyOut]
    deadlines: list[DeadlineOut] = Field(..., description="各项期限（与建议页面一致）")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_co_signers(obj: Any) -> list[Any]:
        return list(obj.co_signers.all())

    @staticmethod
    def resolve_extension_approved_by(obj: Any) -> str | None:
        return str(obj.extension_approved_by) if obj.extension_approved_by_id else None

    @staticmethod
    def resolve_assignments(obj: Any) -> list[Any]:
        return assignments_in_order(obj)

    @staticmethod
    def resolve_contacts(obj: Any) -> list[Any]:
        return sorted(obj.contacts.all(), key=lambda c: (c.date, c.pk))

    @staticmethod
    def resolve_replies(obj: Any) -> list[Any]:
        return replies_in_order(obj)

    @staticmethod
    def resolve_deadlines(obj: Any) -> list[Any]:
        return deadline_rows(obj, today=clock.today())


class SuggestionIn(Schema):
    """登记或修改（整体替换）一件代表建议。"""

    number: str = Field(..., min_length=1, max_length=20, description="建议编号，同一年度内唯一")
    year: int | None = Field(None, ge=2000, le=2100, description="办理年度；不填按届次会议年份，无会议按收到日期")
    session_id: int | None = Field(None, description="届次会议；不填视为闭会期间")
    lead_deputy_id: int
    co_signer_ids: list[int] = Field(default_factory=list, description="附议代表（整体替换）")
    title: str = Field(..., min_length=1, max_length=200)
    content: str = ""
    category: SuggestionCategory
    received_on: dt.date


class HandlingStatsOut(Schema):
    unit_id: int | None = Field(..., description="承办单位；合计行为 null")
    unit_name: str
    total: int = Field(..., description="建议件数")
    replied: int = Field(..., description="已答复")
    on_time: int = Field(..., description="按期答复（首次答复不晚于答复期限）")
    on_time_rate: float | None = Field(..., description="按期答复率（%），无已答复件时为 null")
    solved: int = Field(..., description="办理落实：最近一次答复为已解决或正在解决")
    solved_rate: float | None = Field(..., description="办理落实率（%）")
    evaluated: int = Field(..., description="已测评")
    satisfied: int = Field(..., description="满意和基本满意")
    satisfaction_rate: float | None = Field(..., description="满意率（%）")

    @staticmethod
    def resolve_on_time_rate(obj: Any) -> float | None:
        return percent(obj.on_time_rate)

    @staticmethod
    def resolve_solved_rate(obj: Any) -> float | None:
        return percent(obj.solved_rate)

    @staticmethod
    def resolve_satisfaction_rate(obj: Any) -> float | None:
        return percent(obj.satisfaction_rate)


class HandlingReportOut(Schema):
    year: int
    units: list[HandlingStatsOut] = Field(..., description="各主办单位，按单位名称")
    total: HandlingStatsOut | None = Field(..., description="合计（含尚未交办的建议）；管理员账号为 null")
