"""A run for an earlier date than a rule was already checked for is a replay: a report of what was true then
that leaves the live findings alone."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import FindingStatus
from qinglian.compliance.engine import run_checks, run_record
from qinglian.compliance.models import Finding, RuleCheckpoint, RuleRun
from qinglian.org.tests.factories import BranchFactory

EXPIRED = dt.date(2027, 1, 4)  # the branch's term ended 2026-12-31
RENEWED = dt.date(2027, 3, 1)


@pytest.fixture
def branch(org):
    return BranchFactory(
        organ=org.organ, name="机关第一党支部", term_start=dt.date(2023, 12, 1), term_end=dt.date(2026, 12, 31)
    )


def _run(org, as_of):
    return run_checks(organ_id=org.organ.pk, as_of=as_of, codes=["ORG-001"])


def test_a_later_run_moves_the_checkpoint_and_writes_findings(org, branch):
    assert _run(org, EXPIRED).created == 1
    assert RuleCheckpoint.objects.get(rule_code="ORG-001").as_of == EXPIRED


def test_a_finding_a_later_run_closed_stays_closed_when_the_past_is_replayed(org, branch):
    _run(org, EXPIRED)
    branch.term_start, branch.term_end = dt.date(2027, 2, 1), dt.date(2030, 1, 31)
    branch.save()
    assert _run(org, RENEWED).closed == 1
    closed = Finding.objects.get()
    result = _run(org, EXPIRED)
    assert result.replayed_rules == ["ORG-001"] and (result.created, result.updated, result.closed) == (0, 0, 0)
    again = Finding.objects.get()
    assert again.status == FindingStatus.CLOSED and again.closed_at == closed.closed_at
    assert RuleCheckpoint.objects.get(rule_code="ORG-001").as_of == RENEWED


def test_a_replay_reports_what_was_true_then(org, branch):
    _run(org, RENEWED)  # nothing wrong then: the term had not been recorded as renewed, but see below
    run = RuleRun.objects.create(organ=org.organ, as_of=dt.date(2026, 10, 9), rule_codes=["ORG-001"])
    run = run_record(run, reminders=False)
    assert run.replayed_rules == ["ORG-001"]
    [row] = run.replay
    assert row["rule"] == "ORG-001" and row["severity"] == "yellow" and "2026年12月31日" in row["reason"]
    assert not Finding.objects.filter(status=FindingStatus.OPEN, severity="yellow").exists()


def test_the_run_page_shows_a_replay(org, branch, party_officer, client):
    _run(org, RENEWED)
    run = run_record(RuleRun.objects.create(organ=org.organ, as_of=dt.date(2026, 10, 9)), reminders=False)
    client.force_login(party_officer)
    page = client.get(f"/compliance/runs/{run.pk}/").content.decode()
    assert "回溯检查" in page and "机关第一党支部" in page
