"""个人有关事项报告 in the menu (orders 96–98) and its workbench cards.

The keepers' entries (报告情况, 抽查核实) are shown only to the personnel officer and the stationed group — never to
the party-affairs office, leaders or unit heads (their URLs are 404 for them too); "我的个人事项报告" only to a
person who must report or has reported. Cards: the cadre's own report (due date, status), for obliged people only;
the personnel officer's 个人事项报告受理 (this year's missing and late, unreceived, checks without outcome).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.integrity.nav.common import SECTION, page
from qinglian.integrity.selectors import personal as selectors
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of


def in_circle(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and scope.has(Role.PERSONNEL_OFFICER, Role.SUPERVISOR)


def reports_own(user: Any) -> bool:
    """Every staff member with a person: the page says whether they must report. Asking the ledger here would cost
    every page of every cadre a few queries for a menu entry (the workbench card is for those who must)."""
    scope = scope_of(user)
    return scope.is_business and not scope.read_only and scope.person_id is not None


register_nav(
    NavItem(
        SECTION, "个人有关事项报告", "integrity_personal", page("integrity_personal", in_circle), "person-lock", 96
    ),
    NavItem(
        SECTION,
        "我的个人事项报告",
        "integrity_personal_mine",
        page("integrity_personal_mine", reports_own),
        "person-vcard",
        97,
    ),
    NavItem(
        SECTION,
        "个人事项抽查核实",
        "integrity_personal_checks",
        page("integrity_personal_checks", in_circle),
        "search",
        98,
    ),
)


def own_widget(request: HttpRequest) -> dict | None:
    """我的个人事项报告: this year's annual report, due date and status — for obliged people only."""
    if not selectors.obliged_now(request.user):
        return None
    status = selectors.own_status(request.user)
    if status is None or not status.obliged:
        return None
    return {"status": status}


def desk_widget(request: HttpRequest) -> dict | None:
    desk = selectors.keeper_desk(request.user)
    return {"desk": desk} if desk is not None else None


register_widget(Widget("integrity/widgets/personal_mine.html", own_widget, 57, Tier.ACTION))
register_widget(Widget("integrity/widgets/personal_desk.html", desk_widget, 58, Tier.ACTION))
