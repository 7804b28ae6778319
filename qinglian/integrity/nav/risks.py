"""Menu entries and workbench cards of the 廉政风险点 register: the register (order 99) and its import (100, for those
who keep risk points); the unit head's card 本委室廉政风险点 and the party-affairs office's 风险点复核到期."""

from __future__ import annotations

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.integrity.nav.common import SECTION, page
from qinglian.integrity.permissions import can_keep_risks
from qinglian.integrity.selectors.risks import OVERDUE, due_for_review, unit_card
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

CARD_ROWS = 8

register_nav(
    NavItem(SECTION, "廉政风险点", "integrity_risks", page("integrity_risks"), "shield-exclamation", 99),
    NavItem(
        SECTION, "导入廉政风险点", "integrity_risk_import", page("integrity_risk_import", can_keep_risks), "upload", 100
    ),
)


def unit_widget(request: HttpRequest) -> dict | None:
    """For a unit head: the risk points of the units they head, by level, and those due for review."""
    card = unit_card(request.user)
    if card is None:
        return None
    return {"card": card, "due": card.due[:CARD_ROWS], "overdue": sum(1 for r in card.due if r.review_state == OVERDUE)}


def due_widget(request: HttpRequest) -> dict | None:
    """For the party-affairs office: the organ's risk points overdue or due soon for review."""
    if not scope_of(request.user).has(Role.PARTY_OFFICER):
        return None
    due = due_for_review(request.user)
    overdue = sum(1 for r in due if r.review_state == OVERDUE)
    return {"due": due[:CARD_ROWS], "overdue": overdue, "soon": len(due) - overdue}


register_widget(Widget("integrity/widgets/risk_unit.html", unit_widget, 60, Tier.FOLLOW))
register_widget(Widget("integrity/widgets/risk_due.html", due_widget, 60, Tier.FOLLOW))
