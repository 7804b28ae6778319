"""Reads of a unit's task: the status it shows (逾期 included), the other units' shares of its item, its
latest reports, the 督办单 on it, and the open items a leader leads for a unit; and, for the rules, the tasks of
the published lists as they stood on a day (`rule_tasks`, `tasks_on`, `deadlines_on`, `reported_periods`).

逾期 is derived from the date (DutyAssignment.display_status), never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from qinglian.core import asof
from qinglian.duty.choices import OPEN_TASK_STATUSES, OVERDUE_LABEL, AssignmentRole, ListStatus, TaskStatus
from qinglian.duty.models import DutyAssignment, DutyItem, OversightNotice, ProgressReport
from qinglian.duty.selectors.asof import changed_by
from qinglian.evidence.models import Evidence

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


def last_percent(task: DutyAssignment) -> int:
    """The progress the task's latest report gave (0 before any): what the next report starts from."""
    latest = task.reports.order_by("-date", "-id").values_list("percent", flat=True).first()
    return latest or 0


@dataclass(frozen=True)
class EvidenceCounts:
    """The live evidence files of a task: on the task itself and on each of its live reports."""

    on_task: int
    by_report: dict[int, int]

    @property
    def on_reports(self) -> int:
        return sum(self.by_report.values())

    @property
    def total(self) -> int:
        return self.on_task + self.on_reports


def evidence_counts(task: DutyAssignment) -> EvidenceCounts:
    """Two queries: the task's files, and the files per report (a deleted report's files do not count)."""
    report_type = ContentType.objects.get_for_model(ProgressReport)
    per_report = (
        Evidence.objects.filter(content_type=report_type, object_id__in=task.reports.values("pk"))
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    return EvidenceCounts(
        on_task=Evidence.objects.for_target(task).count(),
        by_report={row["object_id"]: row["n"] for row in per_report},
    )


def has_evidence(task: DutyAssignment) -> bool:
    """Whether at least one live file is on the task or on one of its live reports (what 申请销号 needs)."""
    report_type = ContentType.objects.get_for_model(ProgressReport)
    on_reports = Q(content_type=report_type, object_id__in=task.reports.values("pk"))
    task_type = ContentType.objects.get_for_model(DutyAssignment)
    return Evidence.objects.filter(on_reports | Q(content_type=task_type, object_id=task.pk)).exists()


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


# --- the tasks as the rules see them on a day ----------------------------------------------------------

DONE_STATUSES = (TaskStatus.COMPLETED, TaskStatus.CLOSED)


def rule_tasks(organ_id: int, on: dt.date) -> QuerySet[DutyAssignment]:
    """The unit tasks of the lists published by `on` (their 印发日期 on or before it), task, item and list not
    yet deleted at the end of `on` (a task deleted later — a unit taken off an item — still stood then)."""
    published = Q(item__duty_list__published_on__lte=on) | Q(item__duty_list__published_on__isnull=True)
    return (
        DutyAssignment.all_objects.filter(organ_id=organ_id, item__duty_list__status=ListStatus.PUBLISHED)
        .filter(published, asof.live_on(on), asof.live_on(on, "item__"), asof.live_on(on, "item__duty_list__"))
        .select_related("unit", "item", "item__duty_list", "item__lead_leader")
    )


@dataclass(frozen=True)
class TaskOnDay:
    """A task as it stood at the end of a day: its stored status then, and its completion date if done by then."""

    status: str
    completed_on: dt.date | None


def _done_by(status: str, completed_on: dt.date | None, on: dt.date) -> bool:
    """Whether a (status, completed_on) pair says the task was done by `on` (an undated completion: yes)."""
    return status in DONE_STATUSES and (completed_on is None or completed_on <= on)


def tasks_on(tasks: Sequence[DutyAssignment], on: dt.date) -> dict[int, TaskOnDay]:
    """task id → its state at the end of `on`.

    Completion has a date of its own (completed_on): a task completed after `on` was open on it, however it
    stands today; one completed on or before `on` and returned later was done on it (the day's history says so).
    Without a completion date (rows from before dates were kept) the stored status of the day decides. A task
    open on `on` that today's row calls done (back-filled) shows 推进中 if it had a report by then, else 未启动.
    """
    ids = [task.pk for task in tasks]
    then = asof.fields_on(DutyAssignment, on, ["status", "completed_on"], ids=ids)
    states: dict[int, TaskOnDay] = {}
    unknown: list[int] = []
    for task in tasks:
        old = then.get(task.pk, {"status": task.status, "completed_on": task.completed_on})
        done_then = _done_by(old["status"], old["completed_on"], on)
        done_now = task.completed_on is not None and _done_by(task.status, task.completed_on, on)
        if done_then or done_now:
            day = changed_by(on, old["completed_on"] if done_then else None, task.completed_on if done_now else None)
            states[task.pk] = TaskOnDay(old["status"] if done_then else task.status, day)
        elif old["status"] in OPEN_TASK_STATUSES:
            states[task.pk] = TaskOnDay(old["status"], None)
        else:
            unknown.append(task.pk)
    if unknown:
        reported = set(
            ProgressReport.all_objects.filter(assignment_id__in=unknown, date__lte=on)
            .filter(asof.live_on(on))
            .values_list("assignment_id", flat=True)
        )
        for pk in unknown:
            states[pk] = TaskOnDay(TaskStatus.IN_PROGRESS if pk in reported else TaskStatus.NOT_STARTED, None)
    return states


def deadlines_on(items: Iterable[DutyItem], on: dt.date) -> dict[int, dt.date | None]:
    """item id → its 完成时限 as the list stood at the end of `on` (a deadline moved later bound nobody then)."""
    items = list(items)
    then = asof.values_on(DutyItem, on, "deadline", ids=[item.pk for item in items])
    return {item.pk: then.get(item.pk, item.deadline) for item in items}


def reported_periods(task_ids: Iterable[int], on: dt.date) -> set[tuple[int, str]]:
    """(task id, period key) of the progress reports dated on or before `on` (a report sent later did not exist)."""
    reports = ProgressReport.all_objects.filter(assignment_id__in=list(task_ids), date__lte=on).filter(asof.live_on(on))
    return set(reports.values_list("assignment_id", "period"))
