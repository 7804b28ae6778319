"""Reads for the two desks' workbench cards, each figure read as the page it links to reads it:

- the suggestions desk: this year's suggestions by stage (the ledger filtered by year and status) and the reply
  deadlines (the ledger's 已超期 and 即将到期 filters);
- the materials desk: the coming meetings with, per meeting, the agenda items whose materials are missing (the
  deadline passed, nothing sent: 未报送 on the meeting's page) and those still to come (未到期), nearest deadline first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from qinglian.core import workdays
from qinglian.npc.choices import SuggestionStatus
from qinglian.npc.models import MeetingAgendaItem, NpcMeeting
from qinglian.npc.selectors import meetings, suggestions
from qinglian.org.scope import scope_of

# --- the suggestions desk ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    status: str
    label: str
    count: int


@dataclass
class SuggestionDesk:
    year: int
    stages: list[Stage]
    overdue: int  # assigned, unreplied, past the reply deadline (all years, as the ledger's 已超期 filter)
    due_soon: int  # due within DUE_SOON_WORKING_DAYS working days (the ledger's 即将到期 filter)
    nearest: list[tuple[suggestions.SuggestionRow, int]]  # (row, working days left), nearest first
    days: int = suggestions.DUE_SOON_WORKING_DAYS


def suggestion_desk(user: Any, today: dt.date) -> SuggestionDesk:
    by_status = dict(
        suggestions.suggestion_list(user, year=today.year)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    stages = [Stage(status.value, status.label, by_status.get(status.value, 0)) for status in SuggestionStatus]
    waiting = suggestions.awaiting_reply(
        suggestions.suggestion_list(user), organ_id=scope_of(user).organ_id, today=today
    )
    soon = suggestions.due_soon_rows(waiting, today=today)
    return SuggestionDesk(
        year=today.year,
        stages=stages,
        overdue=suggestions.suggestion_list(user, overdue=True, as_of=today).count(),
        due_soon=len(soon),
        nearest=[(row, workdays.working_days_between(today, row.due)) for row in soon[:5]],
    )


# --- the materials desk ------------------------------------------------------------------------------------------


@dataclass
class Pending:
    item: MeetingAgendaItem
    left: int | None  # working days to its deadline; None when it has none


@dataclass
class ComingMeeting:
    meeting: NpcMeeting
    missing: list[MeetingAgendaItem]  # 未报送: the deadline passed and nothing was sent
    pending: list[Pending]  # 未到期: nothing sent yet, deadline still ahead, nearest first


@dataclass
class MaterialsDesk:
    meetings: list[ComingMeeting]

    @property
    def missing(self) -> int:
        return sum(len(m.missing) for m in self.meetings)

    @property
    def pending(self) -> int:
        return sum(len(m.pending) for m in self.meetings)


def materials_desk(user: Any, today: dt.date, *, limit: int = 5) -> MaterialsDesk:
    """The next `limit` meetings from today on, each with its items' states as its page shows them
    (`meetings.item_timeliness`). A meeting already held is past help and stays on the ledger's figures."""
    coming = meetings.meeting_list(user).filter(date__gte=today).order_by("date", "id")[:limit]
    rows = []
    for meeting in coming:
        missing, pending = [], []
        for item in meeting.items.all():
            state = meetings.item_timeliness(item, today)
            if state == "missing":
                missing.append(item)
            elif state is None:
                left = workdays.working_days_between(today, item.deadline) if item.deadline else None
                pending.append(Pending(item, left))
        pending.sort(key=lambda p: (p.item.deadline is None, p.item.deadline or dt.date.max))
        rows.append(ComingMeeting(meeting, missing, pending))
    return MaterialsDesk(rows)
