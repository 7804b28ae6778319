"""The 责任清单 pages: who reads the tree, its figures, filters, the office's editing, 印发 and the Excel 台账.

The `ledger` fixture (also used by the task and board page tests) is one published list of this year:
一、 with （一）, three items led by `leader` (a Party group member who supervises unit B), and four unit
tasks — 办公室 completed and closed, 研究室 in progress and overdue — so 2 of 4 are done (50%).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.core import workdays
from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence, TaskStatus, Theme
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.duty.selectors.lists import cn_number
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.org.models import LeadingGroupMember


@dataclass
class Ledger:
    duty_list: DutyList
    top: DutySection
    sub: DutySection
    item1: DutyItem  # （一）: 办公室 leads (completed), 研究室 co-operates (in progress)
    item2: DutyItem  # 一、: 研究室 leads, deadline passed, not started → 逾期
    item3: DutyItem  # 一、: 办公室 leads, closed (已销号)
    a1: DutyAssignment
    b1: DutyAssignment
    b2: DutyAssignment
    a3: DutyAssignment


def member(org, person, post: str = "member") -> LeadingGroupMember:
    return LeadingGroupMember.objects.create(organ=org.organ, person=person, post=post, start=dt.date(2020, 1, 1))


@pytest.fixture
def ledger(org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, leader) -> Ledger:
    member(org, leader.person)
    today = timezone.localdate()
    duty_list = DutyListFactory(organ=org.organ)
    top = DutySection.objects.create(duty_list=duty_list, order=1, title="落实全面从严治党主体责任")
    sub = DutySection.objects.create(duty_list=duty_list, parent=top, order=1, title="加强党的政治建设")
    common = {"duty_list": duty_list, "lead_leader": leader.person}
    item1 = DutyItemFactory(
        **common, section=sub, order=1, content="制定年度党建工作要点", theme=Theme.STRICT_GOVERNANCE
    )
    item2 = DutyItemFactory(
        **common, section=top, order=2, content="开展廉政风险点排查", theme=Theme.INTEGRITY,
        deadline=workdays.previous_working_day(today),  # a rest day would run to today
    )  # fmt: skip
    item3 = DutyItemFactory(**common, section=top, order=3, content="落实意识形态工作责任制", theme=Theme.IDEOLOGY)
    a1 = AssignmentFactory(item=item1, unit=org.unit_a, status=TaskStatus.COMPLETED, completed_on=today)
    b1 = AssignmentFactory(item=item1, unit=org.unit_b, role=AssignmentRole.CO, status=TaskStatus.IN_PROGRESS)
    b2 = AssignmentFactory(item=item2, unit=org.unit_b)
    a3 = AssignmentFactory(item=item3, unit=org.unit_a, status=TaskStatus.CLOSED, completed_on=today)
    return Ledger(duty_list, top, sub, item1, item2, item3, a1, b1, b2, a3)


def _get(client, user, url: str, **params):
    client.force_login(user)
    return client.get(url, params)


# --- who reads the tree -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader"])
def test_every_business_account_reads_the_published_tree(client, ledger, persona, name):
    html = _get(client, persona(name), reverse("duty_index")).content.decode()
    assert "制定年度党建工作要点" in html
    assert "一、落实全面从严治党主体责任" in html and "（一）加强党的政治建设" in html
    assert 'data-testid="list-status">已印发' in html


@pytest.mark.parametrize("name", ["sysadmin", "secadmin", "auditadmin"])
def test_the_administrators_are_refused(client, ledger, persona, name):
    response = _get(client, persona(name), reverse("duty_index"))
    assert response.status_code == 403
    assert "仅供机关业务账号查看" in response.content.decode()


def test_a_draft_is_invisible_to_cadres_and_visible_to_the_office_and_leaders(
    client, ledger, cadre_other_unit, unit_head, leader, party_officer
):
    DutyList.objects.filter(pk=ledger.duty_list.pk).update(status=ListStatus.DRAFT)
    for user in (cadre_other_unit, unit_head):
        html = _get(client, user, reverse("duty_index")).content.decode()
        assert "制定年度党建工作要点" not in html and 'data-testid="no-list"' in html
        assert _get(client, user, reverse("duty_task", args=[ledger.a1.pk])).status_code == 404
    html = _get(client, leader, reverse("duty_index")).content.decode()
    assert "制定年度党建工作要点" in html and 'data-testid="publish"' not in html
    html = _get(client, party_officer, reverse("duty_index")).content.decode()
    assert 'data-testid="list-status">草稿' in html and 'data-testid="publish"' in html


# --- figures -------------------------------------------------------------------------------------------


def test_the_tree_shows_completion_per_node_unit_and_leader(client, ledger, cadre_other_unit):
    html = _get(client, cadre_other_unit, reverse("duty_index")).content.decode()
    # The whole list and 一、 (which holds everything): 2 of 4 done, 1 overdue.
    assert 'data-done="2" data-total="4" data-rate="50"' in html
    assert "逾期 1" in html
    # （一） holds item 1 only: 1 of 2 done.
    assert 'data-done="1" data-total="2" data-rate="50"' in html
    by_unit = html.split('data-testid="by-unit"')[1].split("</table>")[0]
    office = by_unit.split('data-unit="办公室"')[1].split("</tr>")[0]
    research = by_unit.split('data-unit="研究室"')[1].split("</tr>")[0]
    assert "<td>2</td><td>2/1</td>" in office and "100%" in office
    assert "<td>2</td><td>0/0</td>" in research and '<span class="text-danger fw-bold">1</span>' in research
    leader_row = html.split('data-leader="leader"')[1].split("</tr>")[0]
    assert "<td>3</td><td>2/4</td>" in leader_row and "50%" in leader_row


def test_each_unit_task_shows_its_status_with_overdue_in_red(client, ledger, cadre_same_unit):
    html = _get(client, cadre_same_unit, reverse("duty_index")).content.decode()
    assert 'text-bg-danger" data-testid="task-badge" data-status="overdue">研究室（牵头）· 逾期' in html
    assert 'data-status="closed">办公室（牵头）· 已销号' in html
    assert 'data-status="in_progress">研究室（配合）· 推进中' in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"status": "overdue"}, ["开展廉政风险点排查"], ["制定年度党建工作要点", "落实意识形态工作责任制"]),
        ({"unit": "A"}, ["制定年度党建工作要点", "落实意识形态工作责任制"], ["开展廉政风险点排查"]),
        ({"theme": Theme.IDEOLOGY}, ["落实意识形态工作责任制"], ["制定年度党建工作要点", "开展廉政风险点排查"]),
    ],
)
def test_the_filters_narrow_the_tree(client, ledger, org, cadre_same_unit, params, shown, hidden):
    if params.get("unit") == "A":
        params = {"unit": org.unit_a.pk}
    html = _get(client, cadre_same_unit, reverse("duty_index"), **params).content.decode()
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_the_unit_filter_counts_only_that_units_tasks(client, ledger, org, cadre_same_unit):
    html = _get(client, cadre_same_unit, reverse("duty_index"), unit=org.unit_b.pk).content.decode()
    overall = html.split('data-testid="overall"')[1]
    assert 'data-done="0" data-total="2" data-rate="0"' in overall.split("</div>")[0] + overall[:400]


def test_another_year_without_a_list_says_so(client, ledger, cadre_same_unit):
    html = _get(client, cadre_same_unit, reverse("duty_index"), year=2001).content.decode()
    assert "2001年的责任清单尚未印发" in html


# --- the office edits; others are refused ---------------------------------------------------------------


def test_a_cadre_of_unit_b_reads_but_is_refused_every_edit(client, ledger, cadre_other_unit):
    client.force_login(cadre_other_unit)
    pk = ledger.duty_list.pk
    for url in (
        reverse("duty_list_create"),
        reverse("duty_list_edit", args=[pk]),
        reverse("duty_section_create", args=[pk]),
        reverse("duty_section_edit", args=[ledger.top.pk]),
        reverse("duty_item_create", args=[pk]),
        reverse("duty_item_edit", args=[ledger.item1.pk]),
        reverse("duty_item_delete", args=[ledger.item1.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "责任清单由机关党委专责人员维护" in response.content.decode()
    assert client.post(reverse("duty_list_publish", args=[pk])).status_code == 403
    assert client.post(reverse("duty_item_delete", args=[ledger.item1.pk])).status_code == 403
    assert DutyItem.objects.filter(pk=ledger.item1.pk).exists()


def _item_post(org, leader, **extra) -> dict:
    data = {
        "order": "4",
        "content": "组织开展警示教育",
        "theme": Theme.INTEGRITY,
        "lead_leader": leader.person_id,
        "deadline": f"{timezone.localdate().year}-11-30",
        "recurrence": Recurrence.ONCE,
        "standard": "全体干部参加",
        "evidence_required": "通知、签到表、照片",
        "lead_unit": org.unit_a.pk,
        "co_units": [org.unit_b.pk],
    }
    return {**data, **extra}


def test_the_office_adds_an_item_with_its_lead_and_co_units(client, ledger, org, party_officer, leader):
    client.force_login(party_officer)
    url = reverse("duty_item_create", args=[ledger.duty_list.pk])
    form = client.get(url, {"section": ledger.top.pk}).content.decode()
    assert "一、落实全面从严治党主体责任" in form and "（一）加强党的政治建设" in form
    response = client.post(url, _item_post(org, leader, section=ledger.top.pk))
    item = DutyItem.objects.get(content="组织开展警示教育")
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.pk}")
    roles = {a.unit_id: a.role for a in item.assignments.all()}
    assert roles == {org.unit_a.pk: AssignmentRole.LEAD, org.unit_b.pk: AssignmentRole.CO}
    assert item.section == ledger.top and item.lead_leader_id == leader.person_id


def test_the_item_form_shows_the_services_refusal_in_chinese(client, ledger, org, party_officer, leader):
    client.force_login(party_officer)
    url = reverse("duty_item_create", args=[ledger.duty_list.pk])
    html = client.post(url, _item_post(org, leader, co_units=[org.unit_a.pk])).content.decode()
    assert "牵头委室不能同时是配合委室" in html
    html = client.post(url, _item_post(org, leader, deadline="")).content.decode()
    assert "一次性任务须填写完成时限" in html
    assert not DutyItem.objects.filter(content="组织开展警示教育").exists()


def test_the_lead_leader_is_chosen_among_the_party_group(client, ledger, org, party_officer, leader, unit_head):
    client.force_login(party_officer)
    html = client.get(reverse("duty_item_create", args=[ledger.duty_list.pk])).content.decode()
    choices = html.split('name="lead_leader"')[1].split("</select>")[0]
    assert f'value="{leader.person_id}"' in choices and f'value="{unit_head.person_id}"' not in choices


def test_the_office_edits_an_item_and_moves_a_unit(client, ledger, org, party_officer, leader):
    client.force_login(party_officer)
    url = reverse("duty_item_edit", args=[ledger.item2.pk])
    form = client.get(url).content.decode()
    assert "开展廉政风险点排查" in form
    data = _item_post(org, leader, content="开展廉政风险点排查", lead_unit=org.unit_a.pk, co_units=[])
    assert client.post(url, data).status_code == 302
    assert list(ledger.item2.assignments.values_list("unit_id", flat=True)) == [org.unit_a.pk]
    assert DutyAssignment.all_objects.get(pk=ledger.b2.pk).deleted_at is not None


def test_the_office_deletes_an_item_after_confirming(client, ledger, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    url = reverse("duty_item_delete", args=[ledger.item3.pk])
    assert "确认删除" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not DutyItem.objects.filter(pk=ledger.item3.pk).exists()
    html = _get(client, cadre_same_unit, reverse("duty_index")).content.decode()
    assert "落实意识形态工作责任制" not in html and 'data-done="1" data-total="3"' in html


def test_the_office_creates_a_list_adds_headings_and_publishes(client, org, party_officer, leader):
    member(org, leader.person)
    client.force_login(party_officer)
    year = timezone.localdate().year + 1
    response = client.post(reverse("duty_list_create") + f"?year={year}", {"year": year, "title": ""})
    duty_list = DutyList.objects.get(year=year)
    assert response.status_code == 302 and duty_list.title == f"{year}年全面从严治党主体责任清单"
    publish = reverse("duty_list_publish", args=[duty_list.pk])
    response = client.post(publish, follow=True)
    assert "清单中还没有任何事项，不能印发" in response.content.decode()
    sections = reverse("duty_section_create", args=[duty_list.pk])
    client.post(sections, {"order": 1, "title": "压实主体责任"})
    top = DutySection.objects.get(duty_list=duty_list)
    client.post(sections, {"order": 1, "title": "健全责任体系", "parent": top.pk})
    assert DutySection.objects.get(parent=top).title == "健全责任体系"
    data = _item_post(org, leader, deadline=f"{year}-06-30", section=top.pk)
    client.post(reverse("duty_item_create", args=[duty_list.pk]), data)
    response = client.post(publish, follow=True)
    duty_list.refresh_from_db()
    assert duty_list.status == ListStatus.PUBLISHED and "已印发" in response.content.decode()


def test_a_second_list_for_the_same_year_is_refused(client, ledger, party_officer):
    client.force_login(party_officer)
    year = ledger.duty_list.year
    html = client.post(reverse("duty_list_create"), {"year": year, "title": "重复"}).content.decode()
    assert f"{year}年的责任清单已存在" in html


def test_the_office_sees_import_and_copy_links(client, ledger, party_officer, cadre_same_unit):
    html = _get(client, party_officer, reverse("duty_index")).content.decode()
    assert "/duty/import/" in html and "沿用上年清单" in html
    html = _get(client, cadre_same_unit, reverse("duty_index")).content.decode()
    assert "沿用上年清单" not in html and 'data-testid="item-new"' not in html


# --- the Excel 台账 --------------------------------------------------------------------------------------


def test_the_ledger_export_has_one_row_per_unit_task(client, ledger, cadre_other_unit):
    from qinglian.audit.models import AuditEvent

    response = _get(client, cadre_other_unit, reverse("duty_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"{ledger.duty_list.year}年主体责任清单台账"
    assert rows[1] == (
        "序号", "标题", "任务内容", "类别", "牵头领导", "责任委室", "分工", "完成时限/周期", "完成标准",
        "佐证要求", "状态", "最近进展", "认领时间", "完成日期", "销号时间",
    )  # fmt: skip
    data = rows[2:]
    assert len(data) == 4
    assert [(r[5], r[6], r[10]) for r in data] == [
        ("办公室", "牵头", "已完成"),
        ("研究室", "配合", "推进中"),
        ("研究室", "牵头", "逾期"),
        ("办公室", "牵头", "已销号"),
    ]
    assert data[0][1] == "一、落实全面从严治党主体责任 / （一）加强党的政治建设"
    assert data[0][2] == "1. 制定年度党建工作要点" and data[0][4] == "leader"
    event = AuditEvent.objects.filter(action="export").latest("seq")
    assert event.detail["rows"] == 4


def test_the_export_follows_the_filters_and_shows_the_latest_report(client, ledger, org, cadre_same_unit):
    from qinglian.duty.models import ProgressReport

    ProgressReport.objects.create(
        organ=org.organ, assignment=ledger.b1, date=timezone.localdate(), content="已起草初稿", percent=40
    )
    response = _get(client, cadre_same_unit, reverse("duty_index"), unit=org.unit_b.pk, format="xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2:]
    assert [r[5] for r in rows] == ["研究室", "研究室"]
    assert rows[0][11].endswith("已起草初稿（40%）")


# --- a heading's number is written once (#14 item 3) ------------------------------------------------


@pytest.fixture
def numbered_titles(ledger) -> Ledger:
    """Titles stored with their number typed in, as the demo's bulk outline and older rows hold them."""
    DutySection.objects.filter(pk=ledger.top.pk).update(title="一、落实全面从严治党主体责任")
    DutySection.objects.filter(pk=ledger.sub.pk).update(title="（一）加强党的政治建设")
    return ledger


def test_the_page_numbers_a_heading_once_when_its_title_carries_a_number(client, numbered_titles, cadre_same_unit):
    html = _get(client, cadre_same_unit, reverse("duty_index")).content.decode()
    assert "一、落实全面从严治党主体责任" in html and "（一）加强党的政治建设" in html
    assert "一、一、" not in html and "（一）（一）" not in html


def test_the_excel_numbers_a_heading_once_when_its_title_carries_a_number(client, numbered_titles, cadre_same_unit):
    response = _get(client, cadre_same_unit, reverse("duty_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2:]
    assert rows[0][1] == "一、落实全面从严治党主体责任 / （一）加强党的政治建设"
    assert rows[2][1] == "一、落实全面从严治党主体责任"


def test_the_item_form_numbers_a_heading_once(client, numbered_titles, party_officer):
    client.force_login(party_officer)
    form = client.get(reverse("duty_item_create", args=[numbered_titles.duty_list.pk])).content.decode()
    assert "（一）加强党的政治建设" in form and "（一）（一）" not in form


def test_a_number_typed_into_a_new_heading_is_not_stored(client, ledger, party_officer):
    client.force_login(party_officer)
    client.post(reverse("duty_section_create", args=[ledger.duty_list.pk]), {"order": 2, "title": "二、强化监督"})
    assert DutySection.objects.get(duty_list=ledger.duty_list, order=2, parent=None).title == "强化监督"
    html = client.post(
        reverse("duty_section_create", args=[ledger.duty_list.pk]), {"order": 3, "title": "三、"}
    ).content.decode()
    assert "标题不能为空" in html


def test_chinese_numbers_for_headings():
    assert [cn_number(n) for n in (1, 9, 10, 12, 20, 23)] == ["一", "九", "十", "十二", "二十", "二十三"]
