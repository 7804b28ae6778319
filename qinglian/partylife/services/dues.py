"""Writes of the 党费台账: a member's month (entered, corrected, deleted with a reason) and the 党费计算标准 shipped
with the code. A month's dues are priced when the row is written, by the standard in force on its first day."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.db import transaction

from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked, stamp, withdraw
from qinglian.org.choices import Role
from qinglian.org.models import Person
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import DuesCategory
from qinglian.partylife.models import DuesBracket, DuesRecord, DuesStandard
from qinglian.partylife.permissions import can_record_dues, organ_id_of
from qinglian.partylife.selectors.dues import Bracket, Price, Pricer, month_start, person_category

SHIPPED_STANDARDS = Path(__file__).resolve().parent.parent / "dues_standards.json"
_REFUSED = "只能登记本人所在党支部（任支部书记或组织委员）党员的党费"


def _check_amounts(base_income: Decimal, paid: Decimal, paid_on: dt.date | None) -> None:
    for label, amount in (("月工资收入", base_income), ("实交金额", paid)):
        if amount < 0:
            raise InvalidInput(f"{label}不能为负数")
        if amount != amount.quantize(Decimal("0.01")):
            raise InvalidInput(f"{label}最多保留两位小数（元、角、分）")
    if paid > 0 and paid_on is None:
        raise InvalidInput("已交纳党费的须填写交纳日期")
    if paid == 0 and paid_on is not None:
        raise InvalidInput("实交金额为0（未交纳）时不填写交纳日期")
    if paid_on is not None and paid_on > clock.today():
        raise InvalidInput("交纳日期不能晚于今天")


def _check_member(person: Person, month: dt.date, organ_id: int) -> None:
    if person.organ_id != organ_id or person.deleted_at is not None or not person.is_party_member:
        raise InvalidInput(f"{person.name}不是本机关的中共党员（含预备党员），不能登记党费")
    if month > month_start(clock.today()):
        raise InvalidInput("不能登记未来月份的党费")
    if person.party_joined_on and month < month_start(person.party_joined_on):
        raise InvalidInput(f"{person.name}于{person.party_joined_on:%Y年%m月}入党，此前的月份无需交纳党费")


def _price(organ_id: int, month: dt.date, category: str, base_income: Decimal) -> Price:
    if category not in DuesCategory.values:
        raise InvalidInput("人员类别应为“在职”或“离退休”")
    price = Pricer(organ_id).price(month=month, category=category, income=base_income)
    if price is None:
        raise InvalidInput(f"{month:%Y年%m月}没有适用的党费计算标准，请机关党委先设置")
    return price


@transaction.atomic
def dues_record_add(
    *,
    person: Person,
    month: dt.date,
    base_income: Decimal,
    by: Any,
    paid: Decimal = Decimal("0"),
    paid_on: dt.date | None = None,
    category: str = "",
    note: str = "",
) -> DuesRecord:
    """Enter a member's dues for a month (any day of it stands for the month). Paying less than the dues is
    allowed and shows as 少交; nothing paid shows as 欠缴. `category` blank: 离退休 after a retirement event."""
    organ_id = organ_id_of(by)
    month = month_start(month)
    if not can_record_dues(by, person):
        raise Forbidden(_REFUSED)
    _check_member(person, month, organ_id)
    _check_amounts(base_income, paid, paid_on)
    if DuesRecord.objects.filter(organ_id=organ_id, person=person, month=month).exists():
        raise InvalidInput(f"{person.name}{month:%Y年%m月}的党费已登记，请修改原记录")
    category = category or person_category(person, month)
    price = _price(organ_id, month, category, base_income)
    record = DuesRecord(
        organ_id=organ_id,
        person=person,
        month=month,
        category=category,
        base_income=base_income,
        standard=price.standard,
        rate=price.rate,
        dues=price.dues,
        paid=paid,
        paid_on=paid_on,
        note=note.strip(),
    )
    return save_checked(record, by=by)


@transaction.atomic
def dues_record_update(
    *,
    record: DuesRecord,
    base_income: Decimal,
    by: Any,
    paid: Decimal = Decimal("0"),
    paid_on: dt.date | None = None,
    category: str = "",
    note: str = "",
) -> DuesRecord:
    """Correct a month (the member and the month stay; delete and enter again for another).

    The dues are priced again only when the income or the category changed: recording a payment must not
    reprice the month by a standard added since, which would rewrite what the member was asked to pay.
    """
    if not can_record_dues(by, record.person):
        raise Forbidden(_REFUSED)
    _check_amounts(base_income, paid, paid_on)
    category = category or record.category
    if (base_income, category) != (record.base_income, record.category):
        price = _price(record.organ_id, record.month, category, base_income)
        record.standard, record.rate, record.dues = price.standard, price.rate, price.dues
    record.category, record.base_income = category, base_income
    record.paid, record.paid_on, record.note = paid, paid_on, note.strip()
    return save_checked(record, by=by)


@transaction.atomic
def dues_record_delete(*, record: DuesRecord, by: Any, reason: str) -> None:
    """Withdraw a month entered by mistake. The row stays in history; the reason goes to the audit log."""
    if not can_record_dues(by, record.person):
        raise Forbidden(_REFUSED)
    withdraw(record, by=by, reason=reason, target_repr=f"{record.person.name} {record.month:%Y年%m月}党费")


# --- the standards --------------------------------------------------------------------------------------


def _check_brackets(brackets: dict[str, list[Bracket]]) -> None:
    for category in DuesCategory:
        rows = brackets.get(category.value) or []
        if not rows:
            raise InvalidInput(f"请填写{category.label}党员的交纳档次")
        bounds = [bound for bound, _ in rows]
        bounded = bounds[:-1]
        if bounds[-1] is not None or None in bounded:
            raise InvalidInput(f"{category.label}党员的最高一档应不设上限，且只能有一档不设上限")
        if any(b <= 0 for b in bounded) or any(b <= a for a, b in pairwise(bounded)):
            raise InvalidInput(f"{category.label}党员各档的收入上限应大于0并逐档递增")
        if any(not Decimal("0") < rate < Decimal("1") for _, rate in rows):
            raise InvalidInput("交纳比例应大于0且小于100%")


@transaction.atomic
def dues_standard_add(
    *, effective_from: dt.date, brackets: dict[str, list[Bracket]], source: str, by: Any, note: str = ""
) -> DuesStandard:
    """The organ's own version of the brackets from the first day of a month; its previous open-ended version
    ends the day before. `brackets`: category → [(upper bound or None for the top, rate)], lowest first."""
    if not scope_of(by).has(Role.PARTY_OFFICER):
        raise Forbidden("只有机关党委专责人员可以设置党费计算标准")
    organ_id = organ_id_of(by)
    if effective_from.day != 1:
        raise InvalidInput("生效日期应为某月1日：党费按月计算")
    if not source.strip():
        raise InvalidInput("请填写依据（文件名称和条款）")
    _check_brackets(brackets)
    own = DuesStandard.objects.select_for_update().filter(organ_id=organ_id)
    if own.filter(effective_from__gte=effective_from).exists():
        raise InvalidInput("本机关已有同日或更晚生效的党费计算标准")
    for previous in own.filter(effective_to__isnull=True):
        previous.effective_to = effective_from - dt.timedelta(days=1)
        save_checked(previous, by=by)
    standard = DuesStandard(
        jurisdiction="organ", organ_id=organ_id, effective_from=effective_from, source=source.strip(), note=note
    )
    save_checked(standard, by=by)
    for bracket in _brackets(standard, brackets):
        save_checked(bracket, by=by)
    rows = {category: [[str(bound), str(rate)] for bound, rate in pairs] for category, pairs in brackets.items()}
    audit_record(
        action="parameter_changed", user=by, target=standard, detail={"what": "新增党费计算标准", "brackets": rows}
    )
    return standard


# --- the standards shipped with the code ---------------------------------------------------------------


def _brackets(standard: DuesStandard, rows: dict[str, Any]) -> list[DuesBracket]:
    return [
        DuesBracket(
            standard=standard,
            category=category,
            upper_bound=Decimal(str(bound)) if bound is not None else None,
            rate=Decimal(str(rate)),
        )
        for category, pairs in rows.items()
        for bound, rate in pairs
    ]


@transaction.atomic
def dues_standards_load_shipped(path: Path = SHIPPED_STANDARDS) -> int:
    """Create the shipped standards not in the table yet (same jurisdiction and effective date); idempotent.

    A standard already there is left alone: an administrator may have ended it, and its history says so.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    for entry in data["standards"]:
        exists = DuesStandard.objects.filter(
            jurisdiction=entry["jurisdiction"], effective_from=entry["effective_from"], organ__isnull=True
        ).exists()
        if exists:
            continue
        standard = DuesStandard(
            jurisdiction=entry["jurisdiction"],
            effective_from=dt.date.fromisoformat(entry["effective_from"]),
            effective_to=dt.date.fromisoformat(entry["effective_to"]) if entry.get("effective_to") else None,
            source=entry["source"],
            confidence=entry.get("confidence", "high"),
            note=entry.get("note", "") + f"（随版本发布：partylife/{path.name} v{data['version']}）",
        )
        standard._change_reason = "随版本发布"  # type: ignore[attr-defined]
        standard.save()
        for bracket in _brackets(standard, entry["brackets"]):
            stamp(bracket, None)
            bracket.save()
        created += 1
    return created
