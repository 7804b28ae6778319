"""Tables of the year's figures page and of the publishable summary, for the page, Excel and Word.

`drill_table` turns the rows behind one figure (already scoped by `figure_queryset`) into columns suited to
their model; the page and the Excel export show the same table. Every export is written to the audit log.
The publishable summary table is in summary.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from openpyxl import Workbook

from qinglian.core import clock
from qinglian.core.excel import Column, add_sheet, build_workbook, export_table, xlsx_response
from qinglian.npc.exports.common import audit_export
from qinglian.npc.selectors.figures import Figure
from qinglian.npc.selectors.meetings import item_timeliness, submission_dates, with_submissions
from qinglian.npc.selectors.stations import with_deputies
from qinglian.npc.selectors.suggestions import first_reply, ledger_rows, with_handling
from qinglian.npc.selectors.summary import GROUPS, FigureCompared

TIMELINESS = {"on_time": "按期", "late": "逾期", "missing": "逾期未报送", None: "未到期"}


@dataclass
class DrillTable:
    """What a figure counts: headers, plain cell values (for Excel) and each row's page link (or None)."""

    columns: list[Column]
    rows: list[tuple] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)


def _suggestions(qs: QuerySet, organ_id: int | None, as_of: dt.date) -> DrillTable:
    table = DrillTable(
        [
            Column("建议编号", 12),
            Column("年度", 7),
            Column("标题", 40),
            Column("领衔代表", 10),
            Column("主办单位", 22),
            Column("交办日期", 12),
            Column("答复期限", 12),
            Column("首次答复日期", 13),
            Column("答复类别", 10),
            Column("满意度", 10),
            Column("状态", 10),
            Column("重点督办", 9),
        ]
    )
    for row in ledger_rows(with_handling(qs.order_by("year", "number", "pk")), organ_id=organ_id, today=as_of):
        s, first = row.s, first_reply(row.s)
        table.rows.append(
            (
                s.number,
                s.year,
                s.title,
                s.lead_deputy.name,
                row.lead.unit.name if row.lead else "",
                s.assigned_on,
                row.due,
                first.date if first else None,
                row.reply.get_result_display() if row.reply else "",
                row.level,
                s.get_status_display(),
                "是" if s.is_key else "",
            )
        )
        table.links.append(reverse("npc_suggestion", args=[s.pk]))
    return table


def _agenda_items(qs: QuerySet, organ_id: int | None, as_of: dt.date) -> DrillTable:
    table = DrillTable(
        [
            Column("会议", 30),
            Column("会议日期", 12),
            Column("议题", 40),
            Column("议题类型", 18),
            Column("提请/汇报单位", 22),
            Column("报送期限", 12),
            Column("首次报送", 12),
            Column("定稿报送", 12),
            Column("报送情况", 10),
            Column("审议结果", 16),
        ]
    )
    for item in with_submissions(qs).order_by("meeting__date", "order", "pk"):
        first, final = submission_dates(item)
        table.rows.append(
            (
                str(item.meeting),
                item.meeting.date,
                item.title,
                item.get_kind_display(),
                item.submitting_unit.name,
                item.deadline,
                first,
                final,
                TIMELINESS[item_timeliness(item, as_of)],
                item.outcome,
            )
        )
        table.links.append(reverse("npc_meeting", args=[item.meeting_id]))
    return table


def _activities(qs: QuerySet, organ_id: int | None, as_of: dt.date) -> DrillTable:
    table = DrillTable(
        [
            Column("日期", 12),
            Column("活动类型", 12),
            Column("主题", 36),
            Column("代表联络站", 24),
            Column("地点", 18),
            Column("参加代表人数", 12),
            Column("参加代表", 36),
        ]
    )
    for a in with_deputies(qs).order_by("date", "pk"):
        names = [d.name for d in a.deputies.all()]
        table.rows.append(
            (
                a.date,
                a.get_kind_display(),
                a.title,
                a.station.name if a.station_id else "",
                a.place,
                len(names),
                "、".join(names),
            )
        )
        table.links.append(reverse("npc_activity", args=[a.pk]))
    return table


_BUILDERS: dict[str, Callable[[QuerySet, int | None, dt.date], DrillTable]] = {
    "npc.suggestion": _suggestions,
    "npc.meetingagendaitem": _agenda_items,
    "npc.deputyactivity": _activities,
}


def drill_table(figure: Figure, qs: QuerySet, *, organ_id: int | None, as_of: dt.date) -> DrillTable:
    """The rows behind `figure` (from `figure_queryset`) with columns suited to its model."""
    return _BUILDERS[figure.model](qs, organ_id, as_of)


# --- Excel: the figures page and one drill-down ------------------------------------------------------------

FIGURE_COLUMNS = [
    Column("类别", 16),
    Column("指标", 30),
    Column("数值", 10),
    Column("单位", 6),
    Column("分子", 8),
    Column("分母", 8),
    Column("上年", 10),
    Column("比上年增减", 14),
    Column("口径说明", 80),
]


def _value(value: Any) -> Any:
    return "—" if value is None else value


def figure_rows(compared: Sequence[FigureCompared]) -> list[tuple]:
    group_of = {key: heading for heading, keys in GROUPS for key in keys}
    rows = []
    for c in compared:
        f, ratio = c.figure, c.figure.ratio
        rows.append(
            (
                group_of.get(f.key, ""),
                f.label,
                _value(f.value),
                f.unit,
                ratio.numerator if ratio else None,
                ratio.denominator if ratio else None,
                _value(c.previous_value),
                c.delta_text,
                c.definition,
            )
        )
    return rows


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _add_sheet(wb: Workbook, name: str, title: str, table: DrillTable) -> None:
    add_sheet(wb, title, table.columns, table.rows, name=_SHEET_BAD.sub("、", name))


def figures_xlsx(
    request: HttpRequest, year: int, compared: Sequence[FigureCompared], drills: Sequence[tuple[Figure, DrillTable]]
) -> HttpResponse:
    """Sheet 1: the figures with their definitions; then one sheet per figure listing what it counts."""
    title = f"{year}年度履职数据"
    wb = build_workbook(title, FIGURE_COLUMNS, figure_rows(compared))
    for figure, table in drills:
        _add_sheet(wb, figure.label, f"{year}年 {figure.label}：明细（{len(table.rows)}条）", table)
    audit_export(request, title, {"rows": len(compared), "sheets": 1 + len(drills)})
    return xlsx_response(wb, f"{title}_{clock.today():%Y%m%d}.xlsx")


def figure_xlsx(request: HttpRequest, year: int, figure: Figure, table: DrillTable) -> HttpResponse:
    title = f"{year}年{figure.label}明细"
    return export_table(request, _SHEET_BAD.sub("、", title), table.columns, table.rows)
