"""Deadline arithmetic of 人大履职服务, on the organ's working-day calendar (docs/calendar.md).

Every due date of the npc rules is computed here, and the pages that show the same deadline (a suggestion's
page, the ledger's 超期 mark, the figures) call the same function, so a finding and a page never disagree on
the date. Each function goes through `workdays.after` with the kind of period its rule parameter declares
(`Param.period`):
- months after (答复3个月/延期6个月, 协办2个月, 重新答复1个月, 督办工作方案1个月): "months" — the corresponding
  day, clamped to the month's end, rolled forward to a working day (民法典 Art.201–203);
- calendar days after (受理后7日内通知代表, 收到之日起10日内退回): "days" — the start day does not count, a last
  day that is a rest day rolls forward, a 调休 working Saturday does not (民法典 Art.201, 203);
- working days after (答复后15个工作日内登记满意度, 青岛式5个工作日内退回): "working_days" on the organ's calendar;
- before a meeting: working days counted back ("working_days_before", `add_working_days(meeting, -N)`), or
  calendar days counted back ("days_before", 监督法: 会议举行的二十日前/十日前; the handling report before the
  next session) — a calendar deadline that falls on a rest day moves to the previous working day, because the
  office must be open to receive the material (a "before" deadline cannot roll forward past its purpose).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import get_rule
from qinglian.core import clock, workdays
from qinglian.npc.choices import NpcMeetingKind

MATERIALS_RULE = "NPC-008"

# A browser's or client's clock and the server's are never quite the same: a time this far ahead is still now.
CLOCK_SLACK = dt.timedelta(minutes=5)


def after_days(start: dt.date, days: int, *, working: bool = False) -> dt.date:
    """The last day of a period of `days` days after `start` (working or calendar days)."""
    return workdays.after(start, days, "working_days" if working else "days")


def reply_due(assigned_on: dt.date, *, extended: bool, reply_months: int, extended_months: int) -> dt.date:
    """NPC-001, 代表法 Art.51: within 3 months of assignment; 6 with an approved extension (months are parameters)."""
    return workdays.after(assigned_on, extended_months if extended else reply_months, "months")


def co_opinion_due(start: dt.date, months: int) -> dt.date:
    """NPC-002: the co-unit's written opinion within `months` months of receiving (else of assignment)."""
    return workdays.after(start, months, "months")


def notify_due(received_on: dt.date, days: int) -> dt.date:
    """NPC-006: the deputy told of an interim suggestion's acceptance within `days` calendar days of receipt."""
    return workdays.after(received_on, days, "days")


def rereply_due(dissatisfied_on: dt.date, months: int) -> dt.date:
    """NPC-004: the re-reply within `months` months of the deputy's 不满意."""
    return workdays.after(dissatisfied_on, months, "months")


def feedback_due(replied_on: dt.date, working_days: int) -> dt.date:
    """NPC-005: the deputy's evaluation registered within `working_days` working days of a reply."""
    return workdays.after(replied_on, working_days, "working_days")


def return_due(start: dt.date, days: int, *, working: bool) -> dt.date:
    """NPC-007: a suggestion outside the unit's duty returned within `days` days of receipt — calendar days (浙江),
    or working days where the local rule says so (青岛: 5个工作日)."""
    return after_days(start, days, working=working)


def supervision_plan_due(decided_on: dt.date, months: int) -> dt.date:
    """NPC-012: a key suggestion's supervision plan (督办工作方案) within `months` months of the chairpersons' meeting
    that made it a key one (the period is a parameter: the Zhejiang rules require the plan but set no time)."""
    return workdays.after(decided_on, months, "months")


def report_due(next_session: dt.date, days: int) -> dt.date:
    """NPC-013: the year's handling report heard by the Standing Committee and published `days` calendar days
    before the next session opens (代表法 Art.51 ¶3: 印发下一次人民代表大会会议), moved back to a working day
    ("days_before")."""
    return workdays.days_before(next_session, days)


def material_deadlines(
    meeting_date: dt.date, meeting_kind: str, is_special_report: bool, params: Mapping[str, Any]
) -> tuple[dt.date, dt.date | None]:
    """(deadline of the first version, deadline of the final version or None) for an agenda item.

    Ordinary items: `chairpersons_days` / `standing_days` working days before the meeting. A special work
    report (监督法 Art.27): the draft for comments `special_comment_days` calendar days before (or the
    working-day deadline if that is earlier), and the revised report `special_final_days` calendar days before.
    """
    count = params["chairpersons_days"] if meeting_kind == NpcMeetingKind.CHAIRPERSONS else params["standing_days"]
    deadline = workdays.add_working_days(meeting_date, -int(count))  # "working_days_before"
    if not is_special_report:
        return deadline, None
    comments = workdays.days_before(meeting_date, int(params["special_comment_days"]))  # "days_before"
    return min(deadline, comments), workdays.days_before(meeting_date, int(params["special_final_days"]))


def materials_params(*, organ_id: int, on: dt.date):
    """The parameters of the materials rule (NPC-008) in force for the organ on `on`.

    Raises `qinglian.compliance.params.MissingParameters` when none is in force.
    """
    rule = get_rule(MATERIALS_RULE)
    return resolve(rule, sets_in_force(organ_id=organ_id, on=on, codes=[MATERIALS_RULE]).get(MATERIALS_RULE))


def now_minute() -> dt.datetime:
    """The default time of a submission or receipt: now, to the minute (Beijing time)."""
    return timezone.localtime().replace(second=0, microsecond=0)


def after_now(value: dt.datetime) -> bool:
    """A submission or receipt time later than now (beyond the clock slack): the pages and the API refuse it."""
    return value > clock.now() + CLOCK_SLACK


def local_date(value: dt.datetime | dt.date) -> dt.date:
    """A submission's day on the organ's (Asia/Shanghai) calendar."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
