"""培训费导入: the export re-imports as it is (无变化, then 新增 once the ledger is empty), rows of one 凭证号 are
one course, a changed course is 更新, and bad rows — amounts, full-width digits, dates out of order, a lecture
outside the course, rows of one voucher that disagree — refuse the whole file (all or nothing)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.choices import CostKind, EntrySource, LecturerTitle, PlanKind
from qinglian.frugality.importers.training import TrainingImport
from qinglian.frugality.models import TrainingCourse
from qinglian.frugality.tests.factories import (
    LectureFactory,
    PlanItemFactory,
    SpendingPlanFactory,
    TrainingCostFactory,
    TrainingCourseFactory,
)

D = dt.date
pytestmark = pytest.mark.django_db
COURSE_HEADERS = ("凭证号", "承办委室", "培训名称", "培训类别", "年度计划事项", "开始日期", "结束日期", "培训天数")
COURSE_HEADERS += ("参训人数", "工作人员人数", "培训地点")
LINE_HEADERS = ("费用类别", "费用金额（元）", "授课人", "职称", "授课日期", "学时", "讲课费（税后，元）")
HEADERS = COURSE_HEADERS + LINE_HEADERS
COURSE = ("业务培训班", "三类培训（处级及以下）", "", "2026-03-10", "2026-03-12", 3, 40, 3, "市委党校")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row(voucher="记-1", unit="办公室", **over):
    values = dict(zip(COURSE_HEADERS, (voucher, unit, *COURSE), strict=True))
    values.update(over)
    return tuple(values.get(h, "") for h in HEADERS)


def _cost(kind="住宿费", amount="12000", **over):
    return _row(**{"费用类别": kind, "费用金额（元）": amount, **over})


def _lecture(**over):
    values = {
        "授课人": "李教授",
        "职称": "正高级技术职称",
        "授课日期": "2026-03-11",
        "学时": 3,
        "讲课费（税后，元）": "2400",
    }
    return _row(**{**values, **over})


@pytest.fixture
def ledger(org):
    item = PlanItemFactory(plan=SpendingPlanFactory(organ=org.organ, kind=PlanKind.TRAINING), name="新任干部培训")
    first = TrainingCourseFactory(unit=org.unit_a, plan_item=item, total_amount=Decimal("20000.50"), note="第一期")
    TrainingCostFactory(course=first, kind=CostKind.LODGING, amount=Decimal(12000), description="住宿（含早）")
    TrainingCostFactory(course=first, kind=CostKind.MEALS, amount=Decimal("8000.50"))
    LectureFactory(course=first, title=LecturerTitle.ASSOCIATE, hours=Decimal("2.5"), fee=1000, from_afar=True)
    bare = TrainingCourseFactory(unit=org.unit_b, total_amount=Decimal(0), adhoc_approved_on=D(2026, 3, 1))
    return first, bare


def test_the_export_re_imports_as_it_is(org, finance_officer, ledger):
    exported = _as(finance_officer).get(reverse("frugality_training_export"))
    assert exported.status_code == 200
    ws = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    numbers = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert numbers == [1, 2, 3, 4]  # three lines of the first course, one bare row of the second
    importer = TrainingImport.for_user(finance_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert {r.action.value for r in plan.rows} == {"无变化"}
    TrainingCourse.objects.all().delete()
    plan = importer.parse(exported.content)
    result = importer.apply(plan, mode="all", by=finance_officer)
    assert result.created == 4 and result.tally["courses"] == 2
    first = TrainingCourse.objects.get(voucher_no=ledger[0].voucher_no)
    assert first.entry_source == EntrySource.IMPORTED and first.plan_item == ledger[0].plan_item
    assert first.total_amount == Decimal("20000.50") and first.note == "第一期"
    lecture = first.lectures.get()
    assert (lecture.hours, lecture.fee, lecture.from_afar) == (Decimal("2.5"), Decimal(1000), True)
    assert sorted(first.costs.values_list("description", flat=True)) == ["", "住宿（含早）"]
    assert {r.action.value for r in importer.parse(exported.content).rows} == {"无变化"}


def test_rows_of_one_voucher_are_one_course_and_a_changed_course_is_updated(org, finance_officer):
    importer = TrainingImport.for_user(finance_officer)
    data = _sheet(_cost(), _cost("伙食费", "８，０００．５"), _lecture(), _cost(voucher="记-2", unit="研究室"))
    result = importer.apply(importer.parse(data), mode="all", by=finance_officer)
    assert result.created == 4 and TrainingCourse.objects.count() == 2
    course = TrainingCourse.objects.get(voucher_no="记-1")
    assert course.total_amount == Decimal("20000.50") and course.lectures.count() == 1
    plan = importer.parse(_sheet(_cost(), _lecture(), _cost(voucher="记-2", unit="研究室")))
    assert [r.action.value for r in plan.rows] == ["更新", "更新", "无变化"]
    assert any(c.column == "费用明细" for c in plan.rows[0].changes)
    importer.apply(plan, mode="all", by=finance_officer)
    course.refresh_from_db()
    assert course.total_amount == Decimal(12000) and course.history.first().history_change_reason == "培训费导入"


@pytest.mark.parametrize(
    ("rows", "column", "problem"),
    [
        ((_cost(amount="1,2万元x"),), "费用金额（元）", "无法识别"),
        ((_cost(**{"结束日期": "2026-03-09"}),), "结束日期", "不能早于开始日期"),
        ((_cost(**{"培训天数": 4}),), "结束日期", "不能超过起止日期之间的天数"),
        ((_lecture(**{"授课日期": "2026-03-20"}),), "授课日期", "不在培训起止日期"),
        ((_cost(), _cost(**{"培训名称": "另一个班"})), "培训名称", "同一凭证号，培训名称应一致"),
        ((_cost(**{"授课人": "李教授"}),), "费用类别", "一行只能填写一条费用明细或一条授课记录"),
        ((_cost(unit="无此委室"),), "承办委室", "本机关没有“无此委室”"),
        ((_cost(**{"年度计划事项": "没有的事项"}),), "年度计划事项", "2026年度培训计划中没有"),
        ((_cost(**{"培训类别": "四类"}),), "培训类别", "不是有效的"),
    ],
)
def test_a_bad_row_refuses_the_file_and_names_the_cell(org, finance_officer, rows, column, problem):
    importer = TrainingImport.for_user(finance_officer)
    plan = importer.parse(_sheet(*rows, _cost(voucher="记-9")))
    errors = [e for r in plan.rows for e in r.errors]
    assert any(c == column and problem in p for c, p in errors), errors
    assert plan.rows[-1].action.value != "错误"  # another voucher's course is fine on its own
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not TrainingCourse.all_objects.exists()


def test_one_bad_row_refuses_every_row_of_its_course(org, finance_officer):
    importer = TrainingImport.for_user(finance_officer)
    plan = importer.parse(_sheet(_cost(), _lecture(**{"学时": "三"}), _cost(voucher="记-2")))
    assert [r.action.value for r in plan.rows] == ["错误", "错误", "新增"]
    assert "同一凭证号的第3行有问题" in plan.rows[0].errors[0][1]
    result = importer.apply(plan, mode="valid_only", by=finance_officer)
    assert result.created == 1 and list(TrainingCourse.objects.values_list("voucher_no", flat=True)) == ["记-2"]


def test_full_width_dates_and_numbers_are_read(org, finance_officer):
    importer = TrainingImport.for_user(finance_officer)
    row = _cost(amount="１２，０００元", **{"开始日期": "２０２６－０３－１０", "参训人数": "４０"})
    plan = importer.parse(_sheet(row))
    assert not plan.has_errors, plan.rows[0].errors
    importer.apply(plan, mode="all", by=finance_officer)
    assert TrainingCourse.objects.get().total_amount == Decimal(12000)


def test_only_the_finance_officer_imports(org, party_officer, finance_officer):
    with pytest.raises(Forbidden):
        TrainingImport.for_user(party_officer)
    client = _as(finance_officer)
    assert client.get(reverse("frugality_training_import")).status_code == 200
    assert client.get(reverse("frugality_training_import_template")).status_code == 200
    assert _as(party_officer).get(reverse("frugality_training_import")).status_code == 403
