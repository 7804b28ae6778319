"""问题整改 in the menu (orders 101–102) and its workbench cards: a measure owner's 我的整改措施 (due soon or overdue),
a leader's 待销号的整改问题 (all measures done with evidence, not yet closed, none they answer for), and the
party-affairs office's 整改进度."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.integrity import permissions
from qinglian.integrity.nav.common import SECTION, page
from qinglian.integrity.selectors import rectification as selectors
from qinglian.org.scope import scope_of

WARN_WORKING_DAYS = 10  # a measure shows on its owner's card this many working days before its deadline


def _has_measures(user: Any) -> bool:
    """Every staff member with a person (the page lists theirs, or none): asking the ledger here would cost every
    page a query for a menu entry; the workbench card shows only to owners."""
    scope = scope_of(user)
    return scope.is_business and not scope.read_only and scope.person_id is not None


register_nav(
    NavItem(SECTION, "问题整改", "integrity_rectification", page("integrity_rectification"), "clipboard2-check", 101),
    NavItem(
        SECTION,
        "我的整改措施",
        "integrity_rectification_mine",
        page("integrity_rectification_mine", _has_measures),
        "person-check",
        102,
    ),
)


def my_measures_widget(request: HttpRequest) -> dict | None:
    rows = selectors.measures_due(request.user, clock.today(), WARN_WORKING_DAYS)
    if not rows:
        return None
    return {"measures": rows[:10], "count": len(rows), "overdue": sum(m.is_overdue for m in rows)}


def to_close_widget(request: HttpRequest) -> dict | None:
    if not permissions.can_close_problems(request.user):
        return None
    rows = selectors.problems_to_close(request.user)
    return {"problems": rows[:10], "count": len(rows)} if rows else None


def progress_widget(request: HttpRequest) -> dict | None:
    if not permissions.can_keep_rectification(request.user):
        return None
    batches = selectors.organ_progress(request.user)
    return {"batches": batches} if batches else None


register_widget(Widget("integrity/widgets/rectification_mine.html", my_measures_widget, 60, Tier.ACTION))
register_widget(Widget("integrity/widgets/rectification_close.html", to_close_widget, 61, Tier.ACTION))
register_widget(Widget("integrity/widgets/rectification_progress.html", progress_widget, 62, Tier.FOLLOW))
