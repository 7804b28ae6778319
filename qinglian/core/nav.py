"""The core app's menu entries: the working-day calendar, readable by everyone who is logged in.

Imported from CoreConfig.ready().
"""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav

ADMIN_SECTION = "系统管理"


def _logged_in(user: Any) -> bool:
    # Everyone counts deadlines in working days; only the system administrator edits (see the pages).
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


CALENDAR = NavItem(ADMIN_SECTION, "工作日历", "calendar_year", _logged_in, "calendar3", 95)

register_nav(CALENDAR)
