"""The schedule's pages (the year by kind with its statuses, print, the plan button, detail with findings, evidence
and history, the forms), the API and its 4xx, the Excel export that re-imports unchanged and an import that is all
or nothing, the menu entry and the to-do list."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.compliance.engine import run_checks
from qinglian.compliance.todos import SOURCES
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.importers.reports import ReportImport
from qinglian.ideology.models import ReportItem
from qinglian.ideology.services.reports import item_done, plan_year

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 25)


@pytest.fixture
def on_today():
    with clock.replaying(moment(TODAY, 10)):
        yield


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _plan(party_officer, person=None) -> dict:
    plan_year(year=2026, by=party_officer, responsible=person)
    return {(i.kind, i.period_start.month): i for i in ReportItem.objects.all()}


def test_the_year_page_plans_groups_and_shows_statuses(on_today, org, party_officer, leader, cadre_same_unit):
    client = _as(party_officer)
    page = client.get(reverse("ideology_report_list") + "?year=2026").content.decode()
    assert "尚有 7 项未列入计划" in page and "分析研判每年4次" in page and "党组专题研究意识形态工作" in page
    response = client.post(reverse("ideology_report_plan"), {"year": "2026"})
    assert response.status_code == 302 and ReportItem.objects.count() == 7
    items = {(i.kind, i.period_start.month): i for i in ReportItem.objects.all()}
    item_done(item=items[(ReportKind.ANALYSIS, 1)], done_on=D(2026, 4, 3), summary="研判", by=party_officer)
    page = client.get(reverse("ideology_report_list") + "?year=2026").content.decode()
    assert "各项均已列入计划" in page and page.count('data-testid="report-row"') == 7
    assert "已完成" in page and "逾期" in page and "未到期" in page
    overdue = client.get(reverse("ideology_report_list") + "?year=2026&status=overdue").content.decode()
    assert overdue.count('data-testid="report-row"') == 3  # Q2, Q3 analyses and the H1 briefing
    printed = _as(leader).get(reverse("ideology_report_list") + "?year=2026&print=1").content.decode()
    assert 'data-action="print"' in printed and "plan-year" not in printed
    assert client.post(reverse("ideology_report_plan"), {"year": "2026"}).status_code == 302
    assert ReportItem.objects.count() == 7
    assert _as(cadre_same_unit).post(reverse("ideology_report_plan"), {"year": "2026"}).status_code == 302
    assert ReportItem.objects.count() == 7  # refused with a message, nothing written


def test_detail_forms_undo_and_delete(on_today, org, party_officer, cadre_same_unit, cadre_other_unit):
    item = _plan(party_officer, cadre_same_unit.person)[(ReportKind.ANALYSIS, 7)]
    run_checks(organ_id=org.organ.pk, as_of=TODAY, codes=["IDEO-030"])
    mine = _as(cadre_same_unit)
    page = mine.get(reverse("ideology_report_detail", args=[item.pk])).content.decode()
    assert "预警与违规记录" in page and "至今未登记完成" in page and "report-done" in page
    assert "delete-form" not in page
    response = mine.post(reverse("ideology_report_done", args=[item.pk]), {"done_on": "2026-12-01", "summary": "x"})
    assert response.status_code == 200 and "不能晚于今天" in response.content.decode()
    response = mine.post(
        reverse("ideology_report_done", args=[item.pk]), {"done_on": "2026-10-15", "summary": "三季度研判"}
    )
    assert response.status_code == 302 and ReportItem.objects.get(pk=item.pk).done_on == D(2026, 10, 15)
    response = mine.post(
        reverse("ideology_report_edit", args=[item.pk]),
        {"title": "三季度形势研判", "responsible": "", "recipient": "机关党委"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "三季度形势研判" and item.responsible == cadre_same_unit.person  # kept: not the office's
    assert _as(cadre_other_unit).get(reverse("ideology_report_detail", args=[item.pk])).status_code == 404
    response = mine.post(reverse("ideology_report_undo", args=[item.pk]), {"reason": "日期有误"})
    assert response.status_code == 302 and ReportItem.objects.get(pk=item.pk).done_on is None
    office = _as(party_officer)
    page = office.get(reverse("ideology_report_detail", args=[item.pk])).content.decode()
    assert "撤销完成（原登记2026-10-15）：日期有误" in page and "佐证材料" in page
    assert mine.post(reverse("ideology_report_delete", args=[item.pk]), {"reason": "x"}).status_code == 302
    assert ReportItem.objects.filter(pk=item.pk).exists()  # refused: the office's
    assert office.post(reverse("ideology_report_delete", args=[item.pk]), {"reason": "误登记"}).status_code == 302
    assert not ReportItem.objects.filter(pk=item.pk).exists()


def test_the_api(on_today, org, party_officer, cadre_same_unit, supervisor):
    office = _as(party_officer)
    response = office.post("/api/ideology/reports/plan/", json.dumps({"year": 2026}), content_type="application/json")
    assert response.status_code == 201 and len(response.json()) == 7
    listed = office.get("/api/ideology/reports/?year=2026&kind=analysis").json()
    assert [i["title"] for i in listed][:1] == ["2026年第一季度意识形态形势分析研判"] and len(listed) == 4
    pk = listed[0]["id"]
    assert listed[0]["status"] == "overdue" and listed[0]["status_label"] == "逾期"
    body = {"title": "一季度研判", "responsible_id": cadre_same_unit.person.pk, "recipient": ""}
    response = office.put(f"/api/ideology/reports/{pk}/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and response.json()["responsible"]["id"] == cadre_same_unit.person.pk
    bad = office.put(
        f"/api/ideology/reports/{pk}/", json.dumps(body | {"responsible_id": 999999}), content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["detail"] == {"responsible_id": "责任人不存在或无权查看"}
    mine = _as(cadre_same_unit)
    done = {"done_on": "2026-04-20", "summary": "研判"}
    response = mine.post(f"/api/ideology/reports/{pk}/done/", json.dumps(done), content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "done_late"
    again = mine.post(f"/api/ideology/reports/{pk}/done/", json.dumps(done), content_type="application/json")
    assert again.status_code == 409
    future = {"done_on": "2027-01-04", "summary": "研判"}
    other = listed[1]["id"]
    assert (
        mine.post(
            f"/api/ideology/reports/{other}/done/", json.dumps(future), content_type="application/json"
        ).status_code
        == 404
    )
    response = office.post(f"/api/ideology/reports/{other}/done/", json.dumps(future), content_type="application/json")
    assert response.status_code == 400 and "不能晚于今天" in response.json()["message"]
    assert office.post(f"/api/ideology/reports/{pk}/undo/", "{}", content_type="application/json").status_code == 422
    undo = json.dumps({"reason": "录错"})
    assert office.post(f"/api/ideology/reports/{pk}/undo/", undo, content_type="application/json").status_code == 200
    assert (
        mine.post(
            "/api/ideology/reports/plan/", json.dumps({"year": 2026}), content_type="application/json"
        ).status_code
        == 403
    )
    jijian = _as(supervisor)
    assert jijian.get(f"/api/ideology/reports/{pk}/").status_code == 200
    assert jijian.post(f"/api/ideology/reports/{pk}/delete/", undo, content_type="application/json").status_code == 403
    assert office.get("/api/ideology/reports/99999999/").status_code == 404
    assert office.post(f"/api/ideology/reports/{pk}/delete/", undo, content_type="application/json").status_code == 204
    assert not ReportItem.objects.filter(pk=pk).exists()


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["类型", "所属期间起", "所属期间止", "名称", "责任人", "报送或通报对象", "完成日期", "主要内容"])
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


ANALYSIS = "意识形态形势分析研判"


def test_the_import_is_all_or_nothing(on_today, org, party_officer, cadre_same_unit):
    importer = ReportImport.for_user(party_officer)
    plan = importer.parse(
        _sheet(
            (ANALYSIS, "2026-01-01", "2026-03-31", "", "cadre_same_unit", "", "2026-04-03", "研判"),
            (ANALYSIS, "2026-01-01", "2026-06-30", "", "", "", "", ""),
            (ANALYSIS, "2026-04-01", "2026-06-30", "", "无此人", "", "", ""),
            (ANALYSIS, "2026-07-01", "2026-09-30", "", "", "", "2026-10-09", ""),
            (ANALYSIS, "2026-10-01", "2026-12-31", "", "", "", "2026-12-30", "x"),
            ("党内通报意识形态领域情况", "2026-01-01", "2026-06-30", "", "", "", "2025-12-01", "x"),
            (ANALYSIS, "2026-01-01", "2026-03-31", "", "", "", "", ""),
        )
    )
    assert [bool(r.errors) for r in plan.rows] == [False, True, True, True, True, True, True]
    assert plan.rows[0].values["title"] == "2026年第一季度意识形态形势分析研判"
    assert "期间与现行规则参数不符" in plan.rows[1].errors[0][1]
    assert "本机关没有该在职人员" in plan.rows[2].errors[0][1]
    assert "须填写主要内容" in plan.rows[3].errors[0][1]
    assert "不能晚于今天" in plan.rows[4].errors[0][1]
    assert "不能早于所属期间的开始" in plan.rows[5].errors[0][1]
    assert "与第2行是同一项" in plan.rows[6].errors[0][1]
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=party_officer)
    assert not ReportItem.all_objects.exists()
    with pytest.raises(Forbidden):
        ReportImport.for_user(cadre_same_unit)


def test_the_export_re_imports_unchanged_and_an_import_records_a_completion(on_today, org, party_officer):
    items = _plan(party_officer, party_officer.person)
    item_done(item=items[(ReportKind.ANALYSIS, 1)], done_on=D(2026, 4, 3), summary="研判=一季度", by=party_officer)
    client = _as(party_officer)
    exported = client.get(reverse("ideology_report_export") + "?year=2026")
    assert exported.status_code == 200
    importer = ReportImport.for_user(party_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化"] * 7
    wb = load_workbook(io.BytesIO(exported.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[2]]  # row 1 is the title
    row = next(
        r
        for r in range(3, ws.max_row + 1)
        if ws.cell(r, headers.index("名称") + 1).value.endswith("第二季度意识形态形势分析研判")
    )
    ws.cell(row=row, column=headers.index("完成日期") + 1, value="2026-07-08")
    ws.cell(row=row, column=headers.index("主要内容") + 1, value="二季度研判")
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = importer.parse(buffer.getvalue())
    assert sorted(r.action.value for r in plan.rows) == ["无变化"] * 6 + ["更新"]
    importer.apply(plan, mode="all", by=party_officer)
    assert ReportItem.objects.get(kind=ReportKind.ANALYSIS, period_start=D(2026, 4, 1)).done_on == D(2026, 7, 8)
    ReportItem.objects.all().delete()
    result = importer.apply(importer.parse(exported.content), mode="all", by=party_officer)
    assert result.created == 7
    assert ReportItem.objects.get(kind=ReportKind.ANALYSIS, period_start=D(2026, 1, 1)).summary == "研判=一季度"


def test_the_menu_and_the_to_dos(on_today, org, party_officer, cadre_same_unit, cadre_other_unit, leader):
    def menu(user) -> str:
        return _as(user).get(reverse("workbench")).content.decode()

    assert "分析研判和报告" in menu(party_officer) and "分析研判和报告" in menu(leader)
    assert "分析研判和报告" not in menu(cadre_same_unit)
    items = _plan(party_officer)
    source = SOURCES["ideology_reports"]
    # Nobody is responsible yet: the office's — the four items overdue on 25 November (the report upward is due on
    # 31 December, more than ten working days ahead).
    assert sorted(t.title for t in source.items(party_officer)) == sorted(
        f"{items[key].title}（未指定责任人）"
        for key in (
            (ReportKind.ANALYSIS, 1),
            (ReportKind.ANALYSIS, 4),
            (ReportKind.ANALYSIS, 7),
            (ReportKind.BRIEFING, 1),
        )
    )
    assert source.count(party_officer) == 4 and source.count(cadre_same_unit) == 0
    q3 = items[(ReportKind.ANALYSIS, 7)]
    q3.responsible = cadre_same_unit.person
    q3.save()
    mine = source.items(cadre_same_unit)
    assert [(t.link, t.overdue) for t in mine] == [(f"/ideology/reports/{q3.pk}/", True)]
    assert source.count(party_officer) == 3 and source.count(cadre_other_unit) == 0
    with clock.replaying(moment(D(2026, 12, 17), 10)):  # ten working days before 31 December
        assert "2026年度意识形态工作责任制落实情况报告（未指定责任人）" in [
            t.title for t in source.items(party_officer)
        ]
