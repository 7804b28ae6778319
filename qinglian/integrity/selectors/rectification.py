"""Reads of the 问题整改台账: the batch list with its progress, one batch's progress per problem, unit and leader,
a person's measures, the problems waiting for a leader's 销号, the report's due date (INT-040's parameters).

Every read starts from `visible_to(user)` (querysets.py: the organ readers and the personnel officer see all;
other staff the problems of their units and the measures they own)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import RULES
from qinglian.core import clock, workdays
from qinglian.evidence.models import Evidence
from qinglian.integrity import permissions
from qinglian.integrity.choices import ProblemStatus, RectificationSource
from qinglian.integrity.models import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import own_stake
from qinglian.org.scope import scope_of

REPORT_RULE = "INT-040"
# The INT-040 parameter that sets the report period of each source; any other source takes `other_months`.
MONTHS_PARAM = {
    RectificationSource.INSPECTION: "inspection_months",
    RectificationSource.CIRCUIT: "circuit_months",
    RectificationSource.AUDIT: "audit_months",
}


def months_param(source: str) -> str:
    return MONTHS_PARAM.get(source, "other_months")


def report_due_on(source: str, feedback_on: dt.date, params: Any) -> dt.date:
    """The last day of the report period: `feedback_on` + N months for the source (民法典 periods, core.workdays)."""
    return workdays.add_months(feedback_on, int(params[months_param(source)]))


def report_params(organ_id: int, on: dt.date) -> Any | None:
    rule = RULES.get(REPORT_RULE)
    if rule is None:
        return None
    try:
        return resolve(rule, sets_in_force(organ_id=organ_id, on=on, codes=[REPORT_RULE]).get(REPORT_RULE))
    except MissingParameters:
        return None


def report_due(batch: RectificationBatch, params: Any | None = None) -> dt.date | None:
    """The batch's report due date under the parameters in force on its feedback date (None when none are set)."""
    params = params if params is not None else report_params(batch.organ_id, batch.feedback_on)
    return report_due_on(batch.source, batch.feedback_on, params) if params is not None else None


@dataclass(frozen=True)
class ReportState:
    due: dt.date | None
    label: str
    css: str


def report_state(batch: RectificationBatch, today: dt.date, params: Any | None = None) -> ReportState:
    due = report_due(batch, params)
    if batch.report_submitted_on:
        late = due is not None and batch.report_submitted_on > due
        label = f"{batch.report_submitted_on:%Y-%m-%d}已报送" + ("（逾期）" if late else "")
        return ReportState(due, label, "text-danger" if late else "text-success")
    if due is None:
        return ReportState(None, "未报送", "text-muted")
    if workdays.is_overdue(due, today):
        return ReportState(due, "未报送（已逾期）", "text-danger fw-bold")
    return ReportState(due, "未报送", "text-warning")


# --- the batch list ----------------------------------------------------------------------------------------------


def batch_list(user: Any, data: dict[str, Any] | None = None) -> QuerySet[RectificationBatch]:
    """The batches `user` sees, with their progress figures, narrowed by the page's filter (source, year, q)."""
    data = data or {}
    rows = (
        RectificationBatch.objects.visible_to(user)
        .select_related("lead")
        .annotate(
            problem_total=Count("problems", filter=Q(problems__deleted_at__isnull=True), distinct=True),
            problem_closed=Count(
                "problems",
                filter=Q(problems__deleted_at__isnull=True, problems__status=ProblemStatus.CLOSED),
                distinct=True,
            ),
        )
    )
    if data.get("source"):
        rows = rows.filter(source=data["source"])
    if data.get("year"):
        rows = rows.filter(feedback_on__year=data["year"])
    if data.get("q"):
        rows = rows.filter(Q(title__icontains=data["q"]) | Q(issuer__icontains=data["q"]))
    return rows.order_by("-feedback_on", "-id")


def with_report_states(batches: Any, today: dt.date) -> list[RectificationBatch]:
    rows = list(batches)
    cache: dict[tuple[int, dt.date], Any] = {}
    for batch in rows:
        key = (batch.organ_id, batch.feedback_on)
        if key not in cache:
            cache[key] = report_params(*key)
        batch.report = report_state(batch, today, cache[key])
    return rows


# --- evidence ----------------------------------------------------------------------------------------------------


def measures_with_evidence(ids: list[int]) -> set[int]:
    """The ids among `ids` of measures carrying at least one live evidence file."""
    if not ids:
        return set()
    kind = ContentType.objects.get_for_model(RectificationMeasure)
    rows = Evidence.objects.filter(content_type=kind, object_id__in=ids).values_list("object_id", flat=True)
    return set(rows)


# --- one batch's progress ----------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Measures done/total and overdue, problems closed/total, for one problem, unit or leader."""

    label: str
    measures: int = 0
    done: int = 0
    overdue: int = 0
    problems: int = 0
    closed: int = 0
    problem_ids: set[int] = field(default_factory=set)

    def add(self, problem: RectificationProblem) -> None:
        if problem.pk not in self.problem_ids:
            self.problem_ids.add(problem.pk)
            self.problems += 1
            self.closed += problem.status == ProblemStatus.CLOSED

    def count(self, measure: RectificationMeasure) -> None:
        self.measures += 1
        self.done += measure.completed_on is not None
        self.overdue += measure.is_overdue


def measure_status(measure: RectificationMeasure, today: dt.date) -> str:
    """整改状态 as the reports say it: 已完成 / 逾期 / 持续推进."""
    if measure.completed_on is not None:
        return "已完成"
    return "逾期" if workdays.is_overdue(measure.deadline, today) else "持续推进"


def problems_of(user: Any, batch: RectificationBatch) -> list[RectificationProblem]:
    """The batch's problems `user` sees, each with its measures (status, evidence) and mechanisms."""
    today = clock.today()
    measures = RectificationMeasure.objects.select_related("unit", "owner")
    problems = list(
        RectificationProblem.objects.visible_to(user)
        .filter(batch=batch)
        .select_related("unit", "leader", "owner", "closed_by__person")
        .prefetch_related(
            Prefetch("measures", queryset=measures), Prefetch("mechanisms", queryset=LongTermMechanism.objects.all())
        )
    )
    evidenced = measures_with_evidence([m.pk for p in problems for m in p.measures.all()])
    for problem in problems:
        for measure in problem.measures.all():
            decorate(measure, today, evidenced)
    return problems


def decorate(measure: RectificationMeasure, today: dt.date, evidenced: set[int]) -> RectificationMeasure:
    measure.has_evidence = measure.pk in evidenced
    measure.status_label = measure_status(measure, today)
    measure.is_overdue = measure.completed_on is None and workdays.is_overdue(measure.deadline, today)
    measure.completed_late = measure.completed_on is not None and measure.completed_on > measure.deadline
    return measure


@dataclass
class Progress:
    problems: list[RectificationProblem]
    rows: list[tuple[RectificationProblem, Tally]]
    units: list[Tally]
    leaders: list[Tally]
    total: Tally


def batch_progress(user: Any, batch: RectificationBatch) -> Progress:
    problems = problems_of(user, batch)
    total = Tally("合计")
    units: dict[str, Tally] = {}
    leaders: dict[str, Tally] = {}
    rows = []
    for problem in problems:
        own = Tally(f"问题{problem.number}")
        for tally in (own, total):
            tally.add(problem)
        leader = leaders.setdefault(problem.leader.name if problem.leader else "未指定", Tally(""))
        leader.add(problem)
        for measure in problem.measures.all():
            unit_name = (measure.unit or problem.unit).name if (measure.unit or problem.unit) else "未指定"
            unit = units.setdefault(unit_name, Tally(unit_name))
            unit.add(problem)
            for tally in (own, total, unit, leader):
                tally.count(measure)
        if not problem.measures.all() and problem.unit:
            units.setdefault(problem.unit.name, Tally(problem.unit.name)).add(problem)
        rows.append((problem, own))
    for name, tally in leaders.items():
        tally.label = name
    return Progress(problems, rows, list(units.values()), list(leaders.values()), total)


# --- one problem, one measure ------------------------------------------------------------------------------------


def problem_detail(user: Any, problem: RectificationProblem) -> dict[str, Any]:
    today = clock.today()
    measures = list(RectificationMeasure.objects.filter(problem=problem).select_related("unit", "owner"))
    evidenced = measures_with_evidence([m.pk for m in measures])
    for measure in measures:
        decorate(measure, today, evidenced)
        measure.can_report = permissions.can_report_measure(user, measure)
    return {
        "measures": measures,
        "mechanisms": list(LongTermMechanism.objects.filter(problem=problem)),
    }


# --- a person's measures, a leader's queue -----------------------------------------------------------------------


def my_measures(user: Any, *, open_only: bool = False) -> QuerySet[RectificationMeasure]:
    """The measures `user` owns (责任人), soonest deadline first."""
    person_id = scope_of(user).person_id
    if person_id is None or not scope_of(user).is_business:
        return RectificationMeasure.objects.none()
    rows = (
        RectificationMeasure.objects.visible_to(user)
        .filter(owner_id=person_id, problem__batch__deleted_at__isnull=True)
        .select_related("problem__batch", "unit")
        .order_by("completed_on", "deadline", "id")
    )
    return rows.filter(completed_on__isnull=True) if open_only else rows


def measures_due(user: Any, today: dt.date, warn: int) -> list[RectificationMeasure]:
    """The user's open measures overdue or due within `warn` working days."""
    horizon = workdays.add_working_days(today, warn)
    rows = list(my_measures(user, open_only=True).filter(deadline__lte=horizon))
    for measure in rows:
        measure.is_overdue = workdays.is_overdue(measure.deadline, today)
    return rows


def problems_to_close(user: Any) -> list[RectificationProblem]:
    """Open problems whose measures are all done with evidence, for a leader with no stake in them."""
    if not permissions.can_close_problems(user):
        return []
    candidates = list(
        RectificationProblem.objects.visible_to(user)
        .filter(status=ProblemStatus.OPEN, batch__deleted_at__isnull=True)
        .annotate(
            n=Count("measures", filter=Q(measures__deleted_at__isnull=True)),
            undone=Count("measures", filter=Q(measures__deleted_at__isnull=True, measures__completed_on__isnull=True)),
        )
        .filter(n__gt=0, undone=0)
        .select_related("batch", "unit", "leader", "owner")
        .prefetch_related("measures")
    )
    evidenced = measures_with_evidence([m.pk for p in candidates for m in p.measures.all()])
    ready = []
    for problem in candidates:
        measures = list(problem.measures.all())
        if not all(m.pk in evidenced for m in measures):
            continue
        people = [problem.owner_id, problem.leader_id, *(m.owner_id for m in measures)]
        units = [problem.unit_id, *(m.unit_id for m in measures)]
        if own_stake(user, responsible_people=people, responsible_units=units):
            continue
        ready.append(problem)
    return ready


def organ_progress(user: Any) -> list[RectificationBatch]:
    """The batches with an open problem, with their figures, for the party-affairs office's card."""
    rows = batch_list(user).filter(problems__status=ProblemStatus.OPEN).distinct()
    batches = with_report_states(rows[:10], clock.today())
    for batch in batches:
        measures = RectificationMeasure.objects.filter(problem__batch=batch)
        batch.measure_total = measures.count()
        batch.measure_done = measures.filter(completed_on__isnull=False).count()
        batch.measure_overdue = measures.filter(
            completed_on__isnull=True, deadline__lte=workdays.overdue_through(clock.today())
        ).count()
    return batches


def people_choices(user: Any):
    return Person.objects.visible_to(user).filter(is_active=True).select_related("unit").order_by("unit__order", "id")


def unit_choices(user: Any):
    return Unit.objects.visible_to(user).internal().order_by("order", "id")


def batch_groups(problems: list[RectificationProblem]) -> list[tuple[str, list[RectificationProblem]]]:
    """Problems by category, in the order categories first appear (the report's sections)."""
    groups: dict[str, list[RectificationProblem]] = defaultdict(list)
    for problem in problems:
        groups[problem.category or "其他方面"].append(problem)
    return list(groups.items())
