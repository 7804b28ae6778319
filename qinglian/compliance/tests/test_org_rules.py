"""The org rules as pure functions over plain data: a passing and a failing case from each basis."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject

CTX = Context(organ_id=1, as_of=dt.date(2026, 11, 25))


def _check(code: str, data: dict, values: dict | None = None):
    rule = RULES[code]
    subject = Subject(type="t", id="1", label="机关第一党支部", data=data)
    return rule.check(subject, Params(values or {}), CTX)


TERM = {"remind_months": 6, "warn_months": 3, "term_years": 3}


def _term(end: dt.date) -> dict:
    return {"term_start": None, "term_end": end}


# ORG-001 counts its windows and due date with core.workdays, which reads the organ's calendar.
@pytest.mark.django_db
def test_branch_term_far_from_its_end_is_fine():
    assert _check("ORG-001", _term(dt.date(2027, 6, 30)), TERM) is None


@pytest.mark.django_db
def test_branch_term_within_six_months_is_a_blue_reminder():
    verdict = _check("ORG-001", _term(dt.date(2027, 5, 20)), TERM)
    assert verdict.severity == Severity.BLUE and verdict.due == dt.date(2027, 5, 20)
    assert "2027年05月20日届满" in verdict.reason


@pytest.mark.django_db
def test_branch_term_within_three_months_is_yellow():
    assert _check("ORG-001", _term(dt.date(2027, 2, 24)), TERM).severity == Severity.YELLOW


@pytest.mark.django_db
def test_branch_term_past_is_red():
    verdict = _check("ORG-001", _term(dt.date(2026, 11, 24)), TERM)
    assert verdict.severity == Severity.RED and "已于2026年11月24日届满" in verdict.reason


@pytest.mark.django_db
def test_branch_term_parameters_change_the_outcome():
    assert _check("ORG-001", _term(dt.date(2027, 5, 20)), {**TERM, "remind_months": 3, "warn_months": 1}) is None


def test_party_member_without_branch_is_red_and_with_one_fine():
    assert _check("ORG-002", {"branch_id": 7}) is None
    verdict = _check("ORG-002", {"branch_id": None})
    assert verdict.severity == Severity.RED and "未编入党支部" in verdict.reason


def test_unit_without_supervising_leader_is_yellow():
    assert _check("ORG-003", {"supervised": True}) is None
    assert _check("ORG-003", {"supervised": False}).severity == Severity.YELLOW


def test_leading_group_needs_a_secretary_and_three_members():
    ok = {"members": 7, "has_secretary": True}
    assert _check("ORG-004", ok, {"min_members": 3}) is None
    assert "书记空缺" in _check("ORG-004", {"members": 7, "has_secretary": False}, {"min_members": 3}).reason
    assert "少于3人" in _check("ORG-004", {"members": 2, "has_secretary": True}, {"min_members": 3}).reason


def test_every_rule_cites_its_basis_and_declares_typed_parameters():
    for code, rule in RULES.items():
        assert rule.basis.startswith("《"), code
        assert rule.title and rule.category and rule.subjects, code
        for param in rule.params:
            assert param.kind in {"int", "decimal", "bool", "str", "date"}
