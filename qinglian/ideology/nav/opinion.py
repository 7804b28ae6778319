"""Menu entry of the public-opinion register (舆情处置, order 138): for the organ's readers (the party-affairs office
that keeps it, the leaders, the stationed group) and the unit heads, whose units answer for events (querysets.py:
they see their units' events). A cadre named responsible for an event reaches it from 我的待办. The predicate reads
the account's scope only (no query)."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "意识形态"


def reads_opinion(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and (scope.reads_organ or bool(scope.head_unit_ids))


register_nav(
    NavItem(
        SECTION, "舆情处置", "ideology_opinion_list", page("ideology_opinion_list", reads_opinion), "megaphone", 138
    )
)
