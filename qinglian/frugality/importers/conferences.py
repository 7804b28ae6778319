"""会议费台账导入 (`ConferenceImport`) on the core import framework, as finance systems export a voucher: one row per
cost line, the meeting's columns repeated on each; rows with the same 凭证号 are one meeting (without a 凭证号, the
same name, start date and unit). A meeting without lines is one row with 费用合计 and the cost columns blank.

A meeting already in the ledger (same 凭证号, or name, start date and unit) with the same values is 无变化; with other
values 更新 (its bill replaced by the file's lines); otherwise 新增, marked 财务导入. Every meeting goes through
services.conferences, so refusals match the form's; all or nothing. The ledger's export re-imports as it is (序号,
人天数, 人均每天 are read past).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import ImportPage
from qinglian.frugality.choices import ConferenceCategory, CostKind, EntrySource, PlanKind
from qinglian.frugality.importers.plans import cell_amount, cell_decimal, cell_int, cell_unit, organ_units_by_name
from qinglian.frugality.models import Conference, PlanItem
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.services.conferences import (
    KEEP_ONLY,
    CostLine,
    check_dates,
    check_plan_item,
    check_size,
    conference_save,
)
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person

VOUCHER, UNIT, NAME, CATEGORY, BRIEFING = "凭证号", "承办委室", "会议名称", "会议类别", "传达布置类"
PLAN_ITEM, ADHOC_ON, ADHOC_BY = "年度计划事项", "计划外审批日期", "计划外审批人"
START, END, DAYS, TRAVEL, ATTENDEES, STAFF = (
    "开始日期",
    "结束日期",
    "会期天数",
    "报到离开天数",
    "参会人数",
    "工作人员人数",
)
VENUE, CITY, PAID, NOTE, TOTAL = "地点", "所在城市", "报销日期", "备注", "费用合计（元）"
COST_KIND, COST_AMOUNT, COST_TEXT = "费用类别", "金额（元）", "摘要"
CATEGORY_LABELS = {label: value for value, label in ConferenceCategory.choices}
COST_LABELS = {label: value for value, label in CostKind.choices}
YES_NO = {"是": True, "否": False, "": False}
# The meeting's own fields, in the order a change is listed: (attribute, column).
FIELDS = (
    ("voucher_no", VOUCHER),
    ("unit_id", UNIT),
    ("name", NAME),
    ("category", CATEGORY),
    ("briefing", BRIEFING),
    ("plan_item_id", PLAN_ITEM),
    ("adhoc_approved_on", ADHOC_ON),
    ("adhoc_approver_id", ADHOC_BY),
    ("start_on", START),
    ("end_on", END),
    ("days", DAYS),
    ("travel_days", TRAVEL),
    ("attendees", ATTENDEES),
    ("staff", STAFF),
    ("venue", VENUE),
    ("venue_city", CITY),
    ("paid_on", PAID),
    ("note", NOTE),
    ("total_amount", TOTAL),
)


def conference_columns() -> list[Column]:
    return [
        Column(VOUCHER, 16, note="同一凭证号的各行为同一会议的费用明细"),
        Column(UNIT, 18, required=True, note="本机关委室全称或简称"),
        Column(NAME, 28, required=True),
        Column(CATEGORY, 12, required=True, choices=list(CATEGORY_LABELS)),
        Column(BRIEFING, 10, choices=["是", "否"], note="传达、布置类会议填“是”"),
        Column(PLAN_ITEM, 26, note="会议当年年度会议计划中的事项名称；计划外会议不填"),
        Column(ADHOC_ON, 14, note="计划外会议的审批日期"),
        Column(ADHOC_BY, 12, note="计划外会议的审批人姓名；同名的写作 张三（办公室）"),
        Column(START, 12, required=True),
        Column(END, 12, required=True),
        Column(DAYS, 10, required=True, note="会期天数，可为0.5的倍数"),
        Column(TRAVEL, 10, note="报到和离开的天数，不填为0"),
        Column(ATTENDEES, 10, required=True),
        Column(STAFF, 10, note="不填为0"),
        Column(VENUE, 24, required=True),
        Column(CITY, 10),
        Column(PAID, 12),
        Column(NOTE, 20),
        Column(TOTAL, 14, note="有费用明细的可不填；填写的须等于明细之和"),
        Column(COST_KIND, 12, choices=list(COST_LABELS)),
        Column(COST_AMOUNT, 12, note="可写 1280.50、0.3万元"),
        Column(COST_TEXT, 24),
    ]


class Approvers:
    """The organ's people by name, for 计划外审批人 ("张三", or "张三（办公室）" where two share the name)."""

    def __init__(self, organ_id: int | None) -> None:
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        qs = Person.objects.filter(organ_id=organ_id).exclude(unit__kind=UnitKind.STATIONED).select_related("unit")
        for person in qs:
            self.by_name[person.name].append(person)

    def label(self, person: Person | None) -> str:
        if person is None:
            return ""
        namesakes = len(self.by_name.get(person.name, ())) > 1
        return f"{person.name}（{person.unit.name}）" if namesakes and person.unit_id else person.name

    def find(self, row: SheetRow, header: str) -> Person | None:
        text = row.text(header).replace("(", "（").replace(")", "）")
        if not text:
            return None
        name, _, unit = text.partition("（")
        found = self.by_name.get(name.strip(), [])
        if unit:
            found = [p for p in found if p.unit_id and p.unit.name == unit.rstrip("）").strip()]
        if len(found) == 1:
            return found[0]
        problem = f"本机关有{len(found)}名“{name}”，请写作 姓名（委室）" if found else f"本机关没有“{text}”"
        row.error(header, problem)
        return None


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class ConferenceImport(LedgerImport[RowPlan]):
    title = "会议费台账"
    sheet = "会议费台账"
    upload_noun = "会议费台账"
    row_noun = "会议及其费用明细"
    change_reason = "会议费台账导入"
    refusal = KEEP_ONLY
    modes = ("all",)
    phrases: ClassVar = {Action.CREATE: "新增 {} 个会议", Action.UPDATE: "更新 {} 个", Action.UNCHANGED: "无变化 {} 个"}
    text_columns = (VOUCHER,)
    export_only = ("序号", "人天数", "人均每天（元）")

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def columns(self) -> list[Column]:
        return conference_columns()

    def notes(self) -> list[str]:
        return [
            "每行一条费用明细，会议的各列在每一行重复填写；凭证号相同的行是同一个会议。没有明细的会议填一行，写明费用合计。",
            "列入年度会议计划的填写计划事项名称（须是会议当年计划中的事项）；计划外会议填写计划外审批日期和审批人。",
            "日期不能晚于今天，结束日期不能早于开始日期；金额可写 1280.50、0.3万元，写错的行会被指出，整表不导入。",
            "已有的同一凭证号（或同名、同日、同委室）的会议：数值相同的显示为“无变化”，不同的按表更新，费用明细以表为准。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        context = _Context(self.organ)
        groups: dict[tuple, list[tuple[SheetRow, dict[str, Any], CostLine | None]]] = {}
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            head, line = context.judge_row(row)
            key = (head["voucher_no"],) if head["voucher_no"] else (head["name"], head["start_on"], head["unit_id"])
            groups.setdefault(key, []).append((row, head, line))
        existing = context.existing()
        return [self._plan(rows, context, existing) for rows in groups.values()]

    def _plan(self, rows: list, context: _Context, existing: dict[tuple, Conference]) -> RowPlan:
        first_row, head, _ = rows[0]
        errors = list(first_row.errors)
        for row, other, _line in rows[1:]:
            errors += [(f"第{row.number}行 {col}", problem) for col, problem in row.errors]
            if not row.errors and not first_row.errors and other != head:
                errors.append(
                    (f"第{row.number}行", f"会议各列与第{first_row.number}行不一致（同一凭证号应为同一会议）")
                )
        lines = [line for _row, _head, line in rows if line is not None]
        plan = RowPlan(row=first_row.number, name=f"{head['voucher_no']} {head['name']}".strip())
        if not errors:
            errors += context.judge_meeting(head, lines)
        plan.errors = errors
        if errors:
            return plan
        key = (head["voucher_no"],) if head["voucher_no"] else (head["name"], head["start_on"], head["unit_id"])
        current = existing.get(key)
        plan.values = {"head": head, "lines": lines, "pk": current.pk if current else None}
        plan.changes = _changes(current, head, lines, context) if current else []
        plan.action = Action.CREATE if current is None else (Action.UPDATE if plan.changes else Action.UNCHANGED)
        return plan

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        head, lines = row.values["head"], row.values["lines"]
        if row.values["pk"] is None:
            conference = Conference(organ=self.organ, entry_source=EntrySource.IMPORTED)
        else:
            conference = Conference.objects.get(pk=row.values["pk"], organ=self.organ)
        for name, _column in FIELDS:
            if name != "total_amount":
                setattr(conference, name, head[name])
        conference._change_reason = self.change_reason
        conference_save(conference=conference, costs=lines, total=head["total_amount"], by=by)
        return row.action


class _Context:
    """What the judging of one upload reads once: the organ's units, people, meeting plan items and meetings."""

    def __init__(self, organ: Any) -> None:
        self.organ = organ
        self.today = clock.today()
        self.units = organ_units_by_name(organ)
        self.approvers = Approvers(organ.pk)
        items = PlanItem.objects.filter(
            plan__organ=organ, plan__kind=PlanKind.CONFERENCE, plan__deleted_at__isnull=True
        ).select_related("plan")
        self.items = {(i.plan.year, i.name): i for i in items}
        self.items_by_pk = {i.pk: i for i in items}

    def judge_row(self, row: SheetRow) -> tuple[dict[str, Any], CostLine | None]:
        unit = cell_unit(row, UNIT, self.units, required=True)
        approver = self.approvers.find(row, ADHOC_BY)
        briefing = row.text(BRIEFING)
        if briefing not in YES_NO:
            row.error(BRIEFING, "请填写“是”或“否”")
        head = {
            "voucher_no": row.judge_text(VOUCHER, 40),
            "unit_id": unit.pk if unit else None,
            "name": " ".join(row.judge_text(NAME, 200, required=True).split()),
            "category": row.judge_choice(CATEGORY, CATEGORY_LABELS, required=True, noun="会议类别"),
            "briefing": YES_NO.get(briefing, False),
            "plan_item_name": row.judge_text(PLAN_ITEM, 200),
            "adhoc_approved_on": row.judge_date(ADHOC_ON, today=self.today),
            "adhoc_approver_id": approver.pk if approver else None,
            "start_on": row.judge_date(START, required=True, today=self.today),
            "end_on": row.judge_date(END, required=True, today=self.today),
            "days": cell_decimal(row, DAYS, required=True, positive=True),
            "travel_days": cell_decimal(row, TRAVEL) or Decimal("0.0"),
            "attendees": cell_int(row, ATTENDEES, required=True, minimum=1),
            "staff": cell_int(row, STAFF) or 0,
            "venue": row.judge_text(VENUE, 200, required=True),
            "venue_city": row.judge_text(CITY, 40),
            "paid_on": row.judge_date(PAID, today=self.today),
            "note": row.judge_text(NOTE, 500),
            "total_amount": cell_amount(row, TOTAL),
        }
        return head, self._line(row)

    def _line(self, row: SheetRow) -> CostLine | None:
        kind = row.judge_choice(COST_KIND, COST_LABELS, noun="费用类别")
        amount = cell_amount(row, COST_AMOUNT)
        text = row.judge_text(COST_TEXT, 200)
        if not kind:
            if amount is not None or text:
                row.error(COST_KIND, "填写了金额或摘要的请选择费用类别")
            return None
        if amount is None:
            row.error(COST_AMOUNT, "请填写金额")
            return None
        return CostLine(kind, amount, text)

    def judge_meeting(self, head: dict[str, Any], lines: list[CostLine]) -> list[tuple[str, str]]:
        """The meeting's checks across its columns, as the service makes them; fills head["plan_item_id"]."""
        errors = []
        try:
            check_dates(
                start_on=head["start_on"],
                end_on=head["end_on"],
                paid_on=head["paid_on"],
                adhoc_approved_on=head["adhoc_approved_on"],
            )
            check_size(**{k: head[k] for k in ("start_on", "end_on", "days", "travel_days", "attendees", "staff")})
        except InvalidInput as exc:
            errors.append((START, exc.message))
        head["plan_item_id"] = None
        if head["plan_item_name"] and head["start_on"]:
            item = self.items.get((head["start_on"].year, head["plan_item_name"]))
            if item is None:
                errors.append((PLAN_ITEM, f"{head['start_on'].year}年度会议计划中没有“{head['plan_item_name']}”"))
            else:
                check_plan_item(item, organ_id=self.organ.pk, start_on=head["start_on"])
                head["plan_item_id"] = item.pk
        if (head["adhoc_approved_on"] is None) != (head["adhoc_approver_id"] is None):
            errors.append((ADHOC_ON, "计划外审批请同时填写审批日期和审批人"))
        total = sum((line.amount for line in lines), Decimal(0))
        if lines and head["total_amount"] is not None and head["total_amount"] != total:
            errors.append((TOTAL, f"费用合计{head['total_amount']:,.2f}元与明细之和{total:,.2f}元不一致"))
        if not lines and head["total_amount"] is None:
            errors.append((TOTAL, "没有费用明细的会议请填写费用合计"))
        if lines:
            head["total_amount"] = total
        return errors

    def existing(self) -> dict[tuple, Conference]:
        found: dict[tuple, Conference] = {}
        qs = Conference.objects.filter(organ=self.organ).select_related("unit").prefetch_related("costs")
        for c in qs:
            found[(c.name, c.start_on, c.unit_id)] = c
            if c.voucher_no:
                found[(c.voucher_no,)] = c
        return found


def _changes(current: Conference, head: dict[str, Any], lines: list[CostLine], context: _Context) -> list[Change]:
    changes = []
    for name, column in FIELDS:
        old, new = getattr(current, name), head[name]
        if old != new:
            changes.append(Change(column, _label(name, old, context), _label(name, new, context)))
    saved = [CostLine(c.kind, c.amount, c.description) for c in current.costs.all()]
    if saved != lines:
        changes.append(Change("费用明细", f"{len(saved)}条", f"{len(lines)}条"))
    return changes


def _label(name: str, value: Any, context: _Context) -> str:
    if value is None:
        return ""
    if name == "unit_id":
        return next((u.name for u in context.units.values() if u.pk == value), str(value))
    if name == "plan_item_id":
        item = context.items_by_pk.get(value)
        return item.name if item else str(value)
    if name == "adhoc_approver_id":
        person = next((p for people in context.approvers.by_name.values() for p in people if p.pk == value), None)
        return context.approvers.label(person)
    if name == "category":
        return ConferenceCategory(value).label
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return _shown(value)


CONFERENCE_PAGE = ImportPage(
    importer=ConferenceImport,
    heading="导入会议费台账",
    template_url="frugality_conference_import_template",
    testid="conference-import",
    intro=(
        "用于导入财务系统导出的会议费凭证：每行一条费用明细，凭证号相同的行是同一个会议。"
        "请先下载模板；本页导出的会议费台账可直接上传。"
    ),
    file_label="会议费台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将新增、更新的会议和存在的问题，不写入任何数据",
    name_header="会议",
    done_link=("frugality_conference_list", "查看会议费台账"),
)
