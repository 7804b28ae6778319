"""visible_to(user) for the duty ledgers.

The responsibility list and its tasks are the organ's own published duties: every business account of the
organ reads them (a draft list only the party-affairs office and the leaders). Letters, 督办单 and 约谈
concern named people: the organ readers (party-affairs office, leaders, stationed supervisor), the people
named, and the heads of their unit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from qinglian.core.models import LiveManager, LiveQuerySet
from qinglian.duty.choices import OPEN_TASK_STATUSES, ListStatus


def _scope(user: Any):
    from qinglian.org.permissions import scope_of

    return scope_of(user)


def _draft_readers(scope) -> bool:
    from qinglian.org.choices import Role

    return scope.has(Role.PARTY_OFFICER, Role.LEADER)


class DutyListQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        return mine if _draft_readers(scope) else mine.filter(status=ListStatus.PUBLISHED)


class DutyItemQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        from qinglian.duty.models import DutyList

        return self.filter(deleted_at__isnull=True, duty_list__in=DutyList.objects.visible_to(user))


class AssignmentQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        from qinglian.duty.models import DutyItem

        return self.filter(deleted_at__isnull=True, item__in=DutyItem.objects.visible_to(user))

    def open(self):
        return self.filter(status__in=OPEN_TASK_STATUSES)

    def overdue(self, on: dt.date):
        return self.open().filter(item__deadline__lt=on)


class ProgressQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        from qinglian.duty.models import DutyAssignment

        return self.filter(deleted_at__isnull=True, assignment__in=DutyAssignment.objects.visible_to(user))


def _people_condition(scope, *person_fields: str, unit_field: str) -> Q:
    condition = Q(**{f"{unit_field}__in": scope.head_unit_ids})
    if scope.person_id:
        for name in person_fields:
            condition |= Q(**{name: scope.person_id})
    return condition


class LetterQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        return mine.filter(_people_condition(scope, "signer_id", "issuer_id", unit_field="unit_id"))


class NoticeQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        """The organ readers, and the staff of the unit under supervision (they must answer it)."""
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        return mine.filter(unit_id__in=scope.own_unit_ids)


class TalkQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        """约谈 names a person: organ readers, the two people, and the head of the person's unit."""
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        return mine.filter(_people_condition(scope, "interviewer_id", "interviewee_id", unit_field="unit_id"))


class DutyListManager(LiveManager.from_queryset(DutyListQuerySet)):
    pass


class DutyItemManager(LiveManager.from_queryset(DutyItemQuerySet)):
    pass


class AssignmentManager(LiveManager.from_queryset(AssignmentQuerySet)):
    pass


class ProgressManager(LiveManager.from_queryset(ProgressQuerySet)):
    pass


class LetterManager(LiveManager.from_queryset(LetterQuerySet)):
    pass


class NoticeManager(LiveManager.from_queryset(NoticeQuerySet)):
    pass


class TalkManager(LiveManager.from_queryset(TalkQuerySet)):
    pass
