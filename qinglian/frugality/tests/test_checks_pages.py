"""专项检查 pages, API, permissions and Word report: who reads and who runs a check (persona × action), the stationed
group's registered writes and nothing more, the steps through the pages, the review in the API with its 4xx
refusals, the list's filters, totals and export, and the report that opens in python-docx with the figures."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.core.registry import STATIONED_GROUP_WRITES
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality.models import CheckSample, SpecialCheck
from qinglian.frugality.permissions import access_special_check
from qinglian.frugality.services import checks as services
from qinglian.frugality.tests.checks_support import (
    drawn,
    reported,
    rows_of_the_half_year,
    stand_in_rules,  # noqa: F401  (a fixture)
    start,
)
from qinglian.frugality.todos.checks import to_rectify, to_review
from qinglian.frugality.word.check_report import check_report_docx
from qinglian.integrity.models import RectificationProblem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stand_in_rules")]
EVERYONE = (*PERSONAS, "finance_officer")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rows(org, cadre_same_unit):
    return rows_of_the_half_year(org, cadre_same_unit.person)


# --- who (persona × action) --------------------------------------------------------------------------------------

# Columns: party_officer unit_head cadre_same_unit cadre_other_unit leader supervisor sysadmin secadmin auditadmin
# finance_officer. w: reads and runs checks; r: reads; -: sees nothing (404).
MATRIX = {"special_check": "w - - - r w - - - r"}


@pytest.mark.parametrize(("target", "who", "expected"), matrix_cases(MATRIX, EVERYONE))
def test_the_permission_matrix(persona, supervisor, target, who, expected):
    check = start(supervisor)
    user = persona(who)
    check_cell(model=SpecialCheck, access=access_special_check, user=user, obj=check, expected=expected, label=who)


@pytest.mark.parametrize("who", EVERYONE)
def test_the_pages_follow_the_matrix(persona, supervisor, rows, who):
    check = drawn(supervisor)
    expected = dict(zip(EVERYONE, MATRIX["special_check"].split(), strict=True))[who]
    client = _as(persona(who))
    listed = client.get(reverse("frugality_check_list"))
    assert listed.status_code == 200
    assert (check.title in listed.content.decode()) == (expected != "-")
    detail = client.get(reverse("frugality_check_detail", args=[check.pk]))
    assert detail.status_code == (404 if expected == "-" else 200)
    word = client.get(reverse("frugality_check_word", args=[check.pk]))
    assert word.status_code == (404 if expected == "-" else 200)
    if expected == "r":
        assert 'data-testid="draw"' not in detail.content.decode()
        response = client.post(reverse("frugality_check_run", args=[check.pk]))
        assert response.status_code == 403
    if expected == "w":
        assert 'data-testid="run"' in detail.content.decode() and 'name="verdict"' in detail.content.decode()


def test_the_stationed_groups_writes_are_registered_and_nothing_else():
    assert {
        "frugality_check_create",
        "frugality_check_run",
        "frugality_check_draw",
        "frugality_check_sample_review",
        "frugality_check_report",
        "frugality_api_check_sample_review",
    } <= STATIONED_GROUP_WRITES
    assert "frugality_check_rectify" not in STATIONED_GROUP_WRITES


@pytest.mark.parametrize("who", ["finance_officer", "cadre_same_unit", "unit_head", "leader"])
def test_those_who_do_not_run_checks_cannot_start_one_by_the_page(persona, who):
    client = _as(persona(who))
    assert client.get(reverse("frugality_check_create")).status_code == 403
    response = client.post(reverse("frugality_check_create"), {"title": "x"})
    assert response.status_code == 403 and not SpecialCheck.all_objects.exists()


# --- the steps through the pages ---------------------------------------------------------------------------------


def test_the_stationed_group_runs_a_check_through_the_pages(supervisor, party_officer, rows):
    client = _as(supervisor)
    assert client.get(reverse("frugality_check_create")).status_code == 200
    response = client.post(
        reverse("frugality_check_create"),
        {
            "title": "2026年上半年财务收支、接待经费专项检查",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "ledgers": ["reception", "travel"],
            "sample_size": "4",
        },
    )
    check = SpecialCheck.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("frugality_check_detail", args=[check.pk])
    assert client.post(reverse("frugality_check_run", args=[check.pk])).status_code == 302
    assert client.post(reverse("frugality_check_draw", args=[check.pk])).status_code == 302
    check.refresh_from_db()
    assert check.run_on and check.seed and check.samples.count() == 4
    page = client.get(reverse("frugality_check_detail", args=[check.pk])).content.decode()
    assert check.seed in page and "按种子复核一致" in page and "TST-R01" in page and "900.00" in page
    samples = list(check.samples.order_by("position"))
    review = reverse("frugality_check_sample_review", args=[samples[0].pk])
    client.post(review, {"verdict": "problem", "remark": ""})
    samples[0].refresh_from_db()
    assert samples[0].verdict == ""  # refused: a problem needs its remark
    client.post(review, {"verdict": "problem", "remark": "接待清单未审签"})
    for sample in samples[1:]:
        client.post(reverse("frugality_check_sample_review", args=[sample.pk]), {"verdict": "compliant", "remark": ""})
    assert not CheckSample.objects.filter(check_run=check, verdict="").exists()
    response = client.post(
        reverse("frugality_check_report", args=[check.pk]),
        {"report_no": "驻机关纪检组〔2026〕5号", "reported_on": check.run_on.isoformat(), "conclusion": "总体规范。"},
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.status == "reported"
    # The group may not write the rectification ledger: refused before the view; the party-affairs office sends.
    assert client.post(reverse("frugality_check_rectify", args=[check.pk])).status_code == 403
    office = _as(party_officer)
    assert 'data-testid="rectify"' in office.get(reverse("frugality_check_detail", args=[check.pk])).content.decode()
    office.post(reverse("frugality_check_rectify", args=[check.pk]))
    office.post(reverse("frugality_check_rectify", args=[check.pk]))
    assert RectificationProblem.objects.count() == 1
    page = office.get(reverse("frugality_check_detail", args=[check.pk])).content.decode()
    assert "已移送整改台账" in page and 'data-testid="rectify"' not in page


def test_the_list_filters_totals_prints_and_exports(supervisor, rows):
    check = reported(supervisor)
    start(supervisor, title="另一次检查")
    client = _as(supervisor)
    page = client.get(reverse("frugality_check_list"), {"status": "reported"}).content.decode()
    assert check.title in page and "另一次检查" not in page and "900.00" in page
    assert "另一次检查" in client.get(reverse("frugality_check_list"), {"q": "另一次"}).content.decode()
    assert client.get(reverse("frugality_check_list"), {"print": "1"}).status_code == 200
    assert client.get(reverse("frugality_check_list"), {"year": "abc"}).status_code == 200
    response = client.get(reverse("frugality_check_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(check.title in row for row in values)


def test_the_workbench_card_lists_checks_awaiting_review(supervisor, finance_officer, rows):
    check = drawn(supervisor)
    page = _as(supervisor).get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-frugality-checks"' in page and check.title in page
    assert (
        'data-testid="widget-frugality-checks"' not in _as(finance_officer).get(reverse("workbench")).content.decode()
    )


def test_the_to_dos_name_the_reviews_and_the_problems_to_send(supervisor, party_officer, finance_officer, rows):
    check = drawn(supervisor)
    assert [(i.title, i.detail) for i in to_review(supervisor)] == [(check.title, "5张抽样凭证待审核")]
    assert to_review(finance_officer) == [] and to_rectify(supervisor) == []
    reported_check = reported(supervisor, problems=2)
    assert [i.detail for i in to_rectify(party_officer)] == [
        "检查报告驻机关纪检组〔2026〕3号已出具，2个问题待移送整改台账"
    ]
    services.check_send_to_rectification(check=reported_check, by=party_officer)
    assert to_rectify(party_officer) == []


# --- the API -----------------------------------------------------------------------------------------------------


def _api(name: str, *args) -> str:
    return reverse(f"api:frugality_api_{name}", args=args)


def _post(client: Client, url: str, data: dict):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_the_api_reads_a_check_and_its_samples_and_reviews_one(supervisor, finance_officer, cadre_same_unit, rows):
    check = drawn(supervisor)
    client = _as(supervisor)
    listed = client.get(_api("check_list")).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == check.pk
    body = client.get(_api("check", check.pk)).json()
    assert body["seed"] == "test-seed" and body["excess"] == "900.00"
    assert {r["code"] for r in body["rules"]} == {"TST-R01", "TST-T01"}
    samples = client.get(_api("check_samples", check.pk)).json()
    assert len(samples) == 5 and samples[0]["verdict_label"] == "未审核"
    url = _api("check_sample_review", check.pk, samples[0]["id"])
    refused = _post(client, url, {"verdict": "problem", "remark": " "})
    assert refused.status_code == 400 and "问题说明" in refused.json()["message"]
    assert _post(client, url, {"verdict": "perhaps"}).status_code == 422
    done = _post(client, url, {"verdict": "problem", "remark": "超标准"})
    assert done.status_code == 200 and done.json()["verdict"] == "problem"
    assert _post(_as(finance_officer), url, {"verdict": "compliant"}).status_code == 403
    assert _post(_as(cadre_same_unit), url, {"verdict": "compliant"}).status_code == 404
    assert _as(cadre_same_unit).get(_api("check", check.pk)).status_code == 404
    other = drawn(supervisor, title="另一次检查")
    wrong = _api("check_sample_review", other.pk, samples[0]["id"])
    assert _post(client, wrong, {"verdict": "compliant"}).status_code == 404


def test_the_api_refuses_a_review_after_the_report(supervisor, rows):
    check = reported(supervisor)
    sample = check.samples.first()
    response = _post(_as(supervisor), _api("check_sample_review", check.pk, sample.pk), {"verdict": "compliant"})
    assert response.status_code == 409 and "检查报告已出具" in response.json()["message"]


# --- the Word report ---------------------------------------------------------------------------------------------


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_the_word_report_opens_and_states_the_figures(supervisor, rows):
    check = reported(supervisor, problems=2)
    response = _as(supervisor).get(reverse("frugality_check_word", args=[check.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _text(response.content)
    assert "驻机关纪检组〔2026〕3号" in text and "关于2026年上半年财务收支、接待经费专项检查情况的报告" in text
    assert "公务接待、差旅" in text and "2026年1月1日至2026年6月30日" in text
    assert "抽样种子为test-seed" in text and "随机抽取5张" in text and "9张凭证" in text
    assert "TST-R01" in text and "发现问题2个" in text and "超标准金额900.00元" in text
    assert "超标准金额合计900.00元" in text and "合计发现问题3个" in text
    problems = list(check.samples.filter(verdict="problem").order_by("position"))
    for sample in problems:
        assert sample.voucher_no in text and sample.remark in text
    assert "存在问题2张" in text and "规则比对发现的红色预警" in text
    assert "接待费1500" in text  # a red finding of the period, named
    assert "总体规范。" in text and "纪检监察组" in text


def test_a_draft_report_says_so(supervisor, rows):
    check = services.check_run(check=start(supervisor), by=supervisor)
    text = _text(check_report_docx(check, [], check.run_on))
    assert "草稿" in text and "尚未抽样" in text and "检查结论待填写" in text
