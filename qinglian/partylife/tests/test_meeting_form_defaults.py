"""Registering a meeting: who is ticked as due to attend follows the kind (支委会 the committee, 党小组会 the group,
党员大会 the branch, 党组会议 the leading group), 第一议题 starts empty, and a blank host or recorder is warned about
but not refused (no regulation makes them a condition of the record)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from qinglian.core.testing import phone_page
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, LeadingGroupMember, PartyGroup, Person
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.forms.meetings import AttendanceRow, due_key, is_due_by_default
from qinglian.partylife.models import AgendaItem, Meeting


@dataclass
class Branch:
    branch: object
    group: object
    secretary: object  # the account of the branch secretary (cadre_same_unit)
    committee: set[int]  # person ids on the committee
    grouped: set[int]  # person ids in the party group
    everyone: set[int]  # person ids of all the branch's members


@pytest.fixture
def branch(org, party_officer, unit_head, cadre_same_unit) -> Branch:
    """机关第一党支部: 7 members; the committee is the secretary and one 委员; a party group of three."""
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    group = PartyGroup.objects.create(organ=org.organ, branch=branch, name="第一党小组")
    Person.objects.filter(pk__in=[party_officer.person_id, unit_head.person_id, cadre_same_unit.person_id]).update(
        branch=branch
    )
    extra = [PersonFactory(organ=org.organ, unit=org.unit_a, name=f"党员{n}", branch=branch) for n in range(4)]
    Person.objects.filter(pk__in=[extra[0].pk, extra[1].pk, unit_head.person_id]).update(party_group=group)
    for person, post in ((cadre_same_unit.person, BranchPost.SECRETARY), (extra[2], BranchPost.ORGANIZATION)):
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=person, post=post, start=dt.date(2024, 3, 1)
        )
    # A former committee member: their term is over, so they are not due at today's 支委会.
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=branch,
        person=extra[3],
        post=BranchPost.PROPAGANDA,
        start=dt.date(2021, 3, 1),
        end=dt.date(2024, 2, 29),
    )
    return Branch(
        branch=branch,
        group=group,
        secretary=cadre_same_unit,
        committee={cadre_same_unit.person_id, extra[2].pk},
        grouped={extra[0].pk, extra[1].pk, unit_head.person_id},
        everyone=set(Person.objects.filter(branch=branch).values_list("pk", flat=True)),
    )


def _ticked(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="att_(\d+)" checked', html)}


def _basis(html: str) -> str:
    return re.search(r'name="att_basis" id="att-basis" value="([^"]*)"', html).group(1)


def _post(branch: Branch, *, ticked: set[int], **extra) -> dict:
    return {
        "kind": MeetingKind.BRANCH_COMMITTEE_MEETING,
        "holder": "branch",
        "branch": branch.branch.pk,
        "date": timezone.localdate().isoformat(),
        "topic": "研究发展党员工作",
        "hours": "1",
        "agenda_text": "学习习近平总书记重要讲话精神\n研究发展党员工作",
        "host": branch.secretary.person_id,
        "recorder": branch.secretary.person_id,
        "att_person": sorted(ticked),
        **extra,
    }


# --- who is ticked on a new form --------------------------------------------------------------------------


def test_a_new_branch_committee_meeting_ticks_the_committee_not_every_member(client, branch):
    client.force_login(branch.secretary)
    html = client.get(reverse("meeting_create")).content.decode()
    assert _ticked(html) == branch.committee
    assert len(branch.everyone) == 7  # all of them are listed, only the committee is due
    assert all(f'id="att_{pk}"' in html for pk in branch.everyone)
    assert _basis(html) == f"committee:{branch.branch.pk}"


def test_a_new_general_meeting_ticks_every_member_of_the_branch(client, branch):
    client.force_login(branch.secretary)
    html = client.get(reverse("meeting_create"), {"kind": MeetingKind.BRANCH_GENERAL_MEETING}).content.decode()
    assert _ticked(html) == branch.everyone


def test_a_new_party_group_meeting_ticks_nobody_until_the_group_is_chosen(client, branch):
    client.force_login(branch.secretary)
    html = client.get(reverse("meeting_create"), {"kind": MeetingKind.PARTY_GROUP_MEETING}).content.decode()
    assert _ticked(html) == set() and _basis(html) == "group:"


def test_a_new_leading_group_meeting_ticks_the_leading_group(client, org, branch, party_officer, leader):
    LeadingGroupMember.objects.create(
        organ=org.organ, person=leader.person, post="secretary", start=dt.date(2024, 1, 1)
    )
    client.force_login(party_officer)
    html = client.get(reverse("meeting_create"), {"kind": MeetingKind.LEADING_GROUP_MEETING}).content.decode()
    assert _ticked(html) == {leader.person_id}
    assert _basis(html) == "leading"


# --- changing the kind without the page's script ---------------------------------------------------------


def test_a_kind_changed_without_script_is_reticked_for_the_new_kind_and_not_saved(client, branch):
    """No JavaScript: the ticks posted are the 支委会's; the server ticks the group's members and asks to check."""
    client.force_login(branch.secretary)
    data = _post(
        branch,
        ticked=branch.committee,
        kind=MeetingKind.PARTY_GROUP_MEETING,
        party_group=branch.group.pk,
        att_basis=f"committee:{branch.branch.pk}",
    )
    response = client.post(reverse("meeting_create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "已按新的类型重新勾选应到人员" in html
    assert _ticked(html) == branch.grouped and _basis(html) == f"group:{branch.group.pk}"
    # Sent again as shown, it is saved with the group's members.
    response = client.post(
        reverse("meeting_create"), {**data, "att_person": sorted(branch.grouped), "att_basis": _basis(html)}
    )
    assert response.status_code == 302
    assert set(Meeting.objects.get().attendance.values_list("person_id", flat=True)) == branch.grouped


def test_ticks_set_by_hand_for_the_same_kind_are_saved_as_ticked(client, branch):
    client.force_login(branch.secretary)
    chosen = branch.committee | {branch.secretary.person_id}
    data = _post(branch, ticked=chosen, att_basis=f"committee:{branch.branch.pk}")
    assert client.post(reverse("meeting_create"), data).status_code == 302
    assert set(Meeting.objects.get().attendance.values_list("person_id", flat=True)) == chosen


# --- 第一议题 and the host/recorder warning --------------------------------------------------------------


def test_first_topic_is_empty_on_a_new_form_and_nothing_is_marked_when_left_empty(client, branch):
    client.force_login(branch.secretary)
    html = client.get(reverse("meeting_create")).content.decode()
    field = re.search(r"<input[^>]*name=\"first_topic\"[^>]*>", html).group(0)
    assert "value=" not in field
    assert client.post(reverse("meeting_create"), _post(branch, ticked=branch.committee)).status_code == 302
    assert not AgendaItem.objects.filter(is_first_topic=True).exists()


def test_a_blank_host_and_recorder_are_warned_about_but_the_meeting_is_saved(client, branch):
    client.force_login(branch.secretary)
    response = client.post(
        reverse("meeting_create"), _post(branch, ticked=branch.committee, host="", recorder=""), follow=True
    )
    assert Meeting.objects.get().host is None
    assert "未填写主持人、记录人" in response.content.decode()


def test_the_warning_shows_again_when_the_form_comes_back_with_an_error(client, branch):
    client.force_login(branch.secretary)
    data = _post(branch, ticked=branch.committee, recorder="", agenda_text="")
    html = client.post(reverse("meeting_create"), data).content.decode()
    assert not Meeting.objects.exists()
    assert "未填写记录人" in html and "未填写主持人" not in html


def test_no_warning_when_host_and_recorder_are_filled(client, branch):
    client.force_login(branch.secretary)
    response = client.post(reverse("meeting_create"), _post(branch, ticked=branch.committee), follow=True)
    assert "未填写主持人" not in response.content.decode() and "未填写记录人" not in response.content.decode()


# --- the rule itself, on plain rows ---------------------------------------------------------------------


def _row(**kwargs) -> AttendanceRow:
    return AttendanceRow(person=Person(pk=1), **{"branch_id": 5, "group_id": None, **kwargs})


@pytest.mark.parametrize(
    ("kind", "holder", "expected"),
    [
        (MeetingKind.BRANCH_COMMITTEE_MEETING, "branch", "committee:5"),
        (MeetingKind.BRANCH_GENERAL_MEETING, "branch", "branch:5"),
        (MeetingKind.PARTY_LECTURE, "party_group", "group:9"),
        (MeetingKind.PARTY_GROUP_MEETING, "branch", "group:9"),  # 党小组会 is always a group's
        (MeetingKind.LEADING_GROUP_MEETING, "branch", "leading"),  # 党组会议 is always the leading group's
        (MeetingKind.BRANCH_GENERAL_MEETING, "leading_group", "branch:5"),  # a branch kind never the leading group's
    ],
)
def test_the_due_key_follows_the_kind_and_holder(kind, holder, expected):
    assert due_key(kind=kind, holder=holder, branch_id=5, group_id=9) == expected


def test_who_is_due_by_key():
    member, seated, grouped, leading = (
        _row(),
        _row(committees=frozenset({5})),
        _row(group_id=9),
        _row(branch_id=None, leading=True),
    )
    assert [is_due_by_default(r, "committee:5") for r in (member, seated, grouped, leading)] == [0, 1, 0, 0]
    assert [is_due_by_default(r, "branch:5") for r in (member, seated, grouped, leading)] == [1, 1, 1, 0]
    assert [is_due_by_default(r, "group:9") for r in (member, seated, grouped, leading)] == [0, 0, 1, 0]
    assert [is_due_by_default(r, "leading") for r in (member, seated, grouped, leading)] == [0, 0, 0, 1]
    assert not any(is_due_by_default(r, "group:") for r in (member, seated, grouped, leading))


# --- in the browser: the ticks follow the kind --------------------------------------------------------------


@pytest.mark.browser
def test_changing_the_kind_in_the_browser_reticks_who_is_due(transactional_db, live_server, browser, branch):
    context, page = phone_page(browser, live_server, "cadre_same_unit")
    page.goto(f"{live_server.url}{reverse('meeting_create')}")

    def ticked() -> set[int]:
        boxes = page.query_selector_all(".att-row:not(.d-none) input[name=att_person]")
        return {int(box.get_attribute("value")) for box in boxes if box.is_checked()}

    assert ticked() == branch.committee
    page.select_option("#id_kind", MeetingKind.BRANCH_GENERAL_MEETING)
    assert ticked() == branch.everyone
    page.select_option("#id_kind", MeetingKind.PARTY_GROUP_MEETING)
    page.select_option("#id_party_group", str(branch.group.pk))
    assert ticked() == branch.grouped
    assert page.input_value("#att-basis") == f"group:{branch.group.pk}"
    page.fill("#id_topic", "学习党章")
    page.fill("#id_agenda_text", "学习党章")
    page.click("[data-testid=meeting-form] button[type=submit]")
    page.wait_for_selector("[data-testid=agenda]")
    assert set(Meeting.objects.get().attendance.values_list("person_id", flat=True)) == branch.grouped
    context.close()
