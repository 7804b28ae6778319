"""公务接待导入 on the core import framework, in the shape finance systems export receptions: one row per meal line,
the reception's columns repeated on each, the rows of one reception sharing its 凭证号 (a reception without meals
is one row with the meal columns empty). The reception's columns must agree within a voucher — the row that
differs is refused, naming the column and the first row. Every imported reception keeps its voucher number (a
finding names it) and is marked 财务导入.

A voucher already in the ledger — the same 凭证号, 来访单位 and 接待开始日期 — is 无变化 when its columns and meals
are the same, else 更新 (the changes listed; meals matched in date order). Rows go through
services.receptions.reception_with_meals: the forms' checks, amounts through parse_amount, dates in order, meals
within the reception's days. All or nothing: any problem writes nothing. The ledger's own export re-imports as it is
(序号 and 来源 are read past).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import EntrySource, GuestLevel, MealKind
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.rules.receptions.split import visitor_key
from qinglian.frugality.services.receptions import (
    check_meal_day,
    check_reception_dates,
    meal_line,
    reception_with_meals,
)
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit

CENT = Decimal("0.01")
VOUCHER = "凭证号"
TOTAL = "接待费合计（元）"


def _labels(choices: Any) -> dict[str, str]:
    """Label → value, the short label before "（" too ("自行用餐" for "自行用餐（代订、自付）"), as exports write it."""
    labels = {str(label): value for value, label in choices.choices}
    return labels | {label.split("（")[0]: value for label, value in labels.items()}


LEVEL_LABELS = _labels(GuestLevel)
KIND_LABELS = _labels(MealKind)
REASON = "公务接待导入"


@dataclass(frozen=True)
class Cell:
    """A column of the sheet: its header, the model field it fills and how it is read."""

    header: str
    name: str
    kind: str  # text | date | int | amount | level | kind | unit | person
    width: int = 12
    required: bool = False
    limit: int = 0
    note: str = ""
    future_ok: bool = False  # a date that may be after today (the end of a visit, the letter's planned days)

    def column(self) -> Column:
        choices = [str(c.label) for c in GuestLevel] if self.kind == "level" else []
        choices = [str(c.label) for c in MealKind] if self.kind == "kind" else choices
        return Column(self.header, self.width, required=self.required, choices=choices, note=self.note)


RECEPTION_CELLS = (
    Cell(VOUCHER, "voucher_no", "text", 12, True, 40, "记账凭证号；凭证号相同的各行为同一次接待（每行一餐）"),
    Cell("承办委室", "unit", "unit", 16, True, note="本机关委室名称"),
    Cell("报销日期", "paid_on", "date", note="尚未报销的不填"),
    Cell("来访单位", "guest_unit", "text", 22, True, 100),
    Cell("带队人及职务", "guest_lead", "text", 16, limit=100),
    Cell("接待对象级别", "guest_level", "level", 12, note="不填为处级及以下"),
    Cell("接待对象人数", "guest_count", "int", 10, True),
    Cell("公务活动项目", "purpose", "text", 20, True, 200),
    Cell("接待开始日期", "start_on", "date", required=True),
    Cell("接待结束日期", "end_on", "date", required=True, future_ok=True),
    Cell("活动场所", "venue", "text", 16, limit=200),
    Cell("住宿地点", "lodging_place", "text", 14, limit=100),
    Cell("住宿费（元）", "lodging_amount", "amount"),
    Cell("其他费用（元）", "other_amount", "amount"),
    Cell(TOTAL, "total_amount", "amount", note="可不填；填写的须等于工作餐（不含自行用餐）、住宿和其他费用之和"),
    Cell("清单审签日期", "list_signed_on", "date", note="接待清单未审签的不填"),
    Cell("审签人", "approver", "person", note="本机关人员姓名"),
    Cell("公函派出单位", "letter_unit", "text", 22, limit=100),
    Cell("公函文号", "letter_no", "text", 18, limit=60),
    Cell("公函日期", "letter_on", "date", note="未收到公函的不填"),
    Cell("公函人数", "letter_persons", "int"),
    Cell("公函事由", "letter_purpose", "text", 20, limit=200),
    Cell("公函所列开始日期", "letter_start", "date", future_ok=True),
    Cell("公函所列结束日期", "letter_end", "date", future_ok=True),
    Cell("发票号", "invoice_no", "text", 14, limit=120),
    Cell("发票日期", "invoice_on", "date"),
    Cell("发票金额（元）", "invoice_amount", "amount"),
    Cell("备注", "note", "text", 20, limit=500),
)
MEAL_CELLS = (
    Cell("用餐日期", "on", "date", note="有用餐的必填，须在接待日期内"),
    Cell("用餐方式", "kind", "kind", note="不填为工作餐"),
    Cell("就餐接待对象人数", "guests", "int", note="不填为接待对象人数"),
    Cell("陪餐人数", "escorts", "int", note="不填为0"),
    Cell("用餐金额（元）", "amount", "amount", note="有用餐的必填"),
    Cell("用餐地点", "venue", "text", 16, limit=100),
    Cell("菜品酒水", "items", "text", 24, limit=500),
)
EXPORT_ONLY = ("序号", "来源")


def reception_columns() -> list[Column]:
    return [c.column() for c in (*RECEPTION_CELLS, *MEAL_CELLS)]


class _Lookups:
    """The organ's units and people by name, read once per import."""

    def __init__(self, organ: Any) -> None:
        self.units: dict[str, int] = {}
        for unit in Unit.objects.filter(organ=organ, kind=UnitKind.INTERNAL):
            self.units.setdefault(unit.name, unit.pk)
            if unit.short_name:
                self.units.setdefault(unit.short_name, unit.pk)
        self.people: dict[str, list[int]] = {}
        for pk, name in Person.objects.filter(organ=organ).values_list("pk", "name"):
            self.people.setdefault(name, []).append(pk)


def _integer(row: SheetRow, header: str) -> int | None:
    text = row.text(header).removesuffix("人").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        row.error(header, f"“{row.text(header)}”不是整数")
        return None
    if value < 0 or value > 9999:
        row.error(header, "人数应在0到9999之间")
        return None
    return value


def _read(cell: Cell, row: SheetRow, lookups: _Lookups, today: dt.date) -> Any:
    """One cell's value (model value or id), None for empty or wrong (the error on the row)."""
    if cell.kind == "text":
        return row.judge_text(cell.header, cell.limit, required=cell.required)
    if cell.kind == "date":
        return row.judge_date(cell.header, required=cell.required, today=None if cell.future_ok else today)
    if cell.kind == "int":
        value = _integer(row, cell.header)
        if value is None and cell.required and not row.text(cell.header):
            row.error(cell.header, "必填")
        return value
    if cell.kind == "amount":
        try:
            return parse_amount(row.raw(cell.header))
        except AmountError as exc:
            row.error(cell.header, str(exc))
            return None
    if cell.kind == "level":
        return row.judge_choice(cell.header, LEVEL_LABELS) or GuestLevel.OTHER.value
    if cell.kind == "kind":
        return row.judge_choice(cell.header, KIND_LABELS) or MealKind.WORK.value
    return _named(cell, row, lookups)


def _named(cell: Cell, row: SheetRow, lookups: _Lookups) -> int | None:
    name = row.text(cell.header)
    if not name:
        if cell.required:
            row.error(cell.header, "必填")
        return None
    if cell.kind == "unit":
        if name not in lookups.units:
            row.error(cell.header, f"本机关没有委室“{name}”")
        return lookups.units.get(name)
    found = lookups.people.get(name, [])
    if len(found) != 1:
        row.error(cell.header, f"本机关花名册中没有“{name}”" if not found else f"本机关有{len(found)}名“{name}”")
        return None
    return found[0]


@dataclass
class _Judged:
    """One row after its own cells are read, before the rows of its voucher are compared."""

    row: SheetRow
    parent: dict[str, Any]
    meal: dict[str, Any] | None
    bad: set[str] = field(default_factory=set)  # headers whose cell was wrong

    @property
    def ok(self) -> bool:
        return not self.row.errors


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


class ReceptionImport(LedgerImport[RowPlan]):
    title = "公务接待"
    sheet = "公务接待"
    upload_noun = "公务接待明细表"
    row_noun = "每次接待的用餐明细（每行一餐）"
    change_reason = REASON
    refusal = "只有财务专责人员可以导入公务接待台账"
    modes = ("all",)
    phrases: ClassVar = {
        Action.CREATE: "新增 {} 行",
        Action.UPDATE: "更新 {} 行",
        Action.UNCHANGED: "无变化 {} 行",
    }
    export_only = EXPORT_ONLY
    text_columns = (VOUCHER, "发票号", "公函文号")

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def columns(self) -> list[Column]:
        return reception_columns()

    def notes(self) -> list[str]:
        return [
            "按财务系统导出的格式，每行一餐：同一次接待的各行凭证号相同，接待的各列（承办委室至备注）须一致；"
            "没有用餐的接待填一行，用餐各列留空。本页导出的公务接待表可直接上传。",
            "金额可写作 1280.50、1,280.50元 或 0.3万元；日期写作 2026-03-05。",
            "接待结束日期不能早于开始日期，公函所列结束日期不能早于开始日期，用餐日期须在接待日期内；"
            "接待开始、公函、审签、发票、报销和用餐日期不能晚于今天。",
            "系统中已有同一凭证号、同一来访单位和接待开始日期的接待：内容相同的为“无变化”，不同的按本表更新。",
            "全部成功才导入：任何一行有问题，都不会写入任何数据。",
        ]

    # --- judging -------------------------------------------------------------------------------------------

    def _judge_row(self, row: SheetRow, lookups: _Lookups, today: dt.date) -> _Judged:
        parent: dict[str, Any] = {}
        bad: set[str] = set()
        for cell in RECEPTION_CELLS:
            before = len(row.errors)
            parent[cell.name] = _read(cell, row, lookups, today)
            if len(row.errors) > before:
                bad.add(cell.header)
        meal = None
        if any(row.text(c.header) for c in MEAL_CELLS):
            meal = {c.name: _read(c, row, lookups, today) for c in MEAL_CELLS}
            for cell in (MEAL_CELLS[0], MEAL_CELLS[4]):
                if meal[cell.name] is None and not row.text(cell.header):
                    row.error(cell.header, "有用餐的必填")
            if meal["guests"] is None:
                meal["guests"] = parent["guest_count"]
            meal["escorts"] = meal["escorts"] or 0
        return _Judged(row, parent, meal, bad)

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        lookups, today = _Lookups(self.organ), clock.today()
        judged = [self._judge_row(SheetRow(number, record), lookups, today) for number, record in sheet.rows]
        groups: dict[str, list[_Judged]] = {}
        for j in judged:
            if j.parent["voucher_no"]:
                self._join(j, groups.setdefault(j.parent["voucher_no"], []))
        plans: dict[int, RowPlan] = {}
        for group in groups.values():
            self._plan_group(group, plans)
        return [plans.get(j.row.number) or RowPlan(j.row.number, self._name(j), errors=j.row.errors) for j in judged]

    def _name(self, j: _Judged) -> str:
        p, m = j.parent, j.meal
        meal = f" {_shown(m['on'])}{MealKind(m['kind']).label}" if m and m["on"] else ""
        return f"{p['voucher_no'] or '（无凭证号）'} {p['guest_unit']}{meal}".strip()

    def _join(self, j: _Judged, group: list[_Judged]) -> None:
        """A row of a voucher repeats the first row's reception columns (a wrong cell is said once, where it is)."""
        if group:
            first = group[0]
            for cell in RECEPTION_CELLS:
                if cell.header in j.bad or cell.header in first.bad:
                    continue
                mine, theirs = j.parent[cell.name], first.parent[cell.name]
                if mine != theirs:
                    j.row.error(
                        cell.header,
                        f"与同一凭证号的第{first.row.number}行不一致（第{first.row.number}行为“{_shown(theirs)}”），"
                        "同一次接待的各行应相同",
                    )
        group.append(j)

    def _check_group(self, group: list[_Judged]) -> None:
        """The reception's own dates and total, and every meal within its days, said on the row concerned."""
        first, p = group[0], group[0].parent
        try:
            check_reception_dates(
                start_on=p["start_on"], end_on=p["end_on"], letter_start=p["letter_start"], letter_end=p["letter_end"]
            )
        except InvalidInput as exc:
            first.row.error("接待开始日期", exc.message)
            return
        meals = [j.meal for j in group if j.meal]
        for j in group:
            if j.meal and j.meal["on"]:
                try:
                    check_meal_day(j.meal["on"], p["start_on"], p["end_on"])
                except InvalidInput as exc:
                    j.row.error("用餐日期", exc.message)
        if p["total_amount"] is not None:
            parts = sum((m["amount"] or 0 for m in meals if m["kind"] != MealKind.SELF), Decimal(0))
            parts += (p["lodging_amount"] or 0) + (p["other_amount"] or 0)
            if parts != p["total_amount"]:
                first.row.error(
                    TOTAL, f"应等于工作餐（不含自行用餐）、住宿和其他费用之和{parts}元，表中为{p['total_amount']}元"
                )

    def _plan_group(self, group: list[_Judged], plans: dict[int, RowPlan]) -> None:
        if all(j.ok for j in group):
            self._check_group(group)
        current = self._existing(group[0].parent) if all(j.ok for j in group) else None
        changes = self._changes(current, group) if current is not None else []
        action = Action.CREATE if current is None else Action.UPDATE if changes else Action.UNCHANGED
        wrong = [g.row.number for g in group if not g.ok]
        for j in group:
            if wrong and j.ok:  # a reception is written whole or not at all
                j.row.error(VOUCHER, f"同一凭证号的第{'、'.join(map(str, wrong))}行有问题，这次接待未能导入")
            plan = RowPlan(row=j.row.number, name=self._name(j), errors=j.row.errors)
            if not wrong:
                plan.action = action
            plans[j.row.number] = plan
        if not wrong and action != Action.UNCHANGED:
            head = plans[group[0].row.number]
            head.changes = changes
            head.values = {
                "pk": current.pk if current is not None else None,
                "parent": {k: v for k, v in group[0].parent.items() if k != "total_amount"},
                "meals": [j.meal for j in group if j.meal],
            }

    def _existing(self, p: dict[str, Any]) -> Reception | None:
        same = Reception.objects.filter(organ=self.organ, voucher_no=p["voucher_no"], start_on=p["start_on"])
        return next((r for r in same if visitor_key(r.guest_unit) == visitor_key(p["guest_unit"])), None)

    def _changes(self, current: Reception, group: list[_Judged]) -> list[Change]:
        p = group[0].parent
        changes = []
        for cell in RECEPTION_CELLS:
            if cell.name == "total_amount":
                continue
            old, new = _value_of(current, cell), p[cell.name]
            if cell.name in ("lodging_amount", "other_amount"):
                new = new or Decimal(0)
            if _comparable(old) != _comparable(new):
                changes.append(Change(cell.header, _shown(old), _shown(new)))
        before = sorted(meal_line(m) for m in current.meals.all())
        after = sorted(meal_line(ReceptionMeal(**m)) for m in (j.meal for j in group) if m)
        if before != after:
            changes.append(Change("用餐明细", f"{len(before)}餐", f"{len(after)}餐"))
        return changes

    # --- writing -----------------------------------------------------------------------------------------

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        if "parent" not in v:  # written with the first row of its voucher
            return row.action
        fields = dict(v["parent"])
        fields["unit_id"], fields["approver_id"] = fields.pop("unit"), fields.pop("approver")
        reception = Reception.objects.get(pk=v["pk"]) if v["pk"] else Reception(organ=self.organ)
        for name, value in fields.items():
            setattr(reception, name, value)
        reception._change_reason = self.change_reason
        meals = [ReceptionMeal(**m) for m in v["meals"]]
        reception_with_meals(
            reception=reception, meals=meals, by=by, source=EntrySource.IMPORTED, reason=self.change_reason
        )
        result.tally["receptions"] += 1
        return row.action

    def audit_detail(self, result: Any) -> dict[str, Any]:
        return super().audit_detail(result) | {"receptions": result.tally["receptions"]}


def _value_of(r: Reception, cell: Cell) -> Any:
    if cell.kind in ("unit", "person"):
        return getattr(r, f"{cell.name}_id")
    return getattr(r, cell.name)


def _comparable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.quantize(CENT)
    return "" if value is None else value


RECEPTION_PAGE = ImportPage(
    importer=ReceptionImport,
    heading="导入公务接待",
    template_url="frugality_reception_import_template",
    testid="reception-import",
    intro=(
        "用于导入财务系统导出的公务接待明细：每行一餐，同一凭证号的各行为同一次接待。请先下载模板；"
        "本页导出的公务接待表可直接上传。任何一行有问题都不会写入任何数据。"
    ),
    file_label="公务接待明细表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的接待和存在的问题，不写入任何数据",
    name_header="凭证号 来访单位 用餐",
    counts=(
        Count("新增（行）", Action.CREATE, "text-success"),
        Count("更新（行）", Action.UPDATE, "text-primary"),
        Count("无变化（行）", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("frugality_reception_list", "查看公务接待台账"),
)
