"""What the domain apps bring to compliance's pages: the sources of 我的待办 beyond findings (a 督办单 to answer …)
and the actions a finding's page offers beyond its own transitions (发督办单 …).

compliance may not import the domain apps, so they come to it: an app's `todos.py` (imported by
registry.discover, as its `rules` are) calls `register_todo(TodoSource(...))` and `register_finding_action(...)`.
The to-do page lists each source with its items, the badge counts them; a finding's page shows each action that
gives the viewer a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TodoItem:
    title: str
    link: str
    detail: str = ""
    due: dt.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class TodoSource:
    """`items(user)` returns what waits for `user`, most urgent first; `count(user)` how many (for the badge)."""

    key: str
    label: str
    items: Callable[[Any], list[TodoItem]]
    count: Callable[[Any], int]
    order: int = 100


SOURCES: dict[str, TodoSource] = {}


def register_todo(source: TodoSource) -> None:
    SOURCES[source.key] = source


def todo_sections(user: Any) -> list[tuple[TodoSource, list[TodoItem]]]:
    """Each registered source with the user's items, in order; sources with nothing for the user are left out."""
    sections = []
    for source in sorted(SOURCES.values(), key=lambda s: s.order):
        items = source.items(user)
        if items:
            sections.append((source, items))
    return sections


def todo_count(user: Any) -> int:
    return sum(source.count(user) for source in SOURCES.values())


@dataclass(frozen=True)
class FindingAction:
    """`link(finding, user)`: where the action starts for this viewer (a prefilled form), or None when it is not
    theirs to take or does not apply to the finding. The app's own service still decides when the form is sent."""

    key: str
    label: str
    link: Callable[[Any, Any], str | None]
    order: int = 100


FINDING_ACTIONS: dict[str, FindingAction] = {}


def register_finding_action(action: FindingAction) -> None:
    FINDING_ACTIONS[action.key] = action


def finding_actions(finding: Any, user: Any) -> list[tuple[str, str]]:
    """(label, link) of every registered action open to `user` on `finding`, in order."""
    actions = sorted(FINDING_ACTIONS.values(), key=lambda a: a.order)
    return [(action.label, link) for action in actions if (link := action.link(finding, user))]
