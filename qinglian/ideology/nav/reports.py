"""Menu entry of the analysis and reporting schedule (分析研判和报告, order 136): for the organ's readers (the
party-affairs office that keeps it, the leaders, the stationed group). A cadre named responsible for an item reaches
it from 我的待办 and may open it, but the whole schedule is not a cadre's menu. The predicate reads the account's
scope only (no query)."""

from __future__ import annotations

from typing import Any

from qinglian.core.registry import NavItem, register_nav
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "意识形态"


def reads_schedule(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and scope.reads_organ


register_nav(
    NavItem(
        SECTION,
        "分析研判和报告",
        "ideology_report_list",
        page("ideology_report_list", reads_schedule),
        "clipboard-data",
        136,
    )
)
