"""INT-040 (report sent on time after the feedback) and INT-041 (each measure done by its deadline) on the ledger:
each can fail and pass, and a check for a past date sees the ledger as it stood then.

Working days come from the shipped 2026 calendar: 劳动节 5/1–5/5 with Sunday 4/26 and Saturday 5/9 worked;
端午 6/19–6/21."""

# ruff: noqa: F811  (the fixtures imported by name from test_rectification_services)
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.tests.factories import BatchFactory, MeasureFactory, ProblemFactory
from qinglian.integrity.tests.test_rectification_services import (  # noqa: F401  (fixtures)
    batch,
    evidence_on,
    measure,
    problem,
    secretary,
)

D = dt.date
P040 = {
    "inspection_months": 2,
    "circuit_months": 2,
    "audit_months": 3,
    "other_months": 2,
    "warn_working_days": 10,
    "look_back_years": 3,
}
P041 = {"warn_working_days": 5, "look_back_years": 3}


def verdicts(code, organ_id, as_of, values):
    rule = RULES[code]
    ctx = Context(organ_id=organ_id, as_of=as_of, params=Params(values))
    out = {}
    for subject in rule.collect(ctx):
        verdict = rule.check(subject, ctx.params, ctx)
        out[subject.id] = (subject, verdict)
    return out


def severity(code, organ_id, as_of, values, pk):
    found = verdicts(code, organ_id, as_of, values)
    if str(pk) not in found:
        return "unseen"
    verdict = found[str(pk)][1]
    return None if verdict is None else (verdict.severity, verdict.recorded)


# --- INT-040 -----------------------------------------------------------------------------------------------------


def test_int040_due_two_months_after_a_circuit_feedback(org, batch, party_officer):
    # Fed back 2026-03-02: due 2026-05-02, a rest day (劳动节) → 2026-05-06.
    organ = org.organ.pk
    assert severity("INT-040", organ, D(2026, 3, 1), P040, batch.pk) == "unseen"  # not fed back yet
    assert severity("INT-040", organ, D(2026, 4, 1), P040, batch.pk) is None
    assert severity("INT-040", organ, D(2026, 4, 22), P040, batch.pk) == (Severity.YELLOW, False)
    assert severity("INT-040", organ, D(2026, 5, 6), P040, batch.pk) == (Severity.YELLOW, False)
    assert severity("INT-040", organ, D(2026, 5, 7), P040, batch.pk) == (Severity.RED, False)
    subject, verdict = verdicts("INT-040", organ, D(2026, 5, 7), P040)[str(batch.pk)]
    assert verdict.due == D(2026, 5, 6)
    assert subject.person_id == batch.lead_id and subject.unit_id == party_officer.person.unit_id


def test_int040_late_report_is_recorded_and_a_timely_one_passes(org, batch):
    organ = org.organ.pk
    batch.report_submitted_on, batch.report_no = D(2026, 5, 20), "x"
    batch.save()
    assert severity("INT-040", organ, D(2026, 6, 1), P040, batch.pk) == (Severity.RED, True)
    # A check for a date before the report: not yet sent, overdue.
    assert severity("INT-040", organ, D(2026, 5, 12), P040, batch.pk) == (Severity.RED, False)
    batch.report_submitted_on = D(2026, 4, 28)
    batch.save()
    assert severity("INT-040", organ, D(2026, 6, 1), P040, batch.pk) is None


def test_int040_months_by_source_and_window(org):
    audit = BatchFactory(organ=org.organ, source=RectificationSource.AUDIT, feedback_on=D(2026, 3, 2))
    # audit_months 3: due 2026-06-02; on 5/7 nothing yet.
    assert severity("INT-040", org.organ.pk, D(2026, 5, 7), P040, audit.pk) is None
    old = BatchFactory(organ=org.organ, feedback_on=D(2022, 3, 2))
    assert severity("INT-040", org.organ.pk, D(2026, 5, 7), P040, old.pk) == "unseen"  # outside 3 years


# --- INT-041 -----------------------------------------------------------------------------------------------------


def test_int041_measure_due_soon_overdue_and_done(org, measure, party_officer):
    organ = org.organ.pk  # deadline 2026-05-29 (Friday)
    assert severity("INT-041", organ, D(2026, 5, 15), P041, measure.pk) is None
    assert severity("INT-041", organ, D(2026, 5, 22), P041, measure.pk) == (Severity.YELLOW, False)
    assert severity("INT-041", organ, D(2026, 5, 29), P041, measure.pk) == (Severity.YELLOW, False)
    assert severity("INT-041", organ, D(2026, 6, 1), P041, measure.pk) == (Severity.RED, False)
    subject, _ = verdicts("INT-041", organ, D(2026, 6, 1), P041)[str(measure.pk)]
    assert subject.unit_id == measure.unit_id and subject.person_id == measure.owner_id
    evidence_on(measure, party_officer)
    measure.completed_on, measure.completion_note = D(2026, 6, 10), "完成"
    measure.save()
    assert severity("INT-041", organ, D(2026, 7, 1), P041, measure.pk) == (Severity.RED, True)  # late, recorded
    # On a date before the completion it was still open and overdue.
    assert severity("INT-041", organ, D(2026, 6, 5), P041, measure.pk) == (Severity.RED, False)
    measure.completed_on = D(2026, 5, 28)
    measure.save()
    assert severity("INT-041", organ, D(2026, 7, 1), P041, measure.pk) is None


def test_int041_reads_the_deadline_as_it_stood_and_a_deleted_measure(org, problem):
    organ = org.organ.pk
    measure = MeasureFactory(problem=problem, deadline=D(2026, 4, 30))
    past = D(2026, 5, 8)
    assert severity("INT-041", organ, past, P041, measure.pk) == (Severity.RED, False)
    # Moved later after the day checked (entered now): the day's check reads the deadline as first entered.
    measure.deadline = D(2026, 6, 30)
    measure.save()
    assert severity("INT-041", organ, past, P041, measure.pk) == (Severity.RED, False)
    # Deleted afterwards (a mistake found later): it still stood on the day checked, not any more today.
    measure.deleted_at = timezone.now()
    measure.save()
    assert severity("INT-041", organ, past, P041, measure.pk) == (Severity.RED, False)
    assert severity("INT-041", organ, timezone.localdate(), P041, measure.pk) == "unseen"
    other = ProblemFactory(batch=BatchFactory(organ=org.organ, feedback_on=D(2027, 1, 4)), number=1)
    later = MeasureFactory(problem=other, deadline=D(2027, 2, 1))
    assert severity("INT-041", organ, past, P041, later.pk) == "unseen"  # its batch was fed back after the day


@pytest.mark.parametrize("code", ["INT-040", "INT-041"])
def test_the_rules_parameters_match_the_shipped_set(code):
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
    [entry] = [e for e in data["sets"] if e["rule_code"] == code]
    assert set(RULES[code].parse_params(entry["values"])) == set(entry["values"])
