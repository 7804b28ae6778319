"""Compliance rules that read the organisation itself (branches, members, the leading group).

They live in the spine, not in org: org is the layer below compliance and cannot import the registry.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from django.db.models import Q

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.org.choices import PARTY_STATUSES, UnitKind
from qinglian.org.models import Branch, BranchCommitteeMember, LeadingGroupMember, Organ, Person, Supervision, Unit


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def collect_branches(ctx: Context) -> Iterator[Subject]:
    secretaries = {
        row.branch_id: row.person_id
        for row in BranchCommitteeMember.objects.filter(
            organ_id=ctx.organ_id, post="secretary", start__lte=ctx.as_of
        ).filter(Q(end__isnull=True) | Q(end__gte=ctx.as_of))
    }
    for branch in Branch.objects.filter(organ_id=ctx.organ_id):
        yield Subject(
            type="org.branch",
            id=str(branch.pk),
            label=branch.name,
            link=f"/org/branches/{branch.pk}/",
            person_id=secretaries.get(branch.pk),
            data={"term_end": branch.term_end},
        )


@rule(
    code="ORG-001",
    title="党支部委员会任期届满前按期换届",
    basis="《中国共产党支部工作条例（试行）》第二十一条（机关党支部委员会每届任期一般为3年）；上级党组织一般提前6个月提醒换届",
    category="组织建设",
    subjects="党支部",
    severity_policy="届满前N个月蓝色提示，届满前3个月内黄色预警，届满未换届红色预警",
    params=[
        Param("remind_months", "提前提醒月数", unit="个月", minimum=1, maximum=24),
        Param("warn_months", "黄色预警月数", unit="个月", minimum=0, maximum=12),
    ],
    collect=collect_branches,
)
def branch_term_due(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    term_end: dt.date | None = subject.data["term_end"]
    if term_end is None:
        return Verdict(Severity.YELLOW, f"{subject.label}未登记本届任期届满日期，无法提醒换届", None)
    if ctx.as_of > term_end:
        return Verdict(Severity.RED, f"{subject.label}本届任期已于{term_end:%Y年%m月%d日}届满，尚未换届", term_end)
    if ctx.as_of >= _months_before(term_end, p.warn_months):
        return Verdict(
            Severity.YELLOW, f"{subject.label}本届任期将于{term_end:%Y年%m月%d日}届满，请抓紧筹备换届", term_end
        )
    if ctx.as_of >= _months_before(term_end, p.remind_months):
        return Verdict(
            Severity.BLUE, f"{subject.label}本届任期将于{term_end:%Y年%m月%d日}届满，请按期做好换届准备", term_end
        )
    return None


def collect_party_members(ctx: Context) -> Iterator[Subject]:
    # The stationed group's members belong to the city discipline commission's branches, not to the organ's.
    members = Person.objects.filter(
        organ_id=ctx.organ_id, is_active=True, party_status__in=PARTY_STATUSES, unit__kind=UnitKind.INTERNAL
    )
    for person in members.only("pk", "name", "unit_id", "branch_id"):
        yield Subject(
            type="org.person",
            id=str(person.pk),
            label=person.name,
            link=f"/org/people/{person.pk}/",
            unit_id=person.unit_id,
            data={"branch_id": person.branch_id},
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


def collect_units(ctx: Context) -> Iterator[Subject]:
    supervised = set(
        Supervision.objects.filter(organ_id=ctx.organ_id, start__lte=ctx.as_of)
        .filter(Q(end__isnull=True) | Q(end__gte=ctx.as_of))
        .values_list("unit_id", flat=True)
    )
    for unit in Unit.objects.filter(organ_id=ctx.organ_id, kind=UnitKind.INTERNAL):
        yield Subject(
            type="org.unit",
            id=str(unit.pk),
            label=unit.name,
            link=f"/org/units/{unit.pk}/",
            unit_id=unit.pk,
            data={"supervised": unit.pk in supervised},
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
    members = (
        LeadingGroupMember.objects.filter(organ_id=ctx.organ_id, start__lte=ctx.as_of)
        .filter(Q(end__isnull=True) | Q(end__gte=ctx.as_of))
        .values_list("post", flat=True)
    )
    posts = list(members)
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
