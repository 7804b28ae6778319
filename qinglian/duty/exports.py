"""The Excel 台账 of the duty pages: the year's list (one row per unit task), a unit's tasks, letters, 督办单,
约谈 and the Party group's yearly reports to its superior. Each takes rows a selector already scoped to the
reader; core.excel.export_table writes the audit log.

The Word summary of the list is in word.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core import clock
from qinglian.core.excel import Column, export_table
from qinglian.duty.choices import Recurrence
from qinglian.duty.models import (
    AccountabilityTalk,
    DutyAssignment,
    DutyItem,
    DutyList,
    OversightNotice,
    ResponsibilityLetter,
    SuperiorReport,
)
from qinglian.duty.selectors.lists import TaskFilter, heading_label, items_with_tasks
from qinglian.duty.selectors.notices import is_overdue
from qinglian.duty.selectors.tasks import latest_reports, lead_first
from qinglian.org.models import PersonnelEvent, Unit

# --- the year's list -----------------------------------------------------------------------------------

LEDGER_COLUMNS = [
    Column("序号", 6),
    Column("标题", 28),
    Column("任务内容", 40),
    Column("类别", 12),
    Column("牵头领导", 10),
    Column("责任委室", 14),
    Column("分工", 6),
    Column("完成时限/周期", 16),
    Column("完成标准", 28),
    Column("佐证要求", 24),
    Column("状态", 8),
    Column("最近进展", 36),
    Column("认领时间", 16),
    Column("完成日期", 12),
    Column("销号时间", 16),
]


def _heading_path(item: DutyItem) -> str:
    section = item.section
    if section is None:
        return ""
    if section.parent_id:
        return f"{heading_label(section.parent)} / {heading_label(section)}"
    return heading_label(section)


def _due_text(item: DutyItem) -> str:
    if item.deadline and item.recurrence == Recurrence.ONCE:
        return f"{item.deadline:%Y-%m-%d}"
    text = item.get_recurrence_display()
    return f"{text}（至{item.deadline:%Y-%m-%d}）" if item.deadline else text


def ledger_rows(items: list[DutyItem], on: dt.date, flt: TaskFilter) -> list[tuple]:
    """One row per unit task, in list order, with the columns of LEDGER_COLUMNS."""
    items = [i for i in items if flt.item_matches(i)]
    tasks = [(item, a) for item in items for a in lead_first(item) if flt.task_matches(a, on)]
    latest = latest_reports(a for _, a in tasks)
    rows = []
    for index, (item, a) in enumerate(tasks, start=1):
        report = latest.get(a.pk)
        progress = f"{report.date:%Y-%m-%d} {report.content}（{report.percent}%）" if report else ""
        rows.append(
            (
                index,
                _heading_path(item),
                f"{item.order}. {item.content}",
                item.get_theme_display(),
                item.lead_leader.name if item.lead_leader_id else "",
                a.unit.name,
                a.get_role_display(),
                _due_text(item),
                item.standard,
                item.evidence_required,
                a.display_status(on),
                progress,
                a.claimed_at,
                a.completed_on,
                a.confirmed_at,
            )
        )
    return rows


def ledger_export(request: HttpRequest, year: int, duty_list: DutyList | None, flt: TaskFilter) -> HttpResponse:
    """The year's 台账 with the page's filter; no list (or none the reader may see) gives the bare headers."""
    rows = ledger_rows(items_with_tasks(duty_list), clock.today(), flt) if duty_list else []
    return export_table(request, f"{year}年主体责任清单台账", LEDGER_COLUMNS, rows)


# --- a unit's tasks --------------------------------------------------------------------------------------

BOARD_COLUMNS = [
    Column("序号", 6),
    Column("任务内容", 44),
    Column("分工", 6),
    Column("完成时限", 12),
    Column("状态", 8),
]


def unit_tasks_export(request: HttpRequest, year: int, unit: Unit, tasks: list[DutyAssignment]) -> HttpResponse:
    """A unit's board as a sheet; `tasks` carry their shown status (selectors.boards.unit_tasks)."""
    rows = [
        (n, f"{t.item.order}. {t.item.content}", t.get_role_display(), t.item.deadline, t.status_label)
        for n, t in enumerate(tasks, start=1)
    ]
    return export_table(request, f"{year}年{unit.name}主体责任任务", BOARD_COLUMNS, rows)


# --- letters, 督办单, 约谈 ---------------------------------------------------------------------------------

LETTER_COLUMNS = [
    Column("序号", 6),
    Column("年度", 8),
    Column("层级", 22),
    Column("委室", 18),
    Column("签订人", 10),
    Column("签发人", 10),
    Column("签订情况", 10),
    Column("签订日期", 12),
    Column("补签事由", 28),
    Column("备注", 24),
]


def event_text(event: PersonnelEvent) -> str:
    """A personnel event as a 补签 names it: "2026-03-02 提拔（副主任）"."""
    post = f"（{event.to_post}）" if event.to_post else ""
    return f"{event.date:%Y-%m-%d} {event.get_kind_display()}{post}"


def letters_export(request: HttpRequest, year: int, letters: Iterable[ResponsibilityLetter]) -> HttpResponse:
    rows = [
        (
            i,
            letter.year,
            letter.get_level_display(),
            letter.unit.name,
            letter.signer.name,
            letter.issuer.name if letter.issuer_id else "",
            "已签订" if letter.signed_on else "未签订",
            letter.signed_on,
            event_text(letter.trigger_event) if letter.trigger_event_id else "",
            letter.note,
        )
        for i, letter in enumerate(letters, start=1)
    ]
    return export_table(request, f"{year}年党风廉政建设责任书签订台账", LETTER_COLUMNS, rows)


NOTICE_COLUMNS = [
    Column("序号", 6),
    Column("督办单编号", 16),
    Column("被督办委室", 16),
    Column("责任人", 10),
    Column("督办事由", 36),
    Column("督办日期", 12),
    Column("回复期限", 12),
    Column("状态", 10),
    Column("是否逾期", 10),
    Column("回复日期", 12),
    Column("回复内容", 36),
    Column("升级至", 10),
]


def notices_export(request: HttpRequest, notices: Iterable[OversightNotice]) -> HttpResponse:
    today = clock.today()
    rows = [
        (
            i,
            n.number,
            n.unit.name,
            n.responsible.name if n.responsible_id else "",
            n.reason,
            n.issued_on,
            n.reply_due,
            n.get_status_display(),
            "逾期" if is_overdue(n, today) else "",
            n.replied_on,
            n.reply,
            n.escalated_to.name if n.escalated_to_id else "",
        )
        for i, n in enumerate(notices, start=1)
    ]
    return export_table(request, "督办单台账", NOTICE_COLUMNS, rows)


TALK_COLUMNS = [
    Column("序号", 6),
    Column("日期", 12),
    Column("类型", 10),
    Column("约谈人", 10),
    Column("被约谈人", 10),
    Column("所在委室", 16),
    Column("约谈事由", 36),
    Column("约谈结果/整改要求", 36),
    Column("相关督办单", 16),
]


def talks_export(request: HttpRequest, year: int, talks: Iterable[AccountabilityTalk]) -> HttpResponse:
    rows = [
        (
            i,
            t.date,
            t.get_kind_display(),
            t.interviewer.name,
            t.interviewee.name,
            t.unit.name if t.unit_id else "",
            t.reason,
            t.outcome,
            t.notice.number if t.notice_id else "",
        )
        for i, t in enumerate(talks, start=1)
    ]
    return export_table(request, f"{year}年约谈记录", TALK_COLUMNS, rows)


REPORT_COLUMNS = [
    Column("序号", 6),
    Column("报告年度", 10),
    Column("报送对象", 20),
    Column("报告标题", 36),
    Column("文号", 16),
    Column("报送日期", 12),
    Column("报送截止日期", 14),
    Column("是否按期", 10),
    Column("主要内容", 40),
]


def superior_reports_export(request: HttpRequest, reports: Iterable[SuperiorReport]) -> HttpResponse:
    """The Party group's yearly reports; each report carries `due` and `on_time` (views.reports marks them)."""
    rows = [
        (
            i,
            r.year,
            r.recipient,
            r.title,
            r.document_no,
            r.reported_on,
            r.due,
            "" if r.on_time is None else ("按期" if r.on_time else "逾期"),
            r.summary,
        )
        for i, r in enumerate(reports, start=1)
    ]
    return export_table(request, "主体责任年度报告台账", REPORT_COLUMNS, rows)
