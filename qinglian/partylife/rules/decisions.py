"""Whether a branch's decisions were validly taken: the committee meeting's quorum (PL-019) and the general
meeting's vote passing (PL-018). PL-014 (in meetings.py) checks the general meeting's own quorum.

"半数以上" in the regulation: 民法典 Art.1259 counts "以上" inclusively, party practice usually reads "超过半数";
the committee-quorum rule takes which as a parameter, so an organ follows its superior's reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import look_back
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.partylife.rules.common import BRANCH_BASIS
from qinglian.partylife.selectors import counts


def _since(ctx: Context) -> dt.date:
    return dt.date(ctx.as_of.year - ctx.params.look_back + 1, 1, 1)


def collect_votes_for(ctx: Context) -> Iterator[Subject]:
    for meeting in counts.meetings_with_vote(organ_id=ctx.organ_id, since=_since(ctx), as_of=ctx.as_of):
        yield Subject(
            type="partylife.meeting",
            id=str(meeting.pk),
            label=f"{meeting.date:%Y-%m-%d} {meeting.topic}",
            period=str(meeting.date.year),
            link=f"/partylife/meetings/{meeting.pk}/",
            person_id=meeting.host_id,
            data={"due": meeting.voting_members_due or 0, "votes_for": meeting.votes_for},
        )


@rule(
    code="PL-018",
    title="党员大会表决赞成人数超过应到会有表决权党员的半数",
    basis=f"{BRANCH_BASIS}第十一条（表决必须有半数以上有表决权的党员到会方可进行，"
    "赞成人数超过应到会有表决权的党员的半数为通过）",
    category="组织生活",
    subjects="有表决事项的会议",
    severity_policy="赞成人数未超过应到会有表决权党员半数为红色（不能作为通过，违规记录）；未登记赞成人数为蓝色",
    params=[look_back("年", "年")],
    collect=collect_votes_for,
    short="表决赞成人数未过半",
)
def vote_passed(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due, votes_for = subject.data["due"], subject.data["votes_for"]
    if votes_for is None:
        return Verdict(Severity.BLUE, f"{subject.label}：有表决事项但未登记赞成人数，无法判断是否通过", None)
    if votes_for * 2 > due:
        return None
    return Verdict(
        Severity.RED,
        f"{subject.label}：赞成{votes_for}人，未超过应到会有表决权党员{due}人的半数，表决事项不能作为通过",
        None,
        recorded=True,  # the vote was taken: its result is a fact of that meeting
    )


def collect_committee_meetings(ctx: Context) -> Iterator[Subject]:
    for row in counts.committee_meeting_quorum(organ_id=ctx.organ_id, since=_since(ctx), as_of=ctx.as_of):
        meeting = row["meeting"]
        if not row["members"]:  # no committee on the day: ORG-006 says whether the branch needs one
            continue
        yield Subject(
            type="partylife.meeting",
            id=str(meeting.pk),
            label=f"{meeting.branch.name}{meeting.date:%Y-%m-%d}支部委员会会议",
            period=str(meeting.date.year),
            link=f"/partylife/meetings/{meeting.pk}/",
            person_id=meeting.host_id,
            data={"members": row["members"], "present": row["present"]},
        )


@rule(
    code="PL-019",
    title="支部委员会会议须有半数以上委员到会",
    basis=f"{BRANCH_BASIS}第十二条（支部委员会会议须有半数以上委员到会方可进行）",
    category="组织生活",
    subjects="支部委员会会议",
    severity_policy="到会委员不足规定人数为红色（会议不能进行，所作决定须重新研究），作为违规记录在案",
    params=[
        Param(
            "half_counts",
            "恰好半数视为达到",
            kind="bool",
            help="民法典第一千二百五十九条“以上”包括本数；按上级党组织口径“超过半数”时设为“否”",
        ),
        look_back("年", "年"),
    ],
    collect=collect_committee_meetings,
    short="支委会到会委员不足",
)
def committee_quorum(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    members, present = subject.data["members"], subject.data["present"]
    if present * 2 > members or (p.half_counts and present * 2 == members):
        return None
    need = "半数以上" if p.half_counts else "超过半数的"
    return Verdict(
        Severity.RED,
        f"{subject.label}到会委员{present}人，支委会委员{members}人，未达到{need}委员到会，会议不能进行",
        None,
        recorded=True,  # the meeting was held; its decisions are studied again at another meeting
    )
