"""Two people for every decision in the duty ledgers (issue #13 item 4): a task's 销号 or 退回 is never decided by the
unit answering for it, by whoever claimed it or by whoever reported it completed; a 督办单 is never closed by the
unit under oversight or by whoever replied for it. The service refuses with the reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import _staff
from qinglian.core.errors import Forbidden
from qinglian.duty.choices import NoticeStatus, TaskStatus
from qinglian.duty.models import DutyAssignment, OversightNotice
from qinglian.duty.permissions import can_confirm
from qinglian.duty.services.notices import notice_close, notice_issue, notice_reply
from qinglian.duty.services.tasks import assignment_claim, assignment_confirm, assignment_return, progress_report
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, evidence_on
from qinglian.org.choices import Role


@pytest.fixture
def task(org):
    return AssignmentFactory(item=DutyItemFactory(duty_list=DutyListFactory(organ=org.organ)), unit=org.unit_a)


@pytest.fixture
def other_officer(org):
    return _staff(org, "other_officer", org.unit_b, Role.PARTY_OFFICER)


def _complete(task, by):
    evidence_on(task, by)  # 申请销号 needs evidence
    progress_report(assignment=task, by=by, date=timezone.localdate(), content="已完成", percent=100, is_final=True)


def test_the_officer_who_reported_a_task_completed_does_not_confirm_it(task, party_officer, other_officer):
    _complete(task, party_officer)  # the office may report for a unit
    assert not can_confirm(party_officer, task)
    with pytest.raises(Forbidden, match="该事项由您本人提出或报送，不能确认销号"):
        assignment_confirm(assignment=task, by=party_officer)
    with pytest.raises(Forbidden, match="该事项由您本人提出或报送，不能退回"):
        assignment_return(assignment=task, by=party_officer, reason="材料不全")
    assert DutyAssignment.objects.get(pk=task.pk).status == TaskStatus.COMPLETED
    assignment_confirm(assignment=task, by=other_officer)
    assert DutyAssignment.objects.get(pk=task.pk).confirmed_by == other_officer


def test_an_officer_heading_the_responsible_unit_does_not_confirm_its_task(org, task, unit_head, other_officer):
    head_officer = _staff(org, "head_officer", org.unit_a, Role.PARTY_OFFICER, Role.UNIT_HEAD, head_of=org.unit_a)
    _complete(task, unit_head)
    with pytest.raises(Forbidden, match="您是该事项责任委室的负责人，不能确认销号"):
        assignment_confirm(assignment=task, by=head_officer)
    assignment_confirm(assignment=task, by=other_officer)


def test_whoever_claimed_the_task_does_not_confirm_it(org, task, other_officer):
    claimer = _staff(org, "claimer", org.unit_b, Role.PARTY_OFFICER, Role.UNIT_HEAD, head_of=org.unit_a)
    assignment_claim(assignment=task, by=claimer)
    assert not can_confirm(claimer, task)


def test_the_officer_who_replied_to_a_notice_does_not_close_it(org, task, party_officer, other_officer):
    today = timezone.localdate()
    notice = notice_issue(
        notice=OversightNotice(
            organ=org.organ,
            number="",
            assignment=task,
            unit=org.unit_a,
            issued_on=today,
            reason="任务推进滞后",
            reply_due=today + dt.timedelta(days=7),
        ),
        by=other_officer,
    )
    notice_reply(notice=notice, by=party_officer, reply="已督促委室整改")
    with pytest.raises(Forbidden, match="该事项由您本人提出或报送，不能办结该督办单"):
        notice_close(notice=notice, by=party_officer)
    assert OversightNotice.objects.get(pk=notice.pk).status == NoticeStatus.REPLIED
    notice_close(notice=notice, by=other_officer)
    assert OversightNotice.objects.get(pk=notice.pk).status == NoticeStatus.CLOSED
