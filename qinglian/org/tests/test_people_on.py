"""org.selectors.people_on / party_members_on: the organ's people as they stood at the end of a past day, whatever
happened (or was typed in) after it. The real clock is later than every day checked here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from qinglian.core import clock
from qinglian.core.writes import soft_delete
from qinglian.org.choices import PartyStatus
from qinglian.org.selectors import PersonOn, party_members_on, people_on, units_on
from qinglian.org.services import personnel_event_record
from qinglian.org.tests.factories import BranchFactory, PersonFactory, UnitFactory

D = dt.date
SETUP = D(2026, 1, 5)  # when the organ's rows were first entered, unless a test back-fills them today
DAY = D(2026, 5, 31)  # the day checked
LATER = D(2026, 6, 15)  # something happens after it


@contextmanager
def on(day: dt.date) -> Iterator[None]:
    """Save as if it were 10:00 on `day`: the rows' history says they were entered then."""
    with clock.replaying(timezone.make_aware(dt.datetime.combine(day, dt.time(10)))):
        yield


def _person(org, **fields) -> PersonFactory:
    with on(SETUP):
        return PersonFactory(organ=org.organ, unit=fields.pop("unit", org.unit_a), **fields)


def test_someone_who_arrived_after_the_day_was_not_there_yet(org):
    person = _person(org, is_active=False)  # on the books before arriving, as an import leaves them
    with on(LATER):
        personnel_event_record(person=person, kind="transfer_in", date=LATER, by=None, to_unit=org.unit_b)
    assert person.pk not in people_on(org.organ.pk, DAY)
    arrived = people_on(org.organ.pk, LATER)[person.pk]
    assert (arrived.unit_id, arrived.arrived_on, arrived.counted_from) == (org.unit_b.pk, LATER, LATER)


def test_an_arrival_typed_in_before_its_date_does_not_count_before_it(org):
    person = _person(org, is_active=False)
    with on(D(2026, 5, 20)):  # entered ahead, dated next month: org's service makes them active at once
        personnel_event_record(person=person, kind="transfer_in", date=LATER, by=None)
    assert person.pk not in people_on(org.organ.pk, DAY)
    assert person.pk in people_on(org.organ.pk, LATER)


def test_an_arrival_typed_in_after_its_date_counts_from_its_date(org):
    """The day's history still says 不在职 (the service sets 在职 when the event is typed in): the 调入 dated by
    the day decides, not the flag."""
    person = _person(org, is_active=False)
    with on(LATER):
        personnel_event_record(person=person, kind="transfer_in", date=D(2026, 5, 1), by=None)
    assert people_on(org.organ.pk, DAY)[person.pk].arrived_on == D(2026, 5, 1)
    assert person.pk not in people_on(org.organ.pk, D(2026, 4, 30))


def test_someone_who_left_after_the_day_was_still_there_in_their_old_unit(org):
    person = _person(org, unit=org.unit_b)
    with on(D(2026, 5, 20)):  # typed in ahead of its date
        personnel_event_record(person=person, kind="transfer_out", date=LATER, by=None)
    assert people_on(org.organ.pk, DAY)[person.pk].unit_id == org.unit_b.pk
    assert person.pk not in people_on(org.organ.pk, LATER)


def test_someone_who_retired_after_the_day_was_still_there(org):
    person = _person(org)
    with on(D(2026, 7, 2)):  # the record was updated after the retirement
        personnel_event_record(person=person, kind="retirement", date=D(2026, 7, 1), by=None)
    assert person.pk in people_on(org.organ.pk, D(2026, 6, 30))
    assert person.pk not in people_on(org.organ.pk, D(2026, 7, 1))  # the event's own date decides


def test_a_unit_moved_after_the_day_is_read_as_it_was(org):
    person = _person(org)
    with on(D(2026, 5, 20)):  # a 转岗 dated next month, typed in now: the row moves at once
        personnel_event_record(person=person, kind="transfer", date=LATER, by=None, to_unit=org.stationed)
    assert people_on(org.organ.pk, DAY)[person.pk].unit_id == org.unit_a.pk
    assert people_on(org.organ.pk, LATER)[person.pk].unit_id == org.stationed.pk


def test_a_move_dated_by_the_day_but_typed_in_later_counts_on_the_day(org):
    person = _person(org)
    with on(LATER):  # history on DAY still says unit A: the event's own date says B
        personnel_event_record(person=person, kind="transfer", date=D(2026, 5, 1), by=None, to_unit=org.unit_b)
    assert people_on(org.organ.pk, DAY)[person.pk].unit_id == org.unit_b.pk
    assert people_on(org.organ.pk, D(2026, 4, 30))[person.pk].unit_id == org.unit_a.pk


def test_a_row_back_filled_after_the_day_is_read_as_entered_and_corrected_by_its_events(org):
    branch = BranchFactory(organ=org.organ)
    here = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="补录在职")  # typed in today
    retiree = PersonFactory(organ=org.organ, unit=org.unit_a, is_active=False, name="补录退休")
    personnel_event_record(person=retiree, kind="retirement", date=LATER, by=None)
    found = people_on(org.organ.pk, DAY)
    assert found[here.pk] == PersonOn(
        id=here.pk,
        name="补录在职",
        unit_id=org.unit_a.pk,
        branch_id=branch.pk,
        party_status=PartyStatus.MEMBER,
        party_joined_on=D(2010, 7, 1),
        arrived_on=None,
    )
    assert retiree.pk in found  # inactive as entered, but the retirement dated later says they were still here


def test_a_person_soft_deleted_after_the_day_still_stood_on_it(org):
    person = _person(org)
    with on(LATER):
        soft_delete(person, by=None)
    assert person.pk in people_on(org.organ.pk, DAY)
    assert person.pk not in people_on(org.organ.pk, LATER)


def test_an_event_withdrawn_after_the_day_still_counted_on_it(org):
    person = _person(org)
    with on(D(2026, 5, 1)):
        event = personnel_event_record(person=person, kind="transfer_out", date=D(2026, 5, 1), by=None)
    with on(LATER):
        soft_delete(event, by=None)
    assert person.pk not in people_on(org.organ.pk, DAY)


def test_party_members_are_those_of_internal_units_who_had_joined_by_the_day(org):
    member = _person(org, name="党员")
    probationary = _person(org, party_status=PartyStatus.PROBATIONARY, party_joined_on=D(2026, 3, 1))
    joined_later = _person(org, party_status=PartyStatus.PROBATIONARY, party_joined_on=LATER)
    _person(org, party_status=PartyStatus.MASSES, party_joined_on=None)
    _person(org, unit=org.stationed)  # the stationed group's members belong to the city's branches
    assert [p.id for p in party_members_on(org.organ.pk, DAY)] == [member.pk, probationary.pk]
    assert joined_later.pk in {p.id for p in party_members_on(org.organ.pk, LATER)}


def test_a_unit_deleted_after_the_day_still_held_its_members_on_it(org):
    with on(SETUP):
        unit = UnitFactory(organ=org.organ, name="信访室")
    person = _person(org, unit=unit)
    with on(LATER):
        soft_delete(unit, by=None)
    assert set(units_on(org.organ.pk, DAY)) == {org.unit_a.pk, org.unit_b.pk, org.stationed.pk, unit.pk}
    assert [p.id for p in party_members_on(org.organ.pk, DAY)] == [person.pk]
    assert party_members_on(org.organ.pk, LATER) == []


def test_a_full_member_is_past_the_probation_counted_from_joining(db):  # the calendar is in the database
    person = PersonOn(1, "甲", 1, None, PartyStatus.MEMBER, D(2025, 6, 1), arrived_on=D(2026, 2, 1))
    assert person.counted_from == D(2026, 2, 1)
    assert not person.is_full_member(D(2026, 5, 31), 1) and person.is_full_member(D(2026, 6, 1), 1)
    assert not PersonOn(2, "乙", 1, None, PartyStatus.PROBATIONARY, None, None).is_full_member(DAY, 1)
    assert PersonOn(3, "丙", 1, None, PartyStatus.MEMBER, None, None).is_full_member(DAY, 1)
