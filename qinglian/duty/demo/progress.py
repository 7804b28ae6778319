"""The year's work on each unit's task, planned first and then carried out through the task services in date
order: 认领 within days of publication, progress reports with plausible words, completion, 销号.

Last year's tasks all end done (a few late). This year's leave slips for the rules and the oversight pages: four
tasks past their deadline in three units (one never claimed), one task that slipped and was then done after a
督办单, two recurring reports missing for a past month and quarter, and a few completions not yet confirmed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from qinglian.compliance.periods import Period, containing
from qinglian.duty.choices import RECURRENCE_PERIOD, AssignmentRole, ListStatus, Recurrence, TaskStatus
from qinglian.duty.demo import data, evidence
from qinglian.duty.demo.dating import record_states, snapshot
from qinglian.duty.demo.state import LAW_UNIT, PARTY_COMMITTEE, DutyDemo
from qinglian.duty.models import DutyAssignment, DutyList, ProgressReport
from qinglian.duty.permissions import can_confirm, task_stakes
from qinglian.duty.services.tasks import assignment_confirm, progress_report
from qinglian.org.models import User
from qinglian.org.permissions import own_stake

AWAITING = 3  # completed tasks left for the office to confirm
QUIET_UNITS = (PARTY_COMMITTEE, "办公室")  # the office and the secretariat do not slip in the demo
CLOSED_YEAR_FIELDS = ["status", "claimed_at", "claimed_by", "completed_on", "confirmed_at", "confirmed_by"]


@dataclass
class Step:
    day: dt.date
    percent: int
    text: str
    final: bool = False
    period: str = ""


@dataclass
class Plan:
    claim: dt.date | None = None
    steps: list[Step] = field(default_factory=list)
    confirm: dt.date | None = None


def build(dd: DutyDemo, lists: dict[int, DutyList]) -> Counter:
    counts: Counter = Counter()
    for year, duty_list in sorted(lists.items()):
        if duty_list.status != ListStatus.PUBLISHED:
            continue
        tasks = list(
            DutyAssignment.objects.filter(item__duty_list=duty_list)
            .select_related("item__duty_list", "unit")
            .order_by("item__order", "role", "unit__order")
        )
        current = year == dd.today.year
        if current:
            choose_slips(dd, tasks)
        plans = {a.pk: _plan(dd, a, duty_list.published_on) for a in tasks}
        if current:
            _leave_unconfirmed(dd, plans)
            _claims(dd, tasks, plans, counts)
            for task in tasks:
                _carry_out(dd, task, plans[task.pk], counts)
        else:
            _closed_year(dd, tasks, plans, counts)
    return counts


# --- the slips ---------------------------------------------------------------------------------


def _past(dd: DutyDemo, tasks: list[DutyAssignment], days: tuple[int, int]) -> list[DutyAssignment]:
    """One-off tasks outside the office whose deadline passed between `days` (most, fewest) days ago."""
    low, high = dd.today - dt.timedelta(days=days[0]), dd.today - dt.timedelta(days=days[1])
    return [
        a for a in tasks if a.item.deadline and low <= a.item.deadline <= high and a.unit.short_name not in QUIET_UNITS
    ]


def choose_slips(dd: DutyDemo, tasks: list[DutyAssignment]) -> None:
    slips = dd.slips
    recent = _past(dd, tasks, (150, 1))
    law = [a for a in recent if a.unit.short_name == LAW_UNIT][:2]
    others = sorted({a.unit.short_name for a in recent if a.unit.short_name != LAW_UNIT})
    picked = []
    for name in dd.rng.sample(others, min(2, len(others))):
        picked.append(dd.rng.choice([a for a in recent if a.unit.short_name == name]))
    slips.overdue = [a.pk for a in law + picked]
    # The most recently due of them was never claimed: its unit has not answered the 督办单 either.
    slips.idle = max(picked, key=lambda a: a.item.deadline).pk if picked else None
    slipping = {a.unit_id for a in law + picked}
    earlier = [a for a in _past(dd, tasks, (240, 70)) if a.unit_id not in slipping]
    slips.late_done = dd.rng.choice(earlier).pk if earlier else None
    missed: set[int] = set()  # two different units miss a report
    for recurrence in (Recurrence.MONTHLY, Recurrence.QUARTERLY):
        period = _missed_period(dd, RECURRENCE_PERIOD[recurrence])
        options = [
            a
            for a in tasks
            if a.item.recurrence == recurrence and a.unit.short_name != PARTY_COMMITTEE and a.unit_id not in missed
        ]
        if period is not None and options:
            task = dd.rng.choice(options)
            missed.add(task.unit_id)
            slips.missing_reports.append((task.pk, period.key))


def _missed_period(dd: DutyDemo, kind: str) -> Period | None:
    """The last period that ended at least ten days ago, if it lies in this year after the list came out."""
    period = containing(kind, dd.today)
    while (dd.today - period.end).days < 10:
        period = containing(kind, period.start - dt.timedelta(days=1))
    return period if period.start.year == dd.today.year and period.start.month > 2 else None


def _leave_unconfirmed(dd: DutyDemo, plans: dict[int, Plan]) -> None:
    """A few completions wait for 销号: those reported last, if the dates did not already leave enough."""
    done = [
        (p.steps[-1].day, pk) for pk, p in plans.items() if p.steps and p.steps[-1].final and pk != dd.slips.late_done
    ]
    waiting = [pk for _, pk in done if plans[pk].confirm is None]
    for _, pk in sorted(done, reverse=True):
        if len(waiting) >= AWAITING:
            break
        if pk not in waiting:
            plans[pk].confirm = None
            waiting.append(pk)
    dd.slips.awaiting = sorted(waiting)


# --- planning ----------------------------------------------------------------------------------


def _plan(dd: DutyDemo, task: DutyAssignment, published: dt.date) -> Plan:
    plan = Plan()
    if task.pk != dd.slips.idle:
        # Most units claim within two weeks of publication; one in ten takes three to six.
        weeks = (3, 6) if dd.rng.random() < 0.1 else (0, 2)
        claim = dd.days.pick(published + dt.timedelta(weeks=weeks[0], days=1), published + dt.timedelta(weeks=weeks[1]))
        plan.claim = claim if claim is not None and claim <= dd.today else None
    if plan.claim is None:
        return plan
    if task.item.recurrence != Recurrence.ONCE:
        _plan_recurring(dd, task, plan)
    elif task.pk in dd.slips.overdue:
        _plan_overdue(dd, task, plan)
    else:
        _plan_once(dd, task, plan, published)
    if plan.steps and plan.steps[-1].final and plan.confirm is None:
        confirm = dd.days.add(plan.steps[-1].day, dd.rng.randint(1, 8))
        plan.confirm = confirm if confirm <= dd.today else None
    return plan


def _spread(dd: DutyDemo, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    """`count` working days between first and last, one in each equal stretch, in order."""
    if count <= 0 or last <= first:
        return []
    stretch = (last - first) / count
    days = []
    for i in range(count):
        day = dd.days.pick(first + stretch * i, first + stretch * (i + 1) - dt.timedelta(days=1))
        if day is not None and (not days or day > days[-1]):
            days.append(day)
    return days


def _percent(dd: DutyDemo, day: dt.date, start: dt.date, end: dt.date) -> int:
    share = (day - start).days / max((end - start).days, 1)
    return max(10, min(90, 5 * round((100 * share + dd.rng.randint(-10, 10)) / 5)))


def _progress(dd: DutyDemo, days: list[dt.date], start: dt.date, end: dt.date) -> list[Step]:
    steps = []
    for i, day in enumerate(days):
        pool = data.STARTED if i == 0 else data.UNDER_WAY
        steps.append(Step(day, _percent(dd, day, start, end), dd.rng.choice(pool)))
    return steps


def _plan_once(dd: DutyDemo, task: DutyAssignment, plan: Plan, published: dt.date) -> None:
    deadline, claim, today = task.item.deadline, plan.claim, dd.today
    start = dd.days.add(claim, 1)
    if task.pk == dd.slips.late_done:
        final = dd.days.add(deadline, dd.rng.randint(8, 12))
        plan.steps = _progress(dd, _spread(dd, start, deadline, 1), published, deadline)
        plan.steps.append(Step(final, 100, data.DONE_LATE, final=True))
        return
    if deadline < today or ((deadline - today).days <= 40 and dd.rng.random() < 0.3):
        final = dd.days.pick(max(start, deadline - dt.timedelta(days=20)), min(deadline, today)) or start
        if deadline < today and dd.rng.random() < 0.06:
            final = min(dd.days.add(deadline, dd.rng.randint(1, 5)), today)
        if final > today:
            return
        # A report midway on longer tasks; co-units report only the result.
        count = 0 if (final - claim).days < 75 or task.role == AssignmentRole.CO else 1
        days = _spread(dd, start, final - dt.timedelta(days=5), count)
        plan.steps = _progress(dd, days, published, deadline)
        text = data.DONE_LATE if final > deadline else dd.rng.choice(data.DONE)
        plan.steps.append(Step(final, 100, text, final=True))
        return
    if dd.rng.random() < 0.04:
        return  # claimed, not started yet, still in time
    count = max(1, min(2, (today - claim).days // 100))
    if task.role == AssignmentRole.CO:
        count = 1
    plan.steps = _progress(dd, _spread(dd, start, today, count), published, deadline)


def _plan_overdue(dd: DutyDemo, task: DutyAssignment, plan: Plan) -> None:
    """Started, then stalled: the last report says why it is late."""
    deadline = task.item.deadline
    last = min(dd.days.add(dd.today, -3), deadline + dt.timedelta(days=20))
    days = _spread(dd, dd.days.add(plan.claim, 1), last, 2)
    plan.steps = [Step(day, 20 + 25 * i, dd.rng.choice(data.STARTED)) for i, day in enumerate(days)]
    if plan.steps:
        plan.steps[-1].text = dd.rng.choice(data.LAGGING)


def _periods(kind: str, year: int) -> list[Period]:
    first = containing(kind, dt.date(year, 1, 1))
    periods = [first]
    while periods[-1].end.year == year and periods[-1].end < dt.date(year, 12, 31):
        periods.append(containing(kind, periods[-1].end + dt.timedelta(days=1)))
    return periods


def _plan_recurring(dd: DutyDemo, task: DutyAssignment, plan: Plan) -> None:
    """One report per period, in the period's last working days (the first ones caught up after the claim)."""
    periods = _periods(RECURRENCE_PERIOD[task.item.recurrence], task.item.duty_list.year)
    text = data.RECURRING[dd.keys[task.item_id]]
    for index, period in enumerate(periods, start=1):
        window = dd.days.add(period.due, -5)
        if (task.pk, period.key) in dd.slips.missing_reports:
            continue
        if period.end < plan.claim:
            day = dd.days.add(plan.claim, dd.rng.randint(1, 3))
        elif period.end < dd.today:
            day = dd.days.pick(max(window, dd.days.add(plan.claim, 1)), period.due) or period.due
        elif window <= dd.today and dd.rng.random() < 0.5:
            day = dd.days.pick(window, dd.today)
        else:
            break
        if day is None or day > dd.today:
            break
        final = index == len(periods) and period.end < dd.today
        content = data.RECURRING_FINAL if final else text.format(period=period.label, n=dd.rng.randint(1, 4))
        plan.steps.append(Step(day, round(100 * index / len(periods)), content, final, period.key))


# --- carrying out ------------------------------------------------------------------------------


def _confirmer(dd: DutyDemo, task: DutyAssignment) -> User | None:
    """The office confirms most; the item's lead leader (the two leader logins) some of theirs. Nobody confirms a
    task they claimed or reported done (two people for every decision): such a task of the office's own unit goes
    to its lead leader's login, or waits for 销号 when there is none."""
    lead = task.item.lead_leader_id
    leaders = [dd.users.get(key) for key in ("leader", "leader_member")]
    for user, share in zip(leaders, (0.25, 0.5), strict=True):
        if user is not None and user.person_id == lead and dd.rng.random() < share:
            return user
    reporters = task.reports.filter(is_final=True).values_list("reported_by_id", flat=True)
    for user in (dd.officer, *leaders):
        if user is not None and can_confirm(user, task) and not own_stake(user, **task_stakes(task, reporters)):
            return user
    return None


def _claims(dd: DutyDemo, tasks: list[DutyAssignment], plans: dict[int, Plan], counts: Counter) -> None:
    """认领 in the days after publication, as `assignment_claim` records it, written as one batch."""
    states = []
    for task in tasks:
        claim = plans[task.pk].claim
        if claim is not None:
            task.claimed_at, task.claimed_by = dd.at(claim), dd.acting_for(task.unit_id)
            states.append(snapshot(task, task.claimed_at, task.claimed_by))
    record_states(DutyAssignment, states, ["claimed_at", "claimed_by"], DutyAssignment.all_objects.all())
    counts["claimed"] += len(states)


def _carry_out(dd: DutyDemo, task: DutyAssignment, plan: Plan, counts: Counter) -> None:
    """This year's progress through the task services, each report and 销号 on its day."""
    for step in plan.steps:
        with dd.on(step.day):
            by = dd.reporter(task.unit_id)
            if step.final:  # 申请销号 needs evidence: the task's ledger goes up first
                evidence.before_final(dd, task, (step.day, step.percent, step.text), by)
            report = progress_report(
                assignment=task,
                by=by,
                date=step.day,
                content=step.text,
                percent=step.percent,
                is_final=step.final,
                period=step.period,
            )
            evidence.with_report(dd, task, report, by)
        counts["reports"] += 1
    confirmer = _confirmer(dd, task) if plan.confirm is not None else None
    if confirmer is not None:
        with dd.on(plan.confirm):
            assignment_confirm(assignment=task, by=confirmer)
        counts["confirmed"] += 1


def _closed_year(dd: DutyDemo, tasks: list[DutyAssignment], plans: dict[int, Plan], counts: Counter) -> None:
    """Last year's tasks, all finished, written in bulk (a few statements instead of hundreds of saves): the
    reports, and each task's history as the task services leave it — claimed, in progress, completed, closed."""
    reports: list[ProgressReport] = []
    states: list[DutyAssignment] = []
    filed: list[tuple[DutyAssignment, list[Step], ProgressReport, User, dt.datetime]] = []
    for task in tasks:
        plan = plans[task.pk]
        if plan.claim is not None:
            task.claimed_at, task.claimed_by = dd.at(plan.claim), dd.acting_for(task.unit_id)
            states.append(snapshot(task, task.claimed_at, task.claimed_by))
        for step in plan.steps:
            when, by = dd.at(step.day), dd.reporter(task.unit_id)
            report = ProgressReport(
                organ_id=task.organ_id,
                assignment=task,
                period=step.period,
                date=step.day,
                content=step.text,
                percent=step.percent,
                is_final=step.final,
                reported_by=by,
                created_at=when,
            )
            reports.append(snapshot(report, when, by))
            filed.append((task, plan.steps, reports[-1], by, when))
            task.status = TaskStatus.COMPLETED if step.final else TaskStatus.IN_PROGRESS
            task.completed_on = step.day if step.final else None
            states.append(snapshot(task, when, by))
        if plan.confirm is not None:
            task.status, task.confirmed_at = TaskStatus.CLOSED, dd.at(plan.confirm)
            task.confirmed_by = _confirmer(dd, task)
            states.append(snapshot(task, task.confirmed_at, task.confirmed_by))
    bulk_create_with_history(reports, ProgressReport, batch_size=500)
    record_states(DutyAssignment, states, CLOSED_YEAR_FIELDS, DutyAssignment.all_objects.all())
    _closed_year_evidence(dd, filed)
    counts["claimed"] += sum(1 for t in tasks if t.claimed_at)
    counts["reports"] += len(reports)
    counts["confirmed"] += sum(1 for t in tasks if t.confirmed_at)


def _closed_year_evidence(
    dd: DutyDemo, filed: list[tuple[DutyAssignment, list[Step], ProgressReport, User, dt.datetime]]
) -> None:
    """Each report's material; for a final one the task's ledger on the task just before it, and the completion
    report on it."""
    for task, steps, report, by, when in filed:
        if not report.is_final:
            dd.files.append(evidence.progress_note(dd, task, report, by, when))
            continue
        done = [(s.day, s.percent, s.text) for s in steps]
        dd.files.append(evidence.task_ledger(dd, task, done, by, when - dt.timedelta(minutes=dd.paper.randint(5, 30))))
        dd.files.append(evidence.completion_report(dd, task, report, done[:-1], by, when))
