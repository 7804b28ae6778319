"""Menu entry of the trips abroad ledger (因公出国（境）, order 117): for the organ's readers, the finance officer and
unit heads (their units' delegations). A delegation's leader reaches their trip from 我的待办. No query."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.nav.cars import SECTION, reads_register
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of


def reads_trips(user: Any) -> bool:
    return reads_register(user) or (scope_of(user).is_business and bool(scope_of(user).head_unit_ids))


register_nav(
    NavItem(
        SECTION, "因公出国（境）", "frugality_abroad_list", page("frugality_abroad_list", reads_trips), "globe", 117
    )
)
