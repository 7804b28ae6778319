"""The list and its tasks: 印发, items and their units, copying a year, and a task's life — claim, report,
confirm (销号), return — with each refusal; and 一岗双责: open items follow a change of 分管领导.

Letters, 督办单, 约谈 and agenda tags are in test_services_oversight.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence, TaskStatus
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, ProgressReport
from qinglian.duty.selectors.tasks import evidence_counts, last_percent
from qinglian.duty.services.lists import duty_list_copy, duty_list_publish, duty_list_save, item_save
from qinglian.duty.services.tasks import (
    assignment_claim,
    assignment_confirm,
    assignment_return,
    period_key,
    progress_report,
    supervision_change,
)
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, evidence_on
from qinglian.org.models import LeadingGroupMember
from qinglian.org.tests.factories import PersonFactory

D = dt.date


@pytest.fixture
def member(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=D(2020, 1, 1))
    return leader


@pytest.fixture
def task(org, member):
    """A unit-A task of a published list of this year; the item is led by `leader`."""
    item = DutyItemFactory(duty_list=DutyListFactory(organ=org.organ), lead_leader=member.person)
    return AssignmentFactory(item=item, unit=org.unit_a)


def _report(task, by, *, final=False, percent=50):
    if final:
        evidence_on(task, by)  # 申请销号 needs evidence
    return progress_report(
        assignment=task, by=by, date=timezone.localdate(), content="已召开专题会议部署", percent=percent, is_final=final
    )


# --- the list ---------------------------------------------------------------------------------------


def test_a_list_is_published_only_with_items_that_have_a_lead_unit(org, party_officer, unit_head):
    duty_list = duty_list_save(duty_list=DutyList(organ=org.organ, year=2026, title=""), by=party_officer)
    assert duty_list.title == "2026年全面从严治党主体责任清单"
    with pytest.raises(Forbidden):
        duty_list_publish(duty_list=duty_list, by=unit_head)
    with pytest.raises(InvalidInput, match="还没有任何事项"):
        duty_list_publish(duty_list=duty_list, by=party_officer)
    DutyItemFactory(duty_list=duty_list, order=7)  # no unit
    with pytest.raises(InvalidInput, match="第7项尚未指定牵头委室"):
        duty_list_publish(duty_list=duty_list, by=party_officer)
    with pytest.raises(InvalidInput, match="2026年的责任清单已存在"):
        duty_list_save(duty_list=DutyList(organ=org.organ, year=2026, title="重复"), by=party_officer)


def test_item_save_keeps_the_units_tasks_in_step_and_a_removed_unit_keeps_its_history(org, party_officer, member):
    duty_list = DutyListFactory(organ=org.organ, year=2026, status=ListStatus.DRAFT, published_on=None)
    item = DutyItem(duty_list=duty_list, content="开展警示教育", deadline=D(2026, 6, 30), lead_leader=member.person)
    item_save(item=item, by=party_officer, lead_unit_id=org.unit_a.pk, co_unit_ids=[org.unit_b.pk])
    roles = dict(DutyAssignment.objects.filter(item=item).values_list("unit_id", "role"))
    assert roles == {org.unit_a.pk: AssignmentRole.LEAD, org.unit_b.pk: AssignmentRole.CO}
    item_save(item=item, by=party_officer, lead_unit_id=org.unit_b.pk)
    assert dict(DutyAssignment.objects.filter(item=item).values_list("unit_id", "role")) == {org.unit_b.pk: "lead"}
    assert DutyAssignment.all_objects.get(item=item, unit=org.unit_a).deleted_at is not None
    with pytest.raises(InvalidInput, match="牵头委室不能同时是配合委室"):
        item_save(item=item, by=party_officer, lead_unit_id=org.unit_a.pk, co_unit_ids=[org.unit_a.pk])
    with pytest.raises(InvalidInput, match="一次性任务须填写完成时限"):
        item.deadline = None
        item_save(item=item, by=party_officer, lead_unit_id=org.unit_a.pk)
    outsider = PersonFactory(organ=org.organ, unit=org.unit_a)
    with pytest.raises(InvalidInput, match="牵头领导应为党组成员"):
        item.deadline, item.lead_leader = D(2026, 6, 30), outsider
        item_save(item=item, by=party_officer, lead_unit_id=org.unit_a.pk)


def test_copying_a_year_moves_dates_and_leaves_progress_behind(org, party_officer, unit_head, task):
    _report(task, unit_head, final=True)
    source = task.item.duty_list
    source.year, source.title = 2025, "2025年全面从严治党主体责任清单"
    source.save()
    task.item.deadline = D(2025, 2, 28)
    task.item.save()
    copy = duty_list_copy(source=source, year=2026, by=party_officer)
    assert (copy.title, copy.status, copy.based_on_id) == ("2026年全面从严治党主体责任清单", "draft", source.pk)
    new_task = DutyAssignment.objects.get(item__duty_list=copy)
    assert new_task.item.deadline == D(2026, 2, 28) and new_task.unit_id == org.unit_a.pk
    assert new_task.status == TaskStatus.NOT_STARTED and not new_task.reports.exists()


# --- a task's life ------------------------------------------------------------------------------------


def test_a_unit_head_claims_once_and_a_cadre_may_not_claim(task, unit_head, cadre_same_unit):
    with pytest.raises(Forbidden):
        assignment_claim(assignment=task, by=cadre_same_unit)
    assignment_claim(assignment=task, by=unit_head)
    assert task.claimed_by == unit_head and task.claimed_at is not None
    with pytest.raises(InvalidInput, match="该任务已认领"):
        assignment_claim(assignment=task, by=unit_head)


def test_nothing_is_claimed_or_reported_on_an_unpublished_list(task, unit_head):
    task.item.duty_list.status = ListStatus.DRAFT
    task.item.duty_list.save()
    with pytest.raises(InvalidInput, match="清单尚未印发"):
        _report(task, unit_head)
    with pytest.raises(InvalidInput, match="清单尚未印发"):
        assignment_claim(assignment=task, by=unit_head)
    assert not ProgressReport.objects.exists()


def test_reports_start_then_complete_a_task_and_only_the_unit_or_the_office_reports(
    task, unit_head, cadre_same_unit, cadre_other_unit
):
    with pytest.raises(Forbidden):
        _report(task, cadre_other_unit)
    first = _report(task, cadre_same_unit)
    assert task.status == TaskStatus.IN_PROGRESS and task.claimed_by == cadre_same_unit and first.period == ""
    final = _report(task, unit_head, final=True, percent=80)
    assert final.percent == 100  # a one-off task reported done is done
    assert task.status == TaskStatus.COMPLETED and task.completed_on == timezone.localdate()
    with pytest.raises(InvalidInput, match="完成进度"):
        _report(task, unit_head, percent=101)


def test_a_final_report_needs_evidence_on_the_task_or_its_reports(task, unit_head):
    first = _report(task, unit_head)
    with pytest.raises(InvalidInput, match="申请销号须有佐证材料"):
        progress_report(
            assignment=task, by=unit_head, date=timezone.localdate(), content="完成", percent=100, is_final=True
        )
    assert task.status == TaskStatus.IN_PROGRESS and task.reports.count() == 1
    gone = evidence_on(first, unit_head)
    gone.deleted_at = timezone.now()
    gone.save()  # a deleted file is no evidence
    with pytest.raises(InvalidInput, match="申请销号须有佐证材料"):
        progress_report(
            assignment=task, by=unit_head, date=timezone.localdate(), content="完成", percent=100, is_final=True
        )
    evidence_on(first, unit_head, name="会议纪要.pdf")  # on an earlier report
    progress_report(
        assignment=task, by=unit_head, date=timezone.localdate(), content="完成", percent=100, is_final=True
    )
    assert task.status == TaskStatus.COMPLETED


def test_a_final_report_with_its_files_is_final_once_a_file_is_kept(task, unit_head, settings, tmp_path):
    from qinglian.evidence.tests.files import exe_bytes, pdf_bytes, upload

    settings.MEDIA_ROOT = tmp_path / "media"
    day = timezone.localdate()
    kept = progress_report(
        assignment=task, by=unit_head, date=day, content="已完成", percent=80, is_final=True,
        files=[upload("纪要.pdf", pdf_bytes()), upload("病毒.exe", exe_bytes())],
    )  # fmt: skip
    assert (kept.is_final, kept.percent, kept.held, len(kept.attached)) == (True, 100, False, 1)
    assert kept.refused and kept.refused[0].startswith("病毒.exe：")
    assert task.status == TaskStatus.COMPLETED and task.completed_on == day


def test_a_final_report_whose_files_are_all_refused_stays_a_progress_report(task, unit_head, settings, tmp_path):
    from qinglian.evidence.tests.files import exe_bytes, upload

    settings.MEDIA_ROOT = tmp_path / "media"
    held = progress_report(
        assignment=task, by=unit_head, date=timezone.localdate(), content="已完成", percent=80, is_final=True,
        files=[upload("病毒.exe", exe_bytes())],
    )  # fmt: skip
    held.refresh_from_db()
    assert (held.is_final, held.percent) == (False, 80)
    assert task.status == TaskStatus.IN_PROGRESS and task.completed_on is None


def test_the_evidence_counts_and_the_last_percent(task, unit_head):
    assert last_percent(task) == 0
    first = _report(task, unit_head, percent=45)
    evidence_on(task, unit_head)
    evidence_on(first, unit_head, name="a.pdf")
    evidence_on(first, unit_head, name="b.pdf")
    counts = evidence_counts(task)
    assert (counts.on_task, counts.by_report, counts.total) == (1, {first.pk: 2}, 3)
    assert last_percent(task) == 45


def test_a_recurring_report_is_filed_under_its_period(org, unit_head, member):
    item = DutyItemFactory(duty_list=DutyListFactory(organ=org.organ), recurrence=Recurrence.QUARTERLY, deadline=None)
    task = AssignmentFactory(item=item, unit=org.unit_a)
    report = _report(task, unit_head)
    today = timezone.localdate()
    assert report.period == f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    assert period_key(item, D(2026, 2, 14)) == "2026-Q1"


def test_confirmation_is_not_for_the_unit_itself_and_only_after_completion(task, unit_head, party_officer, member):
    _report(task, unit_head)
    with pytest.raises(InvalidInput, match="只有已报告完成的任务可以销号"):
        assignment_confirm(assignment=task, by=party_officer)
    _report(task, unit_head, final=True)
    with pytest.raises(Forbidden):
        assignment_confirm(assignment=task, by=unit_head)
    assignment_confirm(assignment=task, by=member)  # the item's lead leader
    assert task.status == TaskStatus.CLOSED and task.confirmed_by == member
    with pytest.raises(InvalidInput, match="任务已销号"):
        _report(task, unit_head)


def test_a_return_needs_a_reason_and_puts_it_on_record(task, unit_head, party_officer):
    _report(task, unit_head, final=True)
    with pytest.raises(InvalidInput, match="请填写退回理由"):
        assignment_return(assignment=task, by=party_officer, reason="  ")
    with pytest.raises(Forbidden):
        assignment_return(assignment=task, by=unit_head, reason="自己退回")
    assignment_return(assignment=task, by=party_officer, reason="佐证材料不全")
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.completed_on is None
    latest = task.history.first()
    assert latest.history_change_reason == "退回：佐证材料不全" and latest.history_user == party_officer


# --- 一岗双责: a new 分管领导 takes over the open items ------------------------------------------------


def test_a_change_of_supervision_moves_only_the_old_leaders_open_items_of_that_unit(org, member, party_officer):
    """`leader` supervises unit B (since 2023). A new leader takes B over: the open items `leader` led for B
    move with history; a closed one, one where B only co-operates, and another leader's stay."""
    other = PersonFactory(organ=org.organ, unit=org.unit_a, name="另一领导")
    successor = PersonFactory(organ=org.organ, unit=org.unit_a, name="新分管领导")
    for person in (other, successor):
        LeadingGroupMember.objects.create(organ=org.organ, person=person, post="member", start=D(2020, 1, 1))
    duty_list = DutyListFactory(organ=org.organ)

    def item(leader, status=TaskStatus.IN_PROGRESS, lead_unit=org.unit_b):
        row = DutyItemFactory(duty_list=duty_list, lead_leader=leader)
        AssignmentFactory(item=row, unit=lead_unit, status=status)
        if lead_unit != org.unit_b:
            AssignmentFactory(item=row, unit=org.unit_b, role=AssignmentRole.CO)
        return row

    moving = item(member.person)
    done = item(member.person, status=TaskStatus.CLOSED)
    co_only = item(member.person, lead_unit=org.unit_a)
    others = item(other)

    supervision_change(unit=org.unit_b, leader=successor, start=D(2026, 11, 1), by=party_officer)

    leaders = {row.pk: row.lead_leader_id for row in DutyItem.objects.all()}
    assert leaders[moving.pk] == successor.pk
    assert (leaders[done.pk], leaders[co_only.pk], leaders[others.pk]) == (member.person_id,) * 2 + (other.pk,)
    record = moving.history.first()
    assert record.history_change_reason == "分管调整，牵头领导随之变更" and record.history_user == party_officer
    assert record.prev_record.lead_leader_id == member.person_id
