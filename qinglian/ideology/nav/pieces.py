"""Menu entries of pieces (稿件三审, order 131; 我的审核, order 132) and the reviewer's workbench card (待我审核的稿件).

稿件三审 is for every business account that drafts (a staff member with a person) or reads the organ's pieces; 我的审核
for those who may sign (can_review). The predicates read the account's scope only (no query); the card runs the
queue (a bounded number of queries, selectors/pieces.py) and shows nothing when it is empty."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.ideology.permissions import can_review
from qinglian.ideology.selectors.pieces import review_queue
from qinglian.integrity.nav.common import page
from qinglian.org.scope import scope_of

SECTION = "意识形态"
CARD_ROWS = 8


def reads_pieces(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and (scope.person_id is not None or scope.reads_organ)


def queue_widget(request: HttpRequest) -> dict | None:
    rows = review_queue(request.user)
    if not rows:
        return None
    return {"rows": rows[:CARD_ROWS], "count": len(rows)}


register_nav(
    NavItem(
        SECTION, "稿件三审", "ideology_piece_list", page("ideology_piece_list", reads_pieces), "file-earmark-check", 131
    ),
    NavItem(SECTION, "我的审核", "ideology_piece_queue", page("ideology_piece_queue", can_review), "pen", 132),
)
# With the other "to decide" cards (the findings card is 30): a reviewer's pieces wait for them.
register_widget(Widget("ideology/pieces_widget.html", queue_widget, 35, Tier.ACTION))
