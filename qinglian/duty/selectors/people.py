"""Who answers for what, as the duty ledgers need it: the Party group (党组) and its ranks, who supervises a
unit (分管), who heads it, who was in the organ on a day and in which unit (`roster_on`), and the accounts to
notify. Read from org's records as of a day, never stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.org.choices import LeadingGroupPost, Role
from qinglian.org.models import LeadingGroupMember, RoleGrant, Supervision, Unit, User
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import people_on, unit_heads


def _current(on: dt.date) -> Q:
    return Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gte=on))


def unit_head_users(unit_id: int) -> list[User]:
    grants = RoleGrant.objects.active().filter(role=Role.UNIT_HEAD, unit_id=unit_id).select_related("user")
    return [g.user for g in grants]


def person_users(person_id: int) -> list[User]:
    """The active accounts of a person (to notify them)."""
    return list(User.objects.filter(person_id=person_id, is_active=True))


def home_unit_id(user: Any) -> int | None:
    """The unit a person answers for: the first unit they head, else their own."""
    scope = scope_of(user)
    if scope.head_unit_ids:
        return Unit.objects.filter(pk__in=scope.head_unit_ids).order_by("order", "id").values_list("pk", flat=True)[0]
    return scope.unit_id


def supervising_leaders(organ_id: int, on: dt.date) -> dict[int, int]:
    """unit id → the leader (person id) supervising it (分管) on `on`."""
    rows = Supervision.objects.filter(organ_id=organ_id).filter(_current(on)).order_by("start", "id")
    return {row.unit_id: row.leader_id for row in rows}


def leading_group(organ_id: int, on: dt.date) -> list[tuple[int, str]]:
    """(person id, post) of the Party group's members in office on `on`, secretary first."""
    rows = LeadingGroupMember.objects.filter(organ_id=organ_id).filter(_current(on)).order_by("order", "id")
    return [(row.person_id, row.post) for row in rows]


def secretary_of(organ_id: int, on: dt.date) -> int | None:
    return next((pid for pid, post in leading_group(organ_id, on) if post == LeadingGroupPost.SECRETARY), None)


def party_group_rank(organ_id: int, on: dt.date) -> dict[int, int]:
    """person id → position in the Party group on `on` (the secretary is 0), for ordering leaders."""
    return {pid: n for n, (pid, _) in enumerate(leading_group(organ_id, on))}


def in_party_group(person_id: int, *, since: dt.date, on: dt.date) -> bool:
    """Whether the person took office in the Party group by `on` and was still in it on or after `since`."""
    posts = LeadingGroupMember.objects.filter(person_id=person_id, start__lte=on).exclude(end__lt=since)
    return posts.exists()


def _posts_in_year(organ_id: int | None, year: int) -> QuerySet[LeadingGroupMember]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return LeadingGroupMember.objects.filter(organ_id=organ_id, start__lte=end).exclude(end__lt=start)


def party_group_members(organ_id: int | None, year: int) -> list[LeadingGroupMember]:
    """Party group members in office at any time of `year`, secretary first, then deputy secretaries."""
    rank = {LeadingGroupPost.SECRETARY: 0, LeadingGroupPost.DEPUTY_SECRETARY: 1}
    members = _posts_in_year(organ_id, year).select_related("person", "person__unit").order_by("order", "id")
    return sorted(members, key=lambda m: (rank.get(m.post, 2), m.order, m.pk))


def party_group_post(organ_id: int | None, person_id: int, year: int) -> LeadingGroupMember | None:
    """The person's (first) post in the Party group during `year`, or None when they held none."""
    posts = _posts_in_year(organ_id, year).filter(person_id=person_id)
    return posts.select_related("person").order_by("order", "id").first()


def first_unit_head(organ_id: int, unit_id: int) -> int | None:
    """The person who answers for a unit by default: its earliest-granted head, if any."""
    return next(iter(unit_heads(organ_id, {unit_id}).get(unit_id, [])), None)


def roster_on(organ_id: int, on: dt.date) -> dict[int, int]:
    """person id → unit id of everyone in the organ at the end of `on` (any unit kind), as org.selectors.people_on
    reads them: personnel events by their own dates, the rest from the person's history."""
    return {pk: person.unit_id for pk, person in people_on(organ_id, on).items()}
