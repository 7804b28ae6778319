"""To-do source of the trips abroad ledger: for a delegation's leader, the 出访报告 of each trip they led that is
back home and has no report recorded yet, due `report_months` after return (FRG-053), oldest first."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.frugality.selectors.abroad import reports_due


def reports_to_hand_in(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{t.countries}出访报告（{t.depart_on:%Y-%m-%d}至{t.return_on:%Y-%m-%d}）",
            link=f"/frugality/abroad/{t.pk}/",
            detail="团组已回国，请提交出访报告（财务专责人员登记提交日期）",
            due=t.state.due,
            overdue=t.state.overdue,
        )
        for t in reports_due(user)
    ]


register_todo(
    TodoSource(
        "frugality_abroad_reports", "待提交的出访报告", reports_to_hand_in, lambda u: len(reports_due(u)), order=60
    )
)
