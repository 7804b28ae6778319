"""To-do source of the outlet register: for the party-affairs office, each open new-media account still awaiting its
filing (待备案), due `filing_days` after it opened (IDEO-004 says when it turns red). Nobody else is asked: one
query for the office, none for anyone else."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.selectors.outlets import awaiting_filing


def to_file(user: Any) -> list[TodoItem]:
    if not can_keep_register(user):
        return []
    return [
        TodoItem(
            title=f"{o.name}（{o.get_kind_display()}）待备案",
            link=f"/ideology/outlets/{o.pk}/",
            detail=f"{o.opened_on:%Y-%m-%d}开设的政务新媒体尚未登记备案，请按规定备案后登记备案日期和编号",
        )
        for o in awaiting_filing(user)
    ]


def count_to_file(user: Any) -> int:
    return awaiting_filing(user).count() if can_keep_register(user) else 0


register_todo(TodoSource("ideology_outlets_filing", "待备案的政务新媒体", to_file, count_to_file, order=130))
