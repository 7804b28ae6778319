"""因公出国（境）台账导入 on the core import framework: one row per delegation, written through
services.abroad.abroad_save (so the refusals are the form's). A delegation is known by its leader and departure
date: the same one again is 无变化, or 更新 with what changed (most often the report handed in since). The ledger's
own export re-imports as it is (序号, 在外天数, 报告期限, 状态 are read past). All or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import EntrySource, PlanKind
from qinglian.frugality.importers.common import FULL_WIDTH, FinanceImport, changes
from qinglian.frugality.models import AbroadTrip, PlanItem
from qinglian.frugality.rules.abroad import split_countries
from qinglian.frugality.services.abroad import abroad_save, check_trip
from qinglian.integrity.importers.common import Roster

VOUCHER, LEADER, LEADER_UNIT, UNIT, PURPOSE = "凭证号", "团长", "团长所在委室", "承办委室", "出访任务"
COUNTRIES, COUNT, TEAM, DEPART, RETURN = "出访国家（地区）", "国家（地区）数", "团组人数", "出境日期", "入境日期"
APPROVED, ITEM, REPORT, AMOUNT, PAID, NOTE = (
    "审批日期",
    "年度计划事项",
    "出访报告提交日期",
    "费用合计（元）",
    "报销日期",
    "备注",
)
EXPORT_ONLY = ("序号", "在外天数", "报告期限", "状态")
# (column, attribute) compared with the ledger for 无变化/更新, in the sheet's order.
COMPARED = (
    (VOUCHER, "voucher_no"),
    (UNIT, "unit_id"),
    (PURPOSE, "purpose"),
    (COUNTRIES, "countries"),
    (COUNT, "country_count"),
    (TEAM, "team_size"),
    (RETURN, "return_on"),
    (APPROVED, "approved_on"),
    (ITEM, "plan_item_id"),
    (REPORT, "report_on"),
    (AMOUNT, "total_amount"),
    (PAID, "paid_on"),
    (NOTE, "note"),
)


def abroad_columns(units: list[str]) -> list[Column]:
    return [
        Column(VOUCHER, 14, required=True, note="记账凭证号"),
        Column(LEADER, 10, required=True, note="本机关干部姓名"),
        Column(LEADER_UNIT, 16, note="同名人员填写所在委室以区分"),
        Column(UNIT, 16, choices=units, note="不填为团长所在委室"),
        Column(PURPOSE, 20, required=True),
        Column(COUNTRIES, 20, required=True, note="含经停，以顿号分隔，如：德国、法国"),
        Column(COUNT, 10, required=True, note="应与所列国家（地区）个数一致"),
        Column(TEAM, 8, required=True),
        Column(DEPART, 12, required=True),
        Column(RETURN, 12, required=True, note="不能早于出境日期"),
        Column(APPROVED, 12),
        Column(ITEM, 20, note="出境当年因公出国（境）计划中的事项名称；不填为计划外"),
        Column(REPORT, 14, note="未提交的不填"),
        Column(AMOUNT, 14, note="如 186000、18.6万元"),
        Column(PAID, 12),
        Column(NOTE, 24),
    ]


def trip_cells(trip: AbroadTrip) -> tuple:
    """One delegation in the import's column order (the export writes these)."""
    return (
        trip.voucher_no,
        trip.leader.name,
        trip.leader.unit.name if trip.leader.unit_id else "",
        trip.unit.name,
        trip.purpose,
        trip.countries,
        trip.country_count,
        trip.team_size,
        trip.depart_on,
        trip.return_on,
        trip.approved_on,
        trip.plan_item.name if trip.plan_item_id else "",
        trip.report_on,
        trip.total_amount,
        trip.paid_on,
        trip.note,
    )


@dataclass
class AbroadRow(RowPlan):
    trip_id: int | None = None


class AbroadTripImport(FinanceImport[AbroadRow]):
    title = "因公出国（境）台账"
    sheet = "因公出国（境）"
    upload_noun = "因公出国（境）台账"
    row_noun = "出访团组信息"
    change_reason = "因公出国（境）台账导入"
    refusal = "只有财务专责人员可以导入因公出国（境）台账"
    phrases: ClassVar = {Action.CREATE: "新增 {} 个", Action.UPDATE: "更新 {} 个", Action.UNCHANGED: "无变化 {} 个"}
    modes = ("all",)
    text_columns = (VOUCHER,)
    export_only = EXPORT_ONLY
    row_class = AbroadRow

    def columns(self) -> list[Column]:
        return abroad_columns(list(self._units()))

    def notes(self) -> list[str]:
        return [
            "每行填写一个出访团组；表头带 * 的列为必填。本页导出的台账可直接上传。",
            "团长按本机关花名册中的姓名识别；同名人员请填写团长所在委室。",
            "同一团长、同一出境日期的团组视为同一个：内容相同的显示为“无变化”，不同的更新（如补登出访报告提交日期）。",
            "入境日期不能早于出境日期；国家（地区）数应与所列国家（地区）一致；金额可写作 186000 或 18.6万元。",
            "任何一行有问题时整个文件不导入，请按提示修改后重新上传。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[AbroadRow]:
        units = self._units()
        people = Roster(self.organ)
        items = {
            (year, name): pk
            for pk, year, name in PlanItem.objects.filter(
                plan__organ=self.organ, plan__kind=PlanKind.ABROAD, plan__deleted_at__isnull=True
            ).values_list("pk", "plan__year", "name")
        }
        existing = {(t.leader_id, t.depart_on): t for t in AbroadTrip.objects.filter(organ=self.organ)}
        seen: dict[tuple[int, dt.date], int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            leader = people.find(row, LEADER, LEADER_UNIT)
            values = self._values(row, units, items)
            name = f"{row.text(LEADER)} {row.text(DEPART)} {row.text(COUNTRIES)}".strip()
            plan = AbroadRow(row=number, name=name, errors=row.errors)
            if not row.errors:
                values["leader_id"] = leader.pk
                values["unit_id"] = values["unit_id"] or leader.unit_id
                key = (leader.pk, values["depart_on"])
                if key in seen:
                    row.error(DEPART, f"与第{seen[key]}行是同一团组（团长、出境日期相同）")
                else:
                    seen[key] = number
                    plan.values = values
                    _compare(plan, existing.get(key), units, items)
            plans.append(plan)
        return plans

    def _values(self, row: SheetRow, units: dict[str, int], items: dict[tuple[int, str], int]) -> dict[str, Any]:
        today = clock.today()
        values = {
            "voucher_no": row.judge_text(VOUCHER, 40, required=True),
            "unit_id": row.judge_choice(UNIT, units, noun="委室") or None,
            "purpose": row.judge_text(PURPOSE, 200, required=True),
            "countries": "、".join(split_countries(row.judge_text(COUNTRIES, 200, required=True))),
            "country_count": _count(row, COUNT),
            "team_size": _count(row, TEAM),
            "depart_on": row.judge_date(DEPART, required=True),
            "return_on": row.judge_date(RETURN, required=True),
            "approved_on": row.judge_date(APPROVED, today=today),
            "report_on": row.judge_date(REPORT, today=today),
            "total_amount": _amount(row),
            "paid_on": row.judge_date(PAID, today=today),
            "note": row.judge_text(NOTE, 500),
            "plan_item_id": None,
        }
        if row.errors:
            return values
        try:
            check_trip(**{k: values[k] for k in CHECKED})
        except InvalidInput as exc:
            row.error(_column_of(exc.message), exc.message)
        item = row.text(ITEM)
        if item:
            year = values["depart_on"].year
            values["plan_item_id"] = items.get((year, item))
            if values["plan_item_id"] is None:
                row.error(ITEM, f"本机关{year}年因公出国（境）计划中没有“{item}”")
        return values

    def write(self, row: AbroadRow, by: Any, result: Any) -> Action:
        if row.trip_id is None:
            trip = AbroadTrip(organ=self.organ, entry_source=EntrySource.IMPORTED)
        else:
            trip = AbroadTrip.objects.filter(organ=self.organ, pk=row.trip_id).first()
            if trip is None:
                raise InvalidInput("该团组已被他人删除，未更新")
        for name, value in row.values.items():
            setattr(trip, name, value)
        abroad_save(trip=trip, by=by, reason=self.change_reason)
        return row.action


CHECKED = ("countries", "country_count", "team_size", "depart_on", "return_on", "approved_on", "report_on")


def _compare(plan: AbroadRow, trip: AbroadTrip | None, units: dict[str, int], items: dict) -> None:
    """新增, or against the delegation already recorded: 无变化, or 更新 with what changes."""
    if trip is None:
        plan.action = Action.CREATE
        return
    plan.trip_id = trip.pk
    v = plan.values
    labels = {
        "unit_id": {pk: name for name, pk in units.items()},
        "plan_item_id": {pk: n for (_, n), pk in items.items()},
    }
    plan.changes = changes(trip, v, COMPARED, labels)
    plan.action = Action.UPDATE if plan.changes else Action.UNCHANGED


def _column_of(message: str) -> str:
    """The column a refusal of `check_trip` is about, for the row's error."""
    for word, header in (("国家", COUNT), ("团组人数", TEAM), ("审批", APPROVED), ("报告", REPORT)):
        if word in message:
            return header
    return RETURN


def _count(row: SheetRow, header: str) -> int | None:
    text = row.text(header).translate(FULL_WIDTH).removesuffix("个").removesuffix("人").strip()
    if not text:
        row.error(header, "必填")
        return None
    if not text.isdigit() or int(text) < 1 or int(text) > 999:
        row.error(header, f"“{row.text(header)}”应为正整数")
        return None
    return int(text)


def _amount(row: SheetRow) -> Decimal:
    try:
        return parse_amount(row.raw(AMOUNT)) or Decimal(0)
    except AmountError as exc:
        row.error(AMOUNT, str(exc))
        return Decimal(0)


ABROAD_PAGE = ImportPage(
    importer=AbroadTripImport,
    heading="导入因公出国（境）台账",
    template_url="frugality_abroad_import_template",
    testid="abroad-import",
    intro="用于把财务部门的因公出国（境）台账录入系统，或补登出访报告提交日期：请先下载模板，每行填写一个出访团组。",
    file_label="因公出国（境）台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的团组和存在的问题，不写入任何数据",
    name_header="团组",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("frugality_abroad_list", "查看因公出国（境）台账"),
)
