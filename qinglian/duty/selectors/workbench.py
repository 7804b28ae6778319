"""Reads for the duty workbench cards, each figure read as the page it links to reads it (same selector, same scope),
so that the card and the list never disagree:

- a unit's tasks of the year (its board, `boards.unit_tasks`);
- the organ's progress by unit with the open red findings of each (the list's page tree and unit table, the finding
  list by unit) — for the Party secretary, the party-affairs office and the stationed group;
- a Party group member's supervised units (一岗双责, `boards.visible_card`);
- what waits for a leader (waivers to approve, 督办单 awaiting reply) and for the stationed group (red findings past
  their due date, 督办单 past their reply date, waivers granted).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from qinglian.compliance.choices import FindingStatus, Severity
from qinglian.compliance.selectors import awaiting_my_approval, finding_list
from qinglian.duty.choices import OPEN_TASK_STATUSES, NoticeStatus
from qinglian.duty.models import DutyAssignment, OversightNotice
from qinglian.duty.selectors.boards import DutyCard, unit_tasks, visible_card
from qinglian.duty.selectors.lists import Completion, TaskFilter, items_with_tasks, page_tree, unit_rows, visible_list
from qinglian.duty.selectors.notices import OVERDUE, is_overdue, notice_ledger
from qinglian.duty.selectors.people import secretary_of
from qinglian.duty.selectors.tasks import OVERDUE as TASK_OVERDUE
from qinglian.org.models import Unit
from qinglian.org.permissions import scope_of


def is_secretary(user: Any, on: dt.date) -> bool:
    """The Party group's secretary (党组书记) in office on `on`: the first responsible person, who follows the organ."""
    scope = scope_of(user)
    return scope.person_id is not None and secretary_of(scope.organ_id, on) == scope.person_id


# --- a unit's tasks ----------------------------------------------------------------------------------------------


@dataclass
class UnitTasks:
    unit: Unit
    year: int
    completion: Completion
    open: int  # not started, in progress or overdue: the board's first three columns
    urgent: list[DutyAssignment]


def unit_task_figures(user: Any, unit_id: int, on: dt.date) -> UnitTasks | None:
    """The unit's tasks of this year's list as its board shows them; None without a list or tasks."""
    tasks = unit_tasks(visible_list(user, on.year), unit_id, on)
    if not tasks:
        return None
    open_tasks = [t for t in tasks if t.status_key in (*OPEN_TASK_STATUSES, TASK_OVERDUE)]
    urgent = sorted(open_tasks, key=lambda t: (t.status_key != TASK_OVERDUE, t.item.deadline or dt.date.max))
    unit = Unit.objects.get(pk=unit_id)
    return UnitTasks(unit, on.year, Completion.of(tasks, on), len(open_tasks), urgent[:5])


# --- the organ's progress by unit --------------------------------------------------------------------------------


@dataclass
class UnitProgress:
    unit: Unit
    completion: Completion
    red: int  # open red findings the unit answers for, as the findings' per-unit summary counts them


@dataclass
class OrganProgress:
    year: int
    completion: Completion  # the list page's overall figure (no filter)
    units: list[UnitProgress]

    @property
    def attention(self) -> list[UnitProgress]:
        """Units with overdue tasks or red findings, the worst first."""
        rows = [u for u in self.units if u.completion.overdue or u.red]
        return sorted(rows, key=lambda u: (-u.completion.overdue, -u.red, u.completion.rate, u.unit.order))


def organ_progress(user: Any, on: dt.date) -> OrganProgress | None:
    """This year's list as its page figures it — overall and per unit — with each unit's open red findings; None
    when the year has no list the user may see."""
    duty_list = visible_list(user, on.year)
    if duty_list is None:
        return None
    _, overall = page_tree(duty_list, on, TaskFilter())
    rows = unit_rows(items_with_tasks(duty_list), on)
    red = open_red_by_unit(user)
    units = [UnitProgress(row.unit, row.completion, red.pop(row.unit.pk, 0)) for row in rows]
    # The organ's own units with red findings but no task this year still need the secretary's eye (outside
    # handling units are shown apart, on the findings' per-unit summary).
    for unit in Unit.objects.filter(pk__in=red).internal().order_by("order", "id"):
        units.append(UnitProgress(unit, Completion(), red[unit.pk]))
    return OrganProgress(on.year, overall, units)


def open_red_by_unit(user: Any) -> dict[int, int]:
    """Unit id → open red findings it answers for, counted on the finding list itself (filtered by the unit)."""
    reds = finding_list(user=user, status="open", severity=Severity.RED).order_by()
    rows = reds.filter(responsible_unit__isnull=False).values("responsible_unit_id").annotate(n=Count("id"))
    return {row["responsible_unit_id"]: row["n"] for row in rows}


# --- a Party group member's supervised units (一岗双责) -----------------------------------------------------------


@dataclass
class SupervisedUnit:
    unit: Unit
    completion: Completion
    findings: int  # open findings the unit answers for (the finding list filtered by the unit)
    notices: int  # 督办单 to the unit awaiting reply (the 督办单 ledger filtered by the unit)


@dataclass
class Supervised:
    year: int
    card: DutyCard
    units: list[SupervisedUnit] = field(default_factory=list)


def supervised_units(user: Any, on: dt.date) -> Supervised | None:
    """The person's 一岗双责 card of the year (as its page builds it) and each supervised unit's figures; None for
    someone who supervises no unit."""
    scope = scope_of(user)
    if scope.person_id is None:
        return None
    card = visible_card(user, scope.organ_id, scope.person_id, on.year, on)
    if not card.supervised_unit_ids:
        return None
    rows = []
    for unit in Unit.objects.filter(pk__in=card.supervised_unit_ids).order_by("order", "id"):
        tasks = [t for t in card.unit_tasks if t.unit_id == unit.pk]
        findings = finding_list(user=user, unit_id=unit.pk).count()
        notices = notice_ledger(user, {"status": NoticeStatus.ISSUED, "unit": unit}).count()
        rows.append(SupervisedUnit(unit, Completion.of(tasks, on), findings, notices))
    return Supervised(on.year, card, rows)


# --- what waits for a leader, for the stationed group -----------------------------------------------------------


@dataclass
class LeaderQueue:
    approvals: int  # waivers awaiting this leader's approval (我的待办)
    awaiting_reply: int  # 督办单 of the organ awaiting a reply
    overdue: int  # of which past the reply date
    nearest: list[OversightNotice]


def awaiting_notices(user: Any) -> QuerySet[OversightNotice]:
    return notice_ledger(user, {"status": NoticeStatus.ISSUED}).order_by("reply_due", "id")


def leader_queue(user: Any, on: dt.date) -> LeaderQueue:
    waiting = awaiting_notices(user)
    nearest = list(waiting[:5])
    for notice in nearest:
        notice.overdue = is_overdue(notice, on)
    return LeaderQueue(
        approvals=awaiting_my_approval(user=user).count(),
        awaiting_reply=waiting.count(),
        overdue=notice_ledger(user, {"status": OVERDUE}).count(),
        nearest=nearest,
    )


@dataclass
class SupervisorQueue:
    red_overdue: int  # open red findings past their due date
    notices_overdue: int  # 督办单 past their reply date without a reply
    waived: int  # findings waived (豁免) — each a decision the stationed group may review


def supervisor_queue(user: Any) -> SupervisorQueue:
    return SupervisorQueue(
        red_overdue=finding_list(user=user, severity=Severity.RED, overdue=True).count(),
        notices_overdue=notice_ledger(user, {"status": OVERDUE}).count(),
        waived=finding_list(user=user, status=FindingStatus.WAIVED).count(),
    )
