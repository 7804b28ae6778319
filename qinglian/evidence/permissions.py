"""Who may see and change evidence: exactly who may see and change the record it is attached to.

- `Evidence.objects.visible_to(user)`: evidence of the records the user can see, built from each registered
  model's own `objects.visible_to(user)`, so the rules are never written twice.
- `access_evidence(user, pk, write=False)`: one row, or NotFound (record invisible: 404, we do not reveal
  that the file exists) or Forbidden (record read-only: 403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from qinglian.core.errors import Forbidden, NotFound
from qinglian.evidence import registry

if TYPE_CHECKING:
    from qinglian.evidence.models import Evidence

NOT_FOUND = "佐证材料不存在或无权查看"


class EvidenceQuerySet(models.QuerySet):
    def for_target(self, target: models.Model):
        reg = registry.registration_for(type(target))
        return self.filter(content_type=reg.content_type, object_id=target.pk)

    def visible_to(self, user: Any):
        """Evidence of every registered record `user` can see.

        A model registered without `objects.visible_to` contributes nothing here (it can still be reached one
        row at a time through its access function): a list must never show more than the rules allow.
        """
        condition = Q(pk__in=[])
        for reg in registry.registrations():
            pks = reg.visible_pks(user)
            if pks is not None:
                condition |= Q(content_type=reg.content_type, object_id__in=pks)
        return self.filter(condition)


def access_evidence(user: Any, pk: Any, *, write: bool = False) -> Evidence:
    """One live piece of evidence after its record's access check (write=True: may delete it)."""
    from qinglian.evidence.models import Evidence  # the models import this module's querysets

    try:
        evidence = Evidence.objects.select_related("content_type", "uploaded_by").get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise NotFound(NOT_FOUND) from None
    check_target(user, evidence, write=write)
    return evidence


def check_target(user: Any, evidence: Evidence, *, write: bool = False) -> models.Model:
    """The record `evidence` is attached to, if `user` may read it (write=True: change it)."""
    try:
        reg = registry.registration_for_content_type(evidence.content_type_id)
        return reg.access(user, evidence.object_id, write=write)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    except Forbidden:
        raise Forbidden(f"无权修改该佐证材料：需要对所属{reg.noun}记录有修改权限") from None
