"""Excel layouts of the 廉政谈话 ledger and of the talks expected after personnel events. They take rows the pages
already scoped (`visible_to`); `export_table` writes the audit log. The ledger's columns are the import's
(importers/talks.py) plus the export-only ones it reads past, so the export re-imports as is."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.selectors.talks import ExpectedTalk

DATE, KIND, TALKER, SUBJECT, UNIT = "谈话日期", "谈话类型", "谈话人", "谈话对象", "所在委室"
PLACE, TOPIC, POINTS, SIGNED = "地点", "主题", "谈话要点", "已签订廉政承诺书"
EVENT, ATTENDANCE = "对应人事变动", "参加人员"
EXPORT_ONLY = ("序号", EVENT, ATTENDANCE)

TALK_COLUMNS = [
    Column("序号", 6),
    Column(DATE, 12),
    Column(KIND, 18),
    Column(TALKER, 10),
    Column(SUBJECT, 10),
    Column(UNIT, 16),
    Column(EVENT, 24),
    Column(PLACE, 14),
    Column(TOPIC, 24),
    Column(POINTS, 40),
    Column(SIGNED, 10),
    Column(ATTENDANCE, 36),
]


def attendance_text(talk: IntegrityTalk) -> str:
    rows = list(talk.attendance.all())
    if not rows:
        return ""
    present = "、".join(a.person.name for a in rows if a.present)
    absent = "；".join(f"{a.person.name}（{a.absence_reason}）" for a in rows if not a.present)
    text = f"应到{len(rows)}人，出席：{present}"
    return f"{text}；缺席：{absent}" if absent else text


def event_text(talk: IntegrityTalk) -> str:
    event = talk.event
    return f"{event.date:%Y-%m-%d} {event.get_kind_display()}" if event else ""


def talks_xlsx(request: HttpRequest, talks: Iterable[IntegrityTalk], title: str = "廉政谈话台账") -> HttpResponse:
    rows = [
        (
            i,
            t.date,
            t.get_kind_display(),
            t.talker.name,
            t.subject.name if t.subject else "",
            t.unit.name if t.unit else "",
            event_text(t),
            t.place,
            t.topic,
            t.points,
            "是" if t.commitment_signed else "否",
            attendance_text(t),
        )
        for i, t in enumerate(talks, start=1)
    ]
    return export_table(request, title, TALK_COLUMNS, rows)


EXPECTED_COLUMNS = [
    Column("序号", 6),
    Column("姓名", 10),
    Column("人事变动", 10),
    Column("变动日期", 12),
    Column("委室", 16),
    Column("新职务", 16),
    Column("应谈类型", 18),
    Column("谈话期限", 12),
    Column("谈话日期", 12),
    Column("谈话人", 10),
    Column("状态", 12),
]


def expected_xlsx(request: HttpRequest, rows: Iterable[ExpectedTalk]) -> HttpResponse:
    table = [
        (
            i,
            r.person_name,
            r.kind_label,
            r.event_date,
            r.unit_name,
            r.to_post,
            r.expected_kind_label,
            r.due,
            r.talk_date or "",
            r.talker_name,
            r.state_label,
        )
        for i, r in enumerate(rows, start=1)
    ]
    return export_table(request, "人事变动后廉政谈话情况", EXPECTED_COLUMNS, table)
