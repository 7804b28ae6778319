"""What a logged-in account is: its organ, roles, the units it heads and its own person — computed once per
request from its role grants. Every `visible_to` and `access_*` starts here (see permissions.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qinglian.org.choices import BUSINESS_ROLES, ORGAN_READER_ROLES, Role, UnitKind


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    organ_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    head_unit_ids: frozenset[int] = field(default_factory=frozenset)
    person_id: int | None = None
    unit_id: int | None = None
    in_stationed_unit: bool = False

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
    def read_only(self) -> bool:
        """The stationed discipline group (派驻纪检监察组) reads the organ but writes nothing of it: its members
        belong to the stationing commission's organisation (docs/decisions/0010-stationed-group-read-only.md).
        The middleware refuses every write of such an account, whatever an app's own checks would allow."""
        return Role.SUPERVISOR in self.roles or self.in_stationed_unit

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
    from qinglian.org.models import Person, RoleGrant, User

    grants = list(RoleGrant.objects.active().filter(user=user).values_list("role", "unit_id", "organ_id"))
    # Only granted roles count: a login linked to a person has no business access until the security
    # administrator grants one (三员分立 — the system administrator who opens the account cannot use it).
    roles = {role for role, _, _ in grants}
    if user.person_id and not User.person.is_cached(user):
        user.person = Person.all_objects.select_related("unit").get(pk=user.person_id)  # one query, unit kind too
    person = user.person if user.person_id else None
    if person is not None and (not person.is_active or person.deleted_at is not None):
        # A cadre who has left the organ is no longer one (as before grants were explicit); other roles stay
        # until the security administrator revokes them.
        roles.discard(Role.CADRE)
    organ_id = user.organ_id or (person.organ_id if person else None)
    scope = Scope(
        user_id=user.pk,
        organ_id=organ_id,
        roles=frozenset(roles),
        head_unit_ids=frozenset(unit for role, unit, _ in grants if role == Role.UNIT_HEAD and unit),
        person_id=person.pk if person else None,
        unit_id=person.unit_id if person else None,
        in_stationed_unit=person is not None and person.unit.kind == UnitKind.STATIONED,
    )
    user._qinglian_scope = scope
    return scope
