"""Excel layouts of the meeting-materials ledger: one row per agenda item, and the on-time table of a year.
They take rows the pages already scoped (`visible_to`); `export_table` writes the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.npc.exports.common import percent
from qinglian.npc.models import MeetingAgendaItem
from qinglian.npc.selectors.figures import MaterialStats
from qinglian.npc.selectors.meetings import TIMELINESS_LABELS, item_timeliness

ITEM_COLUMNS = [
    Column("序号", 6),
    Column("会议", 22),
    Column("会议日期", 12),
    Column("议题", 40),
    Column("议题类型", 20),
    Column("提请/汇报单位", 22),
    Column("报送期限", 12),
    Column("修改稿送交期限", 14),
    Column("首次报送时间", 17),
    Column("定稿报送时间", 17),
    Column("签收时间", 17),
    Column("是否按时", 10),
]

STATS_COLUMNS = [
    Column("提请/汇报单位", 26),
    Column("议题数", 9),
    Column("按时报送", 10),
    Column("逾期报送", 10),
    Column("未报送", 9),
    Column("按时报送率", 12),
]


def item_row(index: int, item: MeetingAgendaItem, today: dt.date) -> tuple:
    """One line of the export; submissions prefetched."""
    subs = list(item.submissions.all())
    first = min((s.submitted_at for s in subs), default=None)
    final = min((s.submitted_at for s in subs if s.is_final), default=None)
    received = min((s.received_at for s in subs if s.received_at), default=None)
    meeting = item.meeting
    return (
        index,
        f"{meeting.get_kind_display()}{meeting.number}",
        meeting.date,
        item.title,
        item.get_kind_display(),
        item.submitting_unit.name,
        item.deadline,
        item.final_deadline,
        first,
        final,
        received,
        TIMELINESS_LABELS[item_timeliness(item, today)],
    )


def items_xlsx(request: HttpRequest, items: Iterable[MeetingAgendaItem], today: dt.date) -> HttpResponse:
    rows = [item_row(i, item, today) for i, item in enumerate(items, start=1)]
    return export_table(request, "会议材料报送台账", ITEM_COLUMNS, rows)


def stats_row(stats: MaterialStats) -> tuple:
    return (stats.unit_name, stats.items, stats.on_time, stats.late, stats.missing, percent(stats.on_time_rate))


def stats_xlsx(
    request: HttpRequest, year: int, units: Sequence[MaterialStats], total: MaterialStats | None
) -> HttpResponse:
    rows = [stats_row(u) for u in units] + ([stats_row(total)] if total is not None else [])
    return export_table(request, f"{year}年会议材料报送情况", STATS_COLUMNS, rows)
