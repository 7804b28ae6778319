"""The one permission vocabulary of Qinglian.

- `Scope`: what a logged-in account is, computed once per request from its role grants.
- `Model.objects.visible_to(user)`: the rows a user may see (lists, exports, search, API).
- `access_<thing>(user, pk, write=False)`: one row, or NotFound (invisible) / Forbidden (read-only).

Pages, the API and exports all go through these; no view filters by unit on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person, PersonnelEvent, RoleGrant, Unit, User
from qinglian.org.scope import NOBODY, Scope, scope_of

__all__ = ["NOBODY", "Scope", "scope_of"]  # the vocabulary is read from here; Scope lives in org/scope.py

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


# --- two people for every decision (利益冲突回避) ------------------------------------------------------


def own_stake(
    user: Any,
    *,
    requested_by: Iterable[int | None] = (),
    responsible_people: Iterable[int | None] = (),
    responsible_units: Iterable[int | None] = (),
) -> str:
    """Why `user` may not approve, close or waive this thing — they asked for it, answer for it, or head the unit
    that answers for it — in Chinese; "" when they may. Every approval path asks this before its own rule."""
    scope = scope_of(user)
    if scope.user_id is not None and scope.user_id in set(requested_by):
        return "该事项由您本人提出或报送"
    if scope.person_id is not None and scope.person_id in set(responsible_people):
        return "您是该事项的责任人"
    if scope.head_unit_ids & {u for u in responsible_units if u is not None}:
        return "您是该事项责任委室的负责人"
    return ""


def refuse_own_stake(user: Any, verb: str, **stake: Iterable[int | None]) -> None:
    """Forbidden with the reason when `user` has a stake (see `own_stake`): 审批与申请、责任不得是同一人."""
    reason = own_stake(user, **stake)
    if reason:
        raise Forbidden(f"{reason}，不能{verb}（审批人不得是申请人或责任人）")


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

    return _access(Unit.objects.visible_to(user), pk, write=write, allowed=can_write_org(user), noun="委室")


def access_person(user: User, pk: Any, *, write: bool = False):

    qs = Person.objects.visible_to(user).select_related("unit", "branch", "party_group")
    return _access(qs, pk, write=write, allowed=can_write_org(user), noun="人员")


def access_branch(user: User, pk: Any, *, write: bool = False):

    return _access(Branch.objects.visible_to(user), pk, write=write, allowed=can_write_org(user), noun="党支部")


def access_personnel_event(user: User, pk: Any, *, write: bool = False):

    qs = PersonnelEvent.objects.visible_to(user).select_related("person", "from_unit", "to_unit")
    return _access(qs, pk, write=write, allowed=can_write_org(user), noun="人事变动")


def access_account(user: User, pk: Any, *, write: bool = False):

    qs = User.objects.visible_to(user)
    return _access(qs, pk, write=write, allowed=can_manage_accounts(user), noun="账号")


def access_role_grant(user: User, pk: Any, *, write: bool = False):

    qs = RoleGrant.objects.visible_to(user)
    return _access(qs, pk, write=write, allowed=can_grant_roles(user), noun="角色授权")
