"""分析研判和报告计划导入 on the core import framework: the party-affairs office copies in its schedule (and the items
already held or sent) from Excel. One row is one item, written through services.reports (item_add, item_update,
item_done). An item is known by its kind and the first day of its period: the same item again is 无变化, or 更新
with what changed (the title, the responsible person, the recipient, a completion not recorded yet).

A row's period must be one the rule parameters in force give for its year (the due date is computed from them, never
read from the file: 应完成日期 is the export's, read past with 序号 and 状态), so the export re-imports as it is. A
recorded completion is not changed by an import: its page undoes it with a reason. All or nothing: a file with one
bad row writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.selectors.reports import Expected, expected_for
from qinglian.ideology.services.reports import check_year, item_add, item_done, item_update
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person

KIND, START, END, TITLE, PERSON, RECIPIENT = "类型", "所属期间起", "所属期间止", "名称", "责任人", "报送或通报对象"
DONE, SUMMARY = "完成日期", "主要内容"
EXPORT_ONLY = ("序号", "应完成日期", "状态")
KINDS = {label: value for value, label in ReportKind.choices}
REASON = "分析研判和报告计划导入"


def item_columns() -> list[Column]:
    return [
        Column(KIND, 30, required=True, choices=list(KINDS)),
        Column(START, 12, required=True, note="如 2026-01-01；须为现行规则参数排出的期间"),
        Column(END, 12, required=True, note="如 2026-03-31"),
        Column(TITLE, 36, note="不填按期间自动命名"),
        Column(PERSON, 10, note="本机关在职人员姓名；重名的请在页面上指定"),
        Column(RECIPIENT, 20),
        Column(DONE, 12, note="已召开或已报送的填写，不能晚于今天"),
        Column(SUMMARY, 40, note="填写完成日期的必填"),
    ]


def item_cells(item: ReportItem) -> tuple:
    """One item in the import's column order (the export writes these between 序号 and 应完成日期)."""
    return (
        item.get_kind_display(),
        item.period_start,
        item.period_end,
        item.title,
        item.responsible.name if item.responsible_id else "",
        item.recipient,
        item.done_on,
        item.summary,
    )


@dataclass
class ItemRow(RowPlan):
    item_id: int | None = None
    done: bool = False  # the row brings a completion the schedule has not recorded


class ReportImport(LedgerImport[ItemRow]):
    title = "分析研判和报告计划"
    sheet = "分析研判和报告"
    upload_noun = "分析研判和报告计划"
    row_noun = "分析研判、报告或通报"
    change_reason = REASON
    refusal = "只有机关党委可以导入分析研判和报告计划"
    phrases: ClassVar = {Action.CREATE: "新增 {} 项", Action.UPDATE: "更新 {} 项", Action.UNCHANGED: "无变化 {} 项"}
    modes = ("all",)
    export_only = EXPORT_ONLY
    row_class = ItemRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_register(user)

    def columns(self) -> list[Column]:
        return item_columns()

    def notes(self) -> list[str]:
        return [
            "每行填写一项分析研判、向上级报告或党内通报；表头带 * 的列为必填。本页导出的计划可直接上传。",
            "所属期间须与现行规则参数一致（如分析研判按季度：1月1日至3月31日……），应完成日期由系统按参数计算。",
            "同一类型、同一期间起始日的视为同一项：内容相同的显示为“无变化”，不同的更新；已登记的完成日期不能通过导入修改。",
            "任何一行有问题时整个文件不导入，请按提示修改后重新上传。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[ItemRow]:
        people = self._people()
        existing = {
            (i.kind, i.period_start): i
            for i in ReportItem.objects.filter(organ=self.organ).select_related("responsible")
        }
        years: dict[int, list[Expected] | str] = {}
        seen: dict[tuple[str, dt.date], int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            values = self._values(row, people, years)
            plan = ItemRow(row=number, name=values.get("title") or row.text(TITLE), errors=row.errors)
            if not row.errors:
                key = (values["kind"], values["period_start"])
                if key in seen:
                    row.error(START, f"与第{seen[key]}行是同一项（类型、期间相同）")
                else:
                    seen[key] = number
                    plan.values = values
                    _compare(plan, existing.get(key), row)
            plans.append(plan)
        return plans

    def _people(self) -> dict[str, list[Person]]:
        people: dict[str, list[Person]] = {}
        qs = Person.objects.filter(organ=self.organ, is_active=True).exclude(unit__kind=UnitKind.STATIONED)
        for person in qs.select_related("unit"):
            people.setdefault(person.name, []).append(person)
        return people

    def _values(self, row: SheetRow, people: dict, years: dict) -> dict[str, Any]:
        today = clock.today()
        values: dict[str, Any] = {
            "kind": row.judge_choice(KIND, KINDS, required=True),
            "period_start": row.judge_date(START, required=True),
            "period_end": row.judge_date(END, required=True),
            "title": row.judge_text(TITLE, 200),
            "responsible": None,
            "recipient": row.judge_text(RECIPIENT, 200),
            "done_on": row.judge_date(DONE, today=today),
            "summary": row.judge_text(SUMMARY, 5000),
        }
        name = row.text(PERSON)
        if name:
            found = people.get(name, [])
            if len(found) != 1:
                row.error(PERSON, "本机关没有该在职人员" if not found else f"本机关有{len(found)}人名为{name}")
            else:
                values["responsible"] = found[0]
        if row.errors:
            return values
        expected = self._period(row, values, years)
        if expected is not None:
            values["title"] = values["title"] or expected.title
            values["due_on"] = expected.due
        done_on = values["done_on"]
        if done_on is not None and done_on < values["period_start"]:
            row.error(DONE, "完成日期不能早于所属期间的开始")
        if done_on is not None and not values["summary"]:
            row.error(SUMMARY, "填写完成日期的，须填写主要内容")
        return values

    def _period(self, row: SheetRow, values: dict, years: dict) -> Expected | None:
        start, end, kind = values["period_start"], values["period_end"], values["kind"]
        if start.year not in years:
            try:
                check_year(start.year)
                years[start.year] = expected_for(self.organ.pk, start.year)
            except InvalidInput as exc:
                years[start.year] = exc.message
        options = years[start.year]
        if isinstance(options, str):
            row.error(START, options)
            return None
        mine = [e for e in options if e.kind == kind]
        for e in mine:
            if (e.start, e.end) == (start, end):
                return e
        shown = "、".join(f"{e.start:%Y-%m-%d}至{e.end:%Y-%m-%d}" for e in mine)
        row.error(END if any(e.start == start for e in mine) else START, f"期间与现行规则参数不符，应为：{shown}")
        return None

    def write(self, row: ItemRow, by: Any, result: Any) -> Action:
        v = row.values
        if row.item_id is None:
            item = item_add(
                kind=v["kind"],
                period_start=v["period_start"],
                period_end=v["period_end"],
                title=v["title"],
                responsible=v["responsible"],
                recipient=v["recipient"],
                by=by,
                reason=REASON,
            )
        else:
            item = ReportItem.objects.filter(organ=self.organ, pk=row.item_id).first()
            if item is None:
                raise InvalidInput("该项已被他人删除，未更新")
            if (item.title, item.responsible, item.recipient) != (v["title"], v["responsible"], v["recipient"]):
                item_update(
                    item=item,
                    title=v["title"],
                    responsible=v["responsible"],
                    recipient=v["recipient"],
                    by=by,
                    reason=REASON,
                )
        if row.done:
            item_done(item=item, done_on=v["done_on"], summary=v["summary"], by=by, reason=REASON)
        return row.action


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _compare(plan: ItemRow, item: ReportItem | None, row: SheetRow) -> None:
    """新增, or against the item in the schedule: 无变化, or 更新 with what changes (never a recorded completion)."""
    v = plan.values
    if item is None:
        plan.action = Action.CREATE
        plan.done = v["done_on"] is not None
        return
    plan.item_id = item.pk
    if item.period_end != v["period_end"]:
        row.error(END, f"计划中该项的期间止为{item.period_end:%Y-%m-%d}")
    if item.done_on is not None and v["done_on"] != item.done_on:
        row.error(DONE, f"已登记{item.done_on:%Y-%m-%d}完成，导入不能修改或清除；如需更正请在详情页撤销完成")
    if row.errors:
        plan.action = Action.ERROR
        return
    pairs = [
        (TITLE, item.title, v["title"]),
        (
            PERSON,
            item.responsible.name if item.responsible_id else "",
            v["responsible"].name if v["responsible"] else "",
        ),
        (RECIPIENT, item.recipient, v["recipient"]),
    ]
    if item.done_on is None and v["done_on"] is not None:
        plan.done = True
        pairs += [(DONE, None, v["done_on"]), (SUMMARY, item.summary, v["summary"])]
    plan.changes = [Change(h, _shown(old), _shown(new)) for h, old, new in pairs if _shown(old) != _shown(new)]
    if v["responsible"] != item.responsible and not plan.changes:
        plan.changes = [Change(PERSON, item.responsible.name, v["responsible"].name)]  # a namesake was chosen
    plan.action = Action.UPDATE if plan.changes or plan.done else Action.UNCHANGED


ITEM_PAGE = ImportPage(
    importer=ReportImport,
    heading="导入分析研判和报告计划",
    template_url="ideology_report_import_template",
    testid="report-import",
    intro="用于把机关党委的分析研判和报告计划（含已完成的事项）录入系统：请先下载模板，每行填写一项；本页导出的计划可直接上传。",
    file_label="分析研判和报告计划（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的事项和存在的问题，不写入任何数据",
    name_header="事项",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("ideology_report_list", "查看分析研判和报告计划"),
)
