"""To-do source of the analysis and reporting schedule: items not done and due within ten working days or overdue —
for their responsible person, and for the party-affairs office the ones nobody is responsible for yet. One query
per call (selectors.reports.pending_items)."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock, workdays
from qinglian.ideology.selectors.reports import pending_items


def reports_due(user: Any) -> list[TodoItem]:
    today = clock.today()
    out = []
    for item in pending_items(user):
        overdue = workdays.is_overdue(item.due_on, today)
        who = "" if item.responsible_id else "（未指定责任人）"
        out.append(
            TodoItem(
                title=f"{item.title}{who}",
                link=f"/ideology/reports/{item.pk}/",
                detail=f"应于{item.due_on:%Y-%m-%d}前完成" + ("，已逾期" if overdue else ""),
                due=item.due_on,
                overdue=overdue,
            )
        )
    return out


register_todo(
    TodoSource(
        "ideology_reports",
        "意识形态分析研判和报告待完成",
        reports_due,
        lambda u: pending_items(u).count(),
        order=136,
    )
)
