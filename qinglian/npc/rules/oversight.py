"""The audit rectification report heard within six months of the audit work report (NPC-014, 监督法 Art.27 ¶2).

The Standing Committee hears the audit work report with the final accounts; "在听取和审议审计工作报告后的六个月内"
it must hear the government's report on rectifying what the audit found. The period is one of months (民法典
Arts. 201–203 through core.workdays); the duty falls on the office that sets the Standing Committee's agenda,
so the finding goes to the meetings desk.
"""

from __future__ import annotations

from collections.abc import Iterator

from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.npc.choices import DeskKind
from qinglian.npc.permissions import desk_unit_id
from qinglian.npc.rules.common import (
    SUPERVISION_LAW,
    WARN,
    Deadline,
    deadline_verdict,
    desk_keeper,
    unit_head_person_ids,
)
from qinglian.npc.selectors.oversight import audit_hearings

LOOK_BACK_MONTHS = Param(
    "look_back_months",
    "检查最近几个月内听取的审计工作报告",
    unit="个月",
    minimum=1,
    maximum=36,
    help="审计工作报告每年一次；18个月可覆盖上一年度的整改期限",
)


def collect_audit_hearings(ctx: Context) -> Iterator[Subject]:
    since = workdays.add_months(ctx.as_of, -ctx.params.look_back_months)
    desk = desk_unit_id(ctx.organ_id, DeskKind.MATERIALS)
    head = unit_head_person_ids(ctx.organ_id, {desk}).get(desk) if desk else None
    for hearing in audit_hearings(organ_id=ctx.organ_id, since=since, as_of=ctx.as_of):
        yield Subject(
            type="npc.meetingagendaitem",
            id=str(hearing.item_id),
            label=f"{hearing.heard_on:%Y-%m-%d}常委会会议听取的审计工作报告",
            period=str(hearing.heard_on.year),
            link=f"/npc/meetings/{hearing.meeting_id}/",
            unit_id=desk,
            person_id=head,
            data={"heard_on": hearing.heard_on, "rectified_on": next(iter(hearing.rectifications), None)},
        )


@rule(
    code="NPC-014",
    title="听取审计工作报告后六个月内听取审计查出问题整改情况的报告",
    basis=f"{SUPERVISION_LAW}第二十七条第二款（常务委员会在听取和审议审计工作报告后的六个月内，"
    "听取和审议本级人民政府关于审计查出问题整改情况的报告）",
    category="监督工作",
    subjects="常委会会议听取的审计工作报告",
    severity_policy="期限前N个工作日仍未安排听取为黄色；超过六个月未听取为红色；逾期听取为红色并作为违规记录在案",
    params=[
        Param("rectify_months", "听取整改情况报告期限", unit="个月", minimum=1, maximum=12, period="months"),
        WARN,
        LOOK_BACK_MONTHS,
    ],
    collect=collect_audit_hearings,
    short="审计整改报告未按期听取",
    keeper=desk_keeper(DeskKind.MATERIALS),
)
def rectification_heard(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = workdays.after(subject.data["heard_on"], p.rectify_months, "months")
    done = Deadline("听取审计查出问题整改情况的报告", due, subject.data["rectified_on"])
    return deadline_verdict(subject.label, done, ctx.as_of, p.warn_working_days)
