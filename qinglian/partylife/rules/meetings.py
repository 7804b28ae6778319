"""三会一课, 主题党日, 组织生活会, 民主评议 per branch and period, and the quorum of votes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import look_back, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof
from qinglian.org.models import Branch, PartyGroup
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.rules.common import BRANCH_BASIS, WARN, branch_collector, branch_rule
from qinglian.partylife.selectors.counts import meetings_with_vote, party_group_meeting_counts


@rule(
    code="PL-001",
    title="党支部党员大会每季度至少召开1次",
    basis=f"{BRANCH_BASIS}第十一条",
    category="组织生活",
    subjects="党支部×季度",
    severity_policy="季度结束未开足为红色（违规记录）；季度末前N个工作日仍未开足为黄色",
    params=[Param("min_count", "每季度次数", unit="次", minimum=1), WARN, look_back("季度", "个季度")],
    collect=branch_collector("quarter", MeetingKind.BRANCH_GENERAL_MEETING),
    short="党员大会未按期召开",
)
def general_meeting_quarterly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}党员大会")


@rule(
    code="PL-002",
    title="支部委员会会议每月召开1次",
    basis=f"{BRANCH_BASIS}第十二条",
    category="组织生活",
    subjects="党支部×月",
    severity_policy="当月结束未开为红色（违规记录）；月末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每月次数", unit="次", minimum=1), WARN, look_back("月", "个月")],
    collect=branch_collector("month", MeetingKind.BRANCH_COMMITTEE_MEETING),
    short="支委会未按月召开",
)
def committee_monthly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}支部委员会会议")


@rule(
    code="PL-004",
    title="党课每季度至少1次（地方要求）",
    basis=f"{BRANCH_BASIS}第十六条（党员领导干部讲党课）；每季度至少1次为地方要求，条例未规定季度频次",
    category="组织生活",
    subjects="党支部×季度",
    severity_policy="季度结束未开为红色（违规记录）；季度末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每季度次数", unit="次", minimum=1), WARN, look_back("季度", "个季度")],
    collect=branch_collector("quarter", MeetingKind.PARTY_LECTURE),
    short="党课未按季度开展",
)
def lecture_quarterly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}党课")


@rule(
    code="PL-006",
    title="每月开展1次主题党日",
    basis=f"{BRANCH_BASIS}第十六条；《中国共产党党员教育管理工作条例》第十六条",
    category="组织生活",
    subjects="党支部×月",
    severity_policy="当月结束未开展为红色（违规记录）；月末前N个工作日仍未开展为黄色",
    params=[Param("min_count", "每月次数", unit="次", minimum=1), WARN, look_back("月", "个月")],
    collect=branch_collector("month", MeetingKind.THEME_DAY),
    short="主题党日未按月开展",
)
def theme_day_monthly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}主题党日")


@rule(
    code="PL-007",
    title="党支部每年至少召开1次组织生活会",
    basis=f"{BRANCH_BASIS}第十七条（一般安排在第四季度）",
    category="组织生活",
    subjects="党支部×年度",
    severity_policy="年度结束未开为红色（违规记录）；年末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=branch_collector("year", MeetingKind.ORG_LIFE_MEETING),
    short="组织生活会未召开",
)
def org_life_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}组织生活会")


@rule(
    code="PL-008",
    title="党支部每年开展1次民主评议党员",
    basis=f"《中国共产党党员教育管理工作条例》第十八条；{BRANCH_BASIS}第十九条",
    category="组织生活",
    subjects="党支部×年度",
    severity_policy="年度结束未开展为红色（违规记录）；年末前N个工作日仍未开展为黄色",
    params=[Param("min_count", "每年次数", unit="次", minimum=1), WARN, look_back("年度", "年")],
    collect=branch_collector("year", MeetingKind.DEMOCRATIC_APPRAISAL),
    short="民主评议党员未开展",
)
def appraisal_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}民主评议党员")


def collect_party_groups(ctx: Context) -> Iterator[Subject]:
    """Party groups as they stood on the day: its branch and its leader (who answers for it) from the group's
    history, a group deleted later still there."""
    groups = asof.fields_on(
        PartyGroup, ctx.as_of, ["branch_id", "name", "leader_id", "deleted_at"], where={"organ_id": ctx.organ_id}
    )
    branch_names = dict(Branch.all_objects.filter(organ_id=ctx.organ_id).values_list("pk", "name"))
    end = asof.end_of_day(ctx.as_of)
    standing = [g for _, g in sorted(groups.items()) if g["deleted_at"] is None or g["deleted_at"] > end]
    for period in recent("month", ctx.as_of, ctx.params.look_back):
        counts = party_group_meeting_counts(organ_id=ctx.organ_id, start=period.start, end=period.end, as_of=ctx.as_of)
        for group in standing:
            yield Subject(
                type="org.partygroup",
                id=str(group["id"]),
                label=f"{branch_names.get(group['branch_id'], '')}{group['name']}",
                period=period.key,
                link=f"/partylife/meetings/?branch={group['branch_id']}",
                person_id=group["leader_id"],
                data={"held": counts.get(group["id"], 0), "period": period},
            )


@rule(
    code="PL-003",
    title="党小组会每月召开1次",
    basis=f"{BRANCH_BASIS}第十三条（条号据转引，待核）",
    category="组织生活",
    subjects="党小组×月",
    severity_policy="当月结束未开为红色（违规记录）；月末前N个工作日仍未开为黄色",
    params=[Param("min_count", "每月次数", unit="次", minimum=1), WARN, look_back("月", "个月")],
    collect=collect_party_groups,
    short="党小组会未按月召开",
)
def party_group_monthly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    return branch_rule(subject, p, ctx, f"{subject.label}党小组会")


def collect_votes(ctx: Context) -> Iterator[Subject]:
    since = ctx.as_of - dt.timedelta(days=366 * ctx.params.look_back)
    for meeting in meetings_with_vote(organ_id=ctx.organ_id, since=since, as_of=ctx.as_of):
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
    severity_policy="到会未过半数为红色（表决无效），作为违规记录在案（会议已开过，须另行召开会议重新表决）",
    params=[look_back("年", "年")],
    collect=collect_votes,
    short="表决到会未过半数",
)
def vote_quorum(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due, present = subject.data["due"], subject.data["present"]
    if due and present * 2 > due:
        return None
    # The meeting is over: its vote stays invalid whatever follows (a new vote is a new meeting's record).
    text = f"{subject.label}：应到有表决权党员{due}人，实到{present}人，未过半数，表决无效"
    return Verdict(Severity.RED, text, None, recorded=True)
