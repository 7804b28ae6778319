"""我的消息 (everyone's own inbox) and 消息发送状态 (the outbox, for the system administrator).

Parse → access → selector/service → render.
"""

from __future__ import annotations

import json

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden
from qinglian.core.http import paginate
from qinglian.notify import selectors, services
from qinglian.notify.choices import OutboxStatus
from qinglian.notify.permissions import access_message, can_see_outbox


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def notify_inbox(request: HttpRequest) -> HttpResponse:
    show = "unread" if request.GET.get("show") == "unread" else "all"
    items = selectors.message_list(user=request.user, unread_only=show == "unread")
    # Passed here too, so the page does not depend on the shell's context processor being installed.
    context = {
        "page_obj": paginate(request, items),
        "show": show,
        "unread_count": selectors.unread_count(request.user),
        "daily_digest": selectors.wants_digest(request.user),
    }
    return render(request, "notify/inbox.html", context)


@login_required
@require_POST
def notify_preference(request: HttpRequest) -> HttpResponse:
    """逐条提醒 or 每日汇总: the account's own choice (services.preference_set)."""
    digest = request.POST.get("daily_digest") == "1"
    services.preference_set(user=request.user, daily_digest=digest)
    flash.success(request, "预警提醒改为每日汇总一条" if digest else "预警提醒改为逐条发送")
    return redirect("notify_inbox")


@login_required
@require_POST
def notify_message_read(request: HttpRequest, pk: int) -> HttpResponse:
    message = access_message(request.user, pk)
    services.message_mark_read(message=message, user=request.user)
    if request.POST.get("open") and message.link:
        return redirect(message.link)  # a relative link, checked when the message was made
    if not _is_htmx(request):
        return redirect("notify_inbox")
    count = selectors.unread_count(request.user)
    response = render(request, "notify/_message_read.html", {"message": message, "unread_count": count})
    # The shell's badge can listen for this event to update without reloading the page.
    response["HX-Trigger"] = json.dumps({"notifyUnread": {"count": count}})
    return response


@login_required
@require_POST
def notify_mark_all_read(request: HttpRequest) -> HttpResponse:
    changed = services.mark_all_read(user=request.user)
    flash.success(request, f"已将 {changed} 条消息标为已读" if changed else "没有未读消息")
    return redirect("notify_inbox")


@login_required
def notify_outbox(request: HttpRequest) -> HttpResponse:
    if not can_see_outbox(request.user):
        raise Forbidden("仅系统管理员可查看消息发送状态")
    status = request.GET.get("status", "")
    context = {
        "summary": selectors.outbox_summary(user=request.user),
        "oldest_due": selectors.oldest_due(user=request.user),
        "page_obj": paginate(request, selectors.outbox_list(user=request.user, status=status)),
        "status": status if status in OutboxStatus.values else "",
        "statuses": OutboxStatus.choices,
    }
    return render(request, "notify/outbox.html", context)
