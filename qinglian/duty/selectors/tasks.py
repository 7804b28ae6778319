"""Reads of a unit's task: the status it shows (逾期 included), the other units' shares of its item, its
latest reports, the 督办单 on it, and the open items a leader leads for a unit.

逾期 is derived from the date (DutyAssignment.display_status), never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from qinglian.duty.choices import OPEN_TASK_STATUSES, OVERDUE_LABEL, AssignmentRole, TaskStatus
from qinglian.duty.models import DutyAssignment, DutyItem, OversightNotice, ProgressReport

OVERDUE = "overdue"
# status key → (label, Bootstrap badge class)
STATUS_BADGES: dict[str, tuple[str, str]] = {
    TaskStatus.NOT_STARTED: (TaskStatus.NOT_STARTED.label, "text-bg-secondary"),
    TaskStatus.IN_PROGRESS: (TaskStatus.IN_PROGRESS.label, "text-bg-primary"),
    OVERDUE: (OVERDUE_LABEL, "text-bg-danger"),
    TaskStatus.COMPLETED: (TaskStatus.COMPLETED.label, "text-bg-success"),
    TaskStatus.CLOSED: (TaskStatus.CLOSED.label, "text-bg-dark"),
}
STATUS_FILTER_CHOICES = [(key, label) for key, (label, _) in STATUS_BADGES.items()]


def status_key(assignment: DutyAssignment, on: dt.date) -> str:
    return OVERDUE if assignment.is_overdue(on) else assignment.status


def mark_status(assignment: DutyAssignment, on: dt.date) -> DutyAssignment:
    """Attach the shown status (逾期 included) so templates need no date argument."""
    key = status_key(assignment, on)
    assignment.status_key = key
    assignment.status_label, assignment.badge = STATUS_BADGES[key]
    return assignment


def lead_first(item: DutyItem) -> list[DutyAssignment]:
    """The item's tasks, lead unit first, then co-units in unit order (stored on the item as `tasks`)."""
    item.tasks = list(item.assignments.all())
    return item.tasks


def siblings(task: DutyAssignment, on: dt.date) -> list[DutyAssignment]:
    """The other units' shares of the task's item, lead unit first, with their shown status."""
    others = task.item.assignments.select_related("unit").exclude(pk=task.pk)
    ordered = sorted(others, key=lambda a: (a.role != AssignmentRole.LEAD, a.unit.order))
    return [mark_status(a, on) for a in ordered]


def task_notices(user: Any, task: DutyAssignment) -> list[OversightNotice]:
    """The 督办单 on this task that `user` may see."""
    return list(OversightNotice.objects.visible_to(user).filter(assignment=task))


def latest_reports(assignments: Iterable[DutyAssignment]) -> dict[int, ProgressReport]:
    """assignment id → its latest report, in one query."""
    latest: dict[int, ProgressReport] = {}
    ids = [a.pk for a in assignments]
    for report in ProgressReport.objects.filter(assignment_id__in=ids).order_by("date", "id"):
        latest[report.assignment_id] = report
    return latest


def open_items_led_by(leader_id: int, unit_id: int) -> list[DutyItem]:
    """Items led by `leader_id` whose lead unit is `unit_id` and which still have open tasks."""
    return list(
        DutyItem.objects.filter(
            lead_leader_id=leader_id,
            assignments__unit_id=unit_id,
            assignments__role=AssignmentRole.LEAD,
            assignments__status__in=OPEN_TASK_STATUSES,
            assignments__deleted_at__isnull=True,
        ).distinct()
    )
