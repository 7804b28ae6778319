"""Each duty rule's verdict at its boundaries, over plain Subjects (no ledgers).

Working days come from the shipped 2026 calendar in the database: 中秋 9/25–9/27, 国庆 10/1–10/7 with
Saturday 10/10 worked; 春节 2/15–2/23 with Saturday 2/14 and 2/28 worked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import containing
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.compliance.texts import render_reason
from qinglian.duty.rules.tasks import periods_of_year

pytestmark = pytest.mark.django_db  # the working-day calendar lives in the database

D = dt.date


def _check(code, data, values, as_of, label="办公室：制定年度党建工作要点"):
    subject = Subject(type="t", id="1", label=label, data=data)
    return RULES[code].check(subject, Params(values), Context(organ_id=1, as_of=as_of))


def _severity(code, data, values, as_of):
    verdict = _check(code, data, values, as_of)
    return verdict.severity if verdict else None


def test_every_duty_rule_has_shipped_parameters_that_parse_and_say_how_sure_they_are():
    data = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
    assert {e["rule_code"] for e in data["sets"]} == {code for code in RULES if code.startswith("DUTY-")}
    assert len(data["sets"]) == 9
    for entry in data["sets"]:
        RULES[entry["rule_code"]].parse_params(entry["values"])
        assert entry["source"] and entry["confidence"] in {"high", "medium", "low", "unconfirmed"}
        assert RULES[entry["rule_code"]].category == "主体责任"
    low = {e["rule_code"] for e in data["sets"] if e["confidence"] in {"low", "unconfirmed"}}
    assert low == {"DUTY-002", "DUTY-003", "DUTY-004", "DUTY-005", "DUTY-006", "DUTY-007"}


# --- DUTY-001: one-off task coming due / overdue --------------------------------------------------

TASK = {"status": "in_progress", "deadline": D(2026, 10, 9), "leader": "李四", "role": "牵头"}
WARN5 = {"warn_working_days": 5, "look_back": 2}


def test_duty001_yellow_counts_working_days_across_mid_autumn_and_national_day():
    # From 9/24 to 10/9 only 9/28, 9/29, 9/30, 10/8 and 10/9 are worked: 5 working days in 15 calendar days.
    assert _severity("DUTY-001", TASK, WARN5, D(2026, 9, 23)) is None  # 6 working days left
    verdict = _check("DUTY-001", TASK, WARN5, D(2026, 9, 24))
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 10, 9)
    # The days left are counted when the finding is read (compliance.texts), not frozen at the check.
    assert render_reason(verdict.reason, verdict.due, D(2026, 9, 24)) == (
        "办公室：制定年度党建工作要点将于2026年10月09日到期（还有5个工作日），目前推进中（牵头；牵头领导：李四）"
    )
    assert "（还有2个工作日）" in render_reason(verdict.reason, verdict.due, D(2026, 9, 30))
    assert _severity("DUTY-001", TASK, WARN5, D(2026, 10, 9)) == Severity.YELLOW  # the deadline itself


def test_duty001_red_the_day_after_the_deadline_even_a_worked_saturday():
    verdict = _check("DUTY-001", TASK, WARN5, D(2026, 10, 10))
    assert verdict.severity == Severity.RED
    assert (
        verdict.reason == "办公室：制定年度党建工作要点已超过完成时限2026年10月09日，仍为推进中（牵头；牵头领导：李四）"
    )


def test_duty001_spring_festival_boundary_and_done_tasks():
    task = {**TASK, "deadline": D(2026, 2, 27), "status": "not_started", "leader": ""}
    assert _severity("DUTY-001", task, WARN5, D(2026, 2, 12)) is None  # 6 left: 2/13, 2/14, 2/24–2/27
    assert "目前未启动（牵头）" in _check("DUTY-001", task, WARN5, D(2026, 2, 13)).reason  # 5 left
    for status in ("completed", "closed"):
        assert _severity("DUTY-001", {**task, "status": status}, WARN5, D(2026, 3, 30)) is None


# --- DUTY-002: recurring report missing for its period ----------------------------------------------

REPORT = {"grace_working_days": 5, "warn_working_days": 3, "look_back_months": 12}


def _period_data(period, reported=False, completed_on=None):
    return {"period": period, "reported": reported, "completed_on": completed_on, "recurrence": "每月"}


def test_duty002_a_september_report_is_due_five_working_days_after_the_month_across_national_day():
    september = containing("month", D(2026, 9, 10))
    data = _period_data(september)
    assert _severity("DUTY-002", data, REPORT, D(2026, 9, 30)) is None  # deadline 10/13 is 5 working days away
    assert _severity("DUTY-002", data, REPORT, D(2026, 10, 8)) is None  # 4 left: 10/9, 10/10, 10/12, 10/13
    assert _severity("DUTY-002", data, REPORT, D(2026, 10, 9)) == Severity.YELLOW
    verdict = _check("DUTY-002", data, REPORT, D(2026, 10, 14))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 10, 13)
    assert verdict.reason == (
        "办公室：制定年度党建工作要点（每月报送）2026年9月进展情况逾期未报送，报送期限为2026年10月13日"
    )
    assert _severity("DUTY-002", _period_data(september, reported=True), REPORT, D(2026, 11, 1)) is None


def test_duty002_grace_zero_means_the_last_working_day_and_a_quarter_after_completion_is_not_owed():
    q1 = containing("quarter", D(2026, 2, 1))
    values = {**REPORT, "grace_working_days": 0}
    assert _check("DUTY-002", _period_data(q1), values, D(2026, 4, 1)).due == D(2026, 3, 31)
    q3 = containing("quarter", D(2026, 8, 1))
    assert _severity("DUTY-002", _period_data(q3, completed_on=D(2026, 6, 20)), REPORT, D(2026, 11, 1)) is None
    q2 = containing("quarter", D(2026, 5, 1))
    assert _severity("DUTY-002", _period_data(q2, completed_on=D(2026, 6, 20)), REPORT, D(2026, 11, 1)) == "red"


def test_periods_of_year():
    assert [p.key for p in periods_of_year("quarter", 2026)] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert len(periods_of_year("month", 2026)) == 12
    assert [p.key for p in periods_of_year("year", 2026)] == ["2026"]


# --- DUTY-003: the year's letter unsigned by the configured date --------------------------------------

LETTER = {"year": 2026, "signed": False, "level": "委室负责人—干部", "issuer": "王五"}
BY_MARCH = {"due_month": 3, "due_day": 31, "warn_working_days": 10, "look_back": 2}


def test_duty003_yellow_ten_working_days_before_31_march_then_red():
    assert _severity("DUTY-003", LETTER, BY_MARCH, D(2026, 3, 16)) is None  # 11 working days left
    verdict = _check("DUTY-003", LETTER, BY_MARCH, D(2026, 3, 17), label="张三（办公室）")
    assert verdict.severity == Severity.YELLOW
    assert (
        verdict.reason
        == "张三（办公室）2026年度党风廉政建设责任书（委室负责人—干部）尚未签订，请于2026年03月31日前与王五签订"
    )
    late = _check("DUTY-003", LETTER, BY_MARCH, D(2026, 4, 1), label="张三（办公室）")
    assert late.severity == Severity.RED and late.due == D(2026, 3, 31)
    assert late.reason.endswith("应于2026年03月31日前签订，至今未签订")
    assert _severity("DUTY-003", {**LETTER, "signed": True}, BY_MARCH, D(2026, 12, 1)) is None


def test_duty003_a_date_on_a_holiday_moves_to_the_next_working_day_and_31_february_is_the_months_end():
    national_day = {**BY_MARCH, "due_month": 10, "due_day": 1}
    assert _check("DUTY-003", LETTER, national_day, D(2026, 10, 8)).severity == Severity.YELLOW
    assert _check("DUTY-003", LETTER, national_day, D(2026, 10, 9)).due == D(2026, 10, 8)
    february = {**BY_MARCH, "due_month": 2, "due_day": 31}
    assert _check("DUTY-003", LETTER, february, D(2026, 3, 2)).due == D(2026, 2, 28)  # a worked Saturday


# --- DUTY-004: letter after a personnel event -------------------------------------------------------

EVENT = {"sign_working_days": 15, "look_back_days": 365}


def _event(signed=()):
    return {"event_date": D(2026, 2, 10), "signed": list(signed)}


def test_duty004_fifteen_working_days_after_10_february_run_past_the_spring_festival_to_9_march():
    label = "赵六调入（2026-02-10）"
    yellow = _check("DUTY-004", _event(), EVENT, D(2026, 3, 9), label=label)
    assert yellow.severity == Severity.YELLOW and yellow.due == D(2026, 3, 9)
    assert yellow.reason == "赵六调入（2026-02-10）后应于2026年03月09日前签订责任书"
    red = _check("DUTY-004", _event(), EVENT, D(2026, 3, 10), label=label)
    assert red.reason == "赵六调入（2026-02-10）后已超过15个工作日（2026年03月09日），仍未签订责任书"
    assert _check("DUTY-004", _event([D(2026, 3, 9)]), EVENT, D(2026, 6, 1)) is None


def test_duty004_a_late_letter_stays_red_until_waived():
    verdict = _check("DUTY-004", _event([D(2026, 3, 10)]), EVENT, D(2026, 6, 1), label="赵六调入（2026-02-10）")
    assert verdict.severity == Severity.RED
    assert "后于2026年03月10日签订责任书，超过15个工作日期限（2026年03月09日）" in verdict.reason


# --- DUTY-005…007: the Party group's study of its duties -------------------------------------------


def _study(code, held, period, as_of, values):
    return _check(code, {"held": held, "period": period}, values, as_of, label="测试党组")


def test_duty005_ideology_once_per_half_year():
    values = {"min_count": 1, "warn_working_days": 10, "look_back": 2}
    h1 = containing("half", D(2026, 3, 1))
    assert _study("DUTY-005", 1, h1, D(2026, 7, 1), values) is None
    red = _study("DUTY-005", 0, h1, D(2026, 7, 1), values)
    assert red.severity == Severity.RED and red.due == D(2026, 6, 30)
    assert red.reason == "2026年上半年测试党组会议专题研究意识形态工作应不少于1次，实际0次"
    h2 = containing("half", D(2026, 8, 1))
    assert _study("DUTY-005", 0, h2, D(2026, 12, 16), values) is None  # 11 working days left
    assert _study("DUTY-005", 0, h2, D(2026, 12, 17), values).severity == Severity.YELLOW


def test_duty006_integrity_twice_a_year_and_duty007_strict_governance_each_half():
    y2025 = containing("year", D(2025, 6, 1))
    values = {"min_count": 2, "warn_working_days": 20, "look_back": 2}
    assert _study("DUTY-006", 1, y2025, D(2026, 1, 5), values).reason == (
        "2025年度测试党组会议专题研究党风廉政建设应不少于2次，实际1次"
    )
    assert _study("DUTY-006", 2, y2025, D(2026, 1, 5), values) is None
    h2 = containing("half", D(2025, 9, 1))
    seven = {"min_count": 1, "warn_working_days": 10, "look_back": 2}
    assert "研究全面从严治党工作" in _study("DUTY-007", 0, h2, D(2026, 1, 5), seven).reason


# --- DUTY-008: 督办单 unanswered ---------------------------------------------------------------------

NOTICE = {"status": "issued", "reply_due": D(2026, 10, 9), "escalated_to": ""}
TWO = {"warn_working_days": 2, "look_back": 2}


def test_duty008_reply_due_after_national_day():
    assert _severity("DUTY-008", NOTICE, TWO, D(2026, 9, 29)) is None  # 9/30, 10/8, 10/9: 3 left
    soon = _check("DUTY-008", NOTICE, TWO, D(2026, 9, 30), label="督办单督办〔2026〕1号（办公室）")
    assert render_reason(soon.reason, soon.due, D(2026, 9, 30)) == (
        "督办单督办〔2026〕1号（办公室）尚未回复，回复期限2026年10月09日（还有2个工作日）"
    )
    late = _check("DUTY-008", {**NOTICE, "escalated_to": "李四"}, TWO, D(2026, 10, 10), label="督办单X（办公室）")
    assert late.severity == Severity.RED
    assert late.reason == "督办单X（办公室）回复期限2026年10月09日已过，尚未回复（已升级至李四）"
    for status in ("replied", "closed"):
        assert _severity("DUTY-008", {**NOTICE, "status": status}, TWO, D(2026, 10, 20)) is None
