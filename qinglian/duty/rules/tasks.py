"""Tasks of the year's list: one-off tasks coming due or overdue (DUTY-001), and the reports a recurring
task owes for each month, quarter or year (DUTY-002).

Both collectors yield every task in their window — done ones too, with no verdict — so that the runner,
which closes a finding only for the periods it looked at, closes a task's finding once it is done.

A check for a past day reads the tasks as they stood then (selectors.tasks: `rule_tasks`, `tasks_on`,
`deadlines_on`, `reported_periods`): a list published, a task completed or a report sent after that day did not
count on it, and a task completed before it and returned later was done on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.periods import Period, containing
from qinglian.compliance.registry import DAYS_LEFT, Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.duty.choices import OPEN_TASK_STATUSES, RECURRENCE_PERIOD, Recurrence, TaskStatus
from qinglian.duty.models import DutyAssignment
from qinglian.duty.rules.common import (
    CATEGORY,
    MAIN_BASIS,
    WARN,
    by_deadline,
    date_due,
    first_head,
    look_back_years,
    moved_note,
)
from qinglian.duty.selectors.tasks import deadlines_on, reported_periods, rule_tasks, tasks_on
from qinglian.org.selectors import unit_heads

_STATUS_LABEL = dict(TaskStatus.choices)


def _label(assignment: DutyAssignment) -> str:
    content = assignment.item.content.strip().replace("\n", " ")
    short = content if len(content) <= 40 else content[:40] + "…"
    return f"{assignment.unit.name}：{short}"


# --- DUTY-001 -----------------------------------------------------------------------------------


def collect_task_deadlines(ctx: Context) -> Iterator[Subject]:
    """Every unit task of a one-off item (it has a deadline) of the published lists of the last years."""
    first_year = ctx.as_of.year - ctx.params.look_back + 1
    heads = unit_heads(ctx.organ_id)
    rows = list(
        rule_tasks(ctx.organ_id, ctx.as_of).filter(
            item__duty_list__year__gte=first_year, item__recurrence=Recurrence.ONCE, item__deadline__isnull=False
        )
    )
    states = tasks_on(rows, ctx.as_of)
    deadlines = deadlines_on({a.item_id: a.item for a in rows}.values(), ctx.as_of)
    for assignment in rows:
        leader = assignment.item.lead_leader
        deadline = deadlines[assignment.item_id] or assignment.item.deadline
        yield Subject(
            type="duty.dutyassignment",
            id=str(assignment.pk),
            label=_label(assignment),
            period=str(assignment.item.duty_list.year),
            link=f"/duty/tasks/{assignment.pk}/",
            unit_id=assignment.unit_id,
            person_id=first_head(heads, assignment.unit_id),
            data={
                "status": states[assignment.pk].status,
                "deadline": deadline,
                "leader": leader.name if leader else "",
                "role": assignment.get_role_display(),
            },
        )


@rule(
    code="DUTY-001",
    title="责任清单任务临近时限与逾期",
    basis=f"{MAIN_BASIS}（党委（党组）对主体责任任务逐项分解、明确责任并推动落实；条号未核实）；本机关年度主体责任清单",
    category=CATEGORY,
    subjects="已印发清单中一次性事项的委室任务",
    severity_policy="超过完成时限仍未完成为红色（时限遇休息日顺延至下一个工作日）；时限前N个工作日内仍未完成为黄色",
    params=[WARN, look_back_years()],
    collect=collect_task_deadlines,
    short="清单任务临近或超过时限",
)
def task_deadline(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    if data["status"] not in OPEN_TASK_STATUSES:
        return None
    deadline: dt.date = data["deadline"]
    due = date_due(deadline)
    state = _STATUS_LABEL[data["status"]]
    leader = f"（{data['role']}；牵头领导：{data['leader']}）" if data["leader"] else f"（{data['role']}）"
    moved = moved_note("完成时限", deadline, due)
    return by_deadline(
        due=due,
        as_of=ctx.as_of,
        warn=p.warn_working_days,
        late=f"{subject.label}已超过完成时限{due:%Y年%m月%d日}{moved}，仍为{state}{leader}",
        soon=f"{subject.label}将于{due:%Y年%m月%d日}到期{moved}（还有{DAYS_LEFT}），目前{state}{leader}",
    )


# --- DUTY-002 -----------------------------------------------------------------------------------


def periods_of_year(kind: str, year: int) -> list[Period]:
    """Every month, quarter or the year itself of `year`, in order."""
    if kind == "year":
        return [containing("year", dt.date(year, 6, 1))]
    months = range(1, 13) if kind == "month" else (1, 4, 7, 10)
    return [containing(kind, dt.date(year, month, 1)) for month in months]


GRACE = Param("grace_working_days", "期末后报送期限", unit="个工作日", minimum=0, maximum=30, period="working_days")


def report_deadline(period: Period, grace: int) -> dt.date:
    """A period's report is due `grace` working days after the period's last working day (0: that day)."""
    return workdays.after(period.due, grace, GRACE.period)


def _window_start(as_of: dt.date, months: int) -> dt.date:
    index = as_of.year * 12 + as_of.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def collect_recurring_reports(ctx: Context) -> Iterator[Subject]:
    """Unit task × period of recurring items: periods of the list's year that have begun, end on or after the
    list was published (the period it is published in counts), and end inside the look-back window."""
    start = _window_start(ctx.as_of, ctx.params.look_back_months)
    heads = unit_heads(ctx.organ_id)
    recurring = [r.value for r in RECURRENCE_PERIOD]
    tasks = list(
        rule_tasks(ctx.organ_id, ctx.as_of).filter(
            item__duty_list__year__gte=start.year, item__recurrence__in=recurring
        )
    )
    reported = reported_periods([t.pk for t in tasks], ctx.as_of)
    states = tasks_on(tasks, ctx.as_of)
    for assignment in tasks:
        duty_list = assignment.item.duty_list
        published = duty_list.published_on or dt.date(duty_list.year, 1, 1)
        kind = RECURRENCE_PERIOD[assignment.item.recurrence]
        for period in periods_of_year(kind, duty_list.year):
            if period.start > ctx.as_of or period.end < start or period.end < published:
                continue
            yield Subject(
                type="duty.dutyassignment",
                id=str(assignment.pk),
                label=_label(assignment),
                period=period.key,
                link=f"/duty/tasks/{assignment.pk}/",
                unit_id=assignment.unit_id,
                person_id=first_head(heads, assignment.unit_id),
                data={
                    "period": period,
                    "reported": (assignment.pk, period.key) in reported,
                    "completed_on": states[assignment.pk].completed_on,
                    "recurrence": assignment.item.get_recurrence_display(),
                },
            )


@rule(
    code="DUTY-002",
    title="周期性任务按期报送进展",
    basis=f"{MAIN_BASIS}（定期报告、督促检查主体责任落实情况；条号未核实）；本机关年度主体责任清单所定报送周期",
    category=CATEGORY,
    subjects="已印发清单中每月、每季度、每年报送事项的委室任务×期间",
    severity_policy="期末最后一个工作日后再过N个工作日仍未报送为红色；报送期限前N个工作日内为黄色",
    params=[
        GRACE,
        WARN,
        Param(
            "look_back_months", "检查最近几个月内结束的期间", unit="个月", minimum=1, maximum=24, help="上线初期可设为1"
        ),
    ],
    collect=collect_recurring_reports,
    short="周期性任务未报送进展",
)
def recurring_report(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    period: Period = data["period"]
    completed_on: dt.date | None = data["completed_on"]
    if data["reported"] or (completed_on is not None and period.start > completed_on):
        return None
    due = report_deadline(period, p.grace_working_days)
    return by_deadline(
        due=due,
        as_of=ctx.as_of,
        warn=p.warn_working_days,
        late=f"{subject.label}（{data['recurrence']}报送）{period.label}进展情况逾期未报送，报送期限为{due:%Y年%m月%d日}",
        soon=f"{subject.label}（{data['recurrence']}报送）{period.label}进展情况尚未报送，请于{due:%Y年%m月%d日}前报送",
    )
