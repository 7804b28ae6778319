"""Menu entries of the travel ledger: 差旅 (order 113) for those who read it — the organ's readers, the finance
officer who keeps it and the heads of units (their units' trips) — and 我的差旅 (114) for every staff member with a
person of their own. The predicates read the account's scope only (no query)."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.querysets import READERS
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "八项规定"


def reads_ledger(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and (scope.has(*READERS) or bool(scope.head_unit_ids))


def travels_for_organ(user: Any) -> bool:
    """A staff member of the organ (not the stationed group, whose trips its own organ pays)."""
    scope = scope_of(user)
    return scope.is_business and scope.person_id is not None and not scope.read_only


register_nav(
    NavItem(SECTION, "差旅", "frugality_trip_list", page("frugality_trip_list", reads_ledger), "train-front", 113),
    NavItem(
        SECTION, "我的差旅", "frugality_trip_mine", page("frugality_trip_mine", travels_for_organ), "suitcase", 114
    ),
)
