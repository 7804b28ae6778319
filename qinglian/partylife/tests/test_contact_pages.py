"""失去联系党员 pages: who sees which records, recording and following a case up on the form (the secretary fills in,
the office corrects and withdraws), the history, the export, the menu, and the pages on a 375 px phone and on paper.

Branch A covers 办公室 (party_officer, unit_head, leader, 党员丁 and cadre_same_unit, its secretary); branch B covers
研究室 (cadre_other_unit and 党员戊).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.testing import phone_page
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, Person
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import MeetingKind
from qinglian.partylife.models import LostContact, Meeting
from qinglian.partylife.tests.factories import LostContactFactory

LIST = reverse("lost_contact_list")
NEW = reverse("lost_contact_create")


@pytest.fixture
def setup(org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, leader, supervisor):
    branch_a = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch_a.units.add(org.unit_a)
    branch_b = BranchFactory(organ=org.organ, name="机关第二党支部")
    branch_b.units.add(org.unit_b)
    for user in (party_officer, unit_head, cadre_same_unit, leader):
        Person.objects.filter(pk=user.person_id).update(branch=branch_a)
    Person.objects.filter(pk=cadre_other_unit.person_id).update(branch=branch_b)
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=branch_a,
        person=cadre_same_unit.person,
        post=BranchPost.SECRETARY,
        start=dt.date(2024, 1, 1),
    )
    ding = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch_a, name="党员丁")
    wu = PersonFactory(organ=org.organ, unit=org.unit_b, branch=branch_b, name="党员戊")
    return {"a": branch_a, "b": branch_b, "ding": ding, "wu": wu}


@pytest.fixture
def records(setup):
    return {
        "ding": LostContactFactory(person=setup["ding"], lost_since=dt.date(2026, 3, 2)),
        "wu": LostContactFactory(person=setup["wu"], lost_since=dt.date(2026, 4, 1), found_on=dt.date(2026, 6, 1)),
    }


def _listed(html: str) -> set[int]:
    table = html.split('data-testid="contact-list"', 1)[1].split("</table>", 1)[0]
    return {int(pk) for pk in re.findall(r'<tr data-record="(\d+)"', table)}


@pytest.mark.parametrize(
    ("persona_name", "sees"),
    [
        ("party_officer", {"ding", "wu"}),
        ("leader", {"ding", "wu"}),
        ("supervisor", {"ding", "wu"}),
        ("cadre_same_unit", {"ding"}),  # the secretary of branch A
        ("unit_head", set()),  # a member's standing in the Party is the branch's business, not the unit's
        ("cadre_other_unit", set()),
        ("sysadmin", set()),
    ],
)
def test_each_persona_sees_the_records_they_may(client, persona, records, persona_name, sees):
    client.force_login(persona(persona_name))
    response = client.get(LIST, {"status": ""})
    assert response.status_code == 200
    assert _listed(response.content.decode()) == {records[name].pk for name in sees}


def test_the_list_shows_open_cases_unless_asked_otherwise(client, party_officer, records):
    client.force_login(party_officer)
    assert _listed(client.get(LIST).content.decode()) == {records["ding"].pk}
    assert _listed(client.get(LIST, {"status": "found"}).content.decode()) == {records["wu"].pk}
    html = client.get(LIST, {"status": "", "q": "戊"}).content.decode()
    assert _listed(html) == {records["wu"].pk} and 'data-status="found">已取得联系' in html


def test_the_secretary_records_a_member_on_the_form(client, cadre_same_unit, setup):
    client.force_login(cadre_same_unit)
    html = client.get(NEW).content.decode()
    assert "党员丁（机关第一党支部）" in html and "党员戊" not in html  # only the branch's members
    data = {"person": setup["ding"].pk, "lost_since": "2026-03-02", "searches": "电话联系未果"}
    response = client.post(NEW, data)
    record = LostContact.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("lost_contact_detail", args=[record.pk])
    assert (record.person, record.lost_since, record.searches) == (setup["ding"], dt.date(2026, 3, 2), "电话联系未果")
    wrong = {"person": setup["wu"].pk, "lost_since": "2026-03-02"}
    assert "选择一个有效的选项" in client.post(NEW, wrong).content.decode()
    assert LostContact.objects.count() == 1


def test_a_refused_record_shows_the_reason_and_writes_nothing(client, cadre_same_unit, setup):
    client.force_login(cadre_same_unit)
    data = {"person": setup["ding"].pk, "lost_since": "2026-03-02", "suspended_on": "2026-09-10"}
    assert "停止党籍前须登记查找情况" in client.post(NEW, data).content.decode()
    assert not LostContact.all_objects.exists()


def test_those_who_keep_no_register_may_not_open_the_form(client, unit_head, cadre_other_unit, setup):
    for user in (unit_head, cadre_other_unit):
        client.force_login(user)
        assert client.get(NEW).status_code == 403
        assert NEW not in client.get(LIST).content.decode()


def test_the_secretary_follows_up_and_the_office_corrects_and_withdraws(
    client, org, cadre_same_unit, party_officer, setup, records
):
    record = records["ding"]
    meeting = Meeting.objects.create(
        organ=org.organ, branch=setup["a"], kind=MeetingKind.BRANCH_GENERAL_MEETING, date=dt.date(2026, 9, 8), topic="x"
    )
    edit = reverse("lost_contact_edit", args=[record.pk])
    client.force_login(cadre_same_unit)
    form = client.get(edit).content.decode()
    assert "2026-09-08 机关第一党支部 支部党员大会" in form and 'data-testid="contact-delete"' not in form
    follow = {"lost_since": "2026-03-02", "searches": "走访家属未果", "suspended_on": "2026-09-08"}
    assert client.post(edit, {**follow, "suspension_meeting": meeting.pk}).status_code == 302
    record.refresh_from_db()
    assert (record.suspended_on, record.suspension_meeting) == (dt.date(2026, 9, 8), meeting)
    moved = client.post(edit, {**follow, "lost_since": "2026-04-01", "suspension_meeting": meeting.pk})
    assert "已登记的失去联系日期只能由机关党委专责人员更正" in moved.content.decode()
    client.force_login(party_officer)
    corrected = {**follow, "lost_since": "2026-03-01", "suspension_meeting": meeting.pk}
    assert client.post(edit, corrected).status_code == 302
    detail = client.get(reverse("lost_contact_detail", args=[record.pk])).content.decode()
    assert "修改记录" in detail and "2026-03-02 → 2026-03-01" in detail and "已停止党籍" in detail
    assert 'data-testid="contact-delete"' in client.get(edit).content.decode()
    delete = reverse("lost_contact_delete", args=[record.pk])
    client.post(delete, {"reason": ""})
    assert LostContact.objects.filter(pk=record.pk).exists()
    assert client.post(delete, {"reason": "录错人员"}).status_code == 302
    assert not LostContact.objects.filter(pk=record.pk).exists()
    assert AuditEvent.objects.filter(action="record_deleted", target_id=str(record.pk)).exists()


def test_readers_open_a_record_but_not_its_form_and_others_do_not_find_it(
    client, leader, cadre_same_unit, cadre_other_unit, records
):
    record = records["ding"]
    client.force_login(leader)
    detail = client.get(reverse("lost_contact_detail", args=[record.pk])).content.decode()
    assert "党员丁" in detail and reverse("lost_contact_edit", args=[record.pk]) not in detail
    assert client.get(reverse("lost_contact_edit", args=[record.pk])).status_code == 403
    client.force_login(cadre_same_unit)
    assert client.post(reverse("lost_contact_delete", args=[record.pk]), {"reason": "x"}).status_code == 302
    assert LostContact.objects.filter(pk=record.pk).exists()  # refused: the office withdraws records
    client.force_login(cadre_other_unit)
    assert client.get(reverse("lost_contact_detail", args=[record.pk])).status_code == 404


def test_the_export_holds_only_the_visible_rows_and_is_audited(client, cadre_same_unit, records):
    client.force_login(cadre_same_unit)
    response = client.get(LIST, {"status": "", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "失去联系党员登记"
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(row[1], row[2], row[10]) for row in rows] == [("党员丁", "机关第一党支部", "查找中")]
    assert AuditEvent.objects.filter(action="export", target_repr="失去联系党员登记").exists()


def test_the_menu_has_the_register_for_secretaries_and_organ_readers(client, cadre_same_unit, leader, unit_head, setup):
    for user, shown in ((cadre_same_unit, True), (leader, True), (unit_head, False)):
        client.force_login(user)
        html = client.get(reverse("dues_ledger")).content.decode()
        assert (f'href="{LIST}"' in html) is shown, user.username


OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
def test_the_register_pages_fit_375px_and_print(transactional_db, live_server, browser, artifacts, org, party_officer):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    member = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="欧阳建国")
    record = LostContactFactory(
        person=member,
        searches="3月2日起电话、微信多次联系未接通；3月20日走访家属，家属亦不掌握其去向；已向居住地社区党组织发函协查。",
    )
    context, page = phone_page(browser, live_server, "party_officer")
    urls = {
        "list": LIST,
        "new": NEW,
        "detail": reverse("lost_contact_detail", args=[record.pk]),
        "edit": reverse("lost_contact_edit", args=[record.pk]),
    }
    for name, url in urls.items():
        page.goto(live_server.url + url)
        assert page.evaluate(OVERFLOW) <= 1, name
        page.screenshot(path=str(artifacts / f"partylife-lost-contact-{name}-375px.png"), full_page=True)
    page.goto(live_server.url + urls["list"])
    page.emulate_media(media="print")
    assert not page.locator("form[method=get]").is_visible()
    assert page.locator(".print-title").is_visible() and page.locator("[data-testid=contact-list]").is_visible()
    page.goto(live_server.url + urls["detail"])
    assert page.locator("[data-testid=contact-record]").is_visible()
    context.close()
