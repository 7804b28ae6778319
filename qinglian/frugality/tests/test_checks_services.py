"""专项检查 services: who may run a check, the figures of the period, the reproducible draw, reviews and their
refusals, the frozen report, and the one-step, idempotent send to the rectification ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.compliance.registry import RULES
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import soft_delete
from qinglian.frugality.choices import CheckStatus
from qinglian.frugality.models import CheckSample, SpecialCheck
from qinglian.frugality.selectors.checks import check_rules, rule_ledger
from qinglian.frugality.services import checks as services
from qinglian.frugality.tests.checks_support import (
    D,
    drawn,
    reported,
    reviewed,
    rows_of_the_half_year,
    stand_in_rules,  # noqa: F401  (a fixture)
    start,
)
from qinglian.frugality.tests.factories import ReceptionFactory
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.models import RectificationProblem
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stand_in_rules")]


@pytest.fixture
def rows(org, cadre_same_unit):
    return rows_of_the_half_year(org, cadre_same_unit.person)


# --- who ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("runner", ["supervisor", "party_officer"])
def test_the_stationed_group_and_the_party_office_start_a_check(persona, runner):
    check = start(persona(runner))
    assert check.status == CheckStatus.OPEN and check.ledgers == ["reception", "travel"]
    assert check.created_by == persona(runner) and check.sample_size == 5


@pytest.mark.parametrize(
    "who", ["finance_officer", "cadre_same_unit", "cadre_other_unit", "unit_head", "leader", "sysadmin", "auditadmin"]
)
def test_nobody_else_starts_a_check(persona, who):
    with pytest.raises(Forbidden, match="派驻纪检监察组或机关纪委"):
        start(persona(who))
    assert not SpecialCheck.all_objects.exists()


def test_a_party_officer_who_is_also_the_finance_officer_does_not_check_their_own_vouchers(org, party_officer):
    RoleGrant.objects.create(user=party_officer, organ=org.organ, role=Role.FINANCE_OFFICER)
    with pytest.raises(Forbidden):
        start(party_officer)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "请填写检查名称"),
        ({"period_start": D(2026, 7, 1)}, "检查期间起不能晚于检查期间止"),
        ({"period_end": None}, "请填写检查期间"),
        ({"ledgers": []}, "请至少选择一个检查台账"),
        ({"ledgers": ["reception", "gifts"]}, "未知的台账：gifts"),
        ({"sample_size": 0}, "抽样数量应为1至200张"),
        ({"sample_size": 201}, "抽样数量应为1至200张"),
    ],
)
def test_a_bad_start_is_refused_in_chinese_and_writes_nothing(supervisor, changes, message):
    with pytest.raises(InvalidInput, match=message):
        start(supervisor, **changes)
    assert not SpecialCheck.all_objects.exists()


def test_a_period_not_yet_over_is_refused(supervisor):
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        start(supervisor, period_end=clock.today() + dt.timedelta(days=1))


def test_ledgers_are_kept_once_in_the_ledgers_order(supervisor):
    assert start(supervisor, ledgers=["travel", "reception", "travel"]).ledgers == ["reception", "travel"]


# --- the run -----------------------------------------------------------------------------------------------------


def test_the_run_counts_the_findings_and_the_excess_of_the_period_only(supervisor, rows):
    check = start(supervisor)
    services.check_run(check=check, by=supervisor)
    check.refresh_from_db()
    counts = check.counts
    assert check.run_on == clock.today() and counts["as_of"] == clock.today().isoformat()
    by_code = {r["code"]: r for r in counts["rules"]}
    # July's reception (2000) and trip (no approval) are found by the rules but are outside the period.
    assert (by_code["TST-R01"]["findings"], by_code["TST-R01"]["red"]) == (2, 2)
    assert by_code["TST-R01"]["excess"] == "900.00"  # (1000 − 800) + (1500 − 800)
    assert by_code["TST-R01"]["subjects"] == 5 and by_code["TST-R01"]["ledger"] == "reception"
    assert (by_code["TST-T01"]["findings"], by_code["TST-T01"]["yellow"]) == (1, 1)
    assert by_code["TST-T01"]["excess"] is None and not by_code["TST-T01"]["compares_amount"]
    assert counts["findings"] == 3 and counts["red"] == 2 and counts["excess"] == "900.00"
    assert [f["code"] for f in counts["red_findings"]] == ["TST-R01", "TST-R01"]
    assert {row["ledger"]: (row["rows"], row["amount"]) for row in counts["ledgers"]} == {
        "reception": (5, "4200.00"),
        "travel": (4, "4800.00"),
    }
    event = AuditEvent.objects.get(action="rule_run", target_id=str(check.pk))
    assert event.detail["rules"] == ["TST-R01", "TST-T01"] and event.detail["excess"] == "900.00"


def test_a_soft_deleted_row_is_not_counted(supervisor, rows):
    soft_delete(rows["receptions"][3], by=supervisor)  # the 1500 reception
    check = services.check_run(check=start(supervisor), by=supervisor)
    by_code = {r["code"]: r for r in check.counts["rules"]}
    assert by_code["TST-R01"]["findings"] == 1 and by_code["TST-R01"]["excess"] == "200.00"


def test_the_run_only_checks_the_chosen_ledgers(supervisor, rows):
    check = services.check_run(check=start(supervisor, ledgers=["travel"]), by=supervisor)
    assert [r["code"] for r in check.counts["rules"]] == ["TST-T01"]


def test_the_rules_of_a_ledger_are_those_of_its_module_or_of_its_package(monkeypatch):
    packaged = replace(RULES["TST-R01"], code="TST-R02", module="qinglian.frugality.rules.receptions.meals")
    monkeypatch.setitem(RULES, "TST-R02", packaged)
    assert [r.code for r in check_rules(["reception"])] == ["TST-R01", "TST-R02"]
    assert [r.code for r in check_rules(["travel", "car"])] == ["TST-T01"]
    assert rule_ledger(packaged) == "reception"


# --- the draw ----------------------------------------------------------------------------------------------------


def test_the_same_seed_over_the_same_rows_draws_the_same_sample():
    pool = [("reception", n) for n in range(1, 40)] + [("travel", n) for n in range(1, 30)]
    first = services.draw_sample(pool, "abc123", 20)
    assert first == services.draw_sample(list(pool), "abc123", 20)
    assert first != services.draw_sample(pool, "abc124", 20)
    assert len(set(first)) == 20 and set(first) <= set(pool)
    assert sorted(services.draw_sample(pool[:5], "abc123", 20)) == pool[:5]  # fewer rows than asked: all of them


def test_the_draw_is_recorded_audited_and_drawn_again_identically(supervisor, rows, org):
    check = drawn(supervisor)
    samples = list(check.samples.order_by("position"))
    assert check.seed == "test-seed" and check.drawn_at is not None and len(samples) == 5
    period_ids = {("reception", r.pk) for r in rows["receptions"]} | {("travel", t.pk) for t in rows["trips"]}
    assert {(s.ledger, s.object_id) for s in samples} <= period_ids
    first = samples[0]
    assert first.voucher_no and first.label and first.amount > 0 and first.position == 1
    event = AuditEvent.objects.get(
        action=services.DRAW_ACTION, target_type="frugality.specialcheck", target_id=str(check.pk)
    )
    assert event.detail["seed"] == "test-seed" and event.detail["population_size"] == 9
    assert event.detail["drawn"] == [f"{s.ledger}:{s.object_id}" for s in samples]
    sample = check.counts["sample"]
    assert (sample["method"], sample["population"], sample["requested"], sample["drawn"]) == (services.METHOD, 9, 5, 5)
    assert sample["candidates"] == [f"{ledger}:{pk}" for ledger, pk in sorted(period_ids)]
    assert event.detail["population"] == sample["candidates"]
    # Rows entered or deleted after the draw do not change what the recorded seed draws from the recorded rows.
    ReceptionFactory(unit=org.unit_a, start_on=D(2026, 3, 3), end_on=D(2026, 3, 3))
    soft_delete(rows["receptions"][0], by=supervisor)
    assert services.verify_draw(check)
    CheckSample.objects.filter(pk=first.pk).update(position=99)
    assert not services.verify_draw(check)


def test_a_seed_comes_from_secrets_and_the_draw_is_made_once(supervisor, rows):
    check = start(supervisor)
    services.check_draw(check=check, by=supervisor)
    check.refresh_from_db()
    assert len(check.seed) == 32 and services.verify_draw(check)
    with pytest.raises(Conflict, match="抽样只进行一次"):
        services.check_draw(check=check, by=supervisor)
    assert check.samples.count() == 5


def test_nothing_to_draw_from_is_refused(supervisor, rows):
    check = start(supervisor, period_start=D(2025, 1, 1), period_end=D(2025, 6, 30))
    with pytest.raises(InvalidInput, match="没有凭证"):
        services.check_draw(check=check, by=supervisor)
    check.refresh_from_db()
    assert check.drawn_at is None and not check.seed


def test_a_sample_larger_than_the_period_takes_every_row(supervisor, rows):
    check = services.check_draw(check=start(supervisor, sample_size=50), by=supervisor, seed="x")
    assert check.sample_size == 9 and check.counts["sample"]["requested"] == 50 and services.verify_draw(check)


# --- reviews -----------------------------------------------------------------------------------------------------


def _sample(check, ledger: str | None = None) -> CheckSample:
    samples = check.samples.order_by("position")
    return samples.filter(ledger=ledger).first() if ledger else samples.first()


def test_a_problem_needs_its_remark_and_a_verdict_must_be_one_of_two(supervisor, rows):
    sample = _sample(drawn(supervisor))
    with pytest.raises(InvalidInput, match="请填写问题说明"):
        services.sample_review(sample=sample, verdict="problem", remark="  ", by=supervisor)
    with pytest.raises(InvalidInput, match="合规或问题"):
        services.sample_review(sample=sample, verdict="maybe", remark="", by=supervisor)
    with pytest.raises(InvalidInput, match="最长500"):
        services.sample_review(sample=sample, verdict="problem", remark="长" * 501, by=supervisor)
    sample.refresh_from_db()
    assert sample.verdict == "" and sample.reviewed_by is None
    services.sample_review(sample=sample, verdict="problem", remark=" 超标准 ", by=supervisor)
    sample.refresh_from_db()
    assert (sample.verdict, sample.remark, sample.reviewed_by) == ("problem", "超标准", supervisor)
    services.sample_review(sample=sample, verdict="compliant", remark="", by=supervisor)  # changeable until report


def test_only_a_check_runner_reviews(rows, supervisor, finance_officer, leader):
    sample = _sample(drawn(supervisor))
    for who in (finance_officer, leader):
        with pytest.raises(Forbidden):
            services.sample_review(sample=sample, verdict="compliant", remark="", by=who)


def test_nobody_reviews_a_voucher_they_answer_for(org, party_officer, supervisor):
    rows_of_the_half_year(org, party_officer.person)  # the party officer travelled
    check = drawn(supervisor, sample_size=50)
    with pytest.raises(Forbidden, match="责任人"):
        services.sample_review(sample=_sample(check, "travel"), verdict="compliant", remark="", by=party_officer)
    services.sample_review(sample=_sample(check, "travel"), verdict="compliant", remark="", by=supervisor)


# --- the report --------------------------------------------------------------------------------------------------


def _report(check, by, **kw):
    values = {"report_no": "驻机关纪检组〔2026〕3号", "reported_on": clock.today(), "conclusion": "总体规范。"}
    return services.check_report(check=check, by=by, **{**values, **kw})


def test_a_report_needs_the_run_the_draw_and_every_review(supervisor, rows):
    check = start(supervisor)
    with pytest.raises(InvalidInput, match="请先运行规则检查"):
        _report(check, supervisor)
    services.check_run(check=check, by=supervisor)
    with pytest.raises(InvalidInput, match="请先抽取样本"):
        _report(check, supervisor)
    services.check_draw(check=check, by=supervisor, seed="s")
    with pytest.raises(InvalidInput, match="尚有5张抽样凭证未审核"):
        _report(check, supervisor)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"report_no": " "}, "请填写报告文号"),
        ({"reported_on": None}, "请填写报告日期"),
        ({"reported_on": dt.date.max}, "不能晚于今天"),
        ({"reported_on": dt.date(2026, 7, 1)}, "不能早于规则检查日期"),
        ({"conclusion": ""}, "请填写检查结论"),
    ],
)
def test_a_bad_report_is_refused_and_the_check_stays_open(supervisor, rows, changes, message):
    check = reviewed(supervisor)
    with pytest.raises(InvalidInput, match=message):
        _report(check, supervisor, **changes)
    check.refresh_from_db()
    assert check.status == CheckStatus.OPEN and not check.report_no


def test_a_report_number_is_used_once(supervisor, rows):
    reported(supervisor)
    with pytest.raises(Conflict, match="已被其他专项检查使用"):
        _report(reviewed(supervisor), supervisor)


def test_the_report_freezes_the_check(supervisor, rows, org):
    check = reported(supervisor)
    frozen = dict(check.counts)
    sample = _sample(check)
    ReceptionFactory(unit=org.unit_a, start_on=D(2026, 5, 5), end_on=D(2026, 5, 5), total_amount=Decimal("5000"))
    for step in (
        lambda: services.check_run(check=check, by=supervisor),
        lambda: services.check_draw(check=check, by=supervisor),
        lambda: services.sample_review(sample=sample, verdict="compliant", remark="", by=supervisor),
        lambda: _report(check, supervisor, report_no="另一个文号"),
    ):
        with pytest.raises(Conflict, match="检查报告已出具"):
            step()
    check.refresh_from_db()
    assert check.status == CheckStatus.REPORTED and check.counts == frozen
    assert check.report_no == "驻机关纪检组〔2026〕3号"


# --- rectification -----------------------------------------------------------------------------------------------


def test_problems_go_to_rectification_once(org, supervisor, party_officer, unit_head, rows):
    check = reported(supervisor, problems=2)
    sent = services.check_send_to_rectification(check=check, by=party_officer)
    assert sent.created == 2
    batch = sent.batch
    assert batch.source == RectificationSource.SPECIAL_CHECK and batch.feedback_on == check.reported_on
    assert batch.issuer.endswith("纪检监察组") and batch.title.startswith(check.title)
    problems = list(RectificationProblem.objects.filter(batch=batch).order_by("number"))
    samples = list(check.samples.filter(verdict="problem").order_by("position"))
    assert [p.pk for p in problems] == [s.problem_id for s in samples] and [p.number for p in problems] == [1, 2]
    for problem, sample in zip(problems, samples, strict=True):
        assert sample.voucher_no in problem.description and sample.remark in problem.description
        row = services.rows_named([(sample.ledger, sample.object_id)])[(sample.ledger, sample.object_id)]
        assert problem.unit_id == row.unit_id
        assert problem.owner_id == (unit_head.person_id if row.unit_id == org.unit_a.pk else None)
    again = services.check_send_to_rectification(check=check, by=party_officer)
    assert again.created == 0 and again.batch == batch
    assert RectificationProblem.objects.filter(batch__source=RectificationSource.SPECIAL_CHECK).count() == 2


def test_sending_waits_for_the_report_and_is_the_party_offices(supervisor, party_officer, rows):
    check = reviewed(supervisor)
    with pytest.raises(InvalidInput, match="出具检查报告后"):
        services.check_send_to_rectification(check=check, by=party_officer)
    services.check_report(
        check=check, report_no="驻机关纪检组〔2026〕4号", reported_on=check.run_on, conclusion="见附件。", by=supervisor
    )
    with pytest.raises(Forbidden, match="机关党委专责人员"):
        services.check_send_to_rectification(check=check, by=supervisor)
    assert not RectificationProblem.all_objects.exists()


def test_a_check_without_problems_has_nothing_to_send(supervisor, party_officer, rows):
    check = reported(supervisor, problems=0)
    with pytest.raises(InvalidInput, match="无需移送"):
        services.check_send_to_rectification(check=check, by=party_officer)
