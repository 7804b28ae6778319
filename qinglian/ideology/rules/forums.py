"""IDEO-020…022: 一会一报 — a forum, lecture, report meeting or seminar is approved up its chain before it is held,
early enough, and with the foreign-affairs office's prior approval when foreign participants attend.

One read of the register serves the three rules (rules.common.ledger_rows on `filed_on`: every forum filed in the
window up to D, live on D, approvals prefetched). True on any date: a check for D counts only approvals decided on
or before D; whether the forum was cancelled and whether foreign participants attend are read as they stood on D
(core.asof history) — a later approval or cancellation never clears an earlier day's finding. Deadlines count
working days through core.workdays.

Findings go to the hosting unit and the applicant (the unit's head once the applicant has left the organ); the
keeper of the register is the party-affairs office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import first_heads, party_office
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.ideology.choices import ForumStatus, ForumStep, ReviewDecision
from qinglian.ideology.models import Forum
from qinglian.ideology.rules.common import CATEGORY, LOOK_BACK, ONE_MEETING, RESPONSIBILITY, first_day, ledger_rows

SUBJECTS = "一会一报登记的论坛、讲座、报告会、研讨会（检查日及之前报备，未取消）"
BASIS = f"{RESPONSIBILITY}；{ONE_MEETING}"
LEAD = Param("lead_working_days", "举办前至少提前批准的工作日数", unit="个工作日", minimum=0, maximum=30)
FOREIGN_LEAD = Param(
    "foreign_lead_working_days",
    "有境外人员参加的，举办前至少提前批准的工作日数",
    unit="个工作日",
    minimum=0,
    maximum=60,
)


def _forums(ctx: Context) -> list[dict[str, Any]]:
    """The forums filed by D and not cancelled on D, with what counted on D (read once per run)."""
    key = f"ideology.forums:{first_day(ctx)}"
    if key in ctx.memo:
        return ctx.memo[key]
    rows = ledger_rows(ctx, Forum, date_field="filed_on", related=("unit", "applicant"), prefetch=("approvals",))
    stood = asof.fields_on(Forum, ctx.as_of, ["status", "foreign_participants"], ids=[f.pk for f in rows])
    heads = first_heads(ctx.organ_id, {f.unit_id for f in rows if not f.applicant.is_active})
    out = []
    for forum in rows:
        then = stood.get(forum.pk, {"status": forum.status, "foreign_participants": forum.foreign_participants})
        if then["status"] == ForumStatus.CANCELLED:
            continue
        foreign = bool(then["foreign_participants"])
        approved = _approved_on(forum, ctx.as_of)
        steps = [ForumStep.UNIT, ForumStep.LEADER, *([ForumStep.FOREIGN_AFFAIRS] if foreign else [])]
        steps.append(ForumStep.PARTY_OFFICE)
        rejected = [a.decided_on for a in forum.approvals.all() if a.decision != ReviewDecision.APPROVE]
        out.append(
            {
                "forum": forum,
                "person_id": forum.applicant_id if forum.applicant.is_active else heads.get(forum.unit_id),
                "foreign": foreign,
                "final_on": max(approved[s] for s in steps) if all(s in approved for s in steps) else None,
                "missing": [int(s) for s in steps if s not in approved],
                "foreign_on": approved.get(ForumStep.FOREIGN_AFFAIRS),
                "rejected": bool([d for d in rejected if d <= ctx.as_of]),
            }
        )
    ctx.memo[key] = out
    return out


def _approved_on(forum: Forum, as_of: dt.date) -> dict[int, dt.date]:
    """Step → the day of its first approval decided on or before D."""
    out: dict[int, dt.date] = {}
    for a in forum.approvals.all():
        if a.decision == ReviewDecision.APPROVE and a.decided_on <= as_of:
            out[a.step] = min(out.get(a.step, a.decided_on), a.decided_on)
    return out


def _subject(row: dict[str, Any], data: dict[str, Any]) -> Subject:
    forum: Forum = row["forum"]
    return Subject(
        type="ideology.forum",
        id=str(forum.pk),
        label=f"“{forum.title}”（{forum.get_kind_display()}，{forum.unit.name}，{forum.held_on:%Y-%m-%d}举办）",
        period=str(forum.held_on.year),
        link=f"/ideology/forums/{forum.pk}/",
        unit_id=forum.unit_id,
        person_id=row["person_id"],
        data={"held_on": forum.held_on, "filed_on": forum.filed_on, "final_on": row["final_on"], **data},
    )


# --- IDEO-020: held without approval, or approved after the event -----------------------------------------------


def collect_held(ctx: Context) -> Iterator[Subject]:
    for row in _forums(ctx):
        if row["forum"].held_on <= ctx.as_of:
            yield _subject(row, {"missing": row["missing"], "rejected": row["rejected"]})


@rule(
    code="IDEO-020",
    title="论坛、讲座、报告会、研讨会经批准后举办（一会一报）",
    basis=f"{BASIS}：报告会、研讨会、讲座、论坛实行“一会一报”，逐级审批、统一备案，未经批准不得举办",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="举办日（含当日）前未完成全部审批环节即举办（未批准、不予批准或举办后才批准）为红色",
    params=[LOOK_BACK],
    collect=collect_held,
    short="活动未经批准举办",
    keeper=party_office,
)
def approved_before_held(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    final_on: dt.date | None = d["final_on"]
    if final_on is not None and final_on <= d["held_on"]:
        return None
    if final_on is not None:
        reason = f"{subject.label}：{final_on:%Y-%m-%d}才完成审批，晚于举办日期（先办后批）"
    elif d["rejected"] and not d["missing"]:
        reason = f"{subject.label}：审批未通过仍举办"
    else:
        missing = "、".join(ForumStep(s).label for s in d["missing"])
        state = "审批未通过，" if d["rejected"] else ""
        reason = f"{subject.label}：{state}未经批准举办（缺少{missing}）"
    return Verdict(Severity.RED, reason, recorded=True)


# --- IDEO-021: approved later than the lead time ---------------------------------------------------------------


def collect_lead(ctx: Context) -> Iterator[Subject]:
    for row in _forums(ctx):
        final_on = row["final_on"]
        if final_on is not None and final_on <= row["forum"].held_on:
            yield _subject(row, {"foreign": row["foreign"]})


@rule(
    code="IDEO-021",
    title="一会一报在举办前规定的工作日数前批准",
    basis=f"{BASIS}：须提前报批，有境外人员参加的须更早报批",
    category=CATEGORY,
    subjects="举办前已批准的一会一报活动（检查日及之前完成全部审批）",
    severity_policy="最后一个审批环节晚于举办日前规定的工作日数（有境外人员参加的适用更长的提前量）为黄色",
    params=[LEAD, FOREIGN_LEAD, LOOK_BACK],
    collect=collect_lead,
    short="一会一报审批提前量不足",
    keeper=party_office,
)
def approved_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    need = int(p.foreign_lead_working_days if d["foreign"] else p.lead_working_days)
    latest = workdays.add_working_days(d["held_on"], -need)
    if d["final_on"] <= latest:
        return None
    ahead = workdays.working_days_between(d["final_on"], d["held_on"])
    foreign = "有境外人员参加，" if d["foreign"] else ""
    return Verdict(
        Severity.YELLOW,
        f"{subject.label}：{foreign}{d['final_on']:%Y-%m-%d}才完成审批，距举办仅{max(ahead, 0)}个工作日，"
        f"应在举办前{need}个工作日（{latest:%Y-%m-%d}）前批准",
        recorded=True,
    )


# --- IDEO-022: foreign participants without the foreign-affairs office's prior approval --------------------------


def collect_foreign(ctx: Context) -> Iterator[Subject]:
    for row in _forums(ctx):
        if row["foreign"] and row["forum"].held_on <= ctx.as_of:
            yield _subject(row, {"foreign_on": row["foreign_on"]})


@rule(
    code="IDEO-022",
    title="有境外人员参加的活动经外事部门前置审批",
    basis=f"{BASIS}：有境外人员参加的，须经外事部门前置审批",
    category=CATEGORY,
    subjects="有境外人员参加、检查日及之前举办的一会一报活动",
    severity_policy="举办日（含当日）前没有外事部门的批准为红色",
    params=[LOOK_BACK],
    collect=collect_foreign,
    short="境外人员参加未经外事审批",
    keeper=party_office,
)
def foreign_approved_first(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    foreign_on: dt.date | None = d["foreign_on"]
    if foreign_on is not None and foreign_on <= d["held_on"]:
        return None
    when = f"外事部门{foreign_on:%Y-%m-%d}才批准" if foreign_on else "没有外事部门的前置审批"
    return Verdict(Severity.RED, f"{subject.label}：有境外人员参加，{when}", recorded=True)
