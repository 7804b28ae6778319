"""Menu entry of the 一会一报 register (section 意识形态, order 134): every business account — any staff member
files the forums of their unit, heads and leaders approve them, the organ's readers follow them. The predicate
reads the account's scope only (no query). What waits for a user is in todos/forums.py."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "意识形态"


def reads_forums(user: Any) -> bool:
    return scope_of(user).is_business


register_nav(NavItem(SECTION, "一会一报", "ideology_forum_list", page("ideology_forum_list", reads_forums), "mic", 134))
