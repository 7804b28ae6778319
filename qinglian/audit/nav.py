"""The audit app's menu entry and workbench card, for the audit administrator only."""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.audit import selectors
from qinglian.audit.permissions import can_read_audit_log
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget

ADMIN_SECTION = "系统管理"

register_nav(NavItem(ADMIN_SECTION, "审计日志", "audit_log", can_read_audit_log, "journal-check", 92))


def _summary(request: HttpRequest) -> dict | None:
    if not can_read_audit_log(request.user):
        return None
    return {"days": 30, **selectors.audit_summary(user=request.user, days=30)}


register_widget(Widget("audit/widgets/summary.html", _summary, 10, Tier.ACTION))  # the audit administrator's work
