"""The duty demo's evidence (duty/demo/evidence.py): every progress report carries its material, every task reported
done — whether 销号 yet or not — its 工作台账 on the task and its 完成情况报告 on the final report, every signed
责任书 its signed and sealed copy, every 党组会议 its minutes; each file stored encrypted and, decrypted, the kind
its row declares. Reads the session's shared build (test_demo.ORGAN)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from qinglian.duty.choices import TaskStatus
from qinglian.duty.models import DutyAssignment, ProgressReport, ResponsibilityLetter
from qinglian.duty.tests.test_demo import ORGAN, TODAY
from qinglian.evidence.models import Evidence
from qinglian.evidence.tests.demo_checks import (
    assert_opens_for_its_uploader,
    assert_stored_as_declared,
    files_of,
)
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.models import Meeting

DONE = (TaskStatus.COMPLETED, TaskStatus.CLOSED)


@pytest.mark.demo_build(ORGAN)
class TestDutyEvidence:
    def test_every_task_reported_done_has_its_ledger_and_its_completion_report(self, shared_demo):
        tasks = DutyAssignment.objects.filter(organ=shared_demo.organ, status__in=DONE)
        assert tasks.filter(status=TaskStatus.CLOSED, item__duty_list__year=TODAY.year).exists()
        assert tasks.filter(status=TaskStatus.CLOSED, item__duty_list__year=TODAY.year - 1).exists()
        on_tasks = files_of(DutyAssignment, tasks.values_list("pk", flat=True))
        finals = ProgressReport.objects.filter(assignment__in=tasks, is_final=True)
        on_reports = files_of(ProgressReport, finals.values_list("pk", flat=True))
        assert {task.pk for task in tasks} == set(on_tasks)
        assert {report.pk for report in finals} == set(on_reports)
        assert set(finals.values_list("assignment_id", flat=True)) == set(on_tasks)
        assert all(f.original_name.endswith("工作台账.pdf") for files in on_tasks.values() for f in files)
        assert all(f.original_name.endswith("完成情况报告.pdf") for files in on_reports.values() for f in files)

    def test_every_progress_report_sends_its_material(self, shared_demo):
        reports = ProgressReport.objects.filter(organ=shared_demo.organ, is_final=False)
        files = files_of(ProgressReport, reports.values_list("pk", flat=True))
        assert reports.count() > 150 and set(files) == set(reports.values_list("pk", flat=True))
        assert all(len(rows) == 1 and "进展情况" in rows[0].original_name for rows in files.values())

    def test_open_tasks_carry_no_made_up_evidence(self, shared_demo):
        open_tasks = DutyAssignment.objects.filter(organ=shared_demo.organ).exclude(status__in=DONE)
        assert open_tasks.exists() and not files_of(DutyAssignment, open_tasks.values_list("pk", flat=True))

    def test_every_signed_letter_has_its_signed_copy_and_no_unsigned_one_has(self, shared_demo):
        letters = ResponsibilityLetter.objects.filter(organ=shared_demo.organ)
        signed = letters.filter(signed_on__isnull=False)
        files = files_of(ResponsibilityLetter, letters.values_list("pk", flat=True))
        assert set(files) == set(signed.values_list("pk", flat=True)) and signed.count() > 250
        for letter in signed:
            [copy] = files[letter.pk]
            # Scanned and uploaded the day it was signed.
            assert copy.kind == "pdf" and timezone.localdate(copy.uploaded_at) == letter.signed_on, letter

    def test_every_party_group_meeting_has_its_minutes(self, shared_demo):
        meetings = Meeting.objects.filter(organ=shared_demo.organ, kind=MeetingKind.LEADING_GROUP_MEETING)
        files = files_of(Meeting, meetings.values_list("pk", flat=True))
        assert meetings.count() >= 20 and set(files) == set(meetings.values_list("pk", flat=True))

    def test_every_file_is_encrypted_and_what_its_row_declares(self, shared_demo):
        rows = Evidence.objects.filter(organ=shared_demo.organ).exclude(content_type__app_label="partylife")
        assert rows.count() > 500
        for evidence in rows:
            assert_stored_as_declared(evidence)

    def test_files_open_through_the_service_for_whoever_uploaded_them(self, shared_demo):
        rows = Evidence.objects.filter(organ=shared_demo.organ, content_type__app_label="duty")
        # One file of every record type and uploader: the uploader may write the record, the file opens.
        sample = {}
        for evidence in rows.order_by("id"):
            sample.setdefault((evidence.content_type_id, evidence.uploaded_by_id), evidence)
        assert len(sample) >= 4
        for evidence in sample.values():
            assert_opens_for_its_uploader(evidence)
