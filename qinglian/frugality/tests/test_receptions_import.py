"""公务接待 import in the finance systems' shape (a row per meal, grouped by 凭证号) and the export that re-imports
as it is: all or nothing, amounts as people write them, dates out of order, rows of one voucher that disagree."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.choices import EntrySource, MealKind
from qinglian.frugality.importers.receptions import ReceptionImport, reception_columns
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.tests.factories import ReceptionFactory, ReceptionMealFactory

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in reception_columns()]
NO_MEAL = dict.fromkeys(("用餐日期", "用餐方式", "就餐接待对象人数", "陪餐人数", "用餐金额（元）", "菜品酒水"), "")


def _row(org, **cells) -> list:
    values = {
        "凭证号": "记-0101",
        "承办委室": org.unit_a.name,
        "报销日期": "2026-03-16",
        "来访单位": "某市人大常委会办公室",
        "接待对象级别": "厅局级",
        "接待对象人数": "5",
        "公务活动项目": "立法调研",
        "接待开始日期": "2026-03-10",
        "接待结束日期": "2026-03-11",
        "住宿费（元）": "1,200.00",
        "清单审签日期": "2026-03-11",
        "公函派出单位": "某市人大常委会办公室",
        "公函日期": "2026-03-02",
        "发票日期": "2026-03-12",
        "用餐日期": "2026-03-10",
        "用餐方式": "工作餐",
        "就餐接待对象人数": "5",
        "陪餐人数": "2",
        "用餐金额（元）": "560",
        "菜品酒水": "家常菜",
    }
    values.update(cells)
    return [values.get(h, "") for h in HEADERS]


def _file(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_rows_of_one_voucher_are_one_reception_with_its_meals(org, finance_officer):
    rows = [
        _row(org),
        _row(org, **{"用餐日期": "2026-03-11", "用餐方式": "自行用餐", "用餐金额（元）": "０.０３万元"}),
        _row(org, **{"凭证号": "记-0102", "来访单位": "某县人大常委会", **NO_MEAL}),
    ]
    importer = ReceptionImport.for_user(finance_officer)
    plan = importer.parse(_file(rows))
    assert not plan.has_errors, [r.errors for r in plan.rows]
    result = importer.apply(plan, mode="all", by=finance_officer)
    assert result.tally["receptions"] == 2
    r = Reception.objects.get(voucher_no="记-0101")
    assert r.entry_source == EntrySource.IMPORTED and r.total_amount == Decimal(
        "1760"
    )  # 1200 + 560; the self-paid 300 is listed, not paid
    assert sorted((m.kind, m.amount) for m in r.meals.all()) == [
        (MealKind.SELF, Decimal("300")),
        (MealKind.WORK, Decimal("560")),
    ]
    assert not Reception.objects.get(voucher_no="记-0102").meals.exists()
    again = importer.parse(_file(rows))
    assert {r.action.value for r in again.rows} == {"无变化"}


@pytest.mark.parametrize(
    ("cells", "column", "problem"),
    [
        ({"住宿费（元）": "1,2万元x"}, "住宿费（元）", "无法识别"),
        ({"接待结束日期": "2026-03-09"}, "接待开始日期", "接待结束日期不能早于开始日期"),
        ({"公函所列开始日期": "2026-03-12", "公函所列结束日期": "2026-03-10"}, "接待开始日期", "公函所列结束日期"),
        ({"用餐日期": "2026-03-13"}, "用餐日期", "不在接待日期"),
        ({"凭证号": ""}, "凭证号", "必填"),
        ({"承办委室": "无此委室"}, "承办委室", "本机关没有委室"),
        ({"接待对象人数": "五"}, "接待对象人数", "不是整数"),
        ({"报销日期": "2099-01-01"}, "报销日期", "不能晚于今天"),
        ({"接待费合计（元）": "9999"}, "接待费合计（元）", "之和1760.00元"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(org, finance_officer, cells, column, problem):
    rows = [_row(org, **cells), _row(org, **{"凭证号": "记-0200", "来访单位": "别的单位"})]
    importer = ReceptionImport.for_user(finance_officer)
    plan = importer.parse(_file(rows))
    errors = plan.rows[0].errors
    assert any(c == column and problem in p for c, p in errors), errors
    assert not plan.rows[1].errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not Reception.all_objects.exists() and not ReceptionMeal.objects.exists()


def test_rows_of_one_voucher_must_agree_on_the_receptions_columns(org, finance_officer):
    rows = [_row(org), _row(org, **{"用餐日期": "2026-03-11", "接待对象人数": "6"})]
    plan = ReceptionImport.for_user(finance_officer).parse(_file(rows))
    assert plan.rows[1].errors == [("接待对象人数", "与同一凭证号的第2行不一致（第2行为“5”），同一次接待的各行应相同")]
    assert plan.rows[0].errors and "第3行有问题" in plan.rows[0].errors[0][1]  # the voucher is written whole or not


def test_only_the_finance_officer_imports(org, unit_head, supervisor):
    for user in (unit_head, supervisor):
        with pytest.raises(Forbidden):
            ReceptionImport.for_user(user)


def test_the_export_re_imports_unchanged_and_a_changed_one_updates(org, finance_officer, unit_head):
    a = ReceptionFactory(unit=org.unit_a, approver=unit_head.person, total_amount=Decimal("560"))
    ReceptionMealFactory(reception=a, amount=Decimal("560"))
    ReceptionMealFactory(reception=a, amount=Decimal("600"), kind=MealKind.SELF, items="茅台, =1+1")
    ReceptionFactory(unit=org.unit_b, guest_unit="某县人大常委会", letter_on=None, total_amount=Decimal("0"))
    client = Client()
    client.force_login(finance_officer)
    exported = client.get(reverse("frugality_reception_export") + "?year=2026")
    assert exported.status_code == 200
    importer = ReceptionImport.for_user(finance_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化", "无变化", "无变化"]
    Reception.objects.filter(pk=a.pk).update(guest_count=4)
    plan = importer.parse(exported.content)
    changed = [r for r in plan.rows if r.action.value == "更新"]
    assert [(c.column, c.old, c.new) for c in changed[0].changes] == [("接待对象人数", "4", "5")]
    importer.apply(plan, mode="all", by=finance_officer)
    a.refresh_from_db()
    assert a.guest_count == 5 and a.meals.count() == 2 and a.entry_source == EntrySource.MANUAL
    Reception.objects.all().update(deleted_at="2026-11-01T00:00:00Z")
    result = importer.apply(importer.parse(exported.content), mode="all", by=finance_officer)
    assert result.tally["receptions"] == 2
    again = Reception.objects.get(approver=unit_head.person)
    assert sorted(m.items for m in again.meals.all()) == ["家常菜", "茅台, =1+1"]


def test_the_import_page_and_its_template(org, finance_officer):
    client = Client()
    client.force_login(finance_officer)
    assert client.get(reverse("frugality_reception_import")).status_code == 200
    template = client.get(reverse("frugality_reception_import_template"))
    assert template.status_code == 200
    response = client.post(reverse("frugality_reception_import"), {"file": _upload([_row(org)]), "mode": "all"})
    assert response.status_code in (200, 302)
    assert Reception.objects.get().voucher_no == "记-0101"


def _upload(rows: list[list]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("接待.xlsx", _file(rows))
