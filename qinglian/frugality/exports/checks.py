"""Excel list of the special checks (专项检查台账): what each check covered, its sample, what it found and its report.
`export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.models import SpecialCheck
from qinglian.frugality.selectors.checks import ledgers_text

COLUMNS = (
    Column("序号", 6),
    Column("检查名称", 36),
    Column("检查期间起", 12),
    Column("检查期间止", 12),
    Column("检查台账", 20),
    Column("状态", 10),
    Column("规则检查日期", 12),
    Column("规则发现问题", 10),
    Column("其中红色", 8),
    Column("超标准金额（元）", 14),
    Column("抽样凭证", 8),
    Column("已审核", 8),
    Column("问题凭证", 8),
    Column("抽样金额（元）", 14),
    Column("抽样种子", 34),
    Column("报告文号", 24),
    Column("报告日期", 12),
)


def check_cells(check: SpecialCheck) -> tuple:
    """One check of `selectors.checks.check_list` (annotated with its samples' figures)."""
    counts = check.counts or {}
    return (
        check.title,
        check.period_start,
        check.period_end,
        ledgers_text(check.ledgers),
        check.get_status_display(),
        check.run_on,
        counts.get("findings"),
        counts.get("red"),
        Decimal(counts["excess"]) if "excess" in counts else None,
        check.drawn,
        check.reviewed,
        check.problems,
        check.sampled_amount,
        check.seed,
        check.report_no,
        check.reported_on,
    )


def checks_xlsx(request: HttpRequest, checks: Iterable[SpecialCheck]) -> HttpResponse:
    rows = [(n, *check_cells(c)) for n, c in enumerate(checks, start=1)]
    return export_table(request, "专项检查", COLUMNS, rows)
