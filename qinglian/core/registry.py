"""What each app adds to the shell: menu entries and workbench widgets.

Apps register in their AppConfig.ready(); the shell shows an entry only when its `allowed(user)` says so,
so navigation lists only what exists and what the person may open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    section: str  # the domain heading in the menu, e.g. "组织与人员"
    label: str
    url_name: str
    allowed: Callable[[Any], bool]
    icon: str = "circle"
    order: int = 100


@dataclass(frozen=True)
class Widget:
    """A workbench card. `render(request)` returns template context or None when it has nothing to show."""

    template: str
    render: Callable[[HttpRequest], dict | None]
    order: int = 100


NAV: list[NavItem] = []
WIDGETS: list[Widget] = []


def register_nav(*items: NavItem) -> None:
    NAV.extend(items)
    NAV.sort(key=lambda item: item.order)


def register_widget(widget: Widget) -> None:
    WIDGETS.append(widget)
    WIDGETS.sort(key=lambda w: w.order)


def nav_for(user: Any) -> list[tuple[str, list[NavItem]]]:
    sections: dict[str, list[NavItem]] = {}
    for item in NAV:
        if item.allowed(user):
            sections.setdefault(item.section, []).append(item)
    return list(sections.items())
