"""The finding lists as people read them (issue #14 items 2 and 7): short titles with the reason beneath, codes
that do not break one character per line, recorded facts apart from to-dos, outside units apart in the summary,
the 督办单 waiting for a unit head's reply in 我的待办, the digest preference, and the findings on a record's page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.compliance.tests.factories import FindingFactory
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, NoticeFactory
from qinglian.notify.models import Preference
from qinglian.org.choices import UnitKind
from qinglian.org.tests.factories import UnitFactory

DUE = dt.date(2026, 12, 4)


@pytest.fixture
def mixed(org, unit_head):
    return [
        FindingFactory(organ=org.organ, severity="blue", responsible_unit=org.unit_a, due_date=DUE, subject_repr="蓝"),
        FindingFactory(organ=org.organ, severity="red", responsible_unit=org.unit_a, due_date=DUE, subject_repr="红"),
        FindingFactory(
            organ=org.organ, severity="red", status="recorded", responsible_unit=org.unit_a, subject_repr="已过"
        ),
    ]


def test_the_list_shows_the_short_title_the_reason_beneath_and_codes_that_do_not_wrap(client, mixed, party_officer):
    client.force_login(party_officer)
    page = client.get(reverse("finding_list")).content.decode()
    assert "党员未编入支部" in page  # ORG-002's short title, as the link
    assert '<div class="small text-muted">党员未编入党支部</div>' in page  # the reason beneath it
    # Issue #14: at 1280 px "NPC-/003" broke one character per line: code, severity and dates never wrap.
    assert '<td class="d-none d-lg-table-cell small text-nowrap">ORG-002</td>' in page
    assert page.index("红") < page.index("蓝")


def test_the_open_list_and_my_to_dos_leave_recorded_facts_out_and_the_figures_count_them(client, mixed, unit_head):
    client.force_login(unit_head)
    page = client.get(reverse("finding_list")).content.decode()
    assert "已过" not in page and "违规记录 1" in page
    recorded = client.get(reverse("finding_list") + "?status=recorded").content.decode()
    assert "已过" in recorded and "已记录" in recorded
    todo = client.get(reverse("todo"))
    assert [f.subject_repr for f in todo.context["findings"]] == ["红", "蓝"]


def test_the_excel_export_lists_red_first(client, mixed, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("finding_list") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    colours = [row[1].value for row in sheet.iter_rows() if row[1].value in ("红色预警", "黄色预警", "蓝色提示")]
    assert colours == ["红色预警", "红色预警", "蓝色提示"]  # every status (no filter given), red first


def test_the_unit_summary_puts_outside_units_apart(client, org, party_officer):
    bureau = UnitFactory(organ=org.organ, name="市住房和城乡建设局", kind=UnitKind.EXTERNAL)
    FindingFactory(organ=org.organ, responsible_unit=org.unit_a, due_date=DUE)
    FindingFactory(organ=org.organ, responsible_unit=bureau, due_date=DUE)
    client.force_login(party_officer)
    page = client.get(reverse("finding_unit_summary")).content.decode()
    assert (
        page.index("本机关各委室")
        < page.index("办公室")
        < page.index("外部承办单位")
        < page.index("市住房和城乡建设局")
    )
    assert "（未指定委室）" not in page


def test_a_finding_routed_to_the_keeper_says_so(client, org, party_officer):
    finding = FindingFactory(organ=org.organ, responsible_unit=org.unit_a, via_keeper=True, due_date=DUE)
    client.force_login(party_officer)
    assert "台账归口" in client.get(reverse("finding_detail", args=[finding.pk])).content.decode()


def test_a_recorded_fact_has_no_due_date_and_no_action(client, org, party_officer):
    finding = FindingFactory(organ=org.organ, status="recorded", responsible_unit=org.unit_a)
    client.force_login(party_officer)
    response = client.get(reverse("finding_detail", args=[finding.pk]))
    assert response.context["transitions"] == []
    assert "无（已记录）" in response.content.decode()


def test_notices_awaiting_the_unit_heads_reply_are_in_my_to_dos(client, org, unit_head, party_officer):
    task = AssignmentFactory(item=DutyItemFactory(duty_list=DutyListFactory(organ=org.organ)), unit=org.unit_a)
    notice = NoticeFactory(organ=org.organ, assignment=task, unit=org.unit_a, issued_by=party_officer)
    client.force_login(unit_head)
    response = client.get(reverse("todo"))
    [(source, items)] = response.context["sections"]
    assert source.label == "待回复督办单" and items[0].link == reverse("duty_notice", args=[notice.pk])
    assert response.context["todo_count"] == 1  # the badge counts it
    client.force_login(party_officer)  # the issuer does not reply: nothing waits for them
    assert client.get(reverse("todo")).context["sections"] == []


def test_a_person_chooses_the_daily_digest_on_their_inbox(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    assert "改为每日汇总" in client.get(reverse("notify_inbox")).content.decode()
    client.post(reverse("notify_preference"), {"daily_digest": "1"})
    assert Preference.objects.get(user=cadre_same_unit).daily_digest
    assert "改为逐条提醒" in client.get(reverse("notify_inbox")).content.decode()
    client.post(reverse("notify_preference"), {"daily_digest": "0"})
    assert not Preference.objects.get(user=cadre_same_unit).daily_digest


def test_a_record_page_shows_its_open_findings_and_recorded_facts(org, unit_head):
    FindingFactory(organ=org.organ, subject_link="/npc/suggestions/7/", responsible_unit=org.unit_a, due_date=DUE)
    FindingFactory(organ=org.organ, subject_link="/npc/suggestions/7/", status="recorded", responsible_unit=org.unit_a)
    FindingFactory(organ=org.organ, subject_link="/npc/suggestions/7/", status="closed", responsible_unit=org.unit_a)
    FindingFactory(organ=org.organ, subject_link="/npc/suggestions/8/", responsible_unit=org.unit_a, due_date=DUE)
    request = RequestFactory().get("/npc/suggestions/7/")
    request.user = unit_head
    html = Template("{% load compliance %}{% record_findings %}").render(Context({"request": request}))
    assert "预警与违规记录（2）" in html and "已记录" in html


def test_a_finding_read_elsewhere_shows_its_day_counts_filled_in(org):
    """The 督办单 drafted from a finding takes its words as they read today, never the marker."""
    from qinglian.compliance.registry import OVERDUE_DAYS
    from qinglian.duty.models import OversightNotice
    from qinglian.duty.selectors.notices import draft_from_finding

    finding = FindingFactory(
        organ=org.organ, reason=f"至今未答复，已逾期{OVERDUE_DAYS}", responsible_unit=org.unit_a, due_date=DUE
    )
    notice = OversightNotice(organ=org.organ)
    draft_from_finding(notice, finding, DUE + dt.timedelta(days=7))
    assert "{" not in notice.reason and "个工作日" in notice.reason


def test_the_list_filters_by_the_rules_category(client, org, party_officer):
    """A workbench card counts one category's findings (八项规定) and links to the list filtered the same way."""
    FindingFactory(organ=org.organ, rule_code="FRG-003", responsible_unit=org.unit_a, subject_repr="陪餐超标")
    FindingFactory(organ=org.organ, rule_code="ORG-002", responsible_unit=org.unit_a, subject_repr="未编入支部")
    client.force_login(party_officer)
    page = client.get(reverse("finding_list"), {"category": "八项规定"}).content.decode()
    assert "陪餐超标" in page and "未编入支部" not in page
    assert client.get(reverse("finding_list"), {"category": "没有这一类"}).status_code == 200
