"""Scoped querysets: `visible_to(user)` for every org model. The rules live in permissions.Scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q

from qinglian.core.models import LiveManager, LiveQuerySet
from qinglian.org.choices import Role


def _scope(user: Any):
    from qinglian.org.permissions import scope_of

    return scope_of(user)


class OrgStructureQuerySet(LiveQuerySet):
    """Structure (units, branches, the leading group, 分管) is known to every business account of the organ."""

    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        return self.filter(organ_id=scope.organ_id)


class UnitQuerySet(OrgStructureQuerySet):
    def internal(self):
        from qinglian.org.choices import UnitKind

        return self.filter(kind=UnitKind.INTERNAL)


class PersonQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        return mine.filter(Q(unit_id__in=scope.own_unit_ids) | Q(pk=scope.person_id))

    def party_members(self):
        from qinglian.org.choices import PARTY_STATUSES

        return self.filter(party_status__in=PARTY_STATUSES)


class PersonnelEventQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if not scope.is_business:
            return self.none()
        mine = self.filter(organ_id=scope.organ_id)
        if scope.reads_organ:
            return mine
        if scope.head_unit_ids:
            return mine.filter(Q(person__unit_id__in=scope.head_unit_ids) | Q(person_id=scope.person_id))
        return mine.filter(person_id=scope.person_id)


class UserQuerySet(models.QuerySet):
    def visible_to(self, user: Any):
        scope = _scope(user)
        if scope.has(Role.SYSADMIN, Role.SECADMIN):
            return self.filter(Q(organ_id=scope.organ_id) | Q(person__organ_id=scope.organ_id))
        if scope.user_id is None:
            return self.none()
        return self.filter(pk=scope.user_id)


class RoleGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def visible_to(self, user: Any):
        scope = _scope(user)
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
