"""Reads of deputies' days of duty between sessions (闭会期间执行代表职务的时间) for NPC-015: the calendar days each
deputy spent on recorded activities, as the activities ledger stood on a day.

An activity of N days (`DeputyActivity.days`) covers its date and the N−1 days after it; a day with two
activities counts once; days inside a plenary session (届次会议, 大会期间) are not between sessions and do not
count; days after the day checked had not yet been spent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min

from qinglian.core import asof
from qinglian.npc.choices import SessionKind
from qinglian.npc.models import DeputyActivity, Session

_ONE_DAY = dt.timedelta(days=1)
LONGEST = 31  # DeputyActivity.days' maximum: how far back an activity may start and still reach `since`


@dataclass(frozen=True)
class DutyDays:
    first_day: dt.date | None  # the earliest activity recorded by the day: years before it are not judged
    days: dict[int, frozenset[dt.date]]  # deputy → the days of duty from `since` to the day checked

    def count(self, deputy_id: int, start: dt.date, end: dt.date) -> int:
        return sum(1 for day in self.days.get(deputy_id, ()) if start <= day <= end)


def _session_days(organ_id: int, as_of: dt.date) -> set[dt.date]:
    days: set[dt.date] = set()
    rows = Session.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, kind=SessionKind.PLENARY)
    for start, end in rows.values_list("start", "end"):
        day = start
        while day <= (end or start):
            days.add(day)
            day += _ONE_DAY
    return days


def duty_days_as_of(*, organ_id: int, since: dt.date, as_of: dt.date) -> DutyDays:
    """Each deputy's days of duty from `since` to `as_of`, from the activities dated by `as_of` that stood in the
    ledger at its end (one soft-deleted later still stood)."""
    recorded = DeputyActivity.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, date__lte=as_of)
    first_day = recorded.aggregate(first=Min("date"))["first"]
    rows = list(recorded.filter(date__gte=since - dt.timedelta(days=LONGEST)).values_list("pk", "date", "days"))
    session = _session_days(organ_id, as_of)
    covered: dict[int, set[dt.date]] = {}
    for pk, start, length in rows:
        span = (start + i * _ONE_DAY for i in range(max(length, 1)))
        covered[pk] = {day for day in span if since <= day <= as_of and day not in session}
    through = DeputyActivity.deputies.through
    days: dict[int, set[dt.date]] = defaultdict(set)
    links = through.objects.filter(deputyactivity_id__in=[pk for pk, spent in covered.items() if spent])
    for activity_id, deputy_id in links.values_list("deputyactivity_id", "deputy_id"):
        days[deputy_id] |= covered[activity_id]
    return DutyDays(first_day, {deputy: frozenset(spent) for deputy, spent in days.items()})
