"""Scoped querysets: one base for "which rows of the organ may this account see", and org's own models.

Every ledger model's queryset derives from `OrganScopedQuerySet` and states only its own narrowing:

- `OrganScopedQuerySet`: accounts without a business role (the three administrators, outsiders) see nothing;
  everybody else the organ's rows, then `narrow(scope)` — organ-wide unless the model says otherwise.
- `StaffScopedQuerySet`: the organ readers (party-affairs office, leaders, stationed supervisor) see every row
  of the organ; other staff what `narrow_for_staff(scope)` keeps (their unit, the units they head, themselves).

The rules of who is who live in `org.scope.Scope`; pages, API and exports all call `visible_to`.
"""

from __future__ import annotations

from typing import Any, Self

from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q

from qinglian.core.crypto import digest
from qinglian.core.models import LiveManager, LiveQuerySet
from qinglian.org.choices import PARTY_STATUSES, Role, UnitKind
from qinglian.org.scope import Scope, scope_of


class OrganScopedQuerySet(LiveQuerySet):
    def visible_to(self, user: Any) -> Self:
        scope = scope_of(user)
        if not scope.is_business or scope.organ_id is None:
            return self.none()
        return self.filter(organ_id=scope.organ_id).narrow(scope)

    def narrow(self, scope: Scope) -> Self:
        """The organ's rows this scope sees; all of them unless a model narrows further."""
        return self


class StaffScopedQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        return self if scope.reads_organ else self.narrow_for_staff(scope)

    def narrow_for_staff(self, scope: Scope) -> Self:
        """What an account that does not read the whole organ sees; nothing unless a model says."""
        return self.none()

    def distinct_rows(self, condition: Q) -> Self:
        """Rows matching a condition that crosses a to-many relation, each once (a pk subquery, no DISTINCT)."""
        return self.filter(pk__in=self.filter(condition).values("pk"))


class OrgStructureQuerySet(OrganScopedQuerySet):
    """Structure (units, branches, the leading group, 分管) is known to every business account of the organ."""


class UnitQuerySet(OrgStructureQuerySet):
    def internal(self) -> Self:
        return self.filter(kind=UnitKind.INTERNAL)


class _PersonnelQuerySet(StaffScopedQuerySet):
    """People and their events: the organ readers and the personnel officer (组织人事, whose work they are) see
    all of them."""

    def narrow(self, scope: Scope) -> Self:
        return self if scope.has(Role.PERSONNEL_OFFICER) else super().narrow(scope)


class PersonQuerySet(_PersonnelQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        return self.filter(Q(unit_id__in=scope.own_unit_ids) | Q(pk=scope.person_id))

    def party_members(self) -> Self:
        return self.filter(party_status__in=PARTY_STATUSES)

    def with_id_number(self, *numbers: str) -> Self:
        """People with any of these ID numbers, matched by keyed digest: the column itself is encrypted."""
        return self.filter(id_number_digest__in=[digest(n.strip().upper()) for n in numbers if n and n.strip()])

    def without_id_number(self) -> Self:
        return self.filter(id_number_digest="")


class PersonnelEventQuerySet(_PersonnelQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        if scope.head_unit_ids:
            return self.filter(Q(person__unit_id__in=scope.head_unit_ids) | Q(person_id=scope.person_id))
        return self.filter(person_id=scope.person_id)


class UserQuerySet(models.QuerySet):
    def visible_to(self, user: Any):
        scope = scope_of(user)
        if scope.has(Role.SYSADMIN, Role.SECADMIN):
            return self.filter(Q(organ_id=scope.organ_id) | Q(person__organ_id=scope.organ_id))
        if scope.user_id is None:
            return self.none()
        return self.filter(pk=scope.user_id)


class RoleGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def visible_to(self, user: Any):
        scope = scope_of(user)
        if scope.has(Role.SYSADMIN, Role.SECADMIN):
            return self.filter(organ_id=scope.organ_id)
        if scope.user_id is None:
            return self.none()
        return self.filter(user_id=scope.user_id)


class UnitManager(LiveManager.from_queryset(UnitQuerySet)):
    pass


class BranchManager(LiveManager.from_queryset(OrgStructureQuerySet)):
    pass


class OrgStructureManager(LiveManager.from_queryset(OrgStructureQuerySet)):
    pass


class PersonManager(LiveManager.from_queryset(PersonQuerySet)):
    pass


class PersonnelEventManager(LiveManager.from_queryset(PersonnelEventQuerySet)):
    pass


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


RoleGrantManager = models.Manager.from_queryset(RoleGrantQuerySet)
