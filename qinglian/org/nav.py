"""The org app's menu entries and workbench cards."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.org import selectors
from qinglian.org.choices import Role
from qinglian.org.permissions import can_grant_roles, can_manage_accounts, scope_of

SECTION = "组织与人员"
ADMIN_SECTION = "系统管理"


def _business(user: Any) -> bool:
    return scope_of(user).is_business


def _account_admin(user: Any) -> bool:
    return can_manage_accounts(user) or can_grant_roles(user)


def _reads_grant_history(user: Any) -> bool:
    return scope_of(user).has(Role.AUDITADMIN, Role.SECADMIN)


register_nav(
    NavItem(SECTION, "干部花名册", "person_list", _business, "people", 10),
    NavItem(SECTION, "委室", "unit_list", _business, "diagram-3", 11),
    NavItem(SECTION, "党组与分管", "leading_group", _business, "star", 12),
    NavItem(SECTION, "党支部", "branch_list", _business, "flag", 13),
    NavItem(SECTION, "人事变动", "event_list", _business, "arrow-left-right", 14),
    NavItem(ADMIN_SECTION, "账号与角色", "account_list", _account_admin, "person-gear", 90),
    NavItem(ADMIN_SECTION, "授权变更记录", "grant_history", _reads_grant_history, "journal-text", 91),
)


def _me(request: HttpRequest) -> dict | None:
    person = request.user.person if request.user.person_id else None
    if person is None:
        return None
    return {"person": person}


def _organ(request: HttpRequest) -> dict | None:
    """机关概况, for those who read the whole organ; each figure is the count of the list it links to."""
    if not scope_of(request.user).reads_organ:
        return None
    return {"figures": selectors.organ_figures(user=request.user)}


def _own_units(request: HttpRequest) -> dict | None:
    """本委室概况: the unit's own people and branches for its head or one of its cadres — not the organ's totals."""
    scope = scope_of(request.user)
    if not scope.is_business or scope.reads_organ:
        return None
    rows = selectors.own_unit_figures(user=request.user)
    return {"rows": rows} if rows else None


def _own_units_tier(user: Any) -> Tier:
    """A unit head answers for the unit's people; for a cadre the figures are background."""
    return Tier.FOLLOW if scope_of(user).head_unit_ids else Tier.BACKGROUND


def _events(request: HttpRequest) -> dict | None:
    if not scope_of(request.user).is_business:
        return None
    events = list(selectors.personnel_event_list(user=request.user)[:6])
    return {"events": events}


def _accounts(request: HttpRequest) -> dict | None:
    if not _account_admin(request.user):
        return None
    accounts = selectors.account_list(user=request.user)
    grants = selectors.active_grants(user=request.user)
    by_role: dict[str, int] = {}
    for grant in grants:
        by_role[grant.get_role_display()] = by_role.get(grant.get_role_display(), 0) + 1
    return {
        "total": accounts.count(),
        "active": accounts.filter(is_active=True).count(),
        "by_role": sorted(by_role.items()),
    }


# The person's own profile and the figures are background; the administrators' accounts card is their work.
register_widget(Widget("org/widgets/accounts.html", _accounts, 10, Tier.ACTION))
register_widget(Widget("org/widgets/own_units.html", _own_units, 50, _own_units_tier))
register_widget(Widget("org/widgets/events.html", _events, 70))
register_widget(Widget("org/widgets/organ.html", _organ, 80))
register_widget(Widget("org/widgets/me.html", _me, 90))
