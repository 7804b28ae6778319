"""A unit's task page: 认领, progress reports, 销号 and 退回 through the page, with the refusals in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qinglian.duty.choices import Recurrence, TaskStatus
from qinglian.duty.models import DutyAssignment, ProgressReport
from qinglian.duty.tests import test_pages_lists
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, evidence_on
from qinglian.evidence.models import Evidence
from qinglian.evidence.tests.files import exe_bytes, pdf_bytes, png_bytes, upload

ledger = test_pages_lists.ledger  # the shared fixture


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Files uploaded with a report are stored under the test's own directory, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _page(client, user, task: DutyAssignment) -> str:
    client.force_login(user)
    response = client.get(reverse("duty_task", args=[task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _post(client, user, name: str, task: DutyAssignment, data: dict | None = None, follow: bool = True):
    client.force_login(user)
    return client.post(reverse(name, args=[task.pk]), data or {}, follow=follow)


def _fresh(task: DutyAssignment) -> DutyAssignment:
    return DutyAssignment.objects.get(pk=task.pk)


def _report(**extra) -> dict:
    return {"date": timezone.localdate().isoformat(), "content": "已召开专题会议部署", "percent": "60", **extra}


# --- the page -------------------------------------------------------------------------------------------


def test_the_task_page_shows_the_item_status_siblings_and_history(client, ledger, cadre_other_unit):
    html = _page(client, cadre_other_unit, ledger.b2)
    assert 'data-testid="task-status">逾期' in html
    assert "2. 开展廉政风险点排查" in html and "研究室（牵头）" in html
    assert "修改记录" in html and 'data-testid="report-form"' in html
    html = _page(client, cadre_other_unit, ledger.b1)
    assert "办公室（牵头）· 已完成" in html  # the other unit of the same item


def test_a_cadre_of_another_unit_reads_the_task_but_cannot_act(client, ledger, cadre_other_unit):
    html = _page(client, cadre_other_unit, ledger.a1)
    for testid in ("report-form", "claim", "confirm", "supervise"):
        assert f'data-testid="{testid}"' not in html


def test_the_supervise_link_is_for_the_office_and_leaders(client, ledger, leader, party_officer, unit_head):
    url = f'href="/duty/notices/new/?assignment={ledger.b2.pk}"'
    assert url in _page(client, leader, ledger.b2)
    assert url in _page(client, party_officer, ledger.b2)
    assert url not in _page(client, unit_head, ledger.b2)


def test_a_recurring_task_prefills_the_period(client, ledger, org, cadre_same_unit):
    item = DutyItemFactory(duty_list=ledger.duty_list, recurrence=Recurrence.MONTHLY, content="每月报送意识形态动态")
    task = AssignmentFactory(item=item, unit=org.unit_a)
    today = timezone.localdate()
    html = _page(client, cadre_same_unit, task)
    assert f'value="{today:%Y-%m}"' in html and 'name="period"' in html


# --- 认领 -------------------------------------------------------------------------------------------------


def test_the_unit_head_claims_the_units_task(client, ledger, unit_head):
    task = AssignmentFactory(item=ledger.item2, unit=ledger.a1.unit, role="co")
    assert 'data-testid="claim"' in _page(client, unit_head, task)
    response = _post(client, unit_head, "duty_task_claim", task)
    assert "办公室已认领该任务" in response.content.decode()
    task = _fresh(task)
    assert task.claimed_by == unit_head and task.claimed_at is not None
    response = _post(client, unit_head, "duty_task_claim", task)
    assert "该任务已认领" in response.content.decode()


def test_a_cadre_cannot_claim(client, ledger, cadre_other_unit):
    response = _post(client, cadre_other_unit, "duty_task_claim", ledger.b2)
    assert "只有本委室负责人可以认领任务" in response.content.decode()
    assert _fresh(ledger.b2).claimed_at is None


def test_claiming_needs_post(client, ledger, unit_head):
    client.force_login(unit_head)
    assert client.get(reverse("duty_task_claim", args=[ledger.a1.pk])).status_code == 405


# --- progress ----------------------------------------------------------------------------------------------


def test_a_cadre_reports_progress_and_then_completion(client, ledger, cadre_other_unit):
    response = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report())
    assert "已报送进展" in response.content.decode()
    task = _fresh(ledger.b2)
    assert task.status == TaskStatus.IN_PROGRESS and task.claimed_by == cadre_other_unit
    report = ProgressReport.objects.get(assignment=task)
    assert report.percent == 60 and report.reported_by == cadre_other_unit
    final = _report(percent="90", is_final="on", files=[upload("完成情况.pdf", pdf_bytes())])
    response = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, final)
    assert "已报告完成，佐证材料1份，待确认销号" in response.content.decode()
    task = _fresh(ledger.b2)
    assert task.status == TaskStatus.COMPLETED and task.completed_on == timezone.localdate()
    assert ProgressReport.objects.filter(assignment=task).latest("id").percent == 100  # final one-off = 100%
    html = _page(client, cadre_other_unit, task)
    assert "已召开专题会议部署" in html and "报告完成" in html


def test_a_report_takes_its_files_in_the_same_form(client, ledger, cadre_other_unit):
    files = [upload("会议纪要.pdf", pdf_bytes()), upload("现场照片.png", png_bytes())]
    response = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report(files=files))
    html = response.content.decode()
    assert "已报送进展，佐证材料2份" in html
    report = ProgressReport.objects.get(assignment=ledger.b2)
    assert sorted(e.original_name for e in Evidence.objects.for_target(report)) == ["会议纪要.pdf", "现场照片.png"]
    assert "本次报送的佐证材料（2份）" in html
    assert 'data-testid="evidence-count">共2份（任务0份，进展报告2份）' in html


def test_the_report_form_is_one_multipart_form_with_a_file_input(client, ledger, cadre_other_unit):
    html = _page(client, cadre_other_unit, ledger.b2)
    form = html.split('data-testid="report-form"')[1].split("</form>")[0]
    assert 'enctype="multipart/form-data"' in form and 'type="file" name="files"' in form and "multiple" in form


def test_the_percent_starts_from_the_last_report(client, ledger, cadre_other_unit):
    assert 'name="percent" value="0"' in _page(client, cadre_other_unit, ledger.b2)
    _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report(percent="45"))
    assert 'name="percent" value="45"' in _page(client, cadre_other_unit, ledger.b2)


def test_completion_without_evidence_is_refused_in_chinese(client, ledger, cadre_other_unit):
    response = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report(is_final="on"))
    assert response.status_code == 400
    assert "申请销号须有佐证材料" in response.content.decode()
    assert not ProgressReport.objects.exists() and _fresh(ledger.b2).status == TaskStatus.NOT_STARTED


def test_completion_with_evidence_already_on_the_task_needs_no_new_file(client, ledger, cadre_other_unit):
    evidence_on(ledger.b2, cadre_other_unit)
    response = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report(is_final="on"))
    assert "已报告完成，待确认销号" in response.content.decode()
    assert _fresh(ledger.b2).status == TaskStatus.COMPLETED


def test_a_refused_file_keeps_the_report_but_holds_the_completion(client, ledger, cadre_other_unit):
    data = _report(is_final="on", files=[upload("完成情况.pdf.exe", exe_bytes())])
    html = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, data).content.decode()
    assert "未上传：完成情况.pdf.exe：" in html and "尚未申请销号" in html
    report = ProgressReport.objects.get(assignment=ledger.b2)
    assert not report.is_final and report.percent == 60
    assert _fresh(ledger.b2).status == TaskStatus.IN_PROGRESS
    assert not Evidence.objects.exists()


def test_an_oversized_file_stops_the_whole_report(client, ledger, cadre_other_unit, settings):
    settings.QINGLIAN_EVIDENCE_MAX_BYTES = 1024
    data = _report(files=[upload("扫描件.pdf", pdf_bytes("很长" * 2000))])
    response = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "文件超过大小上限（1 KB）" in html and "本次进展未报送" in html
    assert "已召开专题会议部署" in html  # what was typed is still in the form
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_the_report_form_still_checks_the_csrf_token(ledger, cadre_other_unit):
    """The view installs the upload size limit before reading the body, so it checks CSRF itself (csrf_protect)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cadre_other_unit)
    response = client.post(reverse("duty_task_report", args=[ledger.b2.pk]), _report())
    assert response.status_code == 403 and not ProgressReport.objects.exists()


def test_another_units_cadre_is_refused_with_403(client, ledger, cadre_same_unit):
    response = _post(client, cadre_same_unit, "duty_task_report", ledger.b2, _report(), follow=False)
    assert response.status_code == 403
    assert "只有责任委室或机关党委专责人员可以报送进展" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_future_date_and_an_empty_report_are_refused(client, ledger, cadre_other_unit):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    html = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report(date=tomorrow)).content.decode()
    assert "报送日期不能晚于今天" in html
    html = _post(client, cadre_other_unit, "duty_task_report", ledger.b2, _report(content="  ")).content.decode()
    assert "进展情况" in html and not ProgressReport.objects.exists()


def test_a_closed_task_takes_no_more_reports(client, ledger, cadre_same_unit):
    assert 'data-testid="report-form"' not in _page(client, cadre_same_unit, ledger.a3)
    response = _post(client, cadre_same_unit, "duty_task_report", ledger.a3, _report(), follow=False)
    assert "任务已销号，不能再报送" in response.content.decode()


# --- 销号 and 退回 -------------------------------------------------------------------------------------------


def test_the_lead_leader_confirms_a_completed_task(client, ledger, leader):
    html = _page(client, leader, ledger.a1)
    assert 'data-testid="confirm"' in html and 'data-testid="return"' in html
    response = _post(client, leader, "duty_task_confirm", ledger.a1)
    assert "已确认销号" in response.content.decode()
    task = _fresh(ledger.a1)
    assert task.status == TaskStatus.CLOSED and task.confirmed_by == leader


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("unit_head", "您是该事项责任委室的负责人，不能确认销号"),
        ("cadre_same_unit", "只有机关党委专责人员或牵头领导可以确认销号"),
    ],
)
def test_the_unit_itself_cannot_confirm(client, ledger, persona, name, reason):
    user = persona(name)
    assert 'data-testid="confirm"' not in _page(client, user, ledger.a1)
    response = _post(client, user, "duty_task_confirm", ledger.a1)
    assert reason in response.content.decode()
    assert _fresh(ledger.a1).status == TaskStatus.COMPLETED


def test_only_a_completed_task_can_be_confirmed(client, ledger, party_officer):
    response = _post(client, party_officer, "duty_task_confirm", ledger.b1)
    assert "只有已报告完成的任务可以销号" in response.content.decode()


def test_the_office_returns_a_task_with_a_reason(client, ledger, party_officer):
    response = _post(client, party_officer, "duty_task_return", ledger.a3, {"reason": ""})
    assert "请填写退回理由" in response.content.decode()
    assert _fresh(ledger.a3).status == TaskStatus.CLOSED
    response = _post(client, party_officer, "duty_task_return", ledger.a3, {"reason": "佐证材料不全"})
    assert "已退回办公室：佐证材料不全" in response.content.decode()
    task = _fresh(ledger.a3)
    assert task.status == TaskStatus.IN_PROGRESS and task.confirmed_at is None
    assert "推进中" in _page(client, party_officer, task).split("修改记录")[1]


def test_an_invisible_task_is_404(client, ledger, cadre_same_unit):
    client.force_login(cadre_same_unit)
    assert client.get(reverse("duty_task", args=[999999])).status_code == 404
