"""The leading Party group: the secretary's lecture, the democratic-life meeting (its preparation, the plan filed
with the superior, the meeting and its report) and its members' 双重组织生活."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import look_back, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.org.models import LeadingGroupMember, Organ, Person
from qinglian.partylife.choices import DLMStep, MeetingKind
from qinglian.partylife.rules.common import BRANCH_BASIS, WARN, branch_rule, branches_of
from qinglian.partylife.selectors import counts, dlm

DLM_BASIS = "《县以上党和国家机关党员领导干部民主生活会若干规定》"
# The preparation before the meeting, in the order it is done: opinions gathered and fed back, talks held on
# them, and only then each member's 对照检查材料.
PREPARATION = (DLMStep.OPINIONS, DLMStep.TALKS, DLMStep.MATERIALS)


def _leading_members(organ_id: int, on: dt.date) -> list[LeadingGroupMember]:
    """Seats in the leading group held on `on` (their own start and end dates decide)."""
    return list(
        LeadingGroupMember.all_objects.filter(asof.live_on(on), organ_id=organ_id, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person")
        .order_by("order", "id")
    )


def _leading_secretary(organ_id: int, on: dt.date) -> Person | None:
    row = next((row for row in _leading_members(organ_id, on) if row.post == "secretary"), None)
    return row.person if row else None


def collect_secretary_lectures(ctx: Context) -> Iterator[Subject]:
    secretary = _leading_secretary(ctx.organ_id, ctx.as_of)
    if secretary is None:
        return
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        given = counts.lectures_by(organ_id=ctx.organ_id, start=period.start, end=period.end, as_of=ctx.as_of)
        yield Subject(
            type="org.person",
            id=str(secretary.pk),
            label=f"党组书记{secretary.name}",
            period=period.key,
            link=f"/partylife/people/{secretary.pk}/",
            person_id=secretary.pk,
            unit_id=None,
            data={"held": given.get(secretary.pk, 0), "period": period},
        )


@rule(
    code="PL-005",
    title="党组书记每年至少讲1次党课",
    basis=f"{BRANCH_BASIS}第十六条（党委（党组）书记每年至少讲1次党课）",
    category="组织生活",
    subjects="党组书记×年度",
    severity_policy="年度结束未讲为红色（违规记录）；年末前N个工作日仍未讲为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=collect_secretary_lectures,
    short="党组书记未讲党课",
)
def secretary_lecture_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}讲党课")


def collect_democratic_life(ctx: Context) -> Iterator[Subject]:
    """The organ × year of the leading group's democratic-life meeting as it stood on the day checked: the
    meetings held by then, the day it was held (`selectors.dlm.dlm_held_on`, as the process page shows it) and the
    days its steps were done, a step done later being not done yet."""
    organ = Organ.objects.get(pk=ctx.organ_id)
    secretary = _leading_secretary(ctx.organ_id, ctx.as_of)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        year = period.start.year
        meetings = counts.leading_group_meetings(
            organ_id=ctx.organ_id,
            kind=MeetingKind.DEMOCRATIC_LIFE_MEETING,
            start=period.start,
            end=period.end,
            as_of=ctx.as_of,
        )
        steps = counts.dlm_step_days(organ_id=ctx.organ_id, year=year, as_of=ctx.as_of)
        yield Subject(
            type="org.organ",
            id=str(organ.pk),
            label=f"{organ.short_name}党组",
            period=period.key,
            link=f"/partylife/dlm/{year}/",
            person_id=secretary.pk if secretary else None,
            data={
                "held": len(meetings),
                "period": period,
                "meeting_date": dlm.dlm_held_on(meetings[0].date if meetings else None, steps[DLMStep.MEETING]),
                "reported_on": steps[DLMStep.REPORT],
                "steps": steps,
            },
        )


@rule(
    code="PL-009",
    title="党组每年召开1次民主生活会",
    basis="《县以上党和国家机关党员领导干部民主生活会若干规定》（每年召开1次，一般安排在第四季度）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="年度结束未开为红色（违规记录）；年末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=collect_democratic_life,
    short="民主生活会未召开",
)
def democratic_life_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, "党组民主生活会")


@rule(
    code="PL-010",
    title="民主生活会后按期向上级报送情况报告",
    basis="《县以上党和国家机关党员领导干部民主生活会若干规定》及地方实施办法（会后15日内报送情况报告和会议记录；条号未核实）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="超过期限未报送为红色；逾期报送为红色并作为违规记录在案；期限前为黄色提醒",
    params=[
        Param("report_days", "会后报送期限", unit="日", minimum=1, maximum=60, period="days"),
        look_back("年度", "年"),
    ],
    collect=collect_democratic_life,
    short="民主生活会情况报告超期",
)
def democratic_life_report(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    held_on: dt.date | None = subject.data["meeting_date"]
    if held_on is None:
        return None
    deadline = dlm.dlm_report_due(held_on, p.report_days)
    reported: dt.date | None = subject.data["reported_on"]
    if reported is not None:
        if reported <= deadline:
            return None
        return Verdict(
            Severity.RED,
            f"民主生活会于{held_on:%m月%d日}召开，情况报告{reported:%m月%d日}报送，超过{p.report_days}日期限",
            deadline,
            recorded=True,
        )
    if ctx.as_of > deadline:
        return Verdict(
            Severity.RED, f"民主生活会于{held_on:%m月%d日}召开，已超过{p.report_days}日仍未报送情况报告", deadline
        )
    return Verdict(
        Severity.YELLOW, f"民主生活会于{held_on:%m月%d日}召开，请于{deadline:%m月%d日}前报送情况报告", deadline
    )


def _day(day: dt.date) -> str:
    return f"{day:%m月%d日}"


@rule(
    code="PL-016",
    title="民主生活会会前按序完成征求意见、谈心谈话、对照检查材料",
    basis=f"{DLM_BASIS}及地方实施办法（会前广泛征求意见并反馈，开展谈心谈话，在此基础上撰写对照检查材料；条号未核实）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="会议召开时仍有环节未完成（或完成日期晚于会议）为红色；环节均已完成但先后顺序颠倒为黄色；"
    "会议已召开，均作为违规记录在案",
    params=[look_back("年度", "年")],
    collect=collect_democratic_life,
    short="民主生活会会前环节不全",
)
def democratic_life_preparation(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    """Judged once the meeting is held (before it nothing is late yet). Each step must be dated on or before the
    meeting day; a step of the same day as the one before it is in order (the ledger keeps days, not hours)."""
    held_on: dt.date | None = subject.data["meeting_date"]
    if held_on is None:
        return None
    done: dict[str, dt.date | None] = subject.data["steps"]
    missing = [step for step in PREPARATION if done[step] is None or done[step] > held_on]
    if missing:
        names = "、".join(DLMStep(step).label for step in missing)
        return Verdict(Severity.RED, f"民主生活会于{_day(held_on)}召开，会前未完成：{names}", held_on, recorded=True)
    days = [done[step] for step in PREPARATION]
    if days != sorted(days):
        steps = "，".join(f"{DLMStep(step).label}{_day(done[step])}" for step in PREPARATION)
        return Verdict(
            Severity.YELLOW,
            f"民主生活会会前环节先后顺序不符（{steps}），应先征求意见、再谈心谈话、后撰写对照检查材料",
            held_on,
            recorded=True,  # judged only once the meeting is held: what came before it is done
        )
    return None


@rule(
    code="PL-017",
    title="民主生活会方案提前报上级党组织",
    basis=f"{DLM_BASIS}及地方实施办法（会议主题、时间等方案提前报上级党组织；提前天数各地规定为15日、10日或7日，中央文本未核实）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="会议召开前未报送方案为红色；已报送但晚于会前规定天数为黄色；会议已召开，均作为违规记录在案",
    params=[
        Param("lead_days", "会前报送方案天数", unit="日", minimum=1, maximum=60, period="days_before"),
        look_back("年度", "年"),
    ],
    collect=collect_democratic_life,
    short="民主生活会方案未提前报送",
)
def democratic_life_plan_filed(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    """Judged once the meeting is held: its day is what the lead time counts back from. The last day to file is
    `lead_days` calendar days before the meeting, moved back to a working day when it is a rest day."""
    held_on: dt.date | None = subject.data["meeting_date"]
    if held_on is None:
        return None
    deadline = workdays.days_before(held_on, p.lead_days)
    filed: dt.date | None = subject.data["steps"][DLMStep.PLAN_FILED]
    if filed is not None and filed <= deadline:
        return None
    if filed is None or filed > held_on:
        text = f"民主生活会于{_day(held_on)}召开，会前未向上级党组织报送会议方案"
        return Verdict(Severity.RED, text, deadline, recorded=True)
    return Verdict(
        Severity.YELLOW,
        f"民主生活会于{_day(held_on)}召开，会议方案{_day(filed)}报送上级党组织，"
        f"晚于会前{p.lead_days}日（应于{_day(deadline)}前报送）",
        deadline,
        recorded=True,
    )


def collect_leaders_branch_life(ctx: Context) -> Iterator[Subject]:
    """Members of the leading group on the day checked who then belonged to a branch (read from their history)."""
    seated = {row.person_id: row.person for row in _leading_members(ctx.organ_id, ctx.as_of)}
    branch = branches_of(seated, ctx.as_of)
    leaders = [person for pk, person in seated.items() if branch.get(pk)]
    for period in recent("quarter", ctx.as_of, ctx.params.look_back):
        attended = counts.branch_attendance(
            organ_id=ctx.organ_id,
            person_ids=[p.pk for p in leaders],
            start=period.start,
            end=period.end,
            as_of=ctx.as_of,
        )
        for person in leaders:
            yield Subject(
                type="org.person",
                id=str(person.pk),
                label=person.name,
                period=period.key,
                link=f"/partylife/people/{person.pk}/",
                person_id=person.pk,
                data={"held": attended.get(person.pk, 0), "period": period},
            )


@rule(
    code="PL-013",
    title="党员领导干部参加所在支部组织生活（双重组织生活）",
    basis=f"{BRANCH_BASIS}第十六条；《关于新形势下党内政治生活的若干准则》（以普通党员身份参加所在党支部、党小组组织生活）",
    category="组织生活",
    subjects="党组成员×季度",
    severity_policy="季度结束未参加为红色（违规记录）；季末前N个工作日仍未参加为黄色",
    params=[Param("min_count", "每季度参加次数", unit="次", minimum=1), WARN, look_back("季度", "个季度")],
    collect=collect_leaders_branch_life,
    short="领导干部未参加支部组织生活",
)
def double_org_life(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}参加所在支部组织生活")
