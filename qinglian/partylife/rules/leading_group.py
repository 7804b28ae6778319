"""The leading Party group: the secretary's lecture, the democratic-life meeting and its report, and
its members' 双重组织生活."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import look_back, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.org.models import LeadingGroupMember, Organ, Person
from qinglian.partylife import selectors
from qinglian.partylife.choices import DLMStep, MeetingKind
from qinglian.partylife.rules.common import BRANCH_BASIS, WARN, branch_rule


def _leading_secretary(organ_id: int, on: dt.date) -> Person | None:
    row = (
        LeadingGroupMember.objects.filter(organ_id=organ_id, post="secretary", start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person")
        .first()
    )
    return row.person if row else None


def collect_secretary_lectures(ctx: Context) -> Iterator[Subject]:
    secretary = _leading_secretary(ctx.organ_id, ctx.as_of)
    if secretary is None:
        return
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        given = selectors.lectures_by(organ_id=ctx.organ_id, start=period.start, end=period.end)
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
    severity_policy="年度结束未讲为红色；年末前N个工作日仍未讲为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=collect_secretary_lectures,
)
def secretary_lecture_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}讲党课")


def collect_democratic_life(ctx: Context) -> Iterator[Subject]:
    organ = Organ.objects.get(pk=ctx.organ_id)
    secretary = _leading_secretary(ctx.organ_id, ctx.as_of)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        meetings = selectors.leading_group_meetings(
            organ_id=ctx.organ_id, kind=MeetingKind.DEMOCRATIC_LIFE_MEETING, start=period.start, end=period.end
        )
        report = selectors.dlm_step(organ_id=ctx.organ_id, year=period.start.year, step=DLMStep.REPORT)
        yield Subject(
            type="org.organ",
            id=str(organ.pk),
            label=f"{organ.short_name}党组",
            period=period.key,
            link=f"/partylife/dlm/{period.start.year}/",
            person_id=secretary.pk if secretary else None,
            data={
                "held": len(meetings),
                "period": period,
                "meeting_date": meetings[-1].date if meetings else None,
                "reported_on": report.done_on if report else None,
            },
        )


@rule(
    code="PL-009",
    title="党组每年召开1次民主生活会",
    basis="《县以上党和国家机关党员领导干部民主生活会若干规定》（每年召开1次，一般安排在第四季度）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="年度结束未开为红色；年末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=collect_democratic_life,
)
def democratic_life_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, "党组民主生活会")


@rule(
    code="PL-010",
    title="民主生活会后按期向上级报送情况报告",
    basis="《县以上党和国家机关党员领导干部民主生活会若干规定》及地方实施办法（会后15日内报送情况报告和会议记录；条号未核实）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="超过期限未报送为红色；期限前为黄色提醒",
    params=[Param("report_days", "会后报送期限", unit="日", minimum=1, maximum=60), look_back("年度", "年")],
    collect=collect_democratic_life,
)
def democratic_life_report(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    held_on: dt.date | None = subject.data["meeting_date"]
    if held_on is None:
        return None
    deadline = held_on + dt.timedelta(days=p.report_days)
    reported: dt.date | None = subject.data["reported_on"]
    if reported is not None:
        if reported <= deadline:
            return None
        return Verdict(
            Severity.RED,
            f"民主生活会于{held_on:%m月%d日}召开，情况报告{reported:%m月%d日}报送，超过{p.report_days}日期限",
            deadline,
        )
    if ctx.as_of > deadline:
        return Verdict(
            Severity.RED, f"民主生活会于{held_on:%m月%d日}召开，已超过{p.report_days}日仍未报送情况报告", deadline
        )
    return Verdict(
        Severity.YELLOW, f"民主生活会于{held_on:%m月%d日}召开，请于{deadline:%m月%d日}前报送情况报告", deadline
    )


def collect_leaders_branch_life(ctx: Context) -> Iterator[Subject]:
    leaders = [
        row.person
        for row in LeadingGroupMember.objects.filter(organ_id=ctx.organ_id, start__lte=ctx.as_of)
        .filter(Q(end__isnull=True) | Q(end__gte=ctx.as_of))
        .select_related("person")
        if row.person.branch_id
    ]
    for period in recent("quarter", ctx.as_of, ctx.params.look_back):
        attended = selectors.branch_attendance(
            organ_id=ctx.organ_id, person_ids=[p.pk for p in leaders], start=period.start, end=period.end
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
    severity_policy="季度结束未参加为红色；季末前N个工作日仍未参加为黄色",
    params=[Param("min_count", "每季度参加次数", unit="次", minimum=1), WARN, look_back("季度", "个季度")],
    collect=collect_leaders_branch_life,
)
def double_org_life(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}参加所在支部组织生活")
