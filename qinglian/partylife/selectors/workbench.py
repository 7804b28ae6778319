"""Reads for the party-life workbench cards: this quarter's 三会一课 per branch as traffic lights, and a person's
own study hours and talks of the year.

The 三会一课 card is counted from the ledger it links to (`meetings.meeting_list`, so `visible_to`): a cell's figure
is the number of rows its link lists. How many are due comes from each rule's parameter in force (`min_count`),
never a literal. 党小组会 are due per party group (PL-003 judges each group): a branch with three groups owes three
times a group's quota, and its light is that of its furthest-behind group — another group's extra meetings make up
for nobody.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count

from qinglian.org.models import Branch, PartyGroup, Person
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.selectors import counts, study, talks
from qinglian.partylife.selectors.common import rule_value
from qinglian.partylife.selectors.meetings import meeting_list


@dataclass(frozen=True)
class Requirement:
    kind: str
    label: str
    code: str  # the rule judging it, whose `min_count` is the quota
    per: str  # "month": the quota is due for every month of the quarter begun; "quarter": once for the quarter
    per_group: bool = False  # due from each party group of the branch


REQUIREMENTS = (
    Requirement(MeetingKind.BRANCH_GENERAL_MEETING, "党员大会", "PL-001", "quarter"),
    Requirement(MeetingKind.BRANCH_COMMITTEE_MEETING, "支委会", "PL-002", "month"),
    Requirement(MeetingKind.PARTY_GROUP_MEETING, "党小组会", "PL-003", "month", per_group=True),
    Requirement(MeetingKind.PARTY_LECTURE, "党课", "PL-004", "quarter"),
    Requirement(MeetingKind.THEME_DAY, "主题党日", "PL-006", "month"),
)
LIGHT_RANK = {"green": 0, "yellow": 1, "red": 2}


def light(held: int, due: int) -> str:
    """green: on track; yellow: one behind (the quarter is not over); red: more than one behind."""
    if held >= due:
        return "green"
    return "yellow" if due - held == 1 else "red"


def quarter_start(today: dt.date) -> dt.date:
    return dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


@dataclass
class GroupCount:
    name: str
    held: int
    due: int

    @property
    def light(self) -> str:
        return light(self.held, self.due)


@dataclass
class Cell:
    requirement: Requirement
    held: int  # the rows the cell's link lists
    due: int | None  # None: no parameter in force, or a per-group quota and the branch has no group
    groups: list[GroupCount] = field(default_factory=list)

    @property
    def light(self) -> str | None:
        if self.due is None:
            return None
        if self.requirement.per_group:
            return max((g.light for g in self.groups), key=LIGHT_RANK.__getitem__, default="green")
        return light(self.held, self.due)

    @property
    def behind(self) -> list[GroupCount]:
        """The party groups short of their quota (for the cell's explanation)."""
        return [g for g in self.groups if g.held < g.due]


@dataclass
class BranchRow:
    branch: Branch
    cells: list[Cell]


@dataclass
class QuarterLights:
    year: int
    quarter: int
    rows: list[BranchRow]
    requirements: tuple[Requirement, ...] = REQUIREMENTS


def quotas(organ_id: int, on: dt.date) -> dict[str, int | None]:
    """Rule code → its `min_count` in force on `on` (None when no set is in force)."""
    found: dict[str, int | None] = {}
    for req in REQUIREMENTS:
        value = rule_value(organ_id=organ_id, code=req.code, keys=("min_count",), on=on)
        try:
            found[req.code] = int(value) if value is not None else None
        except (TypeError, ValueError):
            found[req.code] = None
    return found


def _held(user: Any, year: int, quarter: int) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """(branch id, kind) → meetings the user sees this quarter (a party group's count for its branch, as the
    ledger's branch filter lists them), and party group id → its 党小组会."""
    by_branch: dict[tuple[int, str], int] = defaultdict(int)
    by_group: dict[int, int] = defaultdict(int)
    rows = (
        meeting_list(user=user, filters={"year": year, "quarter": quarter})
        .values("branch_id", "party_group_id", "party_group__branch_id", "kind")
        .annotate(n=Count("id"))
    )
    for row in rows:
        # The ledger's branch filter keeps a meeting of the branch or of one of its groups: count it once for each.
        for branch_id in {row["branch_id"], row["party_group__branch_id"]} - {None}:
            by_branch[(branch_id, row["kind"])] += row["n"]
        if row["kind"] == MeetingKind.PARTY_GROUP_MEETING and row["party_group_id"]:
            by_group[row["party_group_id"]] += row["n"]
    return by_branch, by_group


def quarter_lights(*, user: Any, organ_id: int, branches: list[Branch], today: dt.date) -> QuarterLights:
    """Each branch's meetings of the quarter so far against the quotas due by `today`."""
    start, quarter = quarter_start(today), quarter_of(today)
    months = today.month - start.month + 1
    per_rule = quotas(organ_id, today)
    by_branch, by_group = _held(user, today.year, quarter)
    groups: dict[int, list[PartyGroup]] = defaultdict(list)
    for group in PartyGroup.objects.filter(branch__in=branches).order_by("branch_id", "id"):
        groups[group.branch_id].append(group)
    rows = []
    for branch in branches:
        cells = []
        for req in REQUIREMENTS:
            quota = per_rule[req.code]
            due = None if quota is None else quota * (months if req.per == "month" else 1)
            held = by_branch.get((branch.pk, req.kind), 0)
            if not req.per_group or due is None:
                cells.append(Cell(req, held, due))
                continue
            counts = [GroupCount(g.name, by_group.get(g.pk, 0), due) for g in groups[branch.pk]]
            cells.append(Cell(req, held, due * len(counts) if counts else None, counts))
        rows.append(BranchRow(branch, cells))
    return QuarterLights(today.year, quarter, rows)


# --- a person's own year: training hours against the requirement, heart-to-heart talks ---------------------------


@dataclass(frozen=True)
class StudyYear:
    year: int
    hours: Decimal
    target: Decimal | None  # PL-011's `min_hours` in force; None when no set is
    talks: int

    @property
    def percent(self) -> int | None:
        return min(100, int(self.hours * 100 / self.target)) if self.target else None

    @property
    def short(self) -> Decimal:
        return max(Decimal("0"), self.target - self.hours) if self.target else Decimal("0")


def study_year(*, user: Any, person: Person, year: int) -> StudyYear:
    """The figures the person's participation page shows (views/people.py), read the same way: hours from
    `counts.training_hours`, the target from the training-hours rule's parameter, the talks `user` may see."""
    hours = counts.training_hours(organ_id=person.organ_id, year=year, person_ids=[person.pk])
    return StudyYear(
        year=year,
        hours=hours.get(person.pk, Decimal("0")),
        target=study.hours_target(person.organ_id),
        talks=talks.person_talks(user=user, person=person, year=year).count(),
    )
