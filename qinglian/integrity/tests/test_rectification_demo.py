"""The demo organ's 问题整改台账: INT-040 finds nothing (every report sent in time) and INT-041 exactly the two
planted slips — the audit measure overdue and not done (the demo cadre's), the democratic-life measure done late;
last year's 巡察 problems all closed, by the secretary or, where he answers for one, the other Party-group member.
Reads the session's shared build; the rules are called directly, so no finding is written."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context
from qinglian.core.testing import DemoSpec
from qinglian.integrity.choices import ProblemStatus, RectificationSource
from qinglian.integrity.models import RectificationBatch, RectificationMeasure, RectificationProblem
from qinglian.integrity.selectors.rectification import measures_with_evidence
from qinglian.integrity.services.rectification import stakes
from qinglian.org.permissions import own_stake

TODAY = dt.date(2026, 11, 25)
BUILD = DemoSpec(seed=2026, today=TODAY)


def verdicts(code: str, organ_id: int):
    rule = RULES[code]
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=TODAY, codes=[code]).get(code))
    ctx = Context(organ_id=organ_id, as_of=TODAY, params=params)
    found = []
    for subject in rule.collect(ctx):
        verdict = rule.check(subject, params, ctx)
        if verdict is not None:
            found.append((subject, verdict))
    return found


@pytest.mark.demo_build(BUILD)
class TestRectificationDemo:
    def test_three_batches_each_with_its_report(self, shared_demo):
        # The 八项规定 special check's batch (frugality demo) is that module's; these three are the integrity demo's.
        batches = RectificationBatch.objects.filter(organ=shared_demo.organ).exclude(
            source=RectificationSource.SPECIAL_CHECK
        )
        assert {b.source for b in batches} == {
            RectificationSource.CIRCUIT,
            RectificationSource.DEMOCRATIC_LIFE,
            RectificationSource.AUDIT,
        }
        assert all(b.report_submitted_on and b.report_no for b in batches)
        assert RectificationProblem.objects.filter(batch__source=RectificationSource.CIRCUIT).count() == 8

    def test_int040_finds_nothing(self, shared_demo):
        assert verdicts("INT-040", shared_demo.organ.pk) == []

    def test_int041_finds_exactly_the_two_planted_measures(self, shared_demo):
        found = verdicts("INT-041", shared_demo.organ.pk)
        assert len(found) == 2
        by_state = {v.recorded: (s, v) for s, v in found}
        open_subject, open_verdict = by_state[False]
        late_subject, late_verdict = by_state[True]
        assert open_verdict.severity == late_verdict.severity == Severity.RED
        overdue = RectificationMeasure.objects.get(pk=open_subject.id)
        assert overdue.problem.batch.source == RectificationSource.AUDIT and overdue.completed_on is None
        assert overdue.owner.name == shared_demo.organ.user_set.get(username="ganbu").person.name
        late = RectificationMeasure.objects.get(pk=late_subject.id)
        assert late.problem.batch.source == RectificationSource.DEMOCRATIC_LIFE and late.completed_on > late.deadline

    def test_last_years_circuit_problems_are_closed_with_evidence_by_someone_without_a_stake(self, shared_demo):
        problems = RectificationProblem.objects.filter(
            organ=shared_demo.organ, batch__source=RectificationSource.CIRCUIT
        ).select_related("closed_by")
        assert {p.status for p in problems} == {ProblemStatus.CLOSED}
        measures = RectificationMeasure.objects.filter(problem__in=problems)
        assert measures_with_evidence([m.pk for m in measures]) == {m.pk for m in measures}
        closers = {p.closed_by.username for p in problems}
        assert closers == {"shuji", "fuzhuren"}
        for problem in problems:
            assert not own_stake(problem.closed_by, **stakes(problem))
            if problem.closed_by.username == "fuzhuren":
                shuji = shared_demo.organ.user_set.get(username="shuji")
                assert own_stake(shuji, **stakes(problem))
