"""The duty app's menu entries and workbench cards (imported from DutyConfig.ready()).

Order 50–69 keeps the 主体责任 section together; the letters/督办/约谈 pages register theirs in nav_oversight.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, Widget, register_nav, register_widget
from qinglian.duty import nav_oversight  # noqa: F401
from qinglian.duty.views_boards import unit_tasks_widget
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of

SECTION = "主体责任"


def _business(user: Any) -> bool:
    return scope_of(user).is_business


def _has_unit(user: Any) -> bool:
    """本委室责任: a unit head (their first unit) or a cadre (their own unit)."""
    scope = scope_of(user)
    return scope.is_business and bool(scope.head_unit_ids or scope.unit_id)


def _leader(user: Any) -> bool:
    return scope_of(user).has(Role.LEADER)


def _organ_reader(user: Any) -> bool:
    return scope_of(user).reads_organ


NAV_ITEMS = [
    NavItem(SECTION, "责任清单", "duty_index", _business, "list-check", 50),
    NavItem(SECTION, "本委室责任", "duty_my_unit", _has_unit, "building", 52),
    NavItem(SECTION, "我的责任卡", "duty_my_card", _leader, "person-badge", 53),
    NavItem(SECTION, "责任卡", "duty_card_list", _business, "person-vcard", 54),
    NavItem(SECTION, "党组议事", "duty_agenda", _organ_reader, "bank", 56),
]

register_nav(*NAV_ITEMS)
register_widget(Widget("duty/widgets/unit_tasks.html", unit_tasks_widget, 30))
