"""党风廉政意见回复 in the menu (orders 94–95), its workbench cards — the stationed group's "待回复的党风廉政意见",
the personnel officer's "意见征求进度" — and the stationed group's own writes.

The stationed group's accounts are read-only everywhere (org/middleware.py, decision 0010) except the URL names
registered here: the page and API operations by which the group edits a summary, answers a person, redrafts a
summary and issues the reply, and the upload of its past replies (导入党风廉政意见回复, order 95, the group only).
Their views and services check `can_answer_opinions` themselves.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_stationed_group_writes, register_widget
from qinglian.integrity.nav.common import SECTION, page
from qinglian.integrity.permissions import can_answer_opinions, can_request_opinions
from qinglian.integrity.querysets import OpinionQuerySet
from qinglian.integrity.selectors.opinions import progress, waiting_for_reply
from qinglian.org.scope import scope_of

GROUP_WRITES = (
    "integrity_opinion_item_answer",
    "integrity_opinion_item_redraft",
    "integrity_opinion_issue",
    "integrity_api_opinion_answer",
    "integrity_api_opinion_summary",
    "integrity_api_opinion_issue",
    "integrity_opinion_import",  # the group's import of its past replies (the template download is a GET)
)
register_stationed_group_writes(*GROUP_WRITES)


def reads_opinions(user: Any) -> bool:
    scope = scope_of(user)
    return scope.is_business and scope.has(*OpinionQuerySet.readers)


register_nav(
    NavItem(
        SECTION,
        "党风廉政意见回复",
        "integrity_opinions",
        page("integrity_opinions", reads_opinions),
        "envelope-check",
        94,
    ),
    NavItem(
        SECTION,
        "征求党风廉政意见",
        "integrity_opinion_new",
        page("integrity_opinion_new", can_request_opinions),
        "send",
        95,
    ),
    NavItem(
        SECTION,
        "导入党风廉政意见回复",
        "integrity_opinion_import",
        page("integrity_opinion_import", can_answer_opinions),
        "upload",
        95,
    ),
)


def waiting_widget(request: HttpRequest) -> dict | None:
    """The stationed group's card: requests sent and not replied, earliest deadline first."""
    if not can_answer_opinions(request.user):
        return None
    rows = waiting_for_reply(request.user, clock.today())
    return {"rows": rows[:8], "count": len(rows)}


def progress_widget(request: HttpRequest) -> dict | None:
    """The personnel officer's card: drafts, requests waiting for the reply, the last replies."""
    scope = scope_of(request.user)
    if not (can_request_opinions(request.user) and scope.has("personnel_officer")):
        return None
    return {"rows": progress(request.user, clock.today())}


register_widget(Widget("integrity/widgets/opinions_waiting.html", waiting_widget, 24, Tier.ACTION))
register_widget(Widget("integrity/widgets/opinions_progress.html", progress_widget, 26, Tier.FOLLOW))
