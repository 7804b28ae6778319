"""Reads of the org app. Every list starts from `visible_to(user)`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from qinglian.core import clock
from qinglian.org.choices import PARTY_STATUSES, PartyStatus, Role, UnitKind
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


def organ_figures(*, user: Any) -> dict[str, Any]:
    """Head counts for the workbench: people, party members by status, units and branches in scope."""
    people = Person.objects.visible_to(user).filter(is_active=True)
    by_status = dict(people.values_list("party_status").annotate(n=Count("id")).values_list("party_status", "n"))
    return {
        "people": sum(by_status.values()),
        "party_members": by_status.get(PartyStatus.MEMBER, 0) + by_status.get(PartyStatus.PROBATIONARY, 0),
        "by_status": [(PartyStatus(key).label, n) for key, n in sorted(by_status.items())],
        "units": Unit.objects.visible_to(user).filter(kind=UnitKind.INTERNAL).count(),
        "branches": Branch.objects.visible_to(user).count(),
    }


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
