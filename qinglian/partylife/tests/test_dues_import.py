"""党费导入: the template, row-by-row judgement, preview, all or nothing, updates, and the export read back as is."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.importing import Action
from qinglian.org.choices import BranchPost, PartyStatus
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.choices import DuesCategory
from qinglian.partylife.importers import DuesImport
from qinglian.partylife.models import DuesRecord
from qinglian.partylife.services.dues import dues_record_add, dues_record_delete

D = Decimal
HEADERS = ["姓名*", "身份证号后四位", "年月*", "人员类别", "月工资收入*", "实交金额", "交纳日期", "备注"]
NEXT_MONTH = (clock.today().replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or HEADERS)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(**over: Any) -> list[Any]:
    values = {
        "name": "党员甲",
        "tail": None,
        "month": "2026-03",
        "category": None,
        "income": 6200,
        "paid": 93,
        "paid_on": "2026-03-12",
        "note": None,
    } | over
    return list(values.values())


@pytest.fixture
def branch(org):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    return branch


@pytest.fixture
def member(org, branch):
    return PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员甲", id_number="11010519491231002X")


def _parse(user, rows: list[list[Any]]):
    return DuesImport.for_user(user).parse(xlsx(rows))


def _problems(plan) -> list[tuple[str, str]]:
    return [problem for r in plan.rows for problem in r.errors]


def test_the_template_is_generated_from_the_columns(org, party_officer):
    wb = DuesImport.for_user(party_officer).template()
    sheet = wb["党费台账"]
    assert [c.value for c in sheet[1]] == HEADERS
    notes = "\n".join(str(c.value) for c in wb["填表说明"]["A"] if c.value)
    assert "应交党费由系统按该月1日有效的党费计算标准" in notes and "人员类别（选填）" in notes
    assert sheet.column_dimensions["C"].number_format == "@"  # 年月 stays text: Excel must not make it a date


def test_the_preview_prices_each_row_and_writes_nothing(party_officer, member):
    plan = _parse(party_officer, [row(), row(month="2026-04", paid=None, paid_on=None)])
    assert [r.action for r in plan.rows] == [Action.CREATE, Action.CREATE]
    assert plan.rows[0].detail == "应交 93.00 元（1.5%），实交 93.00 元"
    assert plan.rows[0].name == "党员甲 2026-03"
    assert not DuesRecord.all_objects.exists()


def test_applying_writes_every_row_through_the_service_with_history_and_one_audit_event(party_officer, member):
    importer = DuesImport.for_user(party_officer)
    plan = importer.parse(xlsx([row(), row(month="2026年4月", paid=50, paid_on="2026-04-20", note="补交")]))
    result = importer.apply(plan, mode="all", by=party_officer)
    assert result.created == 2
    march, april = DuesRecord.objects.order_by("month")
    assert (march.dues, march.paid, march.status) == (D("93.00"), D("93.00"), "paid")
    assert (april.month, april.paid, april.status, april.note) == (dt.date(2026, 4, 1), D("50.00"), "short", "补交")
    assert march.history.latest().history_change_reason == "党费导入"
    assert AuditEvent.objects.filter(action="import", target_repr="党费台账").count() == 1


@pytest.mark.parametrize(
    ("over", "problem"),
    [
        ({"name": "查无此人"}, ("姓名", "本机关没有名为“查无此人”的人员")),
        ({"tail": "1234"}, ("身份证号后四位", "“党员甲”的身份证号后四位不是“1234”，请与花名册核对")),
        ({"month": f"{NEXT_MONTH:%Y-%m}"}, ("年月", "不能晚于本月")),
        ({"month": 2026.1}, ("年月", "“2026.1”无法识别，请写作 2026-03")),
        ({"month": "三月"}, ("年月", "“三月”无法识别，请写作 2026-03")),
        ({"income": -1}, ("月工资收入", "不能为负数")),
        ({"income": "六千"}, ("月工资收入", "“六千”不是有效的金额，请填写数字，如 6200 或 6200.50")),
        ({"paid": 93.125}, ("实交金额", "最多保留两位小数（元、角、分）")),
        ({"paid_on": None}, ("交纳日期", "已交纳党费的须填写交纳日期")),
        ({"paid": 0}, ("实交金额", "未填实交金额（未交纳）时不填写交纳日期")),
        ({"category": "退休"}, ("人员类别", "“退休”不是有效的人员类别，请从下拉列表中选择")),
        ({"month": "2009-06"}, ("年月", "党员甲于2010年07月入党，此前的月份无需交纳党费")),
    ],
)
def test_each_problem_is_named_by_row_and_column(party_officer, member, over, problem):
    plan = _parse(party_officer, [row(**over)])
    assert plan.rows[0].action == Action.ERROR
    assert problem in plan.rows[0].errors


def test_namesakes_need_the_last_four_characters_of_the_id_number(org, party_officer, member, branch):
    PersonFactory(organ=org.organ, unit=org.unit_b, branch=branch, name="党员甲", id_number="110105194912310037")
    plan = _parse(party_officer, [row(), row(tail="002x"), row(tail=37, month="2026-04")])
    assert plan.rows[0].errors == [
        ("身份证号后四位", "本机关有2人名为“党员甲”（办公室、研究室），请填写身份证号后四位以区分")
    ]
    assert plan.rows[1].action == Action.CREATE and plan.rows[1].values["person_id"] == member.pk
    assert plan.rows[2].action == Action.CREATE  # a number cell lost its leading zeros: 37 is 0037


def test_a_repeated_member_month_and_a_non_member_are_errors(org, party_officer, member, branch):
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="群众乙", party_status=PartyStatus.MASSES)
    plan = _parse(party_officer, [row(), row(month="2026-3", paid=10), row(name="群众乙")])
    assert plan.rows[1].errors == [("年月", "与第2行是同一党员同一月份，请删去重复行")]
    assert ("姓名", "群众乙不是中共党员（含预备党员），不登记党费") in plan.rows[2].errors


def test_one_bad_row_writes_nothing(party_officer, member):
    importer = DuesImport.for_user(party_officer)
    plan = importer.parse(xlsx([row(), row(month="2026-04"), row(month="2026-05", income=-3)]))
    with pytest.raises(InvalidInput, match="有 1 行存在问题"):
        importer.apply(plan, mode="all", by=party_officer)
    assert not DuesRecord.all_objects.exists()
    assert DuesImport.modes == ("all",)


def test_a_month_already_entered_is_unchanged_or_updated(party_officer, member):
    dues_record_add(person=member, month=dt.date(2026, 3, 1), base_income=D("6200"), by=party_officer)
    importer = DuesImport.for_user(party_officer)
    same = importer.parse(xlsx([row(paid=None, paid_on=None)]))
    assert same.rows[0].action == Action.UNCHANGED
    paid = importer.parse(xlsx([row()]))
    assert paid.rows[0].action == Action.UPDATE
    assert [(c.column, c.old, c.new) for c in paid.rows[0].changes] == [
        ("实交金额", "0.00", "93.00"),
        ("交纳日期", "", "2026-03-12"),
    ]
    result = importer.apply(paid, mode="all", by=party_officer)
    assert result.updated == 1
    assert DuesRecord.objects.get().paid == D("93.00")


def test_an_organiser_imports_only_their_branchs_members(org, member, cadre_other_unit):
    other = BranchFactory(organ=org.organ, name="机关第二党支部")
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=other,
        person=cadre_other_unit.person,
        post=BranchPost.ORGANIZATION,
        start=dt.date(2024, 1, 1),
    )
    cadre_other_unit.person.branch = other
    cadre_other_unit.person.save()
    plan = _parse(cadre_other_unit, [row(), row(name="cadre_other_unit")])
    assert ("姓名", "无权导入党员甲的党费：只能导入本人任支部书记或组织委员的党支部党员的党费") in plan.rows[0].errors
    assert plan.rows[1].action == Action.CREATE


def test_a_member_without_a_dues_post_may_not_import(cadre_same_unit):
    with pytest.raises(Forbidden, match="只有机关党委专责人员或党支部书记、组织委员可以导入党费"):
        DuesImport.for_user(cadre_same_unit)


# --- the ledger's export is an import file -----------------------------------------------------------------


def _export(client, user) -> bytes:
    client.force_login(user)
    response = client.get(reverse("dues_ledger"), {"year": 2026, "format": "xlsx"})
    assert response.status_code == 200
    return response.content


def test_the_ledgers_export_reimports_as_is(client, org, party_officer, member, branch):
    retired = PersonFactory(organ=org.organ, unit=org.unit_b, branch=branch, name="老党员丙", is_active=False)
    entered = [
        dues_record_add(
            person=member,
            month=dt.date(2026, 1, 1),
            base_income=D("10000.01"),
            paid=D("200"),
            paid_on=dt.date(2026, 1, 9),
            by=party_officer,
        ),
        dues_record_add(
            person=member,
            month=dt.date(2026, 2, 1),
            base_income=D("6200.5"),
            paid=D("30"),
            paid_on=dt.date(2026, 3, 2),
            note="少交，已提醒",
            by=party_officer,
        ),
        dues_record_add(person=member, month=dt.date(2026, 3, 1), base_income=D("3000"), by=party_officer),
        dues_record_add(
            person=retired,
            month=dt.date(2026, 3, 1),
            base_income=D("5000.01"),
            paid=D("50"),
            paid_on=dt.date(2026, 3, 10),
            category=DuesCategory.RETIRED,
            by=party_officer,
        ),
    ]
    content = _export(client, party_officer)
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[2]][:6] == ["序号", "姓名", "身份证号后四位", "所在党支部", "年月", "人员类别"]
    assert sheet["E3"].value == "2026-01" and sheet["H3"].value == 0.02  # the rate a number, shown 2.0%
    assert sheet["H3"].number_format == "0.0%"

    importer = DuesImport.for_user(party_officer)
    plan = importer.parse(content)
    assert [(r.action, r.errors) for r in plan.rows] == [(Action.UNCHANGED, [])] * 4

    fields = ("person_id", "month", "category", "base_income", "rate", "dues", "paid", "paid_on", "note")
    before = sorted(tuple(getattr(r, f) for f in fields) for r in entered)
    for record in entered:
        dues_record_delete(record=record, by=party_officer, reason="测试导出再导入")
    result = importer.apply(importer.parse(content), mode="all", by=party_officer)
    assert result.created == 4
    after = sorted(DuesRecord.objects.values_list(*fields))
    assert after == before


# --- the page -------------------------------------------------------------------------------------------------


def test_the_page_previews_then_imports(client, party_officer, member):
    client.force_login(party_officer)
    url = reverse("dues_import")
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("党费.xlsx", xlsx([row()]))
    response = client.post(url, {"file": upload, "mode": "all", "preview": "on"})
    assert "党员甲 2026-03" in response.content.decode() and not DuesRecord.objects.exists()
    upload = SimpleUploadedFile("党费.xlsx", xlsx([row()]))
    response = client.post(url, {"file": upload, "mode": "all"})
    assert "导入完成：新增 1 条" in response.content.decode()
    assert DuesRecord.objects.count() == 1


def test_the_template_download_and_the_page_refuse_other_members(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    response = client.get(reverse("dues_import_template"))
    assert response.status_code == 200 and load_workbook(io.BytesIO(response.content)).sheetnames[0] == "党费台账"
    client.force_login(cadre_same_unit)
    assert client.get(reverse("dues_import")).status_code == 403
    assert client.get(reverse("dues_import_template")).status_code == 403
