"""To-do source of the gifts register: for the party-affairs office, gifts registered but not yet handled (their
hand-in and handling to record), oldest first."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.integrity.selectors.gifts import gifts_to_handle


def gifts_to_record(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{g.person.name} {g.received_on:%Y-%m-%d}收受的{g.description}",
            link=f"/integrity/gifts/{g.pk}/",
            detail="礼品已登记，待登记上交和处理情况",
            due=g.state.due,
            overdue=g.state.overdue,
        )
        for g in gifts_to_handle(user)
    ]


register_todo(
    TodoSource("integrity_gifts", "待处理的礼品登记", gifts_to_record, lambda u: len(gifts_to_handle(u)), order=42)
)
