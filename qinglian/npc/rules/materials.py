"""Meeting materials reach the office before the meeting (NPC-008).

The item's deadlines are stored on it (`MeetingAgendaItem.deadline`, `final_deadline`), computed when the
meeting or item is saved from this rule's parameters in force on the meeting date, so the rule and the pages
agree on one date. The parameters are read here only by the services (deadlines.materials_params).

Checked for a past day, an item stands (it is a plan) but a version submitted after that day had not been:
the first and the final version are those submitted on or before it (`agenda_items_as_of`).
"""

from __future__ import annotations

from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.npc.choices import DeskKind
from qinglian.npc.rules.common import (
    LOOK_BACK,
    SUPERVISION_LAW,
    WARN,
    Deadline,
    deadline_verdict,
    desk_keeper,
    unit_head_person_ids,
    window_years,
)
from qinglian.npc.selectors.meetings import agenda_items_as_of, submission_dates


def collect_items(ctx: Context) -> Iterator[Subject]:
    """Agenda items of meetings in the look-back years and the next year, with their first and final dates."""
    years = [*window_years(ctx.as_of, ctx.params.look_back_years), ctx.as_of.year + 1]
    items = agenda_items_as_of(organ_id=ctx.organ_id, years=years, as_of=ctx.as_of)
    heads = unit_head_person_ids(ctx.organ_id, {item.submitting_unit_id for item in items})
    for item in items:
        if item.deadline is None:
            continue
        first, final = submission_dates(item)
        yield Subject(
            type="npc.meetingagendaitem",
            id=str(item.pk),
            label=f"{item.meeting}“{item.title}”（{item.submitting_unit.name}）",
            period=str(item.meeting.date.year),
            link=f"/npc/meetings/{item.meeting_id}/",
            unit_id=item.submitting_unit_id,
            person_id=heads.get(item.submitting_unit_id),
            data={
                "deadline": item.deadline,
                "final_deadline": item.final_deadline,
                "first": first,
                "final": final,
                "meeting_date": item.meeting.date,
            },
        )


@rule(
    code="NPC-008",
    title="会议材料按期报送",
    basis=f"{SUPERVISION_LAW}第十五条（专项工作报告会议举行二十日前送征求意见、十日前送交常委会）；"
    "其他议题按本机关会务规定会前N个工作日报送",
    category="会议材料报送",
    subjects="会议议题",
    severity_policy="期限前N个工作日未报送为黄色；逾期未报送为红色；逾期报送、或会议召开时仍未报送的，"
    "为红色并作为违规记录在案（会议已开，无法补救）",
    params=[
        Param(
            "chairpersons_days",
            "主任会议材料会前报送",
            unit="个工作日",
            minimum=0,
            maximum=30,
            period="working_days_before",
        ),
        Param(
            "standing_days",
            "常委会会议材料会前报送",
            unit="个工作日",
            minimum=0,
            maximum=30,
            period="working_days_before",
        ),
        Param(
            "special_comment_days",
            "专项工作报告送征求意见（会前）",
            unit="日（日历日）",
            minimum=0,
            maximum=60,
            period="days_before",
        ),
        Param(
            "special_final_days",
            "专项工作报告送交常委会（会前）",
            unit="日（日历日）",
            minimum=0,
            maximum=60,
            period="days_before",
        ),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_items,
    short="会议材料报送超期",
    keeper=desk_keeper(DeskKind.MATERIALS),
)
def materials_in_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    deadline = Deadline("报送材料", data["deadline"], data["first"])
    first = deadline_verdict(subject.label, deadline, ctx.as_of, p.warn_working_days)
    if first is not None or data["final_deadline"] is None:
        return _after_meeting(subject.label, deadline, first, data.get("meeting_date"), ctx)
    final = Deadline("送交修改后的报告（定稿）", data["final_deadline"], data["final"])
    verdict = deadline_verdict(subject.label, final, ctx.as_of, p.warn_working_days)
    return _after_meeting(subject.label, final, verdict, data.get("meeting_date"), ctx)


def _after_meeting(label: str, d: Deadline, verdict: Verdict | None, meeting_date, ctx: Context) -> Verdict | None:
    """Material still missing once its meeting has been held can no longer serve it: a recorded fact."""
    if verdict is None or verdict.recorded or meeting_date is None or ctx.as_of <= meeting_date:
        return verdict
    return Verdict(
        Severity.RED,
        f"{label}：应于{d.due:%Y-%m-%d}前{d.what}，会议{meeting_date:%Y-%m-%d}召开时仍未{d.what}",
        d.due,
        recorded=True,
    )
