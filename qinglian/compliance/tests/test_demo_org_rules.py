"""The org rules over the demo organ find only the gaps the demo leaves for them: one branch whose committee's
term runs out within six months (ORG-001) and one committee down to two members since its 组织委员 stepped down
(ORG-006, yellow), nothing else — today, and on earlier days replayed. The readers share
the session's build of the whole demo organ (`demo_build`, qinglian/core/testing.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context, Verdict
from qinglian.core.testing import DemoSpec
from qinglian.org.models import Branch, BranchCommitteeMember

TODAY = dt.date(2026, 11, 25)
ORGAN = DemoSpec(seed=2026, today=TODAY)  # the same build as the party-life and duty demo tests read
ORG_RULES = [f"ORG-00{n}" for n in range(1, 8)]


def _verdicts(organ_id: int, code: str, as_of: dt.date) -> dict[str, Verdict]:
    """What the rule says on `as_of` (without writing findings), by subject label."""
    rule = RULES[code]
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=as_of, codes=[code]).get(code))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {s.label: v for s in rule.collect(ctx) if (v := rule.check(s, params, ctx)) is not None}


@pytest.mark.demo_build(ORGAN)
class TestTheOrgRulesOnTheDemoOrgan:
    def test_today_only_the_branch_about_to_renew_its_committee_is_flagged(self, shared_demo):
        organ_id = shared_demo.organ.pk
        expiring = Branch.objects.get(
            organ_id=organ_id, term_end__gt=TODAY, term_end__lte=TODAY + dt.timedelta(days=183)
        )
        vacated = BranchCommitteeMember.objects.get(organ_id=organ_id, end__isnull=False)
        found = {code: _verdicts(organ_id, code, TODAY) for code in ORG_RULES}
        assert list(found.pop("ORG-001")) == [expiring.name]
        [(label, short)] = found.pop("ORG-006").items()
        assert label == vacated.branch.name and short.severity == "yellow" and "现有委员2人" in short.reason
        assert found == {code: {} for code in ORG_RULES if code not in ("ORG-001", "ORG-006")}

    def test_the_committee_was_whole_until_its_organising_member_stepped_down(self, shared_demo):
        organ_id = shared_demo.organ.pk
        vacated = BranchCommitteeMember.objects.get(organ_id=organ_id, end__isnull=False)
        assert vacated.post == "organization" and vacated.end < TODAY
        assert _verdicts(organ_id, "ORG-006", vacated.end) == {}
        assert list(_verdicts(organ_id, "ORG-006", vacated.end + dt.timedelta(days=1))) == [vacated.branch.name]
        line = f"{vacated.branch.name}组织委员{vacated.person.name}于{vacated.end:%Y-%m-%d}离任后未补选"
        assert line in shared_demo.log

    @pytest.mark.parametrize("as_of", [dt.date(2025, 6, 30), dt.date(2026, 3, 31)])
    def test_earlier_days_show_no_set_up_or_membership_gap(self, shared_demo, as_of):
        """Replayed days: every member was in a branch and every branch was set up as the regulation says (the
        demo enters only the committees' present terms, so ORG-001 may only note an earlier term as unrecorded)."""
        organ_id = shared_demo.organ.pk
        for code in ("ORG-002", "ORG-003", "ORG-004", "ORG-005", "ORG-006", "ORG-007"):
            assert _verdicts(organ_id, code, as_of) == {}, code
        term_notes = _verdicts(organ_id, "ORG-001", as_of).values()
        assert all(v.severity == "blue" and "时所在一届的任期起止日期" in v.reason for v in term_notes)
