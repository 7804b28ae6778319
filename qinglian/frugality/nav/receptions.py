"""Menu entry of the 公务接待 ledger (order 112): for those who read it — the organ's readers, the finance officer
who keeps it and unit heads (their units' receptions). The predicate reads the account's scope only (no query).
The workbench cards of the 八项规定 ledgers are the summary's (nav/summary.py)."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.querysets import READERS
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "八项规定"


def reads_receptions(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and (scope.has(*READERS) or bool(scope.head_unit_ids))


register_nav(
    NavItem(
        SECTION,
        "公务接待",
        "frugality_reception_list",
        page("frugality_reception_list", reads_receptions),
        "cup-hot",
        112,
    )
)
