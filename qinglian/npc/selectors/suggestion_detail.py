"""Reads of one suggestion for its page and the API: the suggestion with everything the page shows, its
handling timeline, and its deadlines with the working days left.

`suggestion_timeline` and `deadline_rows` are pure reads of a loaded suggestion, so the tests call them directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from qinglian.core import clock, workdays
from qinglian.npc.choices import HandlingRole, Satisfaction
from qinglian.npc.deadlines import co_opinion_due, feedback_due, rereply_due, supervision_plan_due
from qinglian.npc.models import Assignment, Reply, Suggestion
from qinglian.npc.permissions import access_suggestion
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.selectors.suggestions import suggestion_deadlines

# Working days before a deadline from which it shows as near (NPC-001's default warning).
WARN_WORKING_DAYS = 10

# The order of the handling steps on one day (a receipt and a contact on the same day read in this order).
STAGES = {
    "received": 0,
    "assigned": 1,
    "signed": 2,
    "returned": 3,
    "notified": 4,
    "key": 5,
    "plan": 6,
    "contact": 7,
    "co_opinion": 8,
    "extension": 9,
    "reply": 10,
    "satisfaction": 11,
    "rereply": 12,
    "rereply_satisfaction": 13,
}


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    stage: str
    title: str
    detail: str = ""
    tone: str = "secondary"  # a Bootstrap colour for the badge


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: dt.date
    done_on: dt.date | None
    days_left: int | None  # working days from today to due (negative: overdue), None once done
    state: str  # done | late | ok | near | overdue

    @property
    def text(self) -> str:
        if self.state == "done":
            return f"已于{self.done_on:%Y-%m-%d}完成"
        if self.state == "late":
            return f"{self.done_on:%Y-%m-%d}完成，逾期"
        if self.days_left == 0:
            return "今日到期"
        if self.days_left < 0:
            return f"已超期{-self.days_left}个工作日"
        return f"还剩{self.days_left}个工作日"


def load_suggestion(user: Any, pk: Any) -> Suggestion:
    """The suggestion (access checked) with its units, replies and evaluations prefetched."""
    suggestion = access_suggestion(user, pk)
    replies = Reply.objects.select_related("assignment__unit").prefetch_related("satisfactions")
    assignments = Assignment.objects.select_related("unit", "unit__npc_profile")
    related = ("session", "lead_deputy", "supervising_committee", "supervising_leader", "extension_approved_by")
    return (
        Suggestion.objects.filter(pk=suggestion.pk)
        .select_related(*related)
        .prefetch_related(
            Prefetch("assignments", queryset=assignments),
            Prefetch("replies", queryset=replies),
            "contacts",
            "co_signers",
        )
        .get()
    )


def assignments_in_order(suggestion: Suggestion) -> list[Assignment]:
    """The units on the page and in the API: those still handling it first, the lead first, then as assigned."""
    return sorted(suggestion.assignments.all(), key=lambda a: (not a.is_active, a.role != HandlingRole.LEAD, a.pk))


def replies_in_order(suggestion: Suggestion) -> list[Reply]:
    return sorted(suggestion.replies.all(), key=lambda r: (r.date, r.pk))


def _assignment_events(a: Assignment) -> list[TimelineEvent]:
    role = a.get_role_display()
    events = [TimelineEvent(a.assigned_on, "assigned", "交办", f"{a.unit.name}（{role}）", "primary")]
    if a.received_on:
        events.append(TimelineEvent(a.received_on, "signed", "签收", f"{a.unit.name}（{role}）"))
    if a.returned_on:
        verdict = "同意退回" if a.return_accepted else "不同意退回，继续承办"
        events.append(
            TimelineEvent(
                a.returned_on, "returned", "退回", f"{a.unit.name}：{a.return_reason}（{verdict}）", "warning"
            )
        )
    if a.co_opinion_on:
        events.append(TimelineEvent(a.co_opinion_on, "co_opinion", "协办意见", f"{a.unit.name}：{a.co_opinion}"))
    return events


def _reply_events(reply: Reply) -> list[TimelineEvent]:
    stage, title = ("rereply", "重新答复") if reply.is_rereply else ("reply", "答复")
    text = f"{reply.assignment.unit.name} {reply.document_no} {reply.get_result_display()}".strip()
    events = [TimelineEvent(reply.date, stage, title, text, "success")]
    for record in reply.satisfactions.all():
        tone = "danger" if record.level == Satisfaction.DISSATISFIED else "success"
        kind = "rereply_satisfaction" if reply.is_rereply else "satisfaction"
        detail = record.get_level_display() + (f"：{record.opinion}" if record.opinion else "")
        events.append(TimelineEvent(record.recorded_on, kind, "代表满意度", detail, tone))
    return events


def suggestion_timeline(suggestion: Suggestion) -> list[TimelineEvent]:
    """The handling in order: 收到 → 交办 → 签收 → 通知代表 → 确定重点督办 → 督办工作方案 → 联系代表 → 协办意见 → 答复 →
    满意度 → 重新答复, by date, and on one day by the order of the steps (STAGES)."""
    s = suggestion
    events = [TimelineEvent(s.received_on, "received", "收到建议", f"领衔代表：{s.lead_deputy.name}")]
    for a in sorted(s.assignments.all(), key=lambda a: (a.role != HandlingRole.LEAD, a.pk)):  # the lead first
        events += _assignment_events(a)
    if s.deputy_notified_on:
        events.append(TimelineEvent(s.deputy_notified_on, "notified", "通知代表受理"))
    if s.is_key and s.key_decided_on:
        detail = f"主任会议确定，{s.supervising_committee.name if s.supervising_committee_id else ''}督办"
        events.append(TimelineEvent(s.key_decided_on, "key", "确定重点督办", detail, "danger"))
    if s.is_key and s.supervision_plan_on:
        events.append(TimelineEvent(s.supervision_plan_on, "plan", "督办工作方案", s.supervision_plan, "danger"))
    for c in s.contacts.all():
        detail = f"{c.get_way_display()}，{c.with_whom}" + (f"：{c.note}" if c.note else "")
        events.append(TimelineEvent(c.date, "contact", "联系代表", detail, "info"))
    if s.extension_requested_on:
        events.append(TimelineEvent(s.extension_requested_on, "extension", "申请延期", s.extension_reason, "warning"))
    if s.extension_approved_on:
        events.append(
            TimelineEvent(s.extension_approved_on, "extension", "批准延期", str(s.extension_approved_by or ""))
        )
    for reply in s.replies.all():
        events += _reply_events(reply)
    return sorted(events, key=lambda e: (e.date, STAGES[e.stage]))


def _row(label: str, due: dt.date, done_on: dt.date | None, today: dt.date) -> DeadlineRow:
    if done_on is not None:
        return DeadlineRow(label, due, done_on, None, "done" if done_on <= due else "late")
    left = workdays.working_days_between(today, due)
    state = "overdue" if left < 0 else ("near" if left <= WARN_WORKING_DAYS else "ok")
    return DeadlineRow(label, due, None, left, state)


def _params(code: str, s: Suggestion, today: dt.date) -> Any:
    return rule_params(code, organ_id=s.organ_id, on=today)


def deadline_rows(suggestion: Suggestion, *, today: dt.date | None = None) -> list[DeadlineRow]:
    """The deadlines of the rules (NPC-001, 002, 004, 005, 006, 012) as they stand on `today`.

    Each due date comes from the function of deadlines.py the rule uses, so the page and the finding name the
    same day, and both count the delay in working days from it on the day they are read (`已超期N个工作日` here,
    `已逾期N个工作日` in the finding, compliance.texts)."""
    today = today or clock.today()
    s = suggestion
    found = suggestion_deadlines(s, as_of=today)
    rows: list[DeadlineRow] = []
    if found.notify_due:
        rows.append(_row("通知代表受理（闭会期间）", found.notify_due, s.deputy_notified_on, today))
    if found.reply_due:
        months = "经批准延期" if s.is_extended else "自交办之日起"
        rows.append(_row(f"答复（{months}，{found.lead.unit.name}）", found.reply_due, found.replied_on, today))
    co = _params("NPC-002", s, today)
    for a in s.assignments.all():
        if co and a.role == HandlingRole.CO and (a.is_active or a.co_opinion_on):
            due = co_opinion_due(a.received_on or a.assigned_on, co.co_opinion_months)
            rows.append(_row(f"协办意见（{a.unit.name}）", due, a.co_opinion_on, today))
    rows += _feedback_rows(s, today)
    plan = _params("NPC-012", s, today) if s.is_key else None
    start = s.key_decided_on or s.assigned_on
    if plan and start:
        due = supervision_plan_due(start, plan.plan_months)
        rows.append(_row("督办工作方案（重点督办）", due, s.supervision_plan_on, today))
    return rows


def _feedback_rows(s: Suggestion, today: dt.date) -> list[DeadlineRow]:
    rereply, feedback = _params("NPC-004", s, today), _params("NPC-005", s, today)
    replies = list(s.replies.all())
    rows: list[DeadlineRow] = []
    for reply in replies:
        records = list(reply.satisfactions.all())
        if not records and feedback:
            due = feedback_due(reply.date, feedback.feedback_working_days)
            rows.append(_row("登记代表满意度", due, None, today))
        unhappy = [f for f in records if f.level == Satisfaction.DISSATISFIED and not reply.is_rereply]
        if unhappy and rereply:
            due = rereply_due(unhappy[0].recorded_on, rereply.rereply_months)
            done = min((r.date for r in replies if r.replaces_id == reply.pk), default=None)
            rows.append(_row("重新答复（代表不满意）", due, done, today))
    return rows
