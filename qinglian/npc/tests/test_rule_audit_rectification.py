"""NPC-014, 监督法 Art.27 ¶2: "常务委员会在听取和审议审计工作报告后的六个月内，听取和审议本级人民政府关于审计查出
问题整改情况的报告". Expectations from the text: six months counted as 民法典 Arts. 201–203 (the corresponding
day; a last day on a holiday moves to the next working day); a meeting held after the as-of date had not
happened on it."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.npc.choices import AuditReport, NpcMeetingKind
from qinglian.npc.tests.factories import AgendaItemFactory, NpcMeetingFactory


def _heard(org, day: dt.date, audit: str, kind: str = NpcMeetingKind.STANDING):
    meeting = NpcMeetingFactory(organ=org.organ, date=day, kind=kind)
    return AgendaItemFactory(meeting=meeting, audit_report=audit)


def _findings(org, as_of: dt.date) -> list[Finding]:
    result = run_checks(organ_id=org.organ.pk, as_of=as_of, codes=["NPC-014"])
    assert not result.errors, result.errors
    return list(Finding.objects.filter(rule_code="NPC-014"))


@pytest.fixture
def heard_in_june(org, desks):
    return _heard(org, dt.date(2026, 6, 25), AuditReport.WORK)


def test_a_rectification_report_within_six_months_is_in_time(org, heard_in_june):
    _heard(org, dt.date(2026, 12, 25), AuditReport.RECTIFICATION)  # the corresponding day: the last day allowed
    assert _findings(org, dt.date(2026, 12, 31)) == []


def test_a_rectification_report_after_six_months_is_red_even_when_heard(org, heard_in_june):
    _heard(org, dt.date(2026, 12, 28), AuditReport.RECTIFICATION)
    [finding] = _findings(org, dt.date(2026, 12, 31))
    # Heard, but late: a recorded fact, no longer a to-do and with no due date.
    assert finding.severity == "red" and finding.status == "recorded" and finding.due_date is None
    assert finding.responsible_unit == org.unit_b  # the meetings desk sets the agenda


def test_not_yet_heard_close_to_the_deadline_is_yellow_and_past_it_red(org, heard_in_june):
    [soon] = _findings(org, dt.date(2026, 12, 1))
    assert soon.severity == "yellow"
    [late] = _findings(org, dt.date(2026, 12, 28))
    assert late.pk == soon.pk and late.severity == "red"


def test_a_meeting_after_the_as_of_date_had_not_happened(org, heard_in_june):
    _heard(org, dt.date(2026, 12, 22), AuditReport.RECTIFICATION)
    [finding] = _findings(org, dt.date(2026, 12, 21))  # planned, not yet held
    assert finding.severity == "yellow" and "尚未" in finding.reason
    assert _findings(org, dt.date(2026, 12, 22))[0].status == "closed"


def test_a_report_heard_at_a_chairpersons_meeting_does_not_count(org, heard_in_june):
    _heard(org, dt.date(2026, 10, 20), AuditReport.RECTIFICATION, kind=NpcMeetingKind.CHAIRPERSONS)
    [finding] = _findings(org, dt.date(2026, 12, 28))
    assert finding.severity == "red"


def test_a_deadline_in_the_spring_festival_moves_to_the_first_working_day_after_it(org, desks):
    # Heard 2025-08-18: six months later is 2026-02-18, in the Spring Festival (2-15…2-23): due 2-24.
    _heard(org, dt.date(2025, 8, 18), AuditReport.WORK)
    _heard(org, dt.date(2026, 2, 24), AuditReport.RECTIFICATION)
    assert _findings(org, dt.date(2026, 3, 2)) == []


def test_the_rule_page_says_how_the_months_are_counted(org, party_officer, client):
    client.force_login(party_officer)
    page = client.get("/compliance/rules/NPC-014/").content.decode()
    assert "第二十七条第二款" in page and "到期月的对应日" in page
