"""The duty app's menu entries and workbench cards (imported from DutyConfig.ready()).

Orders 50–59 keep the 主体责任 section together: the list pages first, the Party group's agenda and its yearly
report to its superior, then letters, 督办单 and 约谈.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, Widget, register_nav, register_widget
from qinglian.duty.views.boards import unit_tasks_widget
from qinglian.duty.views.notices import notices_widget
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


def _readers_and_heads(user: Any) -> bool:
    """督办 and 约谈 concern units and people: the organ readers and the unit heads who answer for them.
    Cadres still open the pages from a link (they see what names them), they just get no menu entry."""
    scope = scope_of(user)
    return scope.reads_organ or bool(scope.head_unit_ids)


NAV_ITEMS = [
    NavItem(SECTION, "责任清单", "duty_index", _business, "list-check", 50),
    NavItem(SECTION, "本委室责任", "duty_my_unit", _has_unit, "building", 52),
    NavItem(SECTION, "我的责任卡", "duty_my_card", _leader, "person-badge", 53),
    NavItem(SECTION, "责任卡", "duty_card_list", _business, "person-vcard", 54),
    NavItem(SECTION, "年度报告", "duty_reports", _organ_reader, "send-check", 55),
    NavItem(SECTION, "党组议事", "duty_agenda", _organ_reader, "bank", 56),
    NavItem(SECTION, "责任书", "duty_letters", _business, "file-earmark-check", 57),
    NavItem(SECTION, "督办单", "duty_notices", _readers_and_heads, "megaphone", 58),
    NavItem(SECTION, "约谈记录", "duty_talks", _readers_and_heads, "person-video2", 59),
]

register_nav(*NAV_ITEMS)
register_widget(Widget("duty/widgets/unit_tasks.html", unit_tasks_widget, 30))
register_widget(Widget("duty/widgets/notices_widget.html", notices_widget, 31))
