"""What the duty demo's steps share: the organ's people and logins, working days, when rows were entered, and
the slips chosen up front."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cached_property

from qinglian.core import clock
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.duty.selectors.people import leading_group, supervising_leaders
from qinglian.evidence.demo import DemoFile
from qinglian.org.choices import UnitKind
from qinglian.org.demo.accounts import PERSONAS
from qinglian.org.models import Organ, Person, Unit, User

# The post that heads a unit in the org demo; the 机关党委 is headed by its 专职副书记.
HEAD_POSTS = ("主任", "专职副书记")
PARTY_COMMITTEE = "机关党委"  # short name of the unit that keeps the ledgers
LAW_UNIT = "法工委"  # the demo unit head's unit: one of the slips falls here so the persona sees it


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
    late_report: int | None = None  # the year whose report to the 市委 went out after the organ's date


@dataclass
class DutyDemo:
    organ: Organ
    rng: random.Random
    today: dt.date
    slips: Slips = field(default_factory=Slips)
    keys: dict[int, str] = field(default_factory=dict)  # item id → its key in the outline (data.py)
    # The evidence files' own draws (evidence.py), so that the records come out the same with or without them.
    paper: random.Random = field(default_factory=lambda: random.Random("duty.evidence"))
    files: list[DemoFile] = field(default_factory=list)  # evidence made along the way, attached in one batch

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
    def days(self) -> WorkingDays:
        """The working days of the two years, and the picking of one (core.demo_days)."""
        return WorkingDays(dt.date(self.years[0], 1, 1), dt.date(self.years[1], 12, 31), self.rng)

    def at(self, day: dt.date) -> dt.datetime:
        """A time of the working day `day` (9:00–17:00) when something was entered."""
        return moment(day, self.rng.randint(9, 17))

    def on(self, day: dt.date):
        """Replay what follows on `day` (core.clock): `with dd.on(day): services.…` stamps and checks dates as
        on that day."""
        return clock.replaying(self.at(day))
