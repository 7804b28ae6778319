"""One suggestion's page — the record, its deputies and units, the handling timeline, the deadlines with the
working days left, evidence and history — and the desk's handling steps on it, each a POST to
/npc/suggestions/<id>/do/<action>/.

A table maps the action to its form, the service call and when it applies (the page shows the applicable
ones). The desk (`can_write_suggestions`) does every step except approving an extension, which is for a
leader or the desk's head (`can_approve_extension`). A user who may not act gets 403 before anything is read
from the form; a refusal of the service (Chinese message) is shown on the form and nothing is written (the
services are atomic).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.history import changes_for
from qinglian.npc.choices import OPEN_STATUSES, UNREPLIED, HandlingRole, SuggestionStatus
from qinglian.npc.forms.suggestion_actions import (
    ActionForm,
    AddCoUnitsForm,
    AssignForm,
    ContactForm,
    CoOpinionForm,
    ExtensionApproveForm,
    ExtensionRequestForm,
    MarkKeyForm,
    NotifyForm,
    ReceiveForm,
    ReplyForm,
    ReturnForm,
    SatisfactionForm,
    SupervisionPlanForm,
)
from qinglian.npc.models import Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.permissions import access_suggestion, can_approve_extension, can_write_suggestions
from qinglian.npc.selectors.suggestion_detail import (
    assignments_in_order,
    deadline_rows,
    load_suggestion,
    replies_in_order,
    suggestion_timeline,
)
from qinglian.npc.services import suggestions as svc
from qinglian.npc.views.common import saved_redirect

S = SuggestionStatus
Data = dict[str, Any]


def _active(s: Suggestion) -> list:
    return [a for a in s.assignments.all() if a.is_active]


def _assign(s: Suggestion, d: Data, by: Any) -> str:
    svc.suggestion_assign(
        suggestion=s, lead_unit=d["lead_unit"], assigned_on=d["assigned_on"], by=by, co_units=d["co_units"]
    )
    return f"已交办：{d['lead_unit'].name}主办"


def _add_co(s: Suggestion, d: Data, by: Any) -> str:
    svc.suggestion_add_co_units(suggestion=s, units=d["units"], assigned_on=d["assigned_on"], by=by)
    return "已增加协办单位：" + "、".join(u.name for u in d["units"])


def _receive(s: Suggestion, d: Data, by: Any) -> str:
    svc.assignment_receive(assignment=d["assignment"], received_on=d["received_on"], by=by)
    return f"已登记签收：{d['assignment'].unit.name}"


def _return(s: Suggestion, d: Data, by: Any) -> str:
    a = d["assignment"]
    svc.assignment_return(assignment=a, returned_on=d["returned_on"], reason=d["reason"], accepted=d["accepted"], by=by)
    return f"已登记退回：{a.unit.name}（{'同意退回，请另行交办' if d['accepted'] else '不同意退回'}）"


def _notify(s: Suggestion, d: Data, by: Any) -> str:
    svc.suggestion_notify_deputy(suggestion=s, notified_on=d["notified_on"], by=by)
    return "已登记通知代表受理"


def _contact(s: Suggestion, d: Data, by: Any) -> str:
    contact = Contact(
        suggestion=s, assignment=d["assignment"], date=d["date"], way=d["way"], with_whom=d["with_whom"], note=d["note"]
    )
    svc.contact_record(contact=contact, by=by)
    return "已登记联系代表"


def _co_opinion(s: Suggestion, d: Data, by: Any) -> str:
    svc.co_opinion_record(assignment=d["assignment"], opinion_on=d["opinion_on"], opinion=d["opinion"], by=by)
    return f"已登记协办意见：{d['assignment'].unit.name}"


def _reply(s: Suggestion, d: Data, by: Any) -> str:
    lead = next(a for a in _active(s) if a.role == HandlingRole.LEAD)
    reply = Reply(
        suggestion=s,
        assignment=lead,
        document_no=d["document_no"],
        date=d["date"],
        result=d["result"],
        summary=d["summary"],
    )
    svc.reply_record(reply=reply, by=by)
    return "已登记重新答复" if reply.is_rereply else "已登记答复"


def _satisfaction(s: Suggestion, d: Data, by: Any) -> str:
    record = SatisfactionRecord(reply=d["reply"], recorded_on=d["recorded_on"], level=d["level"], opinion=d["opinion"])
    svc.satisfaction_record(record=record, by=by)
    return f"已登记代表满意度：{record.get_level_display()}"


def _extension_request(s: Suggestion, d: Data, by: Any) -> str:
    svc.extension_request(suggestion=s, requested_on=d["requested_on"], reason=d["reason"], by=by)
    return "已登记延期申请，待批准"


def _extension_approve(s: Suggestion, d: Data, by: Any) -> str:
    svc.extension_approve(suggestion=s, approved_on=d["approved_on"], by=by)
    return "已批准延期"


def _mark_key(s: Suggestion, d: Data, by: Any) -> str:
    svc.suggestion_mark_key(
        suggestion=s,
        is_key=d["is_key"],
        by=by,
        committee=d["committee"],
        leader=d["leader"],
        decided_on=d["decided_on"],
    )
    return "已列为重点督办" if d["is_key"] else "已取消重点督办"


def _plan(s: Suggestion, d: Data, by: Any) -> str:
    svc.supervision_plan_record(suggestion=s, plan_on=d["plan_on"], summary=d["summary"], by=by)
    return "已登记督办工作方案"


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type[ActionForm]
    run: Callable[[Suggestion, Data, Any], str]
    applies: Callable[[Suggestion], bool]
    approver: bool = False  # approving an extension: can_approve_extension, not the desk


def _open(s: Suggestion) -> bool:
    return s.status in UNREPLIED


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("assign", "交办", AssignForm, _assign, lambda s: s.status == S.REGISTERED),
        Action(
            "add_co",
            "增加协办单位",
            AddCoUnitsForm,
            _add_co,
            lambda s: s.assigned_on is not None and s.status != S.CLOSED,
        ),
        Action("receive", "签收", ReceiveForm, _receive, lambda s: any(not a.received_on for a in _active(s))),
        Action("return", "退回", ReturnForm, _return, lambda s: _open(s) and bool(_active(s))),
        Action("notify", "通知代表受理", NotifyForm, _notify, lambda s: s.deputy_notified_on is None),
        Action(
            "contact", "联系代表", ContactForm, _contact, lambda s: s.assigned_on is not None and s.status != S.CLOSED
        ),
        Action(
            "co_opinion",
            "协办意见",
            CoOpinionForm,
            _co_opinion,
            lambda s: any(a.role == HandlingRole.CO and not a.co_opinion_on for a in _active(s)),
        ),
        Action("reply", "答复", ReplyForm, _reply, lambda s: s.status in OPEN_STATUSES),
        Action("satisfaction", "代表满意度", SatisfactionForm, _satisfaction, lambda s: s.status == S.REPLIED),
        Action(
            "extension_request",
            "申请延期",
            ExtensionRequestForm,
            _extension_request,
            lambda s: _open(s) and not s.is_extended,
        ),
        Action(
            "extension_approve",
            "批准延期",
            ExtensionApproveForm,
            _extension_approve,
            lambda s: s.extension_requested_on is not None and not s.is_extended,
            approver=True,
        ),
        Action("mark_key", "重点督办", MarkKeyForm, _mark_key, lambda s: s.status != S.CLOSED or s.is_key),
        Action("plan", "督办工作方案", SupervisionPlanForm, _plan, lambda s: s.is_key),
    )
}


def _label(action: Action, s: Suggestion) -> str:
    if action.name == "reply" and s.status == S.RE_HANDLING:
        return "重新答复"
    return action.label


def action_forms(suggestion: Suggestion, user: Any, bound: dict[str, ActionForm]) -> list[dict[str, Any]]:
    """The forms the user may submit now, in handling order; a bound (failed) form is open and kept."""
    desk, approver = can_write_suggestions(user), can_approve_extension(user)
    shown = []
    for name, action in ACTIONS.items():
        allowed = approver if action.approver else desk
        if not allowed or not (name in bound or action.applies(suggestion)):
            continue
        form = bound.get(name) or action.form(prefix=name, suggestion=suggestion, user=user)
        shown.append({"name": name, "label": _label(action, suggestion), "form": form, "open": name in bound})
    return shown


def _access(action: Action, user: Any, pk: int) -> Suggestion:
    if not action.approver:
        return access_suggestion(user, pk, write=True)
    suggestion = access_suggestion(user, pk)
    if not can_approve_extension(user):
        raise Forbidden("延期须由分管领导或建议办理台账负责委室负责人批准")
    return suggestion


def render_detail(
    request: HttpRequest, suggestion: Suggestion, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    context = {
        "suggestion": suggestion,
        "assignments": assignments_in_order(suggestion),
        "replies": replies_in_order(suggestion),
        "timeline": suggestion_timeline(suggestion),
        "deadlines": deadline_rows(suggestion),
        "can_write": can_write_suggestions(user),
        "actions": action_forms(suggestion, user, bound or {}),
        "changes": changes_for(suggestion),
        "can_approve": can_approve_extension(user),
    }
    return render(request, "npc/suggestion_detail.html", context, status=status)


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(request, load_suggestion(request.user, pk))


@login_required
@require_POST
def suggestion_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise NotFound("没有这项办理操作")
    suggestion = _access(spec, request.user, pk)
    form = spec.form(request.POST, prefix=action, suggestion=suggestion, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: spec.run(suggestion, form.cleaned_data, request.user),
        then=lambda _: reverse("npc_suggestion", args=[suggestion.pk]),
        success=lambda message: message,
    )
    # Reload: a refused service may have changed the object in memory before its transaction rolled back.
    return done or render_detail(request, load_suggestion(request.user, pk), bound={action: form}, status=400)
