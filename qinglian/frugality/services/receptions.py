"""Writes of the 公务接待 ledger: the finance officer records a reception (the sender's letter, the list, the
invoice and the payment) and its meals; nobody else writes it (permissions.can_keep_ledgers).

The reception's total (接待费合计) is always what the organ paid — its working meals and banquets (a 自行用餐 is the
guests' own), lodging and other costs — recomputed whenever a meal is added, changed or removed, so that the parent
row is saved (its history and `updated_at` move) with every change to its list. Dates in order: the reception ends
on or after it starts, the letter's end on or after its start, every meal within the reception's days; nothing that
has to have happened (the reception's start, a document, a payment, a meal) is after today. A reception withdrawn
(soft delete) keeps its history and stays in the checks of days before; a meal removed stays in its history, with
the reason, and in the audit log.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import clock, hooks
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, stamp, withdraw
from qinglian.frugality.choices import EntrySource, GuestLevel, MealKind
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

KEEP_ONLY = "只有财务专责人员可以登记和修改公务接待台账"
CENT = Decimal("0.01")
MAX_DAYS = 31  # a typo guard: a reception of more than a month is a date typed wrong
TEXTS = (
    "voucher_no",
    "note",
    "letter_unit",
    "letter_no",
    "letter_purpose",
    "guest_unit",
    "guest_lead",
    "purpose",
    "venue",
    "lodging_place",
    "invoice_no",
)


def _not_future(day: dt.date | None, label: str, today: dt.date) -> None:
    if day is not None and day > today:
        raise InvalidInput(f"{label}不能晚于今天")


def check_reception_dates(
    *,
    start_on: dt.date | None,
    end_on: dt.date | None,
    letter_start: dt.date | None = None,
    letter_end: dt.date | None = None,
    happened: dict[str, dt.date | None] | None = None,
    today: dt.date | None = None,
) -> None:
    """The reception's dates in order (the forms, the API and the import judge them the same way). `happened`:
    label → date of what must not be after today (the letter, the signed list, the invoice, the payment)."""
    today = today or clock.today()
    if start_on is None or end_on is None:
        raise InvalidInput("请填写接待开始日期和结束日期")
    if end_on < start_on:
        raise InvalidInput("接待结束日期不能早于开始日期")
    if (end_on - start_on).days >= MAX_DAYS:
        raise InvalidInput(f"接待时间超过{MAX_DAYS}天，请核对日期")
    if letter_start is not None and letter_end is not None and letter_end < letter_start:
        raise InvalidInput("公函所列结束日期不能早于开始日期")
    _not_future(start_on, "接待开始日期", today)
    for label, day in (happened or {}).items():
        _not_future(day, label, today)


def check_meal_day(on: dt.date | None, start_on: dt.date, end_on: dt.date) -> None:
    if on is None:
        raise InvalidInput("请填写用餐日期")
    if not start_on <= on <= end_on:
        raise InvalidInput(f"用餐日期{on:%Y-%m-%d}不在接待日期（{start_on:%Y-%m-%d}至{end_on:%Y-%m-%d}）内")


def _happened(r: Reception) -> dict[str, dt.date | None]:
    return {"公函日期": r.letter_on, "清单审签日期": r.list_signed_on, "发票日期": r.invoice_on, "报销日期": r.paid_on}


def _keeper(by: Any) -> int:
    if not can_keep_ledgers(by):
        raise Forbidden(KEEP_ONLY)
    return scope_of(by).organ_id


def _locked(pk: int, organ_id: int) -> Reception:
    current = Reception.all_objects.select_for_update().filter(pk=pk).first()
    if current is None or current.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")
    if current.deleted_at is not None:
        raise Conflict("该公务接待记录已删除")
    return current


def _check_people_and_units(r: Reception) -> None:
    if not Unit.objects.filter(pk=r.unit_id, organ_id=r.organ_id, kind=UnitKind.INTERNAL).exists():
        raise InvalidInput("请选择本机关的承办委室")
    if r.approver_id is not None and not Person.all_objects.filter(pk=r.approver_id, organ_id=r.organ_id).exists():
        raise InvalidInput("审签人不属于本机关")


def _check_amounts(r: Reception) -> None:
    for value, label in ((r.lodging_amount, "住宿费"), (r.other_amount, "其他费用"), (r.invoice_amount, "发票金额")):
        if value is not None and Decimal(value) < 0:
            raise InvalidInput(f"{label}不能为负数")
    if not r.guest_count or r.guest_count < 1:
        raise InvalidInput("接待对象人数至少为1人")
    if r.letter_persons is not None and r.letter_persons < 1:
        raise InvalidInput("公函人数至少为1人")


def _meals_sum(reception_id: int | None) -> Decimal:
    """What the organ paid for the reception's meals: a 自行用餐 is listed but paid by the guests themselves."""
    if reception_id is None:
        return Decimal(0)
    paid = ReceptionMeal.objects.filter(reception_id=reception_id).exclude(kind=MealKind.SELF)
    return sum(paid.values_list("amount", flat=True), Decimal(0))


def _prepare(reception: Reception, by: Any, source: str) -> int:
    """Every check of the reception's own fields; the organ's id. A new row gets `source`, an old one keeps its."""
    organ_id = _keeper(by)
    if reception.organ_id is None:
        reception.organ_id = organ_id
    elif reception.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")
    for name in TEXTS:
        setattr(reception, name, (getattr(reception, name) or "").strip())
    if not reception.guest_unit or not reception.purpose:
        raise InvalidInput("请填写来访单位和公务活动项目")
    if reception.guest_level not in GuestLevel.values:
        raise InvalidInput("请选择接待对象级别")
    _check_people_and_units(reception)
    _check_amounts(reception)
    check_reception_dates(
        start_on=reception.start_on,
        end_on=reception.end_on,
        letter_start=reception.letter_start,
        letter_end=reception.letter_end,
        happened=_happened(reception),
    )
    if reception.pk is not None:
        reception.entry_source = _locked(reception.pk, organ_id).entry_source
    else:
        reception.entry_source = EntrySource(source).value
    reception.lodging_amount = reception.lodging_amount or Decimal(0)
    reception.other_amount = reception.other_amount or Decimal(0)
    return organ_id


def _check_meal(meal: ReceptionMeal, reception: Reception) -> None:
    check_meal_day(meal.on, reception.start_on, reception.end_on)
    _not_future(meal.on, "用餐日期", clock.today())
    if meal.kind not in MealKind.values:
        raise InvalidInput("请选择用餐方式")
    if meal.guests is None or meal.guests < 1:
        raise InvalidInput("用餐的接待对象人数至少为1人")
    if meal.escorts is None or meal.escorts < 0:
        raise InvalidInput("陪餐人数不能为负数")
    if meal.amount is None or Decimal(meal.amount) < 0:
        raise InvalidInput("请填写用餐金额（不能为负数）")
    meal.venue = (meal.venue or "").strip()
    meal.items = (meal.items or "").strip()


@transaction.atomic
def reception_save(*, reception: Reception, by: Any, source: str = EntrySource.MANUAL) -> Reception:
    """Record a reception or correct one (its meals are kept: `meal_save`, `meal_remove`). `source` marks a new
    row's origin; a corrected row keeps its own. Refused (Chinese) when the caller is not the finance officer, a
    unit or an approver is not the organ's, dates are out of order, or a meal on the list falls outside the days."""
    _prepare(reception, by, source)
    if reception.pk is not None:
        for meal in ReceptionMeal.objects.filter(reception_id=reception.pk):
            check_meal_day(meal.on, reception.start_on, reception.end_on)
    reception.total_amount = _meals_sum(reception.pk) + reception.lodging_amount + reception.other_amount
    return save_checked(reception, by=by)


MEAL_VALUES = ("on", "kind", "guests", "escorts", "amount", "venue", "items")


def meal_line(meal: ReceptionMeal) -> tuple:
    """A meal as compared when a list is replaced: its values, amounts to the fen."""
    return (meal.on, meal.kind, meal.guests, meal.escorts, Decimal(meal.amount).quantize(CENT), meal.venue, meal.items)


@transaction.atomic
def reception_with_meals(
    *, reception: Reception, meals: list[ReceptionMeal], by: Any, source: str = EntrySource.MANUAL, reason: str = ""
) -> Reception:
    """Record a reception with its whole list of meals at once (the import, the API): the reception saved once
    with its total, then its meals made `meals` — in date order, a meal that differs is corrected, a new one added,
    one no longer on the list removed (`reason` in its history). Same checks as the forms; refused as a whole."""
    _prepare(reception, by, source)
    for meal in meals:
        _check_meal(meal, reception)
    total = sum((Decimal(m.amount) for m in meals if m.kind != MealKind.SELF), Decimal(0))
    reception.total_amount = total + reception.lodging_amount + reception.other_amount
    save_checked(reception, by=by)
    old = list(ReceptionMeal.objects.select_for_update().filter(reception_id=reception.pk).order_by("on", "id"))
    new = sorted(meals, key=lambda m: m.on)
    for before, after in zip(old, new, strict=False):
        if meal_line(before) != meal_line(after):
            for name in MEAL_VALUES:
                setattr(before, name, getattr(after, name))
            before._change_reason = reason[:100]  # type: ignore[attr-defined]
            save_checked(before, by=by)
    for after in new[len(old) :]:
        after.reception = reception
        after._change_reason = reason[:100]  # type: ignore[attr-defined]
        save_checked(after, by=by)
    for gone in old[len(new) :]:
        _delete_meal(gone, reception, by, reason or "清单中已无该用餐")
    return reception


@transaction.atomic
def reception_delete(*, reception: Reception, by: Any, reason: str) -> None:
    """Withdraw a reception entered by mistake (soft delete, the reason in its history and the audit log)."""
    current = _locked(reception.pk, _keeper(by))
    withdraw(current, by=by, reason=reason, target_repr=f"公务接待 {current}")
    reception.deleted_at = current.deleted_at


def _touch(parent: Reception, by: Any, reason: str) -> Reception:
    """Save the reception after a change to its meals: the total follows and its history says why."""
    parent.total_amount = _meals_sum(parent.pk) + parent.lodging_amount + parent.other_amount
    parent._change_reason = reason[:100]  # type: ignore[attr-defined]
    return save_checked(parent, by=by)


@transaction.atomic
def meal_save(*, meal: ReceptionMeal, by: Any) -> ReceptionMeal:
    """Add a meal to a reception's list or correct one; the reception is saved with its new total."""
    parent = _locked(meal.reception_id, _keeper(by))
    if meal.pk is not None:
        before = ReceptionMeal.objects.select_for_update().filter(pk=meal.pk).first()
        if before is None or before.reception_id != parent.pk:
            raise Conflict("该用餐记录已不在这次接待的清单中")
    _check_meal(meal, parent)
    adding = meal.pk is None
    save_checked(meal, by=by)
    _touch(parent, by, f"{'新增' if adding else '修改'}用餐：{meal.on:%m月%d日}{meal.get_kind_display()}")
    return meal


def _delete_meal(meal: ReceptionMeal, parent: Reception, by: Any, reason: str) -> str:
    """Delete a meal row, its history keeping it with the reason, the audit log naming it; what it was."""
    what = f"{meal.on:%m月%d日}{meal.get_kind_display()}{meal.amount}元"
    meal._change_reason = f"删除：{reason}"[:100]  # type: ignore[attr-defined]
    stamp(meal, by)
    hooks.audit_record(
        action="record_deleted",
        user=by,
        target=parent,
        target_repr=f"公务接待 {parent} 的用餐 {what}",
        detail={"model": "frugality.receptionmeal", "id": meal.pk, "reason": reason},
    )
    meal.delete()
    return what


@transaction.atomic
def meal_remove(*, meal: ReceptionMeal, by: Any, reason: str) -> Reception:
    """Take a meal off a reception's list (entered in error), for a reason: the meal's history keeps it with the
    reason, the audit log records it, and the reception is saved with its new total."""
    organ_id = _keeper(by)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写删除原因")
    parent = _locked(meal.reception_id, organ_id)
    current = ReceptionMeal.objects.select_for_update().filter(pk=meal.pk, reception_id=parent.pk).first()
    if current is None:
        raise Conflict("该用餐记录已不在这次接待的清单中")
    what = _delete_meal(current, parent, by, reason)
    return _touch(parent, by, f"删除用餐：{what}（{reason}）")
