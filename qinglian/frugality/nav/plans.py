"""Menu entry of the yearly plans (年度经费计划, order 111): for the organ readers and the finance officer, who are the
plans' readers (querysets.READERS). The predicate reads the cached scope only: a menu asks no query."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.querysets import READERS
from qinglian.org.scope import scope_of

SECTION = "八项规定"


def reads_plans(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and scope.has(*READERS)


register_nav(NavItem(SECTION, "年度经费计划", "frugality_plan_list", reads_plans, "calendar-check", 111))
