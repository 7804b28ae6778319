"""问题整改 in 我的待办: a measure owner's open measures due soon or overdue, and a leader's problems waiting for
销号 (every measure done with evidence, none they answer for)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.integrity.selectors import rectification as selectors

WARN_WORKING_DAYS = 10
LIMIT = 50


def measures_due(user: Any) -> list[TodoItem]:
    rows = selectors.measures_due(user, clock.today(), WARN_WORKING_DAYS)
    return [
        TodoItem(
            title=f"整改措施：{m.description[:30]}",
            link=reverse("integrity_rectification_measure", args=[m.pk]),
            detail=f"{m.problem.batch.title} 问题{m.problem.number}",
            due=m.deadline,
            overdue=m.is_overdue,
        )
        for m in rows[:LIMIT]
    ]


def measures_due_count(user: Any) -> int:
    return len(selectors.measures_due(user, clock.today(), WARN_WORKING_DAYS))


def problems_to_close(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"待销号：{p.batch.title} 问题{p.number}",
            link=reverse("integrity_rectification_problem", args=[p.pk]),
            detail=p.description[:60],
        )
        for p in selectors.problems_to_close(user)[:LIMIT]
    ]


def problems_to_close_count(user: Any) -> int:
    return len(selectors.problems_to_close(user))


register_todo(
    TodoSource("integrity_rectification_measures", "待完成的整改措施", measures_due, measures_due_count, order=60)
)
register_todo(
    TodoSource(
        "integrity_rectification_close", "待销号的整改问题", problems_to_close, problems_to_close_count, order=61
    )
)
