"""Reads of 个人有关事项报告: who must report (the obliged people on a day), the circle's lists of reports, checks
and draws, the year's overview, a person's own status, and the rule parameters in force.

Every list starts from `visible_to(user)` (querysets.PersonalMattersQuerySet: the person, the personnel officer and
the stationed group — nobody else). The loaders taking `organ_id` and a day are for the rules and the services; they
read the ledger as it stood that day (core.asof) and never leave this module for a page without a circle check.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import Params, get_rule
from qinglian.core import asof, clock, workdays
from qinglian.integrity.choices import ReportKind
from qinglian.integrity.models import ExtraReporter, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.org.choices import Rank, Role, UnitKind
from qinglian.org.models import Person, RoleGrant
from qinglian.org.scope import scope_of
from qinglian.org.selectors import people_on, units_on

# The level of each 职级 (公务员职务与职级并行规定, 2019): the choices' own order in org.choices.Rank lists the 职级
# (调研员, 主任科员) after the leading posts, so it is not a level order — 一级、二级调研员 stand with 正处级, 三级、
# 四级调研员 with 副处级 (which the 规定 counts as 县处级副职以上 for reporting), and so on down. Higher is senior.
RANK_LEVEL: dict[str, int] = {
    Rank.DEPARTMENT_CHIEF: 8,
    Rank.DEPARTMENT_DEPUTY: 7,
    Rank.BUREAU_CHIEF: 6,
    Rank.INSPECTOR_1: 6,
    Rank.INSPECTOR_2: 6,
    Rank.BUREAU_DEPUTY: 5,
    Rank.INSPECTOR_3: 5,
    Rank.INSPECTOR_4: 5,
    Rank.SECTION_CHIEF: 4,
    Rank.CLERK_1: 4,
    Rank.CLERK_2: 4,
    Rank.SECTION_DEPUTY: 3,
    Rank.CLERK_3: 3,
    Rank.CLERK_4: 3,
    Rank.STAFF_1: 2,
    Rank.STAFF_2: 2,
    Rank.OTHER: 0,
}
DEFAULT_MIN_RANK = Rank.BUREAU_DEPUTY


def rank_level(rank: str) -> int:
    return RANK_LEVEL.get(rank, 0)


def at_or_above(rank: str, min_rank: str) -> bool:
    """Whether `rank` is at or above `min_rank` by level (RANK_LEVEL); an unknown minimum counts as 副处级."""
    floor = RANK_LEVEL.get(min_rank, RANK_LEVEL[DEFAULT_MIN_RANK])
    return floor > 0 and rank_level(rank) >= floor


# --- parameters ---------------------------------------------------------------------------------------------


def params_in_force(organ_id: int, code: str, on: dt.date) -> Params | None:
    """The rule's parameters in force for the organ on `on`, or None when none are set."""
    try:
        return resolve(get_rule(code), sets_in_force(organ_id=organ_id, on=on, codes=[code]).get(code))
    except MissingParameters:
        return None


def annual_due(year: int, month: int, day: int) -> dt.date:
    """A yearly date set by parameters (month, day) in `year`: a day past the month's end is its last day; a rest
    day moves to the next working day (民法典第二百零三条), as every calendar deadline of the house does."""
    day = min(day, calendar.monthrange(year, month)[1])
    return workdays.roll_forward(dt.date(year, month, day))


def report_due(organ_id: int, year: int) -> dt.date:
    """The annual report's due date of `year` (INT-020: 1月31日, moved past a rest day)."""
    p = params_in_force(organ_id, "INT-020", dt.date(year, 1, 1))
    month, day = (p.due_month, p.due_day) if p is not None else (1, 31)
    return annual_due(year, month, day)


def min_rank_on(organ_id: int, on: dt.date) -> str:
    p = params_in_force(organ_id, "INT-020", on)
    return p.min_rank if p is not None else DEFAULT_MIN_RANK


# --- who must report ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Obliged:
    """A person who must report on a day: by rank, or listed by the organ (`extra`, with its reason)."""

    id: int
    name: str
    unit_id: int
    rank: str
    extra: str = ""

    @property
    def rank_label(self) -> str:
        return Rank(self.rank).label if self.rank in Rank.values else self.rank


def extras_on(organ_id: int, on: dt.date) -> dict[int, str]:
    """Person id → reason of the organ's ExtraReporter rows in force on `on` (started by then, not ended before)."""
    rows = ExtraReporter.all_objects.filter(asof.live_on(on), organ_id=organ_id, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return dict(rows.order_by("start", "pk").values_list("person_id", "reason"))


def obliged_people(organ_id: int, on: dt.date, *, min_rank: str | None = None) -> list[Obliged]:
    """The organ's people in office at the end of `on` whose rank that day is at or above `min_rank` (INT-020's
    parameter in force when not given), plus those listed as extra reporters in force that day; the stationed
    group's people are not the organ's to report (they report to the commission that stations them). By name."""
    min_rank = min_rank or min_rank_on(organ_id, on)
    units = units_on(organ_id, on)
    own = {pk for pk, unit in units.items() if unit["kind"] == UnitKind.INTERNAL}
    people = {pk: p for pk, p in people_on(organ_id, on).items() if p.unit_id in own}
    ranks = asof.values_on(Person, on, "rank", ids=list(people), where={"organ_id": organ_id})
    extras = extras_on(organ_id, on)
    found = []
    for pk, person in people.items():
        rank = ranks.get(pk, Rank.OTHER)
        by_rank = at_or_above(rank, min_rank)
        if by_rank or pk in extras:
            found.append(Obliged(pk, person.name, person.unit_id, rank, "" if by_rank else extras[pk]))
    return sorted(found, key=lambda o: (o.name, o.id))


def is_obliged(organ_id: int, person_id: int | None, on: dt.date) -> bool:
    return person_id is not None and any(o.id == person_id for o in obliged_people(organ_id, on))


def personnel_keeper(organ_id: int) -> tuple[int | None, int | None]:
    """(unit, person) of the organ's personnel officer (the earliest active grant with a person), or (None, None)."""
    row = (
        RoleGrant.objects.active()
        .filter(organ_id=organ_id, role=Role.PERSONNEL_OFFICER, user__person__isnull=False)
        .order_by("granted_at", "pk")
        .values_list("user__person__unit_id", "user__person_id")
        .first()
    )
    return (row[0], row[1]) if row else (None, None)


# --- the circle's lists -------------------------------------------------------------------------------------


def report_list(
    user: Any,
    *,
    year: int | None = None,
    kind: str = "",
    person_id: int | None = None,
    unreceived: bool = False,
    query: str = "",
) -> QuerySet[PersonalReport]:
    qs = PersonalReport.objects.visible_to(user).select_related("person__unit", "received_by")
    if year is not None:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if unreceived:
        qs = qs.filter(received_on__isnull=True)
    if query:
        qs = qs.filter(Q(person__name__contains=query) | Q(receipt_no__contains=query))
    return qs


def check_list(
    user: Any, *, year: int | None = None, reason: str = "", outstanding: bool = False
) -> QuerySet[SpotCheck]:
    qs = SpotCheck.objects.visible_to(user).select_related("person__unit", "draw", "event")
    if year is not None:
        qs = qs.filter(year=year)
    if reason:
        qs = qs.filter(reason=reason)
    if outstanding:
        qs = qs.filter(outcome="")
    return qs.order_by("-year", "reason", "person__name", "pk")


def draw_list(user: Any) -> QuerySet[SpotCheckDraw]:
    return SpotCheckDraw.objects.visible_to(user).select_related("drawn_by")


def draw_of_year(user: Any, year: int) -> SpotCheckDraw | None:
    return draw_list(user).filter(year=year).first()


def extra_list(user: Any) -> QuerySet[ExtraReporter]:
    return ExtraReporter.objects.visible_to(user).select_related("person__unit")


def names(ids: list[int]) -> dict[int, str]:
    """Person id → name, for a draw's recorded ids (the draw page is the circle's only)."""
    return dict(Person.all_objects.filter(pk__in=ids).values_list("pk", "name"))


# --- the year's overview --------------------------------------------------------------------------------------


ON_TIME, LATE, MISSING, NOT_DUE = "on_time", "late", "missing", "not_due"
STATUS_LABELS = {ON_TIME: "按时报送", LATE: "逾期报送", MISSING: "未报送", NOT_DUE: "未报送（未到期）"}


@dataclass(frozen=True)
class OverviewRow:
    person: Obliged
    unit_name: str
    report: PersonalReport | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def received(self) -> bool:
        return self.report is not None and self.report.received_on is not None


@dataclass(frozen=True)
class Overview:
    year: int
    due: dt.date
    rows: list[OverviewRow]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def unreceived(self) -> int:
        return sum(1 for r in self.rows if r.report is not None and not r.received)


def status_of(report: PersonalReport | None, due: dt.date, today: dt.date) -> str:
    if report is None:
        return MISSING if today > due else NOT_DUE
    return ON_TIME if report.submitted_on <= due else LATE


def year_overview(user: Any, year: int) -> Overview | None:
    """The obliged people of `year` (as on its due date, or today before it) × their annual report; None for
    anyone outside the circle (the overview names who must report, which is itself the circle's)."""
    scope = scope_of(user)
    if not scope.has(Role.PERSONNEL_OFFICER, Role.SUPERVISOR) or scope.organ_id is None:
        return None
    today = clock.today()
    due = report_due(scope.organ_id, year)
    people = obliged_people(scope.organ_id, min(due, today))
    reports = {r.person_id: r for r in report_list(user, year=year, kind=ReportKind.ANNUAL)}
    units = dict(units_on(scope.organ_id, today).items())
    rows = [
        OverviewRow(
            p, units.get(p.unit_id, {}).get("name", ""), reports.get(p.id), status_of(reports.get(p.id), due, today)
        )
        for p in people
    ]
    return Overview(year, due, rows)


# --- one's own status ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnStatus:
    year: int
    due: dt.date
    report: PersonalReport | None
    obliged: bool

    @property
    def filed(self) -> bool:
        return self.report is not None

    @property
    def text(self) -> str:
        state = "已报送" if self.filed else "未报送"
        return f"{self.year}年度集中报告：{state}，截止日期{self.due:%Y年%m月%d日}"

    @property
    def overdue(self) -> bool:
        return not self.filed and clock.today() > self.due


def own_status(user: Any, year: int | None = None) -> OwnStatus | None:
    """The account's own annual report of `year` (this year): filed or not and the due date; None for an account
    with no person. `obliged` says whether they must report (by rank or listed)."""
    scope = scope_of(user)
    if scope.person_id is None or scope.organ_id is None or not scope.is_business:
        return None
    today = clock.today()
    year = year or today.year
    due = report_due(scope.organ_id, year)
    report = PersonalReport.objects.filter(
        organ_id=scope.organ_id, person_id=scope.person_id, kind=ReportKind.ANNUAL, year=year
    ).first()
    return OwnStatus(year, due, report, is_obliged(scope.organ_id, scope.person_id, min(due, today)))


def own_reports(user: Any) -> QuerySet[PersonalReport]:
    scope = scope_of(user)
    if scope.person_id is None or not scope.is_business:
        return PersonalReport.objects.none()
    return PersonalReport.objects.filter(organ_id=scope.organ_id, person_id=scope.person_id).select_related(
        "received_by"
    )


def promotion_events(organ_id: int, *, since: dt.date, until: dt.date) -> QuerySet:
    """The organ's promotions (提拔) dated in the window, live on `until`."""
    from qinglian.org.choices import PersonnelEventKind
    from qinglian.org.models import PersonnelEvent

    return (
        PersonnelEvent.all_objects.filter(
            asof.live_on(until), organ_id=organ_id, kind=PersonnelEventKind.PROMOTION, date__gte=since, date__lte=until
        )
        .select_related("person")
        .order_by("date", "pk")
    )


def report_files(report: PersonalReport) -> list:
    """The report's files (the caller has already opened the report through access_personal_report)."""
    from django.contrib.contenttypes.models import ContentType

    from qinglian.evidence.models import Evidence

    ct = ContentType.objects.get_for_model(PersonalReport)
    return list(Evidence.objects.filter(content_type=ct, object_id=report.pk).order_by("-uploaded_at"))


# --- the workbench ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Desk:
    """The personnel officer's card: this year's annual reports missing or late, reports not yet received, and
    checks without an outcome."""

    year: int
    due: dt.date
    missing: int
    late: int
    not_due: int
    unreceived: int
    open_checks: int


def keeper_desk(user: Any) -> Desk | None:
    scope = scope_of(user)
    if not scope.has(Role.PERSONNEL_OFFICER) or scope.read_only:
        return None
    year = clock.today().year
    overview = year_overview(user, year)
    if overview is None:
        return None
    return Desk(
        year=year,
        due=overview.due,
        missing=overview.count(MISSING),
        late=overview.count(LATE),
        not_due=overview.count(NOT_DUE),
        unreceived=report_list(user, unreceived=True).count(),
        open_checks=check_list(user, outstanding=True).count(),
    )


def warn_days(organ_id: int, on: dt.date) -> int:
    p = params_in_force(organ_id, "INT-020", on)
    return p.warn_working_days if p is not None else 10


def own_reminder(user: Any) -> OwnStatus | None:
    """The account's own annual report when it is due soon (within INT-020's warning days) or overdue and not
    filed, for an obliged person; else None."""
    if not obliged_now(user):
        return None
    status = own_status(user)
    if status is None or not status.obliged or status.filed:
        return None
    today = clock.today()
    organ_id = scope_of(user).organ_id
    if today > status.due or workdays.working_days_between(today, status.due) <= warn_days(organ_id, today):
        return status
    return None


def obliged_now(user: Any) -> bool:
    """Whether the account's person must report as of today — the cheap reading (their row as it is now, no
    history) that the menu and the workbench ask on every page."""
    scope = scope_of(user)
    if scope.person_id is None or scope.organ_id is None or not scope.is_business or scope.read_only:
        return False
    person = Person.objects.filter(pk=scope.person_id, is_active=True, unit__kind=UnitKind.INTERNAL).first()
    if person is None:
        return False
    today = clock.today()
    return at_or_above(person.rank, min_rank_on(scope.organ_id, today)) or person.pk in extras_on(scope.organ_id, today)
