"""Rules of 组织生活 (《中国共产党支部工作条例（试行）》, 《党员教育管理工作条例》, 民主生活会规定).

Each frequency rule looks at the last few periods (a parameter, so an organ going live can start from
its first month), counts what the ledgers hold, and says: red when a period ended short, yellow when the
period's end is near and it is still short. Findings are due on the period's last working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import Period, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.partylife import selectors
from qinglian.partylife.choices import MeetingKind

WARN = Param("warn_working_days", "期末前提醒（工作日）", unit="个工作日", minimum=0, maximum=60)


def look_back(label: str, unit: str) -> Param:
    return Param(
        "look_back", f"检查最近几个{label}", unit=unit, minimum=1, maximum=24, help="上线初期可设为1，只检查当期"
    )


def frequency(*, what: str, held: int, need: int, period: Period, as_of: dt.date, warn: int) -> Verdict | None:
    """The shared verdict of "at least N per period" rules."""
    if held >= need:
        return None
    if period.is_over(as_of):
        return Verdict(Severity.RED, f"{period.label}{what}应不少于{need}次，实际{held}次", period.due)
    if workdays.working_days_between(as_of, period.due) <= warn:
        return Verdict(
            Severity.YELLOW,
            f"{period.label}{what}已开{held}次，尚差{need - held}次，请在{period.due:%m月%d日}前完成",
            period.due,
        )
    return None


# --- subjects -----------------------------------------------------------------------------------


def _secretaries(organ_id: int, on: dt.date) -> dict[int, int]:
    from qinglian.org.models import BranchCommitteeMember

    rows = BranchCommitteeMember.objects.filter(organ_id=organ_id, post="secretary", start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return {row.branch_id: row.person_id for row in rows}


def _branch_periods(ctx: Context, kind: str, meeting_kind: str) -> Iterator[Subject]:
    from qinglian.org.models import Branch

    secretaries = _secretaries(ctx.organ_id, ctx.as_of)
    branches = list(Branch.objects.filter(organ_id=ctx.organ_id))
    for period in recent(kind, ctx.as_of, ctx.params.look_back):
        counts = selectors.meeting_counts(organ_id=ctx.organ_id, start=period.start, end=period.end)
        for branch in branches:
            if branch.established_on and branch.established_on > period.end:
                continue
            yield Subject(
                type="org.branch",
                id=str(branch.pk),
                label=branch.name,
                period=period.key,
                link=f"/partylife/meetings/?branch={branch.pk}",
                person_id=secretaries.get(branch.pk),
                data={"held": counts.get((branch.pk, meeting_kind), 0), "period": period},
            )


def _collector(kind: str, meeting_kind: str):
    """Branch × period subjects for the rule's look-back window (its `look_back` parameter)."""

    def collect(ctx: Context) -> Iterator[Subject]:
        return _branch_periods(ctx, kind, meeting_kind)

    return collect


def _branch_rule(subject: Subject, p: Params, ctx: Context, what: str, per_month: bool = False) -> Verdict | None:
    period: Period = subject.data["period"]
    need = p.min_count * (period.months_elapsed(ctx.as_of) if per_month else 1)
    return frequency(
        what=what, held=subject.data["held"], need=need, period=period, as_of=ctx.as_of, warn=p.warn_working_days
    )


BRANCH_BASIS = "《中国共产党支部工作条例（试行）》"


@rule(
    code="PL-001",
    title="党支部党员大会每季度至少召开1次",
    basis=f"{BRANCH_BASIS}第十一条",
    category="组织生活",
    subjects="党支部×季度",
    severity_policy="季度结束未开足为红色；季度末前N个工作日仍未开足为黄色",
    params=[Param("min_count", "每季度次数", unit="次", minimum=1), WARN, look_back("季度", "个季度")],
    collect=_collector("quarter", MeetingKind.BRANCH_GENERAL_MEETING),
)
def general_meeting_quarterly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}党员大会")


@rule(
    code="PL-002",
    title="支部委员会会议每月召开1次",
    basis=f"{BRANCH_BASIS}第十二条",
    category="组织生活",
    subjects="党支部×月",
    severity_policy="当月结束未开为红色；月末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每月次数", unit="次", minimum=1), WARN, look_back("月", "个月")],
    collect=_collector("month", MeetingKind.BRANCH_COMMITTEE_MEETING),
)
def committee_monthly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}支部委员会会议")


@rule(
    code="PL-004",
    title="党课每季度至少1次（地方要求）",
    basis=f"{BRANCH_BASIS}第十六条（党员领导干部讲党课）；每季度至少1次为地方要求，条例未规定季度频次",
    category="组织生活",
    subjects="党支部×季度",
    severity_policy="季度结束未开为红色；季度末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每季度次数", unit="次", minimum=1), WARN, look_back("季度", "个季度")],
    collect=_collector("quarter", MeetingKind.PARTY_LECTURE),
)
def lecture_quarterly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}党课")


@rule(
    code="PL-006",
    title="每月开展1次主题党日",
    basis=f"{BRANCH_BASIS}第十六条；《中国共产党党员教育管理工作条例》第十六条",
    category="组织生活",
    subjects="党支部×月",
    severity_policy="当月结束未开展为红色；月末前N个工作日仍未开展为黄色",
    params=[Param("min_count", "每月次数", unit="次", minimum=1), WARN, look_back("月", "个月")],
    collect=_collector("month", MeetingKind.THEME_DAY),
)
def theme_day_monthly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}主题党日")


@rule(
    code="PL-007",
    title="党支部每年至少召开1次组织生活会",
    basis=f"{BRANCH_BASIS}第十七条（一般安排在第四季度）",
    category="组织生活",
    subjects="党支部×年度",
    severity_policy="年度结束未开为红色；年末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=_collector("year", MeetingKind.ORG_LIFE_MEETING),
)
def org_life_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}组织生活会")


@rule(
    code="PL-008",
    title="党支部每年开展1次民主评议党员",
    basis=f"《中国共产党党员教育管理工作条例》第十八条；{BRANCH_BASIS}第十九条",
    category="组织生活",
    subjects="党支部×年度",
    severity_policy="年度结束未开展为红色；年末前N个工作日仍未开展为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=_collector("year", MeetingKind.DEMOCRATIC_APPRAISAL),
)
def appraisal_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}民主评议党员")


def collect_party_groups(ctx: Context) -> Iterator[Subject]:
    from qinglian.org.models import PartyGroup

    groups = list(PartyGroup.objects.filter(organ_id=ctx.organ_id).select_related("branch"))
    for period in recent("month", ctx.as_of, ctx.params.look_back):
        counts = selectors.party_group_meeting_counts(organ_id=ctx.organ_id, start=period.start, end=period.end)
        for group in groups:
            yield Subject(
                type="org.partygroup",
                id=str(group.pk),
                label=f"{group.branch.name}{group.name}",
                period=period.key,
                link=f"/partylife/meetings/?branch={group.branch_id}",
                person_id=group.leader_id,
                data={"held": counts.get(group.pk, 0), "period": period},
            )


@rule(
    code="PL-003",
    title="党小组会每月召开1次",
    basis=f"{BRANCH_BASIS}第十三条（条号据转引，待核）",
    category="组织生活",
    subjects="党小组×月",
    severity_policy="当月结束未开为红色；月末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每月次数", unit="次", minimum=1), WARN, look_back("月", "个月")],
    collect=collect_party_groups,
)
def party_group_monthly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return _branch_rule(subject, p, ctx, f"{subject.label}党小组会")


def _leading_secretary(organ_id: int, on: dt.date):
    from qinglian.org.models import LeadingGroupMember

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
    return _branch_rule(subject, p, ctx, f"{subject.label}讲党课")


def collect_democratic_life(ctx: Context) -> Iterator[Subject]:
    from qinglian.org.models import Organ
    from qinglian.partylife.models import DemocraticLifeStep

    organ = Organ.objects.get(pk=ctx.organ_id)
    secretary = _leading_secretary(ctx.organ_id, ctx.as_of)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        meetings = selectors.leading_group_meetings(
            organ_id=ctx.organ_id, kind=MeetingKind.DEMOCRATIC_LIFE_MEETING, start=period.start, end=period.end
        )
        report = DemocraticLifeStep.objects.filter(organ_id=ctx.organ_id, year=period.start.year, step="report").first()
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
    return _branch_rule(subject, p, ctx, "党组民主生活会")


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


def _members(organ_id: int):
    from qinglian.org.choices import PARTY_STATUSES, UnitKind
    from qinglian.org.models import Person

    return Person.objects.filter(
        organ_id=organ_id, is_active=True, party_status__in=PARTY_STATUSES, unit__kind=UnitKind.INTERNAL
    )


def _arrivals(organ_id: int) -> dict[int, dt.date]:
    """When each person last came into the organ (调入), from the personnel events."""
    from qinglian.org.models import PersonnelEvent

    arrived: dict[int, dt.date] = {}
    for person_id, day in PersonnelEvent.objects.filter(organ_id=organ_id, kind="transfer_in").values_list(
        "person_id", "date"
    ):
        arrived[person_id] = max(day, arrived.get(person_id, day))
    return arrived


def collect_training(ctx: Context) -> Iterator[Subject]:
    """Members who were members here for the whole year: someone who joined the Party or the organ during the
    year is not held to the full-year figure (their hours still show on the training-hours page)."""
    members = list(_members(ctx.organ_id).only("pk", "name", "unit_id", "party_joined_on"))
    arrived = _arrivals(ctx.organ_id)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        hours = selectors.training_hours(organ_id=ctx.organ_id, year=period.start.year)
        for person in members:
            joined = max(filter(None, [person.party_joined_on, arrived.get(person.pk)]), default=None)
            if joined is not None and joined > period.start:
                continue
            yield Subject(
                type="org.person",
                id=str(person.pk),
                label=person.name,
                period=period.key,
                link=f"/partylife/people/{person.pk}/",
                unit_id=person.unit_id,
                person_id=person.pk,
                data={"hours": hours.get(person.pk, 0), "period": period},
            )


@rule(
    code="PL-011",
    title="党员每年集中学习培训不少于32学时",
    basis="《中国共产党党员教育管理工作条例》第二十条",
    category="理论学习",
    subjects="党员×年度",
    severity_policy="年度结束不足为红色；年末前N个工作日仍不足为黄色",
    params=[Param("min_hours", "每年学时", unit="学时", minimum=1), WARN, look_back("年度", "年")],
    collect=collect_training,
)
def training_hours_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    period: Period = subject.data["period"]
    hours = subject.data["hours"]
    if hours >= p.min_hours:
        return None
    text = f"{subject.label}{period.label}集中学习培训{hours:g}学时，不足{p.min_hours}学时"
    if period.is_over(ctx.as_of):
        return Verdict(Severity.RED, text, period.due)
    if workdays.working_days_between(ctx.as_of, period.due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, text + f"，请在{period.due:%m月%d日}前补足", period.due)
    return None


def collect_talk_coverage(ctx: Context) -> Iterator[Subject]:
    from qinglian.org.models import Branch, BranchCommitteeMember

    branches = list(Branch.objects.filter(organ_id=ctx.organ_id))
    members_by_branch: dict[int, list[int]] = {}
    for person_id, branch_id in _members(ctx.organ_id).values_list("pk", "branch_id"):
        members_by_branch.setdefault(branch_id, []).append(person_id)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        pairs = selectors.talk_pairs(organ_id=ctx.organ_id, start=period.start, end=period.end)
        committee = BranchCommitteeMember.objects.filter(organ_id=ctx.organ_id, start__lte=period.end).filter(
            Q(end__isnull=True) | Q(end__gte=period.end)
        )
        seats: dict[int, list[int]] = {}
        secretaries: dict[int, int] = {}
        for row in committee:
            seats.setdefault(row.branch_id, []).append(row.person_id)
            if row.post == "secretary":
                secretaries[row.branch_id] = row.person_id
        for branch in branches:
            wanted = {
                frozenset((c, m))
                for c in seats.get(branch.pk, [])
                for m in members_by_branch.get(branch.pk, [])
                if c != m
            }
            yield Subject(
                type="org.branch",
                id=str(branch.pk),
                label=branch.name,
                period=period.key,
                link=f"/partylife/talks/coverage/?branch={branch.pk}&year={period.start.year}",
                person_id=secretaries.get(branch.pk),
                data={"wanted": len(wanted), "missing": len(wanted - pairs), "period": period},
            )


@rule(
    code="PL-012",
    title="支委与每名党员每年至少谈心谈话1次",
    basis=f"{BRANCH_BASIS}第十八条（条号据转引）：支委之间、支委与党员之间每年谈心谈话一般不少于1次",
    category="组织生活",
    subjects="党支部×年度",
    severity_policy="年度结束仍有未谈为红色；年末前N个工作日仍有未谈为黄色",
    params=[WARN, look_back("年度", "年")],
    collect=collect_talk_coverage,
)
def talk_coverage_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    period: Period = subject.data["period"]
    missing, wanted = subject.data["missing"], subject.data["wanted"]
    if missing == 0:
        return None
    text = f"{subject.label}{period.label}支委与党员应谈心谈话{wanted}对，尚有{missing}对未谈"
    if period.is_over(ctx.as_of):
        return Verdict(Severity.RED, text, period.due)
    if workdays.working_days_between(ctx.as_of, period.due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, text, period.due)
    return None


def collect_leaders_branch_life(ctx: Context) -> Iterator[Subject]:
    from qinglian.org.models import LeadingGroupMember

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
    return _branch_rule(subject, p, ctx, f"{subject.label}参加所在支部组织生活")


def collect_votes(ctx: Context) -> Iterator[Subject]:
    from qinglian.partylife.models import Meeting

    since = ctx.as_of - dt.timedelta(days=366 * ctx.params.look_back)
    for meeting in Meeting.objects.filter(organ_id=ctx.organ_id, has_vote=True, date__gte=since).select_related(
        "branch"
    ):
        yield Subject(
            type="partylife.meeting",
            id=str(meeting.pk),
            label=f"{meeting.date:%Y-%m-%d} {meeting.topic}",
            link=f"/partylife/meetings/{meeting.pk}/",
            person_id=meeting.host_id,
            data={"due": meeting.voting_members_due or 0, "present": meeting.voting_members_present or 0},
        )


@rule(
    code="PL-014",
    title="表决事项须半数以上有表决权的党员到会",
    basis=f"{BRANCH_BASIS}第十一条",
    category="组织生活",
    subjects="有表决事项的会议",
    severity_policy="到会未过半数为红色（表决无效）",
    params=[look_back("年", "年")],
    collect=collect_votes,
)
def vote_quorum(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due, present = subject.data["due"], subject.data["present"]
    if due and present * 2 > due:
        return None
    return Verdict(Severity.RED, f"{subject.label}：应到有表决权党员{due}人，实到{present}人，未过半数，表决无效", None)
