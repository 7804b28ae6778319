"""The Party group's yearly report to the superior Party organisation on its main responsibility (DUTY-009):
the report on a year is due by a configured month and day of the following year.

The report counts by the day it was sent (SuperiorReport.reported_on): a check for an earlier day does not see
it. A report sent after the due date is a recorded fact (as a late 补签 is in DUTY-004): red, kept and counted, no
longer a to-do; the due date is the configured day, moved to the next working day when it is a rest day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.duty.rules.common import CATEGORY, MAIN_BASIS, WARN, annual_due, by_deadline
from qinglian.duty.selectors.people import secretary_of
from qinglian.duty.selectors.reports import RULE_CODE, reports_sent
from qinglian.org.models import Organ

LOOK_BACK = Param(
    "look_back",
    "检查最近几个年度的报告",
    unit="年",
    minimum=1,
    maximum=5,
    help="从上一年度起向前数；上线初期可设为1，只检查上一年度的报告（本年度的报告在提醒期内也会提示）",
)


def collect_reports(ctx: Context) -> Iterator[Subject]:
    """The Party group × each year reported on: the last `look_back` years, and this year (its report falls due
    next year, so it can only come into the warning window late in the year)."""
    organ = Organ.objects.get(pk=ctx.organ_id)
    years = range(ctx.as_of.year - ctx.params.look_back, ctx.as_of.year + 1)
    sent = reports_sent(ctx.organ_id, years, ctx.as_of)
    secretary = secretary_of(ctx.organ_id, ctx.as_of)
    for year in years:
        yield Subject(
            type="org.organ",
            id=str(organ.pk),
            label=f"{organ.short_name or organ.name}党组",
            period=str(year),
            link="/duty/reports/",
            person_id=secretary,
            data={"year": year, "sent": sent.get(year)},
        )


@rule(
    code=RULE_CODE,
    title="党组每年向上级党委报告落实全面从严治党主体责任情况",
    basis=f"{MAIN_BASIS}第十九条（条号待核：党委（党组）每年向上级党组织报告落实主体责任情况）；"
    "报送截止时间为常见做法（次年1月31日前），以上级党委通知为准",
    category=CATEGORY,
    subjects="党组×报告年度",
    severity_policy="超过报送截止日期仍未报送为红色；逾期报送的为红色并作为违规记录在案；截止日期前N个工作日内尚未报送为黄色",
    params=[
        Param("due_month", "次年报送截止月份", unit="月", minimum=1, maximum=12),
        Param("due_day", "次年报送截止日", unit="日", minimum=1, maximum=31, help="遇休息日顺延至下一个工作日"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_reports,
    short="年度主体责任报告未按期报送",
)
def yearly_report(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    year: int = subject.data["year"]
    sent: dt.date | None = subject.data["sent"]
    due = annual_due(year + 1, p.due_month, p.due_day)
    what = f"{subject.label}{year}年度落实全面从严治党主体责任情况报告"
    if sent is not None:
        if sent <= due:
            return None
        return Verdict(
            Severity.RED,
            f"{what}于{sent:%Y年%m月%d日}报送上级党委，晚于报送截止日期{due:%Y年%m月%d日}",
            due,
            recorded=True,
        )
    return by_deadline(
        due=due,
        as_of=ctx.as_of,
        warn=p.warn_working_days,
        late=f"{what}应于{due:%Y年%m月%d日}前报送上级党委，至今未报送",
        soon=f"{what}尚未报送，请于{due:%Y年%m月%d日}前报送上级党委",
    )
