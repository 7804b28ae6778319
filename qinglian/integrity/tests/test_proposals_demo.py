"""The demo's proposals, letters of inquiry and gifts: INT-050, INT-051 and INT-060 find exactly the planted gaps —
the proposal replied 45 days after it was served and the gift handed in five weeks after it was received — and
nothing else. Read from the shared demo build (run alone: it builds the demo organ)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.registry import RULES, Context, Params
from qinglian.core.testing import DemoSpec
from qinglian.integrity.models import DisciplineProposal, Gift, InquiryLetter
from qinglian.integrity.selectors.inquiries import rule_values
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)
BUILD = DemoSpec(seed=2026, today=TODAY)


def verdicts(code: str, organ_id: int) -> list[tuple[str, str, bool]]:
    rule = RULES[code]
    params = Params(rule_values(code, organ_id, TODAY))
    ctx = Context(organ_id=organ_id, as_of=TODAY, params=params)
    found = ((s, rule.check(s, params, ctx)) for s in rule.collect(ctx))
    return [(s.label, str(v.severity), v.recorded) for s, v in found if v is not None]


@pytest.mark.demo_build(BUILD)
class TestDemo:
    def test_proposals_recorded_by_the_group_and_one_replied_late(self, shared_demo):
        proposals = DisciplineProposal.objects.filter(organ=shared_demo.organ)
        group = User.objects.get(username="jijian")
        assert proposals.count() == 4 and set(proposals.values_list("issued_by", flat=True)) == {group.pk}
        assert all(p.replied_on for p in proposals)
        found = verdicts("INT-050", shared_demo.organ.pk)
        assert [(severity, recorded) for _, severity, recorded in found] == [("red", True)]
        assert "立法项目论证" in found[0][0]

    def test_letters_answered_on_time_signed_by_the_secretary(self, shared_demo):
        letters = InquiryLetter.objects.filter(organ=shared_demo.organ)
        secretary = User.objects.get(username="shuji").person
        assert letters.count() == 2 and {letter.signer for letter in letters} == {secretary}
        assert verdicts("INT-051", shared_demo.organ.pk) == []

    def test_gifts_one_handed_in_after_five_weeks(self, shared_demo):
        assert Gift.objects.filter(organ=shared_demo.organ).count() == 10
        assert not Gift.objects.filter(organ=shared_demo.organ, handling="").exists()
        found = verdicts("INT-060", shared_demo.organ.pk)
        assert [(severity, recorded) for _, severity, recorded in found] == [("red", True)]
        assert "钢笔" in found[0][0]
