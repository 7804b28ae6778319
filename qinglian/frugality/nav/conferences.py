"""Menu entry of the meetings ledger (会议费, order 114): for the organ readers and the finance officer, and for a unit
head, who reads the meetings of the units they head (querysets.UnitLedgerQuerySet). The predicate reads the cached
scope only: a menu asks no query."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.nav.plans import SECTION
from qinglian.frugality.querysets import READERS
from qinglian.org.scope import scope_of


def reads_conferences(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and (scope.has(*READERS) or bool(scope.head_unit_ids))


register_nav(NavItem(SECTION, "会议费", "frugality_conference_list", reads_conferences, "people", 114))
