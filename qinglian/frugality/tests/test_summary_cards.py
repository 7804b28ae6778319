"""The 八项规定 workbench cards: the finance officer's 单据待补齐 (rows missing documents, each figure linked to its
ledger's filtered list) and a unit head's 本委室八项规定问题 (their units' open FRG findings)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from qinglian.compliance.choices import FindingStatus, Jurisdiction, Severity
from qinglian.compliance.models import RuleParameterSet
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core import clock
from qinglian.frugality.selectors.summary_cards import (
    LINKS,
    missing_documents,
    report_overdue,
    unit_findings,
)
from qinglian.frugality.tests.factories import (
    AbroadTripFactory,
    ConferenceFactory,
    PlanItemFactory,
    ReceptionFactory,
    SpendingPlanFactory,
    TrainingCourseFactory,
    TripFactory,
)


def workbench(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("workbench")).content.decode()


@pytest.fixture
def report_months(org):
    """This organ hands a delegation's report in within two months (its own FRG-053 figure wins)."""
    return RuleParameterSet.objects.create(
        rule_code="FRG-053",
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=dt.date(2020, 1, 1),
        values={"report_months": 2, "warn_working_days": 5, "look_back_years": 2},
        source="本机关因公出国（境）管理办法",
    )


@pytest.fixture
def gaps(org, unit_head, cadre_other_unit, report_months):
    """One row short of a document in each ledger, beside one complete row of each."""
    today = clock.today()
    a, b = org.unit_a, org.unit_b
    ReceptionFactory(unit=a)  # all three documents
    ReceptionFactory(unit=a, letter_on=None)
    ReceptionFactory(unit=b, invoice_on=None, invoice_no="")
    TripFactory(traveller=cadre_other_unit.person)
    TripFactory(traveller=cadre_other_unit.person, approved_on=None)
    plan = SpendingPlanFactory(organ=org.organ)
    ConferenceFactory(unit=a, plan_item=PlanItemFactory(plan=plan))  # planned
    ConferenceFactory(unit=a, adhoc_approved_on=dt.date(2026, 3, 1))  # unplanned, approved
    ConferenceFactory(unit=b)  # unplanned, never approved
    TrainingCourseFactory(unit=a)
    back = today - dt.timedelta(days=120)
    AbroadTripFactory(leader=unit_head.person, depart_on=back - dt.timedelta(days=6), return_on=back)  # overdue
    recent = today - dt.timedelta(days=10)
    AbroadTripFactory(leader=unit_head.person, depart_on=recent - dt.timedelta(days=5), return_on=recent)  # in time
    AbroadTripFactory(leader=unit_head.person, depart_on=back - dt.timedelta(days=6), return_on=back, report_on=today)


def test_the_finance_officer_counts_each_ledgers_gaps(gaps, finance_officer):
    figures = {f.key: (f.count, f.link) for f in missing_documents(finance_officer, clock.today())}
    assert figures == {
        "reception-missing": (2, "/frugality/receptions/?year=&documents=missing"),
        "travel-missing": (1, "/frugality/trips/?year=&approval=missing"),
        "conference-missing": (1, "/frugality/conferences/?year=&planned=unapproved"),
        "training-missing": (1, "/frugality/training/?year=&planned=unapproved"),
        "abroad-missing": (1, "/frugality/abroad/?year=&report=overdue"),
    }


def test_a_report_is_overdue_the_day_after_its_due(db):
    back = dt.date(2026, 6, 2)  # due 2026-08-03: the 2nd is a Sunday, rolled to Monday
    assert not report_overdue(back, 2, dt.date(2026, 8, 3))
    assert report_overdue(back, 2, dt.date(2026, 8, 4))


def test_without_a_report_figure_in_force_the_abroad_figure_is_left_out(org, finance_officer):
    RuleParameterSet.objects.filter(rule_code="FRG-053").delete()
    keys = [f.key for f in missing_documents(finance_officer, clock.today())]
    assert "abroad-missing" not in keys and len(keys) == 4


def test_the_card_is_the_finance_officers_and_links_each_figure(gaps, finance_officer, party_officer):
    page = workbench(finance_officer)
    card = page[page.index('data-testid="widget-frugality-missing"') :]
    for key, link in (("reception-missing", LINKS["reception"]), ("abroad-missing", LINKS["abroad"])):
        href = link.replace("&", "&amp;")
        assert re.search(rf'href="{re.escape(href)}" data-figure="{key}" data-count="\d+"', card)
    assert 'data-figure="reception-missing" data-count="2"' in card
    assert "widget-frugality-missing" not in workbench(party_officer)
    assert missing_documents(party_officer, clock.today()) is None


@pytest.fixture
def frg_findings(org, unit_head):
    a, b = org.unit_a, org.unit_b
    FindingFactory(organ=org.organ, rule_code="FRG-005", responsible_unit=a, severity=Severity.RED)
    FindingFactory(organ=org.organ, rule_code="FRG-010", responsible_unit=a, status=FindingStatus.RECTIFYING)
    FindingFactory(organ=org.organ, rule_code="FRG-007", responsible_unit=a, status=FindingStatus.CLOSED)
    FindingFactory(organ=org.organ, rule_code="INT-060", responsible_unit=a)  # not a 八项规定 rule
    FindingFactory(organ=org.organ, rule_code="FRG-005", responsible_unit=b)  # another unit's


def test_a_unit_head_sees_their_units_open_frg_findings(frg_findings, org, unit_head):
    per_unit, first = unit_findings(unit_head)
    assert [(u.unit, u.count) for u in per_unit] == [(org.unit_a, 2)]
    assert per_unit[0].link == f"/compliance/findings/?status=open&unit={org.unit_a.pk}&category=八项规定"
    assert [f.rule_code for f in first] == ["FRG-005", "FRG-010"]  # red first
    card = workbench(unit_head)
    assert 'data-testid="widget-frugality-unit"' in card
    link = f"/compliance/findings/?status=open&amp;unit={org.unit_a.pk}&amp;category=八项规定"
    assert f'href="{link}" data-figure="frg-findings"' in card


def test_no_card_without_findings_or_units(org, unit_head, cadre_same_unit):
    assert "widget-frugality-unit" not in workbench(unit_head)
    assert unit_findings(cadre_same_unit) == ([], [])
