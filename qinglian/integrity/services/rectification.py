"""Writes of the 问题整改台账: batches, problems, measures and mechanisms (the party-affairs office keeps them), a
measure reported done (its owner, the head of its unit or the office — only with evidence), the 销号 of a problem
(a leader with no stake in it, only when every measure is done with evidence), its reopening, and the batch's
rectification report submitted.

The state changes are one table (`TRANSITIONS`) checked in one place (`check`); every change locks its row, is
recorded in the history with its author and in the audit log. Any refusal is Chinese and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.evidence.selectors import evidence_list
from qinglian.integrity import permissions
from qinglian.integrity.choices import ProblemStatus
from qinglian.integrity.models import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.org.permissions import own_stake, refuse_own_stake
from qinglian.org.scope import scope_of

# Every move of the ledger (a measure done, 销号, reopening, the report) is one audit action, named in the detail.
AUDIT_ACTION = AuditAction.RECTIFICATION_TRANSITION

KEEPER_ONLY = "只有机关党委专责人员可以维护整改台账"
NO_EVIDENCE = "整改措施未上传佐证材料，不能标记完成"
NOT_READY = "存在未完成或无佐证材料的整改措施，不能销号"
NO_MEASURES = "该问题尚无整改措施，不能销号"

# --- states and transitions --------------------------------------------------------------------------------------

PENDING, SUBMITTED = "pending", "submitted"  # a batch's report
UNDONE, DONE = "undone", "done"  # a measure
OPEN, CLOSED = ProblemStatus.OPEN.value, ProblemStatus.CLOSED.value


@dataclass(frozen=True)
class Transition:
    label: str
    sources: tuple[str, ...]
    target: str
    refusal: str  # said when the record's state is not one of `sources`


TRANSITIONS: dict[str, Transition] = {
    "report_submit": Transition("报送整改报告", (PENDING,), SUBMITTED, "该批次的整改报告已报送"),
    "measure_complete": Transition("报告完成", (UNDONE,), DONE, "该整改措施已报告完成"),
    "problem_close": Transition("销号", (OPEN,), CLOSED, "该问题已销号"),
    "problem_reopen": Transition("重新打开", (CLOSED,), OPEN, "只有已销号的问题可以重新打开"),
}


def batch_state(batch: RectificationBatch) -> str:
    return SUBMITTED if batch.report_submitted_on else PENDING


def measure_state(measure: RectificationMeasure) -> str:
    return DONE if measure.completed_on else UNDONE


def allows(name: str, state: str) -> bool:
    return state in TRANSITIONS[name].sources


def check(name: str, state: str) -> Transition:
    """The transition `name` from `state`, or InvalidInput with its refusal: the one place states are checked."""
    transition = TRANSITIONS[name]
    if state not in transition.sources:
        raise InvalidInput(transition.refusal)
    return transition


# --- helpers -----------------------------------------------------------------------------------------------------


def _keeper(by: Any) -> None:
    if not permissions.can_keep_rectification(by):
        raise Forbidden(KEEPER_ONLY)


def _own(obj: models.Model, by: Any) -> None:
    organ_id = scope_of(by).organ_id
    if obj.organ_id is None:
        obj.organ_id = organ_id
    elif obj.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")


def _same_organ(obj: models.Model, *related: models.Model | None) -> None:
    for other in related:
        if other is not None and getattr(other, "organ_id", obj.organ_id) != obj.organ_id:
            raise InvalidInput(f"“{other}”不属于本机关")


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def _audit(by: Any, target: models.Model, name: str, detail: dict[str, Any], request: Any = None) -> None:
    transition = TRANSITIONS[name]
    audit_record(
        action=AUDIT_ACTION,
        user=by,
        request=request,
        target=target,
        target_repr=str(target),
        detail={"ledger": "问题整改", "transition": name, "label": transition.label, **detail},
    )


def has_evidence(measure: RectificationMeasure) -> bool:
    return evidence_list(target=measure).exists()


def stakes(problem: RectificationProblem) -> dict[str, list[int | None]]:
    """Who answers for a problem: its owner and responsible leader, its unit, and each measure's owner and unit."""
    measures = list(RectificationMeasure.objects.filter(problem=problem).values_list("owner_id", "unit_id"))
    return {
        "responsible_people": [problem.owner_id, problem.leader_id, *(owner for owner, _ in measures)],
        "responsible_units": [problem.unit_id, *(unit for _, unit in measures)],
    }


def close_blocker(problem: RectificationProblem) -> str:
    """Why the problem's measures do not yet allow its 销号, or ""."""
    measures = list(RectificationMeasure.objects.filter(problem=problem))
    if not measures:
        return NO_MEASURES
    if any(m.completed_on is None or not has_evidence(m) for m in measures):
        return NOT_READY
    return ""


def close_refusal(user: Any, problem: RectificationProblem) -> str:
    """Why `user` may not close `problem` now (in Chinese), or "" when they may: what the page shows beside 销号."""
    if problem.status != OPEN:
        return TRANSITIONS["problem_close"].refusal
    if not permissions.can_close_problems(user):
        return "销号须由党组书记或党组成员审批"
    reason = own_stake(user, **stakes(problem))
    if reason:
        return f"{reason}，不能销号（审批人不得是申请人或责任人）"
    return close_blocker(problem)


# --- the keeper's records ----------------------------------------------------------------------------------------


@transaction.atomic
def batch_save(*, batch: RectificationBatch, by: Any) -> RectificationBatch:
    """Add or change a batch (source, title, issuer, feedback date, lead)."""
    _keeper(by)
    _own(batch, by)
    _same_organ(batch, batch.lead)
    batch.title = (batch.title or "").strip()
    if not batch.title:
        raise InvalidInput("请填写批次名称")
    _not_future(batch.feedback_on, "反馈日期")
    if batch.report_submitted_on and batch.feedback_on and batch.report_submitted_on < batch.feedback_on:
        raise InvalidInput("整改报告报送日期不能早于反馈日期")
    if batch.pk:
        earliest = RectificationMeasure.objects.filter(problem__batch=batch).aggregate(m=models.Min("deadline"))["m"]
        if earliest and batch.feedback_on and earliest < batch.feedback_on:
            raise InvalidInput("反馈日期不能晚于已有整改措施的完成时限")
    return save_checked(batch, by=by)


@transaction.atomic
def batch_report_submit(
    *, batch: RectificationBatch, submitted_on: dt.date | None, report_no: str, by: Any, request: Any = None
) -> RectificationBatch:
    """The batch's 整改情况报告 sent to whoever fed the problems back: its date and document number."""
    _keeper(by)
    batch = RectificationBatch.objects.select_for_update().get(pk=batch.pk)
    _own(batch, by)
    check("report_submit", batch_state(batch))
    if submitted_on is None:
        raise InvalidInput("请填写整改报告报送日期")
    _not_future(submitted_on, "整改报告报送日期")
    if submitted_on < batch.feedback_on:
        raise InvalidInput("整改报告报送日期不能早于反馈日期")
    report_no = (report_no or "").strip()
    if not report_no:
        raise InvalidInput("请填写整改报告文号")
    batch.report_submitted_on, batch.report_no = submitted_on, report_no
    save_checked(batch, by=by)
    _audit(by, batch, "report_submit", {"on": submitted_on.isoformat(), "report_no": report_no}, request)
    return batch


@transaction.atomic
def problem_save(*, problem: RectificationProblem, by: Any) -> RectificationProblem:
    """Add or change a problem of a batch; a closed problem is reopened before it is changed."""
    _keeper(by)
    _own(problem, by)
    _same_organ(problem, problem.batch, problem.unit, problem.leader, problem.owner)
    if problem.pk:
        stored = RectificationProblem.objects.select_for_update().get(pk=problem.pk)
        if stored.status == CLOSED:
            raise InvalidInput("该问题已销号，不能修改；如需修改请先由党组成员重新打开")
        problem.status, problem.closed_on, problem.closed_by_id = stored.status, stored.closed_on, stored.closed_by_id
    else:
        problem.status, problem.closed_on, problem.closed_by = OPEN, None, None
    problem.description = (problem.description or "").strip()
    problem.category = (problem.category or "").strip()
    if not problem.description:
        raise InvalidInput("请填写问题描述")
    if not problem.number:
        raise InvalidInput("请填写问题序号")
    twin = RectificationProblem.objects.filter(batch_id=problem.batch_id, number=problem.number).exclude(pk=problem.pk)
    if twin.exists():
        raise Conflict(f"本批次已有序号为{problem.number}的问题")
    return save_checked(problem, by=by)


@transaction.atomic
def measure_save(*, measure: RectificationMeasure, by: Any) -> RectificationMeasure:
    """Add or change a measure (description, unit, owner, deadline) of an open problem. Completion is reported
    through `measure_report`, never here."""
    _keeper(by)
    _own(measure, by)
    problem = RectificationProblem.objects.select_for_update().select_related("batch").get(pk=measure.problem_id)
    _same_organ(measure, problem, measure.unit, measure.owner)
    if problem.status == CLOSED:
        raise InvalidInput("该问题已销号，不能再修改其整改措施")
    if measure.pk:
        stored = RectificationMeasure.objects.get(pk=measure.pk)
        measure.completed_on, measure.completion_note = stored.completed_on, stored.completion_note
    else:
        measure.completed_on, measure.completion_note = None, ""
    measure.description = (measure.description or "").strip()
    if not measure.description:
        raise InvalidInput("请填写整改措施")
    if measure.deadline is None:
        raise InvalidInput("请填写完成时限")
    if measure.deadline < problem.batch.feedback_on:
        raise InvalidInput("完成时限不能早于问题反馈日期")
    if measure.unit_id is None:
        measure.unit_id = problem.unit_id
    return save_checked(measure, by=by)


@transaction.atomic
def mechanism_save(*, mechanism: LongTermMechanism, by: Any) -> LongTermMechanism:
    """A rule or system established (建章立制) against a problem."""
    _keeper(by)
    _own(mechanism, by)
    _same_organ(mechanism, mechanism.problem)
    mechanism.title = (mechanism.title or "").strip()
    if not mechanism.title:
        raise InvalidInput("请填写制度名称")
    _not_future(mechanism.issued_on, "印发日期")
    return save_checked(mechanism, by=by)


# --- completion, 销号, reopening -----------------------------------------------------------------------------------


@transaction.atomic
def measure_report(
    *, measure: RectificationMeasure, completed_on: dt.date | None, note: str, by: Any, request: Any = None
) -> RectificationMeasure:
    """Report a measure done: its owner, the head of its unit or the office; on a date not in the future and not
    before the batch's feedback, with what was done, and only once its evidence is uploaded."""
    measure = RectificationMeasure.objects.select_for_update().select_related("problem__batch").get(pk=measure.pk)
    if not permissions.can_report_measure(by, measure):
        raise Forbidden("只有整改措施的责任人、责任委室负责人或机关党委专责人员可以报告完成")
    check("measure_complete", measure_state(measure))
    if measure.problem.status == CLOSED:
        raise InvalidInput("该问题已销号，不能再报告整改措施完成")
    if completed_on is None:
        raise InvalidInput("请填写完成日期")
    _not_future(completed_on, "完成日期")
    if completed_on < measure.problem.batch.feedback_on:
        raise InvalidInput("完成日期不能早于问题反馈日期")
    note = (note or "").strip()
    if not note:
        raise InvalidInput("请填写完成情况")
    if not has_evidence(measure):
        raise InvalidInput(NO_EVIDENCE)
    measure.completed_on, measure.completion_note = completed_on, note
    save_checked(measure, by=by)
    _audit(by, measure, "measure_complete", {"on": completed_on.isoformat()}, request)
    return measure


@transaction.atomic
def problem_close(
    *,
    problem: RectificationProblem,
    by: Any,
    note: str = "",
    closed_on: dt.date | None = None,
    request: Any = None,
) -> RectificationProblem:
    """销号: a leader who neither owns nor leads the problem, nor heads its unit, nor answers for one of its
    measures; only when it has measures and every one is done with evidence."""
    problem = RectificationProblem.objects.select_for_update().select_related("batch").get(pk=problem.pk)
    if not permissions.can_close_problems(by):
        raise Forbidden("销号须由党组书记或党组成员审批")
    if problem.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    check("problem_close", problem.status)
    refuse_own_stake(by, "销号", **stakes(problem))
    blocker = close_blocker(problem)
    if blocker:
        raise InvalidInput(blocker)
    closed_on = closed_on or clock.today()
    _not_future(closed_on, "销号日期")
    last = RectificationMeasure.objects.filter(problem=problem).aggregate(m=models.Max("completed_on"))["m"]
    if last and closed_on < last:
        raise InvalidInput("销号日期不能早于整改措施的完成日期")
    problem.status = CLOSED
    problem.closed_on, problem.closed_by = closed_on, by
    problem.close_note = (note or "").strip() or "同意销号"
    save_checked(problem, by=by)
    _audit(by, problem, "problem_close", {"on": closed_on.isoformat(), "note": problem.close_note}, request)
    return problem


@transaction.atomic
def problem_reopen(*, problem: RectificationProblem, by: Any, reason: str, request: Any = None) -> RectificationProblem:
    """A leader reopens a closed problem (the rectification did not hold), with the reason."""
    problem = RectificationProblem.objects.select_for_update().get(pk=problem.pk)
    if not permissions.can_close_problems(by):
        raise Forbidden("重新打开须由党组书记或党组成员决定")
    if problem.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    check("problem_reopen", problem.status)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写重新打开的原因")
    problem.status = OPEN
    problem.closed_on, problem.closed_by = None, None
    problem.close_note = f"重新打开：{reason}"[:2000]
    save_checked(problem, by=by)
    _audit(by, problem, "problem_reopen", {"reason": reason}, request)
    return problem
