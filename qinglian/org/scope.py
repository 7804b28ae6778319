"""What a logged-in account is: its organ, roles, the units it heads and its own person — computed once per
request from its role grants. Every `visible_to` and `access_*` starts here (see permissions.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qinglian.org.choices import ADMIN_ROLES, BUSINESS_ROLES, ORGAN_READER_ROLES, Role


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    organ_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    head_unit_ids: frozenset[int] = field(default_factory=frozenset)
    person_id: int | None = None
    unit_id: int | None = None

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_business(self) -> bool:
        return bool(self.roles & BUSINESS_ROLES)

    @property
    def reads_organ(self) -> bool:
        """Party-affairs officers, leaders and the stationed supervisor read every business record."""
        return bool(self.roles & ORGAN_READER_ROLES)

    @property
    def own_unit_ids(self) -> frozenset[int]:
        """Units whose people this account sees: the units it heads and its own."""
        own = {self.unit_id} if self.unit_id else set()
        return self.head_unit_ids | own


NOBODY = Scope()


def scope_of(user: Any) -> Scope:
    """The scope of `user`, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, "_qinglian_scope", None)
    if cached is not None:
        return cached
    # Imported here: the models import this module (through their querysets' visible_to).
    from qinglian.org.models import RoleGrant

    grants = list(RoleGrant.objects.active().filter(user=user).values_list("role", "unit_id", "organ_id"))
    roles = {role for role, _, _ in grants}
    person = user.person if user.person_id else None
    # Every staff account is at least a cadre; the three administrators' accounts hold no business role.
    if person is not None and person.is_active and person.deleted_at is None and not roles & ADMIN_ROLES:
        roles.add(Role.CADRE)
    organ_id = user.organ_id or (person.organ_id if person else None)
    scope = Scope(
        user_id=user.pk,
        organ_id=organ_id,
        roles=frozenset(roles),
        head_unit_ids=frozenset(unit for role, unit, _ in grants if role == Role.UNIT_HEAD and unit),
        person_id=person.pk if person else None,
        unit_id=person.unit_id if person else None,
    )
    user._qinglian_scope = scope
    return scope
