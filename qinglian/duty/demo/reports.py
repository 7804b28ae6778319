"""The Party group's yearly reports to the 市委 on its main responsibility (DUTY-009), as the demo organ's own list
has it: "向市委报送上年度落实全面从严治党主体责任情况报告" by 15 March, after the Party group's March meeting has
reviewed it (demo/agenda.py).

So the organ keeps its own parameter set for DUTY-009 (本机关: 3月15日, in place of the common 1月31日), and
records each report the working day after that meeting — except last year's, sent a week past the date after
the meeting asked for changes: the one slip left for the rule. No random draws: the other steps' choices stay
as they were.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.compliance.params import parameter_set_save
from qinglian.core import clock, workdays
from qinglian.core.demo_days import moment
from qinglian.duty.demo.agenda import REPORT_REVIEW
from qinglian.duty.demo.state import DutyDemo
from qinglian.duty.models import SuperiorReport
from qinglian.duty.rules.common import annual_due
from qinglian.duty.selectors.reports import RULE_CODE
from qinglian.duty.services.reports import superior_report_save
from qinglian.partylife.choices import Holder
from qinglian.partylife.models import Meeting

DUE = (3, 15)  # the organ's list: by 15 March of the following year
LATE_BY = 6  # working days past the date the slipped report went out


def build(dd: DutyDemo) -> Counter:
    counts: Counter = Counter()
    last = dd.years[0]
    _own_deadline(dd)
    for year in (last - 1, last):
        reviewed = _review_meeting(dd, year + 1)
        if reviewed is None:
            continue
        due = annual_due(year + 1, *DUE)
        sent = workdays.add_working_days(due, LATE_BY) if year == last else workdays.next_working_day(reviewed)
        if sent <= dd.today:
            _record(dd, year, sent)
            counts["reports"] += 1
        if year == last and due < dd.today:  # sent late, or (in the days before it went) not sent yet
            dd.slips.late_report = year
    return counts


def _own_deadline(dd: DutyDemo) -> None:
    with clock.replaying(moment(dt.date(dd.years[0], 1, 5), 10)):
        parameter_set_save(
            rule_code=RULE_CODE,
            jurisdiction=Jurisdiction.ORGAN,
            organ=dd.organ,
            effective_from=dt.date(dd.years[0], 1, 1),
            values={"due_month": DUE[0], "due_day": DUE[1], "warn_working_days": 10, "look_back": 2},
            source="本机关年度全面从严治党主体责任清单：向市委报送上年度落实全面从严治党主体责任情况报告（3月15日前）",
            confidence=Confidence.HIGH,
            note="按市委要求和本机关清单设置",
            by=dd.officer,
        )


def _review_meeting(dd: DutyDemo, year: int) -> dt.date | None:
    """The day of `year`'s Party group meeting that reviewed the report on the year before, if it was held."""
    meetings = Meeting.objects.filter(
        organ=dd.organ, holder=Holder.LEADING_GROUP, date__year=year, agenda__title=REPORT_REVIEW
    )
    return meetings.order_by("date").values_list("date", flat=True).first()


def _record(dd: DutyDemo, year: int, sent: dt.date) -> None:
    city = dd.organ.region or "本市"
    group = dd.organ.name.removesuffix("机关")  # 临江市人大常委会
    report = SuperiorReport(
        organ=dd.organ,
        year=year,
        reported_on=sent,
        recipient=f"中共{city}委",
        title=f"中共{group}党组关于{year}年度落实全面从严治党主体责任情况的报告",
        document_no=f"{group}党组〔{year + 1}〕3号",
        summary="报告经党组会议审议，内容包括落实主体责任清单、党风廉政建设、意识形态工作责任制和"
        "存在问题及下一步措施，同时抄送市纪委监委。",
    )
    with clock.replaying(moment(sent, 10)):
        superior_report_save(report=report, by=dd.officer)
