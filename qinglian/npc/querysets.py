"""visible_to(user) for the 人大履职服务 ledgers.

These ledgers are not confidential: every business role of the organ reads all of them (the desk that keeps a
ledger writes it, see permissions.py). The three administrators (三员) hold no business role and see nothing.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.models import LiveManager, LiveQuerySet


class NpcQuerySet(LiveQuerySet):
    def visible_to(self, user: Any):
        """Every business role of the organ sees the organ's rows; administrators and outsiders none."""
        from qinglian.org.permissions import scope_of

        scope = scope_of(user)
        if not scope.is_business or scope.organ_id is None:
            return self.none()
        return self.filter(organ_id=scope.organ_id)


class NpcManager(LiveManager.from_queryset(NpcQuerySet)):
    pass
