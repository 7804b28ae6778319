"""What a finding means (issue #14 item 2): past breaches become recorded facts (已记录), every open finding has a
due date, every finding an owner — the ledger's keeper when its subject has no unit — and red comes before yellow
before blue wherever findings are listed."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance import selectors
from qinglian.compliance.choices import FindingStatus, Severity
from qinglian.compliance.engine import default_due, run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.owners import register_keeper
from qinglian.compliance.registry import RULES, Owner, Subject, Verdict, rule
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core import workdays
from qinglian.org.choices import UnitKind
from qinglian.org.tests.factories import UnitFactory

AS_OF = dt.date(2026, 11, 25)
CODE = "TEST-MEANING"


class World:
    """What the test rule sees: per subject id, (unit, person, verdict or None)."""

    subjects: dict[str, tuple[int | None, int | None, Verdict | None]] = {}


@pytest.fixture
def test_rule():
    def collect(ctx):
        return [
            Subject(type="t.x", id=key, label=f"对象{key}", unit_id=unit, person_id=person)
            for key, (unit, person, _) in World.subjects.items()
        ]

    @rule(
        code=CODE,
        title="测试规则的完整标题",
        basis="《测试》",
        category="测试",
        subjects="测试",
        severity_policy="",
        params=[],
        collect=collect,
        short="测试短标题",
    )
    def check(subject, p, ctx):
        return World.subjects[subject.id][2]

    World.subjects = {}
    yield CODE
    RULES.pop(CODE)
    World.subjects = {}


def _run(org, as_of=AS_OF):
    result = run_checks(organ_id=org.organ.pk, as_of=as_of, codes=[CODE])
    assert result.errors == []
    return result


def test_a_breach_that_is_over_is_recorded_with_no_due_date_and_is_no_to_do(org, test_rule, unit_head):
    World.subjects = {"1": (org.unit_a.pk, None, Verdict(Severity.RED, "答复晚了5个工作日", AS_OF, recorded=True))}
    _run(org)
    finding = Finding.objects.get()
    assert finding.status == FindingStatus.RECORDED and finding.due_date is None and finding.closed_at is not None
    assert "记录在案" in finding.close_reason
    assert not finding.is_open and finding not in selectors.my_findings(user=unit_head)
    counts = selectors.severity_counts(user=unit_head)
    assert counts["red"] == 0 and counts["recorded"] == 1
    [row] = selectors.unit_summary(user=unit_head).own
    assert (row["red"], row["total"], row["recorded"]) == (0, 0, 1)


def test_an_open_finding_becomes_a_recorded_fact_when_the_thing_is_done_late(org, test_rule):
    World.subjects = {"1": (org.unit_a.pk, None, Verdict(Severity.RED, "至今未答复", AS_OF))}
    _run(org)
    assert Finding.objects.get().status == FindingStatus.OPEN
    World.subjects = {"1": (org.unit_a.pk, None, Verdict(Severity.RED, "晚了1天才答复", AS_OF, recorded=True))}
    _run(org, AS_OF + dt.timedelta(days=1))
    finding = Finding.objects.get()
    assert finding.status == FindingStatus.RECORDED and finding.reason == "晚了1天才答复" and finding.due_date is None


def test_a_record_the_ledger_no_longer_bears_out_is_closed_with_the_reason(org, test_rule):
    World.subjects = {"1": (org.unit_a.pk, None, Verdict(Severity.RED, "会议未开", AS_OF, recorded=True))}
    _run(org)
    World.subjects = {"1": (org.unit_a.pk, None, None)}  # the meeting was entered after all
    assert _run(org).closed == 1
    finding = Finding.objects.get()
    assert finding.status == FindingStatus.CLOSED and finding.close_reason.startswith("台账已更正")


def test_an_open_finding_whose_rule_sets_no_due_date_gets_the_default_and_keeps_it(org, test_rule, settings):
    settings.QINGLIAN_FINDING_DUE_WORKING_DAYS = 10
    World.subjects = {"1": (org.unit_a.pk, None, Verdict(Severity.YELLOW, "委员不足", None))}
    _run(org)
    due = Finding.objects.get().due_date
    assert due == workdays.add_working_days(AS_OF, 10) == default_due(AS_OF)
    _run(org, AS_OF + dt.timedelta(days=7))  # a week later: the due date does not slide with each run
    assert Finding.objects.get().due_date == due


def test_a_subject_without_a_unit_goes_to_the_party_office(org, test_rule, party_officer, unit_head):
    """A branch has no unit: 机关党委 (the unit of the 机关党委专责人员) answers for it, marked so for the pages; the
    branch's secretary, when the subject names one, stays the person (issue #14: "（未指定委室）" with 24 findings)."""
    World.subjects = {
        "branch": (None, None, Verdict(Severity.RED, "支部未开会", AS_OF)),
        "with-secretary": (None, unit_head.person.pk, Verdict(Severity.RED, "书记未讲党课", AS_OF)),
    }
    _run(org)
    branch = Finding.objects.get(subject_id="branch")
    assert branch.responsible_unit_id == party_officer.person.unit_id and branch.via_keeper
    assert branch.responsible_person_id == party_officer.person.pk
    secretary = Finding.objects.get(subject_id="with-secretary")
    assert secretary.responsible_unit_id == party_officer.person.unit_id and secretary.via_keeper
    assert secretary.responsible_person_id == unit_head.person.pk
    assert not Finding.objects.filter(responsible_unit__isnull=True).exists()


def test_an_app_or_rule_keeper_takes_a_subject_without_a_unit(org, test_rule):
    register_keeper("compliance", lambda organ_id: Owner(org.unit_b.pk, None))
    try:
        World.subjects = {"1": (None, None, Verdict(Severity.RED, "x", AS_OF))}
        _run(org)
    finally:
        from qinglian.compliance.owners import KEEPERS

        KEEPERS.pop("compliance")
    assert Finding.objects.get().responsible_unit_id == org.unit_b.pk


def test_a_unit_without_a_person_is_answered_by_its_head_and_an_outside_unit_by_the_keeper(
    org, test_rule, unit_head, party_officer
):
    bureau = UnitFactory(organ=org.organ, name="市住建局", kind=UnitKind.EXTERNAL)
    World.subjects = {
        "own": (org.unit_a.pk, None, Verdict(Severity.RED, "x", AS_OF)),
        "outside": (bureau.pk, None, Verdict(Severity.RED, "y", AS_OF)),
    }
    _run(org)
    assert Finding.objects.get(subject_id="own").responsible_person == unit_head.person
    outside = Finding.objects.get(subject_id="outside")
    assert outside.responsible_unit == bureau and outside.responsible_person == party_officer.person
    assert not outside.via_keeper


def test_outside_units_are_summed_apart_from_the_organs_own(org, party_officer):
    bureau = UnitFactory(organ=org.organ, name="市住建局", kind=UnitKind.EXTERNAL)
    FindingFactory(organ=org.organ, responsible_unit=org.unit_a, due_date=AS_OF)
    FindingFactory(organ=org.organ, responsible_unit=bureau, due_date=AS_OF)
    summary = selectors.unit_summary(user=party_officer)
    assert [r["unit_name"] for r in summary.own] == ["办公室"]
    assert [r["unit_name"] for r in summary.external] == ["市住建局"]


def test_red_comes_before_yellow_before_blue_not_in_alphabetical_order(org, party_officer, unit_head):
    """Issue #14: sorted as text, 'blue' < 'red' < 'yellow' put the blue ones first."""
    for severity in ("blue", "yellow", "red", "blue", "red"):
        FindingFactory(organ=org.organ, severity=severity, responsible_unit=org.unit_a, due_date=AS_OF)
    expected = ["red", "red", "yellow", "blue", "blue"]
    assert [f.severity for f in selectors.finding_list(user=party_officer)] == expected
    assert [f.severity for f in selectors.my_findings(user=unit_head)] == expected
    assert [f.severity for f in Finding.objects.all()] == expected  # the model's own ordering too


def test_within_a_colour_the_earliest_due_date_comes_first(org, party_officer):
    late = FindingFactory(organ=org.organ, severity="red", due_date=dt.date(2026, 12, 1))
    early = FindingFactory(organ=org.organ, severity="red", due_date=dt.date(2026, 11, 1))
    assert list(selectors.finding_list(user=party_officer)) == [early, late]


def test_every_rule_has_a_short_title_for_the_lists():
    assert [code for code, spec in RULES.items() if not spec.short] == []
    assert all(len(spec.short) <= 16 for spec in RULES.values())
