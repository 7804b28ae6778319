"""The setup pages of 人大履职: deputies (phone numbers only for the desks and organ readers), sessions,
external units' handling profiles and the service desks — reading, writing, refusals, exports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.npc.choices import DeskKind
from qinglian.npc.models import Deputy, HandlingUnitProfile, ServiceDesk, Session
from qinglian.npc.tests.factories import DeputyFactory, SessionFactory, SuggestionFactory

PHONE = "13800001234"


@pytest.fixture
def deputy(org, desks):
    return DeputyFactory(organ=org.organ, name="王代表", phone=PHONE, delegation="城东区代表团")


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


# --- deputies --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sees_phone"),
    [
        ("cadre_same_unit", True),  # the suggestions desk
        ("unit_head", True),
        ("party_officer", True),  # organ-wide readers
        ("leader", True),
        ("supervisor", True),
        ("cadre_other_unit", False),
    ],
)
def test_every_reader_lists_deputies_but_only_some_see_the_phone(client, persona, deputy, name, sees_phone):
    client.force_login(persona(name))
    html = client.get(reverse("npc_deputies")).content.decode()
    assert "王代表" in html and "城东区代表团" in html
    assert (PHONE in html) is sees_phone


def test_the_deputy_export_leaves_the_phone_out_for_a_cadre_outside_the_desk(client, deputy, cadre_other_unit, clerk):
    client.force_login(cadre_other_unit)
    sheet = _sheet(client.get(reverse("npc_deputies_export")))
    assert "联系电话" not in [c.value for c in sheet[2]] and sheet["B3"].value == "王代表"
    client.force_login(clerk)
    sheet = _sheet(client.get(reverse("npc_deputies_export")))
    assert [c.value for c in sheet[2]][4] == "联系电话" and sheet["E3"].value == PHONE


@pytest.fixture
def clerk(desks, cadre_same_unit):
    return cadre_same_unit


def test_the_desk_registers_and_changes_a_deputy(client, org, clerk):
    client.force_login(clerk)
    data = {"name": " 李代表 ", "delegation": "城西区代表团", "phone": "13900000000", "is_active": "on"}
    assert client.post(reverse("npc_deputy_create"), data).status_code == 302
    deputy = Deputy.objects.get()
    assert (deputy.name, deputy.organ_id) == ("李代表", org.organ.pk)
    response = client.post(reverse("npc_deputy_edit", args=[deputy.pk]), {**data, "level_note": "省人大代表"})
    assert response.status_code == 302 and Deputy.objects.get().level_note == "省人大代表"


def test_a_deputy_without_a_name_is_refused_on_the_form(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("npc_deputy_create"), {"name": "", "delegation": "城西区代表团"})
    assert response.status_code == 400 and not Deputy.objects.exists()


@pytest.mark.parametrize("name", ["cadre_other_unit", "leader", "supervisor"])
def test_outside_the_desk_nobody_registers_or_changes_a_deputy(client, persona, deputy, name):
    client.force_login(persona(name))
    assert client.post(reverse("npc_deputy_create"), {"name": "张代表"}).status_code == 403
    response = client.post(reverse("npc_deputy_edit", args=[deputy.pk]), {"name": "改名"})
    assert response.status_code == 403
    assert list(Deputy.objects.values_list("name", flat=True)) == ["王代表"]


def test_the_led_count_links_to_the_deputys_suggestions(client, org, deputy, cadre_other_unit):
    SuggestionFactory(organ=org.organ, lead_deputy=deputy, title="王代表的建议")
    SuggestionFactory(organ=org.organ, title="别人的建议")
    client.force_login(cadre_other_unit)
    html = client.get(reverse("npc_deputies")).content.decode()
    assert f"?deputy={deputy.pk}" in html
    html = client.get(reverse("npc_suggestions"), {"deputy": deputy.pk}).content.decode()
    assert "王代表的建议" in html and "别人的建议" not in html


# --- sessions --------------------------------------------------------------------------------------------


def test_the_desk_registers_a_session_and_a_reversed_one_is_refused(client, clerk):
    client.force_login(clerk)
    data = {"term": "第十六届", "number": "第五次会议", "kind": "plenary", "start": "2026-01-12", "end": "2026-01-10"}
    response = client.post(reverse("npc_session_create"), data)
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.content.decode()
    assert not Session.objects.exists()
    assert client.post(reverse("npc_session_create"), {**data, "end": "2026-01-15"}).status_code == 302
    session = Session.objects.get()
    html = client.get(reverse("npc_sessions")).content.decode()
    assert "第十六届人民代表大会第五次会议" in html
    assert client.get(reverse("npc_session_edit", args=[session.pk])).status_code == 200


def test_a_reader_lists_sessions_but_cannot_add_one(client, org, desks, cadre_other_unit):
    SessionFactory(organ=org.organ)
    client.force_login(cadre_other_unit)
    html = client.get(reverse("npc_sessions")).content.decode()
    assert "第十六届人民代表大会第五次会议" in html and "登记届次会议" not in html
    data = {"term": "第十六届", "number": "第六次会议", "kind": "plenary", "start": "2026-02-01"}
    assert client.post(reverse("npc_session_create"), data).status_code == 403
    assert Session.objects.count() == 1
    sheet = _sheet(client.get(reverse("npc_sessions_export")))
    assert sheet["A3"].value == "第十六届人民代表大会第五次会议" and sheet["E3"].value == 0


# --- handling units --------------------------------------------------------------------------------------


def test_the_desk_records_the_leader_of_an_external_unit(client, clerk, bureau):
    client.force_login(clerk)
    html = client.get(reverse("npc_unit_profiles")).content.decode()
    assert "市住房和城乡建设局" in html and "未登记" in html
    data = {"leader_name": "赵局长", "leader_title": "局长", "contact_name": "钱科长", "contact_phone": "0571-1234"}
    assert client.post(reverse("npc_unit_profile_edit", args=[bureau.pk]), data).status_code == 302
    profile = HandlingUnitProfile.objects.get(unit=bureau)
    assert (profile.leader_name, profile.contact_name) == ("赵局长", "钱科长")
    sheet = _sheet(client.get(reverse("npc_unit_profiles_export")))
    assert [sheet["A3"].value, sheet["B3"].value, sheet["C3"].value] == ["市住房和城乡建设局", "赵局长", "局长"]


def test_an_internal_unit_has_no_handling_profile_and_a_reader_cannot_write_one(client, org, clerk, bureau, leader):
    client.force_login(clerk)
    assert client.get(reverse("npc_unit_profile_edit", args=[org.unit_a.pk])).status_code == 404
    client.force_login(leader)
    response = client.post(reverse("npc_unit_profile_edit", args=[bureau.pk]), {"leader_name": "赵局长"})
    assert response.status_code == 403 and not HandlingUnitProfile.objects.exists()


# --- service desks ---------------------------------------------------------------------------------------


def test_the_party_officer_names_the_desks(client, org, party_officer):
    client.force_login(party_officer)
    html = client.get(reverse("npc_desks")).content.decode()
    assert "未指定" in html and 'data-testid="desk-form"' in html
    data = {DeskKind.SUGGESTIONS: org.unit_b.pk, DeskKind.MATERIALS: org.unit_a.pk}
    assert client.post(reverse("npc_desks"), data).status_code == 302
    desks = {d.kind: d.unit_id for d in ServiceDesk.objects.all()}
    assert desks == {DeskKind.SUGGESTIONS: org.unit_b.pk, DeskKind.MATERIALS: org.unit_a.pk}
    sheet = _sheet(client.get(reverse("npc_desks_export")))
    assert [sheet["A3"].value, sheet["B3"].value] == ["建议办理", "研究室"]


def test_an_external_unit_cannot_keep_a_ledger(client, org, party_officer, bureau):
    client.force_login(party_officer)
    response = client.post(reverse("npc_desks"), {DeskKind.SUGGESTIONS: bureau.pk})
    assert response.status_code == 400 and not ServiceDesk.objects.exists()


@pytest.mark.parametrize("name", ["unit_head", "cadre_same_unit", "leader", "supervisor"])
def test_only_the_party_officer_changes_the_desks(client, persona, org, desks, name):
    client.force_login(persona(name))
    html = client.get(reverse("npc_desks")).content.decode()
    assert "办公室" in html and 'data-testid="desk-form"' not in html
    assert client.post(reverse("npc_desks"), {DeskKind.SUGGESTIONS: org.unit_b.pk}).status_code == 403
    assert ServiceDesk.objects.get(kind=DeskKind.SUGGESTIONS).unit == org.unit_a


def test_the_setup_index_opens_the_deputies(client, cadre_other_unit, desks):
    client.force_login(cadre_other_unit)
    assert client.get(reverse("npc_setup"))["Location"] == reverse("npc_deputies")
