"""The demo organ's 廉政谈话: talks after the personnel events of two years, collective talks with attendance, and
exactly the two gaps INT-001 is meant to find (one talk held late, one recent event with no talk yet)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk, TalkAttendance
from qinglian.integrity.selectors.talks import expected_talks
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the npc and duty demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)


@pytest.mark.demo_build(ORGAN)
def test_the_demo_talks_and_their_two_gaps(shared_demo):
    organ = shared_demo.organ
    talks = IntegrityTalk.objects.filter(organ=organ)
    assert talks.filter(kind=IntegrityTalkKind.PRE_APPOINTMENT).count() >= 10
    assert talks.filter(kind=IntegrityTalkKind.TRANSFER).count() >= 5
    collective = talks.filter(kind=IntegrityTalkKind.COLLECTIVE)
    assert 2 <= collective.count() <= 4
    assert TalkAttendance.objects.filter(talk__in=collective, present=False).exclude(absence_reason="").exists()
    assert set(talks.values_list("recorded_by__username", flat=True)) == {"renshi", "dangwei"}
    assert not talks.filter(date__gt=TODAY).exists()

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=["INT-001"])
    findings = list(Finding.objects.filter(organ=organ, rule_code="INT-001"))
    assert sorted((f.severity, f.status) for f in findings) == [("red", "open"), ("red", "recorded")], [
        f.reason for f in findings
    ]
    assert all(f.responsible_unit_id and f.responsible_person_id for f in findings)

    renshi = User.objects.get(organ=organ, username="renshi")
    rows = expected_talks(renshi, as_of=TODAY)
    assert sorted(r.state for r in rows if r.state not in ("held",)) == ["late", "overdue"]
