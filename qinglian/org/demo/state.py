"""What the org demo's steps share while they build: the organ's objects and the two-year window."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models

from qinglian.core.demo_days import moment
from qinglian.org.demo.data import Post
from qinglian.org.demo.people import Registry
from qinglian.org.models import Branch, Organ, PartyGroup, Person, Unit

# How far back the demo's records go, and how close to `today` the latest personnel change may be.
HISTORY_DAYS = 730
QUIET_DAYS = 14


@dataclass
class OrgDemo:
    organ: Organ
    rng: random.Random
    today: dt.date
    units: dict[str, Unit] = field(default_factory=dict)  # internal and stationed, by full name
    external: list[Unit] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    groups_of_unit: dict[int, list[PartyGroup]] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    posts: dict[int, Post] = field(default_factory=dict)  # person pk → the Post they hold now
    fixed: set[int] = field(default_factory=set)  # people no personnel event may touch (leaders, accounts …)
    moving: set[int] = field(default_factory=set)  # people a personnel event changes
    retiring: list[Person] = field(default_factory=list)  # reach 60 inside the window
    registry: Registry = field(default_factory=Registry)

    @property
    def start(self) -> dt.date:
        """The day the roster was first entered: two years before `today`."""
        return self.today - dt.timedelta(days=HISTORY_DAYS)

    @property
    def end(self) -> dt.date:
        """The latest day a personnel change happens."""
        return self.today - dt.timedelta(days=QUIET_DAYS)

    def movable(self, person: Person) -> bool:
        return person.is_active and person.pk not in self.fixed and person.pk not in self.moving

    def holders(self, unit_name: str, post: Post) -> list[Person]:
        unit = self.units[unit_name]
        return [p for p in self.people if p.is_active and p.unit_id == unit.pk and self.posts.get(p.pk) == post]

    def membership(self, unit: Unit) -> tuple[Branch | None, PartyGroup | None]:
        """The branch and party group a Party member of `unit` belongs to (None outside the branches)."""
        groups = self.groups_of_unit.get(unit.pk)
        if not groups:
            return None, None
        group = self.rng.choice(groups)
        return group.branch, group


@contextmanager
def stamped(obj: models.Model, day: dt.date) -> Iterator[models.Model]:
    """Date the history row (and, for a new row, created_at) of the next save to `day`.

    The demo replays two years: a person's history must read in the order things happened, so that
    `person.history` as of any day shows the unit and post they then held.
    """
    when = moment(day)
    if obj.pk is None and hasattr(obj, "created_at"):
        obj.created_at = when
    obj._history_date = when
    try:
        yield obj
    finally:
        del obj._history_date
