"""Reads for the Standing Committee's supervision duties that follow one report with another (监督法)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qinglian.core import asof
from qinglian.npc.choices import AuditReport, NpcMeetingKind
from qinglian.npc.models import MeetingAgendaItem


@dataclass(frozen=True)
class AuditHearing:
    """An audit work report heard at a Standing Committee meeting, and the rectification reports after it."""

    item_id: int
    meeting_id: int
    title: str
    heard_on: dt.date
    rectifications: tuple[dt.date, ...]  # meeting dates of rectification reports after `heard_on`, in order


def audit_hearings(*, organ_id: int, since: dt.date, as_of: dt.date) -> list[AuditHearing]:
    """Audit work reports heard from `since` to `as_of`, each with the rectification reports heard after it and
    before the next audit work report (a meeting dated after `as_of` had not been held on `as_of`)."""
    rows = (
        MeetingAgendaItem.objects.filter(
            organ_id=organ_id,
            meeting__kind=NpcMeetingKind.STANDING,
            meeting__deleted_at=None,
            audit_report__in=[AuditReport.WORK, AuditReport.RECTIFICATION],
            meeting__date__lte=as_of,
        )
        .select_related("meeting")
        .order_by("meeting__date", "id")
    )
    items = list(rows)
    works = [item for item in items if item.audit_report == AuditReport.WORK]
    found = []
    for index, work in enumerate(works):
        heard_on = work.meeting.date
        following = works[index + 1].meeting.date if index + 1 < len(works) else None
        rectified = tuple(
            item.meeting.date
            for item in items
            if item.audit_report == AuditReport.RECTIFICATION
            and item.meeting.date > heard_on
            and (following is None or item.meeting.date <= following)
        )
        if heard_on >= since:
            found.append(AuditHearing(work.pk, work.meeting_id, work.title, heard_on, asof.known_all(rectified, as_of)))
    return found
