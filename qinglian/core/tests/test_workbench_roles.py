"""Workbenches by role (issue #14 item 6): each persona's first card is their own work, the cards are tiered, the
secretary and the Party group members never get the office's tasks as theirs, the political-status donut is gone —
and every figure on every card is the count of the list it links to, for the same persona (item 3).

One organ built with factories: the conftest personas, a Party secretary, the two NPC desks (each its own unit and
clerk), a published duty list with an overdue task, findings of every colour and state, 督办单, meetings, study and
talks, suggestions and a coming meeting whose materials are missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve, reverse

from qinglian.compliance.choices import FindingStatus, Severity
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core import clock
from qinglian.duty.choices import AssignmentRole, NoticeStatus, TaskStatus
from qinglian.duty.models import DutyList
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, NoticeFactory
from qinglian.npc.choices import DeskKind, SuggestionStatus
from qinglian.npc.models import MaterialSubmission, ServiceDesk
from qinglian.npc.tests.factories import AgendaItemFactory, NpcMeetingFactory, SuggestionFactory
from qinglian.npc.tests.factories import AssignmentFactory as HandlingFactory
from qinglian.org.choices import LeadingGroupPost, Role
from qinglian.org.models import LeadingGroupMember, PartyGroup, Person, RoleGrant, User
from qinglian.org.tests.factories import BranchFactory, PersonFactory, UnitFactory, UserFactory
from qinglian.partylife.choices import Holder, MeetingKind
from qinglian.partylife.tests.factories import HeartTalkFactory, MeetingFactory, StudyRecordFactory

# --- the organ ------------------------------------------------------------------------------------------------


@dataclass
class Scene:
    users: dict[str, Any]
    today: dt.date


def _account(org, username: str, unit, *roles: str):
    person = PersonFactory(organ=org.organ, unit=unit, name=username)
    return UserFactory(username=username, organ=org.organ, person=person, roles=[Role.CADRE, *roles])


def _duty(org, today: dt.date) -> None:
    duty_list = DutyListFactory(organ=org.organ, year=today.year)
    late = DutyItemFactory(duty_list=duty_list, deadline=today - dt.timedelta(days=30))
    AssignmentFactory(item=late, unit=org.unit_a)  # not started, overdue
    AssignmentFactory(item=late, unit=org.unit_b, role=AssignmentRole.CO, status=TaskStatus.IN_PROGRESS)
    AssignmentFactory(item=DutyItemFactory(duty_list=duty_list), unit=org.unit_b, status=TaskStatus.IN_PROGRESS)
    done = DutyItemFactory(duty_list=duty_list)
    AssignmentFactory(item=done, unit=org.unit_a, status=TaskStatus.COMPLETED, completed_on=today)


def _findings(org, users: dict[str, Any], today: dt.date) -> None:
    a, b = org.unit_a, org.unit_b
    FindingFactory(organ=org.organ, responsible_unit=a, due_date=today - dt.timedelta(days=5))  # red, overdue
    FindingFactory(organ=org.organ, responsible_unit=b, due_date=today + dt.timedelta(days=20))
    FindingFactory(
        organ=org.organ, responsible_unit=a, responsible_person=users["cadre_same_unit"].person, severity="yellow"
    )
    FindingFactory(organ=org.organ, responsible_unit=b, severity=Severity.BLUE)
    FindingFactory(
        organ=org.organ,
        responsible_unit=b,
        status=FindingStatus.WAIVER_REQUESTED,
        waiver_requested_by=users["party_officer"],
    )
    FindingFactory(organ=org.organ, responsible_unit=a, status=FindingStatus.WAIVED)
    # A closed red finding: listed by "?severity=red" alone, not by the card's open count.
    FindingFactory(organ=org.organ, responsible_unit=a, status=FindingStatus.CLOSED)


def _notices(org, users: dict[str, Any], today: dt.date) -> None:
    by = users["party_officer"]
    NoticeFactory(organ=org.organ, unit=org.unit_a, issued_by=by, reply_due=today - dt.timedelta(days=7))
    NoticeFactory(organ=org.organ, unit=org.unit_b, issued_by=by)
    NoticeFactory(organ=org.organ, unit=org.unit_a, issued_by=by, status=NoticeStatus.REPLIED, replied_on=today)


def _partylife(org, users: dict[str, Any], today: dt.date) -> None:
    branch_a = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch_b = BranchFactory(organ=org.organ, name="机关第二党支部")
    branch_a.units.add(org.unit_a)
    branch_b.units.add(org.unit_b)
    Person.objects.filter(unit=org.unit_a).update(branch=branch_a)
    Person.objects.filter(unit=org.unit_b).update(branch=branch_b)
    group = PartyGroup.objects.create(organ=org.organ, branch=branch_a, name="第一党小组")
    MeetingFactory(branch=branch_a, date=today)
    MeetingFactory(branch=branch_a, kind=MeetingKind.BRANCH_GENERAL_MEETING, date=today)
    MeetingFactory(
        branch=None, organ=org.organ, party_group=group, holder=Holder.PARTY_GROUP,
        kind=MeetingKind.PARTY_GROUP_MEETING, date=today,
    )  # fmt: skip
    MeetingFactory(branch=branch_b, date=today)
    cadre = users["cadre_same_unit"].person
    StudyRecordFactory(person=cadre, hours=Decimal("6.5"), date=today)
    StudyRecordFactory(person=cadre, hours=Decimal("4"), date=today)
    HeartTalkFactory(initiator=users["unit_head"].person, counterpart=cadre, date=today)


def _npc(org, users: dict[str, Any], today: dt.date) -> None:
    ServiceDesk.objects.create(organ=org.organ, kind=DeskKind.SUGGESTIONS, unit=users["jianyi"].person.unit)
    ServiceDesk.objects.create(organ=org.organ, kind=DeskKind.MATERIALS, unit=users["huiwu"].person.unit)
    late = SuggestionFactory(organ=org.organ, year=today.year, status=SuggestionStatus.HANDLING)
    HandlingFactory(suggestion=late, assigned_on=today - dt.timedelta(days=200))  # unreplied past 3 months
    soon = SuggestionFactory(organ=org.organ, year=today.year, status=SuggestionStatus.HANDLING)
    HandlingFactory(suggestion=soon, assigned_on=today - dt.timedelta(days=85))
    SuggestionFactory(organ=org.organ, year=today.year, status=SuggestionStatus.REGISTERED)
    meeting = NpcMeetingFactory(organ=org.organ, date=today + dt.timedelta(days=40))
    AgendaItemFactory(meeting=meeting, deadline=today - dt.timedelta(days=2))  # missing
    AgendaItemFactory(meeting=meeting, deadline=today + dt.timedelta(days=10))  # to come
    sent = AgendaItemFactory(meeting=meeting, deadline=today + dt.timedelta(days=5))
    MaterialSubmission.objects.create(
        organ=org.organ, agenda_item=sent, version=1, submitted_at=clock.now(), is_final=True
    )
    NpcMeetingFactory(organ=org.organ, date=today - dt.timedelta(days=40))  # held: past help


def _frugality(org, users: dict[str, Any], today: dt.date) -> None:
    """A gap of each kind the finance officer's card counts, and a 八项规定 finding of unit A for its head."""
    from qinglian.frugality.tests.factories import (
        AbroadTripFactory,
        ConferenceFactory,
        ReceptionFactory,
        TrainingCourseFactory,
        TripFactory,
    )

    day = today - dt.timedelta(days=40)
    ReceptionFactory(unit=org.unit_a, start_on=day, end_on=day, invoice_on=None)
    ReceptionFactory(unit=org.unit_b, start_on=day, end_on=day)
    TripFactory(traveller=users["cadre_same_unit"].person, start_on=day, end_on=day, approved_on=None)
    ConferenceFactory(unit=org.unit_a, start_on=day, end_on=day)  # no plan item, no ad-hoc approval
    TrainingCourseFactory(unit=org.unit_b, start_on=day, end_on=day, days=Decimal(1))
    back = today - dt.timedelta(days=90)
    AbroadTripFactory(leader=users["leader"].person, depart_on=back - dt.timedelta(days=5), return_on=back)
    FindingFactory(organ=org.organ, rule_code="FRG-003", responsible_unit=org.unit_a, severity=Severity.RED)


@pytest.fixture
def scene(
    org,
    party_officer,
    unit_head,
    cadre_same_unit,
    cadre_other_unit,
    leader,
    supervisor,
    sysadmin,
    auditadmin,
    finance_officer,
):
    today = clock.today()
    users = {
        "party_officer": party_officer,
        "unit_head": unit_head,
        "cadre_same_unit": cadre_same_unit,
        "cadre_other_unit": cadre_other_unit,
        "leader": leader,
        "supervisor": supervisor,
        "sysadmin": sysadmin,
        "auditadmin": auditadmin,
        "secretary": _account(org, "secretary", org.unit_a, Role.LEADER),
        "jianyi": _account(org, "jianyi", UnitFactory(organ=org.organ, name="人事代表选举工作委员会", order=3)),
        "huiwu": _account(org, "huiwu", UnitFactory(organ=org.organ, name="会务处", order=4)),
        "finance_officer": finance_officer,
    }
    start = dt.date(2023, 1, 1)
    LeadingGroupMember.objects.create(
        organ=org.organ, person=users["secretary"].person, post=LeadingGroupPost.SECRETARY, start=start, order=1
    )
    LeadingGroupMember.objects.create(
        organ=org.organ, person=leader.person, post=LeadingGroupPost.MEMBER, start=start, order=2
    )
    _duty(org, today)
    _findings(org, users, today)
    _notices(org, users, today)
    _partylife(org, users, today)
    _npc(org, users, today)
    _frugality(org, users, today)
    return Scene(users, today)


# --- reading a workbench ----------------------------------------------------------------------------------------


@dataclass
class Figure:
    card: str  # the data-testid of the card it is on
    name: str
    count: str
    href: str


class _Workbench(HTMLParser):
    """The cards in page order (their tier and data-testid) and every figure link on them."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[tuple[str, str]] = []  # (tier, testid)
        self.figures: list[Figure] = []
        self._tier: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("data-tier"):
            self._tier = a["data-tier"]
            self.cards.append((self._tier, ""))
        elif self._tier and a.get("data-testid", "").startswith("widget-") and not self.cards[-1][1]:
            self.cards[-1] = (self._tier, a["data-testid"])
        if tag == "a" and a.get("data-figure"):
            self.figures.append(Figure(self.cards[-1][1], a["data-figure"], a["data-count"], a["href"]))


def workbench(user) -> _Workbench:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("workbench"))
    assert response.status_code == 200
    page = _Workbench()
    page.feed(response.content.decode())
    return page


def _page_count(response) -> int:
    return response.context["page_obj"].paginator.count


_OPEN_KEYS = {TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, "overdue"}

# (url name, figure or None for any) → how the page it links to counts the same thing.
COUNTS = {
    ("person_list", None): _page_count,
    ("unit_list", None): lambda r: len(r.context["units"]),
    ("branch_list", None): lambda r: len(r.context["branches"]),
    ("finding_list", None): _page_count,
    ("duty_notices", None): _page_count,
    ("duty_index", None): lambda r: r.context["overall"].total,
    ("duty_unit_board", "open-tasks"): lambda r: sum(len(g.tasks) for g in r.context["groups"] if g.key in _OPEN_KEYS),
    ("duty_unit_board", "overdue-tasks"): lambda r: r.context["completion"].overdue,
    ("duty_card", "card-overdue"): lambda r: r.context["card"].completion.overdue,
    ("todo", "approvals"): lambda r: len(r.context["approvals"]),
    ("notify_inbox", None): _page_count,
    ("meeting_list", None): _page_count,
    ("person_participation", "hours"): lambda r: r.context["hours"],
    ("person_participation", "talks"): lambda r: len(r.context["talks"]),
    ("npc_suggestions", None): _page_count,
    ("npc_meeting", "missing"): lambda r: sum(1 for c in r.context["cards"] if c.label == "未报送"),
    ("npc_meeting", "pending"): lambda r: sum(1 for c in r.context["cards"] if c.label == "未到期"),
    ("integrity_talks_expected", None): lambda r: len(r.context["rows"]),
    ("frugality_reception_list", None): _page_count,
    ("frugality_trip_list", None): _page_count,
    ("frugality_conference_list", None): _page_count,
    ("frugality_training_list", None): _page_count,
    ("frugality_abroad_list", None): _page_count,
    ("ideology_figures_list", None): lambda r: len(r.context["lines"]),
}


def listed(user, figure: Figure) -> Any:
    """What the page a figure links to counts, opened by the same person."""
    client = Client()
    client.force_login(user)
    response = client.get(figure.href)
    assert response.status_code == 200, figure
    name = resolve(figure.href.split("?")[0]).url_name
    count = COUNTS.get((name, figure.name)) or COUNTS.get((name, None))
    assert count is not None, f"no way to count {name} for {figure}"
    return count(response)


# --- the first card is the person's work ------------------------------------------------------------------------

FIRST = {
    "secretary": "widget-duty-leader",
    "leader": "widget-duty-leader",  # a waiver waits for the member's approval
    "party_officer": "widget-duty-organ",
    "unit_head": "widget-duty-notices",
    "cadre_same_unit": "widget-warnings",
    "cadre_other_unit": "widget-warnings",
    "supervisor": "widget-duty-supervisor",
    "jianyi": "widget-npc-suggestions",
    "huiwu": "widget-npc-materials",
    "finance_officer": "widget-frugality-missing",
    "sysadmin": "widget-accounts",
    "auditadmin": "widget-audit-log",
}


@pytest.mark.parametrize("persona", sorted(FIRST))
def test_the_first_card_is_the_persons_own_work_and_spans_the_page(scene, persona):
    page = workbench(scene.users[persona])
    assert page.cards[0] == ("action", FIRST[persona])
    tiers = [tier for tier, _ in page.cards]
    assert tiers == sorted(tiers, key=["action", "follow", "background"].index), "cards not ordered by tier"


def test_a_desk_holder_who_also_heads_the_unit_opens_on_the_desk(scene):
    """The demo's 建议办理岗 is its committee's head too: the desk's suggestions come before the unit's tasks."""
    user = scene.users["jianyi"]
    RoleGrant.objects.create(organ=user.organ, user=user, role=Role.UNIT_HEAD, unit=user.person.unit)
    duty_list = DutyList.objects.get(organ=user.organ)
    AssignmentFactory(item=DutyItemFactory(duty_list=duty_list), unit=user.person.unit, status=TaskStatus.IN_PROGRESS)
    cards = [testid for _, testid in workbench(User.objects.get(pk=user.pk)).cards]
    assert cards[0] == "widget-npc-suggestions" and "widget-duty-unit" in cards


def test_the_first_card_is_full_width_and_background_cards_are_smaller(client, scene):
    client.force_login(scene.users["cadre_same_unit"])
    html = client.get(reverse("workbench")).content.decode()
    assert html.index('class="col-12 wb-action" data-tier="action"') < html.index('data-tier="follow"')
    assert 'class="col-12 col-md-6 col-xl-4 wb-background" data-tier="background"' in html


def test_a_cadres_to_dos_come_before_the_profile_in_the_page_order(scene):
    """On a phone the page is one column in DOM order: the to-dos first, the profile (我的信息) last."""
    cards = [testid for _, testid in workbench(scene.users["cadre_same_unit"]).cards]
    assert cards.index("widget-warnings") < cards.index("widget-partylife-study") < cards.index("widget-me")
    assert cards[-1] == "widget-me"


def test_a_party_group_member_without_a_waiting_waiver_starts_with_the_supervised_units(scene):
    from qinglian.compliance.models import Finding

    Finding.objects.filter(status=FindingStatus.WAIVER_REQUESTED).update(status=FindingStatus.OPEN)
    assert workbench(scene.users["leader"]).cards[0] == ("action", "widget-duty-supervised")


@pytest.mark.parametrize("persona", ["secretary", "leader", "supervisor"])
def test_the_leaders_and_the_stationed_group_do_not_get_the_offices_tasks_as_theirs(scene, persona):
    cards = [testid for _, testid in workbench(scene.users[persona]).cards]
    assert "widget-duty-unit" not in cards


def test_the_secretary_sees_the_organ_and_a_member_their_supervised_units(scene):
    secretary = [t for _, t in workbench(scene.users["secretary"]).cards]
    member = [t for _, t in workbench(scene.users["leader"]).cards]
    assert {"widget-duty-leader", "widget-duty-organ"} <= set(secretary)
    assert "widget-duty-organ" not in member and "widget-duty-supervised" in member


def test_the_secretary_sees_the_organs_awaiting_notices_a_member_only_the_waivers(scene):
    secretary = {f.name for f in workbench(scene.users["secretary"]).figures if f.card == "widget-duty-leader"}
    member = {f.name for f in workbench(scene.users["leader"]).figures if f.card == "widget-duty-leader"}
    assert secretary == {"approvals", "notices-awaiting", "notices-overdue"}
    assert member == {"approvals"}


def test_the_political_status_donut_is_gone_and_the_only_chart_is_the_units_progress(client, scene):
    client.force_login(scene.users["party_officer"])
    html = client.get(reverse("workbench")).content.decode()
    organ = html[html.index('data-testid="widget-organ"') :]
    assert "data-chart" not in organ[: organ.index("</div></div>")]
    assert html.count("data-chart=") == 1 and 'aria-label="各委室主体责任任务完成率"' in html
    assert "echarts.min.js" in html


def test_the_charts_script_is_left_out_where_no_card_draws_a_chart(client, scene):
    client.force_login(scene.users["cadre_same_unit"])
    assert "echarts.min.js" not in client.get(reverse("workbench")).content.decode()


def test_a_cadres_study_card_takes_its_yearly_hours_from_the_training_hours_rule(scene):
    """32学时 is PL-011's parameter: an organ-level set in force changes the card, a literal would not."""
    from qinglian.compliance.models import RuleParameterSet

    def target() -> str:
        client = Client()
        client.force_login(scene.users["cadre_same_unit"])
        return client.get(reverse("workbench")).context["cards"]

    card = next(c for c in target() if c.template == "partylife/widgets/study.html")
    assert card.context["study"].target == Decimal("32") and card.context["study"].hours == Decimal("10.5")
    RuleParameterSet.objects.create(
        rule_code="PL-011",
        jurisdiction="organ",
        organ=scene.users["cadre_same_unit"].person.organ,
        effective_from=scene.today - dt.timedelta(days=300),
        values={"min_hours": 40, "warn_working_days": 20, "look_back": 2},
        source="本机关学习制度",
    )
    card = next(c for c in target() if c.template == "partylife/widgets/study.html")
    assert card.context["study"].target == Decimal("40")


# --- every figure is its list's count, for the same persona ---------------------------------------------------

# The figures each persona must find (a card that vanished would otherwise pass unnoticed).
EXPECTED = {
    "secretary": {
        ("widget-duty-leader", "approvals"),
        ("widget-duty-leader", "notices-awaiting"),
        ("widget-duty-leader", "notices-overdue"),
        ("widget-duty-organ", "tasks"),
        ("widget-duty-organ", "overdue-tasks"),
        ("widget-duty-organ", "findings-red"),
        ("widget-warnings", "findings-red"),
        ("widget-organ", "people"),
        ("widget-organ", "units"),
        ("widget-organ", "branches"),
        ("widget-partylife-quarter", "meetings"),
    },
    "leader": {
        ("widget-duty-leader", "approvals"),
        ("widget-duty-supervised", "card-overdue"),
        ("widget-duty-supervised", "findings"),
        ("widget-duty-supervised", "notices-awaiting"),
    },
    "party_officer": {("widget-duty-organ", "overdue-tasks"), ("widget-duty-unit", "open-tasks")},
    "unit_head": {
        ("widget-frugality-unit", "frg-findings"),
        ("widget-duty-notices", "notices-awaiting"),
        ("widget-duty-unit", "open-tasks"),
        ("widget-duty-unit", "overdue-tasks"),
        ("widget-own-units", "people"),
        ("widget-own-units", "party-members"),
        ("widget-warnings", "findings-red"),
    },
    "cadre_same_unit": {
        ("widget-warnings", "findings-yellow"),
        ("widget-partylife-study", "hours"),
        ("widget-partylife-study", "talks"),
        ("widget-partylife-quarter", "meetings"),
        ("widget-own-units", "people"),
    },
    "supervisor": {
        ("widget-duty-supervisor", "red-overdue"),
        ("widget-duty-supervisor", "notices-overdue"),
        ("widget-duty-supervisor", "waived"),
        ("widget-duty-organ", "findings-red"),
    },
    "jianyi": {
        ("widget-npc-suggestions", "overdue"),
        ("widget-npc-suggestions", "due-soon"),
        ("widget-npc-suggestions", "stage-handling"),
        ("widget-npc-suggestions", "stage-registered"),
    },
    "huiwu": {("widget-npc-materials", "missing"), ("widget-npc-materials", "pending")},
    "finance_officer": {
        ("widget-frugality-missing", "reception-missing"),
        ("widget-frugality-missing", "travel-missing"),
        ("widget-frugality-missing", "conference-missing"),
        ("widget-frugality-missing", "training-missing"),
        ("widget-frugality-missing", "abroad-missing"),
    },
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_every_figure_on_every_card_is_the_count_of_the_list_it_links_to(scene, persona):
    user = scene.users[persona]
    figures = workbench(user).figures
    assert EXPECTED[persona] <= {(f.card, f.name) for f in figures}
    wrong = []
    for figure in figures:
        count = listed(user, figure)
        shown = Decimal(figure.count) if isinstance(count, Decimal) else int(figure.count)
        if shown != count:
            wrong.append(f"{figure.card} {figure.name}: card {figure.count}, list {count} ({figure.href})")
    assert wrong == []


def test_the_figures_are_not_all_zero(scene):
    """The agreement test above would pass on an empty organ: the scene puts something behind each figure."""
    counts = {(f.card, f.name): f.count for f in workbench(scene.users["secretary"]).figures}
    assert counts[("widget-duty-leader", "approvals")] == "1"
    assert counts[("widget-duty-leader", "notices-overdue")] == "1"
    assert counts[("widget-duty-organ", "overdue-tasks")] == "1"
    materials = {f.name: f.count for f in workbench(scene.users["huiwu"]).figures}
    assert (materials["missing"], materials["pending"]) == ("1", "1")
    suggestions = {f.name: f.count for f in workbench(scene.users["jianyi"]).figures}
    assert (suggestions["overdue"], suggestions["due-soon"], suggestions["stage-handling"]) == ("1", "1", "2")


# --- on a phone ----------------------------------------------------------------------------------------------

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("persona", "first"), [("secretary", "widget-duty-leader"), ("cadre_same_unit", "widget-warnings")]
)
def test_on_a_375px_phone_the_to_dos_come_first_and_nothing_overflows(
    transactional_db, live_server, browser, scene, persona, first
):
    from qinglian.core.testing import phone_page

    context, page = phone_page(browser, live_server, scene.users[persona].username)
    assert page.evaluate(OVERFLOW) <= 1
    cards = page.locator("[data-tier] > .card")
    assert cards.first.get_attribute("data-testid") == first
    top = cards.first.bounding_box()
    assert top is not None and top["y"] < page.viewport_size["height"]  # on the first screen
    assert cards.first.bounding_box()["y"] < page.locator("[data-testid=widget-me]").bounding_box()["y"]
    context.close()
