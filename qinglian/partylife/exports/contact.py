"""The 失去联系党员 register in Excel. It takes the rows the page already scoped (LostContact.objects.visible_to)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.partylife.models import LostContact

CONTACT_COLUMNS = [
    Column("序号", 6),
    Column("姓名", 10),
    Column("所在党支部", 18),
    Column("所在委室", 16),
    Column("失去联系日期", 12),
    Column("查找情况", 40),
    Column("停止党籍日期", 12),
    Column("作出决定的会议", 28),
    Column("重新取得联系日期", 12),
    Column("除名日期", 12),
    Column("状态", 10),
    Column("备注", 20),
]


def _meeting(record: LostContact) -> str:
    meeting = record.suspension_meeting
    return f"{meeting.date:%Y-%m-%d} {meeting.get_kind_display()}" if meeting else ""


def contact_row(index: int, record: LostContact) -> tuple:
    person = record.person
    return (
        index,
        person.name,
        person.branch.name if person.branch_id else "",
        person.unit.name if person.unit_id else "",
        record.lost_since,
        record.searches,
        record.suspended_on,
        _meeting(record),
        record.found_on,
        record.removed_on,
        record.status.label,
        record.note,
    )


def lost_contact_xlsx(request: HttpRequest, records: Iterable[LostContact]) -> HttpResponse:
    rows = [contact_row(i, r) for i, r in enumerate(records, start=1)]
    return export_table(request, "失去联系党员登记", CONTACT_COLUMNS, rows)
