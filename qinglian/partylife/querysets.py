"""visible_to(user) for the party-life ledgers. Heart-to-heart talks are confidential (see HeartTalkQuerySet)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from qinglian.core.models import LiveManager, LiveQuerySet
from qinglian.org.choices import Role


def _scope(user: Any):
    from qinglian.org.permissions import scope_of

    return scope_of(user)


def _own_branch_id(scope) -> int | None:
    if scope.person_id is None:
        return None
    from qinglian.org.models import Person

    return Person.objects.filter(pk=scope.person_id).values_list("branch_id", flat=True).first()


class MeetingQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        """Organ readers: all. Others: their own branch's meetings, those of the branches covering the units
        they head, and any meeting they were due to attend (a leader's 双重组织生活, a study session)."""
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        branch_id = _own_branch_id(scope)
        condition = Q(attendance__person_id=scope.person_id)
        if branch_id:
            condition |= Q(branch_id=branch_id) | Q(party_group__branch_id=branch_id)
        if scope.head_unit_ids:
            condition |= Q(branch__units__in=scope.head_unit_ids)
        return mine.filter(pk__in=mine.filter(condition).values("pk"))


class HeartTalkQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        """Confidential: the two people, the party-affairs office and the stationed supervisor — not leaders,
        not unit heads. Every list, export, search and API call goes through here."""
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.has(Role.PARTY_OFFICER, Role.SUPERVISOR):
            return mine
        if scope.person_id is None:
            return self.none()
        return mine.filter(Q(initiator_id=scope.person_id) | Q(counterpart_id=scope.person_id))


class StudyRecordQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        return mine.filter(Q(person_id=scope.person_id) | Q(person__unit_id__in=scope.head_unit_ids))


class PlanQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        branch_id = _own_branch_id(scope)
        condition = Q(branch__units__in=scope.head_unit_ids)
        if branch_id:
            condition |= Q(branch_id=branch_id)
        return mine.filter(pk__in=mine.filter(condition).values("pk"))


class DLMQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.reads_organ:
            return self.none()
        return self.filter(organ_id=scope.organ_id)


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
