"""To-do sources of the 一会一报 register: the steps waiting for the user (a head of the hosting unit, a
supervising leader or the Party group secretary, the party-affairs office), the earliest event first; and the
applicant's approved forums whose day has passed, to mark held (or cancelled). A few queries whatever the size of
the register (selectors.forums)."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.core import clock
from qinglian.ideology.choices import ForumStep
from qinglian.ideology.selectors.forums import to_mark_held, waiting_for


def steps_to_decide(user: Any) -> list[TodoItem]:
    today = clock.today()
    return [
        TodoItem(
            title=f"{forum.held_on:%Y-%m-%d} {forum.title}",
            link=f"/ideology/forums/{forum.pk}/",
            detail=f"{forum.unit.name}报备，待{ForumStep(step).label}",
            due=forum.held_on,
            overdue=forum.held_on <= today,
        )
        for forum, step in waiting_for(user)
    ]


def forums_to_mark(user: Any) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"{forum.held_on:%Y-%m-%d} {forum.title}",
            link=f"/ideology/forums/{forum.pk}/",
            detail="已批准，举办日已到：请登记已举办，未举办的请登记取消",
            due=forum.held_on,
        )
        for forum in to_mark_held(user)
    ]


register_todo(
    TodoSource(
        "ideology_forum_steps",
        "一会一报待审批",
        steps_to_decide,
        lambda u: len(waiting_for(u)),
        order=134,
    )
)
register_todo(
    TodoSource(
        "ideology_forum_held",
        "一会一报待登记举办情况",
        forums_to_mark,
        lambda u: to_mark_held(u).count(),
        order=135,
    )
)
