"""visible_to(user) for the party-life ledgers: each states only its own narrowing (bases in org.querysets).

Heart-to-heart talks are confidential and do not follow the organ readers (see HeartTalkQuerySet).
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db import models
from django.db.models import Q

from qinglian.core import clock
from qinglian.core.models import LiveManager
from qinglian.org.choices import BranchPost, Role
from qinglian.org.models import BranchCommitteeMember, Person
from qinglian.org.querysets import OrganScopedQuerySet, StaffScopedQuerySet
from qinglian.org.scope import Scope


def branch_of(person_id: int | None) -> int | None:
    """The Party branch a person belongs to (None for no person or no branch)."""
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).values_list("branch_id", flat=True).first()


# The branch committee seats that keep the members' Party dues (支部书记 and 组织委员, who collects them).
DUES_KEEPER_POSTS = (BranchPost.SECRETARY, BranchPost.ORGANIZATION)


def seated_branch_ids(person_id: int | None, posts: tuple[str, ...], *, on: dt.date | None = None) -> set[int]:
    """Branches on whose committee a person holds one of `posts` on `on` (today)."""
    if person_id is None:
        return set()
    on = on or clock.today()
    seats = BranchCommitteeMember.objects.filter(person_id=person_id, post__in=posts, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return set(seats.values_list("branch_id", flat=True))


def dues_keeper_branch_ids(person_id: int | None, *, on: dt.date | None = None) -> set[int]:
    """Branches whose members' dues a person keeps on `on` (today): where they sit as secretary or organiser."""
    return seated_branch_ids(person_id, DUES_KEEPER_POSTS, on=on)


def secretary_branch_ids(person_id: int | None, *, on: dt.date | None = None) -> set[int]:
    """Branches a person leads as 支部书记 on `on` (today): they keep the branch's 失去联系党员 register."""
    return seated_branch_ids(person_id, (BranchPost.SECRETARY,), on=on)


class MeetingQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """Their own branch's meetings, those of the branches covering the units they head, and any meeting
        they were due to attend (a leader's 双重组织生活, a study session)."""
        branch_id = branch_of(scope.person_id)
        condition = Q(attendance__person_id=scope.person_id)
        if branch_id:
            condition |= Q(branch_id=branch_id) | Q(party_group__branch_id=branch_id)
        if scope.head_unit_ids:
            condition |= Q(branch__units__in=scope.head_unit_ids)
        return self.distinct_rows(condition)


class HeartTalkQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        """Confidential: the two people, the party-affairs office and the stationed supervisor — not leaders,
        not unit heads (hence not the organ readers' base). Every list, export, search and API call goes here."""
        if scope.has(Role.PARTY_OFFICER, Role.SUPERVISOR):
            return self
        if scope.person_id is None:
            return self.none()
        return self.filter(Q(initiator_id=scope.person_id) | Q(counterpart_id=scope.person_id))


class StudyRecordQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """One's own records and those of the people of the units one heads."""
        return self.filter(Q(person_id=scope.person_id) | Q(person__unit_id__in=scope.head_unit_ids))


class PlanQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """One's own branch's plans and those of the branches covering the units one heads."""
        branch_id = branch_of(scope.person_id)
        condition = Q(branch__units__in=scope.head_unit_ids)
        if branch_id:
            condition |= Q(branch_id=branch_id)
        return self.distinct_rows(condition)


class DLMQuerySet(StaffScopedQuerySet):
    """The leading group's democratic-life meeting: the organ readers only (the base gives other staff nothing)."""


class DuesRecordQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """One's own months, and the members of the branches whose dues one keeps. Not the unit heads: a dues
        row shows a person's pay, which their unit head has no business reading here."""
        kept = dues_keeper_branch_ids(scope.person_id)
        return self.filter(Q(person_id=scope.person_id) | Q(person__branch_id__in=kept))


class LostContactQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """The members of the branches one leads as secretary. Not the unit heads nor the member's colleagues:
        losing touch with the Party, and what follows (停止党籍, 除名), is the branch's business."""
        return self.filter(person__branch_id__in=secretary_branch_ids(scope.person_id))


class DuesStandardQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> Self:
        return self.filter(effective_from__lte=on).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))

    def for_organ(self, organ_id: int) -> Self:
        """Standards that can apply to the organ: every level above it, and its own."""
        return self.filter(Q(organ__isnull=True) | Q(organ_id=organ_id))


class MeetingManager(LiveManager.from_queryset(MeetingQuerySet)):
    pass


class HeartTalkManager(LiveManager.from_queryset(HeartTalkQuerySet)):
    pass


class StudyRecordManager(LiveManager.from_queryset(StudyRecordQuerySet)):
    pass


class PlanManager(LiveManager.from_queryset(PlanQuerySet)):
    pass


class DLMManager(LiveManager.from_queryset(DLMQuerySet)):
    pass


class DuesRecordManager(LiveManager.from_queryset(DuesRecordQuerySet)):
    pass


class LostContactManager(LiveManager.from_queryset(LostContactQuerySet)):
    pass
