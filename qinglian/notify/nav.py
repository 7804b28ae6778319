"""The notify app's menu entries and workbench card."""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.notify import selectors
from qinglian.notify.permissions import can_see_outbox, has_inbox

SECTION = "消息"
ADMIN_SECTION = "系统管理"  # the same heading as the org app's account pages

register_nav(
    NavItem(SECTION, "我的消息", "notify_inbox", has_inbox, "bell", 80),
    NavItem(ADMIN_SECTION, "消息发送状态", "notify_outbox", can_see_outbox, "send-check", 92),
)


def _unread(request: HttpRequest) -> dict | None:
    if not has_inbox(request.user):
        return None
    unread = selectors.message_list(user=request.user, unread_only=True)
    count = unread.count()
    # Nothing unread, no card: the menu's 我的消息 stays one click away, and an empty card is noise on the workbench.
    return {"count": count, "latest": list(unread[:5])} if count else None


register_widget(Widget("notify/widgets/unread.html", _unread, 40, Tier.FOLLOW))
