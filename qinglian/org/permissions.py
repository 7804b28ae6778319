"""The one permission vocabulary of Qinglian.

- `Scope`: what a logged-in account is, computed once per request from its role grants.
- `Model.objects.visible_to(user)`: the rows a user may see (lists, exports, search, API).
- `access_<thing>(user, pk, write=False)`: one row, or NotFound (invisible) / Forbidden (read-only).

Pages, the API and exports all go through these; no view filters by unit on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.org.choices import ADMIN_ROLES, BUSINESS_ROLES, ORGAN_READER_ROLES, Role

if TYPE_CHECKING:
    from qinglian.org.models import Person, User


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


# --- who may write what -------------------------------------------------------------------------


def can_write_org(user: Any) -> bool:
    """Units, branches, people, personnel events and the leading group are kept by the party-affairs office."""
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_manage_accounts(user: Any) -> bool:
    return scope_of(user).has(Role.SYSADMIN)


def can_grant_roles(user: Any) -> bool:
    return scope_of(user).has(Role.SECADMIN)


def can_import_roster(user: Any) -> bool:
    return can_write_org(user)


def can_see_id_number(user: Any, person: Person) -> bool:
    """身份证号 is personal information: the party-affairs office, the supervisor and the person only."""
    scope = scope_of(user)
    return scope.has(Role.PARTY_OFFICER, Role.SUPERVISOR) or scope.person_id == person.pk


# --- access_<thing> ---------------------------------------------------------------------------


def _access(queryset, pk: Any, *, write: bool, allowed: bool, noun: str):
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None
    if write and not allowed:
        raise Forbidden(f"无权修改该{noun}")
    return obj


def access_unit(user: User, pk: Any, *, write: bool = False):
    from qinglian.org.models import Unit

    return _access(Unit.objects.visible_to(user), pk, write=write, allowed=can_write_org(user), noun="委室")


def access_person(user: User, pk: Any, *, write: bool = False):
    from qinglian.org.models import Person

    qs = Person.objects.visible_to(user).select_related("unit", "branch", "party_group")
    return _access(qs, pk, write=write, allowed=can_write_org(user), noun="人员")


def access_branch(user: User, pk: Any, *, write: bool = False):
    from qinglian.org.models import Branch

    return _access(Branch.objects.visible_to(user), pk, write=write, allowed=can_write_org(user), noun="党支部")


def access_personnel_event(user: User, pk: Any, *, write: bool = False):
    from qinglian.org.models import PersonnelEvent

    qs = PersonnelEvent.objects.visible_to(user).select_related("person", "from_unit", "to_unit")
    return _access(qs, pk, write=write, allowed=can_write_org(user), noun="人事变动")


def access_account(user: User, pk: Any, *, write: bool = False):
    from qinglian.org.models import User as UserModel

    qs = UserModel.objects.visible_to(user)
    return _access(qs, pk, write=write, allowed=can_manage_accounts(user), noun="账号")


def access_role_grant(user: User, pk: Any, *, write: bool = False):
    from qinglian.org.models import RoleGrant

    qs = RoleGrant.objects.visible_to(user)
    return _access(qs, pk, write=write, allowed=can_grant_roles(user), noun="角色授权")
