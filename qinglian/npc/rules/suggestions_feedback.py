"""Around the reply: contact with the deputy before it (NPC-003), the deputy's satisfaction (NPC-005) and the
re-reply after a 不满意 (NPC-004).

The ledger is read as it stood on the day checked (`load_suggestions`): a contact, a reply, an evaluation or a
re-reply dated after it had not happened."""

from __future__ import annotations

from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.npc.choices import Satisfaction
from qinglian.npc.deadlines import feedback_due, rereply_due
from qinglian.npc.rules.common import (
    LAW,
    LOOK_BACK,
    WARN,
    ZJ,
    Deadline,
    deadline_verdict,
    handling_subject,
    load_suggestions,
)


def collect_contacts(ctx: Context) -> Iterator[Subject]:
    """Each first reply (not a re-reply) with the earliest contact recorded for its suggestion."""
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        contacts = [c.date for c in s.contacts.all()]
        for reply in s.replies.all():
            if reply.is_rereply:
                continue
            data = {"replied_on": reply.date, "first_contact": min(contacts) if contacts else None}
            yield handling_subject(ledger, s, reply, reply.assignment.unit, data)


@rule(
    code="NPC-003",
    title="答复前与代表联系沟通，充分听取代表意见",
    basis=f"{LAW}第五十一条；{ZJ}第十七条",
    category="代表建议办理",
    subjects="答复",
    severity_policy="答复前没有任何联系沟通记录为红色（答复已作出，作为违规记录在案）",
    params=[LOOK_BACK],
    collect=collect_contacts,
    short="答复前未联系代表",
)
def contact_before_reply(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    replied_on, first = subject.data["replied_on"], subject.data["first_contact"]
    if first is not None and first <= replied_on:
        return None
    if first is None:
        text = "没有与代表联系沟通的记录"
    else:
        text = f"首次联系代表在{first:%Y-%m-%d}，晚于答复"
    # The reply has been given: the contact it lacked cannot be made before it any more.
    return Verdict(Severity.RED, f"{subject.label}：{replied_on:%Y-%m-%d}答复前{text}", None, recorded=True)


def collect_rereplies(ctx: Context) -> Iterator[Subject]:
    """Each 不满意 on a first reply, with the date of the re-reply that replaces it (if any)."""
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        replies = list(s.replies.all())
        for reply in replies:
            if reply.is_rereply:
                continue
            feedback = [f for f in reply.satisfactions.all() if f.level == Satisfaction.DISSATISFIED]
            if not feedback:
                continue
            rereplies = [r.date for r in replies if r.replaces_id == reply.pk]
            data = {"dissatisfied_on": feedback[0].recorded_on, "done_on": min(rereplies) if rereplies else None}
            yield handling_subject(ledger, s, reply, reply.assignment.unit, data)


@rule(
    code="NPC-004",
    title="代表对答复不满意的，承办单位1个月内重新办理并答复",
    basis=f"{ZJ}第二十四条；《浙江省实施〈代表法〉办法》第四十三条",
    category="代表建议办理",
    subjects="代表不满意的答复",
    severity_policy="到期前N个工作日未重新答复为黄色；逾期未重新答复为红色；逾期重新答复为红色并作为违规记录在案",
    params=[
        Param("rereply_months", "重新答复期限", unit="个月", minimum=1, maximum=6, period="months"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_rereplies,
    short="不满意后重新答复超期",
)
def rereply_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = rereply_due(subject.data["dissatisfied_on"], p.rereply_months)
    label = f"{subject.label}代表不满意"
    return deadline_verdict(label, Deadline("重新答复", due, subject.data["done_on"]), ctx.as_of, p.warn_working_days)


def collect_satisfaction(ctx: Context) -> Iterator[Subject]:
    """Every reply (first or re-reply) and whether the deputy's evaluation has been recorded."""
    ledger = load_suggestions(ctx.organ_id, ctx.as_of, ctx.params.look_back_years)
    for s in ledger.suggestions:
        for reply in s.replies.all():
            recorded = [f.recorded_on for f in reply.satisfactions.all()]
            data = {"replied_on": reply.date, "recorded": bool(recorded), "rereply": reply.is_rereply}
            yield handling_subject(ledger, s, reply, reply.assignment.unit, data)


@rule(
    code="NPC-005",
    title="答复后及时征询并登记代表满意度",
    basis=f"{ZJ}第二十三条（答复时附征询意见表）；期限参照《北京市人民代表大会代表建议、批评和意见办理条例》第二十三条",
    category="代表建议办理",
    subjects="答复",
    severity_policy="答复后N个工作日将到仍未登记满意度为黄色，超过仍未登记为红色",
    params=[
        Param("feedback_working_days", "登记期限", unit="个工作日", minimum=1, maximum=60, period="working_days"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_satisfaction,
    short="未登记代表满意度",
)
def satisfaction_recorded(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    # Only outstanding feedback is flagged: when the deputy answered late it is not the unit's failure.
    if subject.data["recorded"]:
        return None
    due = feedback_due(subject.data["replied_on"], p.feedback_working_days)
    what = "重新答复" if subject.data["rereply"] else "答复"
    label = f"{subject.label}{subject.data['replied_on']:%Y-%m-%d}{what}后"
    return deadline_verdict(label, Deadline("登记代表满意度", due, None), ctx.as_of, p.warn_working_days)
