"""The 人大履职 menu entries and the desks' workbench cards (imported from NpcConfig.ready()).

Orders 70–89 keep the section together. Pages built in other files (meetings, stations, figures, import)
are listed by url name and shown only once that name resolves, so the menu never links to a page that
does not exist yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_proper_names, register_widget
from qinglian.npc.permissions import can_write_materials, can_write_suggestions
from qinglian.npc.selectors.setup import deputy_list
from qinglian.npc.selectors.workbench import materials_desk, suggestion_desk
from qinglian.org.scope import scope_of

SECTION = "人大履职"


def resolves(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def _business(user: Any) -> bool:
    return scope_of(user).is_business


def _page(url_name: str, allowed: Callable[[Any], bool] = _business) -> Callable[[Any], bool]:
    """`allowed`, and only once the page exists."""
    return lambda user: resolves(url_name) and allowed(user)


NAV_ITEMS = [
    NavItem(SECTION, "代表建议办理", "npc_suggestions", _page("npc_suggestions"), "envelope-paper", 70),
    NavItem(SECTION, "办理情况报告", "npc_reports", _page("npc_reports"), "journal-check", 72),
    NavItem(SECTION, "会议材料", "npc_meetings", _page("npc_meetings"), "folder2-open", 74),
    NavItem(SECTION, "代表联络站", "npc_stations", _page("npc_stations"), "house-door", 76),
    NavItem(SECTION, "年度履职数据", "npc_figures", _page("npc_figures"), "bar-chart-line", 78),
    NavItem(SECTION, "代表与承办单位", "npc_deputies", _page("npc_deputies"), "person-vcard", 82),
    NavItem(SECTION, "导入代表建议", "npc_import", _page("npc_import", can_write_suggestions), "upload", 86),
]


register_nav(*NAV_ITEMS)


# --- the desks' workbench cards: the desk's own work, so first on its people's workbench -------------------------


def suggestions_widget(request: HttpRequest) -> dict | None:
    """For the suggestions desk: this year's suggestions by stage, and the reply deadlines overdue and coming."""
    if not can_write_suggestions(request.user):
        return None
    desk = suggestion_desk(request.user, clock.today())
    return {"desk": desk, "overdue": desk.overdue, "due_soon": desk.due_soon}


def materials_widget(request: HttpRequest) -> dict | None:
    """For the materials desk: the coming meetings' missing materials and the deadlines ahead."""
    if not can_write_materials(request.user):
        return None
    return {"desk": materials_desk(request.user, clock.today())}


register_widget(Widget("npc/widgets/suggestions.html", suggestions_widget, 21, Tier.ACTION))
register_widget(Widget("npc/widgets/materials.html", materials_widget, 21, Tier.ACTION))


def deputy_names(user: Any) -> list[str]:
    """Every deputy's name, those who left included: 公文审校 never flags them (docreview.selectors.own_words)."""
    return list(deputy_list(user, include_inactive=True).values_list("name", flat=True))


register_proper_names(deputy_names)
