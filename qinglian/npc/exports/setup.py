"""Excel layouts of the setup lists: deputies (their phone only for those who may see it), sessions, the handling
units with their profiles, the desks. They take rows the pages already scoped; `export_table` writes the audit
log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.http import HttpRequest, HttpResponse

from qinglian.core import clock
from qinglian.core.excel import Column, export_table
from qinglian.npc.choices import DeskKind
from qinglian.npc.models import Deputy, HandlingUnitProfile, ServiceDesk, Session
from qinglian.org.models import Unit


def deputies_xlsx(request: HttpRequest, deputies: Iterable[Deputy], *, show_phone: bool) -> HttpResponse:
    """Deputies with `led_suggestions` (selectors.setup.deputy_list)."""
    columns = [Column("序号", 6), Column("姓名", 10), Column("代表团/选区", 20), Column("代表层级", 16)]
    columns += [Column("联系电话", 14)] if show_phone else []
    columns += [Column("在任", 6), Column("领衔建议", 9)]
    rows = []
    for i, d in enumerate(deputies, start=1):
        phone = [d.phone] if show_phone else []
        rows.append((i, d.name, d.delegation, d.level_note, *phone, "是" if d.is_active else "否", d.led_suggestions))
    return export_table(request, "人大代表名册", columns, rows)


def sessions_xlsx(request: HttpRequest, sessions: Iterable[Session]) -> HttpResponse:
    """Sessions with `suggestion_count` (selectors.setup.session_list)."""
    columns = [
        Column("届次会议", 30),
        Column("类型", 10),
        Column("开始日期", 12),
        Column("结束日期", 12),
        Column("建议件数", 9),
    ]
    rows = [(str(s), s.get_kind_display(), s.start, s.end, s.suggestion_count) for s in sessions]
    return export_table(request, "届次会议", columns, rows)


def unit_profiles_xlsx(
    request: HttpRequest, rows: Iterable[tuple[Unit, HandlingUnitProfile | None, int]]
) -> HttpResponse:
    """(unit, its profile or None, suggestions it leads this year) rows (selectors.setup.handling_unit_rows)."""
    columns = [Column("承办单位", 24), Column("主要负责人", 10), Column("职务", 20), Column("联系人", 10)]
    columns += [Column("联系电话", 14), Column(f"{clock.today().year}年主办件数", 12)]
    table = [
        (u.name, p.leader_name if p else "", p.leader_title if p else "", p.contact_name if p else "",
         p.contact_phone if p else "", n)
        for u, p, n in rows
    ]  # fmt: skip
    return export_table(request, "承办单位信息", columns, table)


def desks_xlsx(request: HttpRequest, desks: Mapping[str, ServiceDesk]) -> HttpResponse:
    rows = [(label, desks[kind].unit.name if kind in desks else "（未指定）") for kind, label in DeskKind.choices]
    return export_table(request, "台账负责委室", [Column("台账", 14), Column("负责委室", 24)], rows)
