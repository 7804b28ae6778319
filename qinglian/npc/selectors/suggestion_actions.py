"""Reads behind the handling steps of one suggestion (交办, 签收, 联系, 答复, 满意度, 重点督办): the rows a step
may name, for the forms of the suggestion's page and for the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from qinglian.npc.choices import HandlingRole
from qinglian.npc.models import Assignment, Reply, SatisfactionRecord, Suggestion
from qinglian.org.choices import Role
from qinglian.org.models import Person, RoleGrant
from qinglian.org.scope import scope_of
from qinglian.org.selectors import leading_group


def active_assignments(suggestion: Suggestion) -> QuerySet[Assignment]:
    """The units handling the suggestion now (not returned), with their unit."""
    return suggestion.assignments.filter(is_active=True).select_related("unit")


def current_lead(suggestion: Suggestion) -> Assignment | None:
    """The active lead assignment, read from the database (for a step about to be written)."""
    return active_assignments(suggestion).filter(role=HandlingRole.LEAD).first()


def pending_replies(suggestion: Suggestion) -> QuerySet[Reply]:
    """Replies waiting for the deputy's evaluation (none recorded, not replaced by a re-reply), newest first."""
    evaluated = SatisfactionRecord.objects.values("reply_id")
    replaced = Reply.objects.filter(replaces__isnull=False).values("replaces_id")
    return suggestion.replies.exclude(pk__in=evaluated).exclude(pk__in=replaced).order_by("-date", "-pk")


def supervising_leaders(user: Any) -> QuerySet[Person]:
    """Who may supervise a key suggestion: the leading group and the accounts holding the leader role.

    Leaders are public figures of the organ, so a desk cadre who sees only their own unit's people is still
    offered them (the organ is the user's own; nobody else's people are listed)."""
    organ_id = scope_of(user).organ_id
    members = leading_group(user=user).values("person_id")
    leaders = RoleGrant.objects.active().filter(organ_id=organ_id, role=Role.LEADER, user__person__isnull=False)
    leaders = leaders.values("user__person_id")
    people = Person.objects.filter(organ_id=organ_id, is_active=True)
    return people.filter(Q(pk__in=members) | Q(pk__in=leaders)).order_by("name")
