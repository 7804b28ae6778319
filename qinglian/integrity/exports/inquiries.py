"""Excel layouts of the proposals and the letters of inquiry (dates and status only). They take rows the pages
already scoped (`visible_to`) with their `.state`; `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.models import DisciplineProposal, InquiryLetter

PROPOSAL_COLUMNS = [
    Column("序号", 6),
    Column("建议类型", 14),
    Column("文号", 24),
    Column("送达日期", 12),
    Column("标题", 36),
    Column("主送委室", 18),
    Column("主要问题和建议", 40),
    Column("回复期限", 12),
    Column("书面回复日期", 12),
    Column("回复文号", 24),
    Column("整改落实情况", 40),
    Column("状态", 12),
]

INQUIRY_COLUMNS = [
    Column("序号", 6),
    Column("被函询人", 12),
    Column("所在委室", 18),
    Column("函询文号", 24),
    Column("收到日期", 12),
    Column("回复期限", 12),
    Column("签署意见人", 12),
    Column("签署意见日期", 12),
    Column("回复日期", 12),
    Column("状态", 12),
]


def proposals_xlsx(request: HttpRequest, proposals: Iterable[DisciplineProposal]) -> HttpResponse:
    rows = [
        (
            i,
            p.get_kind_display(),
            p.number,
            p.issued_on,
            p.title,
            p.target_unit.name if p.target_unit else "机关党组",
            p.summary,
            p.state.due,
            p.replied_on,
            p.reply_no,
            p.reply_summary,
            p.state.label,
        )
        for i, p in enumerate(proposals, start=1)
    ]
    return export_table(request, "纪检监察建议", PROPOSAL_COLUMNS, rows)


def inquiries_xlsx(request: HttpRequest, letters: Iterable[InquiryLetter]) -> HttpResponse:
    rows = [
        (
            i,
            letter.subject.name,
            letter.subject.unit.name if letter.subject.unit_id else "",
            letter.number,
            letter.received_on,
            letter.state.due,
            letter.signer.name if letter.signer else ("（直接回复）" if letter.replied_on else ""),
            letter.signed_on,
            letter.replied_on,
            letter.state.label,
        )
        for i, letter in enumerate(letters, start=1)
    ]
    return export_table(request, "谈话函询", INQUIRY_COLUMNS, rows)
