"""Last year's npc ledgers in the demo organ: complete on the demo's late-November day and without slips, so that
every card of this year's figures page has last year's value beside it ("比上年"), never "上年无可比数据" — and no
rule finds anything in them but the one slip planted about last year (its handling report heard, not published).
Reads the session's shared build (test_demo.ORGAN without its rule run)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qinglian.compliance.registry import RULES
from qinglian.core import workdays
from qinglian.core.testing import DemoSpec
from qinglian.npc.choices import AuditReport, NpcMeetingKind, SessionKind, SuggestionStatus
from qinglian.npc.models import DeputyActivity, MeetingAgendaItem, Session, Suggestion
from qinglian.npc.selectors.summary import ORDER, compared_figures
from qinglian.npc.tests.demo_verdicts import flagged
from qinglian.npc.tests.test_demo import TODAY, YEAR
from qinglian.org.models import User

BUILD = DemoSpec(seed=2026, today=TODAY)
LAST = YEAR - 1


@pytest.mark.demo_build(BUILD)
class TestLastYear:
    def test_every_figure_has_last_years_value_beside_it(self, shared_demo):
        compared = compared_figures(organ_id=shared_demo.organ.pk, year=YEAR, as_of=TODAY)
        assert [c.figure.key for c in compared] == ORDER
        missing = [c.figure.key for c in compared if c.previous_value is None or c.delta_text == ""]
        assert missing == []

    def test_the_figures_page_compares_every_card(self, shared_demo, client):
        client.force_login(User.objects.get(username="jianyi"))
        page = client.get(reverse("npc_figures"), {"year": YEAR}).content.decode()
        assert "上年无可比数据" not in page
        deltas = page.count('data-testid="figure-delta"')
        assert deltas == len(ORDER) and page.count("，比上年 ") == deltas

    def test_last_years_suggestions_are_all_answered_and_evaluated(self, shared_demo):
        organ = shared_demo.organ
        plenary = Session.objects.get(organ=organ, kind=SessionKind.PLENARY, start__year=LAST)
        assert str(plenary) == "第十六届人民代表大会第四次会议"
        interim = Session.objects.get(organ=organ, kind=SessionKind.INTERIM, start__year=LAST)
        assert interim.end is not None and interim.end.year == LAST
        suggestions = Suggestion.objects.filter(organ=organ, year=LAST)
        assert suggestions.filter(session=plenary).count() == 108 and suggestions.count() > 108
        assert set(suggestions.values_list("status", flat=True)) == {SuggestionStatus.CLOSED}
        key = suggestions.filter(is_key=True)
        assert key.count() == 10 and not key.filter(supervision_plan_on__isnull=True).exists()

    def test_last_years_meetings_and_deputies_work(self, shared_demo):
        organ = shared_demo.organ
        items = MeetingAgendaItem.objects.filter(organ=organ, meeting__date__year=LAST)
        assert items.filter(meeting__kind=NpcMeetingKind.STANDING).values("meeting").distinct().count() == 6
        assert not items.filter(outcome="").exists()
        [work] = items.filter(audit_report=AuditReport.WORK)  # heard in June, its rectification within six months
        [rectified] = items.filter(audit_report=AuditReport.RECTIFICATION, meeting__date__gt=work.meeting.date)
        assert rectified.meeting.date <= workdays.add_months(work.meeting.date, 6)
        assert DeputyActivity.objects.filter(organ=organ, date__year=LAST).count() > 150

    @pytest.mark.parametrize("code", sorted(c for c in RULES if c.startswith("NPC-")))
    def test_no_rule_finds_a_slip_in_last_years_ledgers_but_the_unpublished_report(self, shared_demo, code):
        found = [
            (label, severity) for label, period, severity in flagged(code, shared_demo.organ.pk) if period == str(LAST)
        ]
        expected = [(f"{LAST}年度代表建议办理情况的报告", "red")] if code == "NPC-013" else []
        assert found == expected
