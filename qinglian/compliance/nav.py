"""The compliance app's menu entries and workbench card."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.compliance import selectors
from qinglian.compliance.permissions import can_read_rules
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of

SECTION = "规则与预警"

register_nav(
    NavItem(SECTION, "预警清单", "finding_list", can_read_rules, "exclamation-triangle", 20),
    NavItem(SECTION, "分委室汇总", "finding_unit_summary", can_read_rules, "table", 21),
    NavItem(SECTION, "规则与参数", "rule_list", can_read_rules, "journal-check", 22),
)


def _warnings(request: HttpRequest) -> dict | None:
    scope = scope_of(request.user)
    if not scope.is_business:
        return None
    return {
        "counts": selectors.severity_counts(user=request.user),
        "mine": selectors.my_findings(user=request.user)[:5],
        "scope_label": "全机关" if scope.reads_organ else ("本委室及本人" if scope.head_unit_ids else "本人"),
    }


def _warnings_tier(user: Any) -> Tier:
    """Findings are the work of the office, the unit heads and the people named; the leaders and the stationed group
    have cards of their own to act on (duty/nav.py) and follow these."""
    return Tier.FOLLOW if scope_of(user).has(Role.LEADER, Role.SUPERVISOR) else Tier.ACTION


register_widget(Widget("compliance/widgets/warnings.html", _warnings, 30, _warnings_tier))
