"""责任清单 Excel 导入: the template (one row per item) and the parse that judges every row (never writes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column, read_sheet, template_workbook
from qinglian.duty.choices import Recurrence, Theme
from qinglian.duty.importers.common import (
    RECURRENCES,
    THEMES,
    ImportPlan,
    ItemPlan,
    Lookups,
    judge_leader,
    judge_units,
    judge_year,
    lookups,
    mark_existing,
    require_draft_year,
    section_key,
    strip_mark,
)
from qinglian.duty.importers.deadline import deadline_parse

H1, H2, NUMBER, CONTENT, THEME = "一级标题", "二级标题", "序号", "任务内容", "类别"
LEADER, LEAD_UNIT, CO_UNITS, DEADLINE, RECURRENCE = "牵头领导", "牵头委室", "配合委室", "完成时限", "周期"
STANDARD, EVIDENCE = "完成标准", "佐证材料要求"
_TEXT_COLUMNS = (NUMBER, DEADLINE)


def duty_columns(leader_names: Sequence[str] = (), unit_names: Sequence[str] = ()) -> list[Column]:
    return [
        Column(H1, 24, note="如 一、强化政治建设；同一标题下的事项重复填写同一标题"),
        Column(H2, 24, note="如 （一）加强理论武装；须同时填写一级标题；可不填"),
        Column(NUMBER, 6, note="仅供核对，导入后按表中先后顺序编号"),
        Column(CONTENT, 50, required=True),
        Column(THEME, 14, choices=Theme.labels, note="不填视为“全面从严治党”"),
        Column(LEADER, 10, choices=leader_names, note="现任党组成员的姓名"),
        Column(LEAD_UNIT, 16, required=True, choices=unit_names, note="委室全称或简称，只填一个"),
        Column(CO_UNITS, 24, note="多个委室用顿号“、”分隔，如 研究室、人事室"),
        Column(DEADLINE, 14, note="一次性任务必填：2026-06-30，或 6月底前、年底前；周期性任务可不填"),
        Column(RECURRENCE, 10, choices=Recurrence.labels, note="不填视为“一次性”"),
        Column(STANDARD, 30),
        Column(EVIDENCE, 30, note="最多300字"),
    ]


def _notes(year: int | None) -> list[str]:
    example = year or timezone.localdate().year
    return [
        "责任清单导入模板：请在“责任清单”工作表第一行表头下方逐行填写，每行一项任务；表头带 * 的列为必填。",
        "一级标题、二级标题写出该事项所在的标题，同一标题的各行写法须完全一致；标题只导入一次。",
        f"完成时限按所选年度理解：“6月底前”即{example}年6月30日，“年底前”即{example}年12月31日；"
        "周期为每月、每季度、每年的任务按周期报送，可不填完成时限。",
        "牵头领导须为现任党组成员；牵头委室、配合委室按本机关委室名称（全称或简称）识别。",
        "导入只写入草稿清单：该年度清单已印发时不能导入。清单中已有的相同事项不会重复导入。",
        "只要有一行有问题，就一行也不写入，并逐行列出问题；修改后重新上传即可。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


def duty_template(organ_id: int, year: int | None = None) -> Workbook:
    """The organ's template: drop-downs of its current Party group members and units."""
    ctx = lookups(organ_id, year or timezone.localdate().year)
    columns = duty_columns(list(ctx.leaders), list(ctx.unit_names.values()))
    wb = template_workbook("责任清单", columns, _notes(year))
    ws = wb.worksheets[0]
    for idx, col in enumerate(columns, start=1):
        if col.header in _TEXT_COLUMNS:  # keep "6月底前" and "1.1" as typed
            ws.column_dimensions[get_column_letter(idx)].number_format = "@"
    return wb


@dataclass
class _Row:
    number: int
    record: dict[str, Any]

    def text(self, header: str) -> str:
        value = self.record.get(header)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if hasattr(value, "isoformat"):
            value = value.isoformat()[:10]
        return "" if value is None else str(value).strip()


def duty_excel_parse(*, organ_id: int, year: int, data: bytes) -> ImportPlan:
    """Judge every row for the draft list of `year`; writes nothing.

    Raises InvalidInput for a whole-file problem (empty, too large, not an xlsx, columns, the list published).
    """
    require_draft_year(organ_id, year)
    if not data:
        raise InvalidInput("上传的文件是空的，请选择填好的责任清单导入表")
    if len(data) > settings.QINGLIAN_IMPORT_MAX_BYTES:
        raise InvalidInput(f"文件超过 {settings.QINGLIAN_IMPORT_MAX_BYTES / 1048576:.3g} MB 上限")
    sheet = read_sheet(data, duty_columns(), max_rows=settings.QINGLIAN_IMPORT_MAX_ROWS)
    if not sheet.rows:
        raise InvalidInput("表格中没有数据：请在表头下方逐行填写清单事项")
    plan = ImportPlan(organ_id=organ_id, year=year, source="Excel")
    ctx = lookups(organ_id, year)
    seen_content: dict[str, str] = {}
    seen_numbers: dict[str, int] = {}
    for number, record in sheet.rows:
        item = _judge(_Row(number, record), plan, ctx)
        _judge_number(_Row(number, record), item, seen_numbers)
        if not item.is_error:
            mark_existing(item, ctx, seen_content)
        plan.items.append(item)
    return plan


def _judge(row: _Row, plan: ImportPlan, ctx: Lookups) -> ItemPlan:
    item = ItemPlan(source=f"第{row.number}行", content=row.text(CONTENT))
    if not item.content:
        item.errors.append((CONTENT, "必填"))
    item.section = _judge_section(row, plan, item)
    theme = row.text(THEME)
    item.theme = THEMES.get(theme, Theme.STRICT_GOVERNANCE)
    if theme and theme not in THEMES:
        item.errors.append((THEME, f"“{theme}”不是有效的类别，请从下拉列表中选择"))
    judge_leader(item, row.text(LEADER), ctx, header=LEADER)
    if not row.text(LEAD_UNIT):
        item.errors.append((LEAD_UNIT, "必填"))
    judge_units(item, row.text(LEAD_UNIT), row.text(CO_UNITS), ctx, lead_header=LEAD_UNIT, co_header=CO_UNITS)
    _judge_deadline(row, item, plan.year)
    item.standard = row.text(STANDARD)
    item.evidence = row.text(EVIDENCE)
    if len(item.evidence) > 300:
        item.errors.append((EVIDENCE, "过长，最多300字"))
    return item


def _judge_section(row: _Row, plan: ImportPlan, item: ItemPlan) -> str | None:
    h1, h2 = strip_mark(row.text(H1)), strip_mark(row.text(H2))
    too_long = [header for header, title in ((H1, h1), (H2, h2)) if len(title) > 200]
    item.errors += [(header, "过长，最多200字") for header in too_long]
    if h2 and not h1:
        item.errors.append((H2, "填写二级标题时须同时填写所属的一级标题"))
        return None
    if not h1 or too_long:
        return None
    parent = section_key(plan, h1, None)
    return section_key(plan, h2, parent) if h2 else parent


def _judge_deadline(row: _Row, item: ItemPlan, year: int) -> None:
    text, recurrence = row.text(DEADLINE), row.text(RECURRENCE)
    if recurrence and recurrence not in RECURRENCES:
        item.errors.append((RECURRENCE, f"“{recurrence}”不是有效的周期，请从下拉列表中选择"))
    item.recurrence = RECURRENCES.get(recurrence, Recurrence.ONCE)
    if text:
        try:
            found = deadline_parse(text, year)
        except ValueError as exc:
            item.errors.append((DEADLINE, str(exc)))
            return
        if found.recurrence != Recurrence.ONCE and not recurrence:
            item.recurrence = found.recurrence
        item.deadline = found.date
        if found.note:
            item.notes.append(found.note)
    if item.recurrence == Recurrence.ONCE and item.deadline is None:
        item.errors.append((DEADLINE, "一次性任务须填写完成时限（或在“周期”中选择每月、每季度、每年）"))
    judge_year(item, year, header=DEADLINE)


def _judge_number(row: _Row, item: ItemPlan, seen: dict[str, int]) -> None:
    number = row.text(NUMBER)
    if not number:
        return
    if number in seen:
        item.errors.append((NUMBER, f"与第{seen[number]}行的序号重复"))
    seen.setdefault(number, row.number)
