"""The demo organ's 党费: every member's months, priced by the standard, and exactly the two planted PL-015 gaps.
Readers of the session's shared build (the same one as test_demo.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core import workdays
from qinglian.core.testing import DemoSpec
from qinglian.org.selectors import party_members_on
from qinglian.partylife.choices import DuesStatus
from qinglian.partylife.models import DuesRecord
from qinglian.partylife.selectors.dues import Pricer, first_due_month, months_between

TODAY = dt.date(2026, 11, 25)
ORGAN = DemoSpec(seed=2026, today=TODAY)  # the same build as test_demo.py reads
START, OCTOBER = dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year, 10, 1)


def _rows(demo):
    return DuesRecord.objects.filter(organ=demo.organ)


@pytest.mark.demo_build(ORGAN)
class TestDuesDemo:
    def test_it_says_what_it_built(self, shared_demo):
        assert "党费记录" in shared_demo.log and "截至2026年10月已连续" in shared_demo.log

    def test_every_member_has_every_month_since_january_last_year(self, shared_demo):
        entered = set(_rows(shared_demo).values_list("person_id", "month"))
        members = party_members_on(shared_demo.organ.pk, TODAY)
        assert len(members) > 50
        for member in members:
            first = max(filter(None, [first_due_month(member.party_joined_on, member.arrived_on), START]))
            assert all((member.id, month) in entered for month in months_between(first, OCTOBER)), member.name

    def test_months_are_priced_by_the_standard_and_paid_on_working_days_by_then(self, shared_demo):
        pricer = Pricer(shared_demo.organ.pk)
        rows = list(_rows(shared_demo).order_by("id"))
        for record in rows[::37]:
            price = pricer.price(month=record.month, category=record.category, income=record.base_income)
            assert (record.rate, record.dues) == (price.rate, price.dues)
        paid = [r for r in rows if r.paid_on]
        assert max(r.paid_on for r in paid) <= TODAY and all(workdays.is_working_day(r.paid_on) for r in paid)
        assert all(r.paid_on.strftime("%Y%m") == r.month.strftime("%Y%m") for r in paid)
        assert all(r.created_at.date() >= (r.paid_on or r.month) for r in rows[::53])

    def test_a_few_months_are_paid_short_and_two_members_are_behind(self, shared_demo):
        statuses = [r.status for r in _rows(shared_demo)]
        assert statuses.count(DuesStatus.SHORT) == 3
        unpaid = _rows(shared_demo).filter(paid=Decimal("0"))
        assert unpaid.values("person_id").distinct().count() == 2
        assert 3 + 6 <= unpaid.count() <= 5 + 8

    def test_pl015_finds_the_two_planted_members_and_nobody_else(self, shared_demo):
        result = run_checks(organ_id=shared_demo.organ.pk, as_of=TODAY, codes=["PL-015"])
        assert result.errors == []
        findings = list(Finding.objects.filter(organ=shared_demo.organ, rule_code="PL-015"))
        assert sorted(f.severity for f in findings) == ["red", "yellow"]
        for finding in findings:
            assert f"{finding.subject_repr} 截至2026年10月已连续" in shared_demo.log
            assert "未交纳党费" in finding.reason and "组织生活" not in finding.reason
            assert finding.responsible_person is not None  # the branch secretary
