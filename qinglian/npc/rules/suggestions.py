"""Deadlines of handling a suggestion: the reply (NPC-001), the co-unit's opinion (NPC-002), notifying the
deputy (NPC-006) and a return (NPC-007).

Each collector reads the ledger as it stood on the day checked (`load_suggestions`): rows dated after it do not
exist, dates inside a row count only when on or before it (`ledger.on`), and an assignment returned later was
still active then (`ledger.is_active`). Each due date comes from deadlines.py, as on the suggestion's page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.npc.choices import HandlingRole
from qinglian.npc.deadlines import co_opinion_due, notify_due, reply_due, return_due
from qinglian.npc.rules.common import (
    LAW,
    LOOK_BACK,
    WARN,
    ZJ,
    Deadline,
    deadline_verdict,
    handling_subject,
    load_suggestions,
    suggestion_label,
    suggestion_link,
)


def _first_reply(suggestion, assignment) -> dt.date | None:
    """The date of the assignment's first reply among the replies loaded (those made on or before the day)."""
    dates = [r.date for r in suggestion.replies.all() if not r.is_rereply and r.assignment_id == assignment.pk]
    return min(dates) if dates else None


def collect_replies(ctx: Context) -> Iterator[Subject]:
    """The lead assignments (active on the day, or returned after replying) of the assigned suggestions in the
    window. An extension counts from the day it was approved (`extension_approved_on`), not before."""
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        extended = ledger.on(s.extension_approved_on) is not None
        for a in s.assignments.all():
            replied_on = _first_reply(s, a)
            if a.role != HandlingRole.LEAD or not (ledger.is_active(a) or replied_on):
                continue
            data = {"assigned_on": a.assigned_on, "extended": extended, "replied_on": replied_on}
            yield handling_subject(ledger, s, a, a.unit, data)


@rule(
    code="NPC-001",
    title="代表建议自交办之日起3个月内答复，经批准延期的6个月内答复",
    basis=f"{LAW}第五十一条；{ZJ}第二十一条",
    category="代表建议办理",
    subjects="主办单位×代表建议",
    severity_policy="到期前N个工作日未答复为黄色；逾期未答复为红色；逾期答复为红色并作为违规记录在案",
    params=[
        Param("reply_months", "答复期限", unit="个月", minimum=1, maximum=12, period="months"),
        Param("extended_months", "延期后答复期限", unit="个月", minimum=1, maximum=12, period="months"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_replies,
    short="建议答复超期",
)
def reply_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    due = reply_due(
        data["assigned_on"], extended=data["extended"], reply_months=p.reply_months, extended_months=p.extended_months
    )
    months = p.extended_months if data["extended"] else p.reply_months
    label = f"{subject.label}自交办之日起{months}个月内答复"
    return deadline_verdict(label, Deadline("答复", due, data["replied_on"]), ctx.as_of, p.warn_working_days)


def collect_co_opinions(ctx: Context) -> Iterator[Subject]:
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        for a in s.assignments.all():
            done_on = ledger.on(a.co_opinion_on)
            if a.role != HandlingRole.CO or not (ledger.is_active(a) or done_on):
                continue
            # From receipt (签收); a receipt recorded with a later date had not happened, so from assignment.
            data = {"start": ledger.on(a.received_on) or a.assigned_on, "done_on": done_on}
            yield handling_subject(ledger, s, a, a.unit, data)


@rule(
    code="NPC-002",
    title="协办单位收到建议之日起2个月内向主办单位提出书面协办意见",
    basis=f"{ZJ}第十八条",
    category="代表建议办理",
    subjects="协办单位×代表建议",
    severity_policy="到期前N个工作日未提出为黄色；逾期未提出为红色；逾期提出为红色并作为违规记录在案",
    params=[
        Param("co_opinion_months", "协办意见期限", unit="个月", minimum=1, maximum=6, period="months"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_co_opinions,
    short="协办意见超期",
)
def co_opinion_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = co_opinion_due(subject.data["start"], p.co_opinion_months)
    label = f"{subject.label}作为协办单位"
    return deadline_verdict(
        label, Deadline("提出书面协办意见", due, subject.data["done_on"]), ctx.as_of, p.warn_working_days
    )


def collect_notifications(ctx: Context) -> Iterator[Subject]:
    """Suggestions made between sessions; the desk (交办机构) notifies the deputy, so the desk unit answers."""
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        if not s.is_interim:
            continue
        yield Subject(
            type="npc.suggestion",
            id=str(s.pk),
            label=suggestion_label(s),
            period=str(s.year),
            link=suggestion_link(s),
            unit_id=ledger.desk_unit_id,
            person_id=ledger.person_for(s),
            data={"received_on": s.received_on, "done_on": ledger.on(s.deputy_notified_on)},
        )


@rule(
    code="NPC-006",
    title="闭会期间代表建议受理后7日内通知代表",
    basis=f"{ZJ}第十条",
    category="代表建议办理",
    subjects="闭会期间代表建议",
    severity_policy="到期前N个工作日未通知为黄色；逾期未通知为红色；逾期通知为红色并作为违规记录在案",
    params=[Param("notify_days", "通知期限（日）", unit="日", minimum=1, maximum=60, period="days"), WARN, LOOK_BACK],
    collect=collect_notifications,
    short="未按期通知代表受理",
)
def deputy_notified(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = notify_due(subject.data["received_on"], p.notify_days)
    label = f"{subject.label}（闭会期间建议）"
    return deadline_verdict(
        label, Deadline("通知代表受理", due, subject.data["done_on"]), ctx.as_of, p.warn_working_days
    )


def collect_returns(ctx: Context) -> Iterator[Subject]:
    """The returns made on or before the day checked (a return dated later had not been made)."""
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        for a in s.assignments.all():
            returned_on = ledger.on(a.returned_on)
            if returned_on is None:
                continue
            data = {"start": ledger.on(a.received_on) or a.assigned_on, "returned_on": returned_on}
            yield handling_subject(ledger, s, a, a.unit, data)


@rule(
    code="NPC-007",
    title="不属本单位职责的建议，收到之日起10日内说明情况并经同意退回",
    basis=f"{ZJ}第十四条",
    category="代表建议办理",
    subjects="退回的交办",
    severity_policy="超过期限才退回为红色（退回后不得自行转办），作为违规记录在案",
    params=[
        Param(
            "return_days",
            "退回期限",
            unit="日",
            minimum=1,
            maximum=60,
            period="days",
            help="按日历日计算；“按工作日计算”设为“是”时改按本机关工作日历计算工作日",
        ),
        Param("return_working_days", "按工作日计算", kind="bool", help="青岛等地按工作日计算时设为“是”"),
        LOOK_BACK,
    ],
    collect=collect_returns,
    short="退回建议超期",
)
def returned_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    start, returned_on = subject.data["start"], asof.known(subject.data["returned_on"], ctx.as_of)
    due = return_due(start, p.return_days, working=p.return_working_days)
    if returned_on is None or returned_on <= due:
        return None
    unit = "个工作日" if p.return_working_days else "日"
    late = workdays.working_days_between(due, returned_on)  # counted as the record pages count a delay
    return Verdict(
        Severity.RED,
        f"{subject.label}：收到之日（{start:%Y-%m-%d}）起{p.return_days}{unit}内应退回，"
        f"{returned_on:%Y-%m-%d}才退回，逾期{late}个工作日",
        due,
        recorded=True,
    )
