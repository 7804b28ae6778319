"""The leading group's democratic-life meeting: the year's meeting, the day it was held, its steps and the
report's due date (the process page and rules PL-010, PL-016 and PL-017 read the same days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qinglian.core import workdays
from qinglian.partylife.choices import DLMStep, MeetingKind
from qinglian.partylife.models import DemocraticLifeStep, Meeting
from qinglian.partylife.selectors.common import rule_value


def dlm_meeting(*, organ_id: int, year: int) -> Meeting | None:
    """The leading group's democratic-life meeting of the year (the first one held), if recorded."""
    return (
        Meeting.objects.filter(organ_id=organ_id, kind=MeetingKind.DEMOCRATIC_LIFE_MEETING, date__year=year)
        .order_by("date", "id")
        .first()
    )


def report_days(organ_id: int) -> int | None:
    """Days after the meeting within which the report is due, for display; None when unset.

    The figure is `report_days` of rule PL-010 (民主生活会后按期报送情况报告); PL-009 is read as a fallback in
    case an organ filed it there.
    """
    for code in ("PL-010", "PL-009"):
        value = rule_value(organ_id=organ_id, code=code, keys=("report_days",))
        if value is not None and str(value).isdigit():
            return int(value)
    return None


def dlm_held_on(meeting_day: dt.date | None, marked_on: dt.date | None) -> dt.date | None:
    """The day the year's democratic-life meeting was held: its recorded meeting (the year's first), else the day
    the office marked the 召开 step. The page and rules PL-010, PL-016 and PL-017 all start from this day."""
    return meeting_day or marked_on


def dlm_report_due(held_on: dt.date, days: int) -> dt.date:
    """The last day for the report "会后N日内": N calendar days after the meeting, the meeting day not counted,
    a last day on a holiday moved to the next working day (民法典第二百零一条、第二百零三条). Rule PL-010 and the
    process page both use this, so the page never shows a date the rule does not hold."""
    return workdays.after(held_on, days, "days")


def dlm_steps(*, user: Any, organ_id: int, year: int) -> dict:
    """The year's democratic-life meeting as its steps, each with its record and the report's due date."""
    done = {s.step: s for s in DemocraticLifeStep.objects.visible_to(user).filter(year=year)}
    meeting = dlm_meeting(organ_id=organ_id, year=year)
    marked = done[DLMStep.MEETING].done_on if DLMStep.MEETING in done else None
    held_on = dlm_held_on(meeting.date if meeting else None, marked)
    days = report_days(organ_id)
    due = dlm_report_due(held_on, days) if held_on and days is not None else None
    steps = [
        {"step": step, "row": done.get(step.value), "due": due if step == DLMStep.REPORT else None} for step in DLMStep
    ]
    return {"steps": steps, "meeting": meeting, "days": days, "due": due}
