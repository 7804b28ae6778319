"""廉政风险点 pages: the register with its filters and heat map (the data behind the chart and the table it degrades
to), one risk point with its reviews and the link to its ledger, the forms, the per-unit register for print, the
Excel export, the workbench cards and the to-do."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.compliance.todos import todo_sections
from qinglian.core import clock
from qinglian.integrity.choices import RiskLedger, RiskLevel
from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.integrity.selectors.risks import LedgerLink, ledger_link
from qinglian.integrity.tests.factories import RiskPointFactory

D = dt.date
TODAY = clock.today()
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def register(org, unit_head, cadre_other_unit):
    """Unit A (办公室): two high, one medium (overdue for review); unit B (研究室): one low."""
    long_ago = D(TODAY.year - 2, 1, 10)
    return {
        "reception": RiskPointFactory(
            unit=org.unit_a, post="机关事务科", level=RiskLevel.HIGH, owner=unit_head.person, identified_on=TODAY
        ),
        "procurement": RiskPointFactory(
            unit=org.unit_a, matter="政府采购", level=RiskLevel.HIGH, ledger=RiskLedger.PROCUREMENT, identified_on=TODAY
        ),
        "funds": RiskPointFactory(
            unit=org.unit_a, matter="财务资金管理", ledger=RiskLedger.FUNDS, identified_on=long_ago
        ),
        "research": RiskPointFactory(
            unit=org.unit_b,
            matter="代表建议交办",
            level=RiskLevel.LOW,
            ledger=RiskLedger.SUGGESTIONS,
            owner=cadre_other_unit.person,
            identified_on=TODAY,
        ),
    }


def _rows(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'data-risk="(\d+)"', response.content.decode())}


def test_the_list_shows_what_each_sees(org, register, party_officer, unit_head, cadre_other_unit, supervisor):
    everything = {r.pk for r in register.values()}
    assert _rows(_as(party_officer).get(reverse("integrity_risks"))) == everything
    assert _rows(_as(supervisor).get(reverse("integrity_risks"))) == everything
    unit_a = {register[k].pk for k in ("reception", "procurement", "funds")}
    assert _rows(_as(unit_head).get(reverse("integrity_risks"))) == unit_a
    assert _rows(_as(cadre_other_unit).get(reverse("integrity_risks"))) == {register["research"].pk}


def test_the_filters(org, register, party_officer):
    client = _as(party_officer)
    url = reverse("integrity_risks")
    assert _rows(client.get(url, {"unit": org.unit_b.pk})) == {register["research"].pk}
    high = {register["reception"].pk, register["procurement"].pk}
    assert _rows(client.get(url, {"unit": org.unit_a.pk, "level": "high"})) == high
    assert _rows(client.get(url, {"ledger": "funds"})) == {register["funds"].pk}
    assert _rows(client.get(url, {"review": "overdue"})) == {register["funds"].pk}
    page = client.get(url, {"level": "nonsense"})
    assert page.status_code == 200 and "查询条件有误" in page.content.decode()
    assert _rows(page) == {r.pk for r in register.values()}


def test_the_heat_map_counts_units_by_level_and_links_each_cell(org, register, party_officer):
    page = _as(party_officer).get(reverse("integrity_risks")).content.decode()
    option = json.loads(html.unescape(re.search(r'data-risk-heatmap="([^"]*)"', page)[1]))
    assert option["yAxis"]["data"] == ["办公室", "研究室"]
    assert option["xAxis"]["data"] == ["高风险", "中风险", "低风险"]
    assert sorted(option["series"][0]["data"]) == [[0, 0, 2], [0, 1, 0], [1, 0, 1], [1, 1, 0], [2, 0, 0], [2, 1, 1]]
    links = json.loads(html.unescape(re.search(r'data-links="([^"]*)"', page)[1]))
    assert links[0][0] == f"/integrity/risks/?unit={org.unit_a.pk}&level=high"
    assert _rows(_as(party_officer).get(links[0][0])) == {register["reception"].pk, register["procurement"].pk}
    # Without JS, on a phone and on paper: the same counts as a table, each count a link.
    table = page[page.index('data-testid="heat-table"') :]
    assert f'href="/integrity/risks/?unit={org.unit_a.pk}&amp;level=high" data-count="2"' in table
    assert 'id="risk-heat-table"' in page and "d-none d-print-none" in page
    assert "integrity/risk_heatmap.js" in page and "echarts.min.js" in page
    assert "<script>" not in page  # CSP: no inline script


def test_the_heat_map_keeps_the_other_filters(org, register, party_officer):
    page = _as(party_officer).get(reverse("integrity_risks"), {"review": "overdue"}).content.decode()
    links = json.loads(html.unescape(re.search(r'data-links="([^"]*)"', page)[1]))
    assert links == [
        [f"/integrity/risks/?unit={org.unit_a.pk}&level={lv}&review=overdue" for lv in ("high", "medium", "low")]
    ]


def test_the_detail_links_to_the_ledger_where_the_risk_occurs(org, register, party_officer):
    client = _as(party_officer)
    research = client.get(reverse("integrity_risk", args=[register["research"].pk])).content.decode()
    assert '<a href="/npc/suggestions/">代表建议办理</a>' in research
    reception = client.get(reverse("integrity_risk", args=[register["reception"].pk])).content.decode()
    assert '<a href="/frugality/receptions/">公务接待</a>' in reception
    procurement = client.get(reverse("integrity_risk", args=[register["procurement"].pk])).content.decode()
    link = re.search(r'data-testid="ledger-link">(.*?)</dd>', procurement)[1]
    assert link.startswith("政府采购") and "暂无政府采购台账" in link and "href" not in link
    RiskPoint.objects.filter(pk=register["funds"].pk).update(ledger=RiskLedger.PERSONNEL)
    personnel = client.get(reverse("integrity_risk", args=[register["funds"].pk])).content.decode()
    assert f'<a href="{reverse("event_list")}">选人用人</a>' in personnel
    assert "逾期未复核" in personnel and "修改记录" in personnel and "evidence-panel" in personnel


@pytest.mark.parametrize(
    ("ledger", "url"),
    [
        (RiskLedger.RECEPTION, "/frugality/receptions/"),
        (RiskLedger.TRAVEL, "/frugality/trips/"),
        (RiskLedger.CONFERENCE, "/frugality/conferences/"),
        (RiskLedger.TRAINING, "/frugality/training/"),
    ],
)
def test_the_frugality_ledgers_are_linked_by_path(ledger, url):
    """integrity may not import frugality: its ledgers are named by path, as npc's are."""
    assert ledger_link(ledger) == LedgerLink(RiskLedger(ledger).label, url=url)


def test_forms_add_review_and_retire(org, party_officer, unit_head):
    client = _as(unit_head)
    data = {
        "unit": org.unit_a.pk,
        "post": "财务岗",
        "matter": "财务报销",
        "description": "票据审核把关不严",
        "level": "medium",
        "controls": "不相容岗位分离",
        "owner": unit_head.person.pk,
        "ledger": "funds",
        "ledger_note": "",
        "identified_on": "2026-01-10",
    }
    response = client.post(reverse("integrity_risk_create"), data)
    risk = RiskPoint.objects.get(matter="财务报销")
    assert response.status_code == 302 and response.url == reverse("integrity_risk", args=[risk.pk])
    refused = client.post(reverse("integrity_risk_create"), {**data, "unit": org.unit_b.pk, "matter": "另一"})
    assert refused.status_code == 400 and not RiskPoint.objects.filter(matter="另一").exists()
    future = client.post(reverse("integrity_risk_create"), {**data, "matter": "未来", "identified_on": "2099-01-01"})
    assert future.status_code == 400 and "排查日期不能晚于今天" in future.content.decode()
    review = client.post(
        reverse("integrity_risk_review", args=[risk.pk]),
        {"date": "2026-02-01", "level": "high", "note": "调高"},
    )
    assert review.status_code == 302
    risk.refresh_from_db()
    assert risk.level == "high" and RiskReview.objects.get(risk=risk).level_before == "medium"
    early = client.post(reverse("integrity_risk_review", args=[risk.pk]), {"date": "2025-12-31", "level": "high"})
    assert early.status_code == 400 and "复核日期不能早于排查日期" in early.content.decode()
    edit = client.post(reverse("integrity_risk_edit", args=[risk.pk]), {**data, "controls": "不相容岗位分离；月度抽查"})
    assert edit.status_code == 302
    retire = client.post(reverse("integrity_risk_retire", args=[risk.pk]), {"reason": "岗位撤并"})
    assert retire.status_code == 302 and not RiskPoint.objects.filter(pk=risk.pk).exists()


def test_who_gets_the_forms(org, register, cadre_same_unit, unit_head, supervisor):
    assert _as(cadre_same_unit).get(reverse("integrity_risk_create")).status_code == 403
    assert _as(supervisor).get(reverse("integrity_risk_create")).status_code == 403
    assert _as(unit_head).get(reverse("integrity_risk_edit", args=[register["reception"].pk])).status_code == 200
    assert _as(cadre_same_unit).get(reverse("integrity_risk_edit", args=[register["reception"].pk])).status_code == 403
    assert _as(unit_head).get(reverse("integrity_risk_review", args=[register["research"].pk])).status_code == 404
    page = _as(cadre_same_unit).get(reverse("integrity_risks")).content.decode()
    assert "登记风险点" not in page


def test_the_register_prints_one_sheet_per_unit(org, register, party_officer):
    RiskReview.objects.create(risk=register["funds"], date=D(TODAY.year - 1, 3, 5), note="复核")
    page = _as(party_officer).get(reverse("integrity_risk_register")).content.decode()
    assert page.count('data-testid="register"') == 2
    assert "办公室廉政风险点登记表" in page and "研究室廉政风险点登记表" in page
    for header in ("岗位", "风险事项", "风险描述", "风险等级", "防控措施", "责任人", "最近复核"):
        assert f"<th>{header}</th>" in page
    assert f"{TODAY.year - 1}-03-05" in page and "break-after: page" in page
    one = _as(party_officer).get(reverse("integrity_risk_register"), {"unit": org.unit_b.pk}).content.decode()
    assert one.count('data-testid="register"') == 1 and "研究室廉政风险点登记表" in one


def test_the_export_is_the_register_layout(org, register, party_officer):
    response = _as(party_officer).get(reverse("integrity_risks_export"), {"unit": org.unit_a.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "办公室廉政风险点登记表"
    headers = "序号 委室 岗位 风险事项 风险描述 风险等级 防控措施 责任人 风险所在台账 排查日期 最近复核"
    assert [c.value for c in sheet[2]] == headers.split()
    assert sheet.max_row == 2 + 3
    assert {sheet.cell(row=r, column=6).value for r in range(3, 6)} == {"高", "中"}


def test_the_workbench_cards_and_the_todo(org, register, party_officer, unit_head):
    page = _as(unit_head).get(reverse("workbench")).content.decode()
    card = page[page.index('data-testid="widget-integrity-risk-unit"') :]
    assert 'data-level="high" data-count="2"' in card and 'data-testid="overdue-count" data-count="1"' in card
    assert "财务资金管理" in card
    office = _as(party_officer).get(reverse("workbench")).content.decode()
    due = office[office.index('data-testid="widget-integrity-risk-due"') :]
    assert 'data-testid="overdue-count" data-count="1"' in due
    sections = dict((source.key, items) for source, items in todo_sections(unit_head))
    [item] = sections["integrity_risks"]
    assert item.overdue and "财务资金管理" in item.title
    assert item.link == reverse("integrity_risk_review", args=[register["funds"].pk])
    assert "integrity_risks" not in dict((s.key, i) for s, i in todo_sections(party_officer))
