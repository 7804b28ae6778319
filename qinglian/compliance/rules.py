"""Compliance rules that read the organisation itself (branches, members, the leading group).

They live in the spine, not in org: org is the layer below compliance and cannot import the registry.

Every collector reads the organisation as it stood on the date checked (core.asof; docs/compliance.md "True on any
date"): a person is on D's roll by their own dates (调入, 调出, 退休, 入党), with the unit, branch and status
history gives them at the end of D; a branch stands from its 成立日期 and its term is the one begun by D; a seat
(支部委员, 党组成员, 分管) counts by its own start and end; a row soft-deleted after D still stood on D. Every
period (a term, a reminder window, the 预备期) goes through core.workdays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.org.choices import BranchPost, UnitKind
from qinglian.org.models import Branch, BranchCommitteeMember, LeadingGroupMember, Organ, Supervision
from qinglian.org.selectors import PersonOn, party_members_on, units_on

# --- the organisation as it stood on D (people and units: org.selectors.people_on, party_members_on, units_on) --


def _held_on(as_of: dt.date) -> Q:
    """A dated seat (支部委员, 党组成员, 分管) held on D: begun by D, not ended before D, not deleted by D."""
    return Q(start__lte=as_of) & (Q(end__isnull=True) | Q(end__gte=as_of)) & asof.live_on(as_of)


@dataclass(frozen=True)
class Term:
    """A branch committee's term as known on D. `later_only`: the only term on record began after D, so the one
    running on D was never entered."""

    start: dt.date | None
    end: dt.date | None
    later_only: bool = False


def _term_on(then: Mapping[str, Any], now: Mapping[str, Any] | None, as_of: dt.date) -> Term:
    """The term running on D: the one on record at the end of D, unless the term on record today began by D — a
    re-election held by D but entered after it counts, by its own start date; one held after D does not."""
    start, end = then["term_start"], then["term_end"]
    latest = now["term_start"] if now is not None else None
    if latest is not None and latest <= as_of and (start is None or start > as_of or latest > start):
        return Term(latest, now["term_end"] if now is not None else None)
    if start is not None and start > as_of:
        return Term(None, None, later_only=True)
    return Term(start, end)


@dataclass(frozen=True)
class BranchOnD:
    id: int
    name: str
    term: Term


def branches_on(organ_id: int, as_of: dt.date) -> list[BranchOnD]:
    """The organ's branches standing on D: established by D (成立日期, where recorded), not deleted by D."""
    fields = ["name", "established_on", "term_start", "term_end", "deleted_at"]
    then = asof.fields_on(Branch, as_of, fields, where={"organ_id": organ_id})
    current = Branch.all_objects.filter(organ_id=organ_id).values("id", "term_start", "term_end")
    now = {row["id"]: row for row in current}
    return [
        BranchOnD(pk, row["name"], _term_on(row, now.get(pk), as_of))
        for pk, row in sorted(then.items())
        if asof.stood(row["deleted_at"], as_of) and (row["established_on"] is None or row["established_on"] <= as_of)
    ]


@dataclass(frozen=True)
class Committee:
    seats: frozenset[int]  # the people holding a seat on D
    secretary: int | None


def committees_on(organ_id: int, as_of: dt.date) -> dict[int, Committee]:
    """Each branch's committee as seated on D (by the seats' own start and end dates)."""
    rows = (
        BranchCommitteeMember.all_objects.filter(organ_id=organ_id)
        .filter(_held_on(as_of))
        .order_by("start", "id")
        .values_list("branch_id", "person_id", "post")
    )
    seats: dict[int, set[int]] = {}
    secretaries: dict[int, int] = {}
    for branch_id, person_id, post in rows:
        seats.setdefault(branch_id, set()).add(person_id)
        if post == BranchPost.SECRETARY:
            secretaries[branch_id] = person_id
    return {pk: Committee(frozenset(people), secretaries.get(pk)) for pk, people in seats.items()}


def _branch_subject(branch: BranchOnD, committee: Committee | None, data: Mapping[str, Any]) -> Subject:
    return Subject(
        type="org.branch",
        id=str(branch.id),
        label=branch.name,
        link=f"/org/branches/{branch.id}/",
        person_id=committee.secretary if committee else None,
        data=data,
    )


# --- ORG-001 a branch committee's term ------------------------------------------------------------------------


def collect_branches(ctx: Context) -> Iterator[Subject]:
    committees = committees_on(ctx.organ_id, ctx.as_of)
    for branch in branches_on(ctx.organ_id, ctx.as_of):
        term = branch.term
        data = {"term_start": term.start, "term_end": term.end, "later_only": term.later_only}
        yield _branch_subject(branch, committees.get(branch.id), data)


def _date(day: dt.date) -> str:
    return f"{day:%Y年%m月%d日}"


def _moved(end: dt.date, due: dt.date) -> str:
    """Says so when the term ends on a rest day and 换届 may still be held on the next working day."""
    return f"（届满日为节假日，换届期限顺延至{_date(due)}）" if due != end else ""


@rule(
    code="ORG-001",
    title="党支部委员会任期届满前按期换届",
    basis="《中国共产党支部工作条例（试行）》第二十一条（机关党支部委员会每届任期一般为3年）；上级党组织一般提前6个月提醒换届",
    category="组织建设",
    subjects="党支部",
    severity_policy="届满前N个月蓝色提示，届满前M个月内黄色预警，届满未换届红色预警；未登记届满日期的按任期年限推算"
    "（并以蓝色提示补录），起止日期均未登记的蓝色提示",
    params=[
        Param("remind_months", "提前提醒月数", unit="个月", minimum=1, maximum=24, period="months"),
        Param("warn_months", "黄色预警月数", unit="个月", minimum=0, maximum=12, period="months"),
        Param(
            "term_years",
            "任期年数",
            unit="年",
            minimum=1,
            maximum=10,
            period="years",
            help="未登记届满日期时，按任期开始日加任期年数推算届满日",
        ),
    ],
    collect=collect_branches,
)
def branch_term_due(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    start: dt.date | None = subject.data["term_start"]
    end: dt.date | None = subject.data["term_end"]
    label = subject.label
    if end is not None:
        due = workdays.roll_forward(end)
        how, derived = _moved(end, due), False
    elif start is not None:
        # 民法典第二百零一条: the election day is not counted, so a term of N years ends on the corresponding day
        # N years on (第二百零二条), or the next working day when that is a rest day (第二百零三条) — not on the
        # day before, the convention some organs type in. A red that rests on a date nobody recorded must not
        # come a day early; a recorded end is always taken as recorded.
        end = due = workdays.add_years(start, p.term_years)
        how, derived = f"（未登记届满日期，按任期{p.term_years}年推算）", True
    elif subject.data.get("later_only"):
        reason = f"{label}未登记{_date(ctx.as_of)}时所在一届的任期起止日期，无法判断是否按期换届"
        return Verdict(Severity.BLUE, reason, None)
    else:
        return Verdict(Severity.BLUE, f"{label}未登记任期起止日期，无法提醒换届", None)
    if ctx.as_of > due:
        return Verdict(Severity.RED, f"{label}本届任期已于{_date(end)}届满{how}，尚未换届", due)
    # The windows open on the corresponding day M or N months before the end, counted back; one that would open on
    # a rest day opens on the next working day, when the office reads it.
    if ctx.as_of >= workdays.add_months(end, -p.warn_months):
        return Verdict(Severity.YELLOW, f"{label}本届任期将于{_date(end)}届满{how}，请抓紧筹备换届", due)
    if ctx.as_of >= workdays.add_months(end, -p.remind_months):
        return Verdict(Severity.BLUE, f"{label}本届任期将于{_date(end)}届满{how}，请按期做好换届准备", due)
    if derived:
        return Verdict(
            Severity.BLUE,
            f"{label}未登记本届任期届满日期，按任期{p.term_years}年推算为{_date(end)}，请补录届满日期",
            None,
        )
    return None


# --- ORG-002 every member in a branch ------------------------------------------------------------------------


def collect_party_members(ctx: Context) -> Iterator[Subject]:
    for member in party_members_on(ctx.organ_id, ctx.as_of):
        yield Subject(
            type="org.person",
            id=str(member.id),
            label=member.name,
            link=f"/org/people/{member.id}/",
            unit_id=member.unit_id,
            data={"branch_id": member.branch_id},
        )


@rule(
    code="ORG-002",
    title="每名党员都编入党的一个支部",
    basis="《中国共产党章程》第八条（每个党员，不论职务高低，都必须编入党的一个支部、小组或其他特定组织，参加党的组织生活）",
    category="组织建设",
    subjects="党员",
    severity_policy="未编入党支部即为红色预警",
    params=[],
    collect=collect_party_members,
)
def member_in_branch(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    if subject.data["branch_id"] is None:
        return Verdict(Severity.RED, f"党员{subject.label}未编入党支部，不能正常参加组织生活", None)
    return None


# --- ORG-003 every unit supervised; ORG-004 the leading group --------------------------------------------------


def collect_units(ctx: Context) -> Iterator[Subject]:
    seats = Supervision.all_objects.filter(organ_id=ctx.organ_id).filter(_held_on(ctx.as_of))
    supervised = set(seats.values_list("unit_id", flat=True))
    for pk, unit in sorted(units_on(ctx.organ_id, ctx.as_of).items()):
        if unit["kind"] != UnitKind.INTERNAL:
            continue
        yield Subject(
            type="org.unit",
            id=str(pk),
            label=unit["name"],
            link=f"/org/units/{pk}/",
            unit_id=pk,
            data={"supervised": pk in supervised},
        )


@rule(
    code="ORG-003",
    title="每个委室都有分管领导落实“一岗双责”",
    basis="《党委（党组）落实全面从严治党主体责任规定》第二章（班子其他成员落实“一岗双责”，对分管领域全面从严治党负领导责任）",
    category="主体责任",
    subjects="委室",
    severity_policy="无分管领导为黄色预警",
    params=[],
    collect=collect_units,
)
def unit_has_supervisor(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    if not subject.data["supervised"]:
        return Verdict(Severity.YELLOW, f"{subject.label}当前没有分管领导，一岗双责无人落实", None)
    return None


def collect_leading_group(ctx: Context) -> Iterator[Subject]:
    organ = Organ.objects.get(pk=ctx.organ_id)
    posts = list(
        LeadingGroupMember.all_objects.filter(organ_id=ctx.organ_id)
        .filter(_held_on(ctx.as_of))
        .values_list("post", flat=True)
    )
    yield Subject(
        type="org.organ",
        id=str(organ.pk),
        label=f"{organ.short_name}党组",
        link="/org/leading-group/",
        data={"members": len(posts), "has_secretary": "secretary" in posts},
    )


@rule(
    code="ORG-004",
    title="党组设书记且成员人数符合规定",
    basis="《中国共产党党组工作条例》（党员领导成员3人以上的可以设立党组；党组设书记）",
    category="组织建设",
    subjects="党组",
    severity_policy="无书记或人数不足为红色预警",
    params=[Param("min_members", "党组成员最少人数", unit="人", minimum=1)],
    collect=collect_leading_group,
)
def leading_group_complete(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    if not subject.data["has_secretary"]:
        return Verdict(Severity.RED, "党组书记空缺，全面从严治党第一责任人未明确", None)
    if subject.data["members"] < p.min_members:
        return Verdict(Severity.RED, f"党组现有成员{subject.data['members']}人，少于{p.min_members}人", None)
    return None


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
        yield _branch_subject(branch, committee, data)


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
