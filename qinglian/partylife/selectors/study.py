"""Study, training hours and a person's participation: the hours target, study records, whose hours one sees,
and a person's attendance. The hours themselves are `counts.training_hours`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.org.models import Person
from qinglian.org.permissions import scope_of
from qinglian.partylife.models import Attendance, Meeting, StudyRecord
from qinglian.partylife.permissions import committee_branch_ids
from qinglian.partylife.selectors.common import rule_value


def hours_target(organ_id: int) -> Decimal | None:
    """The yearly hours required by PL-011 (32 in 《党员教育管理工作条例》), or None when no set is in force."""
    value = rule_value(organ_id=organ_id, code="PL-011", keys=("min_hours",))
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def study_records(*, user: Any, year: int) -> QuerySet[StudyRecord]:
    return StudyRecord.objects.visible_to(user).filter(date__year=year).select_related("person__unit")


def hours_people(*, user: Any, branch_id: int | None = None, unit_id: int | None = None) -> QuerySet[Person]:
    """Whose hours the user sees: organ readers everyone; otherwise oneself, the units one heads and the branches
    on whose committee one sits (the people whose study records one may read, plus the committee's members)."""
    scope = scope_of(user)
    if scope.reads_organ:
        people = Person.objects.visible_to(user)
    elif scope.is_business:
        branches = committee_branch_ids(user)
        mine = Q(pk=scope.person_id) | Q(unit_id__in=scope.head_unit_ids) | Q(branch_id__in=branches)
        # A committee member sees the members of their branch even in other units, hence not visible_to.
        people = Person.objects.filter(mine, organ_id=scope.organ_id)
    else:
        people = Person.objects.none()
    people = people.filter(is_active=True).select_related("unit")
    if branch_id:
        people = people.filter(branch_id=branch_id)
    elif unit_id:
        people = people.filter(unit_id=unit_id)
    return people.party_members().order_by("unit__order", "id")


def person_attendance(*, user: Any, person: Person, year: int) -> QuerySet[Attendance]:
    """The person's attendance at the meetings the viewer may see (a meeting of another branch stays hidden)."""
    visible = Meeting.objects.visible_to(user).filter(date__year=year).values("pk")
    return (
        Attendance.objects.filter(person=person, meeting__in=visible)
        .select_related("meeting")
        .order_by("meeting__date")
    )
