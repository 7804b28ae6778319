"""The org pages: who may open what, what they show, exports and the shell."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.org.models import Person
from qinglian.org.tests.factories import BranchFactory, PersonnelEventFactory

BUSINESS = {"party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor"}
PAGES = ["person_list", "unit_list", "branch_list", "leading_group", "event_list"]


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_org_lists_open_for_business_roles_and_stay_empty_for_administrators(client, everyone, page, persona_name):
    client.force_login(everyone[persona_name])
    response = client.get(reverse(page))
    assert response.status_code == 200
    if persona_name not in BUSINESS and page == "person_list":
        assert "没有符合条件的人员" in response.content.decode()


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_cadre_list_shows_own_unit_only(client, cadre_other_unit, cadre_same_unit):
    client.force_login(cadre_other_unit)
    html = client.get(reverse("person_list")).content.decode()
    assert "cadre_other_unit" in html
    assert "cadre_same_unit" not in html


def test_person_page_of_another_unit_is_404_for_a_cadre(client, cadre_other_unit, cadre_same_unit):
    client.force_login(cadre_other_unit)
    response = client.get(reverse("person_detail", args=[cadre_same_unit.person.pk]))
    assert response.status_code == 404
    assert "不存在或无权查看" in response.content.decode()


def test_unit_head_cannot_edit_a_person_of_their_unit(client, unit_head, cadre_same_unit):
    client.force_login(unit_head)
    response = client.get(reverse("person_edit", args=[cadre_same_unit.person.pk]))
    assert response.status_code == 403


def test_party_officer_edits_a_person_and_the_history_shows_old_and_new(client, party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    client.force_login(party_officer)
    url = reverse("person_edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(post="综合处副处长", unit=person.unit_id, birth_date="", party_joined_on="2010-07-01")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    person.refresh_from_db()
    assert person.post == "综合处副处长"
    html = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "干部 → 综合处副处长" in html
    assert "party_officer" in html  # who changed it


def test_a_bad_id_number_is_refused_in_chinese_and_nothing_changes(client, party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    client.force_login(party_officer)
    url = reverse("person_edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(id_number="330106198001011230", birth_date="", party_joined_on="2010-07-01")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "校验码不正确" in response.content.decode()
    assert Person.objects.get(pk=person.pk).id_number == person.id_number


def test_delete_is_soft_and_kept_in_history(client, party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    client.force_login(party_officer)
    response = client.post(reverse("person_delete", args=[person.pk]))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    kept = Person.all_objects.get(pk=person.pk)
    assert kept.deleted_at is not None and kept.deleted_by == party_officer
    assert person.history.first().deleted_at is not None


def test_recording_a_transfer_moves_the_person(client, org, party_officer, cadre_same_unit):
    person = cadre_same_unit.person
    client.force_login(party_officer)
    data = {"kind": "transfer", "date": "2026-03-02", "to_unit": org.unit_b.pk, "to_post": "四级调研员"}
    response = client.post(reverse("event_create", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unit == org.unit_b and person.post == "四级调研员"
    event = person.events.get()
    assert event.from_unit == org.unit_a and event.to_unit == org.unit_b
    html = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "2026-03-02" in html and "转岗" in html


def test_people_export_masks_id_numbers_for_a_unit_head(client, unit_head, cadre_same_unit):
    client.force_login(unit_head)
    response = client.get(reverse("person_list") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    names = {row[1] for row in rows}
    assert names == {"unit_head", "cadre_same_unit"}
    target = next(row for row in rows if row[1] == "cadre_same_unit")
    assert "*" in target[3] and target[3] != cadre_same_unit.person.id_number


def test_every_list_exports_to_excel(client, party_officer, cadre_same_unit, org):
    BranchFactory(organ=org.organ)
    PersonnelEventFactory(person=cadre_same_unit.person)
    client.force_login(party_officer)
    for page in ["person_list", "unit_list", "branch_list", "event_list"]:
        response = client.get(reverse(page) + "?format=xlsx")
        ws = load_workbook(io.BytesIO(response.content)).active
        assert ws.max_row >= 3, page


def test_workbench_shows_my_own_data(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    html = client.get(reverse("workbench")).content.decode()
    assert "我的信息" in html and "办公室" in html and "本委室概况" in html


def test_navigation_lists_only_what_the_role_may_open(client, auditadmin, sysadmin, cadre_same_unit):
    client.force_login(auditadmin)
    html = client.get(reverse("workbench")).content.decode()
    assert "授权变更记录" in html and "干部花名册" not in html and "账号与角色" not in html
    client.force_login(sysadmin)
    html = client.get(reverse("workbench")).content.decode()
    assert "账号与角色" in html and "干部花名册" not in html
    client.force_login(cadre_same_unit)
    html = client.get(reverse("workbench")).content.decode()
    assert "干部花名册" in html and "账号与角色" not in html


EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def test_no_page_references_an_external_url(client, everyone, org, cadre_same_unit):
    """Government intranets have no internet: every script, style and font is served by the app."""
    branch = BranchFactory(organ=org.organ)
    person = cadre_same_unit.person
    urls = [reverse(name) for name in ["workbench", "login", *PAGES, "account_list", "grant_history"]]
    urls += [
        reverse("person_detail", args=[person.pk]),
        reverse("unit_detail", args=[org.unit_a.pk]),
        reverse("branch_detail", args=[branch.pk]),
        reverse("person_edit", args=[person.pk]),
    ]
    checked = 0
    for name in ("party_officer", "sysadmin", "auditadmin"):
        client.force_login(everyone[name])
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                continue
            html = response.content.decode()
            assert not EXTERNAL.search(html), f"{url} references an external URL"
            checked += 1
    assert checked >= 12
