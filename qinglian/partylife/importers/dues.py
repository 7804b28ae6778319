"""党费导入: the finance office's monthly dues sheet, one row per member and month, on the core import framework.

People are found the way the meeting import finds them, by name, with the last four characters of the ID number
to tell namesakes apart (the roster's key, without putting whole ID numbers in a finance sheet). A member-month
already in the ledger is 无变化 or 更新; every row goes through services.dues, so the checks, the pricing and the
history are those of the form. All or nothing: the sheet is the finance office's month, half of it is not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django.conf import settings
from simple_history.utils import update_change_reason

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column, SheetRows, parse_date
from qinglian.core.importing import Action, Change, LedgerImport, Result, RowPlan, SheetRow
from qinglian.org.choices import Role
from qinglian.org.models import Person
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import DuesCategory
from qinglian.partylife.models import DuesRecord, percent
from qinglian.partylife.permissions import can_keep_dues, dues_branch_ids
from qinglian.partylife.selectors.dues import Pricer, category_on, month_start, retirements
from qinglian.partylife.services.dues import dues_record_add, dues_record_update

CHANGE_REASON = "党费导入"
NAME, ID_TAIL, MONTH, CATEGORY, INCOME = "姓名", "身份证号后四位", "年月", "人员类别", "月工资收入"
PAID, PAID_ON, NOTE = "实交金额", "交纳日期", "备注"
# What the ledger's export (exports/dues.py) adds around the columns above; an upload reads past them.
BRANCH, RATE, DUES, STATUS = "所在党支部", "交纳比例", "应交党费", "状态"
EXPORT_ONLY = ("序号", BRANCH, RATE, DUES, STATUS)
CATEGORIES = {label: value for value, label in DuesCategory.choices}
_SIX_DIGITS = re.compile(r"^(\d{4})(\d{2})$")  # 202603
_MONEY_NOISE = re.compile(r"[,，\s元¥￥]")


def dues_columns() -> list[Column]:
    return [
        Column(NAME, 10, required=True),
        Column(ID_TAIL, 14, note="同名人员必填，用于区分；填写时须与花名册中的身份证号一致，末位可为X"),
        Column(MONTH, 10, required=True, note="如 2026-03；不能晚于本月"),
        Column(CATEGORY, 10, choices=DuesCategory.labels, note="不填则按人事信息判断：退休以后的月份为离退休"),
        Column(INCOME, 14, required=True, note="税后月工资收入（离退休党员填离退休费），单位元，如 6200 或 6200.50"),
        Column(PAID, 12, note="单位元；不填或填0为未交纳（欠缴），少于应交党费为少交"),
        Column(PAID_ON, 12, note="如 2026-03-15；已交纳的必填，不能晚于今天"),
        Column(NOTE, 24),
    ]


def dues_notes() -> list[str]:
    return [
        "党费导入模板：请在“党费台账”工作表第一行表头下方逐行填写，每行为一名党员一个月的党费；表头带 * 的列为必填。",
        "应交党费由系统按该月1日有效的党费计算标准（中组部2008年规定第二条及本机关后续标准）计算，无需填写。",
        "人员按本机关花名册中的姓名识别；同名人员请填写身份证号后四位以区分。",
        "同一党员同一月份已有记录的，表中数值不同即更新该月记录，相同则为“无变化”。",
        "全部行无误才导入；有任何一行有问题时不写入任何数据，请按提示修改后重新上传。",
        "党支部书记、组织委员只能导入本支部党员的党费。",
        "年月、身份证号后四位和日期列已设为文本格式，请勿改为数字，以免 Excel 把 2026-10 改成日期或 0123 改成 123。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


@dataclass
class DuesRow(RowPlan):
    """One member-month. `values` are what services.dues takes; `record_id` is the month an update corrects."""

    record_id: int | None = None
    preview: str = ""  # 应交/实交 as the page shows them

    @property
    def detail(self) -> str:
        return self.preview


@dataclass
class _Context:
    organ_id: int
    today: dt.date
    people: dict[str, list[Person]]
    kept: set[int] | None  # branches whose members the account may import; None: every member
    existing: dict[tuple[int, dt.date], DuesRecord]
    retired: dict[int, dt.date]
    pricer: Pricer
    seen: dict[tuple[int, dt.date], int] = field(default_factory=dict)


class DuesImport(LedgerImport[DuesRow]):
    """One row per member and month; a month already entered is updated (or 无变化 when the same)."""

    title = "党费台账"
    sheet = "党费台账"
    upload_noun = "党费表"
    row_noun = "党员每月党费"
    change_reason = CHANGE_REASON
    refusal = "只有机关党委专责人员或党支部书记、组织委员可以导入党费"
    phrases: ClassVar = {Action.CREATE: "新增 {} 条", Action.UPDATE: "更新 {} 条", Action.UNCHANGED: "无变化 {} 条"}
    modes = ("all",)
    text_columns = (ID_TAIL, MONTH, PAID_ON)
    export_only = EXPORT_ONLY
    row_class = DuesRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_dues(user)

    def columns(self) -> list[Column]:
        return dues_columns()

    def notes(self) -> list[str]:
        return dues_notes()

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[DuesRow]:
        ctx = self._context()
        return [_judge(SheetRow(number, record), ctx) for number, record in sheet.rows]

    def write(self, row: DuesRow, by: Any, result: Result[DuesRow]) -> Action:
        values = dict(row.values)
        if row.record_id is None:
            person = Person.objects.get(pk=values.pop("person_id"))
            record = dues_record_add(person=person, by=by, **values)
        else:
            record = DuesRecord.objects.select_for_update().filter(organ=self.organ, pk=row.record_id).first()
            if record is None:
                raise InvalidInput("该月党费记录已被他人删除，未更新")
            for key in ("person_id", "month"):
                values.pop(key)
            record = dues_record_update(record=record, by=by, **values)
        update_change_reason(record, CHANGE_REASON)
        return row.action

    def _context(self) -> _Context:
        people: dict[str, list[Person]] = {}
        for person in Person.objects.filter(organ=self.organ).select_related("unit"):
            people.setdefault(person.name, []).append(person)
        existing = DuesRecord.objects.filter(organ=self.organ)
        return _Context(
            organ_id=self.organ.pk,
            today=clock.today(),
            people=people,
            kept=None if scope_of(self.user).has(Role.PARTY_OFFICER) else dues_branch_ids(self.user),
            existing={(r.person_id, r.month): r for r in existing},
            retired=retirements(self.organ.pk),
            pricer=Pricer(self.organ.pk),
        )


# --- judging one row (writes nothing) ----------------------------------------------------------------------


def _judge(row: SheetRow, ctx: _Context) -> DuesRow:
    person = _person(row, ctx)
    month = _month(row, ctx)
    category = row.judge_choice(CATEGORY, CATEGORIES)
    income = _amount(row, INCOME, required=True)
    paid = _amount(row, PAID) or Decimal("0")
    paid_on = row.judge_date(PAID_ON, today=ctx.today)
    if paid > 0 and paid_on is None and not row.text(PAID_ON):
        row.error(PAID_ON, "已交纳党费的须填写交纳日期")
    if paid == 0 and paid_on is not None:
        row.error(PAID, "未填实交金额（未交纳）时不填写交纳日期")
    if person is not None and month is not None:
        _check_member(row, person, month, ctx)
    values = {"person_id": getattr(person, "pk", None), "month": month, "base_income": income, "paid": paid}
    values |= {"paid_on": paid_on, "category": category, "note": row.judge_text(NOTE, 200)}
    plan = DuesRow(row=row.number, name=_row_name(row), action=Action.CREATE, errors=row.errors, values=values)
    if not row.errors:
        _compare(plan, ctx)
    if row.errors:
        plan.action = Action.ERROR
    return plan


def _row_name(row: SheetRow) -> str:
    return " ".join(t for t in (row.text(NAME), _month_text(row)) if t)


def _month_text(row: SheetRow) -> str:
    raw = row.raw(MONTH)
    return f"{raw:%Y-%m}" if isinstance(raw, dt.date) else row.text(MONTH)


def _person(row: SheetRow, ctx: _Context) -> Person | None:
    """A person of the organ by name, narrowed by the last four characters of the ID number when given."""
    name = re.sub(r"\s", "", row.text(NAME))
    tail = row.text(ID_TAIL).upper()
    if isinstance(row.raw(ID_TAIL), int):  # a number cell dropped the leading zeros: 0123 → 123
        tail = tail.zfill(4)
    if not name:
        row.error(NAME, "必填")
        return None
    found = ctx.people.get(name, [])
    if tail:
        found = [p for p in found if p.id_number.upper().endswith(tail)]
    if not found and tail and ctx.people.get(name):
        row.error(ID_TAIL, f"“{name}”的身份证号后四位不是“{tail}”，请与花名册核对")
        return None
    if not found:
        row.error(NAME, f"本机关没有名为“{name}”的人员")
        return None
    if len(found) > 1:
        units = "、".join(p.unit.name for p in found)
        row.error(ID_TAIL, f"本机关有{len(found)}人名为“{name}”（{units}），请填写身份证号后四位以区分")
        return None
    return found[0]


def _month(row: SheetRow, ctx: _Context) -> dt.date | None:
    raw, text = row.raw(MONTH), row.text(MONTH)
    if not text:
        row.error(MONTH, "必填")
        return None
    match = _SIX_DIGITS.match(text)
    try:
        day = dt.date(int(match[1]), int(match[2]), 1) if match else parse_date(raw, allow_month=True)
    except ValueError:
        row.error(MONTH, f"“{text}”无法识别，请写作 2026-03")
        return None
    if day is None or isinstance(raw, float):
        row.error(MONTH, f"“{text}”无法识别，请写作 2026-03")
        return None
    if month_start(day) > month_start(ctx.today):
        row.error(MONTH, "不能晚于本月")
    return month_start(day)


def _amount(row: SheetRow, header: str, *, required: bool = False) -> Decimal | None:
    text = _MONEY_NOISE.sub("", row.text(header))
    if not text:
        if required:
            row.error(header, "必填")
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        row.error(header, f"“{row.text(header)}”不是有效的金额，请填写数字，如 6200 或 6200.50")
        return None
    if amount < 0:
        row.error(header, "不能为负数")
    elif amount != amount.quantize(Decimal("0.01")):
        row.error(header, "最多保留两位小数（元、角、分）")
    return amount


def _check_member(row: SheetRow, person: Person, month: dt.date, ctx: _Context) -> None:
    if not person.is_party_member:
        row.error(NAME, f"{person.name}不是中共党员（含预备党员），不登记党费")
    elif person.party_joined_on and month < month_start(person.party_joined_on):
        row.error(MONTH, f"{person.name}于{person.party_joined_on:%Y年%m月}入党，此前的月份无需交纳党费")
    if ctx.kept is not None and person.branch_id not in ctx.kept:
        row.error(NAME, f"无权导入{person.name}的党费：只能导入本人任支部书记或组织委员的党支部党员的党费")
    key = (person.pk, month)
    if key in ctx.seen:
        row.error(MONTH, f"与第{ctx.seen[key]}行是同一党员同一月份，请删去重复行")
    ctx.seen.setdefault(key, row.number)


def _compare(plan: DuesRow, ctx: _Context) -> None:
    """新增, or against the month already entered: 无变化 or 更新 with what changes; and the price to preview."""
    v = plan.values
    record = ctx.existing.get((v["person_id"], v["month"]))
    category = v["category"] or (
        record.category if record else category_on(ctx.retired.get(v["person_id"]), v["month"])
    )
    price = ctx.pricer.price(month=v["month"], category=category, income=v["base_income"])
    if price is None:
        plan.errors.append((MONTH, f"{v['month']:%Y年%m月}没有适用的党费计算标准，请机关党委先设置"))
        return
    plan.preview = f"应交 {price.dues} 元（{percent(price.rate)}），实交 {v['paid']:.2f} 元"
    if record is None:
        return
    plan.record_id = record.pk
    pairs = [
        (CATEGORY, DuesCategory(record.category).label, DuesCategory(category).label),
        (INCOME, f"{record.base_income:.2f}", f"{v['base_income']:.2f}"),
        (PAID, f"{record.paid:.2f}", f"{v['paid']:.2f}"),
        (PAID_ON, f"{record.paid_on or ''}", f"{v['paid_on'] or ''}"),
        (NOTE, record.note, v["note"]),
    ]
    plan.changes = [Change(column, old, new) for column, old, new in pairs if old != new]
    plan.action = Action.UPDATE if plan.changes else Action.UNCHANGED
