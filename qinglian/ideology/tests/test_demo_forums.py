"""The demo organ's 一会一报: a year of forums of 法工委 filed by ganbu and approved up the chain, a seminar with a
foreign scholar approved by the foreign-affairs office in time, one cancelled, one held but not yet marked, the
宪法宣传周 report meeting waiting for the supervising leader — and exactly the one planted lapse among IDEO-02x."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.todos import SOURCES
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.testing import DemoSpec
from qinglian.ideology.choices import ForumStatus, ForumStep
from qinglian.ideology.models import Forum
from qinglian.ideology.selectors.forums import final_approval_on, pending_step
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = ["IDEO-020", "IDEO-021", "IDEO-022"]


@pytest.mark.demo_build(ORGAN)
def test_the_demo_forums_and_their_one_finding(shared_demo):
    organ = shared_demo.organ
    forums = Forum.objects.filter(organ=organ)
    assert 9 <= forums.count() <= 11
    assert {f.applicant.name for f in forums} == {User.objects.get(username="ganbu").person.name}
    assert forums.filter(status=ForumStatus.CANCELLED).count() == 1
    assert forums.filter(status=ForumStatus.APPROVED, held_on__lt=TODAY).count() == 1  # to mark held
    foreign = forums.get(foreign_participants=True)
    assert foreign.co_hosts and foreign.approvals.filter(step=ForumStep.FOREIGN_AFFAIRS).exists()
    upcoming = forums.get(held_on__gt=TODAY)
    assert "宪法宣传周" in upcoming.title and upcoming.status == ForumStatus.FILED
    assert pending_step(upcoming) == ForumStep.LEADER
    assert all(final_approval_on(f) for f in forums.exclude(pk=upcoming.pk))

    with clock.replaying(moment(TODAY, 10)):
        steps = SOURCES["ideology_forum_steps"]
        assert [i.link for i in steps.items(User.objects.get(username="fuzhuren"))] == [
            f"/ideology/forums/{upcoming.pk}/"
        ]
        assert SOURCES["ideology_forum_held"].count(User.objects.get(username="ganbu")) == 1

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    findings = list(Finding.objects.filter(organ=organ, rule_code__in=CODES))
    assert [(f.rule_code, f.severity) for f in findings] == [("IDEO-021", "yellow")], [f.reason for f in findings]
    assert "备案审查工作专题报告会" in findings[0].reason
    assert findings[0].responsible_unit.name == "法制工作委员会"
