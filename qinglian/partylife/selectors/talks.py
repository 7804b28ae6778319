"""Heart-to-heart talks (confidential: always through HeartTalk.objects.visible_to): the list, a person's talks,
who may talk with whom, and the coverage grid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import branch_committee
from qinglian.partylife.models import HeartTalk
from qinglian.partylife.permissions import committee_branch_ids
from qinglian.partylife.selectors.common import organ_branches


def talk_list(*, user: Any, year: int, branch_id: int | None = None, query: str = "") -> QuerySet[HeartTalk]:
    """The talks of a year the user may see; `query` finds either person's name or the topic."""
    talks = HeartTalk.objects.visible_to(user).filter(date__year=year)
    if branch_id:
        talks = talks.filter(branch_id=branch_id)
    if query:
        names = Q(initiator__name__icontains=query) | Q(counterpart__name__icontains=query)
        talks = talks.filter(names | Q(topic__icontains=query))
    return talks.select_related("initiator", "counterpart", "branch")


def person_talks(*, user: Any, person: Person, year: int) -> QuerySet[HeartTalk]:
    """The talks of a year the user may see in which `person` took either part."""
    return (
        HeartTalk.objects.visible_to(user)
        .filter(Q(initiator=person) | Q(counterpart=person), date__year=year)
        .select_related("initiator", "counterpart")
    )


def talk_people(user: Any) -> tuple[QuerySet[Person], QuerySet[Person]]:
    """(initiators, counterparts) of a new talk: the office records for anyone; others talk as themselves with
    people of their branch (a Party group member: anyone in the organ; someone in no branch: their unit).

    The caller has refused an account without a person, unless it is the office's.
    """
    scope = scope_of(user)
    people = Person.objects.filter(organ_id=scope.organ_id, is_active=True).select_related("unit")
    if scope.has(Role.PARTY_OFFICER):
        return people, people
    me = people.filter(pk=scope.person_id)
    if scope.has(Role.LEADER):
        return me, people.exclude(pk=scope.person_id)
    branch_id = me.values_list("branch_id", flat=True).first()
    mine = Q(branch_id=branch_id) if branch_id else Q(unit_id=scope.unit_id)
    return me, people.filter(mine).exclude(pk=scope.person_id)


def coverage_branches(*, user: Any, organ_id: int, branch_id: int | None) -> tuple[QuerySet[Branch], Branch | None]:
    """The branches whose coverage grid the user may open (organ readers: all; others: the committees they sit
    on) and the one to show: the asked one, else the first committee they sit on, else the first."""
    branches = organ_branches(organ_id)
    mine = committee_branch_ids(user)
    if not scope_of(user).reads_organ:
        branches = branches.filter(pk__in=mine)
    branch_id = branch_id or (min(mine) if mine else None)
    return branches, branches.filter(pk=branch_id).first() if branch_id else branches.first()


def coverage_matrix(*, user: Any, branch_id: int, year: int) -> dict:
    """For the 谈心谈话 coverage page: committee members × members of a branch, ticked where a talk was held.

    Built from HeartTalk.objects.visible_to(user): someone who may not see the talks sees no ticks.
    """
    branch = Branch.objects.get(pk=branch_id)
    committee = [row.person for row in branch_committee(branch, on=dt.date(year, 12, 31))]
    members = list(Person.objects.filter(branch_id=branch_id, is_active=True).order_by("unit__order", "id"))
    talks = HeartTalk.objects.visible_to(user).filter(date__year=year)
    pairs = {frozenset(p) for p in talks.values_list("initiator_id", "counterpart_id")}
    rows = [
        {"member": m, "cells": [(c, c.pk == m.pk or frozenset((c.pk, m.pk)) in pairs) for c in committee]}
        for m in members
    ]
    return {"branch": branch, "committee": committee, "rows": rows}
