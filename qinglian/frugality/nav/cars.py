"""Menu entry of the official car register (公务用车, order 116): for those who read it — the organ's readers and
the finance officer who keeps it. The predicate reads the account's scope only (no query)."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.querysets import READERS
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "八项规定"


def reads_register(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and scope.has(*READERS)


register_nav(
    NavItem(SECTION, "公务用车", "frugality_car_list", page("frugality_car_list", reads_register), "car-front", 116)
)
