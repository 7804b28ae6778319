"""Each member: training hours, and heart-to-heart talks between the committee and the members."""

from __future__ import annotations

from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import Period, look_back, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.org.selectors import party_members_on
from qinglian.partylife.rules.common import BRANCH_BASIS, WARN, branches_on, committee_on
from qinglian.partylife.selectors import counts


def collect_training(ctx: Context) -> Iterator[Subject]:
    """Members (on the day checked) who were members here for the whole year: someone who joined the Party or the
    organ during the year is not held to the full-year figure (their hours still show on the training-hours page).
    Hours count only what is dated on or before the day."""
    members = party_members_on(ctx.organ_id, ctx.as_of)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        hours = counts.training_hours(organ_id=ctx.organ_id, year=period.start.year, as_of=ctx.as_of)
        for person in members:
            if person.counted_from is not None and person.counted_from > period.start:
                continue
            yield Subject(
                type="org.person",
                id=str(person.id),
                label=person.name,
                period=period.key,
                link=f"/partylife/people/{person.id}/",
                unit_id=person.unit_id,
                person_id=person.id,
                data={"hours": hours.get(person.id, 0), "period": period},
            )


@rule(
    code="PL-011",
    title="党员每年集中学习培训不少于32学时",
    basis="《中国共产党党员教育管理工作条例》第二十条",
    category="理论学习",
    subjects="党员×年度",
    severity_policy="年度结束不足为红色（违规记录：该年度已过，无法补足）；年末前N个工作日仍不足为黄色",
    params=[Param("min_hours", "每年学时", unit="学时", minimum=1), WARN, look_back("年度", "年")],
    collect=collect_training,
    short="学习培训学时不足",
)
def training_hours_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    period: Period = subject.data["period"]
    hours = subject.data["hours"]
    if hours >= p.min_hours:
        return None
    text = f"{subject.label}{period.label}集中学习培训{hours:g}学时，不足{p.min_hours}学时"
    if period.is_over(ctx.as_of):
        return Verdict(Severity.RED, text, period.due, recorded=True)  # hours of a past year cannot be made up
    if workdays.working_days_between(ctx.as_of, period.due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, text + f"，请在{period.due:%m月%d日}前补足", period.due)
    return None


def collect_talk_coverage(ctx: Context) -> Iterator[Subject]:
    """Committee (at the end of the period, or on the day checked if earlier) × members (on the day checked, in
    the branch they were in then); a talk counts when dated in the period and on or before the day."""
    branches = branches_on(ctx.organ_id, ctx.as_of)
    members_by_branch: dict[int | None, list[int]] = {}
    for member in party_members_on(ctx.organ_id, ctx.as_of):
        members_by_branch.setdefault(member.branch_id, []).append(member.id)
    for period in recent("year", ctx.as_of, ctx.params.look_back):
        pairs = counts.talk_pairs(organ_id=ctx.organ_id, start=period.start, end=period.end, as_of=ctx.as_of)
        seats: dict[int, list[int]] = {}
        secretaries: dict[int, int] = {}
        for row in committee_on(ctx.organ_id, asof.cap(period.end, ctx.as_of), ctx.as_of):
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
    severity_policy="年度结束仍有未谈为红色（违规记录）；年末前N个工作日仍有未谈为黄色",
    params=[WARN, look_back("年度", "年")],
    collect=collect_talk_coverage,
    short="谈心谈话未全覆盖",
)
def talk_coverage_yearly(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    period: Period = subject.data["period"]
    missing, wanted = subject.data["missing"], subject.data["wanted"]
    if missing == 0:
        return None
    text = f"{subject.label}{period.label}支委与党员应谈心谈话{wanted}对，尚有{missing}对未谈"
    if period.is_over(ctx.as_of):
        return Verdict(Severity.RED, text, period.due, recorded=True)
    if workdays.working_days_between(ctx.as_of, period.due) <= p.warn_working_days:
        return Verdict(Severity.YELLOW, text, period.due)
    return None
