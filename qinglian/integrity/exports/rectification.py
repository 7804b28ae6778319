"""Excel of the 问题整改台账: the batch list, and one batch in the layout rectification reports use (整改台账) — one
row per measure, a problem's own cells merged over its measures' rows. The import reads that layout back
(importers/rectification.py): a row whose 问题描述 is empty (a merged cell) continues the problem above."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from openpyxl.styles import Alignment

from qinglian.core import clock, hooks
from qinglian.core.excel import DATE_FORMAT, Column, build_workbook, cell_value, export_table, xlsx_response
from qinglian.integrity.models import RectificationBatch, RectificationProblem
from qinglian.integrity.selectors.rectification import measure_status

SEQ, CATEGORY, PROBLEM, MEASURE = "序号", "问题类别", "问题描述", "整改措施"
LEADER, UNIT, OWNER, DEADLINE = "责任领导", "责任委室", "责任人", "完成时限"
DONE_NOTE, STATE, MECHANISMS = "完成情况", "整改状态", "长效机制"

LEDGER_COLUMNS = [
    Column(SEQ, 6),
    Column(CATEGORY, 14),
    Column(PROBLEM, 36, required=True),
    Column(MEASURE, 36, required=True),
    Column(LEADER, 10),
    Column(UNIT, 12),
    Column(OWNER, 10),
    Column(DEADLINE, 12, required=True, number_format=DATE_FORMAT),
    Column(DONE_NOTE, 30),
    Column(STATE, 10),
    Column(MECHANISMS, 28),
]
# The columns of a problem (merged over its measures' rows), by position in LEDGER_COLUMNS.
PROBLEM_COLUMNS = (0, 1, 2, 4, 10)


def _done(measure: Any) -> str:
    if measure.completed_on is None:
        return ""
    return f"{measure.completed_on:%Y-%m-%d}完成。{measure.completion_note}".strip()


def _mechanisms(problem: RectificationProblem) -> str:
    lines = []
    for m in problem.mechanisms.all():
        extra = "，".join(x for x in (m.document_no, f"{m.issued_on:%Y-%m-%d}印发" if m.issued_on else "") if x)
        lines.append(f"《{m.title.strip('《》')}》" + (f"（{extra}）" if extra else ""))
    return "\n".join(lines)


def ledger_rows(problems: list[RectificationProblem], today: dt.date) -> tuple[list[list[Any]], list[tuple[int, int]]]:
    """The sheet's rows and, per problem, the (first, last) row index of its measures (0-based, data rows)."""
    rows: list[list[Any]] = []
    spans = []
    for problem in problems:
        measures = list(problem.measures.all())
        first = len(rows)
        for index, measure in enumerate(measures or [None]):
            head = index == 0
            unit = (measure.unit if measure else None) or problem.unit
            owner = (measure.owner if measure else None) or problem.owner
            rows.append(
                [
                    problem.number if head else None,
                    problem.category if head else None,
                    problem.description if head else None,
                    measure.description if measure else "",
                    (problem.leader.name if problem.leader else "") if head else None,
                    unit.name if unit else "",
                    owner.name if owner else "",
                    measure.deadline if measure else None,
                    _done(measure) if measure else "",
                    measure_status(measure, today) if measure else "",
                    _mechanisms(problem) if head else None,
                ]
            )
        spans.append((first, len(rows) - 1))
    return rows, spans


def batch_ledger(request: HttpRequest, batch: RectificationBatch, problems: list[RectificationProblem]) -> HttpResponse:
    """One batch as its 整改台账, audited like every export."""
    title = cell_value(f"{batch.title}整改台账")
    rows, spans = ledger_rows(problems, clock.today())
    hooks.audit_record(
        action="export", user=request.user, request=request, target_repr=title, detail={"rows": len(rows)}
    )
    wb = build_workbook(title, LEDGER_COLUMNS, rows)
    ws = wb.active
    top = Alignment(vertical="center", wrap_text=True)
    for first, last in spans:
        if last > first:
            for col in PROBLEM_COLUMNS:
                ws.merge_cells(start_row=first + 3, start_column=col + 1, end_row=last + 3, end_column=col + 1)
                ws.cell(row=first + 3, column=col + 1).alignment = top
    return xlsx_response(wb, f"{title}_{timezone.localdate():%Y%m%d}.xlsx")


BATCH_COLUMNS = [
    Column("问题来源", 10),
    Column("名称", 36),
    Column("反馈单位", 18),
    Column("反馈日期", 12),
    Column("整改报告应报送日期", 14),
    Column("整改报告报送情况", 20),
    Column("整改报告文号", 20),
    Column("问题数", 8),
    Column("已销号", 8),
]


def batch_list_export(request: HttpRequest, batches: list[RectificationBatch]) -> HttpResponse:
    rows = [
        [
            b.get_source_display(),
            b.title,
            b.issuer,
            b.feedback_on,
            b.report.due,
            b.report.label,
            b.report_no,
            b.problem_total,
            b.problem_closed,
        ]
        for b in batches
    ]
    return export_table(request, "问题整改台账", BATCH_COLUMNS, rows)
