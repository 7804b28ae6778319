"""个人有关事项报告: who must report, recording and receiving reports (with every refusal writing nothing), the
reproducible draw and its verification, promotion checks and outcomes, the restricted file upload and the
encryption key."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.evidence.models import Evidence
from qinglian.integrity.choices import ChangeKind, CheckOutcome, CheckReason, ReportKind
from qinglian.integrity.models import ExtraReporter, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.selectors import personal as selectors
from qinglian.integrity.services import personal as services
from qinglian.integrity.tests.factories import PersonalReportFactory
from qinglian.org.choices import PersonnelEventKind, Rank
from qinglian.org.models import Person, PersonnelEvent
from qinglian.org.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _rank(user, rank=Rank.BUREAU_DEPUTY):
    """The person has held `rank` all along (their history says so too: rules read the rank of a past day)."""
    Person.objects.filter(pk=user.person_id).update(rank=rank)
    Person.history.filter(id=user.person_id).update(rank=rank)
    user.person.refresh_from_db()
    return user.person


# --- who must report ---------------------------------------------------------------------------------------


def test_draw_people_is_the_documented_sha256_ranking():
    ids = [5, 3, 9, 1, 7]
    expected = sorted(ids, key=lambda i: (hashlib.sha256(f"abc:{i}".encode()).hexdigest(), i))[:2]
    assert services.draw_people(ids, "abc", 2) == expected
    assert services.draw_people(list(reversed(ids)), "abc", 2) == expected  # order of the population is irrelevant
    assert services.draw_people(ids, "abd", 5) != services.draw_people(ids, "abc", 5)
    assert services.draw_count(Decimal("0.10"), 30) == 3
    assert services.draw_count(Decimal("0.10"), 31) == 4
    assert services.draw_count(Decimal("0.10"), 1) == 1


def test_obliged_people_by_rank_level_and_extra_list_not_the_stationed_group(org, cadre_same_unit, cadre_other_unit):
    _rank(cadre_same_unit, Rank.BUREAU_DEPUTY)
    _rank(cadre_other_unit, Rank.INSPECTOR_4)  # 四级调研员 stands with 副处级
    clerk = PersonFactory(organ=org.organ, unit=org.unit_a, name="科员甲", rank=Rank.CLERK_1)
    finance = PersonFactory(organ=org.organ, unit=org.unit_b, name="财务科长", rank=Rank.SECTION_CHIEF)
    PersonFactory(organ=org.organ, unit=org.stationed, name="纪检组长", rank=Rank.BUREAU_CHIEF)
    ExtraReporter.objects.create(organ=org.organ, person=finance, reason="掌握人财物权力", start=D(2025, 1, 1))
    names = [o.name for o in selectors.obliged_people(org.organ.pk, D(2026, 3, 1))]
    assert names == sorted(["cadre_same_unit", "cadre_other_unit", "财务科长"])
    assert "科员甲" not in names and clerk.pk
    assert [o.name for o in selectors.obliged_people(org.organ.pk, D(2024, 12, 31))] == sorted(
        ["cadre_same_unit", "cadre_other_unit"]
    )


# --- reports --------------------------------------------------------------------------------------------------


def test_a_cadre_records_their_own_annual_report_once(cadre_same_unit):
    me = cadre_same_unit.person
    report = services.report_record(
        person=me, kind=ReportKind.ANNUAL, year=2026, submitted_on=D(2026, 1, 20), by=cadre_same_unit
    )
    assert report.recorded_by == cadre_same_unit and report.received_on is None
    with pytest.raises(Conflict, match="已登记"):
        services.report_record(
            person=me, kind=ReportKind.ANNUAL, year=2026, submitted_on=D(2026, 1, 21), by=cadre_same_unit
        )
    assert PersonalReport.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            {
                "kind": ReportKind.CHANGE,
                "change_kind": ChangeKind.ABROAD,
                "event_date": D(2026, 3, 10),
                "submitted_on": D(2026, 3, 9),
            },
            "报告日期不能早于事项发生日期",
        ),
        (
            {"kind": ReportKind.CHANGE, "change_kind": "", "event_date": D(2026, 3, 1), "submitted_on": D(2026, 3, 9)},
            "请选择变化事项",
        ),
        (
            {
                "kind": ReportKind.CHANGE,
                "change_kind": ChangeKind.ABROAD,
                "event_date": None,
                "submitted_on": D(2026, 3, 9),
            },
            "请填写事项发生日期",
        ),
        ({"kind": ReportKind.ANNUAL, "year": 2026, "submitted_on": D(2099, 1, 1)}, "报告日期不能晚于今天"),
        ({"kind": ReportKind.ANNUAL, "year": None, "submitted_on": D(2026, 1, 9)}, "请填写报告年份"),
        (
            {"kind": ReportKind.ANNUAL, "year": 2026, "submitted_on": D(2026, 1, 9), "event_date": D(2026, 1, 1)},
            "不填写变化事项",
        ),
    ],
)
def test_bad_reports_are_refused_in_chinese_and_write_nothing(cadre_same_unit, args, message):
    with pytest.raises(InvalidInput, match=message):
        services.report_record(person=cadre_same_unit.person, by=cadre_same_unit, **args)
    assert not PersonalReport.all_objects.exists()


def test_only_the_person_or_the_personnel_officer_records_a_report(
    cadre_same_unit, cadre_other_unit, party_officer, leader, supervisor, personnel_officer
):
    for user in (cadre_other_unit, party_officer, leader, supervisor):
        with pytest.raises(Forbidden):
            services.report_record(
                person=cadre_same_unit.person, kind=ReportKind.ANNUAL, year=2026, submitted_on=D(2026, 1, 5), by=user
            )
    assert not PersonalReport.all_objects.exists()
    report = services.report_record(
        person=cadre_same_unit.person,
        kind=ReportKind.ANNUAL,
        year=2026,
        submitted_on=D(2026, 1, 5),
        by=personnel_officer,
    )
    assert report.person == cadre_same_unit.person


def test_the_personnel_officer_receives_but_never_their_own(personnel_officer, cadre_same_unit):
    report = PersonalReportFactory(person=cadre_same_unit.person, received_on=None)
    with pytest.raises(Forbidden):
        services.report_receive(report=report, received_on=D(2026, 1, 22), receipt_no="R1", by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="受理日期不能早于报告日期"):
        services.report_receive(report=report, received_on=D(2026, 1, 1), receipt_no="R1", by=personnel_officer)
    services.report_receive(report=report, received_on=D(2026, 1, 22), receipt_no="R1", by=personnel_officer)
    report.refresh_from_db()
    assert (report.received_on, report.receipt_no, report.received_by) == (
        D(2026, 1, 22),
        "R1",
        personnel_officer.person,
    )
    own = PersonalReportFactory(person=personnel_officer.person, received_on=None)
    with pytest.raises(Forbidden, match="本人"):
        services.report_receive(report=own, received_on=D(2026, 1, 22), receipt_no="R2", by=personnel_officer)


def test_extra_reporters_are_the_keepers_and_refuse_overlaps(personnel_officer, cadre_same_unit, org):
    row = ExtraReporter(person=cadre_same_unit.person, reason="财务负责人", start=D(2025, 1, 1))
    with pytest.raises(Forbidden):
        services.extra_reporter_save(row=row, by=cadre_same_unit)
    services.extra_reporter_save(row=row, by=personnel_officer)
    again = ExtraReporter(person=cadre_same_unit.person, reason="又一次", start=D(2026, 1, 1))
    with pytest.raises(Conflict, match="重叠"):
        services.extra_reporter_save(row=again, by=personnel_officer)
    bad = ExtraReporter(person=cadre_same_unit.person, reason="x", start=D(2026, 1, 1), end=D(2025, 1, 1))
    with pytest.raises(InvalidInput, match="截止日期不能早于起始日期"):
        services.extra_reporter_save(row=bad, by=personnel_officer)
    assert ExtraReporter.objects.count() == 1


# --- the draw --------------------------------------------------------------------------------------------------


@pytest.fixture
def filed(org):
    """Twelve 副处级 people of unit B with their 2026 annual report."""
    people = [
        PersonFactory(organ=org.organ, unit=org.unit_b, name=f"处长{i:02d}", rank=Rank.BUREAU_DEPUTY) for i in range(12)
    ]
    for person in people:
        PersonalReportFactory(person=person, year=2026)
    return people


def test_the_draw_records_seed_ratio_population_and_checks_and_is_audited(personnel_officer, filed):
    draw = services.draw_year(year=2026, by=personnel_officer, seed="seed-2026")
    ids = sorted(p.pk for p in filed)
    assert draw.population == ids
    assert draw.ratio == Decimal("0.100") and draw.method == "sha256-rank-v1"
    assert draw.drawn == services.draw_people(ids, "seed-2026", 2)  # ceil(0.10 × 12) = 2
    checks = SpotCheck.objects.filter(draw=draw)
    assert sorted(c.person_id for c in checks) == sorted(draw.drawn)
    assert {c.reason for c in checks} == {CheckReason.RANDOM}
    event = AuditEvent.objects.get(action="spot_check_drawn")
    assert event.detail["seed"] == "seed-2026" and event.detail["drawn"] == draw.drawn
    assert event.detail["population_size"] == 12 and event.detail["ratio"] == "0.100"
    assert services.verify_draw(draw).ok
    with pytest.raises(Conflict, match="每年只抽取一次"):
        services.draw_year(year=2026, by=personnel_officer)


def test_a_draw_without_a_seed_gets_a_random_one_and_a_tampered_draw_fails_verification(personnel_officer, filed):
    draw = services.draw_year(year=2026, by=personnel_officer)
    assert len(draw.seed) == 32
    others = [pk for pk in draw.population if pk not in draw.drawn]
    SpotCheckDraw.objects.filter(pk=draw.pk).update(drawn=[others[0], *draw.drawn[1:]])
    draw.refresh_from_db()
    result = services.verify_draw(draw)
    assert not result.ok and any("不一致" in p for p in result.problems)


def test_only_the_personnel_officer_draws_and_not_from_nothing(personnel_officer, supervisor, org):
    with pytest.raises(Forbidden):
        services.draw_year(year=2026, by=supervisor)
    with pytest.raises(InvalidInput, match="尚无已报送"):
        services.draw_year(year=2026, by=personnel_officer)
    assert not SpotCheckDraw.all_objects.exists() and not AuditEvent.objects.filter(action="spot_check_drawn").exists()


# --- checks ------------------------------------------------------------------------------------------------------


def test_outcomes_and_promotion_checks(personnel_officer, cadre_same_unit, org):
    event = PersonnelEvent.objects.create(
        organ=org.organ, person=cadre_same_unit.person, kind=PersonnelEventKind.PROMOTION, date=D(2026, 5, 1)
    )
    check = services.promotion_check_add(event=event, by=personnel_officer)
    assert (check.reason, check.year, check.event) == (CheckReason.PROMOTION, 2026, event)
    with pytest.raises(Conflict):
        services.promotion_check_add(event=event, by=personnel_officer)
    transfer = PersonnelEvent.objects.create(
        organ=org.organ, person=cadre_same_unit.person, kind=PersonnelEventKind.TRANSFER, date=D(2026, 5, 1)
    )
    with pytest.raises(InvalidInput, match="提拔"):
        services.promotion_check_add(event=transfer, by=personnel_officer)
    with pytest.raises(InvalidInput, match="请填写处理情况"):
        services.check_outcome_record(
            check=check, outcome=CheckOutcome.INCONSISTENT, checked_on=D(2026, 4, 20), by=personnel_officer
        )
    check.refresh_from_db()
    assert check.outcome == ""
    services.check_outcome_record(
        check=check,
        outcome=CheckOutcome.INCONSISTENT,
        checked_on=D(2026, 4, 20),
        handling="批评教育",
        by=personnel_officer,
    )
    check.refresh_from_db()
    assert (check.outcome, check.handling) == (CheckOutcome.INCONSISTENT, "批评教育")
    with pytest.raises(Forbidden):
        services.check_outcome_record(
            check=check, outcome=CheckOutcome.CONSISTENT, checked_on=D(2026, 4, 20), by=cadre_same_unit
        )


# --- the file -----------------------------------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def test_the_scan_must_be_pdf_image_or_docx(cadre_same_unit):
    report = PersonalReportFactory(person=cadre_same_unit.person)
    for name, data in (("报告.xlsx", _xlsx()), ("报告.txt", "个人事项".encode()), ("报告.pdf", b"MZ\x90\x00")):
        with pytest.raises(InvalidInput):
            services.report_file_attach(report=report, upload=SimpleUploadedFile(name, data), by=cadre_same_unit)
    assert not Evidence.objects.exists()
    refused = AuditEvent.objects.filter(action="evidence_uploaded", success=False)
    assert refused.count() >= 3
    for name, data in (("报告.pdf", PDF), ("报告.docx", _docx())):
        services.report_file_attach(report=report, upload=SimpleUploadedFile(name, data), by=cadre_same_unit)
    assert sorted(Evidence.objects.values_list("kind", flat=True)) == ["docx", "pdf"]


def test_another_cadre_cannot_attach_to_a_report(cadre_same_unit, cadre_other_unit):
    report = PersonalReportFactory(person=cadre_same_unit.person)
    with pytest.raises(Forbidden):
        services.report_file_attach(report=report, upload=SimpleUploadedFile("a.pdf", PDF), by=cadre_other_unit)


def _files_containing(root: Path, marker: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and marker in p.read_bytes()]


def test_without_the_key_in_production_a_report_file_is_neither_written_nor_read(
    cadre_same_unit, settings, monkeypatch, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    report = PersonalReportFactory(person=cadre_same_unit.person)
    marker = b"SECRET-PERSONAL-MATTERS-0001"
    stored = services.report_file_attach(
        report=report, upload=SimpleUploadedFile("a.pdf", PDF + marker), by=cadre_same_unit
    )
    assert not _files_containing(tmp_path, marker)  # encrypted at rest
    # Production: no DEBUG, no test stand-in, no QINGLIAN_DATA_KEY.
    settings.QINGLIAN_DATA_KEY = ""
    monkeypatch.setattr("qinglian.core.crypto.development_key_allowed", lambda: False)
    from qinglian.core import crypto

    crypto._cached.cache_clear()
    other = b"SECRET-PERSONAL-MATTERS-0002"
    with pytest.raises(ImproperlyConfigured, match="QINGLIAN_DATA_KEY"):
        services.report_file_attach(report=report, upload=SimpleUploadedFile("b.pdf", PDF + other), by=cadre_same_unit)
    assert not _files_containing(tmp_path, other)
    assert Evidence.objects.filter(object_id=report.pk).count() == 1
    from qinglian.evidence.services import evidence_open

    with pytest.raises(ImproperlyConfigured, match="QINGLIAN_DATA_KEY"):
        evidence_open(evidence=stored, user=cadre_same_unit).read()


# --- own status ---------------------------------------------------------------------------------------------------


def test_own_status_says_filed_or_not_and_the_due_date(cadre_same_unit):
    _rank(cadre_same_unit)
    status = selectors.own_status(cadre_same_unit, 2026)
    assert status.obliged and not status.filed
    assert status.text == "2026年度集中报告：未报送，截止日期2026年02月02日"  # 31 Jan 2026 is a Saturday
    PersonalReportFactory(person=cadre_same_unit.person, year=2026)
    assert selectors.own_status(cadre_same_unit, 2026).text.startswith("2026年度集中报告：已报送")
    assert clock.today() >= D(2026, 1, 1)
