"""我的待办: what this person must act on, in one place — open findings they answer for, waivers to decide, what the
apps' to-do sources list (督办单 to answer …), and unread reminders. Recorded facts (已记录) are not to-dos."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qinglian.compliance import selectors
from qinglian.compliance.todos import todo_sections
from qinglian.notify.models import Message


def _unread(user, limit: int = 20):
    return Message.objects.visible_to(user).filter(read_at__isnull=True).order_by("-created_at")[:limit]


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    context = {
        "findings": selectors.my_findings(user=request.user),
        "approvals": selectors.awaiting_my_approval(user=request.user),
        "sections": todo_sections(request.user),
        "messages_unread": _unread(request.user),
    }
    return render(request, "compliance/todo.html", context)
