"""Rules on the 问题整改台账: the rectification report sent on time after the feedback (INT-040) and each measure
done by its deadline (INT-041).

Checked for a day D, a batch fed back after D is not seen, a report or a completion dated after D had not happened,
a measure deleted after D still stood, and a measure's deadline, unit and owner are read as they stood on D (its
history). Deadlines go through core.workdays: N months from the feedback (民法典 periods, a last day on a rest day
rolls to the next working day), a measure's own deadline likewise counted as overdue only after that roll.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.deadlines import deadline_verdict
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.integrity.models import RectificationBatch, RectificationMeasure, RectificationProblem
from qinglian.integrity.selectors.rectification import months_param, report_due_on

CATEGORY = "党风廉政建设"
REGULATION = "《中国共产党巡视工作条例》（2015年）第二十七条"

MONTHS_HELP = "收到反馈意见后报送整改情况报告的期限（月）"
LOOK_BACK = Param(
    "look_back_years",
    "检查最近几个年度的反馈",
    unit="年",
    minimum=1,
    maximum=10,
    help="按反馈日期所在年度计算；3 = 本年度及前两个年度",
)


def _months(name: str, label: str) -> Param:
    return Param(name, label, unit="个月", minimum=1, maximum=12, period="months", help=MONTHS_HELP)


def _window_start(as_of: dt.date, look_back: int) -> dt.date:
    return dt.date(as_of.year - look_back + 1, 1, 1)


# --- INT-040 整改情况报告 ------------------------------------------------------------------------------------------


def collect_batches(ctx: Context) -> Iterator[Subject]:
    """Each batch standing on D and fed back in the window on or before D, with its report's due date."""
    params = ctx.params
    start = _window_start(ctx.as_of, params.look_back_years)
    rows = RectificationBatch.all_objects.filter(
        organ_id=ctx.organ_id, feedback_on__gte=start, feedback_on__lte=ctx.as_of
    ).filter(asof.live_on(ctx.as_of))
    office = party_office(ctx.organ_id)
    for batch in rows.order_by("feedback_on", "id"):
        due = report_due_on(batch.source, batch.feedback_on, params)
        yield Subject(
            type="integrity.rectificationbatch",
            id=str(batch.pk),
            label=batch.title,
            period=str(batch.feedback_on.year),
            link=f"/integrity/rectification/{batch.pk}/",
            unit_id=office.unit_id,
            person_id=batch.lead_id,
            data={
                "due": due,
                "submitted_on": batch.report_submitted_on,
                "months": params[months_param(batch.source)],
                "feedback_on": batch.feedback_on,
            },
        )


@rule(
    code="INT-040",
    title="收到反馈后按期报送整改情况报告",
    basis=(
        f"{REGULATION}：被巡视党组织收到巡视反馈意见后，应当在2个月内报送整改情况报告；"
        "巡察、审计及其他来源的报送时限按本市规定（未核实，默认同为2个月）"
    ),
    category=CATEGORY,
    subjects="整改批次（按反馈日期）",
    severity_policy="逾期才报送为红色（违规记录）；到期未报送为红色；到期前N个工作日未报送为黄色",
    params=[
        _months("inspection_months", "巡视反馈后报送期限"),
        _months("circuit_months", "巡察反馈后报送期限"),
        _months("audit_months", "审计反馈后报送期限"),
        _months("other_months", "其他来源反馈后报送期限"),
        Param(
            "warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days"
        ),
        LOOK_BACK,
    ],
    collect=collect_batches,
    short="整改报告逾期",
)
def report_on_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    label = f"{subject.label}（{data['feedback_on']:%Y-%m-%d}反馈）"
    return deadline_verdict(
        label, "报送整改情况报告", data["due"], data["submitted_on"], ctx.as_of, p.warn_working_days
    )


# --- INT-041 整改措施按期完成 --------------------------------------------------------------------------------------


def collect_measures(ctx: Context) -> Iterator[Subject]:
    """Each measure standing on D of a batch fed back in the window, its deadline, unit and owner as on D."""
    start = _window_start(ctx.as_of, ctx.params.look_back_years)
    batches = dict(
        RectificationBatch.all_objects.filter(organ_id=ctx.organ_id, feedback_on__gte=start, feedback_on__lte=ctx.as_of)
        .filter(asof.live_on(ctx.as_of))
        .values_list("pk", "title")
    )
    if not batches:
        return
    problems = {
        row["pk"]: row
        for row in RectificationProblem.all_objects.filter(batch_id__in=batches)
        .filter(asof.live_on(ctx.as_of))
        .values("pk", "batch_id", "number")
    }
    rows = RectificationMeasure.all_objects.filter(problem_id__in=problems)
    completed = dict(rows.values_list("pk", "completed_on"))
    stood = asof.fields_on(
        RectificationMeasure,
        ctx.as_of,
        ["problem_id", "description", "deadline", "unit_id", "owner_id", "deleted_at"],
        ids=list(completed),
    )
    for pk in sorted(stood):
        row = stood[pk]
        if not asof.stood(row["deleted_at"], ctx.as_of) or row["problem_id"] not in problems:
            continue
        problem = problems[row["problem_id"]]
        label = f"{batches[problem['batch_id']]}问题{problem['number']}：{row['description'][:30]}"
        yield Subject(
            type="integrity.rectificationmeasure",
            id=str(pk),
            label=label,
            period="",
            link=f"/integrity/rectification/measures/{pk}/",
            unit_id=row["unit_id"],
            person_id=row["owner_id"],
            data={"deadline": row["deadline"], "completed_on": completed.get(pk)},
        )


@rule(
    code="INT-041",
    title="整改措施按期完成",
    basis=f"{REGULATION}（整改落实）；完成时限以整改方案（整改台账）确定的时限为准",
    category=CATEGORY,
    subjects="整改措施",
    severity_policy="逾期才完成为红色（违规记录）；到期未完成为红色；到期前N个工作日未完成为黄色",
    params=[
        Param(
            "warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days"
        ),
        LOOK_BACK,
    ],
    collect=collect_measures,
    short="整改措施逾期",
)
def measure_on_time(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    due = workdays.roll_forward(data["deadline"])  # a deadline on a rest day runs to the next working day
    return deadline_verdict(subject.label, "完成", due, data["completed_on"], ctx.as_of, p.warn_working_days)
