"""我的待办 of the 廉政风险点 register: for a unit head, the risk points of the units they head that are overdue or due
soon for review (INT-030's terms) — only a unit head or the party-affairs office records a review, and the
office follows the whole organ on its workbench card instead."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.integrity.selectors.risks import OVERDUE, due_for_review
from qinglian.org.scope import scope_of

LIMIT = 50


def _due(user: Any) -> list:
    scope = scope_of(user)
    if not scope.is_business or scope.read_only or not scope.head_unit_ids:
        return []
    return due_for_review(user, unit_ids=scope.head_unit_ids)


def _since(risk: Any) -> str:
    if risk.last_review:
        return f"最近复核：{risk.last_review:%Y-%m-%d}"
    return f"排查于{risk.identified_on:%Y-%m-%d}，尚未复核"


def risks_to_review(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"复核廉政风险点：{risk.unit.name}{' ' + risk.post if risk.post else ''} {risk.matter}",
            link=reverse("integrity_risk_review", args=[risk.pk]),
            detail=f"最近复核：{risk.last_review:%Y-%m-%d}"
            if risk.last_review
            else f"排查于{risk.identified_on:%Y-%m-%d}，尚未复核",
            due=risk.review_due,
            overdue=risk.review_state == OVERDUE,
        )
        for risk in _due(user)[:LIMIT]
    ]


def risks_to_review_count(user: Any) -> int:
    return len(_due(user))


register_todo(TodoSource("integrity_risks", "待复核廉政风险点", risks_to_review, risks_to_review_count, order=60))
