"""Menu entry of the finance-system import (财务系统数据导入, order 128): the finance officer's only."""

from __future__ import annotations

from qinglian.core.registry import NavItem, register_nav
from qinglian.frugality.permissions import can_keep_ledgers

SECTION = "八项规定"

register_nav(NavItem(SECTION, "财务系统数据导入", "frugality_import", can_keep_ledgers, "upload", 128))
