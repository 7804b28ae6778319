"""年度计划事项导入 on the core import framework: one row per item, the plan's columns (年度, 计划类别, 党组会审批日期,
审批会议/文号) repeated on each row. A plan not yet entered is created; an item is found in its plan by name — the same
values are 无变化, other values 更新 (with each change listed), a new name 新增. Every write goes through
services.plans, so refusals match the forms'; all or nothing. The plans' own export re-imports as it is (序号, 已使用,
已支出 are read past).

A blank 审批日期 or 审批会议/文号 leaves the plan's as they are (people fill them on the first row only); rows of one
plan that give two different approvals are refused.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import ImportPage
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.importers.common import FULL_WIDTH
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.selectors.plans import ITEM_CATEGORIES
from qinglian.frugality.services.plans import (
    KEEP_ONLY,
    check_plan_fields,
    plan_item_save,
    plan_save,
)
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit

YEAR, KIND, APPROVED, REF = "年度", "计划类别", "党组会审批日期", "审批会议/文号"
NAME, UNIT, CATEGORY, PEOPLE, DAYS, BUDGET = "事项名称", "承办委室", "类别", "计划人数", "计划天数", "预算（元）"
KIND_LABELS = {label: value for value, label in PlanKind.choices}
CATEGORY_LABELS = {
    kind: {label: value for value, label in categories.items()} for kind, categories in ITEM_CATEGORIES.items()
}


# --- cells shared with the meetings' import ---------------------------------------------------------------------


def cell_int(row: SheetRow, header: str, *, required: bool = False, minimum: int = 0) -> int | None:
    """A whole number (人数), full-width digits folded; an error on the row otherwise."""
    text = row.text(header).translate(FULL_WIDTH).replace("人", "").strip()
    if not text:
        if required:
            row.error(header, "必填")
        return None
    if not text.isdigit():
        row.error(header, f"“{row.text(header)}”不是整数")
        return None
    value = int(text)
    if value < minimum:
        row.error(header, f"应不小于{minimum}")
    elif value > 100_000:
        row.error(header, "数值过大")
    return value


def cell_decimal(row: SheetRow, header: str, *, required: bool = False, positive: bool = False) -> Decimal | None:
    """A number of days, to one decimal (1.5 天), full-width digits folded."""
    text = row.text(header).translate(FULL_WIDTH).replace("天", "").strip()
    if not text:
        if required:
            row.error(header, "必填")
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        row.error(header, f"“{row.text(header)}”不是数字")
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.1")) or abs(value) >= 1000:
        row.error(header, "应为不超过一位小数的天数")
        return None
    if value < 0 or (positive and value == 0):
        row.error(header, "应大于0" if positive else "不能为负数")
    return value.quantize(Decimal("0.1"))


def cell_amount(row: SheetRow, header: str, *, required: bool = False) -> Decimal | None:
    """Money through parse_amount ("1,2万元x" refused, "０.３万元" read), in yuan."""
    try:
        value = parse_amount(row.raw(header))
    except AmountError as exc:
        row.error(header, str(exc))
        return None
    if value is None and required:
        row.error(header, "必填")
    return value


def organ_units_by_name(organ: Any) -> dict[str, Unit]:
    units = Unit.objects.filter(organ=organ, kind=UnitKind.INTERNAL)
    return {**{u.short_name: u for u in units if u.short_name}, **{u.name: u for u in units}}


def cell_unit(row: SheetRow, header: str, units: dict[str, Unit], *, required: bool = False) -> Unit | None:
    name = row.text(header)
    if not name:
        if required:
            row.error(header, "必填")
        return None
    unit = units.get(name)
    if unit is None:
        row.error(header, f"“{name}”不是本机关的委室")
    return unit


def plan_columns() -> list[Column]:
    return [
        Column(YEAR, 8, required=True),
        Column(KIND, 20, required=True, choices=list(KIND_LABELS)),
        Column(APPROVED, 14, note="党组会议审定年度计划的日期；不填则不改"),
        Column(REF, 22, note="如：党组会议（2026年第1次）；不填则不改"),
        Column(NAME, 30, required=True, note="同一计划中名称不能重复"),
        Column(UNIT, 18, note="本机关委室全称或简称"),
        Column(CATEGORY, 14, note="会议：一类会议至四类会议；培训：一类培训至三类培训；出国（境）不填"),
        Column(PEOPLE, 10),
        Column(DAYS, 10, note="出国（境）为在外天数"),
        Column(BUDGET, 14, note="可填 12000、1.2万元"),
    ]


ITEM_FIELDS = (("unit_id", UNIT), ("category", CATEGORY), ("people", PEOPLE), ("days", DAYS), ("budget", BUDGET))


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


class PlanItemImport(LedgerImport[RowPlan]):
    title = "年度计划事项"
    sheet = "年度计划事项"
    upload_noun = "年度计划事项表"
    row_noun = "计划事项"
    change_reason = "年度计划导入"
    refusal = KEEP_ONLY
    modes = ("all",)
    phrases: ClassVar = {Action.CREATE: "新增 {} 项", Action.UPDATE: "更新 {} 项", Action.UNCHANGED: "无变化 {} 项"}
    export_only = ("序号", "已使用（条）", "已支出（元）")

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def columns(self) -> list[Column]:
        return plan_columns()

    def notes(self) -> list[str]:
        return [
            "每行填写一个计划事项；年度、计划类别在每一行都要填写，表头带 * 的列为必填。本页导出的计划表可直接上传。",
            "尚未录入的年度计划会自动新建；审批日期、文号只需在该计划的任一行填写，不填则保留系统中已有的。",
            "事项按名称识别：已有的同名事项按表中数值更新，数值相同的显示为“无变化”；事项不会被删除。",
            "金额可写 12000、1.2万元、１２０００元；写错（如“1,2万元x”）的行会被指出，整表不导入。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        units = organ_units_by_name(self.organ)
        plans = {(p.kind, p.year): p for p in SpendingPlan.objects.filter(organ=self.organ)}
        items = {
            (i.plan_id, i.name): i for i in PlanItem.objects.filter(plan__in=plans.values()).select_related("unit")
        }
        approvals: dict[tuple[str, int], tuple[dt.date | None, str]] = {}
        seen: dict[tuple[str, int], set[str]] = defaultdict(set)
        told: set[tuple[str, int]] = set()  # plans whose approval change one row already shows
        result = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            values = self._judge_row(row, units)
            plan_key = (values["kind"], values["year"])
            if not row.errors:
                self._one_approval(row, plan_key, values, approvals)
                if values["name"] in seen[plan_key]:
                    row.error(NAME, "同一计划中事项名称重复")
                seen[plan_key].add(values["name"])
            plan = RowPlan(row=number, name=f"{row.text(YEAR)} {row.text(KIND)} {values['name']}".strip())
            plan.errors = row.errors
            if not row.errors:
                existing = plans.get(plan_key)
                item = items.get((existing.pk, values["name"])) if existing else None
                plan_changes = [] if plan_key in told else _plan_changes(existing, values)
                if plan_changes:
                    told.add(plan_key)
                plan.changes = plan_changes + _item_changes(item, values)
                plan.action = Action.CREATE if item is None else (Action.UPDATE if plan.changes else Action.UNCHANGED)
                plan.values = values
            result.append(plan)
        return result

    def _judge_row(self, row: SheetRow, units: dict[str, Unit]) -> dict[str, Any]:
        year = cell_int(row, YEAR, required=True, minimum=2000)
        kind = row.judge_choice(KIND, KIND_LABELS, required=True)
        approved = row.judge_date(APPROVED, today=clock.today())
        if kind and year is not None and not row.errors:
            try:
                check_plan_fields(kind=kind, year=year, approved_on=approved)
            except InvalidInput as exc:
                row.error(APPROVED, exc.message)
        category = row.text(CATEGORY)
        labels = CATEGORY_LABELS.get(kind, {})
        if category and kind:
            category = row.judge_choice(CATEGORY, labels, noun="类别") if labels else ""
            if not labels:
                row.error(CATEGORY, "出国（境）计划事项不分类别，请留空")
        unit = cell_unit(row, UNIT, units)
        return {
            "year": year,
            "kind": kind,
            "approved_on": approved,
            "approval_ref": row.judge_text(REF, 100),
            "name": " ".join(row.judge_text(NAME, 200, required=True).split()),
            "unit_id": unit.pk if unit else None,
            "unit_name": unit.name if unit else "",
            "category": category,
            "people": cell_int(row, PEOPLE, minimum=1),
            "days": cell_decimal(row, DAYS, positive=True),
            "budget": cell_amount(row, BUDGET),
        }

    @staticmethod
    def _one_approval(row: SheetRow, key: tuple[str, int], values: dict[str, Any], approvals: dict) -> None:
        given = (values["approved_on"], values["approval_ref"])
        if not any(given):
            return
        first = approvals.setdefault(key, given)
        if first != given:
            row.error(APPROVED, "同一计划的各行审批日期、文号不一致")

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        plan = SpendingPlan.objects.filter(organ=self.organ, kind=v["kind"], year=v["year"]).first()
        plan = plan or SpendingPlan(organ=self.organ, kind=v["kind"], year=v["year"])
        if plan.pk is None or _approval_differs(plan, v):
            plan.approved_on = v["approved_on"] or plan.approved_on
            plan.approval_ref = v["approval_ref"] or plan.approval_ref
            plan._change_reason = self.change_reason
            plan_save(plan=plan, by=by)
        item = PlanItem.objects.filter(plan=plan, name=v["name"]).first() or PlanItem(plan=plan, name=v["name"])
        for name, _header in ITEM_FIELDS:
            setattr(item, name, v[name])
        item._change_reason = self.change_reason
        plan_item_save(item=item, by=by)
        return row.action


def _plan_changes(plan: SpendingPlan | None, values: dict[str, Any]) -> list[Change]:
    if plan is None:
        return []
    changes = []
    if values["approved_on"] and values["approved_on"] != plan.approved_on:
        changes.append(Change(APPROVED, _shown(plan.approved_on), _shown(values["approved_on"])))
    if values["approval_ref"] and values["approval_ref"] != plan.approval_ref:
        changes.append(Change(REF, plan.approval_ref, values["approval_ref"]))
    return changes


def _item_changes(item: PlanItem | None, values: dict[str, Any]) -> list[Change]:
    if item is None:
        return []
    changes = []
    for name, header in ITEM_FIELDS:
        old, new = getattr(item, name), values[name]
        if old != new:
            shown_old = item.unit.name if name == "unit_id" and item.unit_id else _shown(old)
            shown_new = values["unit_name"] if name == "unit_id" else _shown(new)
            changes.append(Change(header, shown_old, shown_new))
    return changes


def _approval_differs(plan: SpendingPlan, values: dict[str, Any]) -> bool:
    return bool(
        (values["approved_on"] and values["approved_on"] != plan.approved_on)
        or (values["approval_ref"] and values["approval_ref"] != plan.approval_ref)
    )


PLAN_PAGE = ImportPage(
    importer=PlanItemImport,
    heading="导入年度计划事项",
    template_url="frugality_plan_import_template",
    testid="plan-import",
    intro=(
        "用于录入经党组会审批的年度会议计划、培训计划和因公出国（境）计划：每行一个计划事项。"
        "请先下载模板；本页导出的计划表可直接上传。"
    ),
    file_label="年度计划事项表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将新增、更新的事项和存在的问题，不写入任何数据",
    name_header="计划事项",
    done_link=("frugality_plan_list", "查看年度计划"),
)
