"""To-do source of the public-opinion register: open events without a first response or not yet closed — for the
responsible person their own, for the party-affairs office (which records every step) all of the organ's. The
count is one query (selectors.opinion.pending_events); the list adds one read of the IDEO-040 limits for the due
moment of an unanswered event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.ideology.selectors.opinion import hours_text, limits_on, pending_events
from qinglian.org.scope import scope_of


def open_events(user: Any) -> list[TodoItem]:
    events = list(pending_events(user).select_related("responsible"))
    if not events:
        return []
    limits = limits_on(scope_of(user).organ_id, clock.today())
    now = clock.now()
    out = []
    for e in events:
        found = f"{timezone.localtime(e.found_at):%Y-%m-%d %H:%M}发现"
        who = f"，责任人{e.responsible.name}" if e.responsible_id else "，未指定责任人"
        limit = limits.response.get(e.level)
        if e.first_response_at is None and limit is not None:
            deadline = e.found_at + dt.timedelta(hours=limit)
            late = now > deadline
            waited = hours_text((now - e.found_at) / dt.timedelta(hours=1))
            detail = f"{found}，已{waited}小时尚未首次响应（时限{limit}小时）{who}"
            out.append(
                TodoItem(
                    f"舆情待响应：{e.title}", f"/ideology/opinion/{e.pk}/", detail, timezone.localdate(deadline), late
                )
            )
            continue
        step = "尚未首次响应" if e.first_response_at is None else "已响应，尚未办结"
        out.append(TodoItem(f"舆情待办结：{e.title}", f"/ideology/opinion/{e.pk}/", f"{found}，{step}{who}"))
    out.sort(key=lambda t: not t.overdue)
    return out


register_todo(
    TodoSource(
        "ideology_opinion",
        "舆情待响应、待办结",
        open_events,
        lambda u: pending_events(u).count(),
        order=138,
    )
)
