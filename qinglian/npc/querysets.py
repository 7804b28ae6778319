"""visible_to(user) for the 人大履职服务 ledgers.

These ledgers are not confidential: every business role of the organ reads all of them (the desk that keeps a
ledger writes it, see permissions.py). The three administrators (三员) hold no business role and see nothing.
"""

from __future__ import annotations

from django.db.models import Q

from qinglian.core.models import LiveManager
from qinglian.org.querysets import OrganScopedQuerySet

# A row not soft-deleted: the condition of the ledgers' unique constraints.
ALIVE = Q(deleted_at__isnull=True)


class NpcQuerySet(OrganScopedQuerySet):
    """Organ-wide: every business role of the organ sees all of the organ's rows (no narrowing)."""


class NpcManager(LiveManager.from_queryset(NpcQuerySet)):
    pass
