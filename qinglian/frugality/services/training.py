"""Writes of the training ledger (培训费): a course with its cost lines and lectures, saved together; a course
entered by mistake is withdrawn (soft delete, with its reason in the history and the audit log).

Only the finance officer writes (permissions.can_keep_ledgers). A course's lines are edited with the course: the
course row is saved every time, so its updated_at and its history move when only a line changed, and its total is
the sum of its cost lines. Refused, in Chinese and writing nothing: dates out of order, a course longer than its
dates, a lecture outside the course's days, a plan item that is not a training item of the course's year, an
ad-hoc approver who is the recorder or heads the spending unit (审批人不得是申请人或责任人).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, stamp, withdraw
from qinglian.frugality.choices import CostKind, LecturerTitle, PlanKind
from qinglian.frugality.models import Lecture, PlanItem, TrainingCost, TrainingCourse
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of
from qinglian.org.selectors import unit_heads

REFUSAL = "只有财务专责人员可以登记培训费台账"


@dataclass(frozen=True)
class CostLine:
    """A line of the course's bill."""

    kind: str
    amount: Decimal
    description: str = ""

    def key(self) -> tuple[str, Decimal, str]:
        return (self.kind, Decimal(self.amount), self.description.strip())


@dataclass(frozen=True)
class LectureLine:
    """A lecturer's session: hours (学时) and the fee after tax."""

    lecturer: str
    title: str
    on: dt.date
    hours: Decimal
    fee: Decimal
    from_afar: bool = False

    def key(self) -> tuple[str, str, dt.date, Decimal, Decimal, bool]:
        return (self.lecturer.strip(), self.title, self.on, Decimal(self.hours), Decimal(self.fee), self.from_afar)


def cost_key(row: TrainingCost) -> tuple[str, Decimal, str]:
    return (row.kind, row.amount, row.description)


def lecture_key(row: Lecture) -> tuple[str, str, dt.date, Decimal, Decimal, bool]:
    return (row.lecturer, row.title, row.on, row.hours, row.fee, row.from_afar)


# --- checks the import makes too ---------------------------------------------------------------------------------


def check_course_dates(*, start_on: dt.date | None, end_on: dt.date | None, days: Decimal | None) -> None:
    if start_on is None or end_on is None:
        raise InvalidInput("请填写培训的开始日期和结束日期")
    if end_on < start_on:
        raise InvalidInput(f"结束日期（{end_on:%Y-%m-%d}）不能早于开始日期（{start_on:%Y-%m-%d}）")
    if days is None or Decimal(days) <= 0:
        raise InvalidInput("培训天数应大于0")
    span = (end_on - start_on).days + 1
    if Decimal(days) > span:
        raise InvalidInput(f"培训天数（{Decimal(days).normalize():f}天）不能超过起止日期之间的天数（{span}天）")


def check_lines(
    *, start_on: dt.date, end_on: dt.date, costs: Sequence[CostLine], lectures: Sequence[LectureLine]
) -> None:
    for n, cost in enumerate(costs, start=1):
        if cost.kind not in CostKind.values:
            raise InvalidInput(f"第{n}条费用明细：请选择费用类别")
        if cost.amount is None or Decimal(cost.amount) < 0:
            raise InvalidInput(f"第{n}条费用明细：金额不能为空或负数")
    for n, lecture in enumerate(lectures, start=1):
        if not lecture.lecturer.strip():
            raise InvalidInput(f"第{n}条授课记录：请填写授课人")
        if lecture.title not in LecturerTitle.values:
            raise InvalidInput(f"第{n}条授课记录（{lecture.lecturer}）：请选择职称")
        if lecture.on is None or not start_on <= lecture.on <= end_on:
            day = f"{lecture.on:%Y-%m-%d}" if lecture.on else "空"
            raise InvalidInput(
                f"第{n}条授课记录（{lecture.lecturer}）：授课日期（{day}）不在培训起止日期"
                f"（{start_on:%Y-%m-%d}至{end_on:%Y-%m-%d}）内"
            )
        if lecture.hours is None or Decimal(lecture.hours) <= 0:
            raise InvalidInput(f"第{n}条授课记录（{lecture.lecturer}）：学时应大于0")
        if lecture.fee is None or Decimal(lecture.fee) < 0:
            raise InvalidInput(f"第{n}条授课记录（{lecture.lecturer}）：讲课费不能为空或负数")


def check_plan_item(organ_id: int, plan_item_id: int | None, start_on: dt.date) -> None:
    if plan_item_id is None:
        return
    item = PlanItem.objects.filter(pk=plan_item_id, plan__organ_id=organ_id).select_related("plan").first()
    if item is None or item.plan.deleted_at is not None:
        raise InvalidInput("年度计划事项不存在")
    if item.plan.kind != PlanKind.TRAINING:
        raise InvalidInput(f"“{item.name}”不是年度培训计划的事项")
    if item.plan.year != start_on.year:
        raise InvalidInput(f"“{item.name}”是{item.plan.year}年的计划事项，培训在{start_on.year}年举办")


def _check_unit(course: TrainingCourse) -> None:
    if course.unit_id is None:
        raise InvalidInput("请选择承办委室")
    if not Unit.objects.filter(pk=course.unit_id, organ_id=course.organ_id, kind=UnitKind.INTERNAL).exists():
        raise InvalidInput("承办委室不属于本机关")


def _check_adhoc(course: TrainingCourse, by: Any) -> None:
    if course.adhoc_approved_on is not None and course.adhoc_approved_on > clock.today():
        raise InvalidInput("计划外审批日期不能晚于今天")
    if course.adhoc_approver_id is None:
        return
    if course.adhoc_approved_on is None:
        raise InvalidInput("填写了计划外审批人的，请填写计划外审批日期")
    organ = Person.all_objects.filter(pk=course.adhoc_approver_id).values_list("organ_id", flat=True).first()
    if organ != course.organ_id:
        raise InvalidInput("计划外审批人不属于本机关")
    if course.adhoc_approver_id == scope_of(by).person_id:
        raise Forbidden("计划外审批人不能是录入人本人（审批人不得是申请人或责任人）")
    if course.adhoc_approver_id in unit_heads(course.organ_id, {course.unit_id}).get(course.unit_id, []):
        raise Forbidden("计划外审批人不能是承办委室的负责人（审批人不得是申请人或责任人）")


def _clean_text(course: TrainingCourse) -> None:
    for name in ("name", "venue", "venue_city", "voucher_no", "note"):
        setattr(course, name, (getattr(course, name) or "").strip())
    if not course.name:
        raise InvalidInput("请填写培训名称")
    if not course.venue:
        raise InvalidInput("请填写培训地点")


def _check_course(course: TrainingCourse, by: Any) -> None:
    _clean_text(course)
    _check_unit(course)
    check_course_dates(start_on=course.start_on, end_on=course.end_on, days=course.days)
    if course.travel_days is None or Decimal(course.travel_days) < 0:
        raise InvalidInput("报到离开天数不能为负数")
    if not course.attendees:
        raise InvalidInput("参训人数应大于0")
    if course.paid_on is not None and course.paid_on > clock.today():
        raise InvalidInput("报销日期不能晚于今天")
    check_plan_item(course.organ_id, course.plan_item_id, course.start_on)
    _check_adhoc(course, by)


# --- writes --------------------------------------------------------------------------------------------------------


@transaction.atomic
def course_save(
    *,
    course: TrainingCourse,
    costs: Sequence[CostLine],
    lectures: Sequence[LectureLine],
    by: Any,
    reason: str = "",
) -> TrainingCourse:
    """Create or update a course with exactly these cost lines and lectures. The total is the sum of the lines."""
    if not can_keep_ledgers(by):
        raise Forbidden(REFUSAL)
    organ_id = scope_of(by).organ_id
    if course.organ_id is None:
        course.organ_id = organ_id
    elif course.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")
    if course.pk is not None:
        current = TrainingCourse.all_objects.select_for_update().filter(pk=course.pk).first()
        if current is None or current.deleted_at is not None:
            raise Conflict("该培训记录已删除")
        if current.organ_id != organ_id:
            raise Forbidden("不能修改其他机关的记录")
        course.entry_source = current.entry_source
    _check_course(course, by)
    check_lines(start_on=course.start_on, end_on=course.end_on, costs=costs, lectures=lectures)
    course.total_amount = sum((Decimal(c.amount) for c in costs), Decimal(0))
    course._change_reason = reason or ("新增培训" if course.pk is None else "修改培训")  # type: ignore[attr-defined]
    save_checked(course, by=by)
    _replace_costs(course, costs, by)
    _replace_lectures(course, lectures, by)
    return course


def _replace_costs(course: TrainingCourse, costs: Sequence[CostLine], by: Any) -> None:
    """Keep the lines that did not change, delete the others (their history keeps them), add the new ones."""
    kept = {row.pk: cost_key(row) for row in course.costs.all()}
    for line in costs:
        match = next((pk for pk, key in kept.items() if key == line.key()), None)
        if match is not None:
            del kept[match]
            continue
        row = TrainingCost(course=course, kind=line.kind, amount=line.amount, description=line.description.strip())
        stamp(row, by)
        row.save()
    for row in TrainingCost.objects.filter(pk__in=list(kept)):
        stamp(row, by)
        row.delete()


def _replace_lectures(course: TrainingCourse, lectures: Sequence[LectureLine], by: Any) -> None:
    kept = {row.pk: lecture_key(row) for row in course.lectures.all()}
    for line in lectures:
        match = next((pk for pk, key in kept.items() if key == line.key()), None)
        if match is not None:
            del kept[match]
            continue
        row = Lecture(
            course=course,
            lecturer=line.lecturer.strip(),
            title=line.title,
            on=line.on,
            hours=line.hours,
            fee=line.fee,
            from_afar=line.from_afar,
        )
        stamp(row, by)
        row.save()
    for row in Lecture.objects.filter(pk__in=list(kept)):
        stamp(row, by)
        row.delete()


@transaction.atomic
def course_delete(*, course: TrainingCourse, by: Any, reason: str) -> None:
    """Withdraw a course entered by mistake: it leaves every list and check from now on; its history stays."""
    if not can_keep_ledgers(by):
        raise Forbidden(REFUSAL)
    current = TrainingCourse.all_objects.select_for_update().filter(pk=course.pk).first()
    if current is None or current.deleted_at is not None:
        raise InvalidInput("该培训记录已被删除")
    if current.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    withdraw(current, by=by, reason=reason, target_repr=f"培训 {current}")
    course.deleted_at = current.deleted_at
