"""Reads of the yearly handling-report ledger (代表建议办理情况的报告) for its page and for NPC-013: which years
owe a report, when each is due, and what the ledger held on a day.

A year's report is due before the next session of the people's congress opens (代表法 Art.51 ¶3: it is
印发下一次人民代表大会会议): the first plenary session (届次会议, kind 大会期间) that starts after the year. When the
ledger does not have that session yet, it is estimated as this year's session a year on (sessions are annual),
and the page and the finding say it is an estimate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from qinglian.core import asof, clock, workdays
from qinglian.npc.choices import NpcMeetingKind, SessionKind
from qinglian.npc.deadlines import report_due
from qinglian.npc.models import HandlingReport, MeetingAgendaItem, Session, Suggestion
from qinglian.npc.permissions import reading_organ_id
from qinglian.npc.selectors.common import rule_params

RULE = "NPC-013"


def report_list(user: Any) -> QuerySet[HandlingReport]:
    return HandlingReport.objects.visible_to(user).select_related("agenda_item__meeting")


@dataclass(frozen=True)
class ReportDue:
    due: dt.date
    session: dt.date  # the opening day of the next session (estimated when `estimated`)
    estimated: bool  # the next session is not in the ledger: this year's session a year on

    @property
    def text(self) -> str:
        if self.estimated:
            return f"下次人民代表大会会议尚未登记，按本年度会议一年后（{self.session:%Y-%m-%d}）估算"
        return f"下次人民代表大会会议{self.session:%Y-%m-%d}举行"


def plenary_starts(*, organ_id: int, as_of: dt.date) -> list[dt.date]:
    """The opening days of the organ's plenary sessions in the ledger on `as_of` (a session is a plan: one dated
    after the day stands; one soft-deleted by then does not)."""
    rows = Session.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, kind=SessionKind.PLENARY)
    return sorted(rows.values_list("start", flat=True))


def _a_year_on(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def report_deadline(year: int, starts: list[dt.date], days_before: int) -> ReportDue | None:
    """When `year`'s report is due, from the plenary sessions' opening days; None when the ledger has neither the
    next session nor this year's (nothing to count from)."""
    later = [day for day in starts if day.year > year]
    if later:
        return ReportDue(report_due(later[0], days_before), later[0], False)
    this_year = [day for day in starts if day.year == year]
    if this_year:
        session = _a_year_on(this_year[0])
        return ReportDue(report_due(session, days_before), session, True)
    return None


@dataclass(frozen=True)
class ReportOnDay:
    """A year's report as the ledger held it at the end of a day (its dates may be later: judge them with known)."""

    id: int | None
    reported_on: dt.date | None
    published_on: dt.date | None


def report_years(*, organ_id: int, years: list[int], as_of: dt.date) -> dict[int, ReportOnDay]:
    """The years of `years` that owe a report on `as_of` — suggestions of the year received by then, or a report of
    it already in the ledger — each with its report (id None when none is recorded)."""
    suggested = set(
        Suggestion.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, year__in=years, received_on__lte=as_of)
        .values_list("year", flat=True)
        .distinct()
    )
    rows = HandlingReport.all_objects.filter(asof.live_on(as_of), organ_id=organ_id, year__in=years)
    found = {r.year: ReportOnDay(r.pk, r.reported_on, r.published_on) for r in rows.order_by("pk")}  # newest wins
    return {year: found.get(year, ReportOnDay(None, None, None)) for year in sorted(suggested | set(found))}


# --- the page -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """One year on the page: its report (or None), when it is due and where it stands today."""

    year: int
    report: HandlingReport | None
    deadline: ReportDue | None
    state: str  # done | late | pending | near | overdue | unknown

    @property
    def state_label(self) -> str:
        return {
            "done": "按期完成",
            "late": "逾期完成",
            "pending": "未到期",
            "near": "临近期限",
            "overdue": "已逾期",
            "unknown": "未登记届次会议",
        }[self.state]


def _state(report: HandlingReport | None, deadline: ReportDue | None, today: dt.date, warn: int) -> str:
    done = [report.reported_on, report.published_on] if report is not None else [None]
    if None not in done:
        return "done" if deadline is None or max(done) <= deadline.due else "late"
    if deadline is None:
        return "unknown"
    if today > deadline.due:
        return "overdue"
    return "near" if workdays.working_days_between(today, deadline.due) <= warn else "pending"


def report_rows(user: Any, *, today: dt.date | None = None) -> list[ReportRow]:
    """Every year that owes a report (suggestions of the year, or a report recorded), newest first, with the
    deadline under NPC-013's parameters in force today."""
    organ_id = reading_organ_id(user)
    if organ_id is None:
        return []
    today = today or clock.today()
    params = rule_params(RULE, organ_id=organ_id, on=today)
    days_before = params.days_before_session if params else 1
    warn = params.warn_working_days if params else 0
    reports = {r.year: r for r in report_list(user)}
    years = set(Suggestion.objects.filter(organ_id=organ_id).values_list("year", flat=True).distinct()) | set(reports)
    starts = plenary_starts(organ_id=organ_id, as_of=today)
    rows = []
    for year in sorted(years, reverse=True):
        deadline = report_deadline(year, starts, days_before)
        rows.append(ReportRow(year, reports.get(year), deadline, _state(reports.get(year), deadline, today, warn)))
    return rows


def agenda_choices(user: Any) -> QuerySet:
    """Items of 常委会会议 the report may have been heard at, newest first."""
    return (
        MeetingAgendaItem.objects.visible_to(user)
        .filter(meeting__kind=NpcMeetingKind.STANDING)
        .select_related("meeting")
        .order_by("-meeting__date", "order")
    )
