"""The npc part of the demo organ: this year of suggestions, meetings and stations as of a late-November day,
the year's figures it produces, and the slips the rules are meant to find (last year's ledgers, complete and
without slips, are test_demo_last_year.py's). The readers share the session's
build (`demo_build`, qinglian/core/testing.py), with the NPC rules run on it once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core import workdays
from qinglian.core.testing import DemoSpec
from qinglian.npc import permissions
from qinglian.npc.choices import (
    HandlingRole,
    NpcMeetingKind,
    ReplyResult,
    Satisfaction,
    SessionKind,
    SuggestionStatus,
)
from qinglian.npc.deadlines import after_days, material_deadlines, materials_params
from qinglian.npc.demo.data import LATE_SUBMITTERS
from qinglian.npc.models import (
    Assignment,
    Contact,
    Deputy,
    DeputyActivity,
    HandlingUnitProfile,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    SatisfactionRecord,
    Session,
    Suggestion,
)
from qinglian.npc.selectors import suggestions as selectors
from qinglian.npc.selectors.figures import handling_stats, materials_stats, year_figures
from qinglian.org.choices import UnitKind
from qinglian.org.models import User

# A fixed day in the past (services refuse future dates), late in the year: most of it is handled, the
# December meetings are still ahead, a few suggestions made between sessions are close to their deadline.
TODAY = dt.date(2026, 11, 25)
YEAR = TODAY.year
NPC_RULES = [f"NPC-00{n}" for n in range(1, 9)]


def _run_npc_rules(demo) -> None:
    run_checks(organ_id=demo.organ.pk, as_of=TODAY, codes=NPC_RULES)


# The build the party-life and duty demo tests read, then the NPC rules once (in a savepoint of their own,
# so those tests read the build without the findings).
ORGAN = DemoSpec(seed=2026, today=TODAY, then=(_run_npc_rules,))


@pytest.fixture
def demo(shared_demo):
    """The session's demo organ as of TODAY (organ, log, accounts) with the NPC findings; each test in a
    savepoint inside it."""
    return shared_demo


def _findings(demo, code: str, severity: str):
    return Finding.objects.filter(organ=demo.organ, rule_code=code, severity=severity)


@pytest.mark.demo_build(ORGAN)
class TestNpcDemo:
    def test_it_prints_what_it_built(self, demo):
        print(demo.log)
        assert "代表建议 149 件（大会期间 120 件）" in demo.log
        assert "会议材料逾期报送 10 项" in demo.log

    def test_the_ledgers_hold_this_year(self, demo):
        organ = demo.organ
        suggestions = Suggestion.objects.filter(organ=organ, year=YEAR)
        assert suggestions.count() == 149
        assert suggestions.filter(session__kind=SessionKind.PLENARY).count() == 120
        assert suggestions.filter(session__kind=SessionKind.INTERIM).count() == 29
        plenary = Session.objects.get(organ=organ, kind=SessionKind.PLENARY, start__year=YEAR)
        assert str(plenary) == "第十六届人民代表大会第五次会议"
        assert dt.date(YEAR, 1, 19) <= plenary.start <= dt.date(YEAR, 2, 6) and (plenary.end - plenary.start).days == 3
        interim = Session.objects.get(organ=organ, kind=SessionKind.INTERIM, start__year=YEAR)
        assert interim.start == plenary.end + dt.timedelta(days=1) and interim.end is None
        assert Deputy.objects.filter(organ=organ).count() == 300
        assert Deputy.objects.filter(organ=organ).values("delegation").distinct().count() == 8
        profiles = HandlingUnitProfile.objects.filter(organ=organ, unit__kind=UnitKind.EXTERNAL)
        assert profiles.count() == 25 and not profiles.filter(leader_name="").exists()
        leads = Assignment.objects.filter(organ=organ, role=HandlingRole.LEAD).values("unit").distinct().count()
        assert leads == 25
        meetings = Counter(NpcMeeting.objects.filter(organ=organ, date__year=YEAR).values_list("kind", flat=True))
        assert meetings == {NpcMeetingKind.STANDING: 6, NpcMeetingKind.CHAIRPERSONS: 29}
        held = NpcMeeting.objects.filter(organ=organ, date__year=YEAR, date__lte=TODAY)
        assert held.filter(kind=NpcMeetingKind.STANDING).count() == 5
        assert MeetingAgendaItem.objects.filter(organ=organ, meeting__date__year=YEAR).count() == 142
        assert MaterialSubmission.objects.filter(organ=organ, agenda_item__meeting__date__year=YEAR).count() == 165
        assert LiaisonStation.objects.filter(organ=organ).count() == 6
        # 5 tours each (NPC-015), 4 group meetings
        assert DeputyActivity.objects.filter(organ=organ, date__year=YEAR).count() == 161
        assert all(s.contact_name and s.deputies.count() >= 12 for s in LiaisonStation.objects.filter(organ=organ))

    def test_the_years_figures(self, demo):
        figures = {f.key: f.value for f in year_figures(organ_id=demo.organ.pk, year=YEAR, as_of=TODAY)}
        assert figures == {
            "reports_reviewed": 15,
            "regulations": 6,
            "resolutions": 5,
            "inspection_opinions": 5,
            "suggestions": 149,
            "suggestions_replied": 139,
            "solved_rate": Decimal("77.7"),
            "satisfaction_rate": Decimal("99.3"),
            "materials_on_time_rate": Decimal("92.6"),
        }

    def test_the_rules_find_the_planted_slips(self, demo):
        found = Counter(
            Finding.objects.filter(organ=demo.organ, rule_code__in=NPC_RULES).values_list("rule_code", "severity")
        )
        assert found == {
            ("NPC-001", "red"): 4,
            ("NPC-001", "yellow"): 1,
            ("NPC-003", "red"): 3,
            ("NPC-004", "red"): 1,
            ("NPC-008", "red"): 10,
            ("NPC-008", "yellow"): 1,
        }
        late = [f.reason for f in _findings(demo, "NPC-001", "red")]
        assert sum("至今未答复" in r for r in late) == 1 and sum("才答复" in r for r in late) == 3
        assert "逾期未答复 第094号" in demo.log and "答复前未联系代表 第054号、第089号、第051号" in demo.log
        yellow = _findings(demo, "NPC-001", "yellow").get()
        assert "闭会第" in yellow.reason  # made between sessions, due within ten working days
        # The late materials come mostly from the units the office complains about.
        units = Counter(_findings(demo, "NPC-008", "red").values_list("responsible_unit__name", flat=True))
        assert set(units) >= set(LATE_SUBMITTERS) and sum(units[name] for name in LATE_SUBMITTERS) == 9

    def test_handling_runs_to_a_realistic_timetable(self, demo):
        organ = demo.organ
        plenary = Session.objects.get(organ=organ, kind=SessionKind.PLENARY, start__year=YEAR)
        suggestions = Suggestion.objects.filter(organ=organ, session=plenary)
        first = Counter(suggestions.values_list("assigned_on", flat=True)).most_common()
        meeting, batch = first[0]
        assert batch == 112 and 15 <= (meeting - plenary.end).days <= 31  # the 交办会, 2–3 weeks on (plus holidays)
        assert {count for _, count in first[1:]} == {8}  # the disputed ones, a week later
        for assignment in Assignment.objects.filter(organ=organ, received_on__isnull=False):
            assert 1 <= workdays.working_days_between(assignment.assigned_on, assignment.received_on) <= 4
        returned = Assignment.objects.filter(organ=organ, suggestion__year=YEAR, returned_on__isnull=False)
        assert Counter(returned.values_list("return_accepted", flat=True)) == {True: 4, False: 1}
        for assignment in returned.filter(return_accepted=True):
            assert assignment.returned_on <= after_days(assignment.received_on, 10)  # NPC-007's period
            again = assignment.suggestion.assignments.get(role=HandlingRole.LEAD, is_active=True)
            assert again.assigned_on > assignment.returned_on
        co_signers = [s.co_signers.count() for s in suggestions]
        assert min(co_signers) >= 1 and max(co_signers) <= 5
        extended = suggestions.filter(extension_approved_on__isnull=False)
        assert extended.count() == 3
        assert set(extended.values_list("extension_approved_by__username", flat=True)) == {"shuji"}
        key = Suggestion.objects.filter(organ=organ, year=YEAR, is_key=True)
        assert key.count() == 10 and not key.filter(supervising_leader__isnull=True).exists()
        assert all(s.supervising_committee.kind == UnitKind.INTERNAL for s in key)
        _, totals = handling_stats(organ_id=organ.pk, year=YEAR, as_of=TODAY)
        assert (totals.replied, totals.on_time) == (139, 136)  # 3 late; the extended ones within six months

    def test_results_and_satisfaction_are_distributed_as_published(self, demo):
        firsts = Reply.objects.filter(organ=demo.organ, suggestion__year=YEAR, is_rereply=False)
        results = Counter(firsts.values_list("result", flat=True))
        assert results == {
            ReplyResult.SOLVED: 62,
            ReplyResult.SOLVING: 42,
            ReplyResult.PLANNED: 21,
            ReplyResult.REFERENCE: 14,
        }
        records = SatisfactionRecord.objects.filter(organ=demo.organ, reply__suggestion__year=YEAR)
        levels = Counter(records.values_list("level", flat=True))
        assert levels[Satisfaction.DISSATISFIED] == 6  # five on first replies, one again after a late re-reply
        assert levels[Satisfaction.SATISFIED] > levels[Satisfaction.BASICALLY] > 30
        rereplies = Reply.objects.filter(organ=demo.organ, suggestion__year=YEAR, is_rereply=True)
        assert rereplies.count() == 5
        assert all(r.replaces.satisfactions.get().level == Satisfaction.DISSATISFIED for r in rereplies)

    def test_rows_are_what_the_services_would_have_written(self, demo):
        """The demo writes in bulk (the services would take half a minute): the rows must still hold every
        invariant the services keep."""
        suggestions = selectors.suggestions_with_handling(organ_id=demo.organ.pk, years=[YEAR - 1, YEAR])
        for s in suggestions:
            s.full_clean()
            assert s.status == _expected_status(s), s.number
            leads = [a for a in s.assignments.all() if a.role == HandlingRole.LEAD and a.is_active]
            assert len(leads) <= 1
            for reply in s.replies.all():
                assert reply.date >= reply.assignment.assigned_on and reply.assignment.role == HandlingRole.LEAD
                assert reply.date <= TODAY
            history = list(s.history.order_by("history_date", "history_id"))
            assert history[0].history_type == "+" and history[0].status == SuggestionStatus.REGISTERED
            assert history[-1].status == s.status and s.created_at == history[0].history_date
            signed = {row.deputy_id for row in history[-1].co_signers.all()}  # the m2m history, as simple_history
            assert signed == {d.pk for d in s.co_signers.all()}
        for model in (Assignment, Contact, Reply, SatisfactionRecord, DeputyActivity, MaterialSubmission):
            for row in model.objects.filter(organ=demo.organ).order_by("id")[::7]:
                row.full_clean()
                assert row.created_at.date() <= TODAY and row.history.exists()

    def test_agenda_items_carry_the_services_deadlines(self, demo):
        items = MeetingAgendaItem.objects.filter(organ=demo.organ).select_related("meeting")
        special = 0
        for item in items:
            params = materials_params(organ_id=demo.organ.pk, on=item.meeting.date)
            expected = material_deadlines(item.meeting.date, item.meeting.kind, item.is_special_report, params)
            assert (item.deadline, item.final_deadline) == expected, item.title
            special += item.is_special_report
            if item.meeting.date < TODAY:
                assert item.outcome, item.title
        assert special >= 6
        for submission in MaterialSubmission.objects.filter(organ=demo.organ, received_at__isnull=False):
            assert submission.received_at >= submission.submitted_at and submission.received_by.unit.name == "办公室"
        rows, totals = materials_stats(organ_id=demo.organ.pk, year=YEAR, as_of=TODAY)
        assert (totals.items, totals.late, totals.missing) == (136, 10, 0)  # 7.4 % late
        assert sum(r.late for r in rows if r.unit_name in LATE_SUBMITTERS) == 9

    def test_the_desks_and_their_logins(self, demo):
        keeper = User.objects.get(username="jianyi")
        office = User.objects.get(username="huiwu")
        assert keeper.person.unit.name == "人事代表选举工作委员会" and office.person.unit.name == "办公室"
        assert permissions.can_write_suggestions(keeper) and permissions.can_write_stations(keeper)
        assert permissions.can_write_materials(office) and not permissions.can_write_suggestions(office)
        assert permissions.can_approve_extension(keeper)
        assert {"npc_suggestions", "npc_materials"} <= set(demo.accounts)
        writers = set(
            Suggestion.history.filter(organ_id=demo.organ.pk).values_list("history_user__username", flat=True)
        )
        assert writers == {"jianyi", "shuji"}

    def test_nothing_is_dated_after_today(self, demo):
        organ = demo.organ
        dated = [
            *Suggestion.objects.filter(organ=organ).values_list("received_on", flat=True),
            *Contact.objects.filter(organ=organ).values_list("date", flat=True),
            *Reply.objects.filter(organ=organ).values_list("date", flat=True),
            *SatisfactionRecord.objects.filter(organ=organ).values_list("recorded_on", flat=True),
            *DeputyActivity.objects.filter(organ=organ).values_list("date", flat=True),
        ]
        assert max(dated) <= TODAY and min(dated) >= dt.date(YEAR - 1, 1, 1)  # last year's ledgers and this year's
        sent = MaterialSubmission.objects.filter(organ=organ).values_list("submitted_at", flat=True)
        assert max(s.date() for s in sent) <= TODAY
        assert all(workdays.is_working_day(d) for d in Reply.objects.filter(organ=organ).values_list("date", flat=True))


def _expected_status(s: Suggestion) -> str:
    """The status the services' moves (choices.STATUS_MOVES) leave after the rows the suggestion has."""
    replies = sorted(s.replies.all(), key=lambda r: (r.date, r.pk))
    if replies:
        latest = replies[-1]
        levels = [f.level for f in latest.satisfactions.all()]
        if not levels:
            return SuggestionStatus.REPLIED
        if levels[0] == Satisfaction.DISSATISFIED and not latest.is_rereply:
            return SuggestionStatus.RE_HANDLING
        return SuggestionStatus.CLOSED
    lead = next((a for a in s.assignments.all() if a.role == HandlingRole.LEAD and a.is_active), None)
    if lead is None:
        return SuggestionStatus.REGISTERED
    contacted = any(c.date >= lead.assigned_on for c in s.contacts.all())
    return SuggestionStatus.HANDLING if lead.received_on or contacted else SuggestionStatus.ASSIGNED
