"""ORG-001: a branch committee's term, read as it ran on D; every period goes through core.workdays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.compliance.rules.common import branch_subject, branches_on, committees_on
from qinglian.core import workdays

# --- ORG-001 a branch committee's term ------------------------------------------------------------------------


def collect_branches(ctx: Context) -> Iterator[Subject]:
    committees = committees_on(ctx.organ_id, ctx.as_of)
    for branch in branches_on(ctx.organ_id, ctx.as_of):
        term = branch.term
        data = {"term_start": term.start, "term_end": term.end, "later_only": term.later_only}
        yield branch_subject(branch, committees.get(branch.id), data)


def _date(day: dt.date) -> str:
    return f"{day:%Y年%m月%d日}"


def _moved(end: dt.date, due: dt.date) -> str:
    """Says so when the term ends on a rest day and 换届 may still be held on the next working day."""
    return f"（届满日为节假日，换届期限顺延至{_date(due)}）" if due != end else ""


@rule(
    code="ORG-001",
    short="支部委员会换届",
    title="党支部委员会任期届满前按期换届",
    basis="《中国共产党支部工作条例（试行）》第二十一条（机关党支部委员会每届任期一般为3年）；上级党组织一般提前6个月提醒换届",
    category="组织建设",
    subjects="党支部",
    severity_policy="届满前N个月蓝色提示，届满前M个月内黄色预警，届满未换届红色预警；未登记届满日期的按任期年限推算"
    "（并以蓝色提示补录），起止日期均未登记的蓝色提示",
    params=[
        Param("remind_months", "提前提醒月数", unit="个月", minimum=1, maximum=24, period="months"),
        Param("warn_months", "黄色预警月数", unit="个月", minimum=0, maximum=12, period="months"),
        Param(
            "term_years",
            "任期年数",
            unit="年",
            minimum=1,
            maximum=10,
            period="years",
            help="未登记届满日期时，按任期开始日加任期年数推算届满日",
        ),
    ],
    collect=collect_branches,
)
def branch_term_due(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    start: dt.date | None = subject.data["term_start"]
    end: dt.date | None = subject.data["term_end"]
    label = subject.label
    if end is not None:
        due = workdays.roll_forward(end)
        how, derived = _moved(end, due), False
    elif start is not None:
        # 民法典第二百零一条: the election day is not counted, so a term of N years ends on the corresponding day
        # N years on (第二百零二条), or the next working day when that is a rest day (第二百零三条) — not on the
        # day before, the convention some organs type in. A red that rests on a date nobody recorded must not
        # come a day early; a recorded end is always taken as recorded.
        end = due = workdays.add_years(start, p.term_years)
        how, derived = f"（未登记届满日期，按任期{p.term_years}年推算）", True
    elif subject.data.get("later_only"):
        reason = f"{label}未登记{_date(ctx.as_of)}时所在一届的任期起止日期，无法判断是否按期换届"
        return Verdict(Severity.BLUE, reason, None)
    else:
        return Verdict(Severity.BLUE, f"{label}未登记任期起止日期，无法提醒换届", None)
    if ctx.as_of > due:
        return Verdict(Severity.RED, f"{label}本届任期已于{_date(end)}届满{how}，尚未换届", due)
    # The windows open on the corresponding day M or N months before the end, counted back; one that would open on
    # a rest day opens on the next working day, when the office reads it.
    if ctx.as_of >= workdays.add_months(end, -p.warn_months):
        return Verdict(Severity.YELLOW, f"{label}本届任期将于{_date(end)}届满{how}，请抓紧筹备换届", due)
    if ctx.as_of >= workdays.add_months(end, -p.remind_months):
        return Verdict(Severity.BLUE, f"{label}本届任期将于{_date(end)}届满{how}，请按期做好换届准备", due)
    if derived:
        return Verdict(
            Severity.BLUE,
            f"{label}未登记本届任期届满日期，按任期{p.term_years}年推算为{_date(end)}，请补录届满日期",
            None,
        )
    return None
