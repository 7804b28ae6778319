"""What the party-life demo's steps share: the window, the working days, who belonged where on a day, and the
gaps chosen up front."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from qinglian.core.demo_days import WorkingDays, moment
from qinglian.org.choices import BranchPost, LeadingGroupPost, PartyStatus
from qinglian.org.models import Branch, BranchCommitteeMember, LeadingGroupMember, Organ, PartyGroup, Person
from qinglian.partylife.demo.data import Topic

PARTY = (PartyStatus.MEMBER, PartyStatus.PROBATIONARY)


class Roster:
    """Branch and party group of every person on any day, from the person history the org demo backdated."""

    def __init__(self, organ: Organ) -> None:
        self.days: dict[int, list[dt.date]] = {}
        self.states: dict[int, list[tuple[int | None, int | None, str]]] = {}
        rows = (
            Person.history.filter(organ_id=organ.pk)
            .order_by("history_date", "history_id")
            .values_list(
                "id", "history_date", "history_type", "branch_id", "party_group_id", "is_active", "party_status"
            )
        )
        for pid, when, kind, branch, group, active, status in rows:
            day = timezone.localtime(when).date()
            state = (branch, group, status) if active and kind != "-" and status in PARTY else (None, None, "")
            days, states = self.days.setdefault(pid, []), self.states.setdefault(pid, [])
            if days and days[-1] == day:
                states[-1] = state
            else:
                days.append(day)
                states.append(state)
        self._cache: dict[dt.date, dict[int, tuple[int | None, int | None, str]]] = {}

    def on(self, day: dt.date) -> dict[int, tuple[int | None, int | None, str]]:
        found = self._cache.get(day)
        if found is None:
            found = {}
            for pid, days in self.days.items():
                i = bisect.bisect_right(days, day) - 1
                if i >= 0 and self.states[pid][i][0] is not None:
                    found[pid] = self.states[pid][i]
            self._cache[day] = found
        return found

    def branch_members(self, branch_id: int, day: dt.date) -> list[int]:
        return sorted(pid for pid, (b, _, _) in self.on(day).items() if b == branch_id)

    def group_members(self, group_id: int, day: dt.date) -> list[int]:
        return sorted(pid for pid, (_, g, _) in self.on(day).items() if g == group_id)

    def everyone(self, day: dt.date) -> list[int]:
        return sorted(self.on(day))

    def full_member(self, pid: int, day: dt.date) -> bool:
        state = self.on(day).get(pid)
        return state is not None and state[2] == PartyStatus.MEMBER


@dataclass
class Gaps:
    committee: tuple[int, int, int] | None = None  # (branch id, year, month) without a 支委会
    group: tuple[int, int, tuple[int, ...]] | None = None  # (party group id, year, months) without a meeting
    lecture_branch: int | None = None  # no 党课 in the current quarter yet
    leader: tuple[int, int, int] | None = None  # (person id, year, quarter) with no branch meeting attended
    long_absent: dict[int, tuple[dt.date, dt.date, str]] = field(default_factory=dict)  # last year


@dataclass
class PartyDemo:
    organ: Organ
    rng: random.Random
    today: dt.date
    gaps: Gaps = field(default_factory=Gaps)
    dlm_talks: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)  # year → pre-DLM talk window

    @property
    def years(self) -> tuple[int, int]:
        return self.today.year - 1, self.today.year

    @property
    def start(self) -> dt.date:
        return dt.date(self.today.year - 1, 1, 1)

    @cached_property
    def days(self) -> WorkingDays:
        """The working days of the two years, and the picking of one (core.demo_days)."""
        return WorkingDays(self.start, dt.date(self.today.year, 12, 31), self.rng)

    def recorded(self, day: dt.date) -> dt.datetime:
        """When a meeting held on `day` was entered: the same or one of the next two working days."""
        later = self.days.between(day, min(day + dt.timedelta(days=4), self.today))[:3]
        return moment(self.rng.choice(later) if later else day)

    def topic(self, pool: tuple[Topic, ...], day: dt.date, used: set[str]) -> str:
        fitting = [t.text for t in pool if t.fits(day)]
        fresh = [t for t in fitting if t not in used] or fitting or [pool[-1].text]
        text = self.rng.choice(fresh)
        used.add(text)
        return text

    @cached_property
    def roster(self) -> Roster:
        return Roster(self.organ)

    @cached_property
    def branches(self) -> list[Branch]:
        return list(Branch.objects.filter(organ=self.organ).order_by("id"))

    @cached_property
    def groups(self) -> dict[int, list[PartyGroup]]:
        found: dict[int, list[PartyGroup]] = {b.pk: [] for b in self.branches}
        for group in PartyGroup.objects.filter(organ=self.organ).order_by("id"):
            found[group.branch_id].append(group)
        return found

    @cached_property
    def committees(self) -> dict[int, dict[str, int]]:
        """Branch → post → person id of the sitting committee. The demo's committees serve the whole window, but for
        the one seat vacated a few months ago (org demo `vacate_seat`), which is left out of it throughout."""
        found: dict[int, dict[str, int]] = {b.pk: {} for b in self.branches}
        seats = BranchCommitteeMember.objects.filter(organ=self.organ, end__isnull=True).order_by("id")
        for seat in seats:
            found[seat.branch_id].setdefault(seat.post, seat.person_id)
        return found

    def secretary(self, branch_id: int) -> int:
        seats = self.committees[branch_id]
        return seats.get(BranchPost.SECRETARY) or next(iter(seats.values()))

    def organiser(self, branch_id: int) -> int:
        seats = self.committees[branch_id]
        return seats.get(BranchPost.ORGANIZATION) or seats.get(BranchPost.DEPUTY_SECRETARY) or self.secretary(branch_id)

    @cached_property
    def leaders(self) -> list[LeadingGroupMember]:
        return list(LeadingGroupMember.objects.filter(organ=self.organ, end__isnull=True).order_by("order", "id"))

    @cached_property
    def leader_ids(self) -> set[int]:
        return {m.person_id for m in self.leaders}

    @cached_property
    def party_secretary(self) -> int:
        return next(m.person_id for m in self.leaders if m.post == LeadingGroupPost.SECRETARY)

    @cached_property
    def party_officer(self) -> int | None:
        """The 机关党委专职副书记: records the leading group's meetings."""
        return Person.objects.filter(organ=self.organ, post="专职副书记").values_list("pk", flat=True).first()

    @cached_property
    def names(self) -> dict[int, str]:
        return dict(Person.all_objects.filter(organ=self.organ).values_list("pk", "name"))
