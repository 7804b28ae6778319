"""visible_to(user) for the 八项规定 ledgers: who sees which rows.

- The finance ledgers (receptions, trips, conferences, courses, cars, trips abroad, plans): the organ readers
  (party-affairs office, leaders, the stationed group) and the finance officer who keeps them see every row; a
  unit head the rows of the units they head; a traveller their own trips and a delegation's leader their own trip
  abroad. Nobody else: a cadre's colleague's trip is not theirs to read.
- Special checks: the stationed group and the party-affairs office that run them, leaders, and the finance officer
  whose vouchers are checked.
- Standard tables are published figures: every business account reads the central, provincial and city tables
  and its own organ's.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Q

from qinglian.core.models import LiveManager
from qinglian.org.choices import Role
from qinglian.org.querysets import OrganScopedQuerySet
from qinglian.org.scope import Scope, scope_of

READERS = (Role.PARTY_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.FINANCE_OFFICER)


class _ReadersSeeAll(OrganScopedQuerySet):
    readers: tuple[str, ...] = READERS

    def narrow(self, scope: Scope) -> Self:
        return self if scope.has(*self.readers) else self.narrow_for_others(scope)

    def narrow_for_others(self, scope: Scope) -> Self:
        return self.none()


class OrganLedgerQuerySet(_ReadersSeeAll):
    """Plans and the car register: the readers only."""


class UnitLedgerQuerySet(_ReadersSeeAll):
    """Receptions, conferences, courses: also the heads of the unit that spent."""

    def narrow_for_others(self, scope: Scope) -> Self:
        return self.filter(unit_id__in=scope.head_unit_ids)


class TripQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        condition = Q(unit_id__in=scope.head_unit_ids)
        if scope.person_id is not None:
            condition |= Q(traveller_id=scope.person_id)
        return self.filter(condition)


class AbroadQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        condition = Q(unit_id__in=scope.head_unit_ids)
        if scope.person_id is not None:
            condition |= Q(leader_id=scope.person_id)
        return self.filter(condition)


class CheckQuerySet(_ReadersSeeAll):
    pass


class StandardTableQuerySet(models.QuerySet):
    def live(self) -> Self:
        return self.filter(retired_at__isnull=True)

    def visible_to(self, user: Any) -> Self:
        scope = scope_of(user)
        if not scope.is_business or scope.organ_id is None:
            return self.none()
        return self.live().filter(Q(organ__isnull=True) | Q(organ_id=scope.organ_id))

    def for_organ(self, organ_id: int) -> Self:
        return self.live().filter(Q(organ__isnull=True) | Q(organ_id=organ_id))


def manager(queryset: type[OrganScopedQuerySet]) -> type[LiveManager]:
    """A live (not soft-deleted) manager over `queryset`."""
    return LiveManager.from_queryset(queryset)


OrganLedgerManager = manager(OrganLedgerQuerySet)
UnitLedgerManager = manager(UnitLedgerQuerySet)
TripManager = manager(TripQuerySet)
AbroadManager = manager(AbroadQuerySet)
CheckManager = manager(CheckQuerySet)
