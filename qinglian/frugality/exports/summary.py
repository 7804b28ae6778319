"""The spending summary as Excel: 各委室汇总 (unit × ledger for the year, last year, change, rate) and 按月明细
(unit × month × ledger, the same figures), numbers that sort and sum; audited as every export is."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from qinglian.core import hooks
from qinglian.core.excel import Column, add_sheet, build_workbook, xlsx_response
from qinglian.frugality.selectors.summary import MONTHS, Cell, SpendingSummary, UnitSpending

MONEY = "#,##0.00"


def _figures(cell: Cell) -> tuple:
    return (cell.amount, cell.last, cell.change, cell.rate)


def _columns(*lead: Column) -> list[Column]:
    money = [Column(h, 14, number_format=MONEY) for h in ("本年（元）", "上年同期（元）", "增减额（元）")]
    return [*lead, *money, Column("增减率", 10)]


def _blocks(summary: SpendingSummary) -> list[UnitSpending]:
    return [*summary.units, summary.totals] if len(summary.units) > 1 else list(summary.units)


def summary_xlsx(request: HttpRequest, summary: SpendingSummary) -> HttpResponse:
    title = f"{summary.year}年八项规定经费支出汇总"
    totals = []
    for block in _blocks(summary):
        for line in [*block.lines, block.total]:
            totals.append((block.name, line.label, *_figures(line.total)))
    wb = build_workbook(title, _columns(Column("委室", 20), Column("台账", 12)), totals)
    monthly = []
    for block in _blocks(summary):
        for line in [*block.lines, block.total]:
            for month, cell in zip(MONTHS, line.months, strict=True):
                monthly.append((block.name, f"{month}月", line.label, *_figures(cell)))
    columns = _columns(Column("委室", 20), Column("月份", 8), Column("台账", 12))
    add_sheet(wb, f"{title}（按月）", columns, monthly, name="按月明细")
    wb.worksheets[0].title = "各委室汇总"
    hooks.audit_record(
        action="export", user=request.user, request=request, target_repr=title, detail={"rows": len(monthly)}
    )
    return xlsx_response(wb, f"{title}_{timezone.localdate():%Y%m%d}.xlsx")
