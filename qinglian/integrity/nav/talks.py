"""Menu entries and workbench cards of the 廉政谈话 ledger.

Menu (orders 90–93): the ledger for every business account (each sees the talks they are in; the readers all),
应谈未谈 for the readers of talks, record and import for the writers. Cards: the personnel officer and the
party-affairs office get 近期人事变动应谈话 (events with no talk yet and their due dates); a cadre 我的廉政谈话
(this year's talks where they were talked to or attended).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.integrity.nav.common import SECTION, business, page
from qinglian.integrity.permissions import can_record_talks
from qinglian.integrity.querysets import READERS
from qinglian.integrity.selectors.talks import awaiting_talks, my_talks
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

CARD_ROWS = 8


def _readers(user: Any) -> bool:
    return scope_of(user).has(*READERS)


register_nav(
    NavItem(SECTION, "廉政谈话", "integrity_talks", page("integrity_talks", business), "chat-square-text", 90),
    NavItem(
        SECTION,
        "应谈未谈",
        "integrity_talks_expected",
        page("integrity_talks_expected", _readers),
        "person-exclamation",
        91,
    ),
    NavItem(
        SECTION, "登记廉政谈话", "integrity_talk_new", page("integrity_talk_new", can_record_talks), "plus-square", 92
    ),
    NavItem(
        SECTION, "廉政谈话导入", "integrity_talk_import", page("integrity_talk_import", can_record_talks), "upload", 93
    ),
)


def events_widget(request: HttpRequest) -> dict | None:
    """近期人事变动应谈话: for the personnel officer and the party-affairs office, the events still without a talk
    (last month's and any older one still open), earliest due first."""
    user = request.user
    if not scope_of(user).has(Role.PERSONNEL_OFFICER, Role.PARTY_OFFICER):
        return None
    rows = awaiting_talks(user)
    if not rows:
        return None
    return {"rows": rows[:CARD_ROWS], "count": len(rows), "can_record": can_record_talks(user)}


def mine_widget(request: HttpRequest) -> dict | None:
    """我的廉政谈话: a cadre's talks of this year, as the person talked to or present at a collective talk."""
    scope = scope_of(request.user)
    if not scope.has(Role.CADRE) or scope.person_id is None:
        return None
    year = clock.today().year
    talks = my_talks(request.user, year)
    return {"talks": talks, "year": year} if talks else None


register_widget(Widget("integrity/widgets/talk_events.html", events_widget, 90, Tier.ACTION))
register_widget(Widget("integrity/widgets/talk_mine.html", mine_widget, 91, Tier.BACKGROUND))
