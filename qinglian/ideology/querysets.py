"""visible_to(user) for the 意识形态 ledgers: who sees which rows.

- Outlets: every business account of the organ — which columns and accounts the organ runs, and who answers for
  them, is what every drafter needs to know.
- Pieces: the organ readers (party-affairs office, leaders, the stationed group) see all; the drafter their own;
  the outlet's responsible person the outlet's pieces; a unit head the pieces of the units they head; a reviewer
  every piece they signed; a supervising leader (分管) the pieces of the units they supervise today. (Leaders read
  the whole organ anyway; this is for a supervising person without the leader role.)
- 一会一报: the readers, the applicant, the heads of the hosting unit.
- Analysis items: the readers and the responsible person (an item has no unit). Public-opinion events: the
  readers, the responsible person, the heads of the unit.
"""

from __future__ import annotations

from typing import Self

from django.db.models import Exists, OuterRef, Q

from qinglian.core import clock
from qinglian.core.models import LiveManager
from qinglian.org.querysets import OrganScopedQuerySet, StaffScopedQuerySet
from qinglian.org.scope import Scope


class OutletQuerySet(OrganScopedQuerySet):
    def open_on(self, day) -> Self:
        return self.filter(Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day)))


class PieceQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        if scope.person_id is None:
            return self.filter(unit_id__in=scope.head_unit_ids)
        from qinglian.ideology.models import ReviewSignoff  # the models import this module
        from qinglian.org.models import Supervision

        signed = ReviewSignoff.objects.filter(piece=OuterRef("pk"), reviewer_id=scope.person_id)
        today = clock.today()
        supervised = Supervision.objects.filter(
            Q(end__isnull=True) | Q(end__gte=today), leader_id=scope.person_id, start__lte=today, unit=OuterRef("unit")
        )
        return self.filter(
            Q(unit_id__in=scope.head_unit_ids)
            | Q(drafter_id=scope.person_id)
            | Q(outlet__owner_id=scope.person_id)
            | Exists(signed)
            | Exists(supervised)
        )


class ForumQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        return self.filter(Q(unit_id__in=scope.head_unit_ids) | Q(applicant_id=scope.person_id or 0))


class _ResponsibleQuerySet(StaffScopedQuerySet):
    def narrow_for_staff(self, scope: Scope) -> Self:
        return self.filter(Q(unit_id__in=scope.head_unit_ids) | Q(responsible_id=scope.person_id or 0))


class ReportItemQuerySet(StaffScopedQuerySet):
    # A report item has no unit of its own: its responsible person sees it.
    def narrow_for_staff(self, scope: Scope) -> Self:
        return self.filter(responsible_id=scope.person_id or 0)


class OpinionQuerySet(_ResponsibleQuerySet):
    pass


def manager(queryset: type[OrganScopedQuerySet]) -> type[LiveManager]:
    """A live (not soft-deleted) manager over `queryset`."""
    return LiveManager.from_queryset(queryset)


OutletManager = manager(OutletQuerySet)
PieceManager = manager(PieceQuerySet)
ForumManager = manager(ForumQuerySet)
ReportItemManager = manager(ReportItemQuerySet)
OpinionManager = manager(OpinionQuerySet)
