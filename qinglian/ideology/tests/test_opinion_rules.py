"""IDEO-040/041 time the first response and the report upward from found_at in hours by level (the parameters in
force): unanswered past the limit at the end of D → red, answered late → yellow, in time → nothing; a check for a
past D counts only moments at or before the end of D and events found by then; findings go to the responsible
person and unit, else the party-affairs office."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import RULES
from qinglian.core.demo_days import moment
from qinglian.ideology.choices import OpinionLevel
from qinglian.ideology.tests.factories import OpinionEventFactory

pytestmark = pytest.mark.django_db
CODES = ["IDEO-040", "IDEO-041"]
AS_OF = dt.date(2026, 11, 25)
FOUND = moment(dt.date(2026, 11, 20), 9, 0)
H = dt.timedelta(hours=1)


def _findings(org, as_of=AS_OF) -> dict[tuple[str, int], Finding]:
    run_checks(organ_id=org.organ.pk, as_of=as_of, codes=CODES)
    rows = Finding.objects.filter(organ=org.organ, rule_code__in=CODES)
    return {(f.rule_code, int(f.subject_id)): f for f in rows}


def _event(org, **kw):
    return OpinionEventFactory(unit=org.unit_a, found_at=kw.pop("found_at", FOUND), **kw)


def test_the_rules_cite_their_bases_and_read_the_shipped_parameters():
    assert RULES["IDEO-040"].basis.startswith("《") and RULES["IDEO-041"].basis.startswith("《")
    assert [p.name for p in RULES["IDEO-040"].params] == [
        "response_hours_general",
        "response_hours_serious",
        "response_hours_major",
    ]
    assert [p.name for p in RULES["IDEO-041"].params] == ["report_hours_serious", "report_hours_major"]


def test_response_in_time_late_and_missing(org, party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    in_time = _event(org, responsible=person, first_response_at=FOUND + 24 * H, first_response="说明")
    late = _event(org, responsible=person, first_response_at=FOUND + 25 * H, first_response="说明")
    serious_late = _event(org, level=OpinionLevel.SERIOUS, first_response_at=FOUND + 7 * H, reported_at=FOUND + 8 * H)
    missing = _event(org, responsible=person)
    recent = _event(org, found_at=moment(AS_OF, 9))  # 15 hours by the end of D: not yet due
    found = _findings(org)
    assert ("IDEO-040", in_time.pk) not in found and ("IDEO-040", recent.pk) not in found
    f = found[("IDEO-040", late.pk)]
    assert f.severity == Severity.YELLOW and "实际用时25小时" in f.reason and "应在24小时内首次响应" in f.reason
    assert (f.responsible_person_id, f.responsible_unit_id) == (person.pk, org.unit_a.pk)
    f = found[("IDEO-040", missing.pk)]
    assert f.severity == Severity.RED and "仍未首次响应" in f.reason and f.due_date == dt.date(2026, 11, 21)
    f = found[("IDEO-040", serious_late.pk)]
    assert f.severity == Severity.YELLOW and "应在6小时内" in f.reason
    office = party_office(org.organ.pk)
    assert (f.responsible_person_id, f.responsible_unit_id) == (office.person_id, office.unit_id)
    assert ("IDEO-041", serious_late.pk) not in found  # reported within 12 hours


def test_report_upward_of_serious_and_major_events(org, party_officer):
    answered = {"first_response_at": FOUND + H, "first_response": "研判"}
    general = _event(org, **answered)
    serious_ok = _event(org, level=OpinionLevel.SERIOUS, reported_at=FOUND + 12 * H, **answered)
    serious_late = _event(org, level=OpinionLevel.SERIOUS, reported_at=FOUND + 13 * H, **answered)
    major_never = _event(org, level=OpinionLevel.MAJOR, **answered)
    found = _findings(org)
    assert ("IDEO-041", general.pk) not in found and ("IDEO-041", serious_ok.pk) not in found
    assert found[("IDEO-041", serious_late.pk)].severity == Severity.YELLOW
    f = found[("IDEO-041", major_never.pk)]
    assert f.severity == Severity.RED and "应在2小时内向上级报告" in f.reason
    assert ("IDEO-040", major_never.pk) not in found  # answered within the 2 hours of a major event


def test_a_past_day_counts_only_what_was_recorded_by_its_end(org, party_officer):
    answered_later = _event(org, first_response_at=moment(dt.date(2026, 11, 23), 10), first_response="说明")
    found_later = _event(org, found_at=moment(dt.date(2026, 11, 24), 9))
    deleted_later = _event(org, deleted_at=moment(dt.date(2026, 11, 24), 9))
    past = _findings(org, as_of=dt.date(2026, 11, 22))
    f = past[("IDEO-040", answered_later.pk)]
    assert f.severity == Severity.RED  # on the 22nd it had no response yet
    assert ("IDEO-040", found_later.pk) not in past
    assert past[("IDEO-040", deleted_later.pk)].severity == Severity.RED  # still in the register on the 22nd
    Finding.objects.all().delete()
    now = _findings(org)
    assert now[("IDEO-040", answered_later.pk)].severity == Severity.YELLOW
    assert ("IDEO-040", deleted_later.pk) not in now
    assert now[("IDEO-040", found_later.pk)].severity == Severity.RED


def test_the_window_is_this_year_and_last(org, party_officer):
    old = _event(org, found_at=moment(dt.date(2024, 12, 30), 9))
    last_year = _event(org, found_at=moment(dt.date(2025, 1, 2), 9))
    found = _findings(org)
    assert ("IDEO-040", old.pk) not in found and ("IDEO-040", last_year.pk) in found
