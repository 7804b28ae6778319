"""Menu entries of the letters, 督办单 and 约谈 pages, and the unit head's 待回复督办单 workbench card.

Imported from qinglian.duty.nav; orders 56–59 keep them inside the 主体责任 section after the list pages.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, Widget, register_nav, register_widget
from qinglian.org.permissions import scope_of

SECTION = "主体责任"


def _business(user: Any) -> bool:
    return scope_of(user).is_business


def _readers_and_heads(user: Any) -> bool:
    """督办 and 约谈 concern units and people: the organ readers and the unit heads who answer for them.
    Cadres still open the pages from a link (they see what names them), they just get no menu entry."""
    scope = scope_of(user)
    return scope.reads_organ or bool(scope.head_unit_ids)


def _notices_widget(request) -> dict | None:
    from qinglian.duty.views_notices import notices_widget

    return notices_widget(request)


NAV_ITEMS = [
    NavItem(SECTION, "责任书", "duty_letters", _business, "file-earmark-check", 57),
    NavItem(SECTION, "督办单", "duty_notices", _readers_and_heads, "megaphone", 58),
    NavItem(SECTION, "约谈记录", "duty_talks", _readers_and_heads, "person-video2", 59),
]

register_nav(*NAV_ITEMS)
register_widget(Widget("duty/widgets/notices_widget.html", _notices_widget, 31))
