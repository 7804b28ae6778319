"""廉政谈话 pages and API: the list (filters, print), record from a personnel event, a collective talk with its
attendance, a refusal shown on the form, withdrawal, 应谈未谈, the workbench cards and to-do, the Excel export that
re-imports, and the API (list, detail, create, update, Chinese 4xx)."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.compliance.todos import SOURCES
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.importers.talks import TalkImport
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.nav.talks import events_widget, mine_widget
from qinglian.integrity.tests.factories import TalkFactory
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant
from qinglian.org.tests.factories import PersonFactory, PersonnelEventFactory

TODAY = timezone.localdate()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(talker, subject=None, **extra) -> dict:
    return {
        "kind": IntegrityTalkKind.PRE_APPOINTMENT,
        "date": TODAY.isoformat(),
        "talker": talker.pk,
        "subject": subject.pk if subject else "",
        "points": "严守纪律",
        **extra,
    }


def test_record_from_a_personnel_event_prefills_and_links(org, personnel_officer, leader, cadre_other_unit):
    event = PersonnelEventFactory(person=cadre_other_unit.person, kind="transfer", date=TODAY, to_unit=org.unit_a)
    client = _client(personnel_officer)
    page = client.get(reverse("integrity_talk_new"), {"event": event.pk})
    assert page.status_code == 200
    form = page.context["form"]
    assert (form.initial["subject"], form.initial["unit"], form.initial["kind"]) == (
        cadre_other_unit.person_id,
        org.unit_a.pk,
        IntegrityTalkKind.TRANSFER,
    )
    data = _form(
        leader.person, cadre_other_unit.person, kind=IntegrityTalkKind.TRANSFER, event=event.pk, unit=org.unit_a.pk
    )
    response = client.post(reverse("integrity_talk_new"), data)
    assert response.status_code == 302
    talk = IntegrityTalk.objects.get()
    assert (talk.event, talk.unit, talk.recorded_by) == (event, org.unit_a, personnel_officer)
    detail = client.get(reverse("integrity_talk", args=[talk.pk])).content.decode()
    assert "对应人事变动" in detail and "签字的谈话记录" in detail and "修改记录" in detail
    assert client.get(reverse("integrity_talk_new"), {"event": 999999}).status_code == 404
    # choosing the event on the form, without the subject, talks with the event's person in the new unit
    other = PersonnelEventFactory(person=cadre_other_unit.person, kind="promotion", date=TODAY, to_unit=org.unit_b)
    assert client.post(reverse("integrity_talk_new"), _form(leader.person, event=other.pk)).status_code == 302
    assert IntegrityTalk.objects.get(event=other).subject == cadre_other_unit.person


def test_a_refusal_shows_on_the_form_and_writes_nothing(org, party_officer, leader):
    response = _client(party_officer).post(reverse("integrity_talk_new"), _form(leader.person))
    assert response.status_code == 400
    assert "须填写谈话对象" in response.content.decode()
    assert not IntegrityTalk.all_objects.exists()


def test_a_collective_talk_with_its_attendance(org, party_officer, leader):
    present, absent = PersonFactory(organ=org.organ, unit=org.unit_a), PersonFactory(organ=org.organ, unit=org.unit_b)
    data = _form(leader.person, kind=IntegrityTalkKind.COLLECTIVE, topic="节前集体廉政谈话")
    data |= {"att_person": [present.pk, absent.pk], f"att_present_{absent.pk}": "0", f"att_reason_{absent.pk}": "出差"}
    client = _client(party_officer)
    assert client.post(reverse("integrity_talk_new"), data).status_code == 302
    talk = IntegrityTalk.objects.get()
    detail = client.get(reverse("integrity_talk", args=[talk.pk])).content.decode()
    assert "应到2人，出席1人" in detail and "缺席（出差）" in detail
    # a cadre on the list sees it; the list shows the head count
    assert client.get(reverse("integrity_talks")).context["rows"][0].pk == talk.pk


def test_list_filters_print_and_withdraw(org, party_officer, leader, cadre_other_unit, cadre_same_unit):
    mine = TalkFactory(talker=leader.person, subject=cadre_other_unit.person, date=TODAY)
    TalkFactory(talker=leader.person, subject=cadre_same_unit.person, date=TODAY, kind=IntegrityTalkKind.REMINDER)
    client = _client(party_officer)
    rows = client.get(reverse("integrity_talks"), {"kind": IntegrityTalkKind.PRE_APPOINTMENT}).context["rows"]
    assert [t.pk for t in rows] == [mine.pk]
    assert len(client.get(reverse("integrity_talks"), {"unit": org.unit_a.pk}).context["rows"]) == 1
    assert len(client.get(reverse("integrity_talks"), {"person": cadre_other_unit.person_id}).context["rows"]) == 1
    assert client.get(reverse("integrity_talks"), {"print": 1}).context["printing"]
    assert client.get(reverse("integrity_talks"), {"year": "abc"}).status_code == 200  # a bad filter filters nothing
    response = client.post(reverse("integrity_talk_delete", args=[mine.pk]), {"reason": "重复登记"})
    assert response.status_code == 302 and not IntegrityTalk.objects.filter(pk=mine.pk).exists()


def test_expected_talks_page_cards_and_todo(org, personnel_officer, party_officer, leader, cadre_other_unit):
    late_event = PersonnelEventFactory(person=cadre_other_unit.person, date=TODAY - dt.timedelta(days=60))
    client = _client(personnel_officer)
    page = client.get(reverse("integrity_talks_expected"), {"state": "overdue"})
    assert [r.event_id for r in page.context["rows"]] == [late_event.pk]
    assert f"?event={late_event.pk}" in page.content.decode()
    assert client.get(reverse("integrity_talks_expected_export")).status_code == 200
    request = type("R", (), {"user": personnel_officer})()
    assert events_widget(request)["count"] == 1
    assert SOURCES["integrity_talks"].count(personnel_officer) == 1
    assert SOURCES["integrity_talks"].count(party_officer) == 0  # the to-do is the personnel officer's
    workbench = client.get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-talk-events"' in workbench and cadre_other_unit.person.name in workbench
    # once the talk is held, nothing waits
    TalkFactory(talker=leader.person, subject=cadre_other_unit.person, event=late_event, date=TODAY)
    assert events_widget(request) is None


def test_my_talks_card(org, leader, cadre_other_unit):
    RoleGrant.objects.create(user=cadre_other_unit, organ=org.organ, role=Role.CADRE)
    TalkFactory(talker=leader.person, subject=cadre_other_unit.person, date=TODAY)
    request = type("R", (), {"user": cadre_other_unit})()
    assert len(mine_widget(request)["talks"]) == 1
    assert 'data-testid="widget-talk-mine"' in _client(cadre_other_unit).get(reverse("workbench")).content.decode()


def test_the_export_re_imports_as_is_and_the_import_adds_one_to_one_talks(org, party_officer, leader, cadre_other_unit):
    TalkFactory(talker=leader.person, subject=cadre_other_unit.person, date=TODAY, topic="任前")
    client = _client(party_officer)
    exported = client.get(reverse("integrity_talks_export")).content
    importer = TalkImport.for_user(party_officer)
    plan = importer.parse(exported)
    assert not plan.has_errors and [r.action for r in plan.rows] == ["无变化"]
    # a new row: the template's columns, the person by name
    sheet = load_workbook(io.BytesIO(exported))
    ws = sheet.active
    ws.delete_rows(3, ws.max_row)
    ws.append(
        [1, TODAY, "提醒谈话", leader.person.name, cadre_other_unit.person.name, "研究室", "", "", "", "提醒", "否", ""]
    )
    buffer = io.BytesIO()
    sheet.save(buffer)
    plan = importer.parse(buffer.getvalue())
    assert not plan.has_errors, [r.errors for r in plan.rows]
    importer.apply(plan, mode="all", by=party_officer)
    assert IntegrityTalk.objects.filter(kind=IntegrityTalkKind.REMINDER, subject=cadre_other_unit.person).count() == 1
    assert client.get(reverse("integrity_talk_import")).status_code == 200
    assert client.get(reverse("integrity_talk_import_template")).status_code == 200


# --- API -------------------------------------------------------------------------------------------------------


def _post(client: Client, url: str, data, method: str = "post"):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_api_create_update_and_refusals(org, personnel_officer, cadre_same_unit, leader, cadre_other_unit):
    client = _client(personnel_officer)
    body = {"kind": "pre_appointment", "date": TODAY.isoformat(), "talker_id": leader.person_id}
    refused = _post(client, "/api/integrity/talks", body)
    assert refused.status_code == 400 and "须填写谈话对象" in refused.json()["message"]
    unknown = _post(client, "/api/integrity/talks", body | {"subject_id": 999999})
    assert unknown.status_code == 400 and unknown.json()["detail"] == {"subject_id": "谈话对象不存在或无权查看"}
    created = _post(client, "/api/integrity/talks", body | {"subject_id": cadre_other_unit.person_id})
    assert created.status_code == 201, created.content
    talk_id = created.json()["id"]
    assert created.json()["unit"]["name"] == "研究室"
    changed = _post(
        client,
        f"/api/integrity/talks/{talk_id}",
        body | {"subject_id": cadre_other_unit.person_id, "topic": "任前谈话"},
        method="put",
    )
    assert changed.status_code == 200 and changed.json()["topic"] == "任前谈话"
    assert _client(cadre_same_unit).get(f"/api/integrity/talks/{talk_id}").status_code == 404
    forbidden = _post(_client(cadre_same_unit), "/api/integrity/talks", body)
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    listed = client.get("/api/integrity/talks", {"person_id": cadre_other_unit.person_id}).json()
    assert [row["id"] for row in listed["items"]] == [talk_id]
    assert client.get("/api/integrity/talks/expected").status_code == 200
    assert reverse("api:integrity_api_talk", args=[talk_id]) == f"/api/integrity/talks/{talk_id}"
