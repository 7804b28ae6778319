"""Excel of the public-opinion register and of its yearly summary. The register's columns are the import's
(importers/opinion.py) plus 序号, 状态 and the hours to the first response and to the report upward, which the
import reads past: the export re-imports as it is. `export_table` / `xlsx_response` + the audit log, as every
export."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from qinglian.core import clock, hooks
from qinglian.core.excel import Column, add_sheet, build_workbook, export_table, xlsx_response
from qinglian.ideology.importers.opinion import event_cells, event_columns
from qinglian.ideology.models import OpinionEvent
from qinglian.ideology.selectors.opinion import Summary, limits_on, timing_of
from qinglian.org.scope import scope_of


def events_xlsx(request: HttpRequest, events: Iterable[OpinionEvent]) -> HttpResponse:
    limits = limits_on(scope_of(request.user).organ_id, clock.today())
    now = clock.now()
    columns = [
        Column("序号", 6),
        *event_columns([], []),
        Column("状态", 8),
        Column("响应用时（小时）", 10),
        Column("报告用时（小时）", 10),
    ]
    rows = []
    for i, e in enumerate(events, start=1):
        t = timing_of(e, limits, now)
        response = t.response_text if e.first_response_at else ""
        report = t.report_text if e.reported_at else ""
        rows.append((i, *event_cells(e), e.get_status_display(), response, report))
    return export_table(request, "舆情事件台账", columns, rows)


def summary_xlsx(request: HttpRequest, s: Summary) -> HttpResponse:
    """The yearly summary: one sheet per table (等级, 来源, 月份, 首次响应用时) plus the totals."""
    title = f"{s.year}年舆情处置情况汇总"
    totals = [
        ("发现舆情事件", s.total),
        ("向上级报告", s.reported),
        ("其中较大、重大舆情", s.report_due),
        ("已办结", s.closed),
        ("处置中", s.open),
    ]
    wb = build_workbook(title, [Column("项目", 24), Column("数量（起）", 12)], totals)
    add_sheet(wb, "按等级", [Column("等级", 10), Column("数量（起）", 12)], [(lb, n) for _, lb, n in s.by_level])
    add_sheet(wb, "按来源", [Column("来源", 16), Column("数量（起）", 12)], [(lb, n) for _, lb, n in s.by_source])
    add_sheet(wb, "按月份", [Column("月份", 8), Column("数量（起）", 12)], [(f"{m}月", n) for m, n in s.by_month])
    times = [(t.label, t.count, t.answered, t.median_text, t.longest_text, t.limit, t.late) for t in s.times]
    time_columns = [
        Column("等级", 10),
        Column("事件数", 10),
        Column("已响应", 10),
        Column("首次响应用时中位数（小时）", 14),
        Column("最长用时（小时）", 12),
        Column("响应时限（小时）", 12),
        Column("超时响应（起）", 12),
    ]
    add_sheet(wb, "首次响应用时", time_columns, times)
    hooks.audit_record(action="export", user=request.user, request=request, target_repr=title, detail={"rows": s.total})
    return xlsx_response(wb, f"{title}_{timezone.localdate():%Y%m%d}.xlsx")
