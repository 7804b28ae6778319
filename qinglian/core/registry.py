"""What each app adds to the shell: menu entries and workbench widgets.

Apps register in their AppConfig.ready(); the shell shows an entry only when its `allowed(user)` says so,
so navigation lists only what exists and what the person may open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
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


class Tier(IntEnum):
    """Where a workbench card stands: the person's own work first (the first card full width), then what they
    answer for or follow, then background, in smaller cards. On a phone the page is one column in this order."""

    ACTION = 1  # 待我处理: what this person must do or decide
    FOLLOW = 2  # 我关注的: what they answer for or keep an eye on
    BACKGROUND = 3  # 概况: figures and information, nothing to do


@dataclass(frozen=True)
class Widget:
    """A workbench card. `render(request)` returns template context or None when it has nothing to show.

    `tier` is a Tier or a function of the user giving one (a unit's tasks are a unit head's work but a cadre's
    background); cards sort by tier, then `order`."""

    template: str
    render: Callable[[HttpRequest], dict | None]
    order: int = 100
    tier: Tier | Callable[[Any], Tier] = Tier.BACKGROUND

    def tier_for(self, user: Any) -> Tier:
        return self.tier if isinstance(self.tier, Tier) else self.tier(user)


NAV: list[NavItem] = []
WIDGETS: list[Widget] = []
# Readers of names a proofreading check must never flag (user -> names), e.g. the NPC deputies: registered by the
# app that keeps them, asked by docreview (selectors.own_words), which may not import a sibling domain app.
PROPER_NAME_SOURCES: list[Callable[[Any], Iterable[str]]] = []
# URL names (pages and API operations) through which the stationed discipline group writes what is its own to
# write — a reply to a Party-conduct opinion request, a discipline or supervision proposal (decision 0010). Its
# accounts are read-only everywhere else; the view behind each name still checks who may write.
STATIONED_GROUP_WRITES: set[str] = set()


def register_nav(*items: NavItem) -> None:
    NAV.extend(items)
    NAV.sort(key=lambda item: item.order)


def register_stationed_group_writes(*url_names: str) -> None:
    STATIONED_GROUP_WRITES.update(url_names)


def register_proper_names(read: Callable[[Any], Iterable[str]]) -> None:
    PROPER_NAME_SOURCES.append(read)


def register_widget(widget: Widget) -> None:
    WIDGETS.append(widget)
    WIDGETS.sort(key=lambda w: w.order)


def nav_for(user: Any) -> list[tuple[str, list[NavItem]]]:
    sections: dict[str, list[NavItem]] = {}
    for item in NAV:
        if item.allowed(user):
            sections.setdefault(item.section, []).append(item)
    return list(sections.items())
