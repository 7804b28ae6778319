"""PL-021: a democratic-life meeting held outside its usual quarter needs the superior's consent beforehand.

《县以上党和国家机关党员领导干部民主生活会若干规定》: 民主生活会每年召开1次，一般安排在第四季度；提前或延期须报上级
党组织同意. The year's meeting and its steps are read as PL-009/010/016/017 read them
(`leading_group.collect_democratic_life`): the day it was held (`selectors.dlm.dlm_held_on`: the recorded meeting, else
the day the 召开 step was marked) and the day each step was done, as known on the day checked — a consent dated after
that day is not there yet. The consent is the optional step DLMStep.APPROVAL; it must be dated on or before the
meeting (同意 comes before the meeting is moved, not after).
"""

from __future__ import annotations

import datetime as dt

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import look_back
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.partylife.choices import DLMStep
from qinglian.partylife.rules.leading_group import DLM_BASIS, collect_democratic_life

# A quarter of the year, not a length of time: no `period`.
USUAL_QUARTER = Param(
    "usual_quarter", "通常召开季度", unit="季度", minimum=1, maximum=4, help="第几季度（1至4）；规定一般安排在第四季度"
)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


@rule(
    code="PL-021",
    title="民主生活会不在第四季度召开须报上级党组织同意",
    basis=f"{DLM_BASIS}（民主生活会每年召开1次，一般安排在第四季度；提前或延期须报上级党组织同意）",
    category="组织生活",
    subjects="党组×年度",
    severity_policy="会议在通常季度以外召开，会前未登记上级党组织同意调整召开时间（或同意日期晚于会议）为红色，作为违规记录在案",
    params=[USUAL_QUARTER, look_back("年度", "年")],
    collect=collect_democratic_life,
    short="民主生活会调整时间未报批",
)
def democratic_life_timing(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    held_on: dt.date | None = subject.data["meeting_date"]
    if held_on is None or quarter_of(held_on) == p.usual_quarter:
        return None
    approved: dt.date | None = subject.data["steps"].get(DLMStep.APPROVAL)
    if approved is not None and approved <= held_on:
        return None
    where = f"民主生活会于{held_on:%m月%d日}召开（第{quarter_of(held_on)}季度），不在通常安排的第{p.usual_quarter}季度"
    if approved is not None:
        return Verdict(
            Severity.RED,
            f"{where}，上级党组织同意调整召开时间的日期（{approved:%m月%d日}）晚于会议，应在会前报经同意",
            held_on,
            recorded=True,
        )
    # The meeting has been held: consent can no longer come before it (a consent dated before it, entered later,
    # clears the record on the next check).
    return Verdict(Severity.RED, f"{where}，未登记会前报上级党组织同意调整召开时间", held_on, recorded=True)
