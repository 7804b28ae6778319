"""The demo organ's 党风廉政意见回复: the rules find exactly what the demo planted — one late reply (INT-010) and one
promotion nobody asked about (INT-011) — and the open request sent two working days ago gives no finding, not even
a yellow one. Reads the session's shared build (the same spec as the npc demo tests): the rules are called directly,
so no finding is written."""

from __future__ import annotations

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import Context, get_rule
from qinglian.core.testing import DemoSpec
from qinglian.integrity.choices import OpinionConclusion
from qinglian.integrity.demo.opinions import ISSUE_TEXT
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.npc.tests.test_demo import TODAY
from qinglian.org.choices import PersonnelEventKind
from qinglian.org.models import PersonnelEvent

BUILD = DemoSpec(seed=2026, today=TODAY)


def verdicts(code: str, organ_id: int):
    rule = get_rule(code)
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=TODAY, codes=[code]).get(code))
    ctx = Context(organ_id=organ_id, as_of=TODAY, params=params)
    found = [(s, rule.check(s, params, ctx)) for s in rule.collect(ctx)]
    return [(s, v) for s, v in found if v is not None]


@pytest.mark.demo_build(BUILD)
class TestOpinionsDemo:
    def test_one_late_reply_and_nothing_else(self, shared_demo):
        [(subject, verdict)] = verdicts("INT-010", shared_demo.organ.pk)
        assert verdict.severity == Severity.RED and verdict.recorded and "逾期3个工作日" in verdict.reason
        late = OpinionRequest.objects.get(pk=subject.id)
        assert late.replied_on is not None and late.reply_no

    def test_one_promotion_without_an_opinion_and_nothing_else(self, shared_demo):
        [(subject, verdict)] = verdicts("INT-011", shared_demo.organ.pk)
        assert verdict.severity == Severity.RED and verdict.recorded and "未征求" in verdict.reason
        event = PersonnelEvent.objects.get(pk=subject.id)
        assert event.kind == PersonnelEventKind.PROMOTION
        assert event.person.name in shared_demo.log
        assert not OpinionItem.objects.filter(person=event.person, request__replied_on__lte=event.date).exists()

    def test_the_open_request_is_within_its_deadline(self, shared_demo):
        [open_] = OpinionRequest.objects.filter(organ=shared_demo.organ, replied_on__isnull=True)
        assert open_.sent_on is not None and open_.items.count() == 2
        assert str(open_.pk) not in {s.id for s, _ in verdicts("INT-010", shared_demo.organ.pk)}

    def test_the_deferred_candidate_was_not_promoted(self, shared_demo):
        [item] = OpinionItem.objects.filter(organ=shared_demo.organ, conclusion=OpinionConclusion.ISSUE)
        assert item.answer == ISSUE_TEXT and item.request.replied_on is not None
        assert not PersonnelEvent.objects.filter(person=item.person, kind=PersonnelEventKind.PROMOTION).exists()

    def test_summaries_were_drafted_from_the_ledgers(self, shared_demo):
        items = OpinionItem.objects.filter(organ=shared_demo.organ)
        assert items.count() >= 5
        assert all("近三年" in i.summary and "八项规定执行情况" in i.summary for i in items)
        replies = OpinionRequest.objects.filter(organ=shared_demo.organ).exclude(reply_no="")
        assert len({r.reply_no for r in replies}) == replies.count()
