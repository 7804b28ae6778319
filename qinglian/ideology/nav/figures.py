"""意识形态概况 in the menu (section 意识形态, order 131) for the organ readers, and the workbench card of the
party-affairs office and the leaders: the year's key figures so far and the online outlets gone silent, each linked
to the rows it counts. The menu predicate reads the scope only (no query); the card computes only the groups it
shows (pieces and outlets: about ten queries whatever the rows)."""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.ideology.selectors.figures import reads_organ, year_figures
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

SECTION = "意识形态"
CARD_PARTS = frozenset({"pieces", "outlets"})
CARD_FIGURES = ("pieces_reviewed", "pieces_published", "caught_total", "caught_political", "outlets_silent")

register_nav(NavItem(SECTION, "意识形态概况", "ideology_figures_page", reads_organ, "bar-chart", 131))


def card_reader(user) -> bool:
    """The party-affairs office and the leaders follow the year's figures (the stationed group reads the page)."""
    scope = scope_of(user)
    return scope.is_business and scope.has(Role.PARTY_OFFICER, Role.LEADER)


def figures_widget(request: HttpRequest) -> dict | None:
    if not card_reader(request.user):
        return None
    figures = year_figures(request.user, clock.today().year, parts=CARD_PARTS)
    shown = []
    for key in CARD_FIGURES:
        try:
            shown.append(figures.figure(key))
        except KeyError:  # no IDEO-001 figure in force: nothing to call silent
            continue
    return {"figures": figures, "shown": shown}


register_widget(Widget("ideology/figures_widget.html", figures_widget, 131, Tier.FOLLOW))
