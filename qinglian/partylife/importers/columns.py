"""会议记录导入: the columns, the template's 填表说明 and the plan of one row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from qinglian.core.excel import Column
from qinglian.core.importing import RowPlan
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.models import Meeting
from qinglian.partylife.services.meetings import AttendanceLine

CHANGE_REASON = "会议记录导入"
LEADING_GROUP_NAME = "党组"
DATE, KIND, BRANCH, GROUP, TOPIC = "日期", "会议类型", "党支部", "党小组", "主题"
FIRST, OTHERS, HOST, RECORDER, LECTURER = "第一议题", "其他议题", "主持人", "记录人", "授课人"
PLACE, HOURS, PRESENT, LEAVE, ABSENT = "地点", "学时", "出席人员", "请假人员", "缺席人员"
_KINDS = {label: value for value, label in MeetingKind.choices}
_TOPIC_SPLIT = re.compile(r"[；;\n]+")
# "张三、李四（出差、培训）": a name, then an optional reason in brackets that may itself hold separators.
_ENTRY = re.compile(r"(?P<name>[^、，,；;\n（()）]+)(?:[（(](?P<reason>[^）)]*)[）)])?")


def meeting_columns(branch_names: Sequence[str] = (), group_names: Sequence[str] = ()) -> list[Column]:
    return [
        Column(DATE, 12, required=True, note="如 2024-03-15；不能晚于今天"),
        Column(KIND, 18, required=True, choices=MeetingKind.labels),
        Column(
            BRANCH,
            20,
            required=True,
            choices=[*branch_names, LEADING_GROUP_NAME],
            note=f"党支部全称；民主生活会、理论学习中心组学习填“{LEADING_GROUP_NAME}”",
        ),
        Column(GROUP, 14, choices=group_names, note="仅党小组会填写，须属于该党支部"),
        Column(TOPIC, 30, required=True),
        Column(FIRST, 30, note="会议首先学习的内容；不填则视为未安排第一议题"),
        Column(OTHERS, 30, note="多个议题用中文分号“；”分隔；议题均未填写时以主题作为议题"),
        Column(HOST, 10, note="姓名"),
        Column(RECORDER, 10, note="姓名"),
        Column(LECTURER, 10, note="党课必填"),
        Column(PLACE, 16),
        Column(HOURS, 8, note="计入学时，如 2 或 1.5；不填为0"),
        Column(PRESENT, 40, note="姓名之间用顿号“、”分隔"),
        Column(LEAVE, 30, note="写作 姓名（原因），多人用顿号分隔，如 张三（出差）、李四（病假）"),
        Column(ABSENT, 30, note="写法同请假人员，须写明原因"),
    ]


def meeting_notes() -> list[str]:
    return [
        "会议记录导入模板：请在“会议记录”工作表第一行表头下方逐行填写，每行一次会议；表头带 * 的列为必填。",
        "同一日期、同一党支部（党小组）、同一会议类型和主题的会议视为同一次会议：系统中已有的显示为“无变化”，不会重复导入。",
        "人员按本机关花名册中的姓名识别；如本机关有同名人员，请写作 姓名/所在委室，如 张伟/办公室。",
        "请假、缺席人员须写明原因：张三（出差）、李四（病假）。",
        "党支部委员只能导入本支部的会议；党组的会议由机关党委专责人员导入。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


# --- the plan of one row -------------------------------------------------------------------------


@dataclass
class MeetingRow(RowPlan):
    """One meeting to record: `values` are the Meeting fields, with its agenda and attendance."""

    agenda: list[str] = field(default_factory=list)
    first_topic_index: int | None = None
    attendance: list[AttendanceLine] = field(default_factory=list)

    @property
    def detail(self) -> str:
        return f"议题 {len(self.agenda)} 项，出勤名单 {len(self.attendance)} 人"


def existing_meeting(values: dict[str, Any]):
    return Meeting.objects.filter(
        organ=values["organ"],
        date=values["date"],
        kind=values["kind"],
        topic=values["topic"],
        holder=values["holder"],
        branch=values["branch"],
        party_group=values["party_group"],
    )
