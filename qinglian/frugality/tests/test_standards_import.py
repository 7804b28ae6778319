"""经费标准表导入 and export: a template per kind, a good sheet imported with its metadata, bad cells and bad periods
refused with nothing written, and a table's own export re-imported as the same rows."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.compliance.choices import Jurisdiction
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.choices import StandardKind as K
from qinglian.frugality.importers.standards import StandardTableImport
from qinglian.frugality.models import StandardRow, StandardTable

pytestmark = pytest.mark.django_db
LODGING = ["省份*", "城市*", "人员级别*", "住宿费限额（元/人·天）*", "旺季上浮后限额（元/人·天）", "旺季月份"]


def xlsx(rows: list[list[Any]], headers: list[str] = LODGING) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def meta(**over: Any) -> dict[str, Any]:
    return {
        "kind": K.LODGING,
        "jurisdiction": Jurisdiction.ORGAN,
        "title": "本机关差旅住宿费标准",
        "doc_no": "测财〔2026〕2号",
        "source": "《测试市差旅费管理办法》第十条",
        "effective_from": dt.date(2026, 1, 1),
        "effective_to": None,
        "confidence": "high",
        "note": "",
    } | over


GOOD = [
    ["浙江", "杭州市", "其他人员", "４２０", None, None],
    ["浙江", "*", "其他人员", "1,000元", None, None],
    ["浙江", "宁波", "厅局级（司局级）", 500, 600, "7-9"],
]


def _import(user, rows=GOOD, **over):
    importer = StandardTableImport.for_user(user)
    plan = importer.parse(xlsx(rows), **meta(**over))
    return importer, plan


def test_a_template_per_kind(org, finance_officer):
    importer = StandardTableImport.for_user(finance_officer)
    importer.kind = K.LODGING
    assert [c.value for c in importer.template()["经费标准表"][1]] == LODGING
    importer.kind = K.CONFERENCE_RATE
    headers = [c.value for c in importer.template()["经费标准表"][1]]
    assert headers[:2] == ["会议类别*", "综合定额（元/人·天）*"] and "参会人数上限（人）" in headers


@pytest.mark.parametrize("name", ["party_officer", "unit_head", "leader", "supervisor", "sysadmin"])
def test_only_the_finance_officer_imports(org, persona, name):
    with pytest.raises(Forbidden):
        StandardTableImport.for_user(persona(name))


def test_a_good_sheet_becomes_a_version(org, finance_officer):
    importer, plan = _import(finance_officer)
    assert not plan.has_errors and plan.rows[0].name == "浙江/杭州市/其他人员"
    assert "住宿费限额 420 元/人·天" in plan.rows[0].detail
    result = importer.apply(plan, mode="all", by=finance_officer)
    assert result.created == 3
    table = StandardTable.objects.get(organ=org.organ, kind=K.LODGING)
    assert (table.title, table.doc_no, table.created_by) == ("本机关差旅住宿费标准", "测财〔2026〕2号", finance_officer)
    assert sorted(r.values["cap"] for r in table.rows.all()) == ["1000", "420", "500"]
    assert AuditEvent.objects.filter(action="import", target_id=str(table.pk)).exists()


def test_bad_cells_are_named_and_nothing_is_written(org, finance_officer):
    rows = [
        *GOOD,
        ["浙江", "温州", "处长", "1,2万元x", None, None],
        ["浙江", "杭州", "其他人员", "400", None, None],
        ["*", "台州", "其他人员", "", None, None],
    ]
    importer, plan = _import(finance_officer, rows)
    errors = {(r.row, column, problem) for r in plan.rows for column, problem in r.errors}
    assert (5, "人员级别", "“处长”不是有效的人员级别，可选：省部级、厅局级（司局级）、其他人员") in errors
    assert (5, "住宿费限额", "金额“1,2万元x”无法识别，请填写数字，如 1280.50 或 0.3万元") in errors
    assert (6, "键", "与第2行重复（浙江/杭州/其他人员）") in errors
    assert (7, "省份", "省份不能填“*”，请逐项填写") in errors
    assert (7, "住宿费限额", "必填") in errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not StandardTable.objects.filter(organ=org.organ).exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"effective_to": dt.date(2025, 12, 31)}, "失效日期不能早于生效日期"),
        ({"jurisdiction": Jurisdiction.PROVINCE}, "与已有标准表（2016-01-01至长期）生效期间重叠"),
    ],
)
def test_a_bad_period_is_refused_before_the_sheet_is_read(org, finance_officer, over, message):
    with pytest.raises(InvalidInput, match=message):
        _import(finance_officer, **over)


def test_a_sheet_of_another_kind_is_refused(org, finance_officer):
    importer = StandardTableImport.for_user(finance_officer)
    with pytest.raises(InvalidInput, match="表头须包含：会议类别"):
        importer.parse(xlsx(GOOD), **meta(kind=K.CONFERENCE_RATE))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _reimport(client: Client, table: StandardTable, organ: Any) -> StandardTable:
    """The table's export uploaded again as the organ's own version of the same kind."""
    exported = client.get(reverse("frugality_standard_export", args=[table.pk]))
    assert exported.status_code == 200
    form = {k: ("" if v is None else v) for k, v in meta(kind=table.kind).items()}
    upload = SimpleUploadedFile("标准表.xlsx", exported.content)
    response = client.post(reverse("frugality_standard_import"), {**form, "file": upload, "mode": "all"})
    assert response.status_code == 200
    return StandardTable.objects.get(organ=organ, kind=table.kind)


def _rows(table: StandardTable) -> list[tuple]:
    return [(r.key_a, r.key_b, r.key_c, r.values) for r in StandardRow.objects.filter(table=table).order_by("position")]


@pytest.mark.parametrize("kind", [K.LODGING, K.CONFERENCE_RATE, K.TRANSPORT_CLASS, K.CAR_CAP, K.ABROAD_DAYS])
def test_a_tables_export_reimports_as_the_same_rows(org, finance_officer, kind):
    shipped = StandardTable.objects.get(kind=kind, jurisdiction=Jurisdiction.CENTRAL, effective_to__isnull=True)
    client = _client(finance_officer)
    assert _rows(_reimport(client, shipped, org.organ)) == _rows(shipped)


def test_the_import_page_previews_then_writes(org, finance_officer):
    client = _client(finance_officer)
    url = reverse("frugality_standard_import")
    page = client.get(url)
    assert page.status_code == 200 and reverse("frugality_standard_template", args=[K.LODGING]) in page.text
    form = {k: ("" if v is None else v) for k, v in meta().items()}
    preview = client.post(url, {**form, "file": SimpleUploadedFile("a.xlsx", xlsx(GOOD)), "preview": "on"})
    assert "尚未写入任何数据" in preview.text and not StandardTable.objects.filter(organ=org.organ).exists()
    done = client.post(url, {**form, "file": SimpleUploadedFile("a.xlsx", xlsx(GOOD))})
    assert "标准行 3 行" in done.text and StandardTable.objects.filter(organ=org.organ).count() == 1
    again = client.post(url, {**form, "file": SimpleUploadedFile("a.xlsx", xlsx(GOOD))})
    assert "生效期间重叠" in again.text and StandardTable.objects.filter(organ=org.organ).count() == 1


def test_templates_are_the_finance_officers(org, finance_officer, party_officer):
    template = _client(finance_officer).get(reverse("frugality_standard_template", args=[K.CAR_CAP]))
    sheet = load_workbook(io.BytesIO(template.content))["经费标准表"]
    assert [c.value for c in sheet[1]] == ["车辆类型*", "能源类型*", "价格上限（元）*", "排气量上限（升）"]
    assert _client(party_officer).get(reverse("frugality_standard_template", args=[K.CAR_CAP])).status_code == 403
    assert _client(finance_officer).get("/frugality/standards/import/template/hotel/").status_code == 404
