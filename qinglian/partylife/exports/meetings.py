"""Excel exports of the party-life ledgers. They take the already-scoped querysets the pages show."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.partylife.choices import AttendanceStatus, Holder
from qinglian.partylife.models import Attendance, Meeting

# The 三会一课台账 as branches keep it in Excel today (column order is theirs).
MEETING_COLUMNS = [
    Column("序号", 6),
    Column("时间", 12),
    Column("会议类型", 14),
    Column("支部/党小组", 20),
    Column("主题", 32),
    Column("第一议题", 32),
    Column("主持人", 10),
    Column("记录人", 10),
    Column("应到人数", 9),
    Column("实到人数", 9),
    Column("缺席人员及原因", 32),
    Column("授课人", 10),
    Column("学时", 6),
]


def holder_name(meeting: Meeting) -> str:
    if meeting.holder == Holder.PARTY_GROUP and meeting.party_group_id:
        return meeting.party_group.name
    if meeting.holder == Holder.LEADING_GROUP:
        return Holder.LEADING_GROUP.label
    return meeting.branch.name if meeting.branch_id else ""


def absences_text(lines: Iterable[Attendance]) -> str:
    """ "张三（请假：出差）；李四（缺席：病）" — the way the paper ledger writes it."""
    return "；".join(
        f"{a.person.name}（{a.get_status_display()}{'：' + a.reason if a.reason else ''}）"
        for a in lines
        if a.status != AttendanceStatus.PRESENT
    )


def _name(person) -> str:
    return person.name if person else ""


def meeting_row(index: int, m: Meeting) -> tuple:
    attendance = list(m.attendance.all())
    first = next((a.title for a in m.agenda.all() if a.is_first_topic), "")
    present = sum(1 for a in attendance if a.status == AttendanceStatus.PRESENT)
    return (
        index,
        m.date,
        m.get_kind_display(),
        holder_name(m),
        m.topic,
        first,
        _name(m.host),
        _name(m.recorder),
        len(attendance),
        present,
        absences_text(attendance),
        _name(m.lecturer),
        float(m.hours),
    )


def meetings_xlsx(request: HttpRequest, meetings) -> HttpResponse:
    meetings = meetings.select_related("branch", "party_group", "host", "recorder", "lecturer").prefetch_related(
        "agenda", "attendance__person"
    )
    rows = [meeting_row(i, m) for i, m in enumerate(meetings, start=1)]
    return export_table(request, "三会一课台账", MEETING_COLUMNS, rows)
