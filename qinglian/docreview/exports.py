"""The organ's terms as an Excel table (the rows the page already read through selectors.term_list)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.docreview.models import OrganTerm

TERM_COLUMNS = [
    Column("类型", 18),
    Column("词语", 24),
    Column("改为", 24),
    Column("来源规则", 12),
    Column("说明", 40),
    Column("添加人", 12),
    Column("添加时间", 18),
]


def terms_xlsx(request: HttpRequest, terms: Iterable[OrganTerm]) -> HttpResponse:
    rows = [
        (t.get_kind_display(), t.text, t.replacement, t.rule, t.note, str(t.created_by or ""), t.created_at)
        for t in terms
    ]
    return export_table(request, "本机关审校词表", TERM_COLUMNS, rows)
