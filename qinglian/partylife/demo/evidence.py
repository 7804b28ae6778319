"""佐证材料 of the meetings held: every meeting's minutes as a PDF (会议记录: time, place, who chaired and kept the
record, attendance with the reasons of those away, each agenda item with what was said and decided, the vote),
signed by the host and the recorder; and a photo of the room for the meetings people remember by one (党员大会,
党课, 主题党日, the year-end meetings, the leading group's study and 民主生活会).

Made from the rows as written — so the minutes agree with the meeting page — and uploaded by the office that keeps
the ledgers soon after it entered the meeting. The duty demo calls `attach_minutes` for the Party group's own
meetings, which it records after this app's build. Every draw comes from the generator passed in: the rest of the
demo draws the same numbers with or without these files.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from qinglian.core.demo_files import Signature, pdf_document, png_meeting
from qinglian.evidence.demo import DemoFile, attach
from qinglian.evidence.models import Evidence
from qinglian.org.models import Organ, Person, User
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.models import AgendaItem, Attendance, Meeting

K = MeetingKind
S = AttendanceStatus
PHOTO_KINDS = frozenset(
    {
        K.BRANCH_GENERAL_MEETING,
        K.PARTY_LECTURE,
        K.THEME_DAY,
        K.ORG_LIFE_MEETING,
        K.DEMOCRATIC_APPRAISAL,
        K.DEMOCRATIC_LIFE_MEETING,
        K.CENTRAL_GROUP_STUDY,
    }
)
# The document's title after the holder's name.
TITLES = {
    K.BRANCH_GENERAL_MEETING: "党员大会会议记录",
    K.BRANCH_COMMITTEE_MEETING: "支部委员会会议记录",
    K.PARTY_GROUP_MEETING: "会议记录",
    K.PARTY_LECTURE: "党课记录",
    K.THEME_DAY: "主题党日活动记录",
    K.ORG_LIFE_MEETING: "组织生活会会议记录",
    K.DEMOCRATIC_APPRAISAL: "民主评议党员会议记录",
    K.DEMOCRATIC_LIFE_MEETING: "领导班子民主生活会会议记录",
    K.CENTRAL_GROUP_STUDY: "理论学习中心组学习记录",
    K.LEADING_GROUP_MEETING: "会议记录",
}
NUMERALS = "一二三四五六七八九十"
STUDIED = (
    "{host}领学，与会同志结合思想和工作实际交流了学习体会。",
    "与会同志逐段学习，{speaker}作了交流发言，大家一致表示要把学习成果转化为做好本职工作的实际行动。",
    "{host}领学原文，会议要求结合人大工作实际抓好贯彻落实。",
)
DISCUSSED = (
    "{speaker}作了说明，与会同志逐一发表意见，会议同意按程序办理。",
    "{speaker}作了汇报，会议原则同意，请有关同志根据讨论意见修改完善后组织实施。",
    "与会同志充分讨论，会议明确了责任分工和完成时限，由{speaker}牵头落实。",
    "{speaker}通报了有关情况，会议要求各委室对照抓好落实，按时报送进展情况。",
)
LECTURED = "{lecturer}以“{topic}”为题讲授党课，结合机关工作实际作了深入阐释，与会党员交流了学习体会。"
CLOSING = "会议最后，{host}对下一阶段工作提出要求。会议于{end}结束。"
HALF_DAY = ((9, 0), (9, 30), (14, 30), (15, 0))  # when meetings begin


def attach_minutes(organ: Organ, meetings: Iterable[Meeting], *, by: User, rng: random.Random) -> int:
    """The minutes (and the photo, where the kind has one) of each meeting, attached in one batch; the count of
    files."""
    meetings = list(meetings)
    done = set(
        Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(Meeting), object_id__in=[m.pk for m in meetings]
        ).values_list("object_id", flat=True)
    )
    meetings = [m for m in meetings if m.pk not in done]  # a meeting given its files already keeps them
    ids = [m.pk for m in meetings]
    names = dict(Person.all_objects.filter(organ=organ).values_list("pk", "name"))
    agenda: dict[int, list[str]] = defaultdict(list)
    for meeting_id, title in (
        AgendaItem.objects.filter(meeting_id__in=ids).order_by("order", "id").values_list("meeting_id", "title")
    ):
        agenda[meeting_id].append(title)
    lines: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for meeting_id, pid, status, reason in (
        Attendance.objects.filter(meeting_id__in=ids)
        .order_by("id")
        .values_list("meeting_id", "person_id", "status", "reason")
    ):
        lines[meeting_id].append((pid, status, reason))
    leading_group = f"中共{organ.region}人大常委会党组"
    files: list[DemoFile] = []
    for meeting in meetings:
        files += _files(meeting, agenda[meeting.pk], lines[meeting.pk], names, leading_group, by, rng)
    return len(attach(files))


def _clock(moment: dt.time) -> str:
    """9时30分, 11时 — as minutes write the time."""
    return f"{moment.hour}时{moment.minute}分" if moment.minute else f"{moment.hour}时"


def _holder(meeting: Meeting, leading_group: str) -> str:
    if meeting.holder == Holder.PARTY_GROUP and meeting.party_group is not None:
        return meeting.party_group.name
    if meeting.holder == Holder.BRANCH and meeting.branch is not None:
        return meeting.branch.name
    return leading_group


def _files(
    meeting: Meeting,
    agenda: list[str],
    lines: list[tuple[int, str, str]],
    names: dict[int, str],
    leading_group: str,
    by: User,
    rng: random.Random,
) -> list[DemoFile]:
    host, recorder = names.get(meeting.host_id, ""), names.get(meeting.recorder_id, "")
    present = [pid for pid, status, _ in lines if status == S.PRESENT]
    start = dt.time(*rng.choice(HALF_DAY))
    end = (dt.datetime.combine(meeting.date, start) + dt.timedelta(minutes=rng.choice((60, 90, 120)))).time()
    title = _holder(meeting, leading_group) + TITLES[meeting.kind]
    speakers = [names[pid] for pid in present if pid in names and names[pid] != host] or [host]
    recorded = meeting.created_at + dt.timedelta(minutes=rng.randint(10, 90))
    signed = [Signature("主持人：", host, meeting.date), Signature("记录人：", recorder, meeting.date)]
    pdf = pdf_document(
        title,
        [*_proceedings(meeting, agenda, host, speakers, names, rng), CLOSING.format(host=host, end=_clock(end))],
        meta=_meta(meeting, lines, names, host, recorder, (start, end)),
        signatures=[s for s in signed if s.name],
        author=recorder,
        created=recorded,
        rng=rng,
    )
    stamp = f"{meeting.date:%Y%m%d}"
    files = [DemoFile(meeting, f"{stamp}{title}.pdf", pdf, by, recorded, note="会议记录（主持人、记录人签字）")]
    if meeting.kind in PHOTO_KINDS:
        name = f"{stamp}{meeting.get_kind_display()}现场照片.png"
        files.append(DemoFile(meeting, name, png_meeting(rng, people=len(present)), by, recorded, note="会议现场照片"))
    return files


def _meta(
    meeting: Meeting,
    lines: list[tuple[int, str, str]],
    names: dict[int, str],
    host: str,
    recorder: str,
    hours: tuple[dt.time, dt.time],
) -> list[tuple[str, str]]:
    """Time, place, who chaired and kept the record (and lectured), who came and why the others did not."""
    day, (start, end) = meeting.date, hours
    half = "上午" if start.hour < 12 else "下午"
    meta = [
        ("时间", f"{day.year}年{day.month}月{day.day}日{half}{_clock(start)}至{_clock(end)}"),
        ("地点", meeting.place or "—"),
        ("主持人", host or "—"),
        ("记录人", recorder or "—"),
    ]
    if meeting.lecturer_id:
        meta.append(("授课人", names.get(meeting.lecturer_id, "")))
    present = sum(1 for _, status, _ in lines if status == S.PRESENT)
    meta.append(("出席情况", f"应到{len(lines)}人，实到{present}人"))
    away = [
        f"{names.get(pid, '')}（{reason or AttendanceStatus(status).label}）"
        for pid, status, reason in lines
        if status != S.PRESENT
    ]
    if away:
        meta.append(("请假、缺席", "、".join(away)))
    return meta


def _proceedings(
    meeting: Meeting, agenda: list[str], host: str, speakers: list[str], names: dict[int, str], rng: random.Random
) -> list[str]:
    """The summary the ledger holds, then each agenda item with what was said and decided, then the vote."""
    paragraphs = [meeting.minutes] if meeting.minutes else []
    lecturer = names.get(meeting.lecturer_id, "")
    for i, item in enumerate(agenda):
        numeral = NUMERALS[i] if i < len(NUMERALS) else str(i + 1)
        if i == 0:
            said = rng.choice(STUDIED)
        elif meeting.kind == K.PARTY_LECTURE and lecturer and "党课" in item:
            said = LECTURED
        else:
            said = rng.choice(DISCUSSED)
        said = said.format(host=host, speaker=rng.choice(speakers), lecturer=lecturer, topic=meeting.topic)
        paragraphs.append(f"{numeral}、{item}。{said}")
    if meeting.has_vote and meeting.voting_members_due is not None:
        present, votes_for = meeting.voting_members_present or 0, meeting.votes_for or 0
        paragraphs.append(
            f"表决情况：应到有表决权的正式党员{meeting.voting_members_due}名，实到{present}名，"
            f"赞成{votes_for}票，反对0票，弃权{max(present - votes_for, 0)}票。"
        )
    return paragraphs
