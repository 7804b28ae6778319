"""The handling-report ledger (代表建议办理情况的报告, NPC-013): its service's refusals, the page (every year that owes
a report with its deadline and state), the desk's form, one report with its evidence and history, the export,
the menu entry, and who may write."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.registry import nav_for
from qinglian.npc.choices import NpcMeetingKind
from qinglian.npc.models import HandlingReport
from qinglian.npc.nav import SECTION
from qinglian.npc.services.reports import handling_report_save
from qinglian.npc.tests.factories import AgendaItemFactory, NpcMeetingFactory, SessionFactory, SuggestionFactory

D = dt.date
READERS = ("party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor")


@pytest.fixture
def clerk(desks, cadre_same_unit):
    """A person of the suggestions desk (unit A)."""
    return cadre_same_unit


@pytest.fixture
def ledger(org, desks):
    """Suggestions of 2025 and 2026; the 2026 session opened on 2026-01-12, the 2027 one is not recorded yet."""
    earlier = SessionFactory(organ=org.organ, start=D(2025, 1, 13), end=D(2025, 1, 16), number="第四次会议")
    SuggestionFactory(organ=org.organ, year=2025, session=earlier, received_on=D(2025, 1, 15))
    SuggestionFactory(organ=org.organ)  # 2026, at the factory's session (2026-01-12)
    return org


def _save(by, **fields) -> HandlingReport:
    report = HandlingReport(**fields)
    return handling_report_save(report=report, by=by)


# --- the service --------------------------------------------------------------------------------------------


def test_a_report_heard_at_a_standing_meeting_takes_the_meetings_date(ledger, clerk):
    item = AgendaItemFactory(meeting=NpcMeetingFactory(organ=ledger.organ, date=D(2025, 12, 26)))
    report = _save(clerk, year=2025, agenda_item=item, published_on=D(2025, 12, 30), published_where="市人大网站")
    assert (report.organ, report.reported_on) == (ledger.organ, D(2025, 12, 26))
    assert str(report) == "2025年度代表建议办理情况的报告"
    assert report.history.get().history_user == clerk


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"reported_on": D(2027, 1, 4)}, "常委会会议听取日期不能晚于今天"),
        ({"reported_on": D(2024, 12, 20)}, "常委会会议听取日期不能早于2025年"),
        ({"published_on": D(2025, 12, 30), "published_where": "网站"}, "请先登记常委会会议听取该报告的日期"),
        ({"reported_on": D(2025, 12, 26), "published_on": D(2025, 12, 20), "published_where": "网站"}, "不能早于"),
        ({"reported_on": D(2025, 12, 26), "published_on": D(2025, 12, 30)}, "请填写公开渠道或网址"),
    ],
)
def test_the_service_refuses_in_chinese(ledger, clerk, fields, refusal):
    with pytest.raises(InvalidInput, match=refusal):
        _save(clerk, year=2025, **fields)
    assert not HandlingReport.objects.exists()


def test_a_chairpersons_meeting_does_not_hear_the_report_and_a_year_has_one_report(ledger, clerk, leader):
    chair = NpcMeetingFactory(organ=ledger.organ, kind=NpcMeetingKind.CHAIRPERSONS, date=D(2025, 12, 20))
    with pytest.raises(InvalidInput, match="所选议题不是常委会会议的议题"):
        _save(clerk, year=2025, agenda_item=AgendaItemFactory(meeting=chair))
    _save(clerk, year=2025, reported_on=D(2025, 12, 26))
    with pytest.raises(Conflict, match="2025年度的办理情况报告已登记"):
        _save(clerk, year=2025, reported_on=D(2025, 12, 27))
    with pytest.raises(Forbidden):
        _save(leader, year=2026)


# --- the pages ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_every_business_role_reads_the_ledger(client, persona, ledger, name):
    client.force_login(persona(name))
    page = client.get(reverse("npc_reports")).content.decode()
    assert 'data-year="2026"' in page and 'data-year="2025"' in page
    items = {item.url_name for section, entries in nav_for(persona(name)) if section == SECTION for item in entries}
    assert "npc_reports" in items


def test_the_page_shows_each_years_deadline_and_state(client, ledger, clerk):
    _save(clerk, year=2025, reported_on=D(2025, 12, 26))
    client.force_login(clerk)
    page = client.get(reverse("npc_reports")).content.decode()
    assert 'data-year="2025" data-state="overdue"' in page and "2026-01-09" in page  # heard, never published
    assert 'data-year="2026" data-state="near"' in page  # due 2027-01-11, estimated a year on
    assert "按本年度会议一年后估算" in page


def test_the_desk_records_a_report_with_the_form_and_readers_may_not(client, ledger, clerk, leader):
    client.force_login(leader)
    assert client.get(reverse("npc_report_create")).status_code == 403
    client.force_login(clerk)
    assert client.get(reverse("npc_report_create") + "?year=2025").status_code == 200
    data = {"year": 2025, "reported_on": "2025-12-26", "published_on": "2025-12-20", "published_where": "网站"}
    refused = client.post(reverse("npc_report_create"), data)
    assert refused.status_code == 400 and "向社会公开日期不能早于常委会会议听取日期" in refused.content.decode()
    data["published_on"] = "2025-12-30"
    done = client.post(reverse("npc_report_create"), data)
    report = HandlingReport.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/npc/reports/{report.pk}/"
    page = client.get(done["Location"]).content.decode()
    assert "2025-12-30，网站" in page and "按期完成" in page and "evidence" in page
    client.force_login(leader)
    assert client.get(reverse("npc_report_edit", args=[report.pk])).status_code == 403
    assert client.get(reverse("npc_report", args=[report.pk])).status_code == 200


def test_an_administrator_sees_no_report(client, ledger, clerk, sysadmin):
    report = _save(clerk, year=2025, reported_on=D(2025, 12, 26))
    client.force_login(sysadmin)
    assert client.get(reverse("npc_report", args=[report.pk])).status_code == 404
    assert 'data-testid="report-row"' not in client.get(reverse("npc_reports")).content.decode()


def test_the_export_lists_every_year(client, ledger, clerk):
    _save(clerk, year=2025, reported_on=D(2025, 12, 26), published_on=D(2025, 12, 30), published_where="市人大网站")
    client.force_login(clerk)
    response = client.get(reverse("npc_reports_export"))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert ws["A1"].value == "代表建议办理情况报告" and rows[0][:3] == ["年度", "报告名称", "常委会会议听取日期"]
    assert [r[0] for r in rows[1:]] == [2026, 2025]
    assert rows[2][5] == "市人大网站" and rows[2][6].date() == D(2026, 1, 9) and rows[2][8] == "按期完成"
