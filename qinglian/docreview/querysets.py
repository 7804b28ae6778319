"""The organ's terms (live entries of one organ) and visible_to(user) for the checks people ran."""

from __future__ import annotations

from typing import Self

from qinglian.core.models import LiveQuerySet
from qinglian.org.choices import Role
from qinglian.org.querysets import OrganScopedQuerySet
from qinglian.org.scope import Scope


class OrganTermQuerySet(LiveQuerySet):
    def of_organ(self, organ_id: int | None) -> Self:
        return self.alive().filter(organ_id=organ_id) if organ_id else self.none()


class DocumentCheckQuerySet(OrganScopedQuerySet):
    def narrow(self, scope: Scope) -> Self:
        """Own checks; the party-affairs officer also sees the organ's, to help (permissions.can_see_organ_checks)."""
        return self if scope.has(Role.PARTY_OFFICER) else self.filter(user_id=scope.user_id)
