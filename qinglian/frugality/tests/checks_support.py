"""What the special-check tests share: two stand-in rules (so the check's figures are tested whatever the ledger
helpers' rules find), the ledger rows of a period, and a check taken to any step.

The stand-ins are the only rules of the receptions' and the trips' modules for the test (the real FRG rules stay
registered — pages read their parameters — but are moved out of those modules, so the check does not run them):
TST-R01 on the receptions (red when a reception cost more than
800 元, its excess the part above 800), TST-T01 on the trips (yellow when a trip has no approval date, no excess).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Rule, Subject, Verdict
from qinglian.frugality.models import Reception, SpecialCheck, Trip
from qinglian.frugality.rules.common import EXCESS, ledger_rows, voucher_label
from qinglian.frugality.services import checks as services
from qinglian.frugality.tests.factories import ReceptionFactory, TripFactory

D = dt.date
CAP = Decimal("800")
SINCE = D(2020, 1, 1)


def _subject(row, model: str, plural: str, on: dt.date, amount: Decimal) -> Subject:
    return Subject(
        type=f"frugality.{model}",
        id=str(row.pk),
        label=voucher_label(str(row), row),
        period=str(on.year),
        link=f"/frugality/{plural}/{row.pk}/",
        unit_id=row.unit_id,
        data={"on": on, "amount": amount},
    )


def collect_receptions(ctx: Context) -> Iterator[Subject]:
    for row in ledger_rows(ctx, Reception, date_field="start_on", since=SINCE):
        yield _subject(row, "reception", "receptions", row.start_on, row.total_amount)


def collect_trips(ctx: Context) -> Iterator[Subject]:
    for row in ledger_rows(ctx, Trip, date_field="start_on", since=SINCE):
        yield _subject(row, "trip", "trips", row.start_on, row.total_amount)


def over_cap(subject: Subject, params: Params, ctx: Context) -> Verdict | None:
    amount = subject.data["amount"]
    if amount > CAP:
        return Verdict(Severity.RED, f"{subject.label}接待费{amount}元，超过{CAP}元")
    return None


def excess_over_cap(subject: Subject, params: Params, ctx: Context) -> Decimal:
    return max(subject.data["amount"] - CAP, Decimal(0))


def no_approval(subject: Subject, params: Params, ctx: Context) -> Verdict | None:
    trip = Trip.all_objects.get(pk=subject.id)
    return None if trip.approved_on else Verdict(Severity.YELLOW, f"{subject.label}无出差审批")


def _rule(code: str, module: str, collect, check) -> Rule:
    return Rule(
        code=code,
        title=f"测试规则{code}",
        basis="《测试办法》第一条",
        category="八项规定",
        subjects="测试",
        severity_policy="测试",
        params=(),
        collect=collect,
        check=check,
        module=f"qinglian.frugality.rules.{module}",
        short=f"测试{code}",
    )


@pytest.fixture
def stand_in_rules(monkeypatch):
    for code, rule in list(RULES.items()):
        if code.startswith("FRG-"):
            monkeypatch.setitem(RULES, code, replace(rule, module=f"not_in_this_test.{rule.module}"))
    monkeypatch.setitem(RULES, "TST-R01", _rule("TST-R01", "receptions", collect_receptions, over_cap))
    monkeypatch.setitem(RULES, "TST-T01", _rule("TST-T01", "travel", collect_trips, no_approval))
    monkeypatch.setitem(EXCESS, "TST-R01", excess_over_cap)
    return ["TST-R01", "TST-T01"]


def rows_of_the_half_year(org, traveller) -> dict[str, list]:
    """Five receptions (two over 800 元, 1000 and 1500) and four trips (one without approval) in the first half of
    2026, and one reception (over 800) and one trip (without approval) in July, outside the period."""
    amounts = ["600", "1000", "700", "1500", "400"]
    receptions = [
        ReceptionFactory(
            unit=org.unit_a if i % 2 else org.unit_b,
            start_on=D(2026, 1 + i, 10),
            end_on=D(2026, 1 + i, 10),
            total_amount=Decimal(a),
        )
        for i, a in enumerate(amounts)
    ]
    trips = [
        TripFactory(
            traveller=traveller,
            start_on=D(2026, 2 + i, 3),
            end_on=D(2026, 2 + i, 5),
            approved_on=None if i == 2 else D(2026, 1 + i, 28),
            total_amount=Decimal("1200"),
        )
        for i in range(4)
    ]
    later = [
        ReceptionFactory(unit=org.unit_a, start_on=D(2026, 7, 8), end_on=D(2026, 7, 8), total_amount=Decimal("2000")),
        TripFactory(traveller=traveller, start_on=D(2026, 7, 6), end_on=D(2026, 7, 7), approved_on=None),
    ]
    return {"receptions": receptions, "trips": trips, "later": later}


def start(by, **kw) -> SpecialCheck:
    values = {
        "title": "2026年上半年财务收支、接待经费专项检查",
        "period_start": D(2026, 1, 1),
        "period_end": D(2026, 6, 30),
        "ledgers": ["reception", "travel"],
        "sample_size": 5,
    }
    return services.check_start(by=by, **{**values, **kw})


def drawn(by, **kw) -> SpecialCheck:
    check = start(by, **kw)
    services.check_run(check=check, by=by)
    return services.check_draw(check=check, by=by, seed="test-seed")


def reviewed(by, problems: int = 1) -> SpecialCheck:
    check = drawn(by)
    for n, sample in enumerate(check.samples.order_by("position")):
        if n < problems:
            services.sample_review(sample=sample, verdict="problem", remark=f"问题{n + 1}：发票与清单不符", by=by)
        else:
            services.sample_review(sample=sample, verdict="compliant", remark="", by=by)
    return check


def reported(by, problems: int = 1) -> SpecialCheck:
    check = reviewed(by, problems)
    return services.check_report(
        check=check, report_no="驻机关纪检组〔2026〕3号", reported_on=check.run_on, conclusion="总体规范。", by=by
    )
