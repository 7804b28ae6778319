"""To-do source of the standard tables: for the finance officer, the example tables (待核实) in force today that the
rules read — each to be replaced by importing the real table from its published document."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.frugality.models import StandardTable
from qinglian.frugality.permissions import can_keep_standards
from qinglian.frugality.selectors.standards import unconfirmed_in_force


def _examples(user: Any) -> list[StandardTable]:
    return unconfirmed_in_force(user, clock.today()) if can_keep_standards(user) else []


def examples_to_replace(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{t.get_kind_display()}：{t.title}",
            link=f"/frugality/standards/{t.pk}/",
            detail="示例标准，待核实：请按正式文件导入新版本，并为本表设置失效日期或作废",
        )
        for t in _examples(user)
    ]


register_todo(
    TodoSource(
        "frugality_standards",
        "待核实的示例标准表",
        examples_to_replace,
        lambda user: len(_examples(user)),
        order=120,
    )
)
