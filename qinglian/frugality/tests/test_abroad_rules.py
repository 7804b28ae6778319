"""FRG-050–053 on trips abroad: days against the abroad_days table in force on departure (plus the extra day for
Latin America and Africa), team size and countries, the year's approved plan, and the report after return — each
on any date D (a trip that left after D, a report handed in after D, a plan approved after D are not seen)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.compliance.choices import Jurisdiction, Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.frugality.choices import PlanKind, StandardKind
from qinglian.frugality.rules.abroad import split_countries
from qinglian.frugality.tests.factories import AbroadTripFactory, PlanItemFactory, SpendingPlanFactory, standard_table
from qinglian.integrity.selectors.inquiries import rule_values

D = dt.date
DAYS = [(("1",), {"max_days": 5}), (("2",), {"max_days": 8}), (("3",), {"max_days": 10})]
EXTRA = {"extra_day_regions": "拉丁美洲、非洲、巴西、阿根廷、南非", "extra_days": 1, "look_back_years": 2}


def _subject(**data) -> Subject:
    base = {
        "on": D(2026, 5, 10),
        "amount": Decimal("180000"),
        "days": 8,
        "country_count": 2,
        "countries": ["德国", "法国"],
        "max_days": 8,
        "standard": "《出访天数上限》（测〔2013〕1号）",
        "team_size": 5,
    }
    return Subject(type="frugality.abroadtrip", id="1", label="凭证号记-9501 张某率团赴德国、法国", data=base | data)


def _check(code: str, subject: Subject, **params):
    p = Params(params)
    return RULES[code].check(subject, p, Context(organ_id=1, as_of=D(2026, 12, 1), params=p))


def test_split_countries_reads_every_separator():
    assert split_countries("德国、法国，意大利, 西班牙,") == ["德国", "法国", "意大利", "西班牙"]
    assert split_countries("") == []


def test_frg050_days_over_the_cap_for_the_countries():
    assert _check("FRG-050", _subject(), **EXTRA) is None
    verdict = _check("FRG-050", _subject(days=9), **EXTRA)
    assert verdict.severity == Severity.RED
    assert (
        "出访2个国家（地区），在外9天，超过8天的上限，超出1天" in verdict.reason
        and "《出访天数上限》" in verdict.reason
    )


def test_frg050_gives_the_extra_day_to_latin_america_and_africa():
    latin = _subject(days=9, countries=["巴西", "阿根廷"])
    assert _check("FRG-050", latin, **EXTRA) is None
    verdict = _check("FRG-050", _subject(days=10, countries=["巴西", "阿根廷"]), **EXTRA)
    assert verdict.severity == Severity.RED and "超过9天的上限（含赴拉美、非洲等地区增加的1天）" in verdict.reason


def test_frg050_no_standard_is_yellow_and_more_countries_are_frg051s():
    verdict = _check("FRG-050", _subject(max_days=None, standard=""), **EXTRA)
    assert verdict.severity == Severity.YELLOW and "没有适用的出访天数标准（2个国家（地区））" in verdict.reason
    four = _subject(country_count=4, countries=["德", "法", "意", "西"], days=14, max_days=None, standard="")
    assert _check("FRG-050", four, **EXTRA) is None
    verdict = _check("FRG-051", four, team_max=6, countries_max=3, look_back_years=2)
    assert verdict.severity == Severity.RED and "出访4个国家（地区），超过3个的上限" in verdict.reason


def test_frg051_team_size():
    assert _check("FRG-051", _subject(team_size=6), team_max=6, countries_max=3, look_back_years=2) is None
    verdict = _check("FRG-051", _subject(team_size=7), team_max=6, countries_max=3, look_back_years=2)
    assert verdict.severity == Severity.RED and "团组7人，超过6人的上限" in verdict.reason


def test_the_parameters_are_named_as_shipped():
    names = {code: {p.name for p in RULES[code].params} for code in ("FRG-050", "FRG-051", "FRG-052", "FRG-053")}
    assert names == {
        "FRG-050": {"extra_day_regions", "extra_days", "look_back_years"},
        "FRG-051": {"team_max", "countries_max", "look_back_years"},
        "FRG-052": {"look_back_years"},
        "FRG-053": {"report_months", "warn_working_days", "look_back_years"},
    }
    assert all(RULES[code].basis.startswith("《") for code in names)


# --- through the database ---------------------------------------------------------------------------------------


def _run(code: str, organ_id: int, as_of: dt.date):
    rule = RULES[code]
    params = Params(rule_values(code, organ_id, as_of))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {s.id: (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


@pytest.fixture
def days_table(org):
    return standard_table(
        StandardKind.ABROAD_DAYS,
        DAYS,
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2013, 10, 1),
        title="出访天数上限",
    )


def test_frg050_through_the_ledger_and_who_answers(org, days_table, cadre_same_unit):
    long = AbroadTripFactory(leader=cadre_same_unit.person, depart_on=D(2026, 5, 10), return_on=D(2026, 5, 18))
    later = AbroadTripFactory(leader=cadre_same_unit.person, depart_on=D(2026, 9, 1), return_on=D(2026, 9, 12))
    found = _run("FRG-050", org.organ.pk, D(2026, 8, 1))
    subject, verdict = found[str(long.pk)]
    assert verdict.severity == Severity.RED and "在外9天，超过8天的上限" in verdict.reason
    assert (subject.person_id, subject.unit_id) == (cadre_same_unit.person_id, org.unit_a.pk)
    assert subject.data["on"] == D(2026, 5, 10) and subject.data["amount"] == Decimal("180000.00")
    assert subject.link == f"/frugality/abroad/{long.pk}/"
    assert str(later.pk) not in found  # left after D


def test_frg052_against_the_years_approved_plan(org, cadre_same_unit):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD, year=2026, approved_on=D(2026, 1, 20))
    first, second = PlanItemFactory(plan=plan), PlanItemFactory(plan=plan)
    leader = cadre_same_unit.person
    trips = [
        AbroadTripFactory(leader=leader, plan_item=first, depart_on=D(2026, 3, 2), return_on=D(2026, 3, 6)),
        AbroadTripFactory(leader=leader, plan_item=second, depart_on=D(2026, 5, 10), return_on=D(2026, 5, 14)),
        AbroadTripFactory(leader=leader, plan_item=second, depart_on=D(2026, 9, 7), return_on=D(2026, 9, 11)),
        AbroadTripFactory(leader=leader, plan_item=None, depart_on=D(2026, 10, 12), return_on=D(2026, 10, 15)),
        AbroadTripFactory(leader=leader, plan_item=None, depart_on=D(2025, 10, 12), return_on=D(2025, 10, 15)),
    ]
    found = _run("FRG-052", org.organ.pk, D(2026, 12, 1))
    verdicts = [found[str(t.pk)][1] for t in trips]
    assert verdicts[0] is None and verdicts[1] is None
    assert "2026年度计划2个团组，该团组为当年第3个，突破年度计划" in verdicts[2].reason
    assert "未列入2026年度因公出国（境）计划" in verdicts[3].reason
    assert "2025年没有经党组审批的年度因公出国（境）计划" in verdicts[4].reason
    assert all(v.severity == Severity.RED for v in verdicts[2:])
    # Before the plan was approved, the year had none.
    plan.approved_on = D(2026, 4, 1)
    plan.save()
    early = _run("FRG-052", org.organ.pk, D(2026, 3, 31))[str(trips[0].pk)][1]
    assert "2026年没有经党组审批的年度因公出国（境）计划" in early.reason


def test_frg052_an_item_of_another_years_plan_is_not_this_years(org, cadre_same_unit):
    old = SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD, year=2025, approved_on=D(2025, 1, 20))
    SpendingPlanFactory(organ=org.organ, kind=PlanKind.ABROAD, year=2026, approved_on=D(2026, 1, 20))
    trip = AbroadTripFactory(leader=cadre_same_unit.person, plan_item=PlanItemFactory(plan=old))
    verdict = _run("FRG-052", org.organ.pk, D(2026, 12, 1))[str(trip.pk)][1]
    assert "所列计划事项不属于2026年经审批的因公出国（境）计划" in verdict.reason


def test_frg053_the_report_after_return_on_any_date(org, cadre_same_unit):
    leader = cadre_same_unit.person
    late = AbroadTripFactory(
        leader=leader, depart_on=D(2026, 5, 10), return_on=D(2026, 5, 17), report_on=D(2026, 7, 20)
    )
    missing = AbroadTripFactory(leader=leader, depart_on=D(2026, 8, 3), return_on=D(2026, 8, 8))
    in_time = AbroadTripFactory(
        leader=leader, depart_on=D(2026, 3, 2), return_on=D(2026, 3, 6), report_on=D(2026, 3, 20)
    )
    found = _run("FRG-053", org.organ.pk, D(2026, 12, 1))
    verdict = found[str(late.pk)][1]
    assert verdict.severity == Severity.RED and verdict.recorded
    assert "应于2026-06-17前提交出访报告，2026-07-20才提交" in verdict.reason
    assert found[str(missing.pk)][1].severity == Severity.RED and not found[str(missing.pk)][1].recorded
    assert found[str(in_time.pk)][1] is None
    # On 2026-07-01 the late report was not handed in yet: overdue and open, not recorded.
    on_july = _run("FRG-053", org.organ.pk, D(2026, 7, 1))[str(late.pk)][1]
    assert on_july.severity == Severity.RED and not on_july.recorded and "至今未提交" in on_july.reason
    # Within five working days of the due date: yellow.
    assert _run("FRG-053", org.organ.pk, D(2026, 6, 12))[str(late.pk)][1].severity == Severity.YELLOW
    assert _run("FRG-053", org.organ.pk, D(2026, 5, 20))[str(late.pk)][1] is None
