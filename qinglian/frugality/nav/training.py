"""Menu entry of the training ledger (培训费, section 八项规定, order 115): for those who read it — the organ's
readers and the finance officer (querysets.READERS) and the heads of the units that spend. Asks no query."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.querysets import READERS
from qinglian.org.scope import scope_of

SECTION = "八项规定"


def reads_training(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and (scope.has(*READERS) or bool(scope.head_unit_ids))


register_nav(NavItem(SECTION, "培训费", "frugality_training_list", reads_training, "mortarboard", 115))
