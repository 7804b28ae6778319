"""What 党风廉政意见回复 brings to 我的待办: for the stationed group, the requests sent and waiting for its reply."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.integrity.permissions import can_answer_opinions
from qinglian.integrity.selectors.opinions import waiting_for_reply

LIMIT = 50


def opinions_to_answer(user: Any) -> list[TodoItem]:
    if not can_answer_opinions(user):
        return []
    return [
        TodoItem(
            title=f"党风廉政意见：{row.request.title}",
            link=reverse("integrity_opinion", args=[row.request.pk]),
            detail=f"{row.people}人，已答{row.answered}人",
            due=row.due,
            overdue=row.overdue,
        )
        for row in waiting_for_reply(user, clock.today())[:LIMIT]
    ]


def opinions_to_answer_count(user: Any) -> int:
    if not can_answer_opinions(user):
        return 0
    from qinglian.integrity.models import OpinionRequest

    return OpinionRequest.objects.visible_to(user).filter(sent_on__isnull=False, replied_on__isnull=True).count()


register_todo(
    TodoSource("integrity_opinions", "待回复党风廉政意见", opinions_to_answer, opinions_to_answer_count, order=30)
)
