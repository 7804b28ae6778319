"""INT-020…023 on the ledger: each can fail and pass, judged on the day checked (a past day sees only what was
dated by then), deadlines through core.workdays, reasons that say a status and nothing of a report, and findings
that go to the personnel officer."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.integrity.choices import ChangeKind, CheckOutcome, CheckReason, ReportKind
from qinglian.integrity.models import SpotCheck, SpotCheckDraw
from qinglian.integrity.tests.factories import PersonalReportFactory, SpotCheckFactory
from qinglian.org.choices import PersonnelEventKind, Rank
from qinglian.org.models import Person, PersonnelEvent

pytestmark = pytest.mark.django_db
D = dt.date


def _judge(code: str, organ_id: int, as_of: dt.date, **values):
    rule = RULES[code]
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=as_of, codes=[code]).get(code))
    params = Params({**params, **values})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {(s.id, s.period): (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def _verdict(code, organ_id, as_of, key, **values):
    found = _judge(code, organ_id, as_of, **values).get(key)
    return None if found is None else found[1]


@pytest.fixture
def director(org):
    """A 副处级 person of unit B who has held the rank all along."""
    return Person.objects.create(organ=org.organ, unit=org.unit_b, name="王处长", rank=Rank.BUREAU_DEPUTY)


# --- INT-020 --------------------------------------------------------------------------------------------------


def test_int020_missing_late_on_time_and_warning(org, director):
    organ, key = org.organ.pk, (str(director.pk), "2026")
    # 2026-01-31 is a Saturday: due Monday 2 February.
    assert _verdict("INT-020", organ, D(2026, 1, 5), key) is None  # more than 10 working days ahead
    warn = _verdict("INT-020", organ, D(2026, 1, 26), key)
    assert warn.severity == Severity.YELLOW and warn.due == D(2026, 2, 2)
    missing = _verdict("INT-020", organ, D(2026, 2, 3), key)
    assert missing.severity == Severity.RED and "未报送" in missing.reason and not missing.recorded
    assert _verdict("INT-020", organ, D(2026, 2, 2), key).severity == Severity.YELLOW  # the due day itself
    PersonalReportFactory(person=director, year=2026, submitted_on=D(2026, 2, 10), receipt_no="HZ-0099")
    late = _verdict("INT-020", organ, D(2026, 3, 1), key)
    assert late.severity == Severity.RED and late.recorded and late.reason.endswith("逾期报送")
    assert "HZ-0099" not in late.reason and "02-10" not in late.reason
    # Judged on 5 February the report of the 10th had not been filed.
    assert "未报送" in _verdict("INT-020", organ, D(2026, 2, 5), key).reason


def test_int020_on_time_passes_and_the_unobliged_are_not_judged(org, director, cadre_same_unit):
    PersonalReportFactory(person=director, year=2026, submitted_on=D(2026, 2, 2))
    judged = _judge("INT-020", org.organ.pk, D(2026, 6, 1))
    assert judged[(str(director.pk), "2026")][1] is None
    assert (str(cadre_same_unit.person_id), "2026") not in judged  # rank 其他: not obliged


# --- INT-021 --------------------------------------------------------------------------------------------------


def test_int021_change_reports_within_thirty_days(org, director):
    on_time = PersonalReportFactory(
        person=director,
        kind=ReportKind.CHANGE,
        year=2026,
        change_kind=ChangeKind.ABROAD,
        event_date=D(2026, 3, 2),
        submitted_on=D(2026, 4, 1),
        received_on=None,
    )
    late = PersonalReportFactory(
        person=director,
        kind=ReportKind.CHANGE,
        year=2026,
        change_kind=ChangeKind.MARRIAGE,
        event_date=D(2026, 3, 2),
        submitted_on=D(2026, 4, 3),
        received_on=None,
    )
    judged = _judge("INT-021", org.organ.pk, D(2026, 6, 1))
    assert judged[(str(on_time.pk), "2026")][1] is None
    verdict = judged[(str(late.pk), "2026")][1]
    assert verdict.severity == Severity.RED and verdict.recorded
    assert "婚姻" not in verdict.reason and "03-02" not in verdict.reason
    assert (str(late.pk), "2026") not in _judge("INT-021", org.organ.pk, D(2026, 4, 2))  # not filed yet then


# --- INT-022 --------------------------------------------------------------------------------------------------


def test_int022_every_promotion_checked_before(org, director):
    event = PersonnelEvent.objects.create(
        organ=org.organ, person=director, kind=PersonnelEventKind.PROMOTION, date=D(2026, 5, 10)
    )
    key = (str(event.pk), "2026")
    assert _verdict("INT-022", org.organ.pk, D(2026, 6, 1), key).severity == Severity.RED
    check = SpotCheckFactory(person=director, reason=CheckReason.PROMOTION, event=event)
    assert _verdict("INT-022", org.organ.pk, D(2026, 6, 1), key).severity == Severity.RED  # no outcome yet
    SpotCheck.objects.filter(pk=check.pk).update(outcome=CheckOutcome.CONSISTENT, checked_on=D(2026, 5, 20))
    assert _verdict("INT-022", org.organ.pk, D(2026, 6, 1), key).severity == Severity.RED  # checked after
    SpotCheck.objects.filter(pk=check.pk).update(checked_on=D(2026, 5, 8))
    assert _verdict("INT-022", org.organ.pk, D(2026, 6, 1), key) is None
    assert key not in _judge("INT-022", org.organ.pk, D(2026, 5, 1))  # not promoted yet


# --- INT-023 --------------------------------------------------------------------------------------------------


DRAWN_ON = D(2026, 3, 1)


def _draw(org, people, *, year=2026, drawn_on=DRAWN_ON, drawn=None):
    draw = SpotCheckDraw.objects.create(
        organ=org.organ,
        year=year,
        drawn_on=drawn_on,
        seed="s",
        ratio="0.100",
        population=[p.pk for p in people],
        drawn=[p.pk for p in (drawn if drawn is not None else people[:1])],
    )
    for pk in draw.drawn:
        SpotCheck.objects.create(organ=org.organ, person_id=pk, year=year, reason=CheckReason.RANDOM, draw=draw)
    return draw


def test_int023_a_draw_each_year_with_enough_people_and_outcomes_by_year_end(org):
    people = [
        Person.objects.create(organ=org.organ, unit=org.unit_b, name=f"处长{i}", rank=Rank.BUREAU_DEPUTY)
        for i in range(12)
    ]
    for p in people:
        PersonalReportFactory(person=p, year=2026)
    key = (str(org.organ.pk), "2026")
    assert _verdict("INT-023", org.organ.pk, D(2026, 6, 1), key) is None
    assert _verdict("INT-023", org.organ.pk, D(2026, 12, 10), key).severity == Severity.YELLOW
    undrawn = _verdict("INT-023", org.organ.pk, D(2027, 1, 5), key, look_back_years=2)
    assert undrawn.severity == Severity.RED and "未抽取" in undrawn.reason
    draw = _draw(org, people, drawn=people[:1])  # 1 < ceil(0.10 × 12) = 2
    short = _verdict("INT-023", org.organ.pk, D(2026, 6, 1), (str(draw.pk), "2026"))
    assert short.severity == Severity.RED and "应不少于2人" in short.reason
    SpotCheck.objects.create(organ=org.organ, person=people[1], year=2026, reason=CheckReason.RANDOM, draw=draw)
    SpotCheckDraw.objects.filter(pk=draw.pk).update(drawn=[people[0].pk, people[1].pk])
    key = (str(draw.pk), "2026")
    assert _verdict("INT-023", org.organ.pk, D(2026, 6, 1), key) is None
    assert _verdict("INT-023", org.organ.pk, D(2026, 12, 10), key).severity == Severity.YELLOW
    assert _verdict("INT-023", org.organ.pk, D(2027, 1, 5), key).severity == Severity.RED
    SpotCheck.objects.filter(draw=draw).update(outcome=CheckOutcome.CONSISTENT, checked_on=D(2026, 11, 30))
    assert _verdict("INT-023", org.organ.pk, D(2027, 1, 5), key) is None
    assert _verdict("INT-023", org.organ.pk, D(2026, 11, 1), key) is None  # before the checks: nothing due yet
    assert (str(org.organ.pk), "2026") in _judge("INT-023", org.organ.pk, D(2026, 2, 1))  # draw dated later


def test_findings_go_to_the_personnel_officer(org, director, personnel_officer):
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 3, 1), codes=["INT-020"])
    finding = Finding.objects.get(rule_code="INT-020", subject_id=str(director.pk), period="2026")
    assert (finding.responsible_unit_id, finding.responsible_person_id) == (org.unit_a.pk, personnel_officer.person_id)
