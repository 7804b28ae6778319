"""INT-001 人事变动后按期开展廉政谈话: the pure check (held in time, late, overdue, due soon), the collector on the
ledgers (which talks answer which event, who answers for a finding) and a check for a past date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core.writes import soft_delete
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.tests.factories import TalkFactory
from qinglian.org.tests.factories import PersonnelEventFactory

RULE = RULES["INT-001"]
VALUES = {"talk_working_days": 20, "warn_working_days": 5, "look_back_years": 2}


def _check(talk_date, as_of, event_date=dt.date(2026, 3, 2)):
    subject = Subject(
        type="org.personnelevent",
        id="1",
        label="张三提拔（2026-03-02，研究室）",
        data={"event_date": event_date, "talk_date": talk_date, "talk_id": None, "expected": "任前廉政谈话"},
    )
    return RULE.check(subject, Params(VALUES), Context(organ_id=1, as_of=as_of, params=Params(VALUES)))


def test_shipped_parameters_parse_and_say_they_are_local_practice():
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
    entry = next(s for s in data["sets"] if s["rule_code"] == "INT-001")
    assert RULE.parse_params(entry["values"]) == VALUES
    assert entry["confidence"] == "low"
    assert RULE.basis.startswith("《") and "地方惯例" in RULE.basis and "可信度低" in RULE.basis
    assert [p.period for p in RULE.params] == ["working_days", "working_days", None]


def test_the_check_in_time_late_overdue_and_due_soon(db):
    # 20 working days after 2 March 2026 is 30 March
    assert _check(dt.date(2026, 3, 20), dt.date(2026, 6, 1)) is None
    assert _check(dt.date(2026, 2, 20), dt.date(2026, 6, 1)) is None  # a 任前 talk before the appointment
    late = _check(dt.date(2026, 4, 3), dt.date(2026, 6, 1))
    assert (late.severity, late.recorded, late.due) == (Severity.RED, True, dt.date(2026, 3, 30))
    assert "逾期4个工作日" in late.reason
    overdue = _check(None, dt.date(2026, 3, 31))
    assert (overdue.severity, overdue.recorded) == (Severity.RED, False) and "至今未谈话" in overdue.reason
    soon = _check(None, dt.date(2026, 3, 24))
    assert soon.severity == Severity.YELLOW and "请于2026-03-30前谈话" in soon.reason
    assert _check(None, dt.date(2026, 3, 10)) is None  # not due yet
    # a talk dated after the day checked had not been held on it
    assert _check(dt.date(2026, 4, 3), dt.date(2026, 3, 31)).reason == overdue.reason


@pytest.fixture
def ledger(org, leader, cadre_other_unit, cadre_same_unit):
    """Three events of 2026: B's cadre promoted (talked to late, linked), A's cadre moved to B (an unlinked talk
    in time), and B's cadre of another promotion in the summer (no talk)."""
    b, a = cadre_other_unit.person, cadre_same_unit.person
    promoted = PersonnelEventFactory(person=b, kind="promotion", date=dt.date(2026, 3, 2), to_unit=org.unit_b)
    moved = PersonnelEventFactory(person=a, kind="transfer", date=dt.date(2026, 5, 6), to_unit=org.unit_b)
    TalkFactory(talker=leader.person, subject=b, event=promoted, date=dt.date(2026, 4, 3))
    TalkFactory(
        talker=leader.person, subject=a, kind=IntegrityTalkKind.TRANSFER, date=dt.date(2026, 5, 8), unit=org.unit_b
    )
    return {"promoted": promoted, "moved": moved}


def _findings(org):
    return {f.subject_id: f for f in Finding.objects.filter(organ=org.organ, rule_code="INT-001")}


def test_on_the_ledgers_a_late_talk_is_recorded_and_the_leader_of_the_new_unit_answers(org, leader, ledger):
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 6, 1), codes=["INT-001"])
    found = _findings(org)
    assert set(found) == {str(ledger["promoted"].pk)}
    finding = found[str(ledger["promoted"].pk)]
    assert (finding.severity, finding.status) == ("red", "recorded")
    assert (finding.responsible_unit, finding.responsible_person) == (org.unit_b, leader.person)  # leader 分管 B


def test_for_a_past_date_later_talks_and_events_are_not_seen(org, leader, ledger, cadre_other_unit):
    summer = PersonnelEventFactory(person=cadre_other_unit.person, kind="appointment", date=dt.date(2026, 7, 1))
    # checked for 31 March: the late talk of 3 April had not been held, the summer event had not happened
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 3, 31), codes=["INT-001"])
    found = _findings(org)
    assert set(found) == {str(ledger["promoted"].pk)}
    assert (found[str(ledger["promoted"].pk)].severity, found[str(ledger["promoted"].pk)].status) == ("red", "open")
    # checked for 10 September: the summer event is overdue, the promotion's talk came late
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 9, 10), codes=["INT-001"])
    found = _findings(org)
    assert set(found) == {str(ledger["promoted"].pk), str(summer.pk)}
    assert found[str(summer.pk)].status == "open"


def test_a_talk_withdrawn_later_still_counts_for_the_day_it_stood(org, leader, ledger, cadre_same_unit):
    from qinglian.integrity.models import IntegrityTalk

    soft_delete(IntegrityTalk.objects.get(subject=cadre_same_unit.person), by=None)
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 6, 1), codes=["INT-001"])
    assert str(ledger["moved"].pk) not in _findings(org)  # withdrawn only today: on 1 June it stood
    run_checks(organ_id=org.organ.pk, as_of=timezone.localdate(), codes=["INT-001"])
    assert _findings(org)[str(ledger["moved"].pk)].status == "open"  # today the move has no talk
