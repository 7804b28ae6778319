"""Excel exports of talks, study records and training hours. They take the rows the page already scoped."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table


def talks_xlsx(request: HttpRequest, talks, *, year: int) -> HttpResponse:
    """Only rows of HeartTalk.objects.visible_to(user) may be passed in: the talks are confidential."""
    headers = [
        Column("序号", 6),
        Column("日期", 12),
        Column("谈话人", 10),
        Column("谈话人身份", 12),
        Column("谈话对象", 10),
        Column("谈话对象身份", 12),
        Column("党支部", 18),
        Column("主题", 30),
    ]
    rows = [
        (
            i,
            t.date,
            t.initiator.name,
            t.get_initiator_role_display(),
            t.counterpart.name,
            t.get_counterpart_role_display(),
            t.branch.name if t.branch_id else "",
            t.topic,
        )
        for i, t in enumerate(talks, start=1)
    ]
    return export_table(request, f"{year}年谈心谈话台账", headers, rows)


def study_xlsx(request: HttpRequest, records) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("姓名", 10),
        Column("所在委室", 20),
        Column("日期", 12),
        Column("学习形式", 16),
        Column("内容", 36),
        Column("学时", 8),
    ]
    rows = [
        (i, r.person.name, r.person.unit.name, r.date, r.get_kind_display(), r.title, float(r.hours))
        for i, r in enumerate(records, start=1)
    ]
    return export_table(request, "学习培训记录", headers, rows)


def hours_xlsx(request: HttpRequest, lines: Sequence[dict], *, title: str, target: Decimal | None) -> HttpResponse:
    headers = [Column("序号", 6), Column("姓名", 10), Column("所在委室", 20), Column("学时", 10)]
    if target is not None:
        headers += [Column("要求学时", 10), Column("是否达到", 10)]
    rows = []
    for i, line in enumerate(lines, start=1):
        row = [i, line["person"].name, line["person"].unit.name, float(line["hours"])]
        if target is not None:
            row += [float(target), "是" if line["hours"] >= target else "否"]
        rows.append(row)
    return export_table(request, title, headers, rows)
