"""A unit's task: claim (认领), progress reports with evidence, completion, confirmation (销号), and the move
of open tasks when a unit's supervising leader changes (一岗双责).

Status changes follow the table in transitions.py; who may make them, permissions.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.compliance.periods import containing
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import stamp
from qinglian.duty.choices import RECURRENCE_PERIOD, ListStatus, Recurrence
from qinglian.duty.models import DutyAssignment, DutyItem, ProgressReport
from qinglian.duty.permissions import can_claim, can_confirm, can_report, task_stakes
from qinglian.duty.selectors.tasks import open_items_led_by
from qinglian.duty.services.transitions import check
from qinglian.org import services as org_services
from qinglian.org.models import Person, Supervision, Unit
from qinglian.org.permissions import refuse_own_stake


def _require_published(assignment: DutyAssignment) -> None:
    if assignment.item.duty_list.status != ListStatus.PUBLISHED:
        raise InvalidInput("清单尚未印发，任务暂不能认领或报送")


@transaction.atomic
def assignment_claim(*, assignment: DutyAssignment, by: Any) -> DutyAssignment:
    if not can_claim(by, assignment):
        raise Forbidden("只有本委室负责人可以认领任务")
    _require_published(assignment)
    if assignment.claimed_at:
        raise InvalidInput("该任务已认领")
    assignment.claimed_at = clock.now()
    assignment.claimed_by = by
    stamp(assignment, by)
    assignment.save(update_fields=["claimed_at", "claimed_by"])
    return assignment


def period_key(item: DutyItem, day: dt.date) -> str:
    """The period a report on a recurring item belongs to ("2026-03", "2026-Q1", "2026"); "" for one-off items."""
    kind = RECURRENCE_PERIOD.get(item.recurrence)
    return containing(kind, day).key if kind else ""


@transaction.atomic
def progress_report(
    *,
    assignment: DutyAssignment,
    by: Any,
    date: dt.date,
    content: str,
    percent: int,
    is_final: bool = False,
    period: str = "",
) -> ProgressReport:
    """Report progress. A final report marks the task 已完成 (to be confirmed); any report starts it."""
    if not can_report(by, assignment):
        raise Forbidden("只有责任委室或机关党委专责人员可以报送进展")
    _require_published(assignment)
    transition = check("task_complete" if is_final else "task_report", assignment.status)
    if not content.strip():
        raise InvalidInput("请填写进展情况")
    if date > clock.today():
        raise InvalidInput("报送日期不能晚于今天")
    if not 0 <= percent <= 100:
        raise InvalidInput("完成进度应在0至100之间")
    item = assignment.item
    if is_final and item.recurrence == Recurrence.ONCE and percent < 100:
        percent = 100
    period = period or period_key(item, date)
    if item.recurrence != Recurrence.ONCE and not period:
        raise InvalidInput("周期性任务须注明所属期间")
    report = ProgressReport(
        organ_id=assignment.organ_id,
        assignment=assignment,
        period=period,
        date=date,
        content=content.strip(),
        percent=percent,
        is_final=is_final,
        reported_by=by,
    )
    stamp(report, by)
    report.save()
    if not assignment.claimed_at:
        assignment.claimed_at, assignment.claimed_by = clock.now(), by
    assignment.status = transition.target
    assignment.completed_on = date if is_final else None
    stamp(assignment, by)
    assignment.save(update_fields=["status", "completed_on", "claimed_at", "claimed_by"])
    return report


@transaction.atomic
def assignment_confirm(*, assignment: DutyAssignment, by: Any) -> DutyAssignment:
    """销号 after checking the evidence: only a task reported 已完成, only by the office or the lead leader."""
    _refuse_stake(by, assignment, "确认销号")
    if not can_confirm(by, assignment):
        raise Forbidden("只有机关党委专责人员或牵头领导可以确认销号")
    assignment.status = check("task_confirm", assignment.status).target
    assignment.confirmed_at = clock.now()
    assignment.confirmed_by = by
    stamp(assignment, by)
    assignment.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return assignment


def _refuse_stake(by: Any, assignment: DutyAssignment, verb: str) -> None:
    reporters = assignment.reports.filter(is_final=True).values_list("reported_by_id", flat=True)
    refuse_own_stake(by, verb, **task_stakes(assignment, reporters))


@transaction.atomic
def assignment_return(*, assignment: DutyAssignment, by: Any, reason: str) -> DutyAssignment:
    """退回: completion not accepted (or a 销号 undone); the task goes back to 推进中 with the reason on record."""
    _refuse_stake(by, assignment, "退回")
    if not can_confirm(by, assignment):
        raise Forbidden("只有机关党委专责人员或牵头领导可以退回")
    transition = check("task_return", assignment.status)
    if not reason.strip():
        raise InvalidInput("请填写退回理由")
    assignment.status = transition.target
    assignment.completed_on = None
    assignment.confirmed_at = None
    assignment.confirmed_by = None
    assignment._change_reason = f"退回：{reason.strip()}"[:100]
    stamp(assignment, by)
    assignment.save(update_fields=["status", "completed_on", "confirmed_at", "confirmed_by"])
    return assignment


@transaction.atomic
def supervision_change(*, unit: Unit, leader: Person, start: dt.date, by: Any) -> tuple[Supervision, list[DutyItem]]:
    """A unit gets a new 分管领导 (org.services.supervision_change), and the open items the previous leader led
    for that unit move to the new one: 一岗双责 follows the data. Returns the new 分管 and the items moved.

    Closed items stay with the leader who saw them through; history records the move and its reason.
    """
    supervision, previous = org_services.supervision_change(unit=unit, leader=leader, start=start, by=by)
    if previous is None:
        return supervision, []
    moved = open_items_led_by(previous.pk, unit.pk)
    for item in moved:
        item.lead_leader = leader
        item._change_reason = "分管调整，牵头领导随之变更"
        stamp(item, by)
        item.save(update_fields=["lead_leader"])
    return supervision, moved
