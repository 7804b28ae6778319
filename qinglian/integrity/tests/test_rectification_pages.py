# ruff: noqa: F811  (the fixtures imported by name from test_rectification_services)
"""问题整改 pages, the batch's Excel ledger (layout, import round trip, all or nothing), the Word report and the API."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from qinglian.integrity.choices import ProblemStatus
from qinglian.integrity.exports.rectification import LEDGER_COLUMNS
from qinglian.integrity.importers.rectification import RectificationImport
from qinglian.integrity.models import LongTermMechanism, RectificationMeasure, RectificationProblem
from qinglian.integrity.services import rectification as services
from qinglian.integrity.tests.factories import BatchFactory, MeasureFactory, ProblemFactory
from qinglian.integrity.tests.test_rectification_services import (  # noqa: F401
    batch,
    done,
    evidence_on,
    measure,
    problem,
    secretary,
)

D = dt.date


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ledger(org, batch, problem, measure, cadre_same_unit, cadre_other_unit, party_officer):
    """The batch: problem 1 (研究室) with two measures, the first done; problem 2 (办公室) with one open measure and a
    mechanism."""
    second = MeasureFactory(
        problem=problem, owner=cadre_other_unit.person, description="开展专题学习研讨", deadline=D(2026, 6, 30)
    )
    done(measure, party_officer)
    other = ProblemFactory(
        batch=batch, number=2, category="落实中央八项规定精神方面", description="公务接待清单不完整", unit=org.unit_a
    )
    third = MeasureFactory(problem=other, owner=cadre_same_unit.person, deadline=D(2026, 7, 31))
    LongTermMechanism.objects.create(
        organ=org.organ, problem=other, title="机关公务接待管理办法", document_no="办〔2026〕3号"
    )
    return {"batch": batch, "problems": [problem, other], "measures": [measure, second, third]}


# --- pages -------------------------------------------------------------------------------------------------------


def test_the_list_shows_feedback_report_due_and_progress(ledger, party_officer):
    page = _as(party_officer).get("/integrity/rectification/")
    assert page.status_code == 200
    text = page.content.decode()
    assert ledger["batch"].title in text and "2026-03-02" in text and "0/2" in text
    assert "新增整改批次" in text
    printed = _as(party_officer).get("/integrity/rectification/?print=1")
    assert printed.status_code == 200 and "打印" in printed.content.decode()
    export = _as(party_officer).get("/integrity/rectification/export/")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_batch_page_counts_by_problem_unit_and_leader(ledger, leader):
    page = _as(leader).get(f"/integrity/rectification/{ledger['batch'].pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "措施完成 1/3" in text and "问题销号 0/2" in text
    assert 'data-testid="by-unit"' in text and 'data-testid="by-leader"' in text and "研究室" in text


def test_the_problem_page_shows_the_two_person_refusal_in_chinese(ledger, leader, secretary, cadre_other_unit):
    problem = ledger["problems"][0]
    second = ledger["measures"][1]
    done(second, cadre_other_unit)
    text = _as(leader).get(f"/integrity/rectification/problems/{problem.pk}/").content.decode()
    assert "不能销号：您是该事项的责任人" in text and 'data-testid="close-form"' not in text
    refused = _as(leader).post(f"/integrity/rectification/problems/{problem.pk}/close/", {"note": "同意"}, follow=True)
    assert "您是该事项的责任人，不能销号" in refused.content.decode()
    assert RectificationProblem.objects.get(pk=problem.pk).status == ProblemStatus.OPEN
    ok = _as(secretary).get(f"/integrity/rectification/problems/{problem.pk}/").content.decode()
    assert 'data-testid="close-form"' in ok and "已上传" in ok
    _as(secretary).post(f"/integrity/rectification/problems/{problem.pk}/close/", {"note": "同意销号"})
    assert RectificationProblem.objects.get(pk=problem.pk).status == ProblemStatus.CLOSED


def test_the_measure_page_refuses_completion_without_evidence(ledger, cadre_same_unit):
    third = ledger["measures"][2]
    url = f"/integrity/rectification/measures/{third.pk}/"
    page = _as(cadre_same_unit).get(url).content.decode()
    assert 'data-testid="completion-form"' in page and "请先在上方上传佐证材料" in page
    answer = _as(cadre_same_unit).post(url, {"completed_on": "2026-07-01", "note": "已完成"}, follow=True)
    assert "整改措施未上传佐证材料，不能标记完成" in answer.content.decode()
    assert RectificationMeasure.objects.get(pk=third.pk).completed_on is None
    evidence_on(third, cadre_same_unit)
    _as(cadre_same_unit).post(url, {"completed_on": "2026-07-01", "note": "已完成"})
    assert RectificationMeasure.objects.get(pk=third.pk).completed_on == D(2026, 7, 1)


def test_my_measures_and_the_workbench_cards(ledger, cadre_same_unit, secretary, cadre_other_unit):
    text = _as(cadre_same_unit).get("/integrity/rectification/mine/").content.decode()
    assert "制定党组落实全面从严治党主体责任清单" in text and "逾期" in text  # due 2026-07-31, not done
    workbench = _as(cadre_same_unit).get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-rectification-mine"' in workbench
    done(ledger["measures"][1], cadre_other_unit)
    assert 'data-testid="widget-rectification-close"' in _as(secretary).get(reverse("workbench")).content.decode()


def test_the_forms_write_through_the_services(org, batch, party_officer):
    client = _as(party_officer)
    answer = client.post(
        f"/integrity/rectification/{batch.pk}/problems/new/",
        {"number": 3, "category": "作风方面", "description": "会议偏多", "unit": org.unit_a.pk},
    )
    assert answer.status_code == 302
    problem = RectificationProblem.objects.get(batch=batch, number=3)
    bad = client.post(
        f"/integrity/rectification/problems/{problem.pk}/measures/new/",
        {"description": "精简会议", "deadline": "2026-01-05"},
    )
    assert "完成时限不能早于问题反馈日期" in bad.content.decode()
    assert not RectificationMeasure.objects.filter(problem=problem).exists()
    client.post(f"/integrity/rectification/{batch.pk}/report/", {"submitted_on": "2026-04-20", "report_no": "5号"})
    batch.refresh_from_db()
    assert batch.report_submitted_on == D(2026, 4, 20)


# --- Excel and Word ----------------------------------------------------------------------------------------------


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_ledger_export_has_the_report_layout(ledger, party_officer):
    ws = _sheet(_as(party_officer).get(f"/integrity/rectification/{ledger['batch'].pk}/ledger/"))
    headers = [c.value for c in ws[2]]
    assert headers == [
        "序号",
        "问题类别",
        "问题描述",
        "整改措施",
        "责任领导",
        "责任委室",
        "责任人",
        "完成时限",
        "完成情况",
        "整改状态",
        "长效机制",
    ]
    assert headers == [c.header for c in LEDGER_COLUMNS]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert len(rows) == 3
    assert rows[0][0] == 1 and rows[1][0] is None  # problem 1's cells merged over its two measures
    assert "C3:C4" in {str(r) for r in ws.merged_cells.ranges}
    assert [r[9] for r in rows] == ["已完成", "逾期", "逾期"]
    assert rows[0][8].startswith("2026-05-20完成")
    assert rows[2][10] == "《机关公务接待管理办法》（办〔2026〕3号）"


def test_the_word_report_opens_and_has_the_title(ledger, party_officer):
    response = _as(party_officer).get(f"/integrity/rectification/{ledger['batch'].pk}/word/")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于市委第三巡察组反馈问题整改落实情况的报告"
    assert "一、关于落实主体责任方面的问题" in texts
    assert "三、建立完善的长效机制" in texts
    assert any("《机关公务接待管理办法》" in t for t in texts)


# --- import ------------------------------------------------------------------------------------------------------


def _upload(client, batch, data: bytes, mode="all"):
    return client.post(
        "/integrity/rectification/import/",
        {
            "batch": batch.pk,
            "mode": mode,
            "file": SimpleUploadedFile("整改台账.xlsx", data),
        },
    )


def test_the_export_reimports_as_is(org, ledger, party_officer):
    client = _as(party_officer)
    exported = client.get(f"/integrity/rectification/{ledger['batch'].pk}/ledger/").content
    importer = RectificationImport(org.organ, party_officer)
    same = importer.parse(exported, batch=ledger["batch"])
    assert not same.has_errors and {str(r.action) for r in same.rows} == {"无变化"}
    fresh = BatchFactory(organ=org.organ, title="新批次", feedback_on=D(2026, 3, 2))
    answer = _upload(client, fresh, exported)
    assert answer.status_code == 200, answer.content.decode()
    problems = list(RectificationProblem.objects.filter(batch=fresh).order_by("number"))
    assert [p.number for p in problems] == [1, 2]
    assert [p.measures.count() for p in problems] == [2, 1]
    first = problems[0]
    assert first.unit == org.unit_b and first.category == "落实主体责任方面"
    assert RectificationMeasure.objects.filter(problem__batch=fresh, completed_on__isnull=False).count() == 0


def test_an_import_with_a_bad_row_writes_nothing(org, ledger, party_officer):
    client = _as(party_officer)
    ws_bytes = client.get(f"/integrity/rectification/{ledger['batch'].pk}/ledger/").content
    wb = load_workbook(io.BytesIO(ws_bytes))
    ws = wb.active
    ws.cell(row=5, column=8).value = "不是日期"
    buffer = io.BytesIO()
    wb.save(buffer)
    fresh = BatchFactory(organ=org.organ, title="新批次", feedback_on=D(2026, 3, 2))
    answer = _upload(client, fresh, buffer.getvalue())
    assert "未写入任何数据" in answer.content.decode()
    assert not RectificationProblem.objects.filter(batch=fresh).exists()
    assert not RectificationMeasure.objects.filter(problem__batch=fresh).exists()


def test_only_the_office_imports(ledger, leader):
    assert _as(leader).get("/integrity/rectification/import/").status_code == 403


# --- API ---------------------------------------------------------------------------------------------------------


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_the_api_lists_creates_reports_and_refuses_in_chinese(org, ledger, party_officer, leader, secretary):
    client = _as(party_officer)
    batches = client.get("/api/integrity/rectification/batches").json()
    assert batches["items"][0]["report_due"] == "2026-05-06"
    created = _post(
        client,
        "/api/integrity/rectification/problems",
        {"batch_id": ledger["batch"].pk, "number": 7, "description": "新问题", "unit_id": org.unit_a.pk},
    )
    assert created.status_code == 201, created.content.decode()
    bad = _post(
        client,
        "/api/integrity/rectification/measures",
        {"problem_id": created.json()["id"], "description": "措施", "deadline": "2025-01-01"},
    )
    assert bad.status_code == 400 and "不能早于问题反馈日期" in bad.json()["message"]
    third = ledger["measures"][2]
    refused = _post(
        client,
        f"/api/integrity/rectification/measures/{third.pk}/complete",
        {"completed_on": "2026-07-01", "note": "x"},
    )
    assert refused.status_code == 400 and refused.json()["message"] == services.NO_EVIDENCE
    problem = ledger["problems"][0]
    closing = _post(_as(leader), f"/api/integrity/rectification/problems/{problem.pk}/close", {})
    assert closing.status_code == 403 and "不能销号" in closing.json()["message"]
    not_ready = _post(_as(secretary), f"/api/integrity/rectification/problems/{problem.pk}/close", {})
    assert not_ready.status_code == 400 and not_ready.json()["message"] == services.NOT_READY


def test_every_form_page_opens_for_the_office(ledger, party_officer):
    client = _as(party_officer)
    batch, problem, measure = ledger["batch"], ledger["problems"][1], ledger["measures"][2]
    mechanism = LongTermMechanism.objects.get(problem=problem)
    for url in (
        "/integrity/rectification/new/",
        f"/integrity/rectification/{batch.pk}/edit/",
        f"/integrity/rectification/{batch.pk}/problems/new/",
        f"/integrity/rectification/problems/{problem.pk}/edit/",
        f"/integrity/rectification/problems/{problem.pk}/measures/new/",
        f"/integrity/rectification/problems/{problem.pk}/mechanisms/new/",
        f"/integrity/rectification/measures/{measure.pk}/edit/",
        f"/integrity/rectification/mechanisms/{mechanism.pk}/edit/",
        "/integrity/rectification/import/",
    ):
        assert client.get(url).status_code == 200, url
    template = client.get("/integrity/rectification/import/template/")
    assert template.status_code == 200
    headers = [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]]
    assert headers[:4] == ["序号", "问题类别", "问题描述*", "整改措施*"]


def test_the_api_reopens_and_updates(org, ledger, party_officer, secretary, cadre_other_unit):
    problem = ledger["problems"][0]
    done(ledger["measures"][1], cadre_other_unit)
    closed = _post(_as(secretary), f"/api/integrity/rectification/problems/{problem.pk}/close", {"note": "同意"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    missing = _post(_as(secretary), f"/api/integrity/rectification/problems/{problem.pk}/reopen", {"reason": ""})
    assert missing.status_code in (400, 422)
    reopened = _post(_as(secretary), f"/api/integrity/rectification/problems/{problem.pk}/reopen", {"reason": "反弹"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    third = ledger["measures"][2]
    payload = {"problem_id": third.problem_id, "description": "修订接待办法", "deadline": "2026-08-31"}
    updated = _as(party_officer).put(
        f"/api/integrity/rectification/measures/{third.pk}", data=json.dumps(payload), content_type="application/json"
    )
    assert updated.status_code == 200 and updated.json()["deadline"] == "2026-08-31"
    assert _as(cadre_other_unit).get("/api/integrity/rectification/measures?mine=true").json()["count"] == 2
