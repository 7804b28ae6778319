"""失去联系党员: the register's reads — the page's list, whom a keeper may enter, the branch meetings that may have
decided a suspension — and what rule PL-020 reads: each record as it stood on the day checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.core import asof
from qinglian.org.choices import PARTY_STATUSES, BranchPost, Role
from qinglian.org.models import BranchCommitteeMember, Person
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import people_on
from qinglian.partylife.choices import Holder, LostContactStatus, MeetingKind
from qinglian.partylife.models import LostContact, Meeting
from qinglian.partylife.permissions import lost_contact_branch_ids

# The branch meetings that decide on a member's Party standing (停止党籍 is the branch's decision).
DECIDING_KINDS = (MeetingKind.BRANCH_GENERAL_MEETING, MeetingKind.BRANCH_COMMITTEE_MEETING)

_STATUS_FILTERS: dict[str, Q] = {
    LostContactStatus.SEARCHING: Q(found_on__isnull=True, removed_on__isnull=True, suspended_on__isnull=True),
    LostContactStatus.SUSPENDED: Q(found_on__isnull=True, removed_on__isnull=True, suspended_on__isnull=False),
    LostContactStatus.FOUND: Q(found_on__isnull=False, removed_on__isnull=True),
    LostContactStatus.REMOVED: Q(removed_on__isnull=False),
}
OPEN = "open"  # the list's default: searching or suspended, i.e. not closed


def lost_contact_list(
    *, user: Any, status: str = OPEN, branch_id: int | None = None, query: str = ""
) -> QuerySet[LostContact]:
    """The register as the user may see it, newest loss of contact first; `status` is OPEN, a LostContactStatus
    value or "" for every record."""
    rows = LostContact.objects.visible_to(user).select_related("person__unit", "person__branch", "suspension_meeting")
    if status == OPEN:
        rows = rows.filter(found_on__isnull=True, removed_on__isnull=True)
    elif status in _STATUS_FILTERS:
        rows = rows.filter(_STATUS_FILTERS[status])
    if branch_id:
        rows = rows.filter(person__branch_id=branch_id)
    if query:
        rows = rows.filter(person__name__contains=query)
    return rows


def recordable_people(user: Any) -> QuerySet[Person]:
    """Party members whose loss of contact the user may record: the organ's for the office, else those of the
    branches the user leads as secretary."""
    scope = scope_of(user)
    people = Person.objects.filter(organ_id=scope.organ_id, party_status__in=PARTY_STATUSES)
    if not scope.has(Role.PARTY_OFFICER):
        people = people.filter(branch_id__in=lost_contact_branch_ids(user))
    return people.select_related("branch").order_by("branch__name", "name")


def deciding_meetings(user: Any, *, branch_id: int | None = None) -> QuerySet[Meeting]:
    """Branch general and committee meetings the user sees (of one branch when given), newest first: the meeting
    that decided a suspension is picked among these."""
    rows = Meeting.objects.visible_to(user).filter(holder=Holder.BRANCH, kind__in=DECIDING_KINDS)
    if branch_id:
        rows = rows.filter(branch_id=branch_id)
    return rows.select_related("branch").order_by("-date", "-id")


# --- what rule PL-020 reads --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactCase:
    """A record of the register as it stood on the day checked: its dates known by then (a later one is None), the
    member's unit and branch of that day, and whether the organ still answered for them (in it on that day)."""

    id: int
    person_id: int
    name: str
    in_organ: bool
    unit_id: int | None
    branch_id: int | None
    lost_since: dt.date
    found_on: dt.date | None
    suspended_on: dt.date | None
    removed_on: dt.date | None


def contact_cases(*, organ_id: int, as_of: dt.date) -> list[ContactCase]:
    """The register on `as_of`: every record whose loss of contact began by then, including one entered later
    (the register is back-filled: the day contact was lost decides, not the day it was typed in), and not withdrawn
    by then. Found, suspended and removed count only when dated on or before `as_of`; the member is read as they
    stood then (org.selectors.people_on: history corrected by dated personnel events)."""
    rows = list(
        LostContact.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, lost_since__lte=as_of)
        .order_by("lost_since", "id")
        .values("id", "person_id", "person__name", "lost_since", "found_on", "suspended_on", "removed_on")
    )
    people = people_on(organ_id, as_of) if rows else {}
    cases = []
    for row in rows:
        person = people.get(row["person_id"])
        cases.append(
            ContactCase(
                id=row["id"],
                person_id=row["person_id"],
                name=person.name if person else row["person__name"],
                in_organ=person is not None,
                unit_id=person.unit_id if person else None,
                branch_id=person.branch_id if person else None,
                lost_since=row["lost_since"],
                found_on=asof.known(row["found_on"], as_of),
                suspended_on=asof.known(row["suspended_on"], as_of),
                removed_on=asof.known(row["removed_on"], as_of),
            )
        )
    return cases


def secretaries_on(*, organ_id: int, on: dt.date) -> dict[int, int]:
    """Branch → its secretary seated on `on` (a seat withdrawn by then was never held): who follows a case up."""
    seats = (
        BranchCommitteeMember.all_objects.filter(asof.live_on(on), organ_id=organ_id, post=BranchPost.SECRETARY)
        .filter(start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .order_by("start", "id")
        .values_list("branch_id", "person_id")
    )
    return dict(seats)
