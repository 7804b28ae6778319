"""Writes of the yearly handling-report ledger (代表建议办理情况的报告): the suggestions desk records when the
Standing Committee heard the year's report and when and where it was made public (NPC-013)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qinglian.core.errors import Conflict, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.npc import permissions
from qinglian.npc.choices import NpcMeetingKind
from qinglian.npc.models import HandlingReport
from qinglian.npc.services.common import not_future, own, require, same_organ

_DESK_ONLY = "只有建议办理台账的负责委室可以登记办理情况报告"


@transaction.atomic
def handling_report_save(*, report: HandlingReport, by: Any) -> HandlingReport:
    """Record or change a year's report. An agenda item, when named, must be of a 常委会会议 (a 主任会议 does not
    hear reports for the Standing Committee) and gives the day it was heard. Publication comes after the hearing
    and names where; nothing is dated after today."""
    require(permissions.can_write_suggestions(by), _DESK_ONLY)
    own(report, by)
    item = report.agenda_item
    if item is not None:
        same_organ(report, item)
        if item.meeting.kind != NpcMeetingKind.STANDING:
            raise InvalidInput("所选议题不是常委会会议的议题")
        report.reported_on = item.meeting.date
    not_future(report.reported_on, "常委会会议听取日期")
    not_future(report.published_on, "向社会公开日期")
    if report.reported_on is not None and report.reported_on.year < report.year:
        raise InvalidInput(f"常委会会议听取日期不能早于{report.year}年")
    if report.published_on is not None:
        if report.reported_on is None:
            raise InvalidInput("请先登记常委会会议听取该报告的日期，再登记公开")
        if report.published_on < report.reported_on:
            raise InvalidInput("向社会公开日期不能早于常委会会议听取日期")
        if not report.published_where.strip():
            raise InvalidInput("请填写公开渠道或网址")
    report.published_where, report.title = report.published_where.strip(), report.title.strip()
    taken = HandlingReport.objects.filter(organ_id=report.organ_id, year=report.year).exclude(pk=report.pk)
    if taken.exists():
        raise Conflict(f"{report.year}年度的办理情况报告已登记，请修改原记录")
    return save_checked(report, by=by)
