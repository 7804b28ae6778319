"""Excel layouts of the suggestions ledger and of the per-unit summary (a table that could be published).
They take rows the pages already scoped (`visible_to`); `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.npc.exports.common import percent
from qinglian.npc.selectors.figures import HandlingStats
from qinglian.npc.selectors.suggestions import SuggestionRow

SUGGESTION_COLUMNS = [
    Column("序号", 6),
    Column("建议编号", 12),
    Column("年度", 7),
    Column("届次会议", 24),
    Column("领衔代表", 10),
    Column("附议代表", 20),
    Column("标题", 36),
    Column("类别", 10),
    Column("主办单位", 20),
    Column("协办单位", 24),
    Column("交办日期", 12),
    Column("答复期限", 12),
    Column("状态", 10),
    Column("超期未答复", 9),
    Column("重点督办", 9),
    Column("答复日期", 12),
    Column("答复文号", 16),
    Column("答复类别", 10),
    Column("满意度", 10),
]

SUMMARY_COLUMNS = [
    Column("承办单位", 24),
    Column("件数", 8),
    Column("已答复", 8),
    Column("按期答复", 9),
    Column("按期答复率", 11),
    Column("解决率（办理落实率）", 14),
    Column("已测评", 8),
    Column("满意/基本满意", 12),
    Column("满意率", 10),
]


def suggestion_row(index: int, row: SuggestionRow) -> tuple:
    s, reply = row.s, row.reply
    return (
        index,
        s.number,
        s.year,
        str(s.session) if s.session_id else "闭会期间",
        s.lead_deputy.name,
        "、".join(d.name for d in s.co_signers.all()),
        s.title,
        s.get_category_display(),
        row.lead.unit.name if row.lead else "",
        row.co_units,
        s.assigned_on,
        row.due,
        s.get_status_display(),
        "是" if row.overdue else "",
        "是" if s.is_key else "",
        reply.date if reply else None,
        reply.document_no if reply else "",
        reply.get_result_display() if reply else "",
        row.level,
    )


def suggestions_xlsx(request: HttpRequest, rows: Sequence[SuggestionRow]) -> HttpResponse:
    table = [suggestion_row(i, r) for i, r in enumerate(rows, start=1)]
    return export_table(request, "代表建议办理台账", SUGGESTION_COLUMNS, table)


def summary_row(stats: HandlingStats) -> tuple:
    return (
        stats.unit_name,
        stats.total,
        stats.replied,
        stats.on_time,
        percent(stats.on_time_rate),
        percent(stats.solved_rate),
        stats.evaluated,
        stats.satisfied,
        percent(stats.satisfaction_rate),
    )


def summary_xlsx(
    request: HttpRequest, year: int, units: Sequence[HandlingStats], total: HandlingStats | None
) -> HttpResponse:
    table = [summary_row(u) for u in units] + ([summary_row(total)] if total is not None else [])
    return export_table(request, f"{year}年代表建议办理情况汇总", SUMMARY_COLUMNS, table)
