"""Writes of the yearly plans (年度会议计划、年度培训计划、年度因公出国（境）计划): the finance officer records each
plan the Party group approved and its items.

A plan is one kind for one year (one live plan per kind and year). `approved_on` is the Party-group meeting's date:
never in the future, and in the plan's year or the December before it. An item's name is unique in its plan (the
import and the other ledgers' forms find it by name); its category is one of its kind's (a meeting's 会议类别, a
course's 培训类别, none for a trip abroad). Items are never deleted — the ledgers point at them; a plan entered by
mistake is withdrawn with a reason, and only while no ledger row points at its items. Saving an item saves its plan
too, so the plan's history and `updated_at` show every change of its items.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.selectors.plans import ITEM_CATEGORIES, linked_rows
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of

KEEP_ONLY = "只有财务专责人员可以录入年度计划"


def _keeper(by: Any, organ_id: int | None) -> None:
    if not can_keep_ledgers(by):
        raise Forbidden(KEEP_ONLY)
    if organ_id is not None and organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的年度计划")


def check_plan_fields(*, kind: str, year: int | None, approved_on: dt.date | None) -> None:
    """A plan's own fields (the import judges them the same way)."""
    if kind not in PlanKind.values:
        raise InvalidInput("请选择计划类别")
    if year is None or not 2000 <= year <= 2100:
        raise InvalidInput("请填写年度（如 2026）")
    if approved_on is None:
        return
    if approved_on > clock.today():
        raise InvalidInput("党组会审批日期不能晚于今天")
    if approved_on < dt.date(year - 1, 12, 1) or approved_on.year > year:
        raise InvalidInput(f"党组会审批日期应在{year}年内（或上一年12月）")


@transaction.atomic
def plan_save(*, plan: SpendingPlan, by: Any) -> SpendingPlan:
    """Record a plan or correct it. Its kind and year are fixed once it has items (they carry the kind's categories
    and the ledgers of that year point at them)."""
    _keeper(by, plan.organ_id)
    if plan.organ_id is None:
        plan.organ_id = scope_of(by).organ_id
    if plan.pk is not None:
        current = SpendingPlan.all_objects.select_for_update().get(pk=plan.pk)
        if current.deleted_at is not None:
            raise Conflict("该年度计划已撤销")
        if (current.kind, current.year) != (plan.kind, plan.year) and current.items.exists():
            raise InvalidInput("计划已有事项，不能修改计划类别或年度")
    check_plan_fields(kind=plan.kind, year=plan.year, approved_on=plan.approved_on)
    plan.approval_ref = (plan.approval_ref or "").strip()
    clash = SpendingPlan.objects.filter(organ_id=plan.organ_id, kind=plan.kind, year=plan.year).exclude(pk=plan.pk)
    if clash.exists():
        raise Conflict(f"{plan.year}年{PlanKind(plan.kind).label}已录入，请在原计划中修改")
    return save_checked(plan, by=by)


@transaction.atomic
def plan_withdraw(*, plan: SpendingPlan, reason: str, by: Any) -> SpendingPlan:
    """Withdraw a plan entered by mistake (soft delete, audited with the reason). Refused while a meeting, a course
    or a trip abroad points at one of its items: they would lose the plan they were held under."""
    _keeper(by, plan.organ_id)
    current = SpendingPlan.all_objects.select_for_update().get(pk=plan.pk)
    if current.deleted_at is not None:
        raise Conflict("该年度计划已撤销")
    used = linked_rows(current)
    if used:
        raise Conflict(f"该计划的事项已被{used}条会议、培训或出国（境）记录引用，不能撤销")
    withdraw(current, by=by, reason=reason, target_repr=str(current))
    return current


def _check_item(item: PlanItem, plan: SpendingPlan) -> None:
    item.name = " ".join((item.name or "").split())
    item.category = (item.category or "").strip()
    if not item.name:
        raise InvalidInput("请填写事项名称")
    allowed = ITEM_CATEGORIES[plan.kind]
    if item.category and item.category not in allowed:
        noun = "该类计划的事项不分类别" if not allowed else f"类别应为{'、'.join(allowed.values())}之一"
        raise InvalidInput(f"事项类别有误：{noun}")
    if item.unit_id is not None:
        unit = Unit.objects.filter(pk=item.unit_id, organ_id=plan.organ_id, kind=UnitKind.INTERNAL).first()
        if unit is None:
            raise InvalidInput("承办委室不属于本机关")
    if item.people is not None and item.people < 1:
        raise InvalidInput("计划人数应大于0")
    if item.days is not None and Decimal(item.days) <= 0:
        raise InvalidInput("计划天数应大于0")
    if item.budget is not None and Decimal(item.budget) < 0:
        raise InvalidInput("预算不能为负数")
    twin = PlanItem.objects.filter(plan_id=plan.pk, name=item.name).exclude(pk=item.pk)
    if twin.exists():
        raise Conflict(f"计划中已有名为“{item.name}”的事项")


@transaction.atomic
def plan_item_save(*, item: PlanItem, by: Any) -> PlanItem:
    """Add an item to its plan or correct it; an item never moves to another plan. The plan is saved with it."""
    plan = SpendingPlan.all_objects.select_for_update().filter(pk=item.plan_id).first()
    if plan is None or plan.deleted_at is not None:
        raise InvalidInput("年度计划不存在或已撤销")
    _keeper(by, plan.organ_id)
    if item.pk is not None and PlanItem.objects.filter(pk=item.pk).values_list("plan_id", flat=True).first() != plan.pk:
        raise InvalidInput("计划事项不能移到其他计划")
    _check_item(item, plan)
    saved = save_checked(item, by=by)
    plan._change_reason = f"计划事项：{saved.name}"[:100]
    save_checked(plan, by=by)
    return saved
