"""Reads of the public-opinion register (舆情): the list (filters, hours to the first response coloured past the
IDEO-040 limit in force), one event's timeline, the reopenings, the yearly summary and the to-do query.

Every read starts from `OpinionEvent.objects.visible_to(user)`. The limits are the rule parameters in force on the
day looked at (compliance.params), so the page colours what the rules find.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import get_rule
from qinglian.core import clock
from qinglian.core.errors import InvalidInput, NotFound
from qinglian.ideology.choices import OpinionLevel, OpinionSource, OpinionStatus
from qinglian.ideology.models import OpinionEvent
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of

RESPONSE_RULE, REPORT_RULE = "IDEO-040", "IDEO-041"
LEVELS = (OpinionLevel.MAJOR, OpinionLevel.SERIOUS, OpinionLevel.GENERAL)  # most serious first
REPORTED_LEVELS = (OpinionLevel.MAJOR, OpinionLevel.SERIOUS)  # IDEO-041's
HOUR = dt.timedelta(hours=1)
FIRST_YEAR = 2015  # the responsibility system's implementing measures: no register before them


@dataclass(frozen=True)
class Limits:
    """Hours to the first response (every level) and to the report upward (serious and major) by level."""

    response: dict[str, int] = field(default_factory=dict)
    report: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        if not self.response:
            return ""
        parts = [f"{OpinionLevel(lv).label}{self.response[lv]}小时" for lv in LEVELS if lv in self.response]
        out = "首次响应时限：" + "、".join(parts)
        if self.report:
            up = [f"{OpinionLevel(lv).label}{self.report[lv]}小时" for lv in REPORTED_LEVELS if lv in self.report]
            out += "；向上级报告时限：" + "、".join(up)
        return out


def limits_on(organ_id: int | None, on: dt.date) -> Limits:
    """The IDEO-040/041 limits in force on `on` for the organ; empty where a rule has no parameters."""
    if organ_id is None:
        return Limits()
    in_force = sets_in_force(organ_id=organ_id, on=on, codes=(RESPONSE_RULE, REPORT_RULE))
    out: dict[str, dict[str, int]] = {}
    for code, prefix in ((RESPONSE_RULE, "response_hours_"), (REPORT_RULE, "report_hours_")):
        try:
            params = resolve(get_rule(code), in_force.get(code))
        except (MissingParameters, NotFound, ValueError):
            out[code] = {}
            continue
        out[code] = {name.removeprefix(prefix): int(v) for name, v in params.items() if name.startswith(prefix)}
    return Limits(out[RESPONSE_RULE], out[REPORT_RULE])


def hours(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start) / HOUR


def hours_text(value: float | None) -> str:
    """5.5 → "5.5", 24.0 → "24": hours as the pages and the export write them."""
    if value is None:
        return ""
    return f"{value:.1f}".removesuffix(".0")


def parse_year(raw: str | None) -> int:
    """?year= as a year; empty is the current year; anything else a Chinese 400."""
    if raw in (None, ""):
        return clock.today().year
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise InvalidInput("年度应为四位数字，如2026") from None
    if not FIRST_YEAR <= year <= clock.today().year:
        raise InvalidInput(f"年度应在{FIRST_YEAR}至{clock.today().year}年之间")
    return year


# --- the list --------------------------------------------------------------------------------------------------

STATUS_FILTERS = [
    (OpinionStatus.OPEN, "处置中"),
    (OpinionStatus.CLOSED, "已办结"),
    ("unanswered", "尚未首次响应"),
]


def event_list(
    user: Any,
    *,
    year: int | None = None,
    level: str = "",
    status: str = "",
    unit_id: int | None = None,
    q: str = "",
) -> QuerySet[OpinionEvent]:
    qs = OpinionEvent.objects.visible_to(user).select_related("unit", "responsible", "outlet")
    if year is not None:
        start = timezone.make_aware(dt.datetime(year, 1, 1))
        qs = qs.filter(found_at__gte=start, found_at__lt=start.replace(year=year + 1))
    if level in OpinionLevel.values:
        qs = qs.filter(level=level)
    if status in OpinionStatus.values:
        qs = qs.filter(status=status)
    elif status == "unanswered":
        qs = qs.filter(first_response_at__isnull=True)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(responsible__name__icontains=q))
    return qs.order_by("-found_at", "-pk")


@dataclass(frozen=True)
class Timing:
    """Hours from found_at to the first response (to now while there is none) and whether past the limit; the
    same for the report upward of a serious or major event."""

    response_hours: float | None
    response_waiting: bool  # no response yet: the hours run to now
    response_late: bool
    response_limit: int | None
    report_hours: float | None
    report_waiting: bool
    report_late: bool
    report_limit: int | None

    @property
    def response_text(self) -> str:
        return hours_text(self.response_hours)

    @property
    def report_text(self) -> str:
        return hours_text(self.report_hours)


def timing_of(event: OpinionEvent, limits: Limits, now: dt.datetime) -> Timing:
    r_limit = limits.response.get(event.level)
    answered = event.first_response_at is not None
    r_end = event.first_response_at if answered else now
    r_hours = max(hours(event.found_at, r_end), 0.0)
    up_limit = limits.report.get(event.level)
    up_hours: float | None = None
    reported = event.reported_at is not None
    if up_limit is not None or reported:
        up_hours = max(hours(event.found_at, event.reported_at if reported else now), 0.0)
    return Timing(
        response_hours=r_hours,
        response_waiting=not answered,
        response_late=r_limit is not None and r_hours > r_limit,
        response_limit=r_limit,
        report_hours=up_hours,
        report_waiting=up_limit is not None and not reported,
        report_late=up_limit is not None and up_hours is not None and up_hours > up_limit,
        report_limit=up_limit,
    )


def with_timing(events: Iterable[OpinionEvent], limits: Limits, now: dt.datetime) -> list[OpinionEvent]:
    """The events, each with `.timing` set (no query)."""
    out = []
    for e in events:
        e.timing = timing_of(e, limits, now)
        out.append(e)
    return out


# --- one event -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    at: dt.datetime | dt.date | None
    text: str = ""
    late: bool = False


def timeline(event: OpinionEvent, timing: Timing) -> list[Step]:
    """发现 → 首次响应 → 向上级报告 → 办结, each with its moment (None: not yet) and what it said."""
    steps = [
        Step("found", "发现", event.found_at, f"{event.get_source_display()}：{event.summary}"[:200]),
        Step(
            "response",
            "首次响应",
            event.first_response_at,
            (f"用时{timing.response_text}小时；" if event.first_response_at else "") + event.first_response,
            timing.response_late,
        ),
    ]
    if event.reported_at is not None or timing.report_limit is not None:
        text = f"用时{timing.report_text}小时，报告{event.reported_to}" if event.reported_at else ""
        steps.append(Step("report", "向上级报告", event.reported_at, text, timing.report_late))
    steps.append(Step("closed", "办结", event.closed_on, event.handling if event.closed_on else ""))
    return steps


def reopenings(event: OpinionEvent) -> list[Any]:
    """Each reopening, newest first (when, who, the reason), from the history."""
    rows = event.history.filter(history_change_reason__startswith="重新打开").select_related("history_user")
    return list(rows.order_by("-history_date", "-history_id"))


# --- the yearly summary ----------------------------------------------------------------------------------------


@dataclass
class LevelTimes:
    level: str
    label: str
    count: int
    answered: int
    median: float | None
    longest: float | None
    limit: int | None
    late: int

    @property
    def median_text(self) -> str:
        return hours_text(self.median)

    @property
    def longest_text(self) -> str:
        return hours_text(self.longest)


@dataclass
class Summary:
    year: int
    total: int
    by_level: list[tuple[str, str, int]]
    by_source: list[tuple[str, str, int]]
    by_month: list[tuple[int, int]]
    times: list[LevelTimes]
    reported: int
    report_due: int  # serious and major events (IDEO-041 applies)
    closed: int
    open: int
    limits: Limits


def year_summary(user: Any, year: int) -> Summary:
    """The year's events (found in it) that `user` sees: counts by level, source and month, median and longest
    hours to the first response by level, how many reported upward, closed, still open. One read of the events."""
    fields = ("level", "source", "found_at", "first_response_at", "reported_at", "status")
    rows = list(event_list(user, year=year).values_list(*fields))
    statuses = [r[5] for r in rows]
    limits = limits_on(scope_of(user).organ_id, min(clock.today(), dt.date(year, 12, 31)))
    months = [0] * 12
    for found_at in (r[2] for r in rows):
        months[timezone.localtime(found_at).month - 1] += 1
    times = []
    for level in LEVELS:
        mine = [r for r in rows if r[0] == level]
        spans = [hours(r[2], r[3]) for r in mine if r[3] is not None]
        limit = limits.response.get(level)
        times.append(
            LevelTimes(
                level,
                OpinionLevel(level).label,
                len(mine),
                len(spans),
                statistics.median(spans) if spans else None,
                max(spans) if spans else None,
                limit,
                sum(1 for s in spans if limit is not None and s > limit),
            )
        )
    return Summary(
        year=year,
        total=len(rows),
        by_level=[(lv, OpinionLevel(lv).label, sum(1 for r in rows if r[0] == lv)) for lv in LEVELS],
        by_source=[(v, label, sum(1 for r in rows if r[1] == v)) for v, label in OpinionSource.choices],
        by_month=[(m + 1, n) for m, n in enumerate(months)],
        times=times,
        reported=sum(1 for r in rows if r[4] is not None),
        report_due=sum(1 for r in rows if r[0] in REPORTED_LEVELS),
        closed=statuses.count(OpinionStatus.CLOSED),
        open=statuses.count(OpinionStatus.OPEN),
        limits=limits,
    )


# --- to-dos ----------------------------------------------------------------------------------------------------


def pending_events(user: Any) -> QuerySet[OpinionEvent]:
    """Open events (not answered or not closed): the responsible person's own, and for the party-affairs office
    every open event of the organ. One query."""
    scope = scope_of(user)
    if not scope.is_business or scope.read_only or scope.organ_id is None:
        return OpinionEvent.objects.none()
    mine = Q(responsible_id=scope.person_id) if scope.person_id else Q(pk__in=[])
    if scope.has(Role.PARTY_OFFICER):
        mine = Q()
    return (
        OpinionEvent.objects.filter(organ_id=scope.organ_id, status=OpinionStatus.OPEN)
        .filter(mine)
        .order_by("found_at", "pk")
    )
