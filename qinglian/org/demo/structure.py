"""Units, Party branches and groups, the leading Party group with its 分管, branch committees."""

from __future__ import annotations

import datetime as dt

from qinglian.core import workdays
from qinglian.core.writes import save_checked
from qinglian.org import services
from qinglian.org.choices import BranchPost, PartyStatus, Rank, UnitKind
from qinglian.org.demo import data
from qinglian.org.demo.people import add_years
from qinglian.org.demo.state import OrgDemo, stamped
from qinglian.org.models import Branch, BranchCommitteeMember, LeadingGroupMember, PartyGroup, Person, Supervision, Unit

# 支部工作条例（试行）第十九条: a branch committee serves three years.
TERM_YEARS = 3
# One branch's term runs out within this many days of `today`, so the term-expiry rule has a case.
EXPIRING_WITHIN = (40, 170)


def create_units(demo: OrgDemo) -> None:
    specs = [(spec, UnitKind.INTERNAL, order) for order, spec in enumerate(data.INTERNAL_UNITS, start=1)]
    specs.append((data.STATIONED_UNIT, UnitKind.STATIONED, 90))
    for spec, kind, order in specs:
        unit = Unit(organ=demo.organ, name=spec.name, short_name=spec.short_name, kind=kind, order=order)
        with stamped(unit, demo.start):
            services.unit_save(unit=unit, by=None)
        demo.units[spec.name] = unit
    for order, (name, short_name) in enumerate(data.EXTERNAL_UNITS, start=200):
        unit = Unit(organ=demo.organ, name=name, short_name=short_name, kind=UnitKind.EXTERNAL, order=order)
        with stamped(unit, demo.start):
            services.unit_save(unit=unit, by=None)
        demo.external.append(unit)


def _branch_terms(demo: OrgDemo) -> list[tuple[dt.date, dt.date]]:
    """Three-year terms elected on different days; exactly one ends within the next six months."""
    expiring = demo.rng.randrange(len(data.BRANCHES))
    terms = []
    for index in range(len(data.BRANCHES)):
        if index == expiring:
            end = demo.today + dt.timedelta(days=demo.rng.randint(*EXPIRING_WITHIN))
            start = add_years(end, -TERM_YEARS) + dt.timedelta(days=1)
        else:
            # Ends at least 200 days after `today`, so only the chosen one is about to expire.
            start = demo.today - dt.timedelta(days=demo.rng.randint(60, TERM_YEARS * 365 - 200))
            end = add_years(start, TERM_YEARS) - dt.timedelta(days=1)
        terms.append((start, end))
    return terms


def create_branches(demo: OrgDemo) -> None:
    for (name, groups), (term_start, term_end) in zip(data.BRANCHES, _branch_terms(demo), strict=True):
        established = dt.date(demo.rng.randint(2004, 2016), demo.rng.randint(1, 12), 1)
        branch = Branch(
            organ=demo.organ,
            name=name,
            established_on=min(established, term_start),
            term_start=term_start,
            term_end=term_end,
        )
        with stamped(branch, demo.start):
            save_checked(branch, by=None)
            unit_names = dict.fromkeys(unit for _, units in groups for unit in units)
            branch.units.set([demo.units[unit] for unit in unit_names])
        demo.branches.append(branch)
        for group_name, units in groups:
            group = PartyGroup(organ=demo.organ, branch=branch, name=group_name)
            with stamped(group, demo.start):
                save_checked(group, by=None)
            for unit in units:
                demo.groups_of_unit.setdefault(demo.units[unit].pk, []).append(group)


def leadership_start(demo: OrgDemo) -> dt.date:
    """The 换届 that seated the present leaders: February of a year 2022 + 5k, at least two years ago."""
    year = demo.start.year - (demo.start.year - 2022) % 5
    start = dt.date(year, 2, demo.rng.randint(8, 20))
    return start if start <= demo.start else dt.date(year - 5, 2, start.day)


def create_leading_group(demo: OrgDemo, leaders: list[Person]) -> None:
    """The 党组 (secretary first) and each member's 分管 units, from the 换届 on."""
    start = leadership_start(demo)
    for order, (person, (post, _, title, supervised)) in enumerate(zip(leaders, data.LEADERS, strict=True), 1):
        member = LeadingGroupMember(organ=demo.organ, person=person, post=post, title=title, start=start, order=order)
        with stamped(member, demo.start):
            save_checked(member, by=None)
        for unit_name in supervised:
            supervision = Supervision(organ=demo.organ, leader=person, unit=demo.units[unit_name], start=start)
            with stamped(supervision, demo.start):
                save_checked(supervision, by=None)


def _candidates(demo: OrgDemo, branch: Branch, leaders: set[int]) -> list[Person]:
    """Full Party members of the branch who can sit on its committee or lead a group: not 党组 members
    (they take part as ordinary members), nobody a personnel event moves."""
    return [
        p
        for p in demo.people
        if p.branch_id == branch.pk
        and p.party_status == PartyStatus.MEMBER
        and p.pk not in leaders
        and p.pk not in demo.moving
    ]


_RANKS = list(Rank.values)


def _seniority(demo: OrgDemo, person: Person) -> tuple[bool, int, int]:
    """Cadres with a leading post first, then by rank, then the older first."""
    return (not demo.posts[person.pk].leading, _RANKS.index(person.rank), person.birth_date.toordinal())


# Seats by branch size (支部委员会一般由3至5人组成): members at least → posts besides the secretary.
_COMMITTEES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (30, (BranchPost.DEPUTY_SECRETARY, BranchPost.ORGANIZATION, BranchPost.PROPAGANDA, BranchPost.DISCIPLINE)),
    (15, (BranchPost.ORGANIZATION, BranchPost.PROPAGANDA, BranchPost.DISCIPLINE, BranchPost.YOUTH)),
    (0, (BranchPost.ORGANIZATION, BranchPost.DISCIPLINE)),
)
# 组织委员 and 纪检委员 tend to be experienced cadres; 宣传委员 and 青年委员 younger ones.
_SENIOR_SEATS = {BranchPost.ORGANIZATION, BranchPost.DISCIPLINE}
# The 机关党委's own officers oversee the branches rather than sit on their committees.
_PARTY_OFFICERS = (data.PARTY_DEPUTY_SECRETARY, data.DISCIPLINE_SECRETARY)


def create_committees(demo: OrgDemo, leaders: set[int]) -> None:
    """Each branch's committee for its term and its party-group leaders, from people no personnel event
    moves; they are then kept out of the later moves, so they held their seats all along. 党组 members
    and the 机关党委's own officers sit in a branch as ordinary members."""
    for branch in demo.branches:
        committee: set[int] = set()
        pool = [p for p in _candidates(demo, branch, leaders) if demo.posts[p.pk] not in _PARTY_OFFICERS]
        for post, person in _seats(demo, branch, pool):
            seat = BranchCommitteeMember(
                organ=demo.organ, branch=branch, person=person, post=post, start=branch.term_start
            )
            with stamped(seat, demo.start):
                save_checked(seat, by=None)
            committee.add(person.pk)
        _lead_groups(demo, branch, leaders, committee)
        demo.fixed.update(committee)


# One committee lost a member mid-term and has held no by-election yet (ORG-006, yellow): the smallest committee's
# 组织委员 steps down about this many days before `today`, well after the term began. A fixed figure, not a draw:
# the demo's later random choices stay as they were.
VACATED_DAYS_AGO = 75


def vacate_seat(demo: OrgDemo) -> str:
    """End the 组织委员 seat of the branch with the smallest committee; the person stays in the branch as a member.
    Returns the line for the build's list of planted gaps."""
    seats = BranchCommitteeMember.objects.filter(organ=demo.organ, end__isnull=True)
    sizes = {b.pk: seats.filter(branch=b).count() for b in demo.branches}
    branch = min(demo.branches, key=lambda b: (sizes[b.pk], b.pk))
    seat = seats.get(branch=branch, post=BranchPost.ORGANIZATION)
    day = demo.today - dt.timedelta(days=VACATED_DAYS_AGO)
    seat.end = day if workdays.is_working_day(day) else workdays.previous_working_day(day)
    assert seat.end > seat.start + dt.timedelta(days=90), "the seat is vacated well into the term"
    with stamped(seat, seat.end):
        save_checked(seat, by=None)
    left = sizes[branch.pk] - 1
    return f"{branch.name}组织委员{seat.person.name}于{seat.end:%Y-%m-%d}离任后未补选，支委会仅余{left}人"


def _seats(demo: OrgDemo, branch: Branch, pool: list[Person]) -> list[tuple[str, Person]]:
    """The most senior cadre is secretary (the next one deputy secretary); the others are drawn."""
    ranked = sorted(pool, key=lambda p: _seniority(demo, p))
    size = sum(1 for p in demo.people if p.branch_id == branch.pk and p.is_party_member)
    posts = next(posts for least, posts in _COMMITTEES if size >= least)
    seats = [(BranchPost.SECRETARY, ranked.pop(0))]
    young = add_years(demo.today, -35)
    for post in posts:
        if post == BranchPost.DEPUTY_SECRETARY:
            options = ranked[:1]
        elif post in _SENIOR_SEATS:
            options = ranked[: max(3, len(ranked) // 3)]
        elif post == BranchPost.YOUTH:
            options = [p for p in ranked if p.birth_date > young] or ranked[-3:]
        else:
            options = ranked[len(ranked) // 2 :]
        person = demo.rng.choice(options)
        ranked.remove(person)
        seats.append((post, person))
    return seats


def _lead_groups(demo: OrgDemo, branch: Branch, leaders: set[int], committee: set[int]) -> None:
    """A group leader is the group's most senior member, preferably one not already on the committee."""
    for group in PartyGroup.objects.filter(branch=branch).order_by("id"):
        members = [p for p in _candidates(demo, branch, leaders) if p.party_group_id == group.pk]
        free = [p for p in members if p.pk not in committee]
        group.leader = min(free or members, key=lambda p: _seniority(demo, p))
        with stamped(group, demo.start):
            save_checked(group, by=None)
        demo.fixed.add(group.leader.pk)
