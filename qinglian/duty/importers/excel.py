"""责任清单 Excel 导入: the template's columns and 填表说明 (one row per item), and judging every row (never writes)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, SheetRow
from qinglian.duty.choices import Recurrence, Theme
from qinglian.duty.importers.common import (
    CONTENT,
    RECURRENCES,
    THEMES,
    Lookups,
    judge_leader,
    judge_units,
    judge_year,
    settle,
)
from qinglian.duty.importers.deadline import deadline_parse
from qinglian.duty.importers.plan import DutyRow, Path
from qinglian.duty.selectors.lists import strip_mark

H1, H2, NUMBER, THEME = "一级标题", "二级标题", "序号", "类别"
LEADER, LEAD_UNIT, CO_UNITS, DEADLINE, RECURRENCE = "牵头领导", "牵头委室", "配合委室", "完成时限", "周期"
STANDARD, EVIDENCE = "完成标准", "佐证材料要求"
TEXT_COLUMNS = (NUMBER, DEADLINE)  # keep "6月底前" and "1.1" as typed


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


def duty_notes(year: int) -> list[str]:
    return [
        "责任清单导入模板：请在“责任清单”工作表第一行表头下方逐行填写，每行一项任务；表头带 * 的列为必填。",
        "一级标题、二级标题写出该事项所在的标题，同一标题的各行写法须完全一致；标题只导入一次。",
        f"完成时限按所选年度理解：“6月底前”即{year}年6月30日，“年底前”即{year}年12月31日；"
        "周期为每月、每季度、每年的任务按周期报送，可不填完成时限。",
        "牵头领导须为现任党组成员；牵头委室、配合委室按本机关委室名称（全称或简称）识别。",
        "导入只写入草稿清单：该年度清单已印发时不能导入。清单中已有的相同事项不会重复导入。",
        "只要有一行有问题，就一行也不写入，并逐行列出问题；修改后重新上传即可。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


def judge_sheet(sheet: SheetRows, year: int, ctx: Lookups) -> list[DutyRow]:
    """Every row judged for the draft list of `year`: its headings, fields, 序号 and whether the draft has it."""
    seen_content: dict[str, str] = {}
    seen_numbers: dict[str, int] = {}
    items = []
    for number, record in sheet.rows:
        row = SheetRow(number, record)
        item = _judge(row, year, ctx)
        _judge_number(row, seen_numbers)
        items.append(settle(item, ctx, seen_content))
    return items


def _judge(row: SheetRow, year: int, ctx: Lookups) -> DutyRow:
    content = row.text(CONTENT)
    item = DutyRow(row=row.number, name=content[:20], source=f"第{row.number}行", content=content, action=Action.CREATE)
    item.errors = row.errors  # one list: the row's checks and the item's
    if not item.content:
        row.error(CONTENT, "必填")
    item.section = _judge_section(row)
    item.theme = row.judge_choice(THEME, THEMES) or Theme.STRICT_GOVERNANCE
    judge_leader(item, row.text(LEADER), ctx, header=LEADER)
    if not row.text(LEAD_UNIT):
        row.error(LEAD_UNIT, "必填")
    judge_units(item, row.text(LEAD_UNIT), row.text(CO_UNITS), ctx, lead_header=LEAD_UNIT, co_header=CO_UNITS)
    _judge_deadline(row, item, year)
    item.standard = row.text(STANDARD)
    item.evidence = row.text(EVIDENCE)
    if len(item.evidence) > 300:
        row.error(EVIDENCE, "过长，最多300字")
    return item


def _judge_section(row: SheetRow) -> Path:
    h1, h2 = strip_mark(row.text(H1)), strip_mark(row.text(H2))
    too_long = [header for header, title in ((H1, h1), (H2, h2)) if len(title) > 200]
    for header in too_long:
        row.error(header, "过长，最多200字")
    if h2 and not h1:
        row.error(H2, "填写二级标题时须同时填写所属的一级标题")
        return ()
    if not h1 or too_long:
        return ()
    return (h1, h2) if h2 else (h1,)


def _judge_deadline(row: SheetRow, item: DutyRow, year: int) -> None:
    text, written = row.text(DEADLINE), row.text(RECURRENCE)
    item.recurrence = row.judge_choice(RECURRENCE, RECURRENCES) or Recurrence.ONCE
    if text:
        try:
            found = deadline_parse(text, year)
        except ValueError as exc:
            row.error(DEADLINE, str(exc))
            return
        if found.recurrence != Recurrence.ONCE and not written:
            item.recurrence = found.recurrence
        item.deadline = found.date
        if found.note:
            item.notes.append(found.note)
    if item.recurrence == Recurrence.ONCE and item.deadline is None:
        row.error(DEADLINE, "一次性任务须填写完成时限（或在“周期”中选择每月、每季度、每年）")
    judge_year(item, year, header=DEADLINE)


def _judge_number(row: SheetRow, seen: dict[str, int]) -> None:
    number = row.text(NUMBER)
    if not number:
        return
    if number in seen:
        row.error(NUMBER, f"与第{seen[number]}行的序号重复")
    seen.setdefault(number, row.number)
