"""逾期 on the pages and in the API counts a due date on a rest day the way the rules do (民法典 Art.203): a task due
during the National Day holiday is still in time on the first working day after it, and overdue the day after."""

from __future__ import annotations

import datetime as dt

from qinglian.duty.models import DutyAssignment
from qinglian.duty.selectors.notices import is_overdue
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, NoticeFactory

HOLIDAY = dt.date(2026, 10, 3)  # National Day 10-01…10-07: runs to Thursday 10-08
IN_TIME, LATE = dt.date(2026, 10, 8), dt.date(2026, 10, 9)


def test_a_task_due_in_a_holiday_is_overdue_only_after_the_next_working_day(org):
    item = DutyItemFactory(duty_list=DutyListFactory(organ=org.organ, year=2026), deadline=HOLIDAY)
    task = AssignmentFactory(item=item, unit=org.unit_a)
    assert not task.is_overdue(IN_TIME) and task.is_overdue(LATE)
    assert not DutyAssignment.objects.overdue(IN_TIME).exists()
    assert list(DutyAssignment.objects.overdue(LATE)) == [task]


def test_a_notice_due_in_a_holiday_is_overdue_only_after_the_next_working_day(org):
    notice = NoticeFactory(organ=org.organ, unit=org.unit_a, issued_on=dt.date(2026, 9, 28), reply_due=HOLIDAY)
    assert not is_overdue(notice, IN_TIME) and is_overdue(notice, LATE)
