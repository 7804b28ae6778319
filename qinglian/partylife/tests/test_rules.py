"""Each party-life rule with a passing and a failing case built from its regulation's wording.

Pure checks over plain Subjects (no ledgers), with the calendar from the database for working days."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import containing
from qinglian.compliance.registry import RULES, Context, Params, Subject

AS_OF = dt.date(2026, 11, 25)
CTX = Context(organ_id=1, as_of=AS_OF)
FREQ = {"min_count": 1, "warn_working_days": 5, "look_back": 12}


def _check(code, data, values=FREQ, as_of=AS_OF, label="机关第一党支部"):
    subject = Subject(type="t", id="1", label=label, data=data)
    return RULES[code].check(subject, Params(values), Context(organ_id=1, as_of=as_of))


pytestmark = pytest.mark.django_db  # the working-day calendar lives in the database


def test_pl001_a_quarter_with_a_general_meeting_passes_and_one_without_is_red():
    q3 = containing("quarter", dt.date(2026, 8, 1))
    assert _check("PL-001", {"held": 1, "period": q3}) is None
    verdict = _check("PL-001", {"held": 0, "period": q3})
    assert verdict.severity == Severity.RED and verdict.due == dt.date(2026, 9, 30)
    assert verdict.reason == "2026年第三季度机关第一党支部党员大会应不少于1次，实际0次"


def test_pl001_the_current_quarter_is_yellow_only_near_its_end():
    q4 = containing("quarter", AS_OF)
    assert _check("PL-001", {"held": 0, "period": q4}) is None  # 24 working days left
    verdict = _check("PL-001", {"held": 0, "period": q4}, as_of=dt.date(2026, 12, 24))
    assert verdict.severity == Severity.YELLOW and "12月31日前完成" in verdict.reason


def test_pl002_a_month_ending_in_the_spring_festival_is_due_on_its_last_working_day():
    january_2025 = containing("month", dt.date(2025, 1, 10))
    verdict = _check("PL-002", {"held": 0, "period": january_2025})
    assert verdict.due == dt.date(2025, 1, 27)  # 28 Jan – 4 Feb 2025 were holidays
    # After 21 January 5 working days remain: 22, 23, 24, Sunday 26 (a make-up working day) and 27; after the
    # 20th, 6. With 5 days' notice the yellow warning is on from the 21st, not the 20th.
    assert _check("PL-002", {"held": 0, "period": january_2025}, as_of=dt.date(2025, 1, 21)).severity == Severity.YELLOW
    assert _check("PL-002", {"held": 0, "period": january_2025}, as_of=dt.date(2025, 1, 20)) is None
    assert _check("PL-002", {"held": 1, "period": january_2025}) is None


def test_pl003_party_group_monthly():
    october = containing("month", dt.date(2026, 10, 1))
    assert _check("PL-003", {"held": 1, "period": october}) is None
    assert _check("PL-003", {"held": 0, "period": october}).severity == Severity.RED


def test_pl004_and_pl006_quarterly_lecture_and_monthly_theme_day():
    q3 = containing("quarter", dt.date(2026, 8, 1))
    assert _check("PL-004", {"held": 0, "period": q3}).reason.endswith("党课应不少于1次，实际0次")
    october = containing("month", dt.date(2026, 10, 1))
    assert _check("PL-006", {"held": 1, "period": october}) is None
    assert "主题党日" in _check("PL-006", {"held": 0, "period": october}).reason


def test_pl005_the_party_group_secretary_lectures_once_a_year():
    y2025 = containing("year", dt.date(2025, 6, 1))
    values = {"min_count": 1, "warn_working_days": 20, "look_back": 2}
    assert _check("PL-005", {"held": 1, "period": y2025}, values, label="党组书记张三") is None
    assert _check("PL-005", {"held": 0, "period": y2025}, values, label="党组书记张三").severity == Severity.RED


def test_pl007_pl008_yearly_meetings_warn_in_december():
    y2026 = containing("year", AS_OF)
    values = {"min_count": 1, "warn_working_days": 20, "look_back": 2}
    assert _check("PL-007", {"held": 0, "period": y2026}, values) is None  # 25 working days left on 25 Nov
    assert _check("PL-007", {"held": 0, "period": y2026}, values, as_of=dt.date(2026, 12, 3)).severity == "yellow"
    assert _check("PL-008", {"held": 1, "period": y2026}, values) is None


def test_pl009_pl010_democratic_life_meeting_and_its_report():
    y2025 = containing("year", dt.date(2025, 6, 1))
    values = {"report_days": 15, "look_back": 2}
    base = {"held": 1, "period": y2025, "meeting_date": dt.date(2025, 12, 10)}
    assert _check("PL-010", {**base, "reported_on": dt.date(2025, 12, 25)}, values) is None
    late = _check("PL-010", {**base, "reported_on": dt.date(2025, 12, 26)}, values)
    assert late.severity == Severity.RED and "超过15日期限" in late.reason
    assert _check("PL-010", {**base, "reported_on": None}, values).severity == Severity.RED
    pending = _check("PL-010", {**base, "reported_on": None}, values, as_of=dt.date(2025, 12, 20))
    assert pending.severity == Severity.YELLOW and pending.due == dt.date(2025, 12, 25)
    assert _check("PL-009", {"held": 0, "period": y2025}, {"min_count": 1, "warn_working_days": 20, "look_back": 2})


def test_pl011_thirty_two_hours_a_year():
    y2025 = containing("year", dt.date(2025, 6, 1))
    values = {"min_hours": 32, "warn_working_days": 20, "look_back": 2}
    assert _check("PL-011", {"hours": 32, "period": y2025}, values, label="李四") is None
    verdict = _check("PL-011", {"hours": 28.5, "period": y2025}, values, label="李四")
    assert verdict.severity == Severity.RED and verdict.reason == "李四2025年度集中学习培训28.5学时，不足32学时"


def test_pl012_every_committee_member_talks_with_every_member():
    y2025 = containing("year", dt.date(2025, 6, 1))
    values = {"warn_working_days": 20, "look_back": 2}
    assert _check("PL-012", {"wanted": 40, "missing": 0, "period": y2025}, values) is None
    assert "尚有3对未谈" in _check("PL-012", {"wanted": 40, "missing": 3, "period": y2025}, values).reason


def test_pl013_leaders_attend_their_own_branch():
    q3 = containing("quarter", dt.date(2026, 8, 1))
    values = {"min_count": 1, "warn_working_days": 10, "look_back": 4}
    assert _check("PL-013", {"held": 2, "period": q3}, values, label="王五") is None
    assert "王五参加所在支部组织生活" in _check("PL-013", {"held": 0, "period": q3}, values, label="王五").reason


def test_pl014_a_vote_needs_more_than_half_present():
    values = {"look_back": 1}
    assert _check("PL-014", {"due": 20, "present": 11}, values) is None
    verdict = _check("PL-014", {"due": 20, "present": 10}, values)
    assert verdict.severity == Severity.RED and "未过半数" in verdict.reason


def test_every_partylife_rule_has_shipped_parameters_that_parse():
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
    codes = {entry["rule_code"] for entry in data["sets"]}
    assert codes == {code for code in RULES if code.startswith("PL-")}
    for entry in data["sets"]:
        RULES[entry["rule_code"]].parse_params(entry["values"])
        assert entry["source"] and entry["confidence"] in {"high", "medium", "low", "unconfirmed"}
