"""The sources of 我的待办 beyond findings: each app lists what waits for the person (a 督办单 to answer …).

compliance may not import the domain apps, so they come to it: an app's `todos.py` (imported by
registry.discover, as its `rules` are) calls `register_todo(TodoSource(...))`. The page lists each source with its
items; the badge counts them.
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
