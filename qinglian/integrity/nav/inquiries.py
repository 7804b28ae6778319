"""Menu entries and workbench cards of the proposals (纪检监察建议, order 103) and letters of inquiry (谈话函询,
order 104; 导入谈话函询, order 104 too, for the party-affairs office; 导入纪检监察建议, order 103 too, for the
stationed group); the stationed group's registered writes.

The stationed group's accounts are read-only everywhere (org/middleware.py) except the URL names registered here:
the page, import and API operations by which it records (creates, or corrects before any reply) its own proposals. The
views and services behind them check `can_issue_proposals` themselves; replying stays the organ's.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_stationed_group_writes, register_widget
from qinglian.integrity.nav.common import SECTION, page
from qinglian.integrity.permissions import can_issue_proposals, can_keep_inquiries
from qinglian.integrity.selectors.inquiries import proposal_figures, proposals_waiting
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

STATIONED_GROUP_WRITES = (
    "integrity_proposal_create",
    "integrity_proposal_edit",
    "integrity_proposal_import",  # the upload (POST); its template download is a GET and needs no registration
    "integrity_api_proposal_create",
    "integrity_api_proposal_update",
)
register_stationed_group_writes(*STATIONED_GROUP_WRITES)


def sees_proposals(user: Any) -> bool:
    """The organ readers (party-affairs office, leaders, the stationed group) and the heads of units."""
    scope = scope_of(user)
    return scope.has(Role.PARTY_OFFICER, Role.LEADER, Role.SUPERVISOR) or bool(scope.head_unit_ids)


def sees_inquiries(user: Any) -> bool:
    """The keepers: the party-affairs office and the stationed group. A person asked, or the secretary signing,
    opens their letter from the page's address (the list shows them theirs); asking the ledger for every page's menu
    would cost each of them a query."""
    return scope_of(user).has(Role.PARTY_OFFICER, Role.SUPERVISOR)


register_nav(
    NavItem(
        SECTION,
        "纪检监察建议",
        "integrity_proposals",
        page("integrity_proposals", sees_proposals),
        "clipboard-check",
        103,
    ),
    NavItem(
        SECTION,
        "导入纪检监察建议",
        "integrity_proposal_import",
        page("integrity_proposal_import", can_issue_proposals),
        "upload",
        103,
    ),
    NavItem(
        SECTION,
        "谈话函询",
        "integrity_inquiries",
        page("integrity_inquiries", sees_inquiries),
        "envelope-exclamation",
        104,
    ),
    NavItem(
        SECTION,
        "导入谈话函询",
        "integrity_inquiry_import",
        page("integrity_inquiry_import", can_keep_inquiries),
        "upload",
        104,
    ),
)


def waiting_widget(request: HttpRequest) -> dict | None:
    """待回复的纪检监察建议: for the party-affairs office and the target unit's head."""
    rows = proposals_waiting(request.user)
    if not rows:
        return None
    return {"proposals": rows[:8], "count": len(rows), "overdue": sum(1 for p in rows if p.state.overdue)}


def group_widget(request: HttpRequest) -> dict | None:
    """建议回复情况: for the stationed group, this year's proposals and last year's."""
    if not can_issue_proposals(request.user):
        return None
    year = clock.today().year
    return {"years": [(y, proposal_figures(request.user, y)) for y in (year, year - 1)]}


register_widget(Widget("integrity/widgets/proposals_waiting.html", waiting_widget, 30, Tier.ACTION))
register_widget(Widget("integrity/widgets/proposals_group.html", group_widget, 30, Tier.FOLLOW))
