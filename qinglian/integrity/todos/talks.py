"""To-do source of the 廉政谈话 ledger: for the personnel officer, the personnel events still awaiting their
integrity talk (任前 or 转岗/交流), earliest due first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.integrity.selectors.talks import awaiting_talks
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

LIMIT = 50


def _rows(user: Any) -> list:
    scope = scope_of(user)
    if not scope.has(Role.PERSONNEL_OFFICER) or scope.read_only:
        return []
    return awaiting_talks(user)


def talks_awaiting(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{r.person_name}{r.kind_label}后的{r.expected_kind_label}",
            link=f"{reverse('integrity_talk_new')}?event={r.event_id}",
            detail=f"{r.event_date:%Y-%m-%d} {r.unit_name}{(' ' + r.to_post) if r.to_post else ''}",
            due=r.due,
            overdue=r.state == "overdue",
        )
        for r in _rows(user)[:LIMIT]
    ]


def talks_awaiting_count(user: Any) -> int:
    return len(_rows(user))


register_todo(TodoSource("integrity_talks", "待开展廉政谈话", talks_awaiting, talks_awaiting_count, order=60))
