"""INT-030 廉政风险点每年复核, read as the register stood on the day checked: reviews and risk points dated after it do
not count, a point retired later still stood, one retired before did not; units with no risk point at all are
named only once the organ keeps the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.core import clock, workdays
from qinglian.integrity.models import RiskReview
from qinglian.integrity.services.risks import risk_retire
from qinglian.integrity.tests.factories import RiskPointFactory

D = dt.date
CODE = "INT-030"


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _run(organ_id: int, as_of: dt.date, **overrides) -> dict[tuple[str, str], tuple[Subject, Verdict | None]]:
    """(subject type, id) → (subject, verdict) for every subject the rule collects on `as_of`."""
    rule = RULES[CODE]
    found = sets_in_force(organ_id=organ_id, on=as_of, codes=[CODE]).get(CODE)
    params = Params({**resolve(rule, found), **overrides})
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {(s.type, s.id): (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def _verdict(organ_id: int, as_of: dt.date, risk) -> Verdict | None:
    return _run(organ_id, as_of)[("integrity.riskpoint", str(risk.pk))][1]


def _review(risk, day: dt.date) -> RiskReview:
    return RiskReview.objects.create(risk=risk, date=day, note="复核")


def test_the_shipped_parameters_say_how_sure_they_are():
    rule = RULES[CODE]
    assert {p.name: p.period for p in rule.params} == {"review_months": "months", "warn_working_days": "working_days"}
    assert rule.title == "廉政风险点每年复核" and "低可信度" in rule.basis


@pytest.mark.django_db
def test_due_twelve_months_after_identification_yellow_then_red(org, unit_head):
    risk = RiskPointFactory(unit=org.unit_b, identified_on=D(2025, 3, 2), owner=unit_head.person, post="财务岗")
    due = workdays.add_months(D(2025, 3, 2), 12)
    assert due == D(2026, 3, 2)
    assert _verdict(org.organ.pk, D(2026, 1, 5), risk) is None  # more than 20 working days ahead (春节 between)
    warn = _verdict(org.organ.pk, D(2026, 2, 27), risk)
    assert warn.severity == Severity.YELLOW and warn.due == due
    assert warn.reason == "研究室 财务岗：公务接待审批：排查于2025-03-02，尚未复核，请于2026-03-02前复核"
    late = _verdict(org.organ.pk, D(2026, 3, 3), risk)
    assert late.severity == Severity.RED and not late.recorded and late.due == due
    assert late.reason.startswith(
        "研究室 财务岗：公务接待审批：排查于2025-03-02，尚未复核，应于2026-03-02前复核，已逾期"
    )
    subject = _run(org.organ.pk, D(2026, 3, 3))[("integrity.riskpoint", str(risk.pk))][0]
    assert (subject.unit_id, subject.person_id) == (org.unit_b.pk, unit_head.person.pk)  # the owner
    assert subject.link == f"/integrity/risks/{risk.pk}/"


@pytest.mark.django_db
def test_a_review_counts_from_its_own_date_not_before(org):
    risk = RiskPointFactory(unit=org.unit_a, identified_on=D(2025, 3, 2))
    _review(risk, D(2026, 3, 10))
    assert _verdict(org.organ.pk, D(2026, 3, 5), risk).severity == Severity.RED  # the review had not happened
    assert _verdict(org.organ.pk, D(2026, 3, 11), risk) is None  # next due 2027-03-10
    early = _verdict(org.organ.pk, D(2027, 3, 1), risk)
    assert early.severity == Severity.YELLOW and "上次复核于2026-03-10" in early.reason


@pytest.mark.django_db
def test_the_owner_or_else_the_unit_head_answers(org, unit_head):
    risk = RiskPointFactory(unit=org.unit_a, identified_on=D(2025, 3, 2), owner=None)
    subject, _ = _run(org.organ.pk, D(2026, 4, 1))[("integrity.riskpoint", str(risk.pk))]
    assert (subject.unit_id, subject.person_id) == (org.unit_a.pk, unit_head.person.pk)


@pytest.mark.django_db
def test_points_identified_later_or_retired_earlier_were_not_in_the_register(org, party_officer):
    with clock.replaying(_at(D(2025, 1, 10))):
        retired_early = RiskPointFactory(unit=org.unit_a, identified_on=D(2025, 1, 10), matter="早已删除")
        retired_late = RiskPointFactory(unit=org.unit_a, identified_on=D(2025, 1, 10), matter="后来删除")
    with clock.replaying(_at(D(2026, 2, 2))):
        risk_retire(risk=retired_early, by=party_officer, reason="岗位撤并")
    risk_retire(risk=retired_late, by=party_officer, reason="重复登记")  # today
    future = RiskPointFactory(unit=org.unit_a, identified_on=D(2026, 5, 1), matter="新排查")
    found = _run(org.organ.pk, D(2026, 3, 5))
    ids = {sid for (kind, sid) in found if kind == "integrity.riskpoint"}
    assert ids == {str(retired_late.pk)}  # it still stood on 3-5; the early one and the later find did not
    assert found[("integrity.riskpoint", str(retired_late.pk))][1].severity == Severity.RED
    today = _run(org.organ.pk, clock.today())
    assert {sid for (kind, sid) in today if kind == "integrity.riskpoint"} == {str(future.pk)}


@pytest.mark.django_db
def test_an_organ_without_a_register_is_not_flooded(org):
    assert _run(org.organ.pk, clock.today()) == {}


@pytest.mark.django_db
def test_a_unit_with_no_risk_point_is_named_once_the_organ_keeps_the_register(org, unit_head):
    RiskPointFactory(unit=org.unit_a, identified_on=D(2026, 1, 10))
    later = RiskPointFactory(unit=org.unit_b, identified_on=D(2026, 6, 1))
    on_march = _run(org.organ.pk, D(2026, 3, 2))
    empty = {key: v for key, v in on_march.items() if key[0] == "org.unit"}
    assert list(empty) == [("org.unit", str(org.unit_b.pk))]  # not the stationed group: not an internal unit
    subject, verdict = empty[("org.unit", str(org.unit_b.pk))]
    assert (
        verdict.severity == Severity.YELLOW and verdict.reason == "研究室未排查廉政风险点：登记表中没有本委室的风险点"
    )
    assert subject.unit_id == org.unit_b.pk and subject.link == f"/integrity/risks/?unit={org.unit_b.pk}"
    assert later.identified_on > D(2026, 3, 2)
    assert not [key for key in _run(org.organ.pk, D(2026, 6, 2)) if key[0] == "org.unit"]


@pytest.mark.django_db
def test_a_longer_review_period_moves_the_due_date(org):
    risk = RiskPointFactory(unit=org.unit_a, identified_on=D(2025, 3, 2))
    found = _run(org.organ.pk, D(2026, 3, 3), review_months=24)
    assert found[("integrity.riskpoint", str(risk.pk))][1] is None
