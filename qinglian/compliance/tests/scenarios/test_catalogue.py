"""The scenario suite's own shape (issue #12 item 5): at least 60 cases, at least half of them at a boundary,
ASCII ids that are unique, every case about a registered rule and quoting the text it is read from."""

from __future__ import annotations

from qinglian.compliance.registry import RULES
from qinglian.compliance.tests.scenarios import test_duty, test_npc, test_org, test_party_life
from qinglian.compliance.tests.scenarios.cases import counts

TABLES = [test_org.CASES, test_party_life.CASES, test_duty.CASES, test_npc.CASES]
ALL = [case for table in TABLES for case in table]


def test_at_least_sixty_cases_and_half_at_a_boundary():
    total, boundary = counts(TABLES)
    assert total >= 60
    assert boundary >= 30 and 2 * boundary >= total


def test_ids_are_unique_ascii():
    ids = [case.id for case in ALL]
    assert len(set(ids)) == len(ids)
    assert all(case_id.isascii() and case_id.isidentifier() for case_id in ids)


def test_every_case_names_a_registered_rule_and_its_regulation():
    assert {case.rule for case in ALL} <= set(RULES)
    assert all("《" in case.regulation or "本机关" in case.regulation for case in ALL)
