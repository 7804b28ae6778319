"""Reads of the meeting-materials ledger (会议材料): meetings with their agenda items and submitted versions,
whether each item's materials came on time, and the loaders the rules and figures share.

Every user-facing list starts from `visible_to(user)`; one meeting from `access_npc_meeting`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from qinglian.core import asof
from qinglian.npc.deadlines import local_date
from qinglian.npc.models import MaterialSubmission, MeetingAgendaItem, NpcMeeting
from qinglian.npc.permissions import access_npc_meeting
from qinglian.org.models import Person

# item_timeliness → its label on the pages and in the API. None: not yet due and nothing sent.
TIMELINESS_LABELS: dict[str | None, str] = {"on_time": "按时", "late": "逾期", "missing": "未报送", None: "未到期"}


def with_submissions(qs: QuerySet[MeetingAgendaItem]) -> QuerySet[MeetingAgendaItem]:
    """Items with their meeting, submitting unit and submitted versions (by version, with who signed)."""
    subs = MaterialSubmission.objects.select_related("received_by").order_by("version")
    return qs.select_related("meeting", "submitting_unit").prefetch_related(Prefetch("submissions", queryset=subs))


def _with_items(qs: QuerySet[NpcMeeting]) -> QuerySet[NpcMeeting]:
    return qs.prefetch_related(Prefetch("items", queryset=with_submissions(MeetingAgendaItem.objects.all())))


def meeting_list(user: Any, *, year: int | None = None, kind: str | None = None) -> QuerySet[NpcMeeting]:
    """Meetings the user may see, filtered, with their items and submissions."""
    qs = NpcMeeting.objects.visible_to(user)
    if year is not None:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return _with_items(qs)


def load_meeting(user: Any, pk: Any) -> NpcMeeting:
    """One meeting (access checked: 404 when invisible) with its items and submissions."""
    meeting = access_npc_meeting(user, pk)
    return _with_items(NpcMeeting.objects.filter(pk=meeting.pk)).get()


def load_item(pk: int) -> MeetingAgendaItem:
    """One agenda item (already access checked) with its submissions."""
    return with_submissions(MeetingAgendaItem.objects.filter(pk=pk)).get()


def receivers(user: Any) -> QuerySet[Person]:
    """Who may be named as signing for a submitted version: the people of the organ the user sees."""
    return Person.objects.visible_to(user).order_by("name")


def agenda_item_list(
    user: Any,
    *,
    year: int | None = None,
    unit_id: int | None = None,
    kind: str | None = None,
    meeting_kind: str | None = None,
) -> QuerySet[MeetingAgendaItem]:
    """Agenda items the user may see by meeting date, filtered by the meeting's year and kind, the submitting
    unit and the item's kind."""
    qs = MeetingAgendaItem.objects.visible_to(user).filter(meeting__deleted_at=None)
    qs = qs.select_related("meeting", "submitting_unit").prefetch_related("submissions")
    if year is not None:
        qs = qs.filter(meeting__date__year=year)
    if meeting_kind:
        qs = qs.filter(meeting__kind=meeting_kind)
    if unit_id is not None:
        qs = qs.filter(submitting_unit_id=unit_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("meeting__date", "order", "pk")


def agenda_items_with_submissions(*, organ_id: int, years: list[int]) -> list[MeetingAgendaItem]:
    """Agenda items of the organ's meetings held in `years`, with meeting, unit and submissions (for rules and
    figures, computed for the whole organ)."""
    rows = MeetingAgendaItem.objects.filter(organ_id=organ_id, meeting__date__year__in=years, meeting__deleted_at=None)
    return list(with_submissions(rows))


def agenda_items_as_of(*, organ_id: int, years: list[int], as_of: dt.date) -> list[MeetingAgendaItem]:
    """Agenda items of the organ's meetings held in `years` as the ledger stood at the end of `as_of` (for the
    rules run for that day), with meeting, unit and submissions.

    An item is a plan, so the items of a meeting after `as_of` stand (their deadlines may be coming due); a
    submission made after `as_of` had not been made and is left out, so `submission_dates` gives the first and
    the final version as they were that day. Rows soft-deleted after `as_of` are kept (`core.asof.live_on`).
    """
    alive = asof.live_on(as_of)
    subs = MaterialSubmission.all_objects.filter(alive, submitted_at__lte=asof.end_of_day(as_of)).order_by("version")
    rows = MeetingAgendaItem.all_objects.filter(
        alive, asof.live_on(as_of, "meeting__"), organ_id=organ_id, meeting__date__year__in=years
    )
    return list(rows.select_related("meeting", "submitting_unit").prefetch_related(Prefetch("submissions", subs)))


# --- whether the materials came on time, from prefetched submissions ------------------------------------


def submission_dates(item: MeetingAgendaItem) -> tuple[dt.date | None, dt.date | None]:
    """(day of the first submission, day of the first version marked final), from prefetched submissions."""
    subs = list(item.submissions.all())
    first = min((local_date(s.submitted_at) for s in subs), default=None)
    final = min((local_date(s.submitted_at) for s in subs if s.is_final), default=None)
    return first, final


def item_timeliness(item: MeetingAgendaItem, as_of: dt.date) -> str | None:
    """ "on_time" | "late" | "missing" (deadline passed, nothing submitted) | None (not yet due, nothing sent)."""
    first, final = submission_dates(item)
    if item.deadline is None:
        return None
    if first is None:
        return "missing" if as_of > item.deadline else None
    if first > item.deadline:
        return "late"
    if item.final_deadline is not None:
        if final is None:
            return "missing" if as_of > item.final_deadline else "on_time"
        if final > item.final_deadline:
            return "late"
    return "on_time"


@dataclass
class MeetingRow:
    """A meeting of the list with its agenda count and how many items are on time, late or missing."""

    meeting: NpcMeeting
    items: int = 0
    counts: dict[str | None, int] = field(default_factory=dict)

    def count(self, state: str | None) -> int:
        return self.counts.get(state, 0)

    @property
    def on_time(self) -> int:
        return self.count("on_time")

    @property
    def late(self) -> int:
        return self.count("late")

    @property
    def missing(self) -> int:
        return self.count("missing")


def meeting_rows(meetings: Any, *, today: dt.date) -> list[MeetingRow]:
    """Each meeting (items prefetched) with its agenda count and items on time / late / missing on `today`."""
    rows = []
    for meeting in meetings:
        row = MeetingRow(meeting)
        for item in meeting.items.all():
            state = item_timeliness(item, today)
            row.items += 1
            row.counts[state] = row.count(state) + 1
        rows.append(row)
    return rows
