"""主体责任年度报告 (the Party group's yearly report to its superior Party organisation): who sees and records it,
the service's refusals, the pages and the Excel 台账. The rule reading it (DUTY-009) is in test_rules_as_of.py."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.duty.models import SuperiorReport
from qinglian.duty.permissions import access_superior_report
from qinglian.duty.services.reports import superior_report_save

pytestmark = pytest.mark.django_db

D = dt.date

# fmt: off
#            party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "report": "w             -         -          -           r      r          -        -        -",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS))
def test_matrix(request, org, target, persona_name, expected):
    report = SuperiorReport.objects.create(
        organ=org.organ, year=2025, reported_on=D(2026, 1, 20), recipient="中共测试市委", title="报告"
    )
    user = request.getfixturevalue(persona_name)
    check_cell(
        model=SuperiorReport,
        access=access_superior_report,
        user=user,
        obj=report,
        expected=expected,
        label=f"{persona_name} / {target}",
    )


def _new_report(org, **fields) -> SuperiorReport:
    values = {"year": 2025, "reported_on": D(2026, 1, 20), "recipient": "中共测试市委", "title": "报告"} | fields
    return SuperiorReport(organ=org.organ, **values)


def test_the_report_service_refuses_in_chinese(org, party_officer, unit_head):
    with pytest.raises(Forbidden, match="只有机关党委专责人员可以登记主体责任年度报告"):
        superior_report_save(report=_new_report(org), by=unit_head)
    with pytest.raises(InvalidInput, match="报送日期不能晚于今天"):
        superior_report_save(
            report=_new_report(org, reported_on=clock.today() + dt.timedelta(days=1)), by=party_officer
        )
    with pytest.raises(InvalidInput, match="2025年度的报告不能早于2025年报送"):
        superior_report_save(report=_new_report(org, reported_on=D(2024, 12, 30)), by=party_officer)
    with pytest.raises(InvalidInput, match="请填写报送的上级党组织"):
        superior_report_save(report=_new_report(org, recipient="  "), by=party_officer)
    superior_report_save(report=_new_report(org), by=party_officer)
    with pytest.raises(Conflict, match="2025年度的报告已登记"):
        superior_report_save(report=_new_report(org, reported_on=D(2026, 2, 1)), by=party_officer)


def test_the_report_pages_record_show_and_export(client, org, party_officer, supervisor, cadre_same_unit):
    client.force_login(party_officer)
    page = client.get(reverse("duty_reports")).content.decode()
    assert 'data-testid="report-missing"' in page and f"{clock.today().year - 1}年度的报告尚未登记" in page
    form = {
        "year": 2025,
        "reported_on": "2026-02-10",
        "recipient": "中共测试市委",
        "title": "关于2025年度落实全面从严治党主体责任情况的报告",
        "document_no": "测试党组〔2026〕3号",
        "summary": "",
    }
    response = client.post(reverse("duty_report_new"), form)
    report = SuperiorReport.objects.get(organ=org.organ, year=2025)
    assert response.status_code == 302 and response.url == reverse("duty_report", args=[report.pk])
    detail = client.get(response.url).content.decode()
    assert "2026-02-10" in detail and "逾期报送" in detail and "2026-02-02" in detail  # 1/31 is a Saturday
    edit = client.post(reverse("duty_report_edit", args=[report.pk]), {**form, "reported_on": "2026-01-30"})
    assert edit.status_code == 302 and SuperiorReport.objects.get(pk=report.pk).reported_on == D(2026, 1, 30)

    client.force_login(supervisor)
    assert "测试党组〔2026〕3号" in client.get(reverse("duty_reports")).content.decode()
    assert client.get(reverse("duty_report_new")).status_code == 403
    sheet = load_workbook(io.BytesIO(client.get(reverse("duty_reports_export")).content)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert any(row[1] == 2025 and "按期" in row for row in rows)

    client.force_login(cadre_same_unit)
    assert client.get(reverse("duty_reports")).status_code == 403
    assert client.get(reverse("duty_report", args=[report.pk])).status_code == 404
