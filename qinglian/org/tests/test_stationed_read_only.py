"""The stationed discipline group's accounts read but write nothing (docs/decisions: stationed group read-only),
and nobody of the organ's staff is moved into an external unit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from qinglian.core.errors import InvalidInput
from qinglian.org import services
from qinglian.org.choices import UnitKind
from qinglian.org.permissions import scope_of
from qinglian.org.tests.factories import UnitFactory

STUDY = {"kind": "training", "date": "2026-03-02", "title": "专题培训", "hours": "4"}
READ_ONLY = "派驻纪检监察组账号只能查阅，不能新增、修改或删除任何记录"


def test_the_supervisor_is_read_only_and_a_cadre_is_not(supervisor, cadre_same_unit):
    assert scope_of(supervisor).read_only and scope_of(supervisor).reads_organ
    assert not scope_of(cadre_same_unit).read_only


def test_the_supervisor_records_no_study_of_their_own_on_the_page(client, supervisor):
    from qinglian.partylife.models import StudyRecord

    client.force_login(supervisor)
    assert client.get(reverse("study_list")).status_code == 200  # reading stays open
    response = client.post(reverse("study_create"), STUDY)
    assert response.status_code == 403 and READ_ONLY in response.content.decode()
    assert not StudyRecord.objects.exists()


def test_the_supervisor_records_nothing_through_the_api_by_session_or_token(client, supervisor):
    from qinglian.audit.models import AuditEvent
    from qinglian.partylife.models import StudyRecord

    client.force_login(supervisor)
    response = client.post("/api/partylife/study", STUDY, content_type="application/json")
    assert response.status_code == 403 and response.json() == {
        "code": "forbidden",
        "message": READ_ONLY,
        "detail": None,
    }
    client.logout()
    _, token = services.api_token_create(user=supervisor, name="只读对接")
    response = client.post(
        "/api/partylife/study", STUDY, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 403 and response.json()["message"] == READ_ONLY
    assert not StudyRecord.objects.exists()
    denied = AuditEvent.objects.filter(action="permission_denied", actor_id=supervisor.pk)
    assert denied.count() == 2


def test_a_cadre_still_records_their_study(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    response = client.post("/api/partylife/study", STUDY, content_type="application/json")
    assert response.status_code == 201, response.content


def test_the_supervisor_may_still_change_their_own_password(client, supervisor):
    client.force_login(supervisor)
    data = {"old_password": "Qinglian-test-1", "new_password": "Jijian-2026-ok", "confirm": "Jijian-2026-ok"}
    assert client.post(reverse("password_change"), data).status_code == 302


# --- external units -----------------------------------------------------------------------------


def test_a_staff_member_is_not_moved_into_an_external_unit(org, party_officer, cadre_same_unit):
    bureau = UnitFactory(organ=org.organ, name="市发展和改革委员会", kind=UnitKind.EXTERNAL)
    person = cadre_same_unit.person
    with pytest.raises(InvalidInput, match="外部单位（如建议承办单位）不是本机关的委室"):
        services.personnel_event_record(
            person=person, kind="transfer", date=dt.date(2026, 3, 2), by=party_officer, to_unit=bureau
        )
    person.unit = bureau
    with pytest.raises(InvalidInput, match="外部单位"):
        services.person_save(person=person, by=party_officer)
    person.refresh_from_db()
    assert person.unit == org.unit_a and not person.events.exists()


def test_the_transfer_page_does_not_offer_external_units(client, org, party_officer, cadre_same_unit):
    bureau = UnitFactory(organ=org.organ, name="市财政局", kind=UnitKind.EXTERNAL)
    client.force_login(party_officer)
    url = reverse("event_create", args=[cadre_same_unit.person.pk])
    assert "市财政局" not in client.get(url).content.decode()
    response = client.post(url, {"kind": "transfer", "date": "2026-03-02", "to_unit": bureau.pk})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    cadre_same_unit.person.refresh_from_db()
    assert cadre_same_unit.person.unit == org.unit_a
