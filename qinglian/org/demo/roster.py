"""The roster as it stood two years before `today`: every cadre with name, ID, post, rank and Party status."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from qinglian.org import services
from qinglian.org.choices import Gender, PartyStatus, Rank
from qinglian.org.demo import data
from qinglian.org.demo.data import Post
from qinglian.org.demo.people import add_years, birth_date, id_number, party_joined_on, person_name, phone
from qinglian.org.demo.state import OrgDemo, stamped
from qinglian.org.models import Person, Unit

# Ranks at 处级 and above: women holding them retire at 60 like men; below, the demo keeps women under 55
# (the old retirement age for female cadres) so nobody on the roster is past it.
_SENIOR_RANKS = {
    Rank.DEPARTMENT_CHIEF,
    Rank.DEPARTMENT_DEPUTY,
    Rank.BUREAU_CHIEF,
    Rank.BUREAU_DEPUTY,
    Rank.INSPECTOR_1,
    Rank.INSPECTOR_2,
    Rank.INSPECTOR_3,
    Rank.INSPECTOR_4,
}
RETIREMENT_AGE = 60
# Non-members among the cadres without a leading post (the organ is ~85% Party members overall).
MASSES_SHARE = 0.16
PROBATIONARY = 4  # young cadres admitted in the past year, still in their 预备期
DEMOCRATIC_PARTIES = 2  # e.g. a 民盟 and a 九三学社 member, in the research and education offices
_DEMOCRATIC_UNITS = ("研究室", "教育科学文化卫生工作委员会", "城乡建设环境与资源保护工作委员会")


class Draft(NamedTuple):
    person: Person  # unsaved
    post: Post
    retiring: bool = False


def _gender(demo: OrgDemo, post: Post) -> str:
    share = 0.25 if post.leading else 0.48
    return Gender.FEMALE if demo.rng.random() < share else Gender.MALE


def new_person(
    demo: OrgDemo, unit: Unit, post: Post, *, gender: str | None = None, born: dt.date | None = None
) -> Person:
    """An unsaved cadre holding `post` in `unit`, aged within the post's range at `today`."""
    gender = gender or _gender(demo, post)
    low, high = post.ages
    if gender == Gender.FEMALE and post.rank not in _SENIOR_RANKS:
        high = min(high, 54)
        if low > high:
            gender = Gender.MALE
            high = post.ages[1]
    born = born or birth_date(demo.rng, demo.rng.randint(low, high), demo.today)
    return Person(
        organ=demo.organ,
        unit=unit,
        name=person_name(demo.rng, gender, born, demo.registry),
        gender=gender,
        birth_date=born,
        id_number=id_number(demo.rng, born, gender, demo.registry),
        post=post.title,
        rank=post.rank,
        party_status=PartyStatus.MEMBER,
        phone=phone(demo.rng, demo.registry),
    )


def _retiring_birth(demo: OrgDemo, chained: bool) -> dt.date:
    """Someone who turns 60 inside the window; a retiring 主任 early, so the promotions into the
    vacancy also fall inside it."""
    first = demo.start + dt.timedelta(days=20)
    last = demo.start + dt.timedelta(days=240) if chained else demo.end - dt.timedelta(days=60)
    birthday = first + dt.timedelta(days=demo.rng.randrange((last - first).days))
    return add_years(birthday, -RETIREMENT_AGE)


def _draft(demo: OrgDemo) -> list[Draft]:
    """Everyone on the first day, leaders first (in the order of data.LEADERS), unsaved."""
    office = demo.units[data.OFFICE]
    drafts = []
    female_vice_chair = demo.rng.randrange(2, len(data.LEADERS) - 1)
    for index, (_, post, _, _) in enumerate(data.LEADERS):
        gender = Gender.FEMALE if index == female_vice_chair else Gender.MALE
        drafts.append(Draft(new_person(demo, office, post, gender=gender), post))
    retiring = list(data.RETIRING)
    for spec in (*data.INTERNAL_UNITS, data.STATIONED_UNIT):
        unit = demo.units[spec.name]
        for post, count in spec.staffing:
            for _ in range(count):
                if (spec.name, post) in retiring:
                    retiring.remove((spec.name, post))
                    born = _retiring_birth(demo, chained=post == data.DIRECTOR)
                    drafts.append(Draft(new_person(demo, unit, post, gender=Gender.MALE, born=born), post, True))
                else:
                    drafts.append(Draft(new_person(demo, unit, post), post))
    return drafts


def _assign_party_status(demo: OrgDemo, drafts: list[Draft]) -> list[Person]:
    """Leading posts are held by members; among the rest a few are in 预备期, a few in 民主党派, some 群众.
    Returns the probationary ones, who enter the roster as 群众 and are admitted later."""
    # Discipline and Party-affairs staff are all Party members.
    ordinary = [
        d.person
        for d in drafts
        if not d.post.leading and not d.retiring and d.person.unit.name not in (data.PARTY_COMMITTEE, data.STATIONED)
    ]
    probationary = demo.rng.sample([p for p in ordinary if p.birth_date > add_years(demo.today, -32)], PROBATIONARY)
    rest = [p for p in ordinary if p not in probationary]
    democratic = demo.rng.sample(
        [p for p in rest if p.unit.name in _DEMOCRATIC_UNITS and p.birth_date < add_years(demo.today, -35)],
        DEMOCRATIC_PARTIES,
    )
    rest = [p for p in rest if p not in democratic]
    masses = demo.rng.sample(rest, round(MASSES_SHARE * len(ordinary)))
    for person in democratic:
        person.party_status = PartyStatus.DEMOCRATIC_PARTY
    for person in [*masses, *probationary]:
        person.party_status = PartyStatus.MASSES
    for person, _, _ in drafts:
        if person.party_status == PartyStatus.MEMBER:
            person.party_joined_on = party_joined_on(demo.rng, person.birth_date, demo.start - dt.timedelta(days=30))
    return probationary


def create_roster(demo: OrgDemo) -> list[Person]:
    """Save the first-day roster; returns the leaders in data.LEADERS order."""
    drafts = _draft(demo)
    probationary = _assign_party_status(demo, drafts)
    for person, post, retiring in drafts:
        if person.is_party_member:
            person.branch, person.party_group = demo.membership(person.unit)
        with stamped(person, demo.start):
            services.person_save(person=person, by=None)
        demo.people.append(person)
        demo.posts[person.pk] = post
        if retiring:
            demo.retiring.append(person)
            demo.moving.add(person.pk)
    for person in probationary:
        _admit(demo, person)
    leaders = [draft.person for draft in drafts[: len(data.LEADERS)]]
    stationed = [p for p in demo.people if p.unit.name == data.STATIONED]
    demo.fixed.update(p.pk for p in [*leaders, *stationed, *probationary])
    return leaders


def _admit(demo: OrgDemo, person: Person) -> None:
    """接收为预备党员 within the past year: the person joins their unit's branch from that day."""
    admitted = demo.today - dt.timedelta(days=demo.rng.randint(30, 330))
    person.party_status = PartyStatus.PROBATIONARY
    person.party_joined_on = admitted
    person.branch, person.party_group = demo.membership(person.unit)
    with stamped(person, admitted):
        services.person_save(person=person, by=None)
