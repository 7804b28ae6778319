"""The Excel layout of the 党风廉政意见回复 list. It takes rows the page already scoped (`visible_to`) with their
status and deadline (selectors.rows_of); `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.selectors.opinions import RequestRow, conclusion_label

COLUMNS = [
    Column("序号", 6),
    Column("标题", 36),
    Column("事由", 12),
    Column("来函文号", 18),
    Column("送达日期", 12),
    Column("回复期限", 12),
    Column("状态", 12),
    Column("是否逾期", 8),
    Column("人员数", 8),
    Column("人员及拟任职务", 40),
    Column("回复文号", 22),
    Column("回复日期", 12),
    Column("回复意见", 40),
]


def _people(row: RequestRow) -> str:
    items = list(row.request.items.all())
    return "；".join(f"{i.person.name}（{i.proposed_post}）" if i.proposed_post else i.person.name for i in items)


def _answers(row: RequestRow) -> str:
    if row.request.replied_on is None:
        return ""
    return "；".join(f"{i.person.name}：{conclusion_label(i.conclusion)}" for i in row.request.items.all())


def opinions_xlsx(request: HttpRequest, rows: Sequence[RequestRow]) -> HttpResponse:
    table = [
        (
            n,
            r.request.title,
            r.request.get_purpose_display(),
            r.request.document_no,
            r.request.sent_on,
            r.due,
            r.status_label,
            "是" if r.overdue else "",
            r.people,
            _people(r),
            r.request.reply_no,
            r.request.replied_on,
            _answers(r),
        )
        for n, r in enumerate(rows, start=1)
    ]
    return export_table(request, "党风廉政意见征求", COLUMNS, table)
