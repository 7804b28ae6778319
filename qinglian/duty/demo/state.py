"""What the duty demo's steps share: the organ's people and logins, working days, when rows were entered, and
the slips chosen up front."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from qinglian.core import workdays
from qinglian.duty.selectors.people import leading_group, supervising_leaders
from qinglian.org.choices import UnitKind
from qinglian.org.demo.accounts import PERSONAS
from qinglian.org.models import Organ, Person, Unit, User

# The post that heads a unit in the org demo; the 机关党委 is headed by its 专职副书记.
HEAD_POSTS = ("主任", "专职副书记")
PARTY_COMMITTEE = "机关党委"  # short name of the unit that keeps the ledgers
LAW_UNIT = "法工委"  # the demo unit head's unit: one of the slips falls here so the persona sees it


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@dataclass
class Slips:
    """What the demo leaves for the rules and the oversight pages (assignment ids, etc.)."""

    overdue: list[int] = field(default_factory=list)  # open tasks past their deadline
    idle: int | None = None  # the overdue task never claimed (its unit answers no notice either)
    late_done: int | None = None  # slipped, was supervised, then done: its notice is closed
    missing_reports: list[tuple[int, str]] = field(default_factory=list)  # (assignment id, period key)
    awaiting: list[int] = field(default_factory=list)  # completed, not yet confirmed (销号)
    unsigned_letters: list[int] = field(default_factory=list)
    late_letter: int | None = None  # a 补签 signed after the allowed working days
    ideology_gap: str = ""  # half-year key ("2026-H1") with no 意识形态 item on the Party group's agenda


class Clock:
    """The day being replayed. The demo records a year and a half of work in one run; while it builds,
    `django.utils.timezone.now` reads this clock, so every service stamps what it writes (history, claim and
    销号 times, updated_at) and checks its dates ("不能晚于今天") as it would have on that day.

    Only `created_at`, whose default was bound at import, still carries the build's time: `dating` fixes it."""

    def __init__(self) -> None:
        self.now: dt.datetime | None = None

    @contextmanager
    def running(self) -> Iterator[Clock]:
        real = timezone.now
        timezone.now = lambda: self.now or real()
        try:
            yield self
        finally:
            timezone.now = real

    @contextmanager
    def at(self, when: dt.datetime) -> Iterator[None]:
        previous, self.now = self.now, when
        try:
            yield
        finally:
            self.now = previous


@dataclass
class DutyDemo:
    organ: Organ
    rng: random.Random
    today: dt.date
    clock: Clock = field(default_factory=Clock)
    slips: Slips = field(default_factory=Slips)
    keys: dict[int, str] = field(default_factory=dict)  # item id → its key in the outline (data.py)

    @property
    def years(self) -> tuple[int, int]:
        return self.today.year - 1, self.today.year

    # --- people and logins ---------------------------------------------------------------------

    @cached_property
    def users(self) -> dict[str, User]:
        """The persona logins by persona key (party_officer, unit_head, leader, leader_member, cadre)."""
        names = {p.username: p.key for p in PERSONAS}
        found = User.objects.filter(organ=self.organ, username__in=names).select_related("person")
        return {names[u.username]: u for u in found}

    @property
    def officer(self) -> User:
        return self.users["party_officer"]

    @cached_property
    def units(self) -> dict[str, Unit]:
        rows = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order")
        return {u.short_name: u for u in rows}

    @cached_property
    def heads(self) -> dict[int, int]:
        """unit id → person id of the cadre heading it today (主任; the 机关党委's 专职副书记)."""
        rows = Person.objects.filter(organ=self.organ, is_active=True, post__in=HEAD_POSTS).order_by("id")
        return {unit_id: pid for pid, unit_id in rows.values_list("pk", "unit_id")}

    @cached_property
    def supervisors(self) -> dict[int, int]:
        return supervising_leaders(self.organ.pk, self.today)

    @cached_property
    def secretary(self) -> int:
        return next(pid for pid, post in leading_group(self.organ.pk, self.today) if post == "secretary")

    @cached_property
    def leaders(self) -> list[int]:
        return [pid for pid, _ in leading_group(self.organ.pk, self.today)]

    @cached_property
    def names(self) -> dict[int, str]:
        return dict(Person.all_objects.filter(organ=self.organ).values_list("pk", "name"))

    def acting_for(self, unit_id: int) -> User:
        """Who claims and reports for a unit: its head's login, else the office on the unit's behalf."""
        head = self.users.get("unit_head")
        if head is not None and head.person and head.person.unit_id == unit_id:
            return head
        return self.officer

    def reporter(self, unit_id: int) -> User:
        """A unit's staff report too: in the head's unit the demo cadre files about half of the reports."""
        cadre = self.users.get("cadre")
        if cadre is not None and cadre.person and cadre.person.unit_id == unit_id and self.rng.random() < 0.5:
            return cadre
        return self.acting_for(unit_id)

    # --- working days -------------------------------------------------------------------------

    @cached_property
    def working_days(self) -> list[dt.date]:
        days, day = [], dt.date(self.years[0], 1, 1)
        while day <= dt.date(self.years[1], 12, 31):
            if workdays.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def days_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        lo = bisect.bisect_left(self.working_days, first)
        hi = bisect.bisect_right(self.working_days, last)
        return self.working_days[lo:hi]

    def pick_day(self, first: dt.date, last: dt.date) -> dt.date | None:
        days = self.days_between(first, last)
        return self.rng.choice(days) if days else None

    def add_wd(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it when n < 0), inside the demo's two years."""
        i = bisect.bisect_right(self.working_days, day) if n > 0 else bisect.bisect_left(self.working_days, day)
        i = i + n - 1 if n > 0 else i + n
        return self.working_days[max(0, min(i, len(self.working_days) - 1))]

    def at(self, day: dt.date) -> dt.datetime:
        """A time of the working day `day` (9:00–17:00) when something was entered."""
        return moment(day, self.rng.randint(9, 17))

    def on(self, day: dt.date):
        """Replay what follows on `day`: `with dd.on(day): services.…`."""
        return self.clock.at(self.at(day))
