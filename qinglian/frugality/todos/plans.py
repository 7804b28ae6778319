"""To-do source of the yearly plans: for the finance officer, this year's and last year's plans entered without the
Party group's approval date — a meeting or course counts as planned only under an approved plan (FRG-020, FRG-030)."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.selectors.plans import plans_to_approve


def _waiting(user: Any) -> list:
    if not can_keep_ledgers(user):
        return []
    return list(plans_to_approve(user, clock.today()))


def plans_to_complete(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=str(plan),
            link=f"/frugality/plans/{plan.pk}/",
            detail="年度计划已录入，尚未填写党组会审批日期",
        )
        for plan in _waiting(user)
    ]


register_todo(
    TodoSource("frugality_plans", "待补录审批的年度计划", plans_to_complete, lambda u: len(_waiting(u)), order=111)
)
