"""Menu entry of the standard tables (经费标准表, order 126): every business account reads the published tables and
its organ's own; administrators and accounts without a business grant do not. The predicate reads the account's
scope only (no query). No workbench card: the example tables awaiting the real ones are a to-do (todos/standards.py)."""

from __future__ import annotations

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.selectors.standards import readable

SECTION = "八项规定"

register_nav(NavItem(SECTION, "经费标准表", "frugality_standard_list", readable, "table", 126))
