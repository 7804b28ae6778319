"""ORG-002…004: every Party member in a branch, every unit with a supervising leader, the leading group
complete — each as it stood on D."""

from __future__ import annotations

from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.compliance.rules.common import held_on
from qinglian.org.choices import UnitKind
from qinglian.org.models import LeadingGroupMember, Organ, Supervision
from qinglian.org.selectors import party_members_on, units_on

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
    short="党员未编入支部",
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
    seats = Supervision.all_objects.filter(organ_id=ctx.organ_id).filter(held_on(ctx.as_of))
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
    short="委室无分管领导",
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
        .filter(held_on(ctx.as_of))
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
    short="党组书记或成员不足",
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
