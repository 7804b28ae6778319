"""IDEO-001…004 on the outlet register: each fires and stays quiet, with the shipped figures; each is true on a
past date (pieces published after D, filings after D, closings after D and owners named after D do not count for D);
and the findings name the outlet's unit and its responsible person (else the unit's head)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.ideology.choices import OutletKind, Platform
from qinglian.ideology.models import Outlet
from qinglian.ideology.rules.common import CHECK_INDICATORS, NEW_MEDIA, RESPONSIBILITY
from qinglian.ideology.tests.factories import OutletFactory, PieceFactory

D = dt.date
SHIPPED = {
    s["rule_code"]: s["values"]
    for s in json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))["sets"]
}


def _verdicts(code: str, organ_id: int, as_of: dt.date, **params):
    rule = RULES[code]
    p = Params(SHIPPED[code] | params)
    ctx = Context(organ_id=organ_id, as_of=as_of, params=p)
    return {int(s.id): (s, rule.check(s, p, ctx)) for s in rule.collect(ctx)}


def _severity(code: str, organ_id: int, as_of: dt.date, outlet: Outlet, **params):
    found = _verdicts(code, organ_id, as_of, **params).get(outlet.pk)
    if found is None:
        return "absent"
    verdict = found[1]
    return verdict.severity if verdict else None


def test_the_rules_carry_their_parameters_and_bases():
    assert [p.name for p in RULES["IDEO-001"].params] == ["silent_days", "warn_days"]
    assert [p.name for p in RULES["IDEO-002"].params] == ["grace_days"]
    assert [p.name for p in RULES["IDEO-003"].params] == ["max_accounts"]
    assert [p.name for p in RULES["IDEO-004"].params] == ["filing_days"]
    for code in ("IDEO-001", "IDEO-002", "IDEO-003", "IDEO-004"):
        rule = RULES[code]
        assert rule.basis.startswith("《") and rule.parse_params(SHIPPED[code]) == SHIPPED[code]
    assert RULES["IDEO-001"].basis.startswith(CHECK_INDICATORS)
    assert RULES["IDEO-002"].basis.startswith(RESPONSIBILITY)
    assert RULES["IDEO-003"].basis.startswith(NEW_MEDIA) and RULES["IDEO-004"].basis.startswith(NEW_MEDIA)


# --- IDEO-001 -----------------------------------------------------------------------------------------------------


def test_silence_turns_yellow_then_red_and_a_later_piece_does_not_clear_an_earlier_day(org, cadre_same_unit):
    outlet = OutletFactory(unit=org.unit_a, owner=cadre_same_unit.person, opened_on=D(2024, 1, 1))
    PieceFactory(outlet=outlet, published_on=D(2026, 3, 25), status="published")
    organ = org.organ.pk
    assert _severity("IDEO-001", organ, D(2026, 4, 3), outlet) is None  # 9 days
    found = _verdicts("IDEO-001", organ, D(2026, 4, 4))[outlet.pk]  # 10 days: the warning
    subject, verdict = found
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 4, 7)
    assert "最近一次发布为2026-03-25，已10天未更新，请于2026-04-07前更新" in verdict.reason
    assert (subject.unit_id, subject.person_id) == (org.unit_a.pk, cadre_same_unit.person_id)
    assert subject.link == f"/ideology/outlets/{outlet.pk}/"
    red = _verdicts("IDEO-001", organ, D(2026, 4, 8))[outlet.pk][1]  # 14 days
    assert red.severity == Severity.RED and "已连续14天未更新" in red.reason
    PieceFactory(outlet=outlet, published_on=D(2026, 4, 9), status="published")
    assert _severity("IDEO-001", organ, D(2026, 4, 8), outlet) == Severity.RED  # published after D
    assert _severity("IDEO-001", organ, D(2026, 4, 9), outlet) is None


def test_silence_counts_from_the_opening_and_reads_only_open_online_outlets(org):
    fresh = OutletFactory(unit=org.unit_a, opened_on=D(2026, 3, 1), kind=OutletKind.WECHAT_ACCOUNT, platform="wechat")
    board = OutletFactory(unit=org.unit_a, opened_on=D(2024, 1, 1), kind=OutletKind.BULLETIN_BOARD)
    closed = OutletFactory(unit=org.unit_a, opened_on=D(2024, 1, 1), closed_on=D(2026, 2, 1))
    later = OutletFactory(unit=org.unit_a, opened_on=D(2026, 5, 1))
    found = _verdicts("IDEO-001", org.organ.pk, D(2026, 3, 20))
    assert "开设（2026-03-01）以来尚无发布，已连续19天未更新" in found[fresh.pk][1].reason
    assert board.pk not in found and later.pk not in found and closed.pk not in found
    assert _severity("IDEO-001", org.organ.pk, D(2026, 1, 31), closed) == Severity.RED  # still open on D
    assert _severity("IDEO-001", org.organ.pk, D(2026, 3, 5), fresh) is None


def test_a_piece_deleted_after_d_still_counts_for_d(org, party_officer):
    outlet = OutletFactory(unit=org.unit_a, opened_on=D(2024, 1, 1))
    piece = PieceFactory(outlet=outlet, published_on=D(2026, 3, 25), status="published")
    with clock.replaying(moment(D(2026, 5, 1))):
        piece.deleted_at = clock.now()
        piece.save()
    assert _severity("IDEO-001", org.organ.pk, D(2026, 4, 1), outlet) is None
    assert _severity("IDEO-001", org.organ.pk, D(2026, 5, 2), outlet) == Severity.RED


# --- IDEO-002 -----------------------------------------------------------------------------------------------------


def test_no_responsible_person_is_red_past_the_grace_and_goes_to_the_unit_head(org, unit_head):
    outlet = OutletFactory(unit=org.unit_a, owner=None, opened_on=D(2026, 3, 2))
    subject, verdict = _verdicts("IDEO-002", org.organ.pk, D(2026, 3, 3))[outlet.pk]
    assert verdict.severity == Severity.RED and "未明确责任人" in verdict.reason
    assert (subject.unit_id, subject.person_id) == (org.unit_a.pk, unit_head.person_id)
    on_the_day = _verdicts("IDEO-002", org.organ.pk, D(2026, 3, 2))[outlet.pk][1]
    assert on_the_day.severity == Severity.YELLOW and on_the_day.due == D(2026, 3, 2)
    assert _severity("IDEO-002", org.organ.pk, D(2026, 3, 10), outlet, grace_days=10) == Severity.YELLOW


def test_an_owner_named_later_does_not_clear_an_earlier_day_and_one_who_left_is_red(org, party_officer):
    from qinglian.org.tests.factories import PersonFactory

    person = PersonFactory(organ=org.organ, unit=org.unit_a, name="张编辑")
    with clock.replaying(moment(D(2026, 1, 5))):
        outlet = OutletFactory(unit=org.unit_a, owner=None, opened_on=D(2025, 6, 1))
    with clock.replaying(moment(D(2026, 4, 1))):
        outlet.owner = person
        outlet.save()
    assert _severity("IDEO-002", org.organ.pk, D(2026, 3, 31), outlet) == Severity.RED
    assert _severity("IDEO-002", org.organ.pk, D(2026, 4, 1), outlet) is None
    person.is_active = False
    person.save()
    verdict = _verdicts("IDEO-002", org.organ.pk, clock.today())[outlet.pk][1]
    assert (
        verdict.severity == Severity.RED and "登记的责任人张编辑" in verdict.reason and "已不在本机关" in verdict.reason
    )


# --- IDEO-003 -----------------------------------------------------------------------------------------------------


def test_a_second_account_on_one_platform_is_yellow_the_first_is_fine(org):
    first = OutletFactory(unit=org.unit_a, wechat=True, name="临江人大", opened_on=D(2020, 1, 1))
    second = OutletFactory(unit=org.unit_b, wechat=True, name="临江人大研究", opened_on=D(2026, 2, 1))
    video = OutletFactory(
        unit=org.unit_a, kind=OutletKind.VIDEO_ACCOUNT, platform=Platform.WECHAT_CHANNELS, opened_on=D(2021, 1, 1)
    )
    found = _verdicts("IDEO-003", org.organ.pk, D(2026, 3, 1))
    assert found[first.pk][1] is None and found[video.pk][1] is None
    verdict = found[second.pk][1]
    assert verdict.severity == Severity.YELLOW and "在微信已开设2个账号（临江人大、临江人大研究）" in verdict.reason
    assert found[second.pk][0].unit_id == org.unit_b.pk
    assert _severity("IDEO-003", org.organ.pk, D(2026, 1, 31), second) == "absent"  # not opened yet on D
    assert _severity("IDEO-003", org.organ.pk, D(2026, 3, 1), second, max_accounts=2) is None
    first.closed_on = D(2026, 2, 15)
    first.save()
    assert _severity("IDEO-003", org.organ.pk, D(2026, 3, 1), second) is None
    assert _severity("IDEO-003", org.organ.pk, D(2026, 2, 10), second) == Severity.YELLOW


# --- IDEO-004 -----------------------------------------------------------------------------------------------------


def test_an_account_not_filed_is_yellow_within_the_period_and_red_after_it(org):
    account = OutletFactory(unit=org.unit_a, kind=OutletKind.WECHAT_ACCOUNT, platform="wechat", opened_on=D(2026, 3, 2))
    website = OutletFactory(unit=org.unit_a, opened_on=D(2026, 3, 2))
    found = _verdicts("IDEO-004", org.organ.pk, D(2026, 3, 20))
    assert website.pk not in found
    verdict = found[account.pk][1]
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 4, 1)
    red = _verdicts("IDEO-004", org.organ.pk, D(2026, 4, 2))[account.pk][1]
    assert red.severity == Severity.RED and "应于2026-04-01前备案，逾期仍未备案" in red.reason
    account.filed_on, account.filing_status = D(2026, 4, 10), "filed"
    account.save()
    assert _severity("IDEO-004", org.organ.pk, D(2026, 4, 9), account) == Severity.RED  # filed after D
    assert _severity("IDEO-004", org.organ.pk, D(2026, 4, 10), account) is None


# --- through the engine with the shipped parameters ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["IDEO-001", "IDEO-002", "IDEO-003", "IDEO-004"])
def test_the_engine_runs_each_rule_with_the_shipped_figures(org, party_officer, code):
    OutletFactory(
        unit=org.unit_a, owner=None, opened_on=D(2026, 1, 5), kind=OutletKind.WECHAT_ACCOUNT, platform="wechat"
    )
    OutletFactory(
        unit=org.unit_a, owner=None, opened_on=D(2026, 1, 6), kind=OutletKind.WECHAT_ACCOUNT, platform="wechat"
    )
    result = run_checks(organ_id=org.organ.pk, as_of=D(2026, 3, 31), codes=[code])
    assert result.errors == []
    findings = list(Finding.objects.filter(rule_code=code))
    assert findings and all(f.responsible_unit_id == org.unit_a.pk for f in findings)
    expected = {"IDEO-001": "red", "IDEO-002": "red", "IDEO-003": "yellow", "IDEO-004": "red"}[code]
    assert {f.severity for f in findings} == {expected}
    # nobody heads unit A here and the outlets name nobody: the party-affairs office answers
    assert {f.responsible_person_id for f in findings} == {party_officer.person_id}
