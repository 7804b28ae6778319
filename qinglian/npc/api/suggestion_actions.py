"""The handling steps of a suggestion in the npc API, the same steps as the suggestion's page: 交办, 签收, 退回,
协办意见, 通知代表受理, 联系代表, 答复 (or 重新答复), 满意度, 延期 and its approval, 重点督办 and its 督办工作方案.

The suggestions desk does every step (`can_write_suggestions`); approving an extension is for a leader or the
desk's head (`can_approve_extension`, checked by the service). Whoever may see the suggestion but not act gets
403 before the body's references are looked at; a refusal of the service (Chinese) is 400/403/409 and nothing
is written (the services are atomic). Every step answers the suggestion's detail as it now stands.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from qinglian.core.api import auth_user, reference
from qinglian.core.errors import InvalidInput
from qinglian.npc.api.common import WRITE_ERRORS, day_or_today, references
from qinglian.npc.models import Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.permissions import access_assignment, access_reply, access_suggestion
from qinglian.npc.schemas.suggestion_actions import (
    AssignIn,
    ContactIn,
    CoOpinionIn,
    ExtensionApproveIn,
    ExtensionIn,
    KeyIn,
    NotifyIn,
    ReceiveIn,
    ReplyIn,
    ReturnIn,
    SatisfactionIn,
    SupervisionPlanIn,
)
from qinglian.npc.schemas.suggestions import SuggestionDetailOut
from qinglian.npc.selectors.setup import external_units, internal_units
from qinglian.npc.selectors.suggestion_actions import active_assignments, current_lead, supervising_leaders
from qinglian.npc.selectors.suggestion_detail import load_suggestion
from qinglian.npc.services import suggestions as svc

router = Router()

DETAIL = {200: SuggestionDetailOut, **WRITE_ERRORS}
CREATED = {201: SuggestionDetailOut, **WRITE_ERRORS}


# --- 交办 and the units' steps -------------------------------------------------------------------


@router.post("/suggestions/{suggestion_id}/assign", response=DETAIL, summary="交办")
def suggestion_assign(request: HttpRequest, suggestion_id: int, payload: AssignIn) -> Suggestion:
    """确定主办单位和协办单位（外部单位）。主办单位经同意退回后，也用此步骤另行交办。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    units = external_units(user)
    lead = reference(units, payload.lead_unit_id, "lead_unit_id", "主办单位")
    co_units = references(units, payload.co_unit_ids, "co_unit_ids", "协办单位")
    if lead in co_units:
        raise InvalidInput("主办单位不能同时作为协办单位", detail={"co_unit_ids": "主办单位不能同时作为协办单位"})
    svc.suggestion_assign(
        suggestion=suggestion, lead_unit=lead, assigned_on=day_or_today(payload.assigned_on), by=user, co_units=co_units
    )
    return load_suggestion(user, suggestion.pk)


@router.post("/assignments/{assignment_id}/receive", response=DETAIL, summary="承办单位签收")
def assignment_receive(request: HttpRequest, assignment_id: int, payload: ReceiveIn | None = None) -> Suggestion:
    """主办单位签收后建议转为“办理中”。请求体可省略（签收日期为今天）。"""
    user = auth_user(request)
    assignment = access_assignment(user, assignment_id, write=True)
    received_on = day_or_today(payload.received_on if payload else None)
    svc.assignment_receive(assignment=assignment, received_on=received_on, by=user)
    return load_suggestion(user, assignment.suggestion_id)


@router.post("/assignments/{assignment_id}/return", response=DETAIL, summary="承办单位退回")
def assignment_return(request: HttpRequest, assignment_id: int, payload: ReturnIn) -> Suggestion:
    """登记退回及理由。同意退回的，该交办终止；主办单位退回的，建议回到“已登记”待另行交办。"""
    user = auth_user(request)
    assignment = access_assignment(user, assignment_id, write=True)
    svc.assignment_return(
        assignment=assignment,
        returned_on=day_or_today(payload.returned_on),
        reason=payload.reason,
        accepted=payload.accepted,
        by=user,
    )
    return load_suggestion(user, assignment.suggestion_id)


@router.post("/assignments/{assignment_id}/co-opinion", response=DETAIL, summary="协办意见")
def assignment_co_opinion(request: HttpRequest, assignment_id: int, payload: CoOpinionIn) -> Suggestion:
    """协办单位向主办单位提出的书面协办意见（NPC-002：2个月内）。"""
    user = auth_user(request)
    assignment = access_assignment(user, assignment_id, write=True)
    svc.co_opinion_record(
        assignment=assignment, opinion_on=day_or_today(payload.opinion_on), opinion=payload.opinion, by=user
    )
    return load_suggestion(user, assignment.suggestion_id)


@router.post("/suggestions/{suggestion_id}/notify-deputy", response=DETAIL, summary="通知代表受理")
def suggestion_notify(request: HttpRequest, suggestion_id: int, payload: NotifyIn | None = None) -> Suggestion:
    """闭会期间的建议受理后通知代表（NPC-006：7日内）。请求体可省略（今天）。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    notified_on = day_or_today(payload.notified_on if payload else None)
    svc.suggestion_notify_deputy(suggestion=suggestion, notified_on=notified_on, by=user)
    return load_suggestion(user, suggestion.pk)


@router.post("/suggestions/{suggestion_id}/contacts", response=CREATED, summary="登记联系代表")
def contact_create(request: HttpRequest, suggestion_id: int, payload: ContactIn) -> Status:
    """承办单位答复前与代表的联系沟通（面商、电话、走访、座谈、邮件）。已交办的建议由此转为“办理中”。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    active = active_assignments(suggestion)
    assignment = reference(active, payload.assignment_id, "assignment_id", "承办单位") or current_lead(suggestion)
    contact = Contact(
        suggestion=suggestion,
        assignment=assignment,
        date=day_or_today(payload.date),
        way=payload.way,
        with_whom=payload.with_whom.strip(),
        note=payload.note.strip(),
    )
    svc.contact_record(contact=contact, by=user)
    return Status(201, load_suggestion(user, suggestion.pk))


@router.post("/suggestions/{suggestion_id}/replies", response=CREATED, summary="登记答复")
def reply_create(request: HttpRequest, suggestion_id: int, payload: ReplyIn) -> Status:
    """承办中的主办单位的答复；建议为“重新办理”时即为重新答复（取代不满意的原答复）。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    lead = current_lead(suggestion)
    if lead is None:
        raise InvalidInput("该建议没有承办中的主办单位，不能登记答复")
    reply = Reply(
        suggestion=suggestion,
        assignment=lead,
        document_no=payload.document_no.strip(),
        date=day_or_today(payload.date),
        result=payload.result,
        summary=payload.summary.strip(),
    )
    svc.reply_record(reply=reply, by=user)
    return Status(201, load_suggestion(user, suggestion.pk))


@router.post("/replies/{reply_id}/satisfaction", response=CREATED, summary="登记代表满意度")
def satisfaction_create(request: HttpRequest, reply_id: int, payload: SatisfactionIn) -> Status:
    """代表对该答复的测评。首次答复不满意的，建议转为“重新办理”；其余情况建议办结。"""
    user = auth_user(request)
    reply = access_reply(user, reply_id, write=True)
    record = SatisfactionRecord(
        reply=reply, recorded_on=day_or_today(payload.recorded_on), level=payload.level, opinion=payload.opinion
    )
    svc.satisfaction_record(record=record, by=user)
    return Status(201, load_suggestion(user, reply.suggestion_id))


# --- extension and key supervision -------------------------------------------------------------


@router.post("/suggestions/{suggestion_id}/extension", response=DETAIL, summary="申请延期")
def extension_request(request: HttpRequest, suggestion_id: int, payload: ExtensionIn) -> Suggestion:
    """登记主办单位的延期申请（批准后答复期限为交办之日起6个月）。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    svc.extension_request(
        suggestion=suggestion, requested_on=day_or_today(payload.requested_on), reason=payload.reason, by=user
    )
    return load_suggestion(user, suggestion.pk)


@router.post("/suggestions/{suggestion_id}/extension/approve", response=DETAIL, summary="批准延期")
def extension_approve(
    request: HttpRequest, suggestion_id: int, payload: ExtensionApproveIn | None = None
) -> Suggestion:
    """分管领导或建议办理台账负责委室负责人批准。请求体可省略（今天）。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id)
    approved_on = day_or_today(payload.approved_on if payload else None)
    svc.extension_approve(suggestion=suggestion, approved_on=approved_on, by=user)
    return load_suggestion(user, suggestion.pk)


@router.post("/suggestions/{suggestion_id}/key", response=DETAIL, summary="重点督办")
def suggestion_key(request: HttpRequest, suggestion_id: int, payload: KeyIn) -> Suggestion:
    """列为（或取消）重点督办，明确督办委室、督办领导和主任会议确定的日期。取消重点督办同时清除督办工作方案。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    committee = leader = None
    if payload.is_key:
        committee = reference(internal_units(user), payload.committee_id, "committee_id", "督办委室")
        leader = reference(supervising_leaders(user), payload.leader_id, "leader_id", "督办领导")
    svc.suggestion_mark_key(
        suggestion=suggestion,
        is_key=payload.is_key,
        by=user,
        committee=committee,
        leader=leader,
        decided_on=payload.key_decided_on,
    )
    return load_suggestion(user, suggestion.pk)


@router.post("/suggestions/{suggestion_id}/supervision-plan", response=DETAIL, summary="督办工作方案")
def suggestion_supervision_plan(request: HttpRequest, suggestion_id: int, payload: SupervisionPlanIn) -> Suggestion:
    """登记重点督办建议的督办工作方案（NPC-012：主任会议确定之日起1个月内，期限为未核实的参数）。再次登记取代原方案。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    svc.supervision_plan_record(
        suggestion=suggestion, plan_on=day_or_today(payload.plan_on), summary=payload.summary, by=user
    )
    return load_suggestion(user, suggestion.pk)
