"""The workbench's 三会一课 card (issue #14 item 3): 党小组会 are due from every party group, so a branch of three
groups in the third month of a quarter owes 9, not 3; another group's extra meetings make up for no one; quotas come
from the rules' parameters; each cell's figure is the number of meetings its link lists."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

import qinglian.partylife.nav  # noqa: F401  (registers the card until apps.ready does)
from qinglian.compliance.models import RuleParameterSet
from qinglian.core import clock
from qinglian.org.models import PartyGroup, Person
from qinglian.org.tests.factories import BranchFactory
from qinglian.partylife.choices import Holder, MeetingKind
from qinglian.partylife.selectors.workbench import quarter_lights
from qinglian.partylife.tests.factories import MeetingFactory

DAY = dt.date(2026, 12, 7)  # the third month of the fourth quarter: three monthly meetings due per group


def _at(day: dt.date):
    return clock.replaying(timezone.make_aware(dt.datetime.combine(day, dt.time(10))))


@pytest.fixture
def branch(org, party_officer, cadre_same_unit):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    Person.objects.filter(unit=org.unit_a).update(branch=branch)
    return branch


def _groups(branch, n: int) -> list[PartyGroup]:
    return [PartyGroup.objects.create(organ=branch.organ, branch=branch, name=f"第{i + 1}党小组") for i in range(n)]


def _group_meetings(group: PartyGroup, n: int) -> None:
    for month in range(n):
        MeetingFactory(
            branch=None,
            organ=group.organ,
            party_group=group,
            holder=Holder.PARTY_GROUP,
            kind=MeetingKind.PARTY_GROUP_MEETING,
            date=dt.date(2026, 10 + month % 3, 5),
        )


def _cell(user, branch, kind=MeetingKind.PARTY_GROUP_MEETING):
    lights = quarter_lights(user=user, organ_id=branch.organ_id, branches=[branch], today=DAY)
    return next(c for c in lights.rows[0].cells if c.requirement.kind == kind)


def test_party_group_meetings_are_due_from_every_group_of_the_branch(branch, party_officer):
    """The bug: six meetings of a branch's three groups read "6/3" green; nine are due, six held."""
    for group in _groups(branch, 3):
        _group_meetings(group, 2)
    with _at(DAY):
        cell = _cell(party_officer, branch)
    assert (cell.held, cell.due) == (6, 9)
    assert cell.light == "yellow"  # every group one behind
    assert [(g.held, g.due) for g in cell.groups] == [(2, 3), (2, 3), (2, 3)]


def test_one_groups_extra_meetings_do_not_make_up_for_another_group(branch, party_officer):
    first, second, third = _groups(branch, 3)
    _group_meetings(first, 9)
    with _at(DAY):
        cell = _cell(party_officer, branch)
    assert (cell.held, cell.due) == (9, 9)
    assert cell.light == "red"
    assert [g.name for g in cell.behind] == [second.name, third.name]


def test_a_branch_whose_groups_are_all_on_track_is_green(branch, party_officer):
    for group in _groups(branch, 2):
        _group_meetings(group, 3)
    with _at(DAY):
        cell = _cell(party_officer, branch)
    assert (cell.held, cell.due, cell.light) == (6, 6, "green")


def test_a_branch_without_party_groups_has_no_party_group_quota(branch, party_officer):
    with _at(DAY):
        cell = _cell(party_officer, branch)
    assert (cell.due, cell.light) == (None, None)


def test_the_quota_is_the_rules_parameter_in_force(branch, party_officer):
    """PL-003's `min_count`, not a literal: an organ-level set of two a month doubles what is due."""
    _groups(branch, 2)
    RuleParameterSet.objects.create(
        rule_code="PL-003",
        jurisdiction="organ",
        organ=branch.organ,
        effective_from=dt.date(2026, 1, 1),
        values={"min_count": 2, "warn_working_days": 5, "look_back": 12},
        source="本机关组织生活制度",
    )
    with _at(DAY):
        assert _cell(party_officer, branch).due == 2 * 3 * 2
        assert _cell(party_officer, branch, MeetingKind.BRANCH_GENERAL_MEETING).due == 1


def test_each_cells_figure_is_the_number_of_meetings_its_link_lists(client, branch, party_officer):
    for group in _groups(branch, 3):
        _group_meetings(group, 2)
    MeetingFactory(branch=branch, kind=MeetingKind.BRANCH_COMMITTEE_MEETING, date=dt.date(2026, 11, 3))
    MeetingFactory(branch=branch, kind=MeetingKind.BRANCH_COMMITTEE_MEETING, date=dt.date(2026, 6, 3))  # Q2
    client.force_login(party_officer)
    with _at(DAY):
        html = client.get(reverse("workbench")).content.decode()
        card = html[html.index('data-testid="widget-partylife-quarter"') :]
        links = re.findall(r'href="([^"]+)" data-figure="meetings" data-count="(\d+)">(\d+)/(\d+|—)', card)
        assert len(links) == 5
        for href, count, shown, _ in links:
            listed = client.get(href.replace("&amp;", "&")).context["page_obj"].paginator.count
            assert int(count) == int(shown) == listed, href
    assert ">6/9</a>" in card and ">1/3</a>" in card
