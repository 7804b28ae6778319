"""Writes of the meetings ledger (会议费): the finance officer records a meeting from its voucher — category, the
plan item it was held under or its ad-hoc approval, dates, days, people, venue — with the lines of its bill.

A meeting happened before it is entered: no date is in the future; it ends on or after it begins and its 会期 fits in
those days. Its plan item is an item of the organ's yearly meeting plan for the year it began. An ad-hoc approval
(计划外审批) is a date with its approver, and the approver is not a head of the unit that asked for the meeting
(two people); a late approval is recorded as it was, for FRG-020 to find. With cost lines the total is their sum;
the lines are saved with the meeting, so its history and `updated_at` move whenever its bill changes. A meeting
entered by mistake is withdrawn (soft delete) with a reason.
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
from qinglian.frugality.amounts import MAX_AMOUNT
from qinglian.frugality.choices import ConferenceCategory, CostKind, PlanKind
from qinglian.frugality.models import Conference, ConferenceCost, PlanItem
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of
from qinglian.org.selectors import unit_heads

KEEP_ONLY = "只有财务专责人员可以录入会议费台账"


@dataclass(frozen=True)
class CostLine:
    """A line of the bill as a form, the API or the import gives it (amount already parsed to yuan)."""

    kind: str
    amount: Decimal
    description: str = ""


def _keeper(by: Any, organ_id: int | None) -> None:
    if not can_keep_ledgers(by):
        raise Forbidden(KEEP_ONLY)
    if organ_id is not None and organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的会议记录")


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def check_dates(
    *, start_on: dt.date | None, end_on: dt.date | None, paid_on: dt.date | None, adhoc_approved_on: dt.date | None
) -> None:
    """The meeting's dates in order (the import judges them the same way)."""
    if start_on is None or end_on is None:
        raise InvalidInput("请填写会议开始和结束日期")
    if end_on < start_on:
        raise InvalidInput("结束日期不能早于开始日期")
    for day, label in ((start_on, "开始日期"), (end_on, "结束日期"), (paid_on, "报销日期")):
        _not_future(day, label)
    _not_future(adhoc_approved_on, "计划外审批日期")


def check_size(*, start_on: dt.date, end_on: dt.date, days: Any, travel_days: Any, attendees: Any, staff: Any) -> None:
    """Days and people: a 会期 of at least half a day that fits in the meeting's dates; at least one attendee."""
    if days is None or Decimal(days) <= 0:
        raise InvalidInput("会期天数应大于0")
    span = (end_on - start_on).days + 1
    if Decimal(days) > span:
        raise InvalidInput(f"会期{Decimal(days).normalize():f}天超过开始至结束日期的{span}天")
    if travel_days is None or Decimal(travel_days) < 0:
        raise InvalidInput("报到和离开天数不能为负数")
    if attendees is None or attendees < 1:
        raise InvalidInput("参会人数应至少1人")
    if staff is None or staff < 0:
        raise InvalidInput("工作人员人数不能为负数")


def check_plan_item(item: PlanItem | None, *, organ_id: int, start_on: dt.date) -> None:
    """A meeting's plan item: of the organ's live yearly meeting plan for the year the meeting began."""
    if item is None:
        return
    plan = item.plan
    if plan.organ_id != organ_id or plan.deleted_at is not None:
        raise InvalidInput("年度计划事项不存在或已撤销")
    if plan.kind != PlanKind.CONFERENCE:
        raise InvalidInput(f"“{item.name}”不是年度会议计划的事项")
    if plan.year != start_on.year:
        raise InvalidInput(f"“{item.name}”是{plan.year}年度计划的事项，会议在{start_on.year}年召开")


def _check_adhoc(conference: Conference) -> None:
    day, approver_id = conference.adhoc_approved_on, conference.adhoc_approver_id
    if (day is None) != (approver_id is None):
        raise InvalidInput("计划外审批请同时填写审批日期和审批人")
    if approver_id is None:
        return
    organ = Person.all_objects.filter(pk=approver_id).values_list("organ_id", flat=True).first()
    if organ != conference.organ_id:
        raise InvalidInput("计划外审批人不属于本机关")
    if approver_id in unit_heads(conference.organ_id, {conference.unit_id}).get(conference.unit_id, []):
        raise InvalidInput(
            "计划外审批人是承办委室负责人：会议由本委室提出，不能由本委室负责人审批（审批人不得是申请人）"
        )


def _check_costs(costs: Sequence[CostLine]) -> None:
    for n, line in enumerate(costs, start=1):
        if line.kind not in CostKind.values:
            raise InvalidInput(f"第{n}条费用明细：请选择费用类别")
        if line.amount is None or Decimal(line.amount) < 0:
            raise InvalidInput(f"第{n}条费用明细：金额不能为空或负数")
        if len(line.description or "") > 200:
            raise InvalidInput(f"第{n}条费用明细：摘要最多200个字")


def _total(conference: Conference, costs: Sequence[CostLine], given: Decimal | None) -> Decimal:
    """With lines, their sum (a total that says otherwise is refused); without, the total entered."""
    if not costs:
        value = given if given is not None else conference.total_amount
        if value is None or Decimal(value) < 0:
            raise InvalidInput("请填写费用合计（不能为负数）")
        if Decimal(value) > MAX_AMOUNT:
            raise InvalidInput("费用合计过大，请核对单位（元/万元）")
        return Decimal(value)
    total = sum((Decimal(c.amount) for c in costs), Decimal(0))
    if given is not None and Decimal(given) != total:
        raise InvalidInput(f"费用合计{Decimal(given):,.2f}元与明细之和{total:,.2f}元不一致")
    if total > MAX_AMOUNT:
        raise InvalidInput("费用合计过大，请核对单位（元/万元）")
    return total


def _check(conference: Conference, costs: Sequence[CostLine], given_total: Decimal | None) -> None:
    conference.name = " ".join((conference.name or "").split())
    conference.venue = (conference.venue or "").strip()
    conference.venue_city = (conference.venue_city or "").strip()
    conference.voucher_no = (conference.voucher_no or "").strip()
    if not conference.name:
        raise InvalidInput("请填写会议名称")
    if not conference.venue:
        raise InvalidInput("请填写会议地点")
    if conference.category not in ConferenceCategory.values:
        raise InvalidInput("请选择会议类别")
    unit = Unit.objects.filter(pk=conference.unit_id, organ_id=conference.organ_id, kind=UnitKind.INTERNAL).first()
    if unit is None:
        raise InvalidInput("请选择本机关的承办委室")
    check_dates(
        start_on=conference.start_on,
        end_on=conference.end_on,
        paid_on=conference.paid_on,
        adhoc_approved_on=conference.adhoc_approved_on,
    )
    check_size(
        start_on=conference.start_on,
        end_on=conference.end_on,
        days=conference.days,
        travel_days=conference.travel_days,
        attendees=conference.attendees,
        staff=conference.staff,
    )
    item = PlanItem.objects.select_related("plan").filter(pk=conference.plan_item_id).first()
    if conference.plan_item_id is not None and item is None:
        raise InvalidInput("年度计划事项不存在")
    check_plan_item(item, organ_id=conference.organ_id, start_on=conference.start_on)
    _check_adhoc(conference)
    _check_costs(costs)
    conference.total_amount = _total(conference, costs, given_total)


def _sync_costs(conference: Conference, costs: Sequence[CostLine], by: Any) -> None:
    """Make the saved lines the given ones, in order: changed lines updated, new ones added, the rest removed — each
    change kept in the line's history with its author, as a formset's would be."""
    existing = list(ConferenceCost.objects.filter(conference=conference).order_by("id"))
    for line, row in zip(costs, existing, strict=False):
        values = (line.kind, Decimal(line.amount), (line.description or "").strip())
        if (row.kind, row.amount, row.description) != values:
            row.kind, row.amount, row.description = values
            save_checked(row, by=by)
    for line in costs[len(existing) :]:
        row = ConferenceCost(
            conference=conference, kind=line.kind, amount=line.amount, description=(line.description or "").strip()
        )
        save_checked(row, by=by)
    for row in existing[len(costs) :]:
        stamp(row, by)
        row.delete()


@transaction.atomic
def conference_save(
    *, conference: Conference, costs: Sequence[CostLine] | None, by: Any, total: Decimal | None = None
) -> Conference:
    """Record a meeting or correct it. `costs` None keeps the saved lines; a list replaces them (empty: no lines,
    `total` is then the meeting's total). The meeting is saved every time, so `updated_at` moves with its bill."""
    _keeper(by, conference.organ_id)
    if conference.organ_id is None:
        conference.organ_id = scope_of(by).organ_id
    if conference.pk is not None:
        current = Conference.all_objects.select_for_update().get(pk=conference.pk)
        if current.deleted_at is not None:
            raise Conflict("该会议记录已删除")
        conference.entry_source = current.entry_source
    saved_lines = _saved_lines(conference)
    lines = list(costs) if costs is not None else saved_lines
    _check(conference, lines, total)
    if conference.pk is not None and lines != saved_lines and not getattr(conference, "_change_reason", None):
        conference._change_reason = "修改费用明细"
    saved = save_checked(conference, by=by)
    if costs is not None:
        _sync_costs(saved, lines, by)
    return saved


def _saved_lines(conference: Conference) -> list[CostLine]:
    if conference.pk is None:
        return []
    rows = ConferenceCost.objects.filter(conference_id=conference.pk).order_by("id")
    return [CostLine(r.kind, r.amount, r.description) for r in rows]


@transaction.atomic
def conference_withdraw(*, conference: Conference, reason: str, by: Any) -> Conference:
    """Withdraw a meeting entered by mistake: soft delete, the reason in its history and the audit log."""
    _keeper(by, conference.organ_id)
    current = Conference.all_objects.select_for_update().get(pk=conference.pk)
    if current.deleted_at is not None:
        raise Conflict("该会议记录已删除")
    withdraw(current, by=by, reason=reason, target_repr=str(current))
    return current
