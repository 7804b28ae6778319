"""visible_to(user) for the duty ledgers, on the scoped bases of org.querysets.

The responsibility list and its tasks are the organ's own published duties: every business account of the
organ reads them (a draft list only the party-affairs office and the leaders); an item, a task and a report
are seen with their list. Letters, 督办单 and 约谈 concern named people: the organ readers (party-affairs
office, leaders, stationed supervisor), the people named, and the heads of their unit. The Party group's yearly
report to its superior is read by the organ readers only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.db import models
from django.db.models import Q

from qinglian.core import workdays
from qinglian.core.models import LiveManager
from qinglian.duty.choices import OPEN_TASK_STATUSES, ListStatus
from qinglian.org.choices import Role
from qinglian.org.querysets import OrganScopedQuerySet, StaffScopedQuerySet
from qinglian.org.scope import Scope


def _parent(queryset: models.QuerySet, field: str) -> Any:
    """The model a foreign key points to (this module cannot import the models: they import it)."""
    return queryset.model._meta.get_field(field).related_model


def _named_or_headed(scope: Scope, *person_fields: str) -> Q:
    """Rows naming this account's person in one of `person_fields`, or filed under a unit it heads."""
    condition = Q(unit_id__in=scope.head_unit_ids)
    if scope.person_id:
        for name in person_fields:
            condition |= Q(**{name: scope.person_id})
    return condition


class DutyListQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        """A draft only for the party-affairs office and the leaders; a published list for everyone."""
        if scope.has(Role.PARTY_OFFICER, Role.LEADER):
            return self
        return self.filter(status=ListStatus.PUBLISHED)


class DutyItemQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        lists = _parent(self, "duty_list").objects.filter(organ_id=scope.organ_id).narrow(scope)
        return self.filter(duty_list__in=lists)


class AssignmentQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        items = _parent(self, "item").objects.filter(organ_id=scope.organ_id).narrow(scope)
        return self.filter(item__in=items)

    def open(self) -> Self:
        return self.filter(status__in=OPEN_TASK_STATUSES)

    def overdue(self, on: dt.date) -> Self:
        return self.open().filter(item__deadline__lte=workdays.overdue_through(on))


class ProgressQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        tasks = _parent(self, "assignment").objects.filter(organ_id=scope.organ_id).narrow(scope)
        return self.filter(assignment__in=tasks)


class LetterQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        return self.filter(_named_or_headed(scope, "signer_id", "issuer_id"))


class NoticeQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """The staff of the unit under supervision (they must answer it)."""
        return self.filter(unit_id__in=scope.own_unit_ids)


class TalkQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        """约谈 names a person: the two people, and the head of the person's unit."""
        return self.filter(_named_or_headed(scope, "interviewer_id", "interviewee_id"))


class SuperiorReportQuerySet(StaffScopedQuerySet):
    """The Party group's report to its superior: the organ readers only (StaffScopedQuerySet's default)."""


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


class SuperiorReportManager(LiveManager.from_queryset(SuperiorReportQuerySet)):
    pass
