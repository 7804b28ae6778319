"""Two years of 任免/调动, planned first and then recorded in date order through the personnel service.

The plan follows how an organ actually moves: a 主任 retires and the vacancy is filled by promotions
down the line; cadres leave and are replaced by transfers in; 职级晋升 come in two batches a year apart;
a few cadres rotate between units (交流轮岗).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qinglian.core import workdays
from qinglian.core.demo_days import moment
from qinglian.org import services
from qinglian.org.choices import PartyStatus, PersonnelEventKind
from qinglian.org.demo import data
from qinglian.org.demo.data import Post
from qinglian.org.demo.people import add_years, party_joined_on
from qinglian.org.demo.roster import RETIREMENT_AGE, new_person
from qinglian.org.demo.state import OrgDemo, stamped
from qinglian.org.models import Person, PersonnelEvent, Unit

Kind = PersonnelEventKind
TRANSFERS_OUT = 4
REPLACED = 3  # of the cadres who leave, this many are replaced by a transfer in
EXTRA_TRANSFERS_IN = 3  # 公务员遴选 into vacant establishment posts
ROTATIONS = 7
RANK_STEP_UPS = 10
_LEAVING = {Kind.TRANSFER_OUT, Kind.RETIREMENT}


@dataclass
class Change:
    day: dt.date
    person: Person  # unsaved for a transfer in: created on the day, in the unit they come from
    kind: str
    to_unit: Unit | None = None
    post: Post | None = None
    note: str = ""


def plan_vacancies(demo: OrgDemo) -> list[Change]:
    """Retirements and the promotions that fill them: planned first, as they need particular posts."""
    return _mark(demo, _retirements(demo))


def plan_moves(demo: OrgDemo) -> list[Change]:
    """Departures, transfers in, rotations and 职级晋升 among the people still free to move."""
    return _mark(demo, _departures(demo) + _recruits(demo) + _rotations(demo) + _step_ups(demo))


def _mark(demo: OrgDemo, changes: list[Change]) -> list[Change]:
    demo.moving.update(c.person.pk for c in changes if c.person.pk is not None)
    return changes


def _workday(day: dt.date) -> dt.date:
    """Decisions are taken on working days: a weekend or holiday moves back to the last working day."""
    return day if workdays.is_working_day(day) else workdays.previous_working_day(day)


def _day(demo: OrgDemo, after: dt.date, low: int, high: int) -> dt.date:
    return _workday(min(after + dt.timedelta(days=demo.rng.randint(low, high)), demo.end))


def _any_day(demo: OrgDemo) -> dt.date:
    return _day(demo, demo.start, 20, (demo.end - demo.start).days)


def _pick(demo: OrgDemo, people: list[Person]) -> Person:
    person = demo.rng.choice(people)
    demo.moving.add(person.pk)
    return person


def _retirements(demo: OrgDemo) -> list[Change]:
    changes: list[Change] = []
    directors = 0
    for person in demo.retiring:
        sixtieth = add_years(person.birth_date, RETIREMENT_AGE)
        day = (sixtieth.replace(day=1) + dt.timedelta(days=32)).replace(day=1)  # 1st of the next month
        changes.append(Change(day, person, Kind.RETIREMENT, note="达到法定退休年龄，按期退休"))
        if demo.posts[person.pk] == data.DIRECTOR:
            changes += _fill_director(demo, person.unit, day, via_office=directors == 0)
            directors += 1
    return changes


def _fill_director(demo: OrgDemo, unit: Unit, retired: dt.date, *, via_office: bool) -> list[Change]:
    """The unit's deputy becomes 主任; the deputy's seat goes to a 办公室 section chief (whose seat goes
    to his deputy, whose seat goes to a clerk) or to a senior clerk from another unit."""
    deputy = _pick(demo, [p for p in demo.holders(unit.name, data.DEPUTY) if demo.movable(p)])
    day = _day(demo, retired, 30, 75)
    changes = [Change(day, deputy, Kind.PROMOTION, post=data.DIRECTOR, note="提拔任职，试用期一年")]
    day = _day(demo, day, 30, 75)
    if via_office:
        chief, chief_post, section_deputy = _office_section(demo)
        clerk = _pick(demo, [p for p in demo.holders(data.OFFICE, data.KY1) if demo.movable(p)])
        changes += [
            Change(day, chief, Kind.PROMOTION, unit, data.DEPUTY, "提拔任职，试用期一年"),
            Change(_day(demo, day, 20, 60), section_deputy, Kind.PROMOTION, post=chief_post, note="提拔任职"),
        ]
        deputy_post = demo.posts[section_deputy.pk]
        changes.append(
            Change(_day(demo, changes[-1].day, 20, 60), clerk, Kind.PROMOTION, post=deputy_post, note="提拔任职")
        )
        return changes
    senior = [
        p
        for p in demo.people
        if demo.movable(p)
        and p.unit_id != unit.pk
        and demo.posts[p.pk] in (data.KY1, data.DY4)
        and add_years(demo.today, -52) < p.birth_date < add_years(demo.today, -38)
        and p.party_status == PartyStatus.MEMBER
    ]
    changes.append(Change(day, _pick(demo, senior), Kind.PROMOTION, unit, data.DEPUTY, "提拔任职，试用期一年"))
    return changes


def _office_section(demo: OrgDemo) -> tuple[Person, Post, Person]:
    """A 办公室 section chief whose section also has a deputy, both free to move."""
    options = []
    for spec_post, _ in data.INTERNAL_UNITS[0].staffing:
        if not spec_post.title.endswith("副科长"):
            continue
        chief_post = data.section_chief(spec_post.title.removesuffix("副科长"))
        chiefs = [p for p in demo.holders(data.OFFICE, chief_post) if demo.movable(p)]
        deputies = [p for p in demo.holders(data.OFFICE, spec_post) if demo.movable(p)]
        if chiefs and deputies:
            options.append((chiefs[0], chief_post, deputies[0]))
    chief, chief_post, deputy = demo.rng.choice(options)
    demo.moving.update({chief.pk, deputy.pk})
    return chief, chief_post, deputy


def _ordinary(demo: OrgDemo, posts: tuple[Post, ...] | None = None) -> list[Person]:
    """Cadres without a leading post who are free to move, optionally holding one of `posts`."""
    internal = {u.pk for name, u in demo.units.items() if name != data.STATIONED}
    return [
        p
        for p in demo.people
        if demo.movable(p)
        and p.unit_id in internal
        and not demo.posts[p.pk].leading
        and (posts is None or demo.posts[p.pk] in posts)
    ]


def _departures(demo: OrgDemo) -> list[Change]:
    """Cadres transferred to government departments; most are replaced by someone of the same rank."""
    changes = []
    for index in range(TRANSFERS_OUT):
        person = _pick(demo, _ordinary(demo, (data.KY1, data.KY2, data.KY3, data.KY4, data.DY4)))
        day = _day(demo, demo.start, 20, (demo.end - demo.start).days - 130)
        destination = demo.rng.choice(demo.external)
        changes.append(Change(day, person, Kind.TRANSFER_OUT, note=f"调任{destination.name}"))
        if index < REPLACED:
            post = demo.posts[person.pk]
            changes.append(_transfer_in(demo, _day(demo, day, 30, 120), person.unit, post, "由{origin}调入"))
    return changes


def _recruits(demo: OrgDemo) -> list[Change]:
    units = [u for name, u in demo.units.items() if name not in (data.STATIONED, data.PARTY_COMMITTEE)]
    return [
        _transfer_in(
            demo,
            _any_day(demo),
            demo.rng.choice(units),
            demo.rng.choice((data.KE1, data.KY4)),
            "公务员遴选，由{origin}调入",
        )
        for _ in range(EXTRA_TRANSFERS_IN)
    ]


def _transfer_in(demo: OrgDemo, day: dt.date, unit: Unit, post: Post, note: str) -> Change:
    """Someone from a city department: drafted in that department now, saved on the day they arrive.
    `note` names the department as {origin}."""
    origin = demo.rng.choice(demo.external)
    person = new_person(demo, origin, post)
    person.is_active = False
    if demo.rng.random() < 0.15:
        person.party_status = PartyStatus.MASSES
    else:
        person.party_joined_on = party_joined_on(demo.rng, person.birth_date, day - dt.timedelta(days=400))
    return Change(day, person, Kind.TRANSFER_IN, unit, post, note.format(origin=origin.name))


def _rotations(demo: OrgDemo) -> list[Change]:
    """交流轮岗: clerks move to another unit at the same rank; two deputies swap units on one day."""
    units = [u for name, u in demo.units.items() if name != data.STATIONED]
    changes = []
    for _ in range(ROTATIONS):
        person = _pick(demo, _ordinary(demo))
        target = demo.rng.choice([u for u in units if u.pk != person.unit_id])
        changes.append(Change(_any_day(demo), person, Kind.TRANSFER, target, note="干部交流轮岗"))
    deputies = [p for p in demo.people if demo.movable(p) and demo.posts[p.pk] == data.DEPUTY]
    first = _pick(demo, deputies)
    second = _pick(demo, [p for p in deputies if p.unit_id != first.unit_id and p.pk != first.pk])
    day = _any_day(demo)
    changes += [
        Change(day, first, Kind.TRANSFER, second.unit, note="副处级干部交流轮岗"),
        Change(day, second, Kind.TRANSFER, first.unit, note="副处级干部交流轮岗"),
    ]
    return changes


def _step_ups(demo: OrgDemo) -> list[Change]:
    """职级晋升 in two batches, about a year apart, for cadres old enough for the next rank."""
    batches = [_day(demo, demo.start, 120, 240), _day(demo, demo.start, 480, 620)]
    eligible = [
        p
        for p in _ordinary(demo, tuple(data.RANK_STEP_UP))
        if p.birth_date <= add_years(demo.today, -(data.RANK_STEP_UP[demo.posts[p.pk]].ages[0] - 1))
    ]
    chosen = demo.rng.sample(eligible, RANK_STEP_UPS)
    return [
        Change(
            batches[index % 2], person, Kind.APPOINTMENT, post=data.RANK_STEP_UP[demo.posts[person.pk]], note="职级晋升"
        )
        for index, person in enumerate(chosen)
    ]


# --- recording ----------------------------------------------------------------------------------

_DOCUMENT_PREFIX = {
    Kind.PROMOTION: "临人常党组",  # the Party group decides on leading posts
    Kind.APPOINTMENT: "临人常办",
    Kind.TRANSFER: "临人常办",
    Kind.RETIREMENT: "临人常办",
    Kind.TRANSFER_IN: "临组干",  # transfers across departments go through the city's organisation dept
    Kind.TRANSFER_OUT: "临组干",
}


class DocumentNumbers:
    """文号 like 临人常党组〔2025〕12号: numbered per issuer and year, rising through the year."""

    def __init__(self, demo: OrgDemo) -> None:
        self.demo = demo
        self.last: dict[tuple[str, int], int] = {}
        self.issued: dict[tuple[str, dt.date], str] = {}  # (kind, day) → 文号

    def next(self, kind: str, day: dt.date) -> str:
        """One document per kind and day: a batch of 职级晋升 or a swap of two deputies shares it."""
        prefix = _DOCUMENT_PREFIX[kind]
        if (kind, day) not in self.issued:
            number = self.last.get((prefix, day.year), 0) + self.demo.rng.randint(1, 6)
            self.last[(prefix, day.year)] = number
            self.issued[(kind, day)] = f"{prefix}〔{day.year}〕{number}号"
        return self.issued[(kind, day)]


def record_changes(demo: OrgDemo, changes: list[Change]) -> int:
    """Record the plan in date order, so each event starts from the state the previous ones left."""
    numbers = DocumentNumbers(demo)
    for change in sorted(changes, key=lambda c: c.day):
        _record(demo, change, numbers.next(change.kind, change.day))
    return len(changes)


def _record(demo: OrgDemo, change: Change, document_no: str) -> None:
    person = change.person
    if person.pk is None:  # a transfer in: the person exists from the day they arrive
        with stamped(person, change.day):
            services.person_save(person=person, by=None)
        demo.people.append(person)
    _prepare(demo, person, change)
    with stamped(person, change.day):
        event = services.personnel_event_record(
            person=person,
            kind=change.kind,
            date=change.day,
            by=None,
            to_unit=change.to_unit,
            to_post=change.post.title if change.post else "",
            document_no=document_no,
            note=change.note,
        )
    _backdate(event, change.day)
    demo.posts[person.pk] = change.post or demo.posts.get(person.pk)


def _prepare(demo: OrgDemo, person: Person, change: Change) -> None:
    """What the personnel service leaves to the caller, set before it saves the person: the rank that
    goes with a new post, and the Party membership that follows a move (组织关系转接)."""
    if change.post is not None:
        person.rank = change.post.rank
    if change.kind in _LEAVING:
        person.branch, person.party_group = None, None
    elif change.to_unit is not None and change.to_unit.pk != person.unit_id and person.is_party_member:
        person.branch, person.party_group = demo.membership(change.to_unit)


def _backdate(event: PersonnelEvent, day: dt.date) -> None:
    """The service stamps the event row with the build's clock; the demo says it was entered that day."""
    when = moment(day)
    PersonnelEvent.all_objects.filter(pk=event.pk).update(created_at=when, updated_at=when)
    PersonnelEvent.history.filter(id=event.pk).update(history_date=when)
