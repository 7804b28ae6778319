"""The Party group's own agenda: a 党组会议 about every month of both years, recorded by the office through the
party-life service, its items tagged 全面从严治党 / 党风廉政建设 / 意识形态. Every half-year studies all three except
one, which has no 意识形态 item (this year's first half once it is over)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from qinglian.core import clock
from qinglian.duty.choices import Theme
from qinglian.duty.demo.state import PARTY_COMMITTEE, DutyDemo
from qinglian.duty.services.boards import agenda_tags_set
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.demo.data import FIRST_TOPICS, LEADER_LEAVE_REASONS, LEADING_PLACE
from qinglian.partylife.models import Meeting
from qinglian.partylife.services import meetings as partylife

S, L, G = Theme.STRICT_GOVERNANCE, Theme.INTEGRITY, Theme.IDEOLOGY
# The March item before the yearly report goes to the 市委 (demo/reports.py dates the report by its meeting).
REPORT_REVIEW = "审议上年度落实全面从严治党主体责任情况报告"

REVIEW_BY = 13  # the last day of March the review meeting is held, so the report can go out by the 15th

# month → the duty items of that month's meeting, with their themes ({year}: the meeting's year).
BUSINESS: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {
    1: (("研究部署{year}年全面从严治党工作，审议{year}年全面从严治党主体责任清单（送审稿）", (S,)),),
    2: (
        ("研究{year}年党风廉政建设工作要点，审定党风廉政建设责任书", (L,)),
        ("听取上年度意识形态工作责任制落实情况汇报，研究部署{year}年意识形态工作", (G,)),
    ),
    3: ((REPORT_REVIEW, (S, L)),),
    4: (("专题研究意识形态工作，分析研判意识形态领域形势", (G,)),),
    5: (("听取机关纪委关于廉政风险点排查和警示教育月活动情况的汇报", (L,)),),
    6: (("听取派驻纪检监察组监督工作情况通报，开展专题会商", (L, S)),),
    7: (("专题研究上半年全面从严治党工作，听取主体责任清单落实情况汇报", (S,)),),
    8: (("研究加强年轻干部教育管理监督工作", (L,)),),
    9: (("专题研究意识形态工作，听取宣传阵地管理和网络舆情情况汇报", (G,)),),
    10: (("听取主体责任清单第三季度调度情况和督办情况汇报", (S,)),),
    11: (("研究党组领导班子民主生活会准备工作", (S,)),),
    12: (
        ("听取派驻纪检监察组会商意见，研究委室全面从严治党主体责任考核工作", (S, L)),
        ("专题研究意识形态工作，审议{year}年意识形态工作责任制落实情况报告", (G,)),
    ),
}
# What a half-year without ideology discussed in its place.
INSTEAD = {
    2: "研究{year}年机关重点工作任务分工",
    4: "研究常委会年度监督工作计划有关事项",
}
ROUTINE = (
    "研究常委会会议议程（草案）及有关事项",
    "研究干部任免事项",
    "研究机关预算执行和政府采购有关事项",
    "听取常委会立法计划执行情况汇报",
    "研究代表工作有关事项",
)


def _gap(dd: DutyDemo) -> tuple[int, int]:
    """(year, half) left without an 意识形态 item: this year's first half once over, else last year's second."""
    this = dd.today.year
    return (this, 1) if dd.today > dt.date(this, 7, 10) else (this - 1, 2)


def build(dd: DutyDemo) -> Counter:
    counts: Counter = Counter()
    gap_year, gap_half = _gap(dd)
    dd.slips.ideology_gap = f"{gap_year}-H{gap_half}"
    recorder = dd.heads.get(dd.units[PARTY_COMMITTEE].pk)
    for year in dd.years:
        number = 0
        for month in range(1, 13):
            # March's meeting reviews the yearly report due to the 市委 by 15 March: it meets before then.
            day = dd.days.pick(dt.date(year, month, 6), dt.date(year, month, REVIEW_BY if month == 3 else 26))
            if day is None or day > dd.today:
                continue
            number += 1
            skip = year == gap_year and (month > 6) == (gap_half == 2)
            agenda = _agenda(dd, year, month, without_ideology=skip)
            meeting = _record(dd, year, number, day, recorder, [title for title, _ in agenda])
            _tag(dd, meeting, agenda, counts)
            counts["meetings"] += 1
    return counts


def _agenda(dd: DutyDemo, year: int, month: int, *, without_ideology: bool) -> list[tuple[str, tuple[str, ...]]]:
    items: list[tuple[str, tuple[str, ...]]] = [(dd.rng.choice(FIRST_TOPICS), ())]
    for title, themes in BUSINESS[month]:
        if without_ideology and G in themes:
            title, themes = INSTEAD.get(month, ROUTINE[0]), ()
        items.append((title.format(year=year), themes))
    items += [(title, ()) for title in dd.rng.sample(ROUTINE, dd.rng.randint(0, 1)) if title not in dict(items)]
    return items


def _record(dd: DutyDemo, year: int, number: int, day: dt.date, recorder: int | None, titles: list[str]) -> Meeting:
    lines = []
    for pid in dd.leaders:
        away = pid != dd.secretary and dd.rng.random() < 0.1
        reason = dd.rng.choice(LEADER_LEAVE_REASONS) if away else ""
        lines.append(
            partylife.AttendanceLine(pid, AttendanceStatus.LEAVE if away else AttendanceStatus.PRESENT, reason)
        )
    leave = sum(1 for line in lines if line.status != AttendanceStatus.PRESENT)
    meeting = Meeting(
        organ=dd.organ,
        kind=MeetingKind.LEADING_GROUP_MEETING,
        holder=Holder.LEADING_GROUP,
        date=day,
        topic=f"{year}年第{number}次党组会议",
        place=LEADING_PLACE,
        host_id=dd.secretary,
        recorder_id=recorder,
        minutes=f"会议由{dd.names[dd.secretary]}主持，{dd.names.get(recorder, '')}记录。应到{len(lines)}人，"
        f"实到{len(lines) - leave}人{f'，请假{leave}人' if leave else ''}。"
        "会议首先学习了第一议题，随后按议程逐项研究。",
    )
    with dd.on(min(dd.days.add(day, 1), dd.today)):
        meeting.created_at = clock.now()
        return partylife.meeting_record(
            meeting=meeting, by=dd.officer, agenda=titles, first_topic_index=0, attendance=lines
        )


def _tag(dd: DutyDemo, meeting: Meeting, agenda: list[tuple[str, tuple[str, ...]]], counts: Counter) -> None:
    """The office tags the items the same day it records the meeting."""
    themes = dict(agenda)
    with clock.replaying(meeting.created_at):
        for item in meeting.agenda.all():
            if themes.get(item.title):
                item.meeting = meeting
                agenda_tags_set(agenda_item=item, themes=themes[item.title], by=dd.officer)
                counts["tags"] += len(themes[item.title])
