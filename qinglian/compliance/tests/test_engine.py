"""The runner: idempotent findings, auto-close with a reason, reopening, errors that don't stop a run."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import FindingStatus, Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding, RuleParameterSet
from qinglian.compliance.registry import RULES, Param, Subject, Verdict, rule
from qinglian.core import clock
from qinglian.org.tests.factories import BranchFactory, PersonFactory

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def branch(org):
    return BranchFactory(
        organ=org.organ, name="机关第一党支部", term_start=dt.date(2023, 12, 1), term_end=dt.date(2026, 12, 31)
    )


def _run(org, codes=("ORG-001",), as_of=AS_OF):
    return run_checks(organ_id=org.organ.pk, as_of=as_of, codes=list(codes))


def test_shipped_parameters_are_loaded_on_migrate(db):
    row = RuleParameterSet.objects.get(rule_code="ORG-001")
    assert row.values == {"remind_months": 6, "warn_months": 3, "term_years": 3} and row.jurisdiction == "central"


def test_a_rerun_updates_and_never_duplicates(org, branch):
    first = _run(org)
    assert first.created == 1
    second = _run(org)
    assert (second.created, second.updated, second.closed) == (0, 0, 0)
    finding = Finding.objects.get()
    assert finding.severity == Severity.YELLOW and finding.due_date == dt.date(2026, 12, 31)
    assert finding.subject_link == f"/org/branches/{branch.pk}/"


def test_a_worse_condition_updates_the_same_finding(org, branch):
    _run(org)
    result = _run(org, as_of=dt.date(2027, 1, 4))
    assert result.updated == 1 and result.created == 0
    assert Finding.objects.get().severity == Severity.RED


def test_a_cleared_condition_closes_its_finding_with_a_reason(org, branch):
    _run(org)
    branch.term_start, branch.term_end = dt.date(2026, 11, 20), dt.date(2029, 11, 19)
    branch.save()
    result = _run(org)
    assert result.closed == 1
    finding = Finding.objects.get()
    assert finding.status == FindingStatus.CLOSED
    assert "2026-11-25复查未再发现" in finding.close_reason
    assert finding.history.count() == 2


def test_a_closed_finding_reopens_when_the_gap_is_back(org):
    # Checked for today: the branch is put in and taken away now, and a check for an earlier day reads the
    # person as they stood then (core.asof).
    today = clock.today()
    person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=None)
    _run(org, codes=["ORG-002"], as_of=today)
    person.branch = BranchFactory(organ=org.organ)
    person.save()
    _run(org, codes=["ORG-002"], as_of=today)
    assert Finding.objects.get().status == FindingStatus.CLOSED
    person.branch = None
    person.save()
    _run(org, codes=["ORG-002"], as_of=today)
    finding = Finding.objects.get()
    assert finding.status == FindingStatus.OPEN and finding.closed_at is None


def test_a_waived_finding_stays_waived(org, branch):
    _run(org)
    Finding.objects.update(status=FindingStatus.WAIVED)
    _run(org, as_of=dt.date(2027, 1, 4))
    assert Finding.objects.get().status == FindingStatus.WAIVED


def test_missing_parameters_are_reported_and_the_run_goes_on(org, branch):
    RuleParameterSet.objects.filter(rule_code="ORG-001").delete()
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=None)
    result = _run(org, codes=["ORG-001", "ORG-002"])
    assert result.errors[0]["rule"] == "ORG-001" and "没有生效的参数" in result.errors[0]["message"]
    assert Finding.objects.filter(rule_code="ORG-002").count() == 1


@pytest.fixture
def flaky_rule():
    def collect(ctx):
        return [Subject(type="t.x", id=str(i), label=f"对象{i}", data={"i": i}) for i in range(3)]

    @rule(
        code="TEST-RAISES",
        title="测试",
        basis="《测试》",
        category="测试",
        subjects="测试",
        severity_policy="",
        params=[Param("n", "n")],
        collect=collect,
    )
    def check(subject, p, ctx):
        if subject.data["i"] == 1:
            raise ZeroDivisionError("boom")
        return Verdict(Severity.RED, f"{subject.label}有问题")

    yield "TEST-RAISES"
    RULES.pop("TEST-RAISES")


def test_a_subject_that_raises_is_reported_and_the_others_are_checked(org, flaky_rule):
    RuleParameterSet.objects.create(
        rule_code=flaky_rule, jurisdiction="central", effective_from="2020-01-01", values={"n": 1}, source="测试"
    )
    result = _run(org, codes=[flaky_rule])
    assert sorted(Finding.objects.values_list("subject_id", flat=True)) == ["0", "2"]
    assert result.errors == [{"rule": flaky_rule, "subject": "对象1", "message": "ZeroDivisionError: boom"}]


def test_findings_of_periods_not_looked_at_are_left_alone(org, flaky_rule):
    """Last year's unresolved gap stays open when this year's run only looks at this year."""
    RuleParameterSet.objects.create(
        rule_code=flaky_rule, jurisdiction="central", effective_from="2020-01-01", values={"n": 1}, source="测试"
    )
    Finding.objects.create(
        organ=org.organ,
        rule_code=flaky_rule,
        subject_type="t.x",
        subject_id="9",
        subject_repr="旧对象",
        period="2025",
        severity="red",
        reason="去年的问题",
    )
    _run(org, codes=[flaky_rule])
    assert Finding.objects.get(period="2025").status == FindingStatus.OPEN


def test_the_most_specific_parameters_in_force_win(org, branch):
    from qinglian.compliance.params import sets_in_force

    RuleParameterSet.objects.create(
        rule_code="ORG-001",
        jurisdiction="organ",
        organ=org.organ,
        effective_from="2026-01-01",
        values={"remind_months": 12, "warn_months": 1, "term_years": 3},
        source="本机关规定",
    )
    assert sets_in_force(organ_id=org.organ.pk, on=AS_OF)["ORG-001"].jurisdiction == "organ"
    assert sets_in_force(organ_id=org.organ.pk, on=dt.date(2025, 6, 1))["ORG-001"].jurisdiction == "central"
    branch.term_end = dt.date(2027, 10, 1)
    branch.save()
    _run(org)
    assert Finding.objects.get().severity == Severity.BLUE  # 12 months ahead only under the organ's own set


def test_the_stationed_group_is_not_asked_to_join_the_organs_branches(org):
    PersonFactory(organ=org.organ, unit=org.stationed, branch=None)
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=None)
    _run(org, codes=["ORG-002"])
    assert Finding.objects.get().responsible_unit == org.unit_a
