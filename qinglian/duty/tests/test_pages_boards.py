"""A unit's board, the leaders' responsibility cards, the Party group's agenda tags, the menu and the workbench."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

import qinglian.duty.nav  # noqa: F401  (registers the menu entries and the widget)
from qinglian.compliance.models import Finding
from qinglian.duty.choices import ListStatus, Theme
from qinglian.duty.models import AgendaTag, DutyList
from qinglian.duty.tests import test_pages_lists
from qinglian.duty.tests.factories import NoticeFactory
from qinglian.duty.tests.test_pages_lists import member
from qinglian.partylife.choices import Holder, MeetingKind
from qinglian.partylife.models import AgendaItem, Meeting

ledger = test_pages_lists.ledger  # the shared fixture


def _html(client, user, url: str, status: int = 200, **params) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == status, url
    return response.content.decode()


def _finding(org, unit, reason: str = "研究室第三季度未召开支委会") -> Finding:
    return Finding.objects.create(
        organ=org.organ,
        rule_code="PL-003",
        subject_type="org.unit",
        subject_id=str(unit.pk),
        subject_repr=unit.name,
        severity="red",
        reason=reason,
        responsible_unit=unit,
    )


# --- a unit's board -----------------------------------------------------------------------------------------


def test_the_board_groups_the_units_tasks_by_status(client, ledger, org, cadre_other_unit):
    html = _html(client, cadre_other_unit, reverse("duty_unit_board", args=[org.unit_b.pk]))
    counts = {
        key: html.split(f'data-testid="group-{key}"')[1].split('data-testid="group-count">')[1].split("<")[0]
        for key in ("not_started", "in_progress", "overdue", "completed", "closed")
    }
    assert counts == {"not_started": "0", "in_progress": "1", "overdue": "1", "completed": "0", "closed": "0"}
    assert 'data-done="0" data-total="2" data-rate="0"' in html and "逾期 1 项" in html


def test_the_board_shows_findings_and_notices_as_their_own_scopes_allow(
    client, ledger, org, party_officer, cadre_other_unit
):
    _finding(org, org.unit_b)
    NoticeFactory(organ=org.organ, unit=org.unit_b, assignment=ledger.b2, reason="风险点排查逾期未启动")
    url = reverse("duty_unit_board", args=[org.unit_b.pk])
    html = _html(client, party_officer, url)
    assert "研究室第三季度未召开支委会" in html and "风险点排查逾期未启动" in html
    html = _html(client, cadre_other_unit, url)  # a cadre answers for no finding; the notice is their unit's
    assert "研究室第三季度未召开支委会" not in html and "风险点排查逾期未启动" in html


def test_the_board_exports_the_units_tasks(client, ledger, org, unit_head):
    import io

    from openpyxl import load_workbook

    client.force_login(unit_head)
    response = client.get(reverse("duty_unit_board", args=[org.unit_a.pk]), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [(r[1], r[4]) for r in rows[2:]] == [
        ("1. 制定年度党建工作要点", "已完成"),
        ("3. 落实意识形态工作责任制", "已销号"),
    ]


@pytest.mark.parametrize(("name", "unit"), [("unit_head", "unit_a"), ("cadre_other_unit", "unit_b")])
def test_my_unit_lands_on_the_head_unit_or_own_unit(client, ledger, org, persona, name, unit):
    client.force_login(persona(name))
    response = client.get(reverse("duty_my_unit"))
    assert response["Location"] == reverse("duty_unit_board", args=[getattr(org, unit).pk])


# --- responsibility cards --------------------------------------------------------------------------------------


def test_the_card_lists_supervised_units_led_items_and_completion(client, ledger, org, cadre_same_unit, party_officer):
    _finding(org, org.unit_b)
    _finding(org, org.unit_a, reason="办公室问题")  # not a unit the leader supervises
    leader_person = ledger.item1.lead_leader
    html = _html(client, cadre_same_unit, reverse("duty_card", args=[leader_person.pk]))
    assert '<dd class="col-8 col-md-10" data-testid="supervised"><a' in html and "研究室</a>" in html
    led = html.split('data-testid="led-items"')[1].split("</table>")[0]
    assert led.count("<tr><td>") == 3
    tasks = html.split('data-testid="unit-tasks"')[1].split("</table>")[0]
    assert tasks.count('<td class="text-nowrap">研究室</td>') == 2
    # led items' 4 tasks (研究室's two among them, counted once): 2 done of 4.
    assert 'data-done="2" data-total="4" data-rate="50"' in html
    # The supervised unit's open finding is counted for whoever may see it, not for a cadre who may not.
    assert 'data-testid="open-findings">0 条' in html
    html = _html(client, party_officer, reverse("duty_card", args=[leader_person.pk]))
    assert 'data-testid="open-findings">1 条' in html


def test_the_card_list_shows_every_member(client, ledger, org, cadre_other_unit, party_officer):
    member(org, party_officer.person, post="secretary")
    html = _html(client, cadre_other_unit, reverse("duty_card_list"))
    rows = html.split('data-testid="cards"')[1]
    assert rows.index('data-person="leader"') > rows.index('data-person="party_officer"') > 0
    assert "党组书记" in rows and "2/4（50%）" in rows


def test_a_person_outside_the_party_group_has_no_card(client, ledger, unit_head, cadre_same_unit):
    html = _html(client, cadre_same_unit, reverse("duty_card", args=[unit_head.person_id]), status=404)
    assert "没有责任卡" in html


def test_a_draft_lists_tasks_stay_off_the_card_for_a_cadre(client, ledger, cadre_same_unit, leader):
    DutyList.objects.filter(pk=ledger.duty_list.pk).update(status=ListStatus.DRAFT)
    url = reverse("duty_card", args=[leader.person_id])
    assert "无牵头事项" in _html(client, cadre_same_unit, url)
    assert "无牵头事项" not in _html(client, leader, url)


def test_a_leader_opens_their_own_card(client, ledger, leader, cadre_same_unit):
    client.force_login(leader)
    response = client.get(reverse("duty_my_card"))
    assert response["Location"].startswith(reverse("duty_card", args=[leader.person_id]))
    assert "不是党组成员" in _html(client, cadre_same_unit, reverse("duty_my_card"), status=404)


# --- the Party group's agenda ----------------------------------------------------------------------------


@pytest.fixture
def agenda(org, party_officer):
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        organ=org.organ,
        kind=MeetingKind.LEADING_GROUP_MEETING,
        holder=Holder.LEADING_GROUP,
        date=dt.date(today.year, 3, 10),
        topic="党组会议（第3次）",
    )
    first = AgendaItem.objects.create(meeting=meeting, order=1, title="研究全面从严治党工作要点")
    second = AgendaItem.objects.create(meeting=meeting, order=2, title="听取意识形态工作情况汇报")
    return first, second


def test_the_office_tags_an_agenda_item_with_htmx(client, agenda, party_officer):
    first, _ = agenda
    client.force_login(party_officer)
    html = client.get(reverse("duty_agenda")).content.decode()
    assert f'hx-post="{reverse("duty_agenda_tags", args=[first.pk])}"' in html
    assert f'href="{reverse("meeting_create")}?kind=leading_group_meeting"' in html
    url = reverse("duty_agenda_tags", args=[first.pk])
    response = client.post(url, {"theme": [Theme.STRICT_GOVERNANCE, Theme.INTEGRITY]}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="tags-saved"' in body and "<html" not in body
    assert set(AgendaTag.objects.values_list("theme", flat=True)) == {Theme.STRICT_GOVERNANCE, Theme.INTEGRITY}
    client.post(url, {"theme": [Theme.INTEGRITY]}, HTTP_HX_REQUEST="true")
    assert list(AgendaTag.objects.values_list("theme", flat=True)) == [Theme.INTEGRITY]


def test_the_half_year_counts_follow_the_tags(client, agenda, party_officer, leader):
    first, second = agenda
    AgendaTag.objects.create(agenda_item=first, theme=Theme.INTEGRITY)
    AgendaTag.objects.create(agenda_item=second, theme=Theme.INTEGRITY)  # same meeting: counted once
    AgendaTag.objects.create(agenda_item=second, theme=Theme.IDEOLOGY)
    html = _html(client, leader, reverse("duty_agenda"))
    first_half = html.split('data-testid="theme-counts"')[1].split("</tr>")[1]
    assert 'data-theme="integrity" data-count="1"' in first_half
    assert 'data-theme="ideology" data-count="1"' in first_half
    assert 'data-theme="strict_governance" data-count="0"' in first_half
    assert "disabled" in html and "hx-post" not in html  # leaders read, the office tags


def test_the_counts_are_set_against_the_study_rules_in_force(client, agenda, leader):
    from qinglian.compliance.params import load_shipped

    load_shipped()
    first, second = agenda
    AgendaTag.objects.create(agenda_item=first, theme=Theme.INTEGRITY)
    AgendaTag.objects.create(agenda_item=second, theme=Theme.IDEOLOGY)
    html = _html(client, leader, reverse("duty_agenda"))
    rows = html.split('data-testid="theme-counts"')[1].split("</table>")[0].split("</tr>")
    first_half, second_half, year = rows[1], rows[2], rows[3]
    assert 'data-required="1">1/1</span>' in first_half.split('data-theme="ideology"')[1]  # DUTY-005, half-yearly
    assert 'data-required="1">0/1</span>' in second_half.split('data-theme="strict_governance"')[1]  # DUTY-007
    assert 'data-required="2">1/2</span>' in year.split('data-theme="integrity"')[1]  # DUTY-006, yearly
    assert "data-required" not in year.split('data-theme="ideology"')[1]


def test_a_leader_cannot_tag_and_a_cadre_cannot_see_the_agenda(client, agenda, leader, cadre_same_unit):
    first, _ = agenda
    client.force_login(leader)
    response = client.post(reverse("duty_agenda_tags", args=[first.pk]), {"theme": [Theme.IDEOLOGY]})
    assert response.status_code == 403 and "党组议题类别由机关党委专责人员标注" in response.content.decode()
    assert not AgendaTag.objects.exists()
    assert "仅供机关党委" in _html(client, cadre_same_unit, reverse("duty_agenda"), status=403)


def test_a_branch_meetings_agenda_cannot_be_tagged(client, org, party_officer):
    from qinglian.partylife.tests.factories import MeetingFactory

    meeting = MeetingFactory(branch__organ=org.organ)
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="支部议题")
    client.force_login(party_officer)
    assert client.post(reverse("duty_agenda_tags", args=[item.pk]), {"theme": ["integrity"]}).status_code == 404


# --- menu and workbench ------------------------------------------------------------------------------------------


def test_the_menu_offers_what_each_persona_may_open(client, ledger, leader, cadre_same_unit, sysadmin):
    html = _html(client, leader, reverse("workbench"))
    for label in ("责任清单", "本委室责任", "我的责任卡", "责任卡", "党组议事"):
        assert f"</i> {label}</a>" in html
    html = _html(client, cadre_same_unit, reverse("workbench"))
    assert "</i> 责任清单</a>" in html and "</i> 本委室责任</a>" in html
    assert "</i> 党组议事</a>" not in html and "</i> 我的责任卡</a>" not in html
    assert "</i> 责任清单</a>" not in _html(client, sysadmin, reverse("workbench"))


def test_the_workbench_card_counts_the_units_open_and_overdue_tasks(client, ledger, cadre_other_unit, unit_head):
    html = _html(client, cadre_other_unit, reverse("workbench"))
    card = html.split('data-testid="widget-duty-unit"')[1]
    assert "研究室" in card
    assert 'data-testid="widget-open">2<' in card and 'data-testid="widget-overdue">1<' in card
    assert card.index("开展廉政风险点排查") < card.index("制定年度党建工作要点")  # overdue first
    card = _html(client, unit_head, reverse("workbench")).split('data-testid="widget-duty-unit"')[1]
    assert 'data-testid="widget-open">0<' in card and "100%" in card
