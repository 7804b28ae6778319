"""Excel layouts of the liaison stations, the activities ledger and the activities per deputy. They take rows
the pages already scoped (`visible_to`); `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.npc.choices import ActivityKind
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation
from qinglian.npc.selectors.figures import DeputyActivityCount

STATION_COLUMNS = [
    Column("序号", 6),
    Column("联络站", 28),
    Column("所在区域", 12),
    Column("地址", 30),
    Column("联系人", 10),
    Column("联系电话", 14),
    Column("进站代表人数", 12),
    Column("进站代表", 40),
    Column("本年度活动次数", 14),
]

ACTIVITY_COLUMNS = [
    Column("序号", 6),
    Column("日期", 12),
    Column("活动类型", 14),
    Column("主题", 36),
    Column("联络站", 26),
    Column("地点", 20),
    Column("参加代表人数", 12),
    Column("参加代表", 40),
]


def _names(deputies: Iterable[Deputy]) -> str:
    return "、".join(d.name for d in deputies)


def stations_xlsx(request: HttpRequest, stations: Iterable[LiaisonStation]) -> HttpResponse:
    """Stations with their deputies (prefetched) and `activities_this_year`."""
    rows = [
        (
            i,
            s.name,
            s.area,
            s.address,
            s.contact_name,
            s.contact_phone,
            len(s.deputies.all()),
            _names(s.deputies.all()),
            s.activities_this_year,
        )
        for i, s in enumerate(stations, start=1)
    ]
    return export_table(request, "代表联络站", STATION_COLUMNS, rows)


def activities_xlsx(request: HttpRequest, activities: Iterable[DeputyActivity]) -> HttpResponse:
    rows = [
        (
            i,
            a.date,
            a.get_kind_display(),
            a.title,
            a.station.name if a.station else "",
            a.place,
            len(a.deputies.all()),
            _names(a.deputies.all()),
        )
        for i, a in enumerate(activities, start=1)
    ]
    return export_table(request, "代表履职活动", ACTIVITY_COLUMNS, rows)


def count_cells(count: DeputyActivityCount) -> list[int]:
    """The deputy's activities of each kind, in the order of ActivityKind, then the total."""
    return [count.by_kind.get(kind, 0) for kind in ActivityKind.values] + [count.total]


def counts_xlsx(request: HttpRequest, year: int, counts: Sequence[DeputyActivityCount]) -> HttpResponse:
    columns = [Column("代表", 14)] + [Column(label, 12) for label in ActivityKind.labels] + [Column("合计", 8)]
    rows = [(c.deputy_name, *count_cells(c)) for c in counts]
    return export_table(request, f"{year}年代表履职活动次数", columns, rows)
