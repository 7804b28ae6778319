"""What the npc demo's steps share: the clocks, the working days, the writers, and the slips chosen up front
for the rules to find.

The demo plans a year of work first and then replays it in date order (`Timeline`) on the ledger's clock
(ledger.py); the few set-up writes at the year's start go through the services replaying that moment
(`core.clock`). Nothing after the demo's `today` is recorded.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from qinglian.core.demo_days import WorkingDays, moment
from qinglian.npc.models import HandlingUnitProfile
from qinglian.org.demo.people import Registry
from qinglian.org.models import LeadingGroupMember, Organ, Person, Supervision, Unit, User

# The people's congress term that the org demo's leaders were elected in (a 换届 every five years from 2022).
FIRST_TERM_YEAR, FIRST_TERM = 2022, 16

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 16 → 十六, 30 → 三十, 125 → 一百二十五 (0 < n < 1000), as in 第十六届, 第三十次会议."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_DIGITS[tens]}十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    text = f"{_DIGITS[hundreds]}百"
    if not rest:
        return text
    if rest < 10:
        return f"{text}零{_DIGITS[rest]}"
    tens, ones = divmod(rest, 10)
    return f"{text}{_DIGITS[tens]}十" + (_DIGITS[ones] if ones else "")


@dataclass
class Slips:
    """What the demo leaves for the rules: (suggestion number — or station, deputy — the first day a rule can see
    it)."""

    late_replies: list[tuple[str, dt.date]] = field(default_factory=list)  # replied after the deadline (NPC-001)
    unreplied: list[tuple[str, dt.date]] = field(default_factory=list)  # no reply, deadline passed (NPC-001)
    no_contact: list[tuple[str, dt.date]] = field(default_factory=list)  # replied without any contact (NPC-003)
    late_rereply: list[tuple[str, dt.date]] = field(default_factory=list)  # re-reply after the month (NPC-004)
    extended: list[tuple[str, dt.date]] = field(default_factory=list)  # approved to six months
    key: list[tuple[str, dt.date]] = field(default_factory=list)  # 重点督办 (number, the chairpersons' meeting)
    late_plan: list[tuple[str, dt.date]] = field(default_factory=list)  # supervision plan after the month (NPC-012)
    no_plan: list[tuple[str, dt.date]] = field(default_factory=list)  # no supervision plan at all (NPC-012)
    unpublished_report: list[tuple[str, dt.date]] = field(default_factory=list)  # heard, not published (NPC-013)
    # Deputies' work (name, the first day a rule flags it with the shipped parameters).
    closed_station: list[tuple[str, dt.date]] = field(default_factory=list)  # no activity in a quarter (NPC-009)
    no_return: list[tuple[str, dt.date]] = field(default_factory=list)  # not back to the constituency (NPC-010)
    one_group_meeting: list[tuple[str, dt.date]] = field(default_factory=list)  # too few group meetings (NPC-011)
    short_on_duty: list[tuple[str, dt.date]] = field(default_factory=list)  # too few days of duty (NPC-015)

    def seen(self, name: str, today: dt.date) -> list[str]:
        return [number for number, day in getattr(self, name) if day <= today]


@dataclass
class Event:
    day: dt.date
    seq: int
    run: Callable[[], None]
    hour: int = 9


class Timeline:
    """Writes planned for a day, replayed in (day, planning order). A write planned after `today` is dropped."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.events: list[Event] = []

    def add(self, day: dt.date, run: Callable[[], None], hour: int = 9) -> bool:
        """Plan `run` on `day`; False (and nothing planned) when the day is after today."""
        if day > self.today:
            return False
        self.events.append(Event(day, len(self.events), run, hour))
        return True

    def replay(self, ledger) -> int:
        """Run the planned writes in date order, each at its moment on the ledger's clock."""
        for event in sorted(self.events, key=lambda e: (e.day, e.seq)):
            ledger.now = moment(event.day, event.hour, event.seq % 60)
            event.run()
        count, self.events = len(self.events), []
        return count


@dataclass
class NpcDemo:
    """One year of the ledgers. `closed_year`: last year's, complete on `today` — no slip left for the rules (they
    look back two years) — so that this year's figures have last year's beside them."""

    organ: Organ
    rng: random.Random
    today: dt.date
    closed_year: bool = False
    slips: Slips = field(default_factory=Slips)
    # "officer" (机关党委), "leader" (党组书记), "npc_suggestions" and "npc_materials" (the desks' logins)
    writers: dict[str, User] = field(default_factory=dict)
    profiles: dict[int, HandlingUnitProfile] = field(default_factory=dict)  # external unit id → its profile
    registry: Registry | None = None  # names and phones already taken
    _staff: dict[str, list[Person]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Names and phones come from their own generator: how often a drawn name is already taken (by the org
        # demo's staff) must not shift every later draw of the year's plan.
        self.names_rng = random.Random(f"{self.rng.random()}:names")

    @property
    def year(self) -> int:
        return self.today.year - 1 if self.closed_year else self.today.year

    @property
    def plants_slips(self) -> bool:
        """Whether this year's plan leaves its slips for the rules (this year's does, last year's not)."""
        return not self.closed_year

    def last_year(self, rng: random.Random) -> NpcDemo:
        """Last year's ledgers on the same organ, people, units and desks, drawn from `rng`."""
        made = NpcDemo(
            organ=self.organ,
            rng=rng,
            today=self.today,
            closed_year=True,
            writers=self.writers,
            profiles=self.profiles,
            registry=self.registry,
            _staff=self._staff,
        )
        made.__dict__["units"] = self.units  # the cached_property, with the handling units the set-up added
        return made

    @property
    def term_year(self) -> int:
        """The year the present term began."""
        return self.year - (self.year - FIRST_TERM_YEAR) % 5

    @property
    def term(self) -> str:
        return f"第{cn_number(FIRST_TERM + (self.term_year - FIRST_TERM_YEAR) // 5)}届"

    @property
    def session_number(self) -> int:
        """This year's plenary session of the term: the term's first year holds the first."""
        return self.year - self.term_year + 1

    # --- the organ -----------------------------------------------------------------------------------

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Every unit of the organ by full name (internal, stationed and external)."""
        return {u.name: u for u in Unit.objects.filter(organ=self.organ)}

    @cached_property
    def supervisors(self) -> dict[int, Person]:
        """Unit id → the leader who 分管 it today; key 0 → the Party secretary (for units nobody 分管)."""
        rows = Supervision.objects.filter(organ=self.organ, end__isnull=True).select_related("leader")
        found: dict[int, Person] = {s.unit_id: s.leader for s in rows.order_by("id")}
        secretary = LeadingGroupMember.objects.filter(organ=self.organ, post="secretary", end__isnull=True).first()
        found[0] = secretary.person
        return found

    def people_of(self, unit_name: str) -> list[Person]:
        """The unit's people today (one query per unit, remembered)."""
        found = self._staff.get(unit_name)
        if found is None:
            rows = Person.objects.filter(organ=self.organ, unit=self.units[unit_name], is_active=True)
            found = self._staff[unit_name] = list(rows.order_by("id"))
        return found

    # --- working days --------------------------------------------------------------------------------

    @cached_property
    def days(self) -> WorkingDays:
        """The working days around the year (December before to August after; core.demo_days)."""
        return WorkingDays(dt.date(self.year - 1, 12, 1), dt.date(self.year + 1, 8, 31), self.rng)

    def pick_day(self, first: dt.date, last: dt.date) -> dt.date:
        """A working day from `first` to `last`, or the first working day from `first` when there is none."""
        return self.days.pick(first, last) or self.days.on_or_after(first)

    def hour(self) -> int:
        return self.rng.randint(9, 17)
