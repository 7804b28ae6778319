"""NPC-012 (a key suggestion's supervision plan) and NPC-013 (the year's handling report heard and published
before the next session), read as the ledgers stood on the day checked.

Expectations from the texts: 浙江规定 Art.28 ¶2 requires the plan but sets no time (the month is an unconfirmed
parameter, counted as 民法典 Arts. 201–203 count months); 代表法 Art.51 ¶3 has the report heard by the Standing
Committee and 印发下一次人民代表大会会议, and published — so both are due before the next session opens.
Each rule has a record dated after the as-of day and a deadline on a 2026 holiday.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.core import clock
from qinglian.npc.choices import SessionKind
from qinglian.npc.models import HandlingReport, Suggestion
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.tests.factories import AssignmentFactory, SessionFactory, SuggestionFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _run(code: str, organ_id: int, as_of: dt.date, **overrides) -> dict[tuple[str, str], tuple[Subject, Verdict]]:
    """(subject id, period) → (subject, verdict) for every subject the rule collects on `as_of`."""
    rule = RULES[code]
    params = Params({**rule_params(code, organ_id=organ_id, on=as_of), **overrides})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {(s.id, s.period): (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def _one(code: str, organ_id: int, as_of: dt.date, **overrides) -> Verdict | None:
    found = _run(code, organ_id, as_of, **overrides)
    assert len(found) == 1, found
    [(_, verdict)] = found.values()
    return verdict


def test_the_shipped_parameters_say_what_is_confirmed():
    shipped = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
    sets = {s["rule_code"]: s for s in shipped["sets"]}
    assert sets["NPC-012"]["confidence"] == "unconfirmed" and "未规定制定期限" in sets["NPC-012"]["note"]
    assert sets["NPC-013"]["confidence"] == "high" and "第五十一条第三款" in sets["NPC-013"]["source"]
    periods = {code: {p.name: p.period for p in RULES[code].params if p.period} for code in ("NPC-012", "NPC-013")}
    assert periods["NPC-012"] == {"plan_months": "months", "warn_working_days": "working_days"}
    assert periods["NPC-013"] == {"days_before_session": "days_before", "warn_working_days": "working_days"}
    assert "第二十八条第二款" in RULES["NPC-012"].basis and "第五十二条第二款" in RULES["NPC-012"].basis
    assert "第五十一条第三款" in RULES["NPC-013"].basis and "第二十九条" in RULES["NPC-013"].basis


# --- NPC-012 督办工作方案 ----------------------------------------------------------------------------------------


@pytest.fixture
def key(org, leader):
    """A suggestion the chairpersons' meeting made a key one on 2026-03-10, supervised by unit B and the leader."""
    return SuggestionFactory(
        organ=org.organ,
        is_key=True,
        key_decided_on=D(2026, 3, 10),
        supervising_committee=org.unit_b,
        supervising_leader=leader.person,
    )


def test_npc012_a_plan_within_the_month_is_in_time_and_the_finding_goes_to_the_committee(org, key, leader):
    found = _run("NPC-012", org.organ.pk, D(2026, 4, 3))
    [(subject, verdict)] = found.values()
    assert (subject.unit_id, subject.person_id, subject.period) == (org.unit_b.pk, leader.person.pk, "2026")
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 4, 10)  # 3-10 + 1 month
    Suggestion.objects.filter(pk=key.pk).update(supervision_plan_on=D(2026, 4, 10))
    assert _one("NPC-012", org.organ.pk, D(2026, 4, 20)) is None


def test_npc012_a_plan_dated_after_the_day_had_not_been_drawn_up(org, key):
    Suggestion.objects.filter(pk=key.pk).update(supervision_plan_on=D(2026, 4, 8))
    coming = _one("NPC-012", org.organ.pk, D(2026, 4, 7))
    assert coming.severity == Severity.YELLOW and "尚未制定督办工作方案" in coming.reason
    assert _one("NPC-012", org.organ.pk, D(2026, 4, 8)) is None


def test_npc012_a_late_plan_stays_red_and_a_missing_one_is_red_once_due(org, key):
    missing = _one("NPC-012", org.organ.pk, D(2026, 4, 13))
    assert missing.severity == Severity.RED and not missing.recorded
    Suggestion.objects.filter(pk=key.pk).update(supervision_plan_on=D(2026, 4, 20))
    late = _one("NPC-012", org.organ.pk, D(2026, 5, 6))
    assert late.severity == Severity.RED and late.reason.endswith("2026-04-20才制定督办工作方案，逾期6个工作日")
    assert late.recorded  # drawn up late: kept as a recorded fact


def test_npc012_a_decision_dated_after_the_day_had_not_been_taken(org, key):
    assert _run("NPC-012", org.organ.pk, D(2026, 3, 9)) == {}
    assert len(_run("NPC-012", org.organ.pk, D(2026, 3, 10))) == 1


def test_npc012_a_month_ending_in_the_spring_festival_runs_to_the_first_working_day_after_it(org, leader):
    # Decided 2026-01-15: a month later is 2-15, the first day of the Spring Festival (2-15…2-23): due 2-24.
    SuggestionFactory(
        organ=org.organ,
        is_key=True,
        key_decided_on=D(2026, 1, 15),
        supervising_committee=org.unit_b,
        supervising_leader=leader.person,
        supervision_plan_on=D(2026, 2, 24),
    )
    assert _one("NPC-012", org.organ.pk, D(2026, 3, 2)) is None
    Suggestion.objects.update(supervision_plan_on=None)
    on_the_day = _one("NPC-012", org.organ.pk, D(2026, 2, 24))
    assert on_the_day.severity == Severity.YELLOW and on_the_day.due == D(2026, 2, 24)
    assert _one("NPC-012", org.organ.pk, D(2026, 2, 25)).severity == Severity.RED


def test_npc012_a_suggestion_unmarked_since_is_read_from_its_history(org, leader):
    with clock.replaying(_at(D(2026, 1, 15))):
        suggestion = SuggestionFactory(organ=org.organ)
    with clock.replaying(_at(D(2026, 3, 10))):
        suggestion.is_key, suggestion.key_decided_on = True, D(2026, 3, 10)
        suggestion.supervising_committee, suggestion.supervising_leader = org.unit_b, leader.person
        suggestion.save()
    with clock.replaying(_at(D(2026, 5, 6))):  # the chairpersons' meeting took it off the list
        suggestion.is_key, suggestion.key_decided_on = False, None
        suggestion.supervising_committee = suggestion.supervising_leader = None
        suggestion.save()
    assert _one("NPC-012", org.organ.pk, D(2026, 4, 20)).severity == Severity.RED
    assert _run("NPC-012", org.organ.pk, D(2026, 5, 6)) == {}


def test_npc012_without_a_recorded_decision_the_month_counts_from_the_assignment(org, leader):
    suggestion = SuggestionFactory(
        organ=org.organ, is_key=True, supervising_committee=org.unit_b, supervising_leader=leader.person
    )
    AssignmentFactory(suggestion=suggestion, assigned_on=D(2026, 2, 2))
    Suggestion.objects.filter(pk=suggestion.pk).update(assigned_on=D(2026, 2, 2))
    verdict = _one("NPC-012", org.organ.pk, D(2026, 3, 3))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 3, 2)
    assert "自交办日起算" in verdict.reason


# --- NPC-013 办理情况报告 ----------------------------------------------------------------------------------------


def _report(org, year: int, heard: dt.date | None, published: dt.date | None = None) -> HandlingReport:
    return HandlingReport.objects.create(
        organ=org.organ, year=year, reported_on=heard, published_on=published, published_where="市人大网站"
    )


@pytest.fixture
def year_2025(org, desks):
    """Suggestions of 2025; the next session opens on 2026-01-12 (the factory's session)."""
    session = SessionFactory(organ=org.organ, start=D(2025, 1, 13), end=D(2025, 1, 16), number="第四次会议")
    SuggestionFactory(organ=org.organ, year=2025, session=session, received_on=D(2025, 1, 15))
    SessionFactory(organ=org.organ, start=D(2026, 1, 12), end=D(2026, 1, 15))
    return org


def test_npc013_heard_and_published_before_the_next_session_is_in_time(year_2025, unit_head):
    _report(year_2025, 2025, D(2025, 12, 26), D(2025, 12, 30))
    [(subject, verdict)] = _run("NPC-013", year_2025.organ.pk, D(2026, 1, 20)).values()
    assert verdict is None and subject.period == "2025"
    assert (subject.unit_id, subject.person_id) == (year_2025.unit_a.pk, unit_head.person.pk)


def test_npc013_heard_but_not_published_is_red_after_the_session(year_2025):
    _report(year_2025, 2025, D(2025, 12, 26))
    verdict = _one("NPC-013", year_2025.organ.pk, D(2026, 1, 20))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 1, 9)  # 1-11 is a Sunday: back to Friday
    assert "已于2025-12-26经常委会会议听取" in verdict.reason and "至今未向社会公开" in verdict.reason


def test_npc013_a_hearing_and_a_publication_dated_after_the_day_had_not_happened(year_2025):
    _report(year_2025, 2025, D(2025, 12, 26), D(2026, 1, 5))
    before = _one("NPC-013", year_2025.organ.pk, D(2025, 12, 22))
    assert before.severity == Severity.YELLOW and "尚未经常委会会议听取并向社会公开" in before.reason
    heard = _one("NPC-013", year_2025.organ.pk, D(2025, 12, 29))
    assert heard.severity == Severity.YELLOW and "尚未向社会公开" in heard.reason
    assert _one("NPC-013", year_2025.organ.pk, D(2026, 1, 5)) is None


def test_npc013_heard_after_the_session_opened_is_red(year_2025):
    _report(year_2025, 2025, D(2026, 2, 27), D(2026, 2, 28))
    verdict = _one("NPC-013", year_2025.organ.pk, D(2026, 3, 2))
    assert verdict.severity == Severity.RED and "2026-02-27才经常委会会议听取" in verdict.reason


def test_npc013_a_session_after_the_spring_festival_moves_the_deadline_back_to_the_working_saturday(org, desks):
    # The next session opens on Tuesday 2026-02-24; the day before is the last day of the Spring Festival
    # (2-15…2-23), so the report is due on the last working day before it: Saturday 2-14, a 调休 working day.
    SuggestionFactory(
        organ=org.organ, year=2025, session=SessionFactory(organ=org.organ, start=D(2025, 2, 17), end=D(2025, 2, 20))
    )
    SessionFactory(organ=org.organ, start=D(2026, 2, 24), end=D(2026, 2, 27))
    verdict = _one("NPC-013", org.organ.pk, D(2026, 2, 13))
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 2, 14)
    assert _one("NPC-013", org.organ.pk, D(2026, 2, 24)).severity == Severity.RED


def test_npc013_without_the_next_session_the_deadline_is_estimated_a_year_on(org, desks):
    SuggestionFactory(organ=org.organ)  # 2026, its session opened on 2026-01-12
    assert _one("NPC-013", org.organ.pk, D(2026, 11, 27)) is None  # due 2027-01-11: 31 working days away
    verdict = _one("NPC-013", org.organ.pk, D(2026, 11, 30))  # 30: within the warning
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2027, 1, 11)
    assert "按本年度会议一年后（2027-01-12）估算" in verdict.reason


def test_npc013_years_without_suggestions_or_a_report_owe_nothing(org, desks):
    SessionFactory(organ=org.organ, start=D(2025, 1, 13), end=D(2025, 1, 16))
    assert _run("NPC-013", org.organ.pk, D(2026, 3, 2)) == {}
    _report(org, 2025, D(2025, 12, 26), D(2025, 12, 30))
    assert set(_run("NPC-013", org.organ.pk, D(2026, 3, 2))) == {(str(org.organ.pk), "2025")}


def test_npc013_findings_through_the_engine_close_once_the_report_is_published(year_2025):
    report = _report(year_2025, 2025, D(2025, 12, 26))
    result = run_checks(organ_id=year_2025.organ.pk, as_of=D(2026, 1, 6), codes=["NPC-013"])
    assert not result.errors, result.errors
    [finding] = Finding.objects.filter(rule_code="NPC-013")
    assert finding.severity == "yellow" and finding.responsible_unit == year_2025.unit_a
    report.published_on = D(2026, 1, 7)
    report.save()
    run_checks(organ_id=year_2025.organ.pk, as_of=D(2026, 1, 7), codes=["NPC-013"])
    finding.refresh_from_db()
    assert finding.status == "closed"


def test_the_rule_pages_say_how_the_periods_are_counted(org, party_officer, client):
    client.force_login(party_officer)
    plan = client.get("/compliance/rules/NPC-012/").content.decode()
    assert "第二十八条第二款" in plan and "到期月的对应日" in plan
    report = client.get("/compliance/rules/NPC-013/").content.decode()
    assert "第五十一条第三款" in report and "落在节假日的提前至节前最后一个工作日" in report


def test_sessions_of_kind_interim_are_not_the_next_session(org, desks):
    SuggestionFactory(organ=org.organ)
    SessionFactory(organ=org.organ, kind=SessionKind.INTERIM, start=D(2026, 1, 16), end=None)
    SessionFactory(organ=org.organ, kind=SessionKind.INTERIM, start=D(2027, 1, 1), end=None)
    assert _one("NPC-013", org.organ.pk, D(2026, 12, 1)).due == D(2027, 1, 11)
