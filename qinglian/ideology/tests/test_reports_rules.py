"""IDEO-030…032 read the parameters, not the rows: a period past its due date with no item done by D is red (planned
or not), done after the due date is yellow (逾期完成, recorded), done in time is nothing; on the due day itself it is
still in time; a check for a past D sees only completions dated by D and rows live on D; findings go to the item's
responsible person, else the party-affairs office."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.owners import party_office
from qinglian.compliance.registry import RULES, Context
from qinglian.core import clock, workdays
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.rules import common
from qinglian.ideology.selectors.reports import year_params
from qinglian.ideology.tests.factories import ReportItemFactory

pytestmark = pytest.mark.django_db
D = dt.date
CODES = ("IDEO-030", "IDEO-031", "IDEO-032")
AS_OF = D(2026, 11, 25)
QUARTERS = ((D(2000, 1, 1), D(2000, 3, 31)), (D(2000, 4, 1), D(2000, 6, 30)), (D(2000, 7, 1), D(2000, 9, 30)))
QUARTERS += ((D(2000, 10, 1), D(2000, 12, 31)),)


def _run(organ_id: int, as_of: dt.date = AS_OF) -> dict[tuple[str, str], object]:
    """Each rule's verdicts for D, collected and checked as the engine does (parameters from the table)."""
    found = {}
    params = year_params(organ_id, as_of.year, as_of, CODES)
    for code in CODES:
        rule = RULES[code]
        ctx = Context(organ_id=organ_id, as_of=as_of, params=params[code])
        for subject in rule.collect(ctx):
            verdict = rule.check(subject, ctx.params, ctx)
            if verdict is not None:
                found[(code, subject.id)] = (verdict, subject)
    return found


def _due(end: dt.date) -> dt.date:
    return workdays.add_working_days(end, 10)


def _all_on_time(person, years=(2025, 2026), as_of=AS_OF) -> None:
    """Every period of the two years due by D, done on its due date."""
    for y in years:
        for start, end in [(s.replace(year=y), e.replace(year=y)) for s, e in QUARTERS]:
            if _due(end) < as_of:
                ReportItemFactory(
                    responsible=person, period_start=start, period_end=end, due_on=_due(end), done_on=_due(end)
                )
    for y in years:
        for start, end in ((D(y, 1, 1), D(y, 6, 30)), (D(y, 7, 1), D(y, 12, 31))):
            if _due(end) < as_of:
                ReportItemFactory(
                    responsible=person,
                    kind=ReportKind.BRIEFING,
                    period_start=start,
                    period_end=end,
                    due_on=_due(end),
                    done_on=_due(end),
                )
        if D(y, 12, 31) < as_of:
            ReportItemFactory(
                responsible=person,
                kind=ReportKind.ANNUAL_REPORT,
                period_start=D(y, 1, 1),
                period_end=D(y, 12, 31),
                due_on=D(y, 12, 31),
                done_on=D(y, 12, 20),
            )


def test_nothing_planned_is_red_for_every_period_past_its_due_date_and_goes_to_the_party_office(org, party_officer):
    found = _run(org.organ.pk)
    keys = sorted(found)
    assert keys == sorted(
        [("IDEO-030", f"analysis:2025-{m:02d}-01") for m in (1, 4, 7, 10)]
        + [("IDEO-030", f"analysis:2026-{m:02d}-01") for m in (1, 4, 7)]
        + [("IDEO-031", "annual_report:2025-01-01")]
        + [
            ("IDEO-032", "briefing:2025-01-01"),
            ("IDEO-032", "briefing:2025-07-01"),
            ("IDEO-032", "briefing:2026-01-01"),
        ]
    )
    verdict, subject = found[("IDEO-030", "analysis:2026-07-01")]
    assert verdict.severity == Severity.RED and not verdict.recorded and verdict.due == _due(D(2026, 9, 30))
    assert "2026年第三季度意识形态形势分析研判（未列入分析研判和报告计划）" in verdict.reason
    assert "开展意识形态形势分析研判，至今未登记完成" in verdict.reason
    assert subject.person_id is None and subject.link == "/ideology/reports/?year=2026"
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=list(CODES))
    finding = Finding.objects.get(rule_code="IDEO-031")
    assert finding.responsible_person == party_officer.person
    assert "向上级党委报告意识形态工作责任制落实情况" in finding.reason


def test_all_done_in_time_finds_nothing_and_a_lapse_and_a_late_one_are_found(org, cadre_same_unit):
    person = cadre_same_unit.person
    _all_on_time(person)
    assert _run(org.organ.pk) == {}
    q3 = ReportItemFactory._meta.model.objects.get(kind=ReportKind.ANALYSIS, period_start=D(2026, 7, 1))
    q3.done_on = None
    q3.save()
    h1 = ReportItemFactory._meta.model.objects.get(kind=ReportKind.BRIEFING, period_start=D(2026, 1, 1))
    h1.done_on = workdays.add_working_days(h1.due_on, 3)
    h1.save()
    found = _run(org.organ.pk)
    assert set(found) == {("IDEO-030", "analysis:2026-07-01"), ("IDEO-032", "briefing:2026-01-01")}
    red, subject = found[("IDEO-030", "analysis:2026-07-01")]
    assert red.severity == Severity.RED and "（未列入" not in red.reason
    assert subject.person_id == person.pk and subject.unit_id == org.unit_a.pk
    assert subject.link == f"/ideology/reports/{q3.pk}/"
    late, _ = found[("IDEO-032", "briefing:2026-01-01")]
    assert late.severity == Severity.YELLOW and late.recorded and "逾期完成3个工作日" in late.reason


def test_on_the_due_day_it_is_still_in_time(org, cadre_same_unit):
    _all_on_time(cadre_same_unit.person)
    ReportItemFactory._meta.model.objects.filter(period_start=D(2026, 7, 1)).update(done_on=None)
    due = _due(D(2026, 9, 30))
    assert ("IDEO-030", "analysis:2026-07-01") not in _run(org.organ.pk, as_of=due)
    assert ("IDEO-030", "analysis:2026-07-01") in {
        k for k, (v, _) in _run(org.organ.pk, as_of=workdays.next_working_day(due)).items()
    }


def test_a_past_day_sees_only_what_was_done_and_live_by_then(org, cadre_same_unit):
    _all_on_time(cadre_same_unit.person)
    model = ReportItemFactory._meta.model
    q2 = model.objects.get(kind=ReportKind.ANALYSIS, period_start=D(2026, 4, 1))
    q2.done_on = D(2026, 9, 1)  # held late
    q2.save()
    past = D(2026, 8, 3)
    verdict, _ = _run(org.organ.pk, as_of=past)[("IDEO-030", "analysis:2026-04-01")]
    assert verdict.severity == Severity.RED  # on 3 August it had not been held
    verdict, _ = _run(org.organ.pk)[("IDEO-030", "analysis:2026-04-01")]
    assert verdict.severity == Severity.YELLOW
    # A row withdrawn after D still counts on D; withdrawn before D it does not.
    q1 = model.objects.get(kind=ReportKind.ANALYSIS, period_start=D(2026, 1, 1))
    with clock.replaying(common_moment(D(2026, 10, 9))):
        q1.deleted_at = clock.now()
        q1.save()
    assert ("IDEO-030", "analysis:2026-01-01") not in _run(org.organ.pk, as_of=past)
    assert ("IDEO-030", "analysis:2026-01-01") in _run(org.organ.pk)


def test_the_look_back_is_this_year_and_the_last(org, cadre_same_unit):
    _all_on_time(cadre_same_unit.person, years=(2026,))
    found = _run(org.organ.pk)
    assert {k[1][-10:-6] for k in found} == {"2025"}  # 2024 is not looked at
    assert RULES["IDEO-030"].category == common.CATEGORY


def test_the_rules_as_registered():
    for code in CODES:
        rule = RULES[code]
        assert rule.basis.startswith("《党委（党组）意识形态工作责任制实施办法》")
        assert rule.keeper is party_office
    assert [p.name for p in RULES["IDEO-030"].params] == ["periods_per_year", "grace_working_days"]
    assert [p.name for p in RULES["IDEO-031"].params] == ["due_month", "due_day"]
    assert [p.name for p in RULES["IDEO-032"].params] == ["periods_per_year", "grace_working_days"]


def common_moment(day: dt.date):
    from qinglian.core.demo_days import moment

    return moment(day, 12)
