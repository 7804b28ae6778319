"""The demo organ's public-opinion register: six events over the year registered and handled by dangwei, all closed
but the recent one (answered in time), the serious one reported upward in time, and exactly the one lapse the rules
are meant to find among IDEO-04x (the misquoted number answered after the 24 hours of a general event → IDEO-040
yellow, recorded)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.ideology.choices import OpinionLevel, OpinionStatus
from qinglian.ideology.demo.opinion import PLANTED
from qinglian.ideology.models import OpinionEvent
from qinglian.ideology.selectors.opinion import year_summary
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = ["IDEO-040", "IDEO-041"]
HOUR = dt.timedelta(hours=1)


@pytest.mark.demo_build(ORGAN)
def test_the_demo_register_and_its_one_finding(shared_demo):
    organ = shared_demo.organ
    events = OpinionEvent.objects.filter(organ=organ)
    assert events.count() == 6
    open_ = list(events.filter(status=OpinionStatus.OPEN))
    assert len(open_) == 1 and open_[0].first_response_at - open_[0].found_at <= 24 * HOUR
    assert (dt.date(2026, 11, 25) - open_[0].found_at.date()).days <= 10
    serious = events.get(level=OpinionLevel.SERIOUS)
    assert serious.reported_upward and serious.reported_at - serious.found_at <= 12 * HOUR
    for e in events.filter(status=OpinionStatus.CLOSED):
        assert e.handling and e.found_at.date() <= e.closed_on < TODAY, e.title
    users = set(OpinionEvent.history.filter(organ=organ).values_list("history_user__username", flat=True))
    assert users == {"dangwei"}

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    findings = list(Finding.objects.filter(organ=organ, rule_code__in=CODES))
    assert [(f.rule_code, f.severity) for f in findings] == [("IDEO-040", "yellow")], [f.reason for f in findings]
    assert PLANTED in findings[0].reason and "应在24小时内首次响应" in findings[0].reason
    planted = events.get(title=PLANTED)
    assert findings[0].responsible_person_id == planted.responsible_id is not None
    assert findings[0].subject_id == str(planted.pk)

    dangwei = User.objects.get(organ=organ, username="dangwei")
    summary = year_summary(dangwei, 2026)
    assert summary.total == 6 and summary.reported == 1 and (summary.closed, summary.open) == (5, 1)
    general = next(t for t in summary.times if t.level == OpinionLevel.GENERAL)
    assert general.late == 1 and general.longest > 24
