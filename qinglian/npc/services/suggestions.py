"""Writes of the suggestions ledger (代表建议): register, assign, receive, return, contact, reply, satisfaction,
extension, key supervision and its plan. The suggestions desk records everything (the handling units are outside the
organ and have no accounts); an extension is approved by a leader or the desk's head.

Statuses move only as `SUGGESTION_MOVES` allows, a unit's assignment only as `ASSIGNMENT_MOVES` allows; each
table has one check here. A reply without a prior contact is accepted (NPC-003 flags it); a reply dated before
the assignment is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from qinglian.core.errors import Conflict, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.npc import permissions
from qinglian.npc.choices import UNREPLIED, AssignmentState, HandlingRole, Satisfaction, SuggestionStatus
from qinglian.npc.models import Assignment, Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.services.common import not_future, organ_deputies, own, require, same_organ
from qinglian.org.permissions import refuse_own_stake

S, A = SuggestionStatus, AssignmentState

# from → the statuses a suggestion may move to. A lead unit's accepted return sends an assigned suggestion back
# to 已登记 for reassignment; a 不满意 satisfaction sends a replied one to 重新办理; the re-reply's evaluation
# closes it.
SUGGESTION_MOVES: dict[str, frozenset[str]] = {
    S.REGISTERED: frozenset({S.ASSIGNED}),
    S.ASSIGNED: frozenset({S.HANDLING, S.REPLIED, S.REGISTERED}),
    S.HANDLING: frozenset({S.REPLIED, S.REGISTERED}),
    S.REPLIED: frozenset({S.CLOSED, S.RE_HANDLING}),
    S.RE_HANDLING: frozenset({S.REPLIED}),
    S.CLOSED: frozenset(),
}

# from → the states a unit's assignment may be left in, and the refusal of anything else from there. A reply
# (by the active lead, which reply_record checks) makes it 已答复, a re-reply keeps it so; registering a return
# makes it 已退回 when accepted and leaves it 承办中 when refused, so a unit that has replied, or an assignment
# already returned, cannot be returned.
ASSIGNMENT_MOVES: dict[str, tuple[frozenset[str], str]] = {
    A.ACTIVE: (frozenset({A.ACTIVE, A.REPLIED, A.RETURNED}), ""),
    A.REPLIED: (frozenset({A.REPLIED}), "该单位已答复，不能退回"),
    A.RETURNED: (frozenset(), "该交办已退回"),
}

_DESK_ONLY = "只有建议办理台账的负责委室可以办理此项"


def _desk(by: Any, obj: Any) -> None:
    """The suggestions desk of the row's organ (a new row is put in the writer's organ)."""
    require(permissions.can_write_suggestions(by), _DESK_ONLY)
    own(obj, by)


def _locked(suggestion: Suggestion) -> Suggestion:
    """Lock the suggestion's row for the rest of the transaction and read it afresh, so that two replies or two
    evaluations submitted at once queue here and the second sees the first (the constraints back this up)."""
    list(Suggestion.objects.select_for_update().filter(pk=suggestion.pk).values_list("pk", flat=True))
    suggestion.refresh_from_db()
    return suggestion


def can_move(suggestion: Suggestion, to: str) -> bool:
    return to == suggestion.status or to in SUGGESTION_MOVES[suggestion.status]


def _move(suggestion: Suggestion, to: str) -> None:
    """The one check of a suggestion's status: a move the table does not allow is refused."""
    if not can_move(suggestion, to):
        raise Conflict(f"建议当前为“{S(suggestion.status).label}”，不能改为“{S(to).label}”")
    suggestion.status = to


def _advance(suggestion: Suggestion, to: str, by: Any) -> None:
    """Move (and save) when the table allows it from where the suggestion stands; otherwise leave it as it is
    (a receipt or a contact after the handling has started changes nothing)."""
    if to in SUGGESTION_MOVES[suggestion.status]:
        _move(suggestion, to)
        save_checked(suggestion, by=by)


def _assignment_state(assignment: Assignment) -> str:
    if not assignment.is_active:
        return A.RETURNED
    return A.REPLIED if assignment.replies.exists() else A.ACTIVE


def _move_assignment(assignment: Assignment, to: str) -> None:
    """The one check of an assignment's state (the caller sets the fields that make the new state)."""
    allowed, refusal = ASSIGNMENT_MOVES[_assignment_state(assignment)]
    if to not in allowed:
        raise Conflict(refusal)


@transaction.atomic
def suggestion_save(*, suggestion: Suggestion, by: Any, co_signer_ids: Iterable[int] | None = None) -> Suggestion:
    """Register or change a suggestion. `year` defaults to the session's year, else the year received;
    the number must be unused in that year. `co_signer_ids` (when given) replaces the co-signers."""
    _desk(by, suggestion)
    same_organ(suggestion, suggestion.session, suggestion.lead_deputy)
    not_future(suggestion.received_on, "收到日期")
    if not suggestion.year:
        suggestion.year = suggestion.session.start.year if suggestion.session_id else suggestion.received_on.year
    suggestion.number = suggestion.number.strip()
    taken = Suggestion.objects.filter(organ_id=suggestion.organ_id, year=suggestion.year, number=suggestion.number)
    if taken.exclude(pk=suggestion.pk).exists():
        raise Conflict(f"{suggestion.year}年已有编号为“{suggestion.number}”的建议")
    save_checked(suggestion, by=by)
    if co_signer_ids is not None:
        ids = set(co_signer_ids) - {suggestion.lead_deputy_id}
        suggestion.co_signers.set(organ_deputies(suggestion.organ_id, ids, unknown="附议代表中有不存在的代表"))
    return suggestion


def _new_assignment(suggestion: Suggestion, unit: Any, role: str, assigned_on: dt.date, by: Any) -> Assignment:
    if suggestion.assignments.filter(unit=unit, is_active=True).exists():
        raise Conflict(f"{unit.name}已在承办该建议")
    assignment = Assignment(suggestion=suggestion, unit=unit, role=role, assigned_on=assigned_on)
    assignment.organ_id = suggestion.organ_id
    same_organ(assignment, unit)
    return save_checked(assignment, by=by)


@transaction.atomic
def suggestion_assign(
    *, suggestion: Suggestion, lead_unit: Any, assigned_on: dt.date, by: Any, co_units: Iterable[Any] = ()
) -> list[Assignment]:
    """交办: the lead unit and any co-units. Also the reassignment after a lead's return was accepted.

    The suggestion's `assigned_on` keeps the first assignment date; each assignment has its own.
    """
    _desk(by, suggestion)
    not_future(assigned_on, "交办日期")
    if assigned_on < suggestion.received_on:
        raise InvalidInput("交办日期不能早于收到日期")
    if suggestion.assignments.filter(role=HandlingRole.LEAD, is_active=True).exists():
        raise Conflict("该建议已有主办单位；如需更换，请先登记主办单位退回")
    _move(suggestion, S.ASSIGNED)
    made = [_new_assignment(suggestion, lead_unit, HandlingRole.LEAD, assigned_on, by)]
    made += [_new_assignment(suggestion, unit, HandlingRole.CO, assigned_on, by) for unit in co_units]
    suggestion.assigned_on = suggestion.assigned_on or assigned_on
    save_checked(suggestion, by=by)
    return made


@transaction.atomic
def suggestion_add_co_units(
    *, suggestion: Suggestion, units: Iterable[Any], assigned_on: dt.date, by: Any
) -> list[Assignment]:
    """Add co-units (协办) to an assigned suggestion."""
    _desk(by, suggestion)
    not_future(assigned_on, "交办日期")
    if suggestion.assigned_on is None:
        raise InvalidInput("建议尚未交办，请先确定主办单位")
    return [_new_assignment(suggestion, unit, HandlingRole.CO, assigned_on, by) for unit in units]


@transaction.atomic
def assignment_receive(*, assignment: Assignment, received_on: dt.date, by: Any) -> Assignment:
    """签收: the unit acknowledged receipt. The lead's receipt moves the suggestion to 办理中."""
    _desk(by, assignment)
    not_future(received_on, "签收日期")
    if received_on < assignment.assigned_on:
        raise InvalidInput("签收日期不能早于交办日期")
    assignment.received_on = received_on
    save_checked(assignment, by=by)
    if assignment.role == HandlingRole.LEAD:
        _advance(assignment.suggestion, S.HANDLING, by)
    return assignment


@transaction.atomic
def assignment_return(
    *, assignment: Assignment, returned_on: dt.date, reason: str, accepted: bool, by: Any
) -> Assignment:
    """退回: a unit says the suggestion is not its duty. Accepted (经交办机构同意) → the assignment stops
    and, for the lead, the suggestion goes back to 已登记 for reassignment. Refused → the unit keeps it."""
    _desk(by, assignment)
    not_future(returned_on, "退回日期")
    if not reason.strip():
        raise InvalidInput("请填写退回理由")
    _move_assignment(assignment, A.RETURNED if accepted else A.ACTIVE)
    if returned_on < assignment.assigned_on:
        raise InvalidInput("退回日期不能早于交办日期")
    assignment.returned_on, assignment.return_reason = returned_on, reason.strip()
    assignment.return_accepted = accepted
    assignment.is_active = not accepted
    save_checked(assignment, by=by)
    suggestion = assignment.suggestion
    if accepted and assignment.role == HandlingRole.LEAD:
        _move(suggestion, S.REGISTERED)
        save_checked(suggestion, by=by)
    return assignment


@transaction.atomic
def co_opinion_record(*, assignment: Assignment, opinion_on: dt.date, opinion: str, by: Any) -> Assignment:
    """协办意见: the co-unit's written opinion to the lead unit."""
    _desk(by, assignment)
    not_future(opinion_on, "协办意见日期")
    if assignment.role != HandlingRole.CO:
        raise InvalidInput("只有协办单位提出协办意见")
    if opinion_on < assignment.assigned_on:
        raise InvalidInput("协办意见日期不能早于交办日期")
    if not opinion.strip():
        raise InvalidInput("请填写协办意见要点")
    assignment.co_opinion_on, assignment.co_opinion = opinion_on, opinion.strip()
    return save_checked(assignment, by=by)


@transaction.atomic
def suggestion_notify_deputy(*, suggestion: Suggestion, notified_on: dt.date, by: Any) -> Suggestion:
    """通知代表受理 (the desk tells the deputy the suggestion has been accepted)."""
    _desk(by, suggestion)
    not_future(notified_on, "通知日期")
    if notified_on < suggestion.received_on:
        raise InvalidInput("通知日期不能早于收到日期")
    suggestion.deputy_notified_on = notified_on
    return save_checked(suggestion, by=by)


@transaction.atomic
def contact_record(*, contact: Contact, by: Any) -> Contact:
    """联系沟通 with the deputy (面商/电话/走访/座谈/邮件). Moves an assigned suggestion to 办理中."""
    _desk(by, contact.suggestion)
    suggestion = contact.suggestion
    contact.organ_id = suggestion.organ_id
    not_future(contact.date, "联系日期")
    if suggestion.assigned_on is None:
        raise InvalidInput("建议尚未交办")
    if contact.assignment_id and contact.assignment.suggestion_id != suggestion.pk:
        raise InvalidInput("承办单位与建议不符")
    if not contact.with_whom.strip():
        contact.with_whom = suggestion.lead_deputy.name
    save_checked(contact, by=by)
    _advance(suggestion, S.HANDLING, by)
    return contact


@transaction.atomic
def reply_record(*, reply: Reply, by: Any) -> Reply:
    """答复 by the active lead unit; in 重新办理 it is the re-reply (it replaces the 不满意 reply).

    Refuses a reply by a unit other than the active lead, a date before that unit's assignment, a second
    first reply, and a re-reply when no 不满意 is pending.
    """
    _desk(by, reply.suggestion)
    suggestion = _locked(reply.suggestion)
    reply.organ_id = suggestion.organ_id
    not_future(reply.date, "答复日期")
    lead = reply.assignment
    if lead.suggestion_id != suggestion.pk or lead.role != HandlingRole.LEAD or not lead.is_active:
        raise InvalidInput("答复须由该建议当前的主办单位作出")
    if reply.date < lead.assigned_on:
        raise InvalidInput(f"答复日期不能早于交办日期（{lead.assigned_on:%Y-%m-%d}）")
    if suggestion.status == S.RE_HANDLING:
        _prepare_rereply(suggestion, reply)
    elif suggestion.replies.filter(is_rereply=False).exists():
        raise Conflict("该建议已答复；代表不满意的，登记满意度后再登记重新答复")
    _move(suggestion, S.REPLIED)
    save_checked(reply, by=by)
    save_checked(suggestion, by=by)
    return reply


def _prepare_rereply(suggestion: Suggestion, reply: Reply) -> None:
    original = (
        suggestion.replies.filter(
            is_rereply=False,
            satisfactions__level=Satisfaction.DISSATISFIED,
            satisfactions__deleted_at=None,
        )
        .order_by("-date", "-pk")
        .first()
    )
    if original is None or original.rereplies.exists():
        raise Conflict("没有待重新答复的不满意答复")
    if reply.date < original.date:
        raise InvalidInput("重新答复日期不能早于原答复日期")
    reply.is_rereply, reply.replaces = True, original


@transaction.atomic
def satisfaction_record(*, record: SatisfactionRecord, by: Any) -> SatisfactionRecord:
    """The deputy's evaluation of a reply. 不满意 on a first reply → 重新办理; otherwise (and on a re-reply,
    whatever the level) the suggestion is 已办结."""
    _desk(by, record.reply)
    reply = record.reply
    suggestion = _locked(reply.suggestion)
    record.organ_id = reply.organ_id
    not_future(record.recorded_on, "反馈日期")
    if record.recorded_on < reply.date:
        raise InvalidInput("反馈日期不能早于答复日期")
    if reply.satisfactions.exists():
        raise Conflict("该答复已登记满意度")
    if reply.rereplies.exists():
        raise Conflict("该答复已被重新答复，请对重新答复登记满意度")
    save_checked(record, by=by)
    reopen = record.level == Satisfaction.DISSATISFIED and not reply.is_rereply
    _move(suggestion, S.RE_HANDLING if reopen else S.CLOSED)
    save_checked(suggestion, by=by)
    return record


@transaction.atomic
def extension_request(*, suggestion: Suggestion, requested_on: dt.date, reason: str, by: Any) -> Suggestion:
    """The lead unit asks for 6 months (涉及面广、处理难度大); recorded by the desk."""
    _desk(by, suggestion)
    not_future(requested_on, "申请日期")
    if suggestion.assigned_on is None or suggestion.status not in UNREPLIED:
        raise Conflict("只有已交办、尚未答复的建议可以申请延期")
    if not reason.strip():
        raise InvalidInput("请填写延期理由")
    suggestion.extension_requested_on, suggestion.extension_reason = requested_on, reason.strip()
    suggestion.extension_requested_by = by
    return save_checked(suggestion, by=by)


@transaction.atomic
def extension_approve(*, suggestion: Suggestion, approved_on: dt.date, by: Any) -> Suggestion:
    """Approve the requested extension (a leader or the head of the suggestions desk)."""
    require(permissions.can_approve_extension(by), "延期须由分管领导或建议办理台账负责委室负责人批准")
    own(suggestion, by)
    # The lead handling unit asked for the extension; whoever entered the request for it does not approve it.
    lead_units = suggestion.assignments.filter(role=HandlingRole.LEAD, is_active=True).values_list("unit_id", flat=True)
    refuse_own_stake(by, "批准延期", requested_by=[suggestion.extension_requested_by_id], responsible_units=lead_units)
    not_future(approved_on, "批准日期")
    if suggestion.extension_requested_on is None:
        raise Conflict("该建议没有延期申请")
    if suggestion.is_extended:
        raise Conflict("该建议已批准延期")
    if approved_on < suggestion.extension_requested_on:
        raise InvalidInput("批准日期不能早于申请日期")
    suggestion.extension_approved_on, suggestion.extension_approved_by = approved_on, by
    return save_checked(suggestion, by=by)


@transaction.atomic
def suggestion_mark_key(
    *,
    suggestion: Suggestion,
    is_key: bool,
    by: Any,
    committee: Any = None,
    leader: Any = None,
    decided_on: dt.date | None = None,
) -> Suggestion:
    """重点督办 (decided by the chairpersons' meeting on `decided_on`): the supervising committee and leader, or
    unmark it (which clears the decision and its supervision plan: a suggestion no longer key has none).

    `decided_on` left out keeps the date already recorded; NPC-012 counts the supervision plan's month from it
    (or, for a row that has none — an import of old rows — from the suggestion's 交办 date).
    """
    _desk(by, suggestion)
    if is_key and (committee is None or leader is None):
        raise InvalidInput("重点督办建议须确定督办委室和督办领导")
    if is_key and decided_on is not None:
        not_future(decided_on, "确定重点督办日期")
        if decided_on < suggestion.received_on:
            raise InvalidInput("确定重点督办日期不能早于收到日期")
        if suggestion.supervision_plan_on and decided_on > suggestion.supervision_plan_on:
            raise InvalidInput("确定重点督办日期不能晚于已登记的督办工作方案日期")
        suggestion.key_decided_on = decided_on
    suggestion.is_key = is_key
    suggestion.supervising_committee = committee if is_key else None
    suggestion.supervising_leader = leader if is_key else None
    if not is_key:
        suggestion.key_decided_on = suggestion.supervision_plan_on = None
        suggestion.supervision_plan = ""
    same_organ(suggestion, suggestion.supervising_committee, suggestion.supervising_leader)
    return save_checked(suggestion, by=by)


@transaction.atomic
def supervision_plan_record(*, suggestion: Suggestion, plan_on: dt.date, summary: str, by: Any) -> Suggestion:
    """督办工作方案 of a key suggestion (浙江规定 Art.28 ¶2: the supervising committee draws up a specific plan),
    recorded by the desk; recording it again replaces the earlier one (the history keeps it)."""
    _desk(by, suggestion)
    if not suggestion.is_key:
        raise Conflict("该建议未列为重点督办，无需督办工作方案")
    not_future(plan_on, "督办工作方案日期")
    start = suggestion.key_decided_on or suggestion.received_on
    if plan_on < start:
        label = "确定重点督办日期" if suggestion.key_decided_on else "收到日期"
        raise InvalidInput(f"督办工作方案日期不能早于{label}（{start:%Y-%m-%d}）")
    if not summary.strip():
        raise InvalidInput("请填写督办工作方案要点")
    suggestion.supervision_plan_on, suggestion.supervision_plan = plan_on, summary.strip()
    return save_checked(suggestion, by=by)
