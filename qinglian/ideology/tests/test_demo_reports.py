"""The demo organ's analysis and reporting schedule: last year and this year planned by dangwei, every item due by
the demo's today done in time, and exactly the one lapse the rules are meant to find (this year's third-quarter
analysis, due in October, never held → IDEO-030 red)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = ["IDEO-030", "IDEO-031", "IDEO-032"]


@pytest.mark.demo_build(ORGAN)
def test_the_demo_schedule_and_its_one_finding(shared_demo):
    organ = shared_demo.organ
    items = ReportItem.objects.filter(organ=organ)
    assert items.count() == 14  # 4 analyses, 1 report upward, 2 briefings, for 2025 and 2026
    assert items.filter(period_start__year=2025, done_on__isnull=True).count() == 0
    for item in items.filter(done_on__isnull=False):
        assert item.period_start <= item.done_on <= min(item.due_on, TODAY), item.title
        assert item.summary
    open_2026 = set(items.filter(done_on__isnull=True).values_list("kind", "period_start"))
    assert open_2026 == {
        (ReportKind.ANALYSIS, dt.date(2026, 7, 1)),
        (ReportKind.ANALYSIS, dt.date(2026, 10, 1)),
        (ReportKind.ANNUAL_REPORT, dt.date(2026, 1, 1)),
        (ReportKind.BRIEFING, dt.date(2026, 7, 1)),
    }
    report = items.get(kind=ReportKind.ANNUAL_REPORT, period_start__year=2025)
    shuji = User.objects.get(organ=organ, username="shuji")
    assert report.responsible_id == shuji.person_id and report.done_on <= dt.date(2025, 12, 31)
    users = set(ReportItem.history.filter(organ=organ).values_list("history_user__username", flat=True))
    assert users == {"dangwei"}

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    findings = list(Finding.objects.filter(organ=organ, rule_code__in=CODES))
    assert [(f.rule_code, f.severity, f.status) for f in findings] == [("IDEO-030", "red", "open")], [
        f.reason for f in findings
    ]
    assert "2026年第三季度意识形态形势分析研判" in findings[0].reason
    dangwei = User.objects.get(organ=organ, username="dangwei")
    assert findings[0].responsible_person_id == dangwei.person_id
