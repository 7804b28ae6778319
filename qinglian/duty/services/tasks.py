"""A unit's task: claim (认领), progress reports with evidence, completion, confirmation (销号), and the move
of open tasks when a unit's supervising leader changes (一岗双责).

Status changes follow the table in transitions.py; who may make them, permissions.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from qinglian.compliance.periods import containing
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import stamp
from qinglian.duty.choices import RECURRENCE_PERIOD, ListStatus, Recurrence
from qinglian.duty.models import DutyAssignment, DutyItem, ProgressReport
from qinglian.duty.permissions import can_claim, can_confirm, can_report, task_stakes
from qinglian.duty.selectors.tasks import has_evidence, open_items_led_by
from qinglian.duty.services.transitions import check
from qinglian.evidence.models import Evidence
from qinglian.evidence.services import StorageUnavailable, clean_name, evidence_attach
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


NEEDS_EVIDENCE = "申请销号须有佐证材料：请随本次报告上传，或先在任务或进展报告中上传至少一份佐证材料"
MAX_FILES = 10  # one report's attachments; more belong in a zip or in several reports


@dataclass(frozen=True)
class ReportFields:
    """A progress report as checked, before anything is written."""

    date: dt.date
    content: str
    percent: int
    is_final: bool
    period: str


def progress_report(
    *,
    assignment: DutyAssignment,
    by: Any,
    date: dt.date,
    content: str,
    percent: int,
    is_final: bool = False,
    period: str = "",
    files: Sequence[Any] = (),
    request: HttpRequest | None = None,
) -> ProgressReport:
    """Report progress, `files` attached to the report in the same step. Any report starts the task; a final one
    (申请销号) marks it 已完成, to be confirmed, and needs evidence on the task or its reports.

    Each file goes through evidence_attach after the report is saved, one by one and outside this function's
    transactions (a file is staged and encrypted while no row is locked; a refused file keeps its audit entry).
    A refused file is named in `report.refused` and the report stands. A final report sent with files is
    written as a progress report first and made final once a file is on record; when every file was refused
    and there is no other evidence it stays a progress report, the task 推进中, and `report.held` says so.
    `assignment` is updated to the task as it now stands.
    """
    fields = _checked(assignment, by, date, content, percent, is_final, period, files)
    deferred = is_final and bool(files)
    report = _write_report(assignment, by, fields, deferred=deferred)
    report.attached, report.refused = _attach(report, files, by=by, request=request)
    report.held = deferred and not _finalise(report, by)
    _mirror(assignment, report.assignment)
    return report


def _checked(
    assignment: DutyAssignment,
    by: Any,
    date: dt.date,
    content: str,
    percent: int,
    is_final: bool,
    period: str,
    files: Sequence[Any],
) -> ReportFields:
    if not can_report(by, assignment):
        raise Forbidden("只有责任委室或机关党委专责人员可以报送进展")
    _require_published(assignment)
    check("task_complete" if is_final else "task_report", assignment.status)
    if not content.strip():
        raise InvalidInput("请填写进展情况")
    if date > clock.today():
        raise InvalidInput("报送日期不能晚于今天")
    if not 0 <= percent <= 100:
        raise InvalidInput("完成进度应在0至100之间")
    if len(files) > MAX_FILES:
        raise InvalidInput(f"一次最多上传{MAX_FILES}个文件，其余请打包为 zip 或在任务佐证材料中上传")
    item = assignment.item
    period = period or period_key(item, date)
    if item.recurrence != Recurrence.ONCE and not period:
        raise InvalidInput("周期性任务须注明所属期间")
    return ReportFields(date, content.strip(), percent, is_final, period)


def _final_percent(task: DutyAssignment, percent: int) -> int:
    """A one-off task reported done is done: 100 %."""
    return 100 if task.item.recurrence == Recurrence.ONCE else percent


def _set_status(task: DutyAssignment, *, final: bool, on: dt.date) -> list[str]:
    """Move the task as a report does (a final one: 已完成 on `on`; any other: 推进中); the fields changed."""
    task.status = check("task_complete" if final else "task_report", task.status).target
    task.completed_on = on if final else None
    return ["status", "completed_on"]


@transaction.atomic
def _write_report(assignment: DutyAssignment, by: Any, fields: ReportFields, *, deferred: bool) -> ProgressReport:
    """The report and the task's status, under the task's row lock. `deferred`: a final report whose files are
    still to come is written as a progress report and the task left as it is, for _finalise to settle."""
    task = DutyAssignment.objects.select_for_update().select_related("item").get(pk=assignment.pk)
    final = fields.is_final and not deferred
    if final and not has_evidence(task):
        raise InvalidInput(NEEDS_EVIDENCE)
    changed = [] if deferred else _set_status(task, final=final, on=fields.date)  # checked under the lock
    if deferred:
        check("task_complete", task.status)
    report = ProgressReport(
        organ_id=task.organ_id,
        assignment=task,
        period=fields.period,
        date=fields.date,
        content=fields.content,
        percent=_final_percent(task, fields.percent) if final else fields.percent,
        is_final=final,
        reported_by=by,
    )
    stamp(report, by)
    report.save()
    if not task.claimed_at:
        task.claimed_at, task.claimed_by = clock.now(), by
        changed += ["claimed_at", "claimed_by"]
    if changed:
        stamp(task, by)
        task.save(update_fields=changed)
    return report


def _attach(
    report: ProgressReport, files: Sequence[Any], *, by: Any, request: HttpRequest | None
) -> tuple[list[Evidence], list[str]]:
    """(attached, refused): each file through the evidence service; a refusal reads "name：reason"."""
    attached: list[Evidence] = []
    refused: list[str] = []
    for upload in files:
        try:
            attached.append(evidence_attach(target=report, upload=upload, by=by, request=request))
        except (InvalidInput, StorageUnavailable) as exc:
            refused.append(f"{clean_name(getattr(upload, 'name', '') or '')}：{exc.message}")
    return attached, refused


@transaction.atomic
def _finalise(report: ProgressReport, by: Any) -> bool:
    """A final report sent with files: final now if evidence is on record (True); otherwise it stays a progress
    report and the task goes 推进中 (False)."""
    task = DutyAssignment.objects.select_for_update().select_related("item").get(pk=report.assignment_id)
    final = has_evidence(task)
    changed = _set_status(task, final=final, on=report.date)
    stamp(task, by)
    task.save(update_fields=changed)
    if final:
        report.is_final, report.percent = True, _final_percent(task, report.percent)
        stamp(report, by)
        report.save(update_fields=["is_final", "percent"])
    report.assignment = task
    return final


def _mirror(assignment: DutyAssignment, task: DutyAssignment) -> None:
    """The caller's copy of the task, as the report left it."""
    for name in ("status", "completed_on", "claimed_at", "claimed_by_id"):
        setattr(assignment, name, getattr(task, name))


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
