"""ORG-005…007: how a branch is set up — its 正式党员, its committee and its size, counted on D's roll."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.compliance.rules.common import branch_subject, branches_on, committees_on
from qinglian.org.selectors import PersonOn, party_members_on

# --- ORG-005…007 how a branch is set up (支部工作条例 第二章、第六章) -------------------------------------------


def _count(members: Iterable[PersonOn], branch_id: int, as_of: dt.date, probation_years: int | None) -> dict[str, int]:
    own = [m for m in members if m.branch_id == branch_id]
    full = sum(m.is_full_member(as_of, probation_years) for m in own) if probation_years is not None else None
    return {"members": len(own), "full_members": full}


def collect_branch_rolls(ctx: Context) -> Iterator[Subject]:
    """Each branch standing on D with its Party members and 正式党员 on D and the committee seated on D."""
    probation = ctx.params.get("probation_years") if ctx.params is not None else None
    members = party_members_on(ctx.organ_id, ctx.as_of)
    committees = committees_on(ctx.organ_id, ctx.as_of)
    for branch in branches_on(ctx.organ_id, ctx.as_of):
        committee = committees.get(branch.id)
        data = {
            **_count(members, branch.id, ctx.as_of, probation),
            "seats": len(committee.seats) if committee else 0,
            # The committee of D's term was never entered (only a later term is on record): nothing to judge.
            "committee_unrecorded": committee is None and branch.term.later_only,
        }
        yield branch_subject(branch, committee, data)


_PROBATION = Param(
    "probation_years",
    "预备期",
    unit="年",
    minimum=1,
    maximum=2,
    period="years",
    help="自入党之日起算，预备期未满的不计为正式党员",
)


@rule(
    code="ORG-005",
    short="正式党员不足3人",
    title="党支部正式党员不少于3人",
    basis="《中国共产党支部工作条例（试行）》第四条（凡是有正式党员3人以上的，都应当成立党支部）、第五条"
    "（正式党员不足3人的单位成立联合党支部）；《中国共产党章程》第七条（预备期为一年）",
    category="组织建设",
    subjects="党支部",
    severity_policy="正式党员少于规定人数为红色预警",
    params=[Param("min_full_members", "正式党员最少人数", unit="人", minimum=1), _PROBATION],
    collect=collect_branch_rolls,
)
def branch_has_full_members(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    full = subject.data["full_members"]
    if full < p.min_full_members:
        return Verdict(
            Severity.RED,
            f"{subject.label}现有正式党员{full}人，不足{p.min_full_members}人，不具备单独设立党支部的条件，"
            "请调整组织设置（如与相邻党支部合并或成立联合党支部）",
            None,
        )
    return None


@rule(
    code="ORG-006",
    short="支部委员会设置不足",
    title="正式党员7人以上的党支部设立支部委员会",
    basis="《中国共产党支部工作条例（试行）》第六章（有正式党员7人以上的党支部，应当设立党支部委员会；党支部委员会由3至5人组成，"
    "一般不超过7人；正式党员不足7人的党支部设1名书记）（条号待核）；《中国共产党党和国家机关基层组织工作条例》第七条"
    "（机关正式党员7人以上的党支部设立支部委员会）",
    category="组织建设",
    subjects="党支部",
    severity_policy="应设未设支部委员会（或只设书记）为红色预警，委员少于规定人数为黄色预警",
    params=[
        Param("committee_from", "设立支部委员会的正式党员人数", unit="人", minimum=1),
        Param("committee_min_seats", "支部委员会最少委员人数", unit="人", minimum=1),
        _PROBATION,
    ],
    collect=collect_branch_rolls,
)
def branch_has_committee(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    full, seats = subject.data["full_members"], subject.data["seats"]
    if full < p.committee_from or subject.data["committee_unrecorded"]:
        return None
    # A lone secretary is how a branch without a committee is led (正式党员不足7人的设1名书记): not a committee.
    if seats <= 1:
        now = "只设书记" if seats else "没有在任的支部委员"
        return Verdict(
            Severity.RED,
            f"{subject.label}有正式党员{full}人，应当设立支部委员会，目前{now}，请及时召开党员大会选举产生",
            None,
        )
    if seats < p.committee_min_seats:
        return Verdict(
            Severity.YELLOW,
            f"{subject.label}支部委员会现有委员{seats}人，少于{p.committee_min_seats}人，请及时补选",
            None,
        )
    return None


@rule(
    code="ORG-007",
    short="支部党员人数超过上限",
    title="党支部党员人数一般不超过50人",
    basis="《中国共产党支部工作条例（试行）》第四条（党支部党员人数一般不超过50人）",
    category="组织建设",
    subjects="党支部",
    severity_policy="党员人数超过上限为黄色预警",
    params=[Param("max_members", "党支部党员人数上限", unit="人", minimum=1)],
    collect=collect_branch_rolls,
)
def branch_not_too_large(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    members = subject.data["members"]
    if members > p.max_members:
        return Verdict(
            Severity.YELLOW,
            f"{subject.label}现有党员{members}人，超过{p.max_members}人，请考虑按党小组分设党支部，或经批准设立党总支",
            None,
        )
    return None
