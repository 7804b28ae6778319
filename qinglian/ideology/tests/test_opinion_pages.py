"""The register's pages (list with filters, late hours coloured, print; detail with its timeline, findings, evidence
and history; the forms; reopen and delete), the yearly summary page and its Excel, the Excel export that re-imports
unchanged and an import that is all or nothing, the menu entry and the to-do list."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.compliance.engine import run_checks
from qinglian.compliance.todos import SOURCES
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import InvalidInput
from qinglian.core.importing import Action
from qinglian.core.registry import NAV
from qinglian.ideology.choices import OpinionLevel, OpinionSource, OpinionStatus
from qinglian.ideology.importers.opinion import OpinionImport
from qinglian.ideology.models import OpinionEvent
from qinglian.ideology.services import opinion as svc

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
H = dt.timedelta(hours=1)


@pytest.fixture
def on_today():
    with clock.replaying(moment(TODAY, 16)):
        yield


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _event(org, by, found, *, level=OpinionLevel.GENERAL, responded=None, reported=None, closed=None, **kw):
    event = OpinionEvent(
        organ=org.organ,
        title=kw.pop("title", f"舆情{found:%m%d%H}"),
        source=kw.pop("source", OpinionSource.MONITORING),
        level=level,
        found_at=found,
        summary="网民反映",
        unit=kw.pop("unit", org.unit_a),
        **kw,
    )
    svc.event_save(event=event, by=by)
    if responded is not None:
        svc.event_respond(event=event, at=found + responded * H, measure="发布说明", by=by)
    if reported is not None:
        svc.event_report(event=event, at=found + reported * H, to="市委宣传部", by=by)
    if closed is not None:
        svc.event_close(event=event, closed_on=closed, handling="已澄清", by=by)
    return event


@pytest.fixture
def events(on_today, org, party_officer, cadre_same_unit):
    by = party_officer
    return {
        "quick": _event(org, by, moment(dt.date(2026, 3, 2), 9), responded=2, closed=dt.date(2026, 3, 5)),
        "late": _event(org, by, moment(dt.date(2026, 6, 5), 17), responded=30, closed=dt.date(2026, 6, 12)),
        "serious": _event(
            org,
            by,
            moment(dt.date(2026, 6, 20), 10),
            level=OpinionLevel.SERIOUS,
            source=OpinionSource.NETWORK_REPORT,
            responded=4,
            reported=6,
            closed=dt.date(2026, 6, 25),
        ),
        "open": _event(
            org,
            by,
            moment(dt.date(2026, 11, 23), 9),
            source=OpinionSource.PUBLIC,
            unit=org.unit_b,
            responsible=cadre_same_unit.person,
        ),
        "last_year": _event(org, by, moment(dt.date(2025, 12, 1), 9), responded=1, closed=dt.date(2025, 12, 2)),
    }


def test_the_list_filters_colours_and_prints(events, party_officer, leader):
    client = _as(party_officer)
    page = client.get(reverse("ideology_opinion_list") + "?year=2026").content.decode()
    assert page.count('data-testid="opinion-row"') == 4 and "首次响应时限：重大2小时、较大6小时、一般24小时" in page
    assert 'data-late="1">30小时' in page and 'data-late="0">2小时' in page
    assert "未响应（已55小时）" in page  # the open one, found Monday 09:00, at Wednesday 16:00
    assert "opinion-create" in page and "import" in page
    serious = client.get(reverse("ideology_opinion_list") + "?level=serious").content.decode()
    assert serious.count('data-testid="opinion-row"') == 1
    unanswered = client.get(reverse("ideology_opinion_list") + "?status=unanswered").content.decode()
    assert unanswered.count('data-testid="opinion-row"') == 1
    unit_b = events["open"].unit_id
    assert client.get(reverse("ideology_opinion_list") + f"?unit={unit_b}").content.decode().count("opinion-row") == 1
    printed = _as(leader).get(reverse("ideology_opinion_list") + "?print=1").content.decode()
    assert 'data-action="print"' in printed and "opinion-create" not in printed
    assert printed.count('data-testid="opinion-row"') == 5


def test_who_sees_what(events, cadre_same_unit, cadre_other_unit, unit_head, supervisor):
    mine = _as(cadre_same_unit).get(reverse("ideology_opinion_list")).content.decode()
    assert mine.count('data-testid="opinion-row"') == 1  # the event they answer for
    assert _as(cadre_other_unit).get(reverse("ideology_opinion_list")).content.decode().count("opinion-row") == 0
    head = _as(unit_head).get(reverse("ideology_opinion_list")).content.decode()
    assert head.count('data-testid="opinion-row"') == 4  # unit A's events
    assert _as(cadre_other_unit).get(reverse("ideology_opinion_detail", args=[events["quick"].pk])).status_code == 404
    assert _as(supervisor).get(reverse("ideology_opinion_detail", args=[events["quick"].pk])).status_code == 200
    assert _as(cadre_same_unit).get(reverse("ideology_opinion_create")).status_code == 403
    assert _as(supervisor).get(reverse("ideology_opinion_respond", args=[events["open"].pk])).status_code == 403


def test_detail_timeline_findings_and_forms(events, org, party_officer):
    late = events["late"]
    run_checks(organ_id=org.organ.pk, as_of=TODAY, codes=["IDEO-040"])
    client = _as(party_officer)
    page = client.get(reverse("ideology_opinion_detail", args=[late.pk])).content.decode()
    assert 'data-step="response" data-late="1"' in page and "用时30小时" in page
    assert "实际用时30小时" in page and "佐证材料" in page and "reopen-form" in page
    assert "opinion-respond" not in page
    open_ = events["open"]
    page = client.get(reverse("ideology_opinion_detail", args=[open_.pk])).content.decode()
    assert "opinion-respond" in page and "opinion-close" not in page and "reopen-form" not in page
    url = reverse("ideology_opinion_respond", args=[open_.pk])
    response = client.post(url, {"at": "2026-11-23T08:00", "measure": "说明"})
    assert response.status_code == 200 and "不能早于发现时间" in response.content.decode()
    assert OpinionEvent.objects.get(pk=open_.pk).first_response_at is None
    response = client.post(url, {"at": "2026-11-23T11:30", "measure": "联系发帖人核实"})
    assert response.status_code == 302
    assert OpinionEvent.objects.get(pk=open_.pk).first_response_at == moment(dt.date(2026, 11, 23), 11, 30)
    response = client.post(reverse("ideology_opinion_close", args=[open_.pk]), {"closed_on": "2026-11-24"})
    assert response.status_code == 200 and OpinionEvent.objects.get(pk=open_.pk).status == OpinionStatus.OPEN
    response = client.post(
        reverse("ideology_opinion_close", args=[open_.pk]), {"closed_on": "2026-11-24", "handling": "已澄清"}
    )
    assert response.status_code == 302 and OpinionEvent.objects.get(pk=open_.pk).status == OpinionStatus.CLOSED
    client.post(reverse("ideology_opinion_reopen", args=[open_.pk]), {"reason": "舆情反弹"})
    page = client.get(reverse("ideology_opinion_detail", args=[open_.pk])).content.decode()
    assert "重新打开（原办结2026-11-24）：舆情反弹" in page and 'data-testid="status">处置中' in page
    client.post(reverse("ideology_opinion_delete", args=[open_.pk]), {"reason": "误登记"})
    assert not OpinionEvent.objects.filter(pk=open_.pk).exists()


def test_create_and_edit_forms(on_today, org, party_officer):
    client = _as(party_officer)
    data = {
        "title": "网站留言反映链接失效",
        "source": "public",
        "level": "general",
        "found_at": "2026-11-25T09:10",
        "summary": "群众留言",
        "unit": org.unit_a.pk,
    }
    bad = client.post(reverse("ideology_opinion_create"), data | {"found_at": "2026-11-26T09:10"})
    assert bad.status_code == 200 and "发现时间不能晚于现在" in bad.content.decode()
    assert OpinionEvent.objects.count() == 0
    response = client.post(reverse("ideology_opinion_create"), data)
    assert response.status_code == 302
    event = OpinionEvent.objects.get()
    assert event.found_at == moment(TODAY, 9, 10)
    page = client.get(reverse("ideology_opinion_edit", args=[event.pk])).content.decode()
    assert 'value="2026-11-25T09:10"' in page
    response = client.post(reverse("ideology_opinion_edit", args=[event.pk]), data | {"level": "serious"})
    assert response.status_code == 302 and OpinionEvent.objects.get().level == "serious"
    response = client.post(
        reverse("ideology_opinion_report", args=[event.pk]), {"at": "2026-11-25T10:00", "to": "市委"}
    )
    assert response.status_code == 302 and OpinionEvent.objects.get().reported_to == "市委"


def test_the_yearly_summary_page_and_excel(events, party_officer):
    client = _as(party_officer)
    page = client.get(reverse("ideology_opinion_summary") + "?year=2026").content.decode()
    assert 'data-figure="total">4<' in page and 'data-figure="reported">1<' in page
    assert 'data-figure="closed">3<' in page and 'data-figure="open">1<' in page
    assert '<tr data-level="serious"><td>较大</td><td class="text-end">1</td>' in page
    assert '<tr data-source="network_report"><td>网信部门转办</td><td class="text-end">1</td>' in page
    assert '<tr data-month="6" class="fw-semibold"><td>6月</td><td class="text-end">2</td>' in page
    # general: 2 and 30 hours answered → median 16, longest 30, one late
    assert 'data-testid="median">16<' in page and 'data-testid="longest">30<' in page
    assert 'data-testid="late">1<' in page
    assert client.get(reverse("ideology_opinion_summary") + "?year=abc").status_code == 400
    last = client.get(reverse("ideology_opinion_summary") + "?year=2025").content.decode()
    assert 'data-figure="total">1<' in last
    response = client.get(reverse("ideology_opinion_summary_export") + "?year=2026")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["2026年舆情处置情况汇总", "按等级", "按来源", "按月份", "首次响应用时"]
    totals = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert totals["发现舆情事件"] == 4 and totals["向上级报告"] == 1
    times = list(wb["首次响应用时"].iter_rows(min_row=3, values_only=True))
    assert times[2][:7] == ("一般", 3, 2, "16", "30", 24, 1)


def test_export_reimports_unchanged_and_import_is_all_or_nothing(events, org, party_officer):
    client = _as(party_officer)
    response = client.get(reverse("ideology_opinion_export"))
    data = response.content
    importer = OpinionImport(org.organ, party_officer)
    plan = importer.parse(data)
    assert not plan.has_errors, [r.errors for r in plan.error_rows]
    assert plan.count(Action.UNCHANGED) == 5 and len(plan.rows) == 5
    importer.apply(plan, mode="all", by=party_officer)
    assert OpinionEvent.objects.count() == 5
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    headers = [c.value for c in ws[2]]
    col = {h.rstrip("*"): i for i, h in enumerate(headers)}
    open_row = next(r for r in ws.iter_rows(min_row=3) if r[col["舆情标题"]].value == events["open"].title)
    open_row[col["首次响应时间"]].value = "2026-11-23 10:00"
    open_row[col["首次响应措施"]].value = "电话回访"
    ws.append([None, "新舆情", "群众反映", "一般", "2026-11-24 09:00", "群众来电", "办公室"])
    bad = ws.max_row + 1
    ws.append([None, "坏行", "群众反映", "一般", "2026-11-24", "内容", "办公室"])
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = importer.parse(buffer.getvalue())
    assert plan.has_errors and any("请填写到分钟" in str(r.errors) for r in plan.error_rows)
    assert any(r.row == bad for r in plan.error_rows)
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=party_officer)
    assert (
        OpinionEvent.objects.count() == 5 and OpinionEvent.objects.get(pk=events["open"].pk).first_response_at is None
    )
    ws.delete_rows(bad)
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = importer.parse(buffer.getvalue())
    assert not plan.has_errors, [r.errors for r in plan.error_rows]
    importer.apply(plan, mode="all", by=party_officer)
    assert OpinionEvent.objects.count() == 6
    answered = OpinionEvent.objects.get(pk=events["open"].pk)
    assert answered.first_response_at == moment(dt.date(2026, 11, 23), 10) and answered.first_response == "电话回访"


def test_import_refuses_moving_a_recorded_response(events, org, party_officer):
    client = _as(party_officer)
    wb = load_workbook(io.BytesIO(client.get(reverse("ideology_opinion_export")).content))
    ws = wb.active
    headers = [c.value.rstrip("*") for c in ws[2]]
    row = next(r for r in ws.iter_rows(min_row=3) if r[headers.index("舆情标题")].value == events["late"].title)
    row[headers.index("首次响应时间")].value = "2026-06-05 18:00"
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = OpinionImport(org.organ, party_officer).parse(buffer.getvalue())
    assert any("不能通过导入修改" in str(r.errors) for r in plan.error_rows)


def test_menu_and_todos(events, party_officer, cadre_same_unit, cadre_other_unit, supervisor, unit_head):
    def menu(user) -> bool:
        return any(item.url_name == "ideology_opinion_list" and item.allowed(user) for item in NAV)

    assert menu(party_officer) and menu(supervisor) and menu(unit_head)
    assert not menu(cadre_other_unit)
    source = SOURCES["ideology_opinion"]
    assert source.count(party_officer) == 1 and source.count(cadre_same_unit) == 1
    assert source.count(cadre_other_unit) == 0 and source.count(supervisor) == 0
    items = source.items(cadre_same_unit)
    assert items[0].title.startswith("舆情待响应") and items[0].overdue and "时限24小时" in items[0].detail
    assert items[0].due == dt.date(2026, 11, 24)
