"""The duty part of the demo organ: two years' 主体责任清单 with the units' work on them, letters, 督办单 and 约谈,
the Party group's agenda — and the slips the rules are meant to find. The readers share the session's build
of the whole demo organ (`demo_build`, qinglian/core/testing.py), the one `qinglian demo` makes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from types import SimpleNamespace

import pytest
from django.utils import timezone

from qinglian.compliance.periods import containing
from qinglian.compliance.registry import RULES
from qinglian.core import workdays
from qinglian.core.testing import DemoSpec
from qinglian.duty.choices import LetterLevel, ListStatus, NoticeStatus, Recurrence, TaskStatus, Theme
from qinglian.duty.models import (
    AccountabilityTalk,
    DutyAssignment,
    DutyItem,
    DutyList,
    DutySection,
    OversightNotice,
    ProgressReport,
    ResponsibilityLetter,
    SuperiorReport,
)
from qinglian.duty.selectors.boards import agenda_theme_counts
from qinglian.duty.selectors.lists import items_with_tasks
from qinglian.org.models import LeadingGroupMember, PersonnelEvent, Supervision, User
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.models import Meeting

# A fixed day late in the year (services refuse future dates), the same as the party-life demo's tests.
TODAY = dt.date(2026, 11, 25)
LAST, THIS = TODAY.year - 1, TODAY.year
ORGAN = DemoSpec(seed=2026, today=TODAY)  # the same build as the party-life and npc demo tests read
DUTY_RULES = sorted(code for code in RULES if code.startswith("DUTY-"))


@pytest.fixture
def demo(shared_demo):
    """The session's demo organ as of TODAY, with the two years' lists; each test in a savepoint inside it."""
    lists = {x.year: x for x in DutyList.objects.filter(organ=shared_demo.organ)}
    return SimpleNamespace(organ=shared_demo.organ, log=shared_demo.log, last=lists[LAST], this=lists[THIS])


def _tasks(duty_list: DutyList):
    return DutyAssignment.objects.filter(item__duty_list=duty_list).select_related("item", "unit")


def _overdue(demo) -> list[DutyAssignment]:
    return [a for a in _tasks(demo.this) if a.is_overdue(TODAY)]


def _local(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


@pytest.mark.demo_build(ORGAN)
class TestDutyDemo:
    def test_it_prints_what_it_built_and_the_slips(self, demo):
        print(demo.log)
        assert "责任清单 2025年 39 项，2026年 40 项（已印发）" in demo.log
        assert demo.log.count("留给规则的缺口：") >= 5 + 5  # partylife's five, then ours

    def test_two_published_lists_the_second_copied_from_the_first(self, demo):
        last, this = demo.last, demo.this
        assert (last.status, this.status) == (ListStatus.PUBLISHED, ListStatus.PUBLISHED)
        assert this.based_on_id == last.pk and this.title == f"{THIS}年全面从严治党主体责任清单"
        assert DutyItem.objects.filter(duty_list=last).count() == 39
        assert DutyItem.objects.filter(duty_list=this).count() == 40
        assert DutySection.objects.filter(duty_list=last).count() == 21
        assert DutySection.objects.filter(duty_list=this).count() == 22
        tops = list(DutySection.objects.filter(duty_list=this, parent=None).values_list("title", flat=True))
        assert [t[:2] for t in tops] == ["一、", "二、", "三、", "四、", "五、", "六、"]
        assert any("意识形态" in t for t in tops) and any("不敢腐不能腐不想腐" in t for t in tops)
        for duty_list in (last, this):
            day = duty_list.published_on
            assert workdays.is_working_day(day) and dt.date(day.year, 2, 24) <= day <= dt.date(day.year, 3, 6)

    def test_this_years_list_differs_from_last_years_where_the_office_edited_it(self, demo):
        last = set(DutyItem.objects.filter(duty_list=demo.last).values_list("content", flat=True))
        this = set(DutyItem.objects.filter(duty_list=demo.this).values_list("content", flat=True))
        assert len(last - this) == 3 and len(this - last) == 4  # 2 reworded and 1 dropped; 2 reworded and 2 added
        assert any("二十届四中全会" in c for c in this - last)
        dropped = DutyItem.all_objects.filter(duty_list=demo.this, deleted_at__isnull=False)
        assert dropped.count() == 1 and "标准化规范化" in dropped.get().content
        assert list(DutyItem.objects.filter(duty_list=demo.this).values_list("order", flat=True)) == list(range(1, 41))

    def test_items_have_leaders_units_deadlines_standards_and_evidence(self, demo):
        members = set(LeadingGroupMember.objects.filter(organ=demo.organ).values_list("person_id", flat=True))
        secretary = LeadingGroupMember.objects.get(organ=demo.organ, post="secretary").person_id
        supervised = dict(Supervision.objects.filter(organ=demo.organ).values_list("unit_id", "leader_id"))
        items = items_with_tasks(demo.this)
        assert {i.lead_leader_id for i in items} == members  # every 党组成员 leads at least one item
        for item in items:
            tasks = list(item.assignments.all())
            lead = [a for a in tasks if a.role == "lead"]
            assert len(lead) == 1 and 1 <= len(tasks) <= 4, item.content
            assert item.lead_leader_id in (secretary, supervised[lead[0].unit_id]), item.content
            assert item.standard and item.evidence_required
            assert (item.deadline is None) == (item.recurrence != Recurrence.ONCE)
        recurrences = Counter(i.recurrence for i in items)
        assert recurrences == {Recurrence.ONCE: 34, Recurrence.QUARTERLY: 4, Recurrence.MONTHLY: 2}
        assert {i.deadline.month for i in items if i.deadline} >= {3, 6, 9, 10, 11, 12}
        assert set(Theme.values) == {i.theme for i in items}
        assert len({a.unit_id for i in items for a in i.assignments.all()}) == 14

    def test_last_years_tasks_are_all_done_and_confirmed(self, demo):
        tasks = list(_tasks(demo.last))
        assert len(tasks) == 83 and {a.status for a in tasks} == {TaskStatus.CLOSED}
        assert all(a.claimed_at and a.confirmed_at and a.completed_on for a in tasks)
        history = Counter(DutyAssignment.history.filter(item__duty_list=demo.last).values_list("status", flat=True))
        assert history[TaskStatus.IN_PROGRESS] and history[TaskStatus.COMPLETED] == history[TaskStatus.CLOSED] == 83

    def test_this_years_tasks_by_status_with_four_overdue_in_three_units(self, demo):
        tasks = list(_tasks(demo.this))
        assert Counter(a.status for a in tasks) == {
            TaskStatus.CLOSED: 30,
            TaskStatus.IN_PROGRESS: 35,
            TaskStatus.NOT_STARTED: 3,
            # Completed, waiting for 销号: mostly units without a login of their own, for which the office reported,
            # so the office may not also confirm (two people for every decision) and their lead leader has no login.
            TaskStatus.COMPLETED: 16,
        }
        waiting = [a for a in tasks if a.status == TaskStatus.COMPLETED]
        officer = User.objects.get(username="dangwei")
        assert sum(a.reports.filter(is_final=True, reported_by=officer).exists() for a in waiting) >= 13
        overdue = _overdue(demo)
        assert len(overdue) == 4
        units = Counter(a.unit.short_name for a in overdue)
        assert len(units) == 3 and units["法工委"] == 2  # the demo unit head's unit
        assert sum(1 for a in overdue if a.claimed_at is None) == 1
        assert "留给规则的缺口：逾期未完成任务 4 项" in demo.log

    def test_most_units_claim_within_two_weeks_of_publication(self, demo):
        published = demo.this.published_on
        delays = [(_local(a.claimed_at) - published).days for a in _tasks(demo.this) if a.claimed_at]
        assert len(delays) == 83 and min(delays) >= 1
        assert sum(1 for d in delays if d <= 14) >= 0.8 * len(delays)

    def test_recurring_reports_cover_every_past_period_but_two(self, demo):
        missing = []
        for task in _tasks(demo.this).filter(item__recurrence__in=[Recurrence.MONTHLY, Recurrence.QUARTERLY]):
            kind = "month" if task.item.recurrence == Recurrence.MONTHLY else "quarter"
            reported = set(ProgressReport.objects.filter(assignment=task).values_list("period", flat=True))
            period = containing(kind, demo.this.published_on)
            while period.end < TODAY - dt.timedelta(days=10):
                if period.key not in reported:
                    missing.append((task.unit.short_name, period.key))
                period = containing(kind, period.end + dt.timedelta(days=1))
        assert sorted(p for _, p in missing) == [f"{THIS}-10", f"{THIS}-Q3"]
        assert len({u for u, _ in missing}) == 2

    def test_reports_and_history_are_dated_when_entered_and_never_in_the_future(self, demo):
        reports = ProgressReport.objects.filter(organ=demo.organ)
        assert reports.count() == 343
        for report in reports.order_by("id")[::25]:
            assert report.date <= TODAY and _local(report.created_at) == report.date
            assert report.history.earliest("history_date").history_date == report.created_at
        for model in (DutyList, DutyItem, DutyAssignment, ResponsibilityLetter, OversightNotice):
            rows = model.all_objects.filter(organ=demo.organ)
            assert max(_local(d) for d in rows.values_list("updated_at", flat=True)) <= TODAY, model
            assert min(_local(d) for d in rows.values_list("created_at", flat=True)) >= dt.date(LAST, 1, 1), model
        final = ProgressReport.objects.filter(assignment__item__duty_list=demo.this, is_final=True)
        assert all(r.percent == 100 and r.assignment.completed_on == r.date for r in final)

    def test_letters_signed_in_february_and_march_five_still_unsigned(self, demo):
        annual = ResponsibilityLetter.objects.filter(organ=demo.organ, year=THIS, trigger_event__isnull=True)
        assert annual.count() == 136
        assert Counter(annual.values_list("level", flat=True)) == {
            LetterLevel.LEADER: 7,
            LetterLevel.UNIT_HEAD: 14,
            LetterLevel.CADRE: 115,
        }
        unsigned = annual.filter(signed_on__isnull=True)
        assert unsigned.count() == 5 and len(set(unsigned.values_list("unit_id", flat=True))) == 2
        months = Counter(d.month for d in annual.exclude(signed_on=None).values_list("signed_on", flat=True))
        assert set(months) <= {2, 3}
        assert not annual.filter(issuer__isnull=True).exists()
        last_year = ResponsibilityLetter.objects.filter(organ=demo.organ, year=LAST, trigger_event__isnull=True)
        assert last_year.count() > 130 and not last_year.filter(signed_on__isnull=True).exists()
        assert all(d <= dt.date(LAST, 3, 31) for d in last_year.values_list("signed_on", flat=True))

    def test_every_personnel_event_of_the_year_has_its_late_or_timely_bu_qian(self, demo):
        events = PersonnelEvent.objects.filter(
            person__organ=demo.organ,
            person__is_active=True,
            date__year=THIS,
            kind__in=["appointment", "promotion", "transfer", "transfer_in"],
        )
        letters = {x.trigger_event_id: x for x in ResponsibilityLetter.objects.filter(trigger_event__in=events)}
        assert set(letters) == set(events.values_list("pk", flat=True))
        late = [x for x in letters.values() if x.signed_on > workdays.add_working_days(x.trigger_event.date, 15)]
        assert len(late) == 1

    def test_three_notices_one_closed_one_answered_one_ignored_and_two_talks(self, demo):
        notices = OversightNotice.objects.filter(organ=demo.organ).select_related("assignment__item")
        assert Counter(n.status for n in notices) == {
            NoticeStatus.CLOSED: 1,
            NoticeStatus.REPLIED: 1,
            NoticeStatus.ISSUED: 1,
        }
        overdue = {a.pk for a in _overdue(demo)}
        for notice in notices:
            assert notice.issued_on > notice.assignment.item.deadline and notice.responsible_id
        ignored = notices.get(status=NoticeStatus.ISSUED)
        assert ignored.reply_due < TODAY and ignored.assignment_id in overdue
        assert ignored.assignment.claimed_at is None
        assert notices.get(status=NoticeStatus.REPLIED).assignment_id in overdue
        closed = notices.get(status=NoticeStatus.CLOSED)
        # The notice was closed by the secretary who issued it; the task is done and waits for its 销号 by someone
        # other than the office, which reported its completion for the unit.
        assert closed.assignment.status in (TaskStatus.CLOSED, TaskStatus.COMPLETED)
        assert closed.issued_by == closed.history.latest().history_user != closed.replied_by
        talks = AccountabilityTalk.objects.filter(organ=demo.organ)
        assert talks.count() == 2
        assert {t.notice.status for t in talks} == {NoticeStatus.CLOSED, NoticeStatus.REPLIED}
        assert all(
            t.assignment_id == t.notice.assignment_id and t.interviewee_id == t.notice.responsible_id for t in talks
        )

    def test_the_party_group_meets_monthly_and_studies_ideology_in_every_half_year_but_one(self, demo):
        meetings = Meeting.objects.filter(organ=demo.organ, kind=MeetingKind.LEADING_GROUP_MEETING)
        years = Counter(d.year for d in meetings.values_list("date", flat=True))
        assert years[LAST] == 12 and 10 <= years[THIS] <= 11
        members = LeadingGroupMember.objects.filter(organ=demo.organ).count()
        assert all(m.attendance.count() == members and m.agenda.filter(is_first_topic=True).exists() for m in meetings)
        ideology = {}
        for year in (LAST, THIS):
            for half, (start, end) in enumerate(((1, 6), (7, 12)), start=1):
                counts = agenda_theme_counts(
                    organ_id=demo.organ.pk,
                    start=dt.date(year, start, 1),
                    end=containing("month", dt.date(year, end, 1)).end,
                )
                ideology[f"{year}-H{half}"] = counts[Theme.IDEOLOGY]
                assert counts[Theme.STRICT_GOVERNANCE] >= 1 and counts[Theme.INTEGRITY] >= 1
        assert ideology == {f"{LAST}-H1": 2, f"{LAST}-H2": 2, f"{THIS}-H1": 0, f"{THIS}-H2": 1}

    def test_the_party_group_reports_to_the_city_committee_after_its_march_meeting_last_years_a_week_late(self, demo):
        from qinglian.compliance.params import sets_in_force

        reports = {r.year: r for r in SuperiorReport.objects.filter(organ=demo.organ)}
        assert set(reports) == {LAST - 1, LAST}
        assert all(
            r.recipient == "中共临江市委" and "落实全面从严治党主体责任情况" in r.title for r in reports.values()
        )
        meetings = Meeting.objects.filter(organ=demo.organ, agenda__title="审议上年度落实全面从严治党主体责任情况报告")
        reviewed = dict(meetings.values_list("date__year", "date"))
        assert reports[LAST - 1].reported_on == workdays.next_working_day(reviewed[LAST])
        assert reports[LAST - 1].reported_on <= dt.date(LAST, 3, 17)  # 3/15 was a Saturday
        assert reports[LAST].reported_on == workdays.add_working_days(dt.date(THIS, 3, 16), 6)
        own = sets_in_force(organ_id=demo.organ.pk, on=TODAY, codes=["DUTY-009"])["DUTY-009"]
        assert (own.jurisdiction, own.values["due_month"], own.values["due_day"]) == ("organ", 3, 15)
        assert f"留给规则的缺口：{LAST}年度落实主体责任情况报告逾期报送市委" in demo.log

    def test_the_rules_find_exactly_the_slips_left_for_them(self, demo):
        from qinglian.compliance.engine import run_checks
        from qinglian.compliance.models import Finding

        result = run_checks(organ_id=demo.organ.pk, as_of=TODAY, codes=DUTY_RULES)
        assert result.errors == []
        red = Finding.objects.filter(organ=demo.organ, rule_code__startswith="DUTY-", severity="red")
        assert Counter(red.values_list("rule_code", flat=True)) == {
            "DUTY-001": 4,
            "DUTY-002": 2,
            "DUTY-003": 5,
            "DUTY-004": 1,
            "DUTY-005": 1,
            "DUTY-008": 1,
            "DUTY-009": 1,
        }
        overdue = {str(a.pk) for a in _overdue(demo)}
        assert set(red.filter(rule_code="DUTY-001").values_list("subject_id", flat=True)) == overdue
        assert sorted(red.filter(rule_code="DUTY-002").values_list("period", flat=True)) == [
            f"{THIS}-10",
            f"{THIS}-Q3",
        ]
        unsigned = ResponsibilityLetter.objects.filter(
            organ=demo.organ, year=THIS, trigger_event__isnull=True, signed_on__isnull=True
        ).values_list("signer_id", flat=True)
        assert set(red.filter(rule_code="DUTY-003").values_list("responsible_person_id", flat=True)) == set(unsigned)
        assert red.get(rule_code="DUTY-005").period == f"{THIS}-H1"
        ignored = OversightNotice.objects.get(organ=demo.organ, status=NoticeStatus.ISSUED)
        assert red.get(rule_code="DUTY-008").subject_id == str(ignored.pk)
        late = red.get(rule_code="DUTY-009")
        # Sent late: a recorded fact (no due date), which names the due date, the organ's 3/15 moved off a Sunday.
        assert (late.period, late.status, late.due_date) == (str(LAST), "recorded", None)
        assert f"晚于报送截止日期{THIS}年03月16日" in late.reason
        yellow = Finding.objects.filter(organ=demo.organ, rule_code__startswith="DUTY-", severity="yellow")
        assert all(f.due_date > TODAY for f in yellow)  # only tasks coming due
