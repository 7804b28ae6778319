"""The year's ideology figures as Excel: 年度数据 (group, item, count — numbers that sum), 综述 (the paragraph for the
annual report) and 未更新网络阵地 (the silent online outlets); audited as every export is."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from qinglian.core import hooks
from qinglian.core.excel import DATE_FORMAT, Column, add_sheet, build_workbook, xlsx_response
from qinglian.ideology.selectors.figures import YearFigures

FIGURE_COLUMNS = [Column("类别", 18), Column("项目", 34), Column("数值", 10), Column("统计口径", 60)]
SILENT_COLUMNS = [
    Column("阵地名称", 28),
    Column("类型", 14),
    Column("主管委室", 18),
    Column("责任人", 12),
    Column("最近发布日期", 14, number_format=DATE_FORMAT),
    Column("未更新天数", 12),
]


def figure_rows(figures: YearFigures) -> list[tuple]:
    """One row per figure: the group's note on its first row only."""
    rows = []
    for group in figures.groups:
        for n, figure in enumerate(group.figures):
            rows.append((group.title, figure.label, figure.count, group.note if n == 0 else ""))
    return rows


def figures_xlsx(request: HttpRequest, figures: YearFigures, summary: str) -> HttpResponse:
    title = f"{figures.year}年意识形态工作年度数据"
    when = f"（截至{figures.day:%Y-%m-%d}）" if figures.current else ""
    rows = figure_rows(figures)
    wb = build_workbook(f"{title}{when}", FIGURE_COLUMNS, rows)
    wb.worksheets[0].title = "年度数据"
    add_sheet(wb, f"{title}综述", [Column("综述（可用于年度工作报告）", 120)], [(summary,)], name="综述")
    silent = [(s.name, s.kind, s.unit, s.owner, s.last_published, s.days) for s in figures.silent]
    add_sheet(wb, f"{title}·未更新的网络阵地", SILENT_COLUMNS, silent, name="未更新网络阵地")
    hooks.audit_record(
        action="export", user=request.user, request=request, target_repr=title, detail={"rows": len(rows)}
    )
    return xlsx_response(wb, f"{title}_{timezone.localdate():%Y%m%d}.xlsx")
