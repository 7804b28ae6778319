"""党费台账 pages: who sees whose months, the grid and the arrears, entering, correcting and deleting a month, the
export, the menu, and the pages on a 375 px phone and on paper.

Branch A covers 办公室 (party_officer, unit_head, leader, 党员丁 and cadre_same_unit, its 组织委员); branch B covers
研究室 (cadre_other_unit).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.testing import phone_page
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, Person
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.models import DuesRecord
from qinglian.partylife.tests.factories import DuesRecordFactory

D = Decimal
LEDGER = reverse("dues_ledger")
YEAR = {"year": 2026}


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
        post=BranchPost.ORGANIZATION,
        start=dt.date(2024, 1, 1),
    )
    ding = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch_a, name="党员丁")
    return {"a": branch_a, "b": branch_b, "ding": ding}


def _rows(html: str) -> set[int]:
    """The people listed on the grid."""
    grid = html.split('data-testid="dues-grid"', 1)[1].split("</table>", 1)[0]
    return {int(pk) for pk in re.findall(r'<tr data-person="(\d+)"', grid)}


def _person_ids(everyone, names) -> set[int]:
    return {everyone[name] for name in names}


@pytest.mark.parametrize(
    ("persona_name", "sees"),
    [
        ("party_officer", {"party_officer", "unit_head", "cadre_same_unit", "leader", "ding", "cadre_other_unit"}),
        ("leader", {"party_officer", "unit_head", "cadre_same_unit", "leader", "ding", "cadre_other_unit"}),
        ("supervisor", {"party_officer", "unit_head", "cadre_same_unit", "leader", "ding", "cadre_other_unit"}),
        ("cadre_same_unit", {"party_officer", "unit_head", "cadre_same_unit", "leader", "ding"}),  # 组织委员 of A
        ("unit_head", {"unit_head"}),  # a dues row shows pay: not their unit's
        ("cadre_other_unit", {"cadre_other_unit"}),
        ("sysadmin", set()),
    ],
)
def test_each_persona_sees_whose_dues_they_may(client, persona, setup, persona_name, sees):
    everyone = {name: persona(name).person_id for name in ("party_officer", "unit_head", "cadre_same_unit", "leader")}
    everyone |= {"cadre_other_unit": persona("cadre_other_unit").person_id, "ding": setup["ding"].pk}
    client.force_login(persona(persona_name))
    response = client.get(LEDGER, YEAR)
    assert response.status_code == 200
    assert _rows(response.content.decode()) == _person_ids(everyone, sees)


def test_the_grid_shows_paid_short_unpaid_and_missing_months_with_the_arrears(client, party_officer, setup):
    ding = setup["ding"]
    DuesRecordFactory(person=ding, month=dt.date(2026, 1, 1))  # 6000 → 90.00
    DuesRecordFactory(person=ding, month=dt.date(2026, 2, 1), paid=D("40"))
    DuesRecordFactory(person=ding, month=dt.date(2026, 3, 1), paid=D("0"))
    client.force_login(party_officer)
    html = client.get(LEDGER, {**YEAR, "person": ding.pk}).content.decode()
    cells = dict(re.findall(r'data-month="(\d+)" data-status="(\w+)"', html))
    assert (cells["1"], cells["2"], cells["3"], cells["4"]) == ("paid", "short", "unpaid", "missing")
    summary = html.split('data-testid="dues-arrears"', 1)[1].split("</table>", 1)[0]
    # 欠缴 1 month, 少交 1 month, the rest of the year not entered, 50 + 90 yuan owed
    assert re.search(r"<td>党员丁</td>.*?>1</td>.*?>1</td>.*?>(\d+)</td>.*?>140\.00</td>", summary, re.S)
    assert "应交合计 <strong>270.00</strong> 元，实交合计 <strong>130.00</strong> 元" in html
    assert "1.5%" in html.split('data-testid="dues-months"', 1)[1]  # one member: the months in detail
    assert "在职 ≤3000元 0.5%；在职 ≤5000元 1%；在职 ≤10000元 1.5%；在职 其余 2%" in html


def test_the_month_under_way_is_pending_not_missing(client, party_officer, setup):
    this_month = clock.today().replace(day=1)
    client.force_login(party_officer)
    html = client.get(LEDGER, {"year": this_month.year, "person": setup["ding"].pk}).content.decode()
    cells = dict(re.findall(r'data-month="(\d+)" data-status="(\w+)"', html))
    assert cells[str(this_month.month)] == "pending"
    assert list(cells.values()).count("missing") == this_month.month - 1  # only the months already over


def test_months_before_a_member_joined_the_party_are_not_due(client, org, party_officer, setup):
    newcomer = PersonFactory(
        organ=org.organ, unit=org.unit_a, branch=setup["a"], name="新党员", party_joined_on=dt.date(2026, 3, 15)
    )
    client.force_login(party_officer)
    html = client.get(LEDGER, {**YEAR, "person": newcomer.pk}).content.decode()
    grid = html.split('data-testid="dues-grid"', 1)[1]
    assert '<td class="text-muted" data-month="2">—</td>' in grid
    assert 'data-month="3" data-status="missing"' in grid


def test_the_organiser_enters_a_month_on_the_form(client, cadre_same_unit, setup):
    ding = setup["ding"]
    client.force_login(cadre_same_unit)
    data = {"person": ding.pk, "month": "2026-03", "base_income": "6200", "paid": "93", "paid_on": "2026-03-12"}
    response = client.post(reverse("dues_create"), data)
    assert response.status_code == 302 and response["Location"] == f"{LEDGER}?year=2026&person={ding.pk}"
    record = DuesRecord.objects.get()
    assert (record.person, record.month, record.dues) == (ding, dt.date(2026, 3, 1), D("93.00"))


def test_a_refused_month_shows_the_reason_and_writes_nothing(client, cadre_same_unit, setup):
    client.force_login(cadre_same_unit)
    data = {"person": setup["ding"].pk, "month": "2026-03", "base_income": "-5", "paid": "", "paid_on": ""}
    html = client.post(reverse("dues_create"), data).content.decode()
    assert "月工资收入不能为负数" in html
    assert not DuesRecord.all_objects.exists()


def test_the_form_offers_only_the_branchs_members(client, cadre_same_unit, cadre_other_unit, setup):
    client.force_login(cadre_same_unit)
    html = client.get(reverse("dues_create")).content.decode()
    assert "党员丁" in html and "cadre_other_unit" not in html
    data = {"person": cadre_other_unit.person_id, "month": "2026-03", "base_income": "6200"}
    assert "选择一个有效的选项" in client.post(reverse("dues_create"), data).content.decode()
    assert not DuesRecord.all_objects.exists()


def test_a_member_without_a_dues_post_may_not_open_the_form(client, unit_head, setup):
    client.force_login(unit_head)
    assert client.get(reverse("dues_create")).status_code == 403
    assert "登记党费" not in client.get(LEDGER).content.decode()


def test_correcting_and_deleting_a_month(client, cadre_same_unit, setup):
    record = DuesRecordFactory(person=setup["ding"], month=dt.date(2026, 3, 1), paid=D("0"))
    client.force_login(cadre_same_unit)
    url = reverse("dues_edit", args=[record.pk])
    assert "应交党费 <strong>90.00</strong> 元" in client.get(url).content.decode()
    data = {"base_income": "6000", "paid": "90", "paid_on": "2026-04-02", "note": "补交"}
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert (record.paid, record.paid_on, record.note) == (D("90.00"), dt.date(2026, 4, 2), "补交")
    delete = reverse("dues_delete", args=[record.pk])
    client.post(delete, {"reason": ""})
    assert DuesRecord.objects.filter(pk=record.pk).exists()
    response = client.post(delete, {"reason": "重复录入"})
    assert response.status_code == 302 and not DuesRecord.objects.filter(pk=record.pk).exists()
    assert AuditEvent.objects.filter(action="record_deleted", target_id=str(record.pk)).exists()


def test_a_member_reads_but_may_not_edit_their_month_and_others_do_not_find_it(
    client, unit_head, cadre_other_unit, setup
):
    record = DuesRecordFactory(person=unit_head.person, month=dt.date(2026, 3, 1))
    client.force_login(unit_head)
    html = client.get(LEDGER, YEAR).content.decode()
    assert 'data-month="3" data-status="paid"' in html and reverse("dues_edit", args=[record.pk]) not in html
    assert client.get(reverse("dues_edit", args=[record.pk])).status_code == 403
    assert client.post(reverse("dues_delete", args=[record.pk]), {"reason": "x"}).status_code == 403
    client.force_login(cadre_other_unit)
    assert client.get(reverse("dues_edit", args=[record.pk])).status_code == 404


def test_the_export_holds_only_the_visible_rows_and_is_audited(client, cadre_other_unit, setup):
    DuesRecordFactory(person=setup["ding"], month=dt.date(2026, 3, 1))
    DuesRecordFactory(person=cadre_other_unit.person, month=dt.date(2026, 3, 1), note="本人")
    client.force_login(cadre_other_unit)
    response = client.get(LEDGER, {**YEAR, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "2026年党费台账"
    assert [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["cadre_other_unit"]
    assert AuditEvent.objects.filter(action="export", target_repr="2026年党费台账").exists()


def test_the_menu_has_the_ledger_for_everyone_and_the_import_for_dues_keepers(
    client, cadre_same_unit, unit_head, setup
):
    client.force_login(cadre_same_unit)
    html = client.get(LEDGER).content.decode()
    assert "党费台账" in html and reverse("dues_import") in html
    client.force_login(unit_head)
    html = client.get(LEDGER).content.decode()
    assert "党费台账" in html and reverse("dues_import") not in html


OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
def test_the_dues_pages_fit_375px_and_print(transactional_db, live_server, browser, artifacts, org, party_officer):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    member = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="欧阳建国")
    for month in range(1, 4):
        DuesRecordFactory(person=member, month=dt.date(2026, month, 1), paid=D("0") if month == 3 else D("90"))
    record = DuesRecord.objects.filter(paid__gt=0).first()
    context, page = phone_page(browser, live_server, "party_officer")
    urls = {
        "ledger": f"{LEDGER}?year=2026",
        "one": f"{LEDGER}?year=2026&person={member.pk}",
        "new": reverse("dues_create"),
        "edit": reverse("dues_edit", args=[record.pk]),
        "import": reverse("dues_import"),
    }
    for name, url in urls.items():
        page.goto(live_server.url + url)
        assert page.evaluate(OVERFLOW) <= 1, name
        page.screenshot(path=str(artifacts / f"partylife-dues-{name}-375px.png"), full_page=True)
    page.goto(live_server.url + urls["ledger"])
    page.emulate_media(media="print")
    assert not page.locator("form[method=get]").is_visible()
    assert page.locator(".print-title").is_visible() and page.locator("[data-testid=dues-grid]").is_visible()
    context.close()
