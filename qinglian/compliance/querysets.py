from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When

from qinglian.compliance.choices import OPEN_STATUSES, SEVERITY_ORDER
from qinglian.compliance.registry import confidential_codes
from qinglian.org.querysets import StaffScopedQuerySet
from qinglian.org.scope import Scope


class ParameterSetQuerySet(models.QuerySet):
    def live(self):
        return self.filter(retired_at__isnull=True)

    def in_force(self, on: dt.date):
        return self.live().filter(effective_from__lte=on).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))

    def for_organ(self, organ_id: int):
        """Sets that can apply to the organ: every non-organ level, and the organ's own."""
        return self.filter(Q(organ__isnull=True) | Q(organ_id=organ_id))


def severity_rank() -> Case:
    """Red 0, yellow 1, blue 2: what lists sort on (the stored values are words, and "blue" < "red")."""
    return Case(
        *[When(severity=severity, then=Value(rank)) for severity, rank in SEVERITY_ORDER.items()],
        default=Value(len(SEVERITY_ORDER)),
        output_field=IntegerField(),
    )


class FindingQuerySet(StaffScopedQuerySet):
    """Organ readers see every finding; a unit head their units'; a cadre those they answer for. Findings of a rule
    on a confidential ledger (Rule.readers) only its readers and the finding's responsible person, whoever else."""

    def narrow(self, scope: Scope):
        rows = super().narrow(scope)
        hidden = confidential_codes(scope.has)
        if not hidden:
            return rows
        mine = Q(responsible_person_id=scope.person_id) if scope.person_id is not None else Q(pk__in=[])
        return rows.exclude(Q(rule_code__in=hidden) & ~mine)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def by_severity(self):
        """Red first, then yellow, then blue; within a colour the earliest due date first."""
        return self.order_by(severity_rank().asc(), models.F("due_date").asc(nulls_last=True), "id")

    def narrow_for_staff(self, scope: Scope):
        return self.filter(Q(responsible_unit_id__in=scope.head_unit_ids) | Q(responsible_person_id=scope.person_id))
