"""个人有关事项报告 pages and API as their users work them: the cadre files their own report with the scan, the
personnel officer records, receives, keeps the extra list, draws and verifies, records outcomes, exports the year
and imports the receipt list back; print views; the API's create and draw."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.core import clock
from qinglian.evidence.models import Evidence
from qinglian.integrity.choices import CheckOutcome, ReportKind
from qinglian.integrity.models import ExtraReporter, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.tests.factories import PersonalReportFactory
from qinglian.org.choices import Rank
from qinglian.org.models import Person

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def obliged(cadre_same_unit):
    Person.objects.filter(pk=cadre_same_unit.person_id).update(rank=Rank.BUREAU_DEPUTY)
    Person.history.filter(id=cadre_same_unit.person_id).update(rank=Rank.BUREAU_DEPUTY)
    return cadre_same_unit


def test_the_cadre_files_their_own_report_with_the_scan(client, obliged):
    client.force_login(obliged)
    page = client.get(reverse("integrity_personal_mine"))
    assert page.status_code == 200 and "2026年度集中报告：未报送" in page.content.decode()
    data = {"kind": "annual", "year": 2026, "submitted_on": "2026-01-20", "file": SimpleUploadedFile("报告.pdf", PDF)}
    response = client.post(reverse("integrity_personal_mine"), data)
    assert response.status_code == 302
    report = PersonalReport.objects.get(person=obliged.person)
    assert Evidence.objects.filter(object_id=report.pk, kind="pdf").exists()
    assert "已报送" in client.get(reverse("integrity_personal_mine")).content.decode()
    bad = client.post(
        reverse("integrity_personal_report_upload", args=[report.pk]),
        {"file": SimpleUploadedFile("报告.txt", "个人事项".encode())},
        follow=True,
    )
    assert "报告扫描件只接收" in bad.content.decode() or "不接收" in bad.content.decode()
    assert Evidence.objects.filter(object_id=report.pk).count() == 1
    change = client.post(
        reverse("integrity_personal_mine"),
        {"kind": "change", "change_kind": "abroad", "event_date": "2026-03-10", "submitted_on": "2026-03-09"},
    )
    assert "报告日期不能早于事项发生日期" in change.content.decode()


def test_the_personnel_officer_works_the_ledger(client, personnel_officer, obliged, org):
    client.force_login(personnel_officer)
    response = client.post(
        reverse("integrity_personal_report_new"),
        {
            "person": obliged.person_id,
            "kind": "annual",
            "year": 2026,
            "submitted_on": "2026-01-22",
            "managed_here": "on",
        },
    )
    report = PersonalReport.objects.get(person=obliged.person)
    assert response.status_code == 302
    client.post(
        reverse("integrity_personal_report_receive", args=[report.pk]),
        {"received_on": "2026-01-23", "receipt_no": "R-1"},
    )
    report.refresh_from_db()
    assert (report.received_on, report.receipt_no) == (dt.date(2026, 1, 23), "R-1")
    client.post(
        reverse("integrity_personal_extras"),
        {"person": personnel_officer.person_id, "reason": "掌握人事权", "start": "2025-01-01"},
    )
    assert ExtraReporter.objects.filter(person=personnel_officer.person).exists()
    overview = client.get(reverse("integrity_personal") + "?year=2026").content.decode()
    assert 'data-status="on_time"' in overview and "掌握人事权" in overview
    PersonalReportFactory(person=personnel_officer.person, year=2026)
    client.post(reverse("integrity_personal_draw"), {"year": 2026, "seed": "page-seed"})
    draw = SpotCheckDraw.objects.get(year=2026)
    assert draw.seed == "page-seed" and len(draw.drawn) == 1
    page = client.get(reverse("integrity_personal_draw") + "?year=2026&verify=1").content.decode()
    assert "page-seed" in page and "sha256-rank-v1" in page and "复核一致" in page
    check = SpotCheck.objects.get(draw=draw)
    if check.person_id != personnel_officer.person_id:
        client.post(
            reverse("integrity_personal_check", args=[check.pk]),
            {"outcome": CheckOutcome.INCONSISTENT, "checked_on": clock.today().isoformat(), "handling": ""},
        )
        check.refresh_from_db()
        assert check.outcome == ""  # 不一致 needs its handling
        client.post(
            reverse("integrity_personal_check", args=[check.pk]),
            {"outcome": CheckOutcome.INCONSISTENT, "checked_on": clock.today().isoformat(), "handling": "批评教育"},
        )
        check.refresh_from_db()
        assert check.handling == "批评教育"
    for name in ("integrity_personal", "integrity_personal_reports", "integrity_personal_checks"):
        assert client.get(reverse(name) + "?year=2026&print=1").status_code == 200


def test_the_overview_export_reimports_as_is(client, personnel_officer, obliged, org):
    report = PersonalReportFactory(person=obliged.person, year=2026, received_on=None)
    client.force_login(personnel_officer)
    exported = client.get(reverse("integrity_personal_export") + "?year=2026")
    assert exported.status_code == 200
    wb = load_workbook(io.BytesIO(exported.content))
    ws = wb.active
    header_row = next(i for i, row in enumerate(ws.iter_rows(values_only=True), 1) if row and "姓名" in row)
    headers = [c.value for c in ws[header_row]]
    target = next(
        r
        for r in range(header_row + 1, ws.max_row + 1)
        if ws.cell(r, headers.index("姓名") + 1).value == "cadre_same_unit"
    )
    ws.cell(target, headers.index("受理日期") + 1).value = "2026-01-25"
    ws.cell(target, headers.index("回执编号") + 1).value = "HZ-2026-001"
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("回执.xlsx", buffer.getvalue())
    response = client.post(reverse("integrity_personal_import"), {"file": upload, "mode": "all"})
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.received_on, report.receipt_no) == (dt.date(2026, 1, 25), "HZ-2026-001"), response.content.decode()[
        -3000:
    ]


def test_the_api_files_and_draws(client, personnel_officer, obliged):
    client.force_login(obliged)
    response = client.post(
        reverse("api:integrity_api_personal_report_create"),
        {"kind": "annual", "year": 2026, "submitted_on": "2026-01-20"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["kind_label"] == "年度集中报告"
    bad = client.post(
        reverse("api:integrity_api_personal_report_create"),
        {"kind": "change", "change_kind": "abroad", "event_date": "2026-03-10", "submitted_on": "2026-03-01"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "报告日期不能早于事项发生日期" in bad.json()["message"]
    status = client.get(reverse("api:integrity_api_personal_status") + "?year=2026").json()
    assert status["filed"] and status["obliged"]
    client.force_login(personnel_officer)
    draw = client.post(
        reverse("api:integrity_api_personal_draw_create"),
        {"year": 2026, "seed": "api"},
        content_type="application/json",
    )
    assert draw.status_code == 201 and draw.json()["method"] == "sha256-rank-v1"
    verify = client.get(reverse("api:integrity_api_personal_draw_verify", args=[draw.json()["id"]])).json()
    assert verify["ok"]
    again = client.post(
        reverse("api:integrity_api_personal_draw_create"), {"year": 2026}, content_type="application/json"
    )
    assert again.status_code == 409
    assert PersonalReport.objects.filter(kind=ReportKind.ANNUAL).count() == 1


def test_the_generic_evidence_upload_refuses_what_the_report_page_refuses(client, cadre_same_unit):
    from openpyxl import Workbook

    report = PersonalReportFactory(person=cadre_same_unit.person)
    buffer = io.BytesIO()
    Workbook().save(buffer)
    client.force_login(cadre_same_unit)
    url = reverse("evidence_upload", args=["integrity.personalreport", report.pk])
    client.post(url, {"file": SimpleUploadedFile("报告.xlsx", buffer.getvalue())})
    assert not Evidence.objects.filter(object_id=report.pk, kind="xlsx").exists()


def test_todos_the_cadres_own_report_and_the_keepers_queue(obliged, personnel_officer):
    from qinglian.integrity.todos import personal as todos

    own = todos.own_items(obliged)  # this year's report is past due (2 February) and not filed
    assert [t.title for t in own] == [f"报送{clock.today().year}年度个人有关事项报告"] and own[0].overdue
    assert todos.own_items(personnel_officer) == []  # rank 其他: not obliged
    report = PersonalReportFactory(person=obliged.person, year=clock.today().year, received_on=None)
    assert todos.own_items(obliged) == []
    PersonalReportFactory(person=personnel_officer.person, year=clock.today().year, received_on=None)
    items = todos.keeper_items(personnel_officer)
    assert [t.link for t in items] == [reverse("integrity_personal_report", args=[report.pk])]  # not their own
    assert todos.keeper_count(personnel_officer) == 1
    assert todos.keeper_items(obliged) == [] and todos.keeper_count(obliged) == 0
