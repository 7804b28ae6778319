"""The Word summary of a year's list (责任清单及落实情况): headings, items with who leads them and by when,
each unit's status and the completion figures, in GB/T 9704-2012 layout (written by core.word.gbt9704)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH

from qinglian.core.word.gbt9704 import (
    BODY_FONT,
    HEADING1_FONT,
    HEADING2_FONT,
    TITLE_FONT,
    TITLE_PT,
    add_paragraph,
    add_signature,
    new_document,
)
from qinglian.duty.choices import AssignmentRole, Recurrence, TaskStatus
from qinglian.duty.models import DutyItem, DutyList, ProgressReport
from qinglian.duty.selectors.lists import Completion, SectionNode, heading_title, tree
from qinglian.proofread.numerals import int_to_cn


def cn_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def signer_of(duty_list: DutyList) -> str:
    """The Party group of the organ: "某市人大常委会机关" → "中共某市人大常委会党组"."""
    name = duty_list.organ.name.removesuffix("机关")
    return f"中共{name}党组"


def _latest_percent(duty_list: DutyList) -> dict[int, int]:
    """assignment id → percent of its latest progress report (one query for the whole list)."""
    rows = (
        ProgressReport.objects.filter(assignment__item__duty_list=duty_list, assignment__deleted_at__isnull=True)
        .order_by("assignment_id", "-date", "-id")
        .values_list("assignment_id", "percent")
    )
    latest: dict[int, int] = {}
    for assignment_id, percent in rows:
        latest.setdefault(assignment_id, percent)
    return latest


def _when(item: DutyItem) -> str:
    if item.recurrence != Recurrence.ONCE:
        return f"{Recurrence(item.recurrence).label}报送"
    return cn_date(item.deadline) if item.deadline else "未定"


def _duty_line(item: DutyItem) -> str:
    tasks = list(item.assignments.all())
    lead = "、".join(a.unit.name for a in tasks if a.role == AssignmentRole.LEAD) or "未指定"
    co = "、".join(a.unit.name for a in tasks if a.role == AssignmentRole.CO) or "无"
    leader = item.lead_leader.name if item.lead_leader else "未指定"
    return f"牵头领导：{leader}；牵头委室：{lead}；配合委室：{co}；完成时限：{_when(item)}。"


def _status_line(item: DutyItem, on: dt.date, percent: dict[int, int]) -> str:
    parts = []
    for task in item.assignments.all():  # lead unit first
        status = task.display_status(on)
        if task.status == TaskStatus.IN_PROGRESS and task.pk in percent:
            status += f"（进度{percent[task.pk]}%）"
        elif task.status in (TaskStatus.COMPLETED, TaskStatus.CLOSED) and task.completed_on:
            status += f"（{cn_date(task.completed_on)}完成）"
        parts.append(f"{task.unit.name}{status}")
    return "落实情况：" + ("；".join(parts) or "尚未分解到委室") + "。"


def _figures(c: Completion) -> str:
    in_progress = c.total - c.done - c.not_started
    return (
        f"分解为{c.total}项委室任务，已完成{c.done}项（其中已销号{c.closed}项），完成率{c.rate}%；"
        f"推进中{in_progress}项，未启动{c.not_started}项，逾期{c.overdue}项。"
    )


def _items(document, items: list[DutyItem], on: dt.date, percent: dict[int, int], marks: Callable[[int], str]) -> None:
    for number, item in enumerate(items, start=1):
        lines = [line.strip() for line in item.content.strip().splitlines() if line.strip()] or [""]
        # An item numbered （一） stands at the second level, whose lead line GB/T 9704 sets in 楷体.
        font = HEADING2_FONT if marks is _paren else BODY_FONT
        add_paragraph(document, f"{marks(number)}{lines[0]}", font=font)
        for line in lines[1:]:
            add_paragraph(document, line)
        add_paragraph(document, _duty_line(item))
        add_paragraph(document, _status_line(item, on, percent))


def _arabic(number: int) -> str:
    return f"{number}."


def _paren(number: int) -> str:
    return f"（{int_to_cn(number)}）"


def duty_summary_docx(duty_list: DutyList, on: dt.date) -> bytes:
    """The list as a .docx: title, an overview with the figures, 一、（一）1. with each item's leader, units,
    deadline and status, then the signature and date."""
    document = new_document()
    add_paragraph(
        document, duty_list.title, font=TITLE_FONT, size_pt=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=0
    )
    add_paragraph(document, "")
    roots = tree(duty_list, on)
    total = Completion.total_of(root.completion for root in roots)
    item_count = sum(len(n.items) + sum(len(c.items) for c in n.children) for n in roots)
    add_paragraph(document, f"截至{cn_date(on)}，本清单共{item_count}项任务，{_figures(total)}")
    percent = _latest_percent(duty_list)
    for index, node in enumerate(roots, start=1):
        _section(document, index, node, on, percent)
    add_signature(document, signer_of(duty_list), cn_date(on))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _section(document, index: int, node: SectionNode, on: dt.date, percent: dict[int, int]) -> None:
    title = heading_title(node.section) if node.section else "其他事项"
    add_paragraph(document, f"{int_to_cn(index)}、{title}", font=HEADING1_FONT, outline_level=0)
    if not node.children:
        _items(document, node.items, on, percent, _arabic)
        return
    # A section with sub-sections: its own items take the level under 一、 — （一）（二） — and the sub-sections
    # go on from there, so no （N） follows a 1. under the same heading (GB/T 9704-2012 7.3.3).
    _items(document, node.items, on, percent, _paren)
    for sub, child in enumerate(node.children, start=len(node.items) + 1):
        add_paragraph(
            document, f"（{int_to_cn(sub)}）{heading_title(child.section)}", font=HEADING2_FONT, outline_level=1
        )
        _items(document, child.items, on, percent, _arabic)
