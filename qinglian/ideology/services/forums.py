"""Writes of the 一会一报 register: filing a forum, correcting it while not yet approved, deciding each step of
its approval chain, marking it held or cancelled, and copying in the organ's earlier paper register.

Every function is keyword-only and atomic, locks the forum row, audits the decisions (forum_decided) and refuses
in Chinese writing nothing (InvalidInput 400, Forbidden 403, Conflict 409). Status moves are the TRANSITIONS table,
checked in `_move` only (as compliance/services.py). The chain and who may decide a step are selectors.forums'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock, hooks
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.ideology.choices import ForumKind, ForumStatus, ForumStep, HostRole, ReviewDecision
from qinglian.ideology.models import Forum, ForumApproval
from qinglian.ideology.permissions import can_draft, can_keep_register
from qinglian.ideology.reviewers import principals
from qinglian.ideology.selectors import forums as chain
from qinglian.notify.services import notify
from qinglian.org.choices import Role
from qinglian.org.models import Person, RoleGrant, Unit, User
from qinglian.org.scope import scope_of
from qinglian.org.selectors import supervisors_of, unit_heads

S = ForumStatus
FILED_AFTER = "举办日期早于报备日期：一会一报须在举办前报备"
PAPER_REFUSAL = "只有机关党委可以补录一会一报登记台账"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str


# Every status move of a forum; `_move` is the one place that checks them.
TRANSITIONS = {
    t.name: t
    for t in (
        Transition("update", "修改报备", (S.FILED, S.REJECTED), S.FILED),
        Transition("approve_step", "审批通过", (S.FILED,), S.FILED),
        Transition("approve_final", "批准", (S.FILED,), S.APPROVED),
        Transition("reject", "不予批准", (S.FILED,), S.REJECTED),
        Transition("hold", "登记已举办", (S.APPROVED,), S.HELD),
        Transition("cancel", "取消", (S.FILED, S.APPROVED, S.REJECTED), S.CANCELLED),
    )
}


def _move(forum: Forum, name: str) -> None:
    transition = TRANSITIONS[name]
    if forum.status not in transition.sources:
        raise Conflict(f"该活动当前状态为“{forum.get_status_display()}”，不能{transition.label}")
    forum.status = transition.target


def _locked(forum: Forum) -> Forum:
    current = Forum.all_objects.select_for_update().filter(pk=forum.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该报备已删除")
    return current


def _writer(user: Any, forum: Forum) -> None:
    """The applicant or the party-affairs office, of the forum's organ."""
    scope = scope_of(user)
    if scope.organ_id != forum.organ_id:
        raise Forbidden("不能办理其他机关的报备")
    if not (can_keep_register(user) or (scope.person_id == forum.applicant_id and can_draft(user))):
        raise Forbidden("只有经办人或机关党委可以修改该报备")


def check_particulars(forum: Forum) -> None:
    """A forum's own facts (the form, the API and the import judge by the same function)."""
    for name, label in (("title", "名称"), ("topic", "主题"), ("speaker", "报告人"), ("audience", "参加对象")):
        value = (getattr(forum, name) or "").strip()
        if not value:
            raise InvalidInput(f"请填写{label}")
        setattr(forum, name, value)
    if forum.kind not in ForumKind.values:
        raise InvalidInput("请选择活动类型")
    if forum.host_role not in HostRole.values:
        raise InvalidInput("请选择主办方式")
    if forum.host_role == HostRole.CO_HOST and not (forum.co_hosts or "").strip():
        raise InvalidInput("合办、协办的活动请填写合办单位")
    if forum.foreign_participants and not (forum.foreign_detail or "").strip():
        raise InvalidInput("有境外人员参加的，请填写境外人员情况（姓名、国籍或地区、单位及职务）")
    if not forum.foreign_participants:
        forum.foreign_detail = ""
    if forum.held_on is None:
        raise InvalidInput("请填写举办日期")
    if forum.filed_on is not None and forum.held_on < forum.filed_on:
        raise InvalidInput(FILED_AFTER)


def _hosting_unit(user: Any, unit_id: int | None) -> None:
    """Staff file for their own unit or a unit they head; the party-affairs office for any unit of the organ."""
    scope = scope_of(user)
    if unit_id is None or not Unit.objects.filter(pk=unit_id, organ_id=scope.organ_id).exists():
        raise InvalidInput("请选择本机关的主办委室")
    if can_keep_register(user):
        return
    if unit_id != scope.unit_id and unit_id not in scope.head_unit_ids:
        raise Forbidden("只能为本人所在委室或本人负责的委室报备")


@transaction.atomic
def forum_file(*, forum: Forum, by: Any) -> Forum:
    """File a new forum (an unsaved Forum with its particulars): the filer is the applicant, filed today."""
    if not can_draft(by):
        raise Forbidden("您的账号未关联人员，不能报备")
    if forum.pk is not None:
        raise Conflict("该活动已报备")
    scope = scope_of(by)
    forum.organ_id = scope.organ_id
    forum.applicant_id = scope.person_id
    forum.filed_on = clock.today()
    forum.status = S.FILED
    forum.cancelled_reason = ""
    _hosting_unit(by, forum.unit_id)
    check_particulars(forum)
    forum._change_reason = "报备"  # type: ignore[attr-defined]
    saved = save_checked(forum, by=by)
    _tell_deciders(saved)
    return saved


@transaction.atomic
def forum_update(*, forum: Forum, by: Any) -> Forum:
    """Correct a forum not yet approved (a rejected one is filed again; approvals already given stand)."""
    current = _locked(forum)
    _writer(by, current)
    _move(current, "update")
    forum.status, forum.filed_on, forum.applicant_id = current.status, current.filed_on, current.applicant_id
    forum.organ_id, forum.cancelled_reason = current.organ_id, ""
    if forum.unit_id != current.unit_id:
        _hosting_unit(by, forum.unit_id)
    check_particulars(forum)
    forum._change_reason = "修改报备" if current.status == S.FILED else "修改后重新报备"  # type: ignore[attr-defined]
    saved = save_checked(forum, by=by)
    _tell_deciders(saved)
    return saved


@transaction.atomic
def forum_decide(
    *,
    forum: Forum,
    step: int,
    decision: str,
    by: Any,
    opinion: str = "",
    decided_on: dt.date | None = None,
    request: Any = None,
) -> ForumApproval:
    """Approve or reject the pending step. `decided_on` defaults to today (for the foreign-affairs step: the day of
    the foreign-affairs office's written approval, which the party-affairs office records)."""
    current = _locked(forum)
    if scope_of(by).organ_id != current.organ_id:
        raise Forbidden("不能审批其他机关的报备")
    if decision not in ReviewDecision.values:
        raise InvalidInput("请选择审批意见")
    if step not in ForumStep.values:
        raise InvalidInput("未知的审批环节")
    refusal = chain.decide_refusal(by, current, step)
    if refusal:
        out_of_turn = current.status not in chain.OPEN or step != chain.pending_step(current)
        raise Conflict(refusal) if out_of_turn else Forbidden(refusal)
    opinion = (opinion or "").strip()
    if decision == ReviewDecision.RETURN and not opinion:
        raise InvalidInput("不予批准的，请填写审批意见")
    if step == ForumStep.FOREIGN_AFFAIRS and not opinion:
        raise InvalidInput("请填写外事部门批复文号或批复情况")
    day = decided_on or clock.today()
    _check_decided_on(current, step, day)
    approval = ForumApproval(
        forum=current,
        step=step,
        decision=decision,
        approver_id=scope_of(by).person_id,
        user=by,
        decided_on=day,
        decided_at=timezone.now(),
        opinion=opinion[:500],
    )
    approval.full_clean()
    approval.save()
    if decision == ReviewDecision.RETURN:
        _move(current, "reject")
    else:
        _move(current, "approve_final" if chain.pending_step(current) is None else "approve_step")
    current._change_reason = f"{ForumStep(step).label}：{decision_label(decision)}"  # type: ignore[attr-defined]
    save_checked(current, by=by)
    audit_record(
        action=AuditAction.FORUM_DECIDED,
        user=by,
        request=request,
        target=current,
        target_repr=f"一会一报 {current.title}"[:200],
        detail={"step": ForumStep(step).label, "decision": decision, "decided_on": day, "opinion": opinion[:200]},
    )
    forum.status = current.status
    _tell_deciders(current)
    return approval


def decision_label(decision: str) -> str:
    """A forum's decision as the organ says it (ReviewDecision's "退回修改" is the pieces' word)."""
    return "同意" if decision == ReviewDecision.APPROVE else "不予批准"


def _check_decided_on(forum: Forum, step: int, day: dt.date) -> None:
    if day > clock.today():
        raise InvalidInput("审批日期不能晚于今天")
    if step == ForumStep.FOREIGN_AFFAIRS:
        return  # the foreign-affairs office's approval may precede the filing (前置审批)
    if day < forum.filed_on:
        raise InvalidInput(f"审批日期不能早于报备日期{forum.filed_on:%Y-%m-%d}")
    earlier = [
        a.decided_on
        for a in forum.approvals.all()
        if a.decision == ReviewDecision.APPROVE and a.step < step and a.step != ForumStep.FOREIGN_AFFAIRS
    ]
    if earlier and day < max(earlier):
        raise InvalidInput(f"审批日期不能早于上一环节的审批日期{max(earlier):%Y-%m-%d}")


@transaction.atomic
def forum_mark_held(*, forum: Forum, by: Any) -> Forum:
    """The approved forum took place (on or after its day)."""
    current = _locked(forum)
    _writer(by, current)
    _move(current, "hold")
    if clock.today() < current.held_on:
        raise InvalidInput(f"活动定于{current.held_on:%Y-%m-%d}举办，举办日之后才能登记已举办")
    current._change_reason = "登记已举办"  # type: ignore[attr-defined]
    saved = save_checked(current, by=by)
    forum.status = saved.status
    return saved


@transaction.atomic
def forum_cancel(*, forum: Forum, reason: str, by: Any) -> Forum:
    """The forum will not take place (or, rejected, will not be filed again): the reason stays on record."""
    current = _locked(forum)
    _writer(by, current)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写取消原因")
    _move(current, "cancel")
    current.cancelled_reason = reason[:300]
    current._change_reason = f"取消：{reason}"[:100]  # type: ignore[attr-defined]
    saved = save_checked(current, by=by)
    forum.status, forum.cancelled_reason = saved.status, saved.cancelled_reason
    return saved


# --- the paper register ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperApproval:
    """One step's signature on the paper filing form (审批表): the step, decision, who and on which day."""

    step: int
    approver: Person
    decided_on: dt.date
    decision: str = ReviewDecision.APPROVE
    opinion: str = ""


@transaction.atomic
def forum_record_paper(*, forum: Forum, approvals: Sequence[PaperApproval], cancelled: bool = False, by: Any) -> Forum:
    """Copy in one row of the organ's earlier paper register (登记台账) with its approvals as they happened — a
    late or missing approval is kept for the rules (IDEO-020…022) to judge. Refused, writing nothing: an event
    dated before its filing, a date in the future, a step given twice, people or units of another organ."""
    if not can_keep_register(by):
        raise Forbidden(PAPER_REFUSAL)
    organ = hooks.organ_of(by)
    forum.organ_id = organ.pk
    today = clock.today()
    units = Unit.objects.filter(pk=forum.unit_id, organ_id=organ.pk)
    if forum.unit_id is None or not units.exists():
        raise InvalidInput("请选择本机关的主办委室")
    if forum.applicant_id is None or not Person.objects.filter(pk=forum.applicant_id, organ_id=organ.pk).exists():
        raise InvalidInput("经办人须为本机关人员")
    if forum.filed_on is None:
        raise InvalidInput("请填写报备日期")
    if forum.filed_on > today:
        raise InvalidInput("报备日期不能晚于今天")
    check_particulars(forum)
    steps = [a.step for a in approvals if a.decision == ReviewDecision.APPROVE]
    if len(steps) != len(set(steps)):
        raise InvalidInput("同一审批环节只能登记一次同意")
    for a in approvals:
        if a.approver.organ_id != organ.pk:
            raise InvalidInput(f"{ForumStep(a.step).label}的审批人须为本机关人员")
        if a.decided_on > today:
            raise InvalidInput(f"{ForumStep(a.step).label}日期不能晚于今天")
    forum.status = _paper_status(forum, approvals, cancelled, today)
    forum._change_reason = "纸质一会一报登记台账补录"  # type: ignore[attr-defined]
    saved = save_checked(forum, by=by)
    for a in approvals:
        ForumApproval.objects.create(
            forum=saved,
            step=a.step,
            decision=a.decision,
            approver=a.approver,
            decided_on=a.decided_on,
            decided_at=timezone.now(),
            opinion=(a.opinion or "纸质审批表补录")[:500],
        )
    return saved


def _paper_status(forum: Forum, approvals: Sequence[PaperApproval], cancelled: bool, today: dt.date) -> str:
    if cancelled:
        return S.CANCELLED
    if any(a.decision == ReviewDecision.RETURN for a in approvals):
        return S.REJECTED
    approved = {a.step for a in approvals}
    if not set(chain.required_steps(forum)) <= approved:
        return S.FILED
    return S.HELD if forum.held_on <= today else S.APPROVED


# --- notices ---------------------------------------------------------------------------------------------------


def _deciders(forum: Forum, step: int) -> list[User]:
    """The logins that hold `step` of this forum (a few queries, not one per account)."""
    if step == ForumStep.UNIT:
        people = set(unit_heads(forum.organ_id, {forum.unit_id}).get(forum.unit_id, []))
    elif step == ForumStep.LEADER:
        people = {p.pk for p in supervisors_of(forum.unit)} | principals(forum.organ_id, clock.today())
        leaders = RoleGrant.objects.active().filter(organ_id=forum.organ_id, role=Role.LEADER)
        people &= set(leaders.exclude(user__person__isnull=True).values_list("user__person_id", flat=True))
    else:
        grants = RoleGrant.objects.active().filter(organ_id=forum.organ_id, role=Role.PARTY_OFFICER)
        people = set(grants.exclude(user__person__isnull=True).values_list("user__person_id", flat=True))
    if step in chain.OWN_DECISIONS:
        people -= {a.approver_id for a in forum.approvals.all() if a.step in chain.OWN_DECISIONS}
    people.discard(forum.applicant_id)
    return list(User.objects.filter(person_id__in=people, is_active=True))


def _tell_deciders(forum: Forum) -> None:
    """Whoever holds the pending step hears of it after commit (one notice per forum and step)."""
    step = chain.pending_step(forum) if forum.status == S.FILED else None
    if step is None:
        return
    recipients = _deciders(forum, step)
    if not recipients:
        return
    pk, organ, title, label, held_on = forum.pk, forum.organ, forum.title, ForumStep(step).label, forum.held_on

    def send() -> None:
        notify(
            recipients=recipients,
            kind="approval",
            subject=f"一会一报待审批（{label}）：{title}"[:200],
            body=f"“{title}”定于{held_on:%Y-%m-%d}举办，待您办理“{label}”。",
            key=f"ideology-forum-{pk}-step-{step}-{clock.today()}",
            organ=organ,
            link=f"/ideology/forums/{pk}/",
        )

    transaction.on_commit(send)
