"""The finance-system import (财务系统数据导入): a finance export's columns mapped once per organ and ledger, then the
ledger's own import — preview, row errors, all or nothing — and the refusals that write nothing.

The ledgers' imports are their helpers'; these tests put a small import of their own (FakeReceptionImport) in
IMPORTS, so the page is tested for what it adds: reading the export, the mapping, the renaming and the confirm."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any, ClassVar

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, RowPlan, SheetRow
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import EntrySource, Ledger
from qinglian.frugality.importers import IMPORTS
from qinglian.frugality.importers.imports import (
    FinanceSheet,
    check_mapping,
    guess_mapping,
    ledger_import_class,
    read_finance_sheet,
)
from qinglian.frugality.models import ColumnMapping, Reception
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.models import Unit

URL = "/frugality/import/"
VOUCHER, UNIT, GUESTS, DAY, COUNT, AMOUNT = "凭证号", "承办委室", "来访单位", "接待日期", "接待人数", "金额（元）"


class FakeReceptionImport(LedgerImport[RowPlan]):
    """A reception import as small as a test needs: voucher, unit, guests, day, head count, amount."""

    title = sheet = upload_noun = "公务接待"
    row_noun = "接待记录"
    change_reason = "公务接待导入"
    refusal = "只有财务专责人员可以导入公务接待"
    phrases: ClassVar = {Action.CREATE: "新增 {} 条", Action.UNCHANGED: "无变化 {} 条"}

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def columns(self) -> list[Column]:
        return [
            Column(VOUCHER, required=True, note="记账凭证号"),
            Column(UNIT, required=True),
            Column(GUESTS, required=True),
            Column(DAY, required=True),
            Column(COUNT),
            Column(AMOUNT),
        ]

    def notes(self) -> list[str]:
        return []

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        units = {u.name: u for u in Unit.objects.filter(organ=self.organ)}
        known = set(Reception.objects.filter(organ=self.organ).values_list("voucher_no", flat=True))
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            voucher = row.judge_text(VOUCHER, 40, required=True)
            unit = units.get(row.text(UNIT))
            if unit is None:
                row.error(UNIT, "不是本机关的委室")
            day = row.judge_date(DAY, required=True)
            try:
                amount = parse_amount(row.raw(AMOUNT))
            except AmountError as exc:
                row.error(AMOUNT, str(exc))
                amount = None
            plan = RowPlan(row=number, name=f"{voucher} {row.text(GUESTS)}", errors=row.errors)
            if not row.errors:
                plan.action = Action.UNCHANGED if voucher in known else Action.CREATE
                known.add(voucher)
                plan.values = {
                    "voucher_no": voucher,
                    "unit": unit,
                    "guest_unit": row.text(GUESTS),
                    "day": day,
                    "count": int(row.text(COUNT) or 1),
                    "amount": amount or Decimal(0),
                }
            plans.append(plan)
        return plans

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        Reception.all_objects.create(
            organ=self.organ,
            unit=v["unit"],
            voucher_no=v["voucher_no"],
            entry_source=EntrySource.IMPORTED,
            guest_unit=v["guest_unit"],
            guest_count=v["count"],
            purpose="公务活动",
            start_on=v["day"],
            end_on=v["day"],
            total_amount=v["amount"],
        )
        return Action.CREATE


@pytest.fixture(autouse=True)
def fake_import(monkeypatch):
    monkeypatch.setitem(IMPORTS, "reception", f"{__name__}:FakeReceptionImport")


# The finance system's own headers, with its title and period lines above them and a total at the bottom.
FINANCE_HEADERS = ["凭证字号", "部门", "摘要", "单位名称", "业务日期", "人数", "报销金额"]


def finance_file(rows: list[list[Any]], *, headers: list[str] = FINANCE_HEADERS, total: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["公务接待费明细表"])
    ws.append(["期间：2026年1月—2026年3月"])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if total:
        ws.append(
            ["合计", None, None, None, None, None, sum(float(r[6]) for r in rows if isinstance(r[6], int | float))]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def two_rows(org) -> list[list[Any]]:
    return [
        ["记-0101", org.unit_a.name, "接待调研组", "某市人大", dt.datetime(2026, 3, 2), 5, 560],
        ["记-0102", org.unit_b.name, "接待考察组", "某县人大", "2026-03-05", "４", "１,２００元"],
    ]


MAPPING = {VOUCHER: "凭证字号", UNIT: "部门", GUESTS: "单位名称", DAY: "业务日期", COUNT: "人数", AMOUNT: "报销金额"}


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, data: bytes, *, ledger: str = "reception", remap: bool = False):
    payload: dict[str, Any] = {"ledger": ledger, "file": _named(data)}
    if remap:
        payload["remap"] = "on"
    return client.post(URL, payload)


def _named(data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = "财务导出.xlsx"
    return handle


def mapping_post(response, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping form's fields for `mapping` ({ledger column: finance header})."""
    form = response.context["mapping_form"]
    data = {"sheet": response.context["sheet_token"]}
    for index, column in enumerate(form.columns):
        data[f"col_{index}"] = mapping.get(column.header, "")
    return data


def save_mapping(org, user, mapping: dict[str, str] = MAPPING) -> ColumnMapping:
    return ColumnMapping.objects.create(organ=org.organ, ledger="reception", mapping=mapping, updated_by=user)


# --- reading the finance export ---------------------------------------------------------------------------------


def test_it_finds_the_header_under_the_title_lines_and_reads_past_the_total(org):
    sheet = read_finance_sheet(finance_file(two_rows(org)))
    assert sheet.header_row == 3 and sheet.headers == FINANCE_HEADERS
    assert [number for number, _ in sheet.rows] == [4, 5]
    assert sheet.rows[0][1][4] == dt.date(2026, 3, 2)  # the finance system's 00:00:00 dropped
    assert sheet.totals == [6]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "上传的文件是空的"),
        (b"not a workbook", "文件不是有效的 Excel（.xlsx）文件"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_finance_export(data, message):
    with pytest.raises(InvalidInput, match=message):
        read_finance_sheet(data)


def test_it_refuses_a_sheet_without_a_header_or_without_rows(org):
    wb = Workbook()
    wb.active.append(["只有一行标题"])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(InvalidInput, match="未找到表头行"):
        read_finance_sheet(buffer.getvalue())
    with pytest.raises(InvalidInput, match="表格中没有数据"):
        read_finance_sheet(finance_file([], total=False))


def test_it_refuses_more_rows_than_the_limit(org, settings):
    settings.QINGLIAN_IMPORT_MAX_ROWS = 1
    with pytest.raises(InvalidInput, match="数据行超过上限 1 行"):
        read_finance_sheet(finance_file(two_rows(org)))


# --- the mapping -----------------------------------------------------------------------------------------------


def columns() -> list[Column]:
    return FakeReceptionImport.columns(None)  # type: ignore[arg-type]


def test_a_mapping_names_every_problem_at_once():
    sheet = FinanceSheet(headers=[*FINANCE_HEADERS, "部门"], header_row=1, rows=[(2, [])])
    bad = {VOUCHER: "凭证字号", UNIT: "部门", GUESTS: "凭证字号", DAY: "审核日期"}
    with pytest.raises(InvalidInput) as refused:
        check_mapping(bad, columns(), sheet)
    problems = refused.value.detail["problems"]
    assert problems == [
        "财务表头“凭证字号”同时对应了凭证号、来访单位，每个表头只能对应一列",
        "文件中没有这些表头：“审核日期”（对应接待日期），请检查文件或重新设置列对应",
        "文件中有多个同名的列：“部门”，无法确定读哪一列",
    ]


def test_a_required_column_must_be_mapped():
    with pytest.raises(InvalidInput, match="必填列没有对应的财务表头：来访单位、接待日期"):
        check_mapping({VOUCHER: "凭证字号", UNIT: "部门"}, columns(), None)


def test_the_form_proposes_the_saved_header_then_a_header_of_the_same_name():
    sheet = FinanceSheet(headers=["凭证号", "单位名称", "金额", "部门"], header_row=1, rows=[(2, [])])
    guess = guess_mapping(columns(), sheet, {UNIT: "部门", GUESTS: "来访单位名称"})
    assert guess == {VOUCHER: "凭证号", UNIT: "部门", GUESTS: "", DAY: "", COUNT: "", AMOUNT: "金额"}


def test_a_ledger_whose_import_is_not_written_yet_is_refused_in_chinese(monkeypatch):
    monkeypatch.setitem(IMPORTS, "car", "qinglian.frugality.importers.nowhere:CarImport")
    with pytest.raises(InvalidInput, match="公务用车台账暂不支持导入"):
        ledger_import_class("car")
    with pytest.raises(InvalidInput, match="请选择要导入的台账"):
        ledger_import_class("procurement")
    assert ledger_import_class("reception") is FakeReceptionImport


# --- the page ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["party_officer", "unit_head", "leader", "supervisor", "cadre_same_unit"])
def test_only_the_finance_officer_opens_the_page(persona, request, org):
    user = request.getfixturevalue(persona)
    assert as_user(user).get(URL).status_code == 403
    assert (
        as_user(user).post(URL, {"ledger": "reception", "file": _named(finance_file(two_rows(org)))}).status_code == 403
    )


def test_the_first_import_asks_for_the_columns_then_previews_and_writes_on_confirm(org, finance_officer):
    client = as_user(finance_officer)
    first = upload(client, finance_file(two_rows(org)))
    assert first.status_code == 200 and "设置列对应：公务接待" in first.content.decode()
    assert Reception.all_objects.count() == 0
    preview = client.post(URL, mapping_post(first, MAPPING))
    assert ColumnMapping.objects.get(organ=org.organ, ledger="reception").mapping == MAPPING
    page = preview.content.decode()
    assert "第6行为合计行，未导入" in page and preview.context["plan"].count(Action.CREATE) == 2
    assert [r.row for r in preview.context["rows"]] == [4, 5]  # the finance file's rows
    assert Reception.all_objects.count() == 0  # a preview writes nothing
    done = client.post(URL, {"confirm": preview.context["token"]})
    assert done.status_code == 302 and done.url == f"{URL}?ledger=reception"
    rows = {r.voucher_no: r for r in Reception.all_objects.all()}
    assert set(rows) == {"记-0101", "记-0102"}
    assert rows["记-0102"].total_amount == Decimal("1200.00") and rows["记-0102"].guest_count == 4
    assert rows["记-0101"].start_on == dt.date(2026, 3, 2) and rows["记-0101"].entry_source == EntrySource.IMPORTED
    assert AuditEvent.objects.filter(action="import", target_repr="财务导入列对应（公务接待）").count() == 1


def test_the_next_import_uses_the_saved_columns_without_asking(org, finance_officer):
    save_mapping(org, finance_officer)
    response = upload(as_user(finance_officer), finance_file(two_rows(org)))
    assert "mapping_form" not in response.context and response.context["token"]
    assert "凭证号←“凭证字号”" in response.content.decode()


def test_remapping_keeps_the_earlier_version_in_the_history(org, finance_officer):
    client = as_user(finance_officer)
    upload_once = upload(client, finance_file(two_rows(org)))
    client.post(URL, mapping_post(upload_once, MAPPING))
    again = upload(client, finance_file(two_rows(org)), remap=True)
    assert again.context["mapping_form"]["col_1"].value() == "部门"  # the saved choice proposed
    client.post(URL, mapping_post(again, {**MAPPING, GUESTS: "摘要"}))
    saved = ColumnMapping.objects.get(organ=org.organ, ledger="reception")
    assert saved.mapping[GUESTS] == "摘要" and saved.history.count() == 2
    page = client.get(URL).content.decode()
    assert "此前的列对应（1）" in page and "来访单位 ← 单位名称" in page


def test_a_saved_header_the_file_lacks_is_refused_and_the_columns_asked_again(org, finance_officer):
    save_mapping(org, finance_officer, {**MAPPING, DAY: "审核日期"})
    response = upload(as_user(finance_officer), finance_file(two_rows(org)))
    messages = [str(m) for m in response.context["messages"]]
    assert any("文件中没有这些表头：“审核日期”（对应接待日期）" in m and "未写入任何数据" in m for m in messages)
    assert response.context["mapping_form"] is not None and Reception.all_objects.count() == 0


def test_one_header_for_two_columns_is_refused_and_nothing_saved(org, finance_officer):
    client = as_user(finance_officer)
    first = upload(client, finance_file(two_rows(org)))
    response = client.post(URL, mapping_post(first, {**MAPPING, GUESTS: "凭证字号"}))
    assert "财务表头“凭证字号”同时对应了凭证号、来访单位" in response.content.decode()
    assert not ColumnMapping.objects.exists() and Reception.all_objects.count() == 0


def test_one_bad_row_writes_nothing_and_offers_no_confirm(org, finance_officer):
    save_mapping(org, finance_officer)
    rows = [*two_rows(org), ["记-0103", org.unit_a.name, "接待", "某镇", "2026-03-06", 3, "1,2万元x"]]
    response = upload(as_user(finance_officer), finance_file(rows))
    assert "token" not in response.context
    [bad] = response.context["rows"]
    assert bad.row == 6 and bad.errors[0][0] == AMOUNT
    assert Reception.all_objects.count() == 0


def test_text_that_looks_like_a_formula_stays_text(org, finance_officer):
    save_mapping(org, finance_officer)
    wb = Workbook()
    ws = wb.active
    ws.append(FINANCE_HEADERS)
    ws.append(["记-0104", org.unit_a.name, "接待", '=HYPERLINK("x")', "2026-03-06", 2, 100])
    ws["D2"].data_type = "s"  # the finance system wrote text, as it does
    buffer = io.BytesIO()
    wb.save(buffer)
    client = as_user(finance_officer)
    preview = upload(client, buffer.getvalue())
    client.post(URL, {"confirm": preview.context["token"]})
    assert Reception.all_objects.get().guest_unit == '=HYPERLINK("x")'


def test_a_confirm_whose_figures_changed_since_the_preview_writes_nothing(org, finance_officer):
    save_mapping(org, finance_officer)
    client = as_user(finance_officer)
    preview = upload(client, finance_file(two_rows(org)))
    Reception.all_objects.create(
        organ=org.organ, unit=org.unit_a, voucher_no="记-0101", guest_unit="某市人大", guest_count=5,
        purpose="公务活动", start_on=dt.date(2026, 3, 2), end_on=dt.date(2026, 3, 2),
    )  # fmt: skip
    response = client.post(URL, {"confirm": preview.context["token"]}, follow=True)
    assert "预览之后台账已有变化" in response.content.decode()
    assert Reception.all_objects.count() == 1


def test_a_forged_or_borrowed_token_is_refused(org, finance_officer):
    from qinglian.org.choices import Role
    from qinglian.org.models import RoleGrant
    from qinglian.org.tests.factories import PersonFactory, UserFactory

    save_mapping(org, finance_officer)
    preview = upload(as_user(finance_officer), finance_file(two_rows(org)))
    colleague = UserFactory(username="finance_two", organ=org.organ, person=PersonFactory(organ=org.organ))
    RoleGrant.objects.create(user=colleague, organ=org.organ, role=Role.FINANCE_OFFICER)
    borrowed = as_user(colleague).post(URL, {"confirm": preview.context["token"]}, follow=True)
    assert "导入内容无法核验，请重新上传文件" in borrowed.content.decode()
    forged = as_user(finance_officer).post(URL, {"confirm": preview.context["token"][:-2] + "xx"}, follow=True)
    assert "导入内容无法核验" in forged.content.decode()
    assert Reception.all_objects.count() == 0


def test_the_upload_form_asks_for_ledger_and_file(finance_officer):
    response = as_user(finance_officer).post(URL, {})
    page = response.content.decode()
    assert "请选择要导入的台账" in page and "请选择财务系统导出的 Excel 文件（.xlsx）" in page


def test_a_ledger_without_an_import_is_refused_on_the_page(org, finance_officer, monkeypatch):
    monkeypatch.setitem(IMPORTS, "abroad", "qinglian.frugality.importers.nowhere:AbroadTripImport")
    response = upload(as_user(finance_officer), finance_file(two_rows(org)), ledger="abroad")
    assert "因公临时出国（境）台账暂不支持导入" in response.content.decode()


def test_the_menu_offers_the_import_to_the_finance_officer_only(finance_officer, party_officer):
    from qinglian.core.registry import nav_for

    def labels(user) -> set[str]:
        return {item.label for _, items in nav_for(user) for item in items}

    assert "财务系统数据导入" in labels(finance_officer)
    assert "财务系统数据导入" not in labels(party_officer)


def test_every_ledger_has_a_list_path():
    from qinglian.frugality.importers.imports import LEDGER_PATHS

    assert set(LEDGER_PATHS) == set(Ledger.values) and reverse("frugality_import") == URL
