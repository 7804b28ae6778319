"""谈心谈话 are confidential in every page: list, search, export, detail, participation and coverage.

Only the two people, the party-affairs officer and the stationed supervisor see a talk; leaders and unit
heads do not. Every opening of a talk is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.tests.factories import BranchFactory, PersonFactory, UserFactory
from qinglian.partylife.models import HeartTalk

TOPIC = "谈思想谈作风-机密主题"
SEE = ("party_officer", "supervisor", "cadre_same_unit")
BLIND = ("leader", "unit_head", "cadre_other_unit", "sysadmin", "auditadmin")


@pytest.fixture
def branch(org):
    return BranchFactory(organ=org.organ, name="机关第一党支部")


@pytest.fixture
def secretary(org, branch):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记甲")
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=person, post="secretary", start=dt.date(2020, 1, 1)
    )
    return person


@pytest.fixture
def talk(org, branch, secretary, cadre_same_unit):
    cadre_same_unit.person.branch = branch
    cadre_same_unit.person.save()
    return HeartTalk.objects.create(
        organ=org.organ,
        initiator=secretary,
        initiator_role="secretary",
        counterpart=cadre_same_unit.person,
        counterpart_role="member",
        branch=branch,
        date=timezone.localdate(),
        topic=TOPIC,
        summary="要点",
    )


def _export_text(response) -> str:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("name", SEE)
def test_the_counterpart_the_officer_and_the_supervisor_see_the_talk_everywhere(client, persona, talk, name):
    client.force_login(persona(name))
    assert TOPIC in client.get(reverse("talk_list")).content.decode()
    assert TOPIC in client.get(reverse("talk_list"), {"q": "机密"}).content.decode()
    assert TOPIC in _export_text(client.get(reverse("talk_list"), {"format": "xlsx"}))
    assert client.get(reverse("talk_detail", args=[talk.pk])).status_code == 200


@pytest.mark.parametrize("name", BLIND)
def test_leaders_unit_heads_and_others_get_404_and_never_see_the_talk(client, persona, talk, name):
    client.force_login(persona(name))
    assert client.get(reverse("talk_detail", args=[talk.pk])).status_code == 404
    assert TOPIC not in client.get(reverse("talk_list")).content.decode()
    assert TOPIC not in client.get(reverse("talk_list"), {"q": "机密"}).content.decode()
    response = client.get(reverse("talk_list"), {"format": "xlsx"})
    if response.status_code == 200:
        assert TOPIC not in _export_text(response)


def test_each_opening_of_a_talk_writes_a_confidential_viewed_audit_row(client, supervisor, party_officer, talk):
    for user in (supervisor, party_officer, supervisor):
        client.force_login(user)
        client.get(reverse("talk_detail", args=[talk.pk]))
    rows = AuditEvent.objects.filter(action="confidential_viewed", target_id=str(talk.pk))
    assert rows.count() == 3
    assert sorted(rows.values_list("actor_id", flat=True)) == sorted([supervisor.pk, supervisor.pk, party_officer.pk])


def test_a_refused_opening_writes_no_confidential_viewed_row(client, leader, talk):
    client.force_login(leader)
    client.get(reverse("talk_detail", args=[talk.pk]))
    assert not AuditEvent.objects.filter(action="confidential_viewed").exists()


def test_the_participation_page_hides_talks_from_a_leader(client, leader, party_officer, talk, cadre_same_unit):
    url = reverse("person_participation", args=[cadre_same_unit.person.pk])
    client.force_login(leader)
    assert TOPIC not in client.get(url).content.decode()
    client.force_login(party_officer)
    assert TOPIC in client.get(url).content.decode()


def test_the_coverage_grid_shows_ticks_to_the_officer_but_none_to_a_leader(client, leader, party_officer, talk, branch):
    url = reverse("talk_coverage") + f"?branch={branch.pk}"
    client.force_login(party_officer)
    assert client.get(url).content.decode().count("data-tick") == 1
    client.force_login(leader)
    response = client.get(url)
    assert response.status_code == 200
    assert "data-tick" not in response.content.decode()


def test_the_coverage_page_is_refused_to_a_member_outside_the_committee(client, cadre_other_unit, talk, branch):
    client.force_login(cadre_other_unit)
    assert client.get(reverse("talk_coverage") + f"?branch={branch.pk}").status_code == 404


def test_a_committee_member_sees_the_coverage_of_their_branch(client, org, secretary, talk, branch):
    user = UserFactory(username="secretary", organ=org.organ, person=secretary)
    client.force_login(user)
    response = client.get(reverse("talk_coverage"))
    assert response.status_code == 200
    assert "data-tick" in response.content.decode()


def test_a_talk_is_recorded_with_me_as_initiator(client, org, branch, secretary, cadre_same_unit):
    cadre_same_unit.person.branch = branch
    cadre_same_unit.person.save()
    client.force_login(UserFactory(username="secretary", organ=org.organ, person=secretary))
    data = {
        "initiator": secretary.pk,
        "initiator_role": "secretary",
        "counterpart": cadre_same_unit.person.pk,
        "counterpart_role": "member",
        "date": timezone.localdate().isoformat(),
        "topic": "年度谈心",
        "summary": "",
    }
    response = client.post(reverse("talk_create"), data)
    talk = HeartTalk.objects.get(topic="年度谈心")
    assert response.status_code == 302
    assert (talk.initiator_id, talk.branch_id) == (secretary.pk, branch.pk)


def test_a_member_cannot_record_a_talk_in_someone_elses_name(client, org, branch, secretary, cadre_same_unit):
    cadre_same_unit.person.branch = branch
    cadre_same_unit.person.save()
    client.force_login(cadre_same_unit)
    data = {
        "initiator": secretary.pk,
        "initiator_role": "secretary",
        "counterpart": cadre_same_unit.person.pk,
        "counterpart_role": "member",
        "date": timezone.localdate().isoformat(),
        "topic": "冒名谈话",
    }
    client.post(reverse("talk_create"), data)
    assert not HeartTalk.objects.filter(topic="冒名谈话").exists()
