"""责任清单 Excel 导入: the template, a good import, row-by-row errors, all or nothing, the draft rule,
the preview → confirm pages and who may import."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import InvalidInput
from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence, Theme
from qinglian.duty.importers import (
    DutyExcelImport,
    DutyPlan,
    deadline_parse,
    duty_excel_parse,
    duty_import_apply,
    duty_template,
)
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.duty.tests.factories import DutyListFactory
from qinglian.org.models import LeadingGroupMember, Unit
from qinglian.org.tests.factories import UnitFactory

YEAR = 2026
HEADERS = ["一级标题", "二级标题", "序号", "任务内容*", "类别", "牵头领导", "牵头委室*", "配合委室", "完成时限", "周期"]
HEADERS += ["完成标准", "佐证材料要求"]


@pytest.fixture
def member(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    return leader


def xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD = [
    [
        "一、强化政治建设",
        "（一）加强理论武装",
        1,
        "落实“第一议题”制度",
        "全面从严治党",
        "leader",
        "办公室",
        "研究室",
        "6月底前",
        "",
        "每次党组会议首先学习",
        "会议记录",
    ],
    [
        "一、强化政治建设",
        "（一）加强理论武装",
        2,
        "党组理论学习中心组每季度集中学习",
        "全面从严治党",
        "leader",
        "研究室",
        "",
        "",
        "每季度",
        "全年不少于4次",
        "学习记录",
    ],
    [
        "一、强化政治建设",
        "（二）严肃党内政治生活",
        3,
        "召开年度民主生活会",
        "",
        "",
        "办公室",
        "",
        "2026-12-31",
        "",
        "",
        "",
    ],
    [
        "二、加强党风廉政建设",
        "",
        4,
        "开展廉政风险点排查",
        "党风廉政建设",
        "leader",
        "研究室",
        "办公室",
        dt.datetime(2026, 9, 30),
        "",
        "",
        "",
    ],
    ["三、落实意识形态工作责任制", "", 5, "分析研判意识形态领域情况", "意识形态", "", "办公室", "", "", "每年", "", ""],
]


def test_template_has_the_columns_and_dropdowns(org, member):
    wb = duty_template(org.organ, YEAR)
    ws = wb["责任清单"]
    assert [c.value for c in ws[1]] == HEADERS
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["E"] == '"全面从严治党,党风廉政建设,意识形态"'
    assert lists["F"] == '"leader"'
    assert lists["G"] == '"办公室,研究室"'  # internal units only: not the stationed group
    assert lists["J"] == '"一次性,每月,每季度,每年"'
    assert "6月底前”即2026年6月30日" in "".join(str(r[0].value) for r in wb["填表说明"].iter_rows())


def test_template_puts_a_long_unit_list_on_the_hidden_sheet(org, member):
    for n in range(30):
        UnitFactory(organ=org.organ, name=f"第{n + 1}专门委员会办公室", order=10 + n)
    wb = duty_template(org.organ, YEAR)
    assert wb["下拉选项"].sheet_state == "hidden"
    unit_list = next(dv for dv in wb["责任清单"].data_validations.dataValidation if "G2" in str(dv.sqref))
    assert unit_list.formula1 == "'下拉选项'!$G$1:$G$32"


def test_the_template_downloads_for_the_office_only(client, party_officer, unit_head):
    client.force_login(unit_head)
    assert client.get(reverse("duty_import_template")).status_code == 403
    client.force_login(party_officer)
    response = client.get(reverse("duty_import_template"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[:2] == ["责任清单", "填表说明"]


def test_deadlines_read_as_the_organ_writes_them():
    assert deadline_parse("6月底前", 2026).date == dt.date(2026, 6, 30)
    assert deadline_parse("年底前", 2026).date == dt.date(2026, 12, 31)
    assert deadline_parse("三季度末", 2026).date == dt.date(2026, 9, 30)
    assert deadline_parse("10月中旬", 2026).date == dt.date(2026, 10, 20)
    assert deadline_parse("每季度", 2026).recurrence == Recurrence.QUARTERLY
    assert deadline_parse("2027年1月15日前", 2026).date == dt.date(2027, 1, 15)
    with pytest.raises(ValueError, match="无法识别"):
        deadline_parse("尽快", 2026)


def test_a_good_file_imports_sections_items_and_tasks(org, party_officer, member):
    plan = duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx(GOOD))
    assert not plan.has_errors
    assert plan.summary() == (
        "共 5 项：一级标题 3 个、二级标题 2 个，将导入 5 项（分解为 7 项委室任务），已在清单中 0 项，有问题 0 项"
    )
    result = duty_import_apply(plan=plan, by=party_officer)
    assert (result.sections_created, result.items_created, result.tasks_created) == (5, 5, 7)
    duty_list = DutyList.objects.get(organ=org.organ, year=YEAR)
    assert duty_list.status == ListStatus.DRAFT and duty_list.title == "2026年全面从严治党主体责任清单"
    level1 = DutySection.objects.filter(duty_list=duty_list, parent=None).order_by("order")
    assert [s.title for s in level1] == ["强化政治建设", "加强党风廉政建设", "落实意识形态工作责任制"]
    assert [s.title for s in level1[0].children.order_by("order")] == ["加强理论武装", "严肃党内政治生活"]
    items = list(DutyItem.objects.filter(duty_list=duty_list).order_by("order"))
    assert [i.order for i in items] == [1, 2, 3, 4, 5]
    assert items[0].deadline == dt.date(2026, 6, 30) and items[0].lead_leader == member.person
    assert items[0].section.title == "加强理论武装" and items[0].standard == "每次党组会议首先学习"
    assert (items[1].recurrence, items[1].deadline) == (Recurrence.QUARTERLY, None)
    assert items[3].theme == Theme.INTEGRITY and items[3].deadline == dt.date(2026, 9, 30)
    assert items[4].recurrence == Recurrence.YEARLY and items[4].theme == Theme.IDEOLOGY
    roles = {(a.unit.name, a.role) for a in DutyAssignment.objects.filter(item=items[3])}
    assert roles == {("研究室", AssignmentRole.LEAD), ("办公室", AssignmentRole.CO)}
    assert AuditEvent.objects.filter(action="import", target_id=str(duty_list.pk)).count() == 1


def test_uploading_the_same_file_again_adds_nothing(org, party_officer, member):
    duty_import_apply(plan=duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx(GOOD)), by=party_officer)
    again = duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx(GOOD))
    assert [i.unchanged for i in again.rows] == [True] * 5
    result = duty_import_apply(plan=again, by=party_officer)
    assert (result.items_created, result.sections_created, result.unchanged) == (0, 0, 5)
    assert DutyItem.objects.filter(duty_list__year=YEAR).count() == 5


BAD = [
    ["一、强化政治建设", "", 1, "落实“第一议题”制度", "", "王五", "宣传处", "研究室、档案馆", "6月底前", "", "", ""],
    ["一、强化政治建设", "", 2, "开展谈心谈话", "", "", "办公室", "", "", "", "", ""],
    ["", "（一）无上级", 3, "召开民主生活会", "廉政", "", "办公室", "办公室", "2026/13/45", "每周", "", ""],
    ["一、强化政治建设", "", 4, "", "", "", "", "", "2030-01-01", "", "", ""],
    [*GOOD[0][:2], 6, *GOOD[0][3:]],
]


def test_row_errors_are_listed_in_chinese_and_nothing_is_written(org, party_officer, member):
    plan = duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx(BAD))
    errors = {item.source: dict(item.errors) for item in plan.rows}
    assert errors["第2行"] == {
        "牵头领导": "“王五”不是现任党组成员",
        "牵头委室": "本机关没有名为“宣传处”的委室",
        "配合委室": "本机关没有名为“档案馆”的委室",
    }
    assert errors["第3行"] == {"完成时限": "一次性任务须填写完成时限（或在“周期”中选择每月、每季度、每年）"}
    row4 = errors["第4行"]
    assert row4["二级标题"] == "填写二级标题时须同时填写所属的一级标题"
    assert row4["类别"] == "“廉政”不是有效的类别，请从下拉列表中选择"
    assert row4["周期"] == "“每周”不是有效的周期，请从下拉列表中选择"
    assert row4["配合委室"] == "“办公室”已是牵头委室，不能同时是配合委室"
    assert row4["完成时限"] == "无法识别完成时限“2026/13/45”，请写作 2026-06-30、6月底前、年底前 或 每季度"
    assert errors["第5行"] == {
        "任务内容": "必填",
        "牵头委室": "必填",
        "完成时限": "完成时限2030-01-01不在2026年度内",
    }
    assert errors["第6行"] == {}
    with pytest.raises(InvalidInput, match="有 4 项存在问题，未写入任何数据"):
        duty_import_apply(plan=plan, by=party_officer)
    assert not DutyList.objects.filter(year=YEAR).exists()
    assert not DutySection.objects.exists()


def test_a_failure_while_saving_rolls_everything_back(org, party_officer, member):
    plan = duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx(GOOD))
    plan.rows[-1].lead_unit_id = 999_999  # the unit was deleted between preview and confirm
    with pytest.raises(InvalidInput, match=r"第6行（分析研判意识形态领域情况）：所选委室不存在。未写入任何数据"):
        duty_import_apply(plan=plan, by=party_officer)
    assert not DutyList.objects.filter(year=YEAR).exists()
    assert not DutyItem.objects.exists() and not DutySection.objects.exists()


def test_a_published_list_is_refused(org, party_officer, member):
    DutyListFactory(organ=org.organ, year=YEAR, status=ListStatus.PUBLISHED)
    with pytest.raises(InvalidInput, match="2026年的责任清单已印发，不能再导入"):
        duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx(GOOD))


def test_wrong_files_are_refused_as_a_whole(org, member):
    with pytest.raises(InvalidInput, match="不是有效的 Excel"):
        duty_excel_parse(organ=org.organ, year=YEAR, data=b"PK\x03\x04 not really")
    with pytest.raises(InvalidInput, match="表格中没有数据"):
        duty_excel_parse(organ=org.organ, year=YEAR, data=xlsx([]))


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("清单.xlsx", data)


def test_the_page_previews_then_confirms(client, org, party_officer, member):
    client.force_login(party_officer)
    response = client.post(reverse("duty_import"), {"year": YEAR, "file": _upload(xlsx(GOOD))})
    assert response.status_code == 200
    assert response.context["plan"].summary().startswith("共 5 项")
    assert not DutyItem.objects.exists()  # a preview writes nothing
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(reverse("duty_import"), {"token": token})
    assert response.status_code == 302 and response["Location"].endswith(f"?year={YEAR}")
    assert DutyItem.objects.filter(duty_list__year=YEAR).count() == 5


def test_the_page_offers_no_confirm_when_rows_are_wrong(client, org, party_officer, member):
    client.force_login(party_officer)
    response = client.post(reverse("duty_import"), {"year": YEAR, "file": _upload(xlsx(BAD))})
    body = response.content.decode()
    assert "“王五”不是现任党组成员" in body and 'name="token"' not in body


def _refused(client, token: str, page: str = "duty_import") -> str:
    response = client.post(reverse(page), {"token": token}, follow=True)
    assert response.redirect_chain == [(reverse(page), 302)]
    return response.content.decode()


def test_a_forged_or_foreign_token_is_refused(client, org, party_officer, unit_head, member):
    plan = DutyPlan(organ=org.organ, rows=[], phrases={}, year=YEAR, source="Excel")  # would create the draft
    foreign = DutyExcelImport(org.organ).plan_token(plan, unit_head)
    client.force_login(party_officer)
    assert "导入内容无法核验，请重新上传文件" in _refused(client, foreign)
    assert "导入内容无法核验，请重新上传文件" in _refused(client, "forged")
    assert not DutyList.objects.exists()


def _preview_token(client, page: str, data: dict[str, Any]) -> tuple[str, DutyPlan]:
    response = client.post(reverse(page), data)
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    return token, response.context["plan"]


def test_a_tampered_or_expired_token_is_refused_in_chinese(client, org, party_officer, member):
    client.force_login(party_officer)
    token, plan = _preview_token(client, "duty_import", {"year": YEAR, "file": _upload(xlsx(GOOD))})
    body, signature = token.rsplit(":", 1)
    tampered = f"{body[:-1]}{'A' if body[-1] != 'A' else 'B'}:{signature}"
    assert "导入内容无法核验，请重新上传文件" in _refused(client, tampered)
    assert "导入内容无法核验，请重新上传文件" in _refused(client, token, "duty_import_word")  # another import's
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3 * 60 * 60):
        stale = DutyExcelImport(org.organ).plan_token(plan, party_officer)
    assert "预览已超过2小时，请重新上传文件" in _refused(client, stale)
    assert not DutyList.objects.exists()


def test_the_confirm_writes_exactly_the_previewed_plan(client, org, party_officer, member):
    client.force_login(party_officer)
    token, plan = _preview_token(client, "duty_import", {"year": YEAR, "file": _upload(xlsx(GOOD))})
    assert DutyExcelImport(org.organ).plan_from_token(token, party_officer) == plan  # the token loses nothing
    Unit.objects.filter(pk=org.unit_b.pk).update(name="政策研究室")  # after the preview: a new parse would refuse
    client.post(reverse("duty_import"), {"token": token})
    items = DutyItem.objects.filter(duty_list__year=YEAR).select_related("section__parent").order_by("order")
    written = [
        (
            tuple(s.title for s in (i.section.parent, i.section) if s is not None),
            i.content,
            i.theme,
            i.lead_leader_id,
            {a.unit_id for a in i.assignments.all() if a.role == AssignmentRole.LEAD},
            {a.unit_id for a in i.assignments.all() if a.role == AssignmentRole.CO},
            i.deadline,
            i.recurrence,
            i.standard,
            i.evidence_required,
        )
        for i in items
    ]
    previewed = [
        (r.section, r.content, r.theme, r.leader_id, {r.lead_unit_id}, set(r.co_unit_ids), r.deadline, r.recurrence)
        for r in plan.rows
    ]
    assert written == [(*p, r.standard, r.evidence) for p, r in zip(previewed, plan.rows, strict=True)]
    assert written[0][5] == {org.unit_b.pk}  # 研究室 as previewed, though now named otherwise
    response = client.post(reverse("duty_import"), {"token": token}, follow=True)  # the same token again
    assert "已在清单中未重复导入 5 项" in response.content.decode()
    assert DutyItem.objects.filter(duty_list__year=YEAR).count() == 5


@pytest.mark.parametrize("name", ["unit_head", "cadre_same_unit", "leader", "supervisor", "sysadmin"])
def test_only_the_office_imports(client, persona, name):
    client.force_login(persona(name))
    assert client.get(reverse("duty_import")).status_code == 403
    assert client.get(reverse("duty_import_word")).status_code == 403


def test_the_office_sees_the_upload_and_copy_forms(client, org, party_officer, member):
    client.force_login(party_officer)
    excel = client.get(reverse("duty_import")).content.decode()
    assert reverse("duty_import_template") in excel and 'name="year"' in excel
    word = client.get(reverse("duty_import_word")).content.decode()
    assert "默认牵头委室" in word and 'accept=".docx"' in word
    copy = client.get(reverse("duty_copy"))
    assert copy.status_code == 200 and 'data-testid="copy-form"' in copy.content.decode()
