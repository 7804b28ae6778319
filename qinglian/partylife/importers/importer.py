"""会议记录导入 on the core import framework: one row per meeting, written through services.meeting_record."""

from __future__ import annotations

from typing import Any, ClassVar

from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, LedgerImport, Result
from qinglian.org.models import Branch, PartyGroup
from qinglian.partylife.importers.columns import (
    CHANGE_REASON,
    MeetingRow,
    existing_meeting,
    meeting_columns,
    meeting_notes,
)
from qinglian.partylife.importers.judge import judge_rows
from qinglian.partylife.models import Meeting
from qinglian.partylife.permissions import can_record_meetings
from qinglian.partylife.services.meetings import meeting_record


class MeetingImport(LedgerImport[MeetingRow]):
    """Past 三会一课 ledgers: a meeting already in the system (same date, holder, kind, topic) is 无变化."""

    title = "组织生活会议记录"
    sheet = "会议记录"
    upload_noun = "会议记录表"
    row_noun = "会议记录"
    change_reason = CHANGE_REASON
    refusal = "只有机关党委专责人员或党支部委员可以导入会议记录"
    phrases: ClassVar = {Action.CREATE: "新增 {} 次会议", Action.UNCHANGED: "无变化 {} 次"}

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_record_meetings(user)

    def columns(self) -> list[Column]:
        branches = list(Branch.objects.filter(organ=self.organ).values_list("name", flat=True))
        groups = sorted(set(PartyGroup.objects.filter(organ=self.organ).values_list("name", flat=True)))
        return meeting_columns(branches, groups)

    def notes(self) -> list[str]:
        return meeting_notes()

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[MeetingRow]:
        return judge_rows(self.organ, self.user, sheet)

    def write(self, row: MeetingRow, by: Any, result: Result[MeetingRow]) -> Action:
        if existing_meeting(row.values).exists():  # recorded since the preview, by another page or import
            return Action.UNCHANGED
        meeting = Meeting(**row.values)
        meeting._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
        meeting_record(
            meeting=meeting,
            by=by,
            agenda=row.agenda,
            first_topic_index=row.first_topic_index,
            attendance=row.attendance,
        )
        return Action.CREATE
