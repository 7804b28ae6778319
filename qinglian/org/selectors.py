"""Reads of the org app. Every list starts from `visible_to(user)`; the organ's people and units as they stood on
a past day (`people_on`, `party_members_on`, `units_on`) are for the rules of every app, which check any date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from qinglian.core import asof, clock, workdays
from qinglian.org.choices import PARTY_STATUSES, PartyStatus, PersonnelEventKind, Role, UnitKind
from qinglian.org.models import (
    Branch,
    BranchCommitteeMember,
    LeadingGroupMember,
    Organ,
    Person,
    PersonnelEvent,
    RoleGrant,
    Supervision,
    Unit,
    User,
)
from qinglian.org.scope import scope_of


def organ_of(user: Any) -> Organ | None:
    """The organ an account works in (its own, or its person's), or None for an outsider."""
    organ_id = scope_of(user).organ_id
    return Organ.objects.filter(pk=organ_id).first() if organ_id is not None else None


def organ_by_code(code: str) -> Organ | None:
    return Organ.objects.filter(code=code).first()


def person_list(
    *,
    user: Any,
    q: str = "",
    unit_id: int | None = None,
    party_status: str = "",
    rank: str = "",
    branch_id: int | None = None,
    include_inactive: bool = False,
) -> QuerySet[Person]:
    people = Person.objects.visible_to(user).select_related("unit", "branch")
    if not include_inactive:
        people = people.filter(is_active=True)
    if q:
        people = people.filter(Q(name__contains=q) | Q(post__contains=q) | Q(unit__name__contains=q))
    if unit_id:
        people = people.filter(unit_id=unit_id)
    if party_status == "party":
        people = people.filter(party_status__in=PARTY_STATUSES)
    elif party_status:
        people = people.filter(party_status=party_status)
    if rank:
        people = people.filter(rank=rank)
    if branch_id:
        people = people.filter(branch_id=branch_id)
    return people.order_by("unit__order", "unit_id", "id")


def unit_list(*, user: Any, kind: str = "") -> QuerySet[Unit]:
    units = Unit.objects.visible_to(user).select_related("parent")
    if kind:
        units = units.filter(kind=kind)
    visible_people = Person.objects.visible_to(user).filter(is_active=True)
    return units.annotate(
        headcount=Count("people", filter=Q(people__in=visible_people), distinct=True),
        party_count=Count(
            "people",
            filter=Q(people__in=visible_people, people__party_status__in=PARTY_STATUSES),
            distinct=True,
        ),
    )


def staff_unit_ids(*, user: Any) -> frozenset[int] | None:
    """The units whose people `user` may see listed — None for every unit of the organ (the organ readers), empty
    for an account without a business role. The same rule as `Person.objects.visible_to`
    (`PersonQuerySet.narrow_for_staff`): others see their own unit's people and those of the units they head."""
    scope = scope_of(user)
    if not scope.is_business or scope.organ_id is None:
        return frozenset()
    return None if scope.reads_organ else scope.own_unit_ids


def unit_staff(*, user: Any, unit: Unit) -> QuerySet[Person] | None:
    """The unit's people in post as `user` may see them, or None when its staff is not theirs to see — so a page
    says the list is not visible instead of showing 0 people for a unit of 41."""
    visible = staff_unit_ids(user=user)
    if visible is not None and unit.pk not in visible:
        return None
    return person_list(user=user, unit_id=unit.pk)


def supervisors_of(unit: Unit, *, on: dt.date | None = None) -> list[Person]:
    on = on or clock.today()
    rows = (
        Supervision.objects.filter(unit=unit, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("leader")
    )
    return [row.leader for row in rows]


def current_supervisions(*, user: Any, on: dt.date | None = None) -> QuerySet[Supervision]:
    on = on or clock.today()
    return (
        Supervision.objects.visible_to(user)
        .filter(start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("leader", "unit")
    )


def leading_group(*, user: Any, on: dt.date | None = None) -> QuerySet[LeadingGroupMember]:
    on = on or clock.today()
    return (
        LeadingGroupMember.objects.visible_to(user)
        .filter(person__deleted_at__isnull=True, person__is_active=True, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person", "person__unit")
    )


def branch_list(*, user: Any) -> QuerySet[Branch]:
    return (
        Branch.objects.visible_to(user)
        .prefetch_related("units")
        .annotate(
            member_count=Count(
                "members",
                filter=Q(
                    members__is_active=True, members__deleted_at__isnull=True, members__party_status__in=PARTY_STATUSES
                ),
                distinct=True,
            )
        )
    )


def branch_committee(branch: Branch, *, on: dt.date | None = None) -> QuerySet[BranchCommitteeMember]:
    on = on or clock.today()
    return (
        BranchCommitteeMember.objects.filter(branch=branch, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person")
    )


def committee_seats(branch_ids: Iterable[int], *, on: dt.date | None = None) -> dict[int, frozenset[int]]:
    """Person id → the branches (of `branch_ids`) on whose committee they sit on `on`: who is due at a 支委会."""
    on = on or clock.today()
    rows = (
        BranchCommitteeMember.objects.filter(branch_id__in=list(branch_ids), start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .values_list("person_id", "branch_id")
    )
    seats: dict[int, set[int]] = defaultdict(set)
    for person_id, branch_id in rows:
        seats[person_id].add(branch_id)
    return {person_id: frozenset(branches) for person_id, branches in seats.items()}


def personnel_event_list(
    *, user: Any, kind: str = "", year: int | None = None, person_id: int | None = None
) -> QuerySet[PersonnelEvent]:
    events = PersonnelEvent.objects.visible_to(user).select_related("person", "from_unit", "to_unit")
    if kind:
        events = events.filter(kind=kind)
    if year:
        events = events.filter(date__year=year)
    if person_id:
        events = events.filter(person_id=person_id)
    return events


def account_list(*, user: Any) -> QuerySet[User]:
    return (
        User.objects.visible_to(user)
        .select_related("person", "person__unit")
        .prefetch_related("grants")
        .order_by("username")
    )


def active_grants(*, user: Any) -> QuerySet[RoleGrant]:
    return RoleGrant.objects.visible_to(user).active().select_related("user", "unit", "granted_by")


def organ_figures(*, user: Any) -> dict[str, int]:
    """Head counts for the workbench's 机关概况, each the count of the list it links to: the roster (in post) and its
    Party members, the internal units and the branches."""
    return {
        "people": person_list(user=user).count(),
        "party_members": person_list(user=user, party_status="party").count(),
        "units": unit_list(user=user, kind=UnitKind.INTERNAL).count(),
        "branches": branch_list(user=user).count(),
    }


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    people: int  # in post, as the roster lists them for the unit
    party_members: int
    branches: list[Branch]  # the branches covering the unit


def own_unit_figures(*, user: Any) -> list[UnitFigures]:
    """The workbench's 本委室概况: for each unit the account heads (else its own unit), the unit's own figures — never
    the organ's — counted as the roster filtered by that unit lists them."""
    scope = scope_of(user)
    unit_ids = scope.head_unit_ids or ({scope.unit_id} if scope.unit_id else set())
    units = Unit.objects.visible_to(user).filter(pk__in=unit_ids).prefetch_related("branches").order_by("order", "id")
    return [
        UnitFigures(
            unit=unit,
            people=person_list(user=user, unit_id=unit.pk).count(),
            party_members=person_list(user=user, unit_id=unit.pk, party_status="party").count(),
            branches=list(unit.branches.all()),
        )
        for unit in units
    ]


def unit_heads(organ_id: int, unit_ids: set[int] | None = None) -> dict[int, list[int]]:
    """unit id → person ids of its heads (accounts holding an active 委室负责人 grant), earliest grant first.

    Rules and notices of every app answer "who heads this unit" here, in one query.
    """

    rows = RoleGrant.objects.active().filter(
        organ_id=organ_id, role=Role.UNIT_HEAD, unit__isnull=False, user__person__isnull=False
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    heads: dict[int, list[int]] = {}
    for unit_id, person_id in rows.order_by("granted_at", "pk").values_list("unit_id", "user__person_id"):
        if person_id not in heads.setdefault(unit_id, []):
            heads[unit_id].append(person_id)
    return heads


# --- the organ as it stood on a day (core.asof) ------------------------------------------------------------
#
# One reading for every app's rules (`runchecks --as-of D`): who was in the organ at the end of D, in which unit
# and branch, and who was a Party member then. State with no date of its own (unit, branch, 政治面貌, 在职, a soft
# delete) comes from the row's history; personnel events (调入/调出/退休/转岗…) count by their own date, not by
# when they were typed in, because org's services apply an event to the person the moment it is recorded.

# Personnel events that bring a person into the organ (True) or take them out of it (False).
_ARRIVES = {
    PersonnelEventKind.TRANSFER_IN: True,
    PersonnelEventKind.TRANSFER_OUT: False,
    PersonnelEventKind.RETIREMENT: False,
}
_PERSON_FIELDS = ["name", "unit_id", "branch_id", "party_status", "party_joined_on", "is_active", "deleted_at"]
_EVENT_FIELDS = ["person_id", "kind", "date", "from_unit_id", "to_unit_id", "created_at"]


@dataclass(frozen=True)
class PersonOn:
    """A person in the organ at the end of a day, as they stood then."""

    id: int
    name: str
    unit_id: int
    branch_id: int | None
    party_status: str
    party_joined_on: dt.date | None
    arrived_on: dt.date | None  # their last 调入 dated on or before the day, if any

    @property
    def counted_from(self) -> dt.date | None:
        """Since when the organ answers for them as a member: the later of joining the Party and last arriving."""
        return max(filter(None, [self.party_joined_on, self.arrived_on]), default=None)

    def is_party_member(self, on: dt.date) -> bool:
        """党员 or 预备党员 on `on`: by status then, and not joined the Party only after it."""
        joined = self.party_joined_on
        return self.party_status in PARTY_STATUSES and (joined is None or joined <= on)

    def is_full_member(self, on: dt.date, probation_years: int) -> bool:
        """正式党员 on `on`: full by status then and past the 预备期 (党章第七条) counted from 入党 by core.workdays —
        a member typed in later as 正式 was still 预备 on a day inside their probation."""
        if self.party_status != PartyStatus.MEMBER:
            return False
        return self.party_joined_on is None or workdays.add_years(self.party_joined_on, probation_years) <= on


def _events_by_person(organ_id: int, on: dt.date) -> dict[int, list[dict[str, Any]]]:
    """Each person's personnel events of any date, in date order (those withdrawn by the end of `on` left out)."""
    rows = PersonnelEvent.all_objects.filter(asof.live_on(on), organ_id=organ_id).order_by("date", "id")
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event in rows.values(*_EVENT_FIELDS):
        events[event["person_id"]].append(event)
    return events


def _in_organ(is_active: bool, events: list[dict[str, Any]], on: dt.date) -> bool:
    """Was the person in the organ at the end of `on`? The last 调入/调出/退休 dated on or before it says so; else
    the first one after it says the opposite of what it did (who arrived later was not here yet, who left later
    still was); else the 在职 flag as history has it that day."""
    moves = [e for e in events if e["kind"] in _ARRIVES]
    before = [e for e in moves if e["date"] <= on]
    if before:
        return _ARRIVES[before[-1]["kind"]]
    if moves:
        return not _ARRIVES[moves[0]["kind"]]
    return is_active


def _unit_on(unit_id: int, events: list[dict[str, Any]], on: dt.date) -> int:
    """The person's unit at the end of `on`: the one they left by their first event after it; else the one the
    last event on or before it moved them to when that event was typed in after the day (the day's history
    cannot know it); else the day's history."""
    left = next((e["from_unit_id"] for e in events if e["date"] > on and e["from_unit_id"]), None)
    if left is not None:
        return left
    moved = next((e for e in reversed(events) if e["date"] <= on and e["to_unit_id"]), None)
    if moved is not None and moved["created_at"] > asof.end_of_day(on):
        return moved["to_unit_id"]
    return unit_id


def people_on(organ_id: int, on: dt.date) -> dict[int, PersonOn]:
    """Person id → everyone in the organ at the end of `on` (any unit kind, not soft-deleted by then), with unit,
    branch and Party standing as they stood that day."""
    events = _events_by_person(organ_id, on)
    people: dict[int, PersonOn] = {}
    for pk, row in sorted(asof.fields_on(Person, on, _PERSON_FIELDS, where={"organ_id": organ_id}).items()):
        own = events.get(pk, [])
        if not asof.stood(row["deleted_at"], on) or not _in_organ(row["is_active"], own, on):
            continue
        arrivals = [e["date"] for e in own if e["kind"] == PersonnelEventKind.TRANSFER_IN and e["date"] <= on]
        people[pk] = PersonOn(
            id=pk,
            name=row["name"],
            unit_id=_unit_on(row["unit_id"], own, on),
            branch_id=row["branch_id"],
            party_status=row["party_status"],
            party_joined_on=row["party_joined_on"],
            arrived_on=max(arrivals, default=None),
        )
    return people


def units_on(organ_id: int, on: dt.date) -> dict[int, dict[str, Any]]:
    """Unit id → {name, kind} of the organ's units at the end of `on` (those deleted by then left out).

    A unit has no date of its own: one entered after the day is taken as back-filled, i.e. as standing then (the
    organ's structure is typed in when it goes live); one deleted after the day still stood on it.
    """
    rows = asof.fields_on(Unit, on, ["name", "kind", "deleted_at"], where={"organ_id": organ_id})
    return {
        pk: {"name": row["name"], "kind": row["kind"]} for pk, row in rows.items() if asof.stood(row["deleted_at"], on)
    }


def party_members_on(organ_id: int, on: dt.date) -> list[PersonOn]:
    """The Party members of the organ's own (internal) units at the end of `on`, in id order; the stationed
    group's members belong to the city's branches. Who arrived or joined the Party after the day is not among
    them; who left after it still is."""
    internal = {pk for pk, unit in units_on(organ_id, on).items() if unit["kind"] == UnitKind.INTERNAL}
    return [p for p in people_on(organ_id, on).values() if p.unit_id in internal and p.is_party_member(on)]
