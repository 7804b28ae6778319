"""Menu entry of the outlet register (意识形态阵地, order 130): for every business account of the organ — which
outlets it runs and who answers for them is what every drafter needs (querysets.py). The predicate reads the
account's scope only (no query)."""

from __future__ import annotations

from qinglian.core.registry import NavItem, register_nav
from qinglian.integrity.nav.common import business, page

SECTION = "意识形态"

register_nav(
    NavItem(SECTION, "意识形态阵地", "ideology_outlet_list", page("ideology_outlet_list", business), "broadcast", 130)
)
