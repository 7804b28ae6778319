"""专项检查 in the menu (order 128), the check runners' card "待审核的抽样凭证", and the stationed group's writes.

The stationed group's accounts are read-only everywhere (org/middleware.py, decision 0010) except the URL names
registered here: starting a check, running its rules, drawing its sample, reviewing a voucher (page and API) and
issuing its report. The views and services check `can_run_checks` themselves. Sending problems to the
rectification ledger is not the group's (integrity keeps that ledger to the party-affairs office), nor is the
upload of working papers.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_stationed_group_writes, register_widget
from qinglian.frugality.permissions import can_run_checks
from qinglian.frugality.querysets import CheckQuerySet
from qinglian.frugality.selectors.checks import awaiting_review
from qinglian.org.scope import scope_of

SECTION = "八项规定"
GROUP_WRITES = (
    "frugality_check_create",
    "frugality_check_run",
    "frugality_check_draw",
    "frugality_check_sample_review",
    "frugality_check_report",
    "frugality_api_check_sample_review",
)
register_stationed_group_writes(*GROUP_WRITES)


def reads_checks(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and scope.has(*CheckQuerySet.readers)


register_nav(NavItem(SECTION, "专项检查", "frugality_check_list", reads_checks, "clipboard-check", 128))


def awaiting_widget(request: HttpRequest) -> dict | None:
    """Those who run checks: open checks with sampled vouchers not yet reviewed."""
    if not can_run_checks(request.user):
        return None
    checks = awaiting_review(request.user)
    return {"checks": checks[:6], "count": len(checks)} if checks else None


register_widget(Widget("frugality/checks_widget.html", awaiting_widget, 28, Tier.ACTION))
