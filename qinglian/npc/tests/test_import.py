"""代表建议导入: the template's columns and drop-downs, a good import (suggestions, lead and co units, key
flags, co-signers), row-by-row errors, all or nothing, the "自动新增代表" option and who may import."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.npc import importers
from qinglian.npc.choices import HandlingRole, SessionKind, SuggestionStatus
from qinglian.npc.importers import importer as importer_module
from qinglian.npc.models import Assignment, Deputy, Suggestion
from qinglian.npc.tests.factories import DeputyFactory, ExternalUnitFactory, SessionFactory, SuggestionFactory

D = dt.date
HEADERS = [
    "建议编号*",
    "年度*",
    "届次会次*",
    "领衔代表*",
    "联名代表",
    "标题*",
    "内容",
    "类别*",
    "收到日期*",
    "主办单位",
    "协办单位",
    "交办日期",
    "重点督办",
    "督办委室",
    "督办领导",
]


@pytest.fixture
def scene(org, desks, bureau, bureau2, leader):
    organ = org.organ
    plenary = SessionFactory(organ=organ)  # 第十六届人民代表大会第五次会议, 2026-01-12
    interim = SessionFactory(organ=organ, kind=SessionKind.INTERIM, number="", start=D(2026, 2, 1), end=None)
    for name in ("张三", "李四", "王五"):
        DeputyFactory(organ=organ, name=name)
    DeputyFactory(organ=organ, name="刘洋", delegation="城东区代表团")
    DeputyFactory(organ=organ, name="刘洋", delegation="城西区代表团")
    education = ExternalUnitFactory(organ=organ, name="市教育局", short_name="教育局")
    return {"plenary": plenary, "interim": interim, "education": education, "leader": leader}


@pytest.fixture
def clerk(desks, cadre_same_unit):
    """A person of the suggestions desk (unit A, 办公室)."""
    return cadre_same_unit


def _row(number, **values) -> list:
    row = {
        "number": number,
        "year": 2026,
        "session": "第十六届人民代表大会第五次会议",
        "lead": "张三",
        "co": "",
        "title": f"关于{number}的建议",
        "content": "建议内容",
        "category": "城乡建设",
        "received": "2026-01-15",
        "lead_unit": "",
        "co_units": "",
        "assigned": "",
        "key": "",
        "committee": "",
        "leader": "",
    } | values
    return list(row.values())


GOOD = [
    _row(
        "第0001号",
        co="李四、王五",
        lead_unit="市住房和城乡建设局",
        co_units="市自然资源和规划局、教育局",
        assigned="2026-01-20",
        key="是",
        committee="办公室",
        leader="leader",
    ),
    _row(
        "第0002号",
        session="第十六届第五次会议",
        lead="李四",
        category="社会事业",
        lead_unit="市教育局",
        assigned=dt.datetime(2026, 1, 22),
    ),
    _row("第0003号", session="闭会期间", lead="王五", co="张三", category="民生保障", received="2026-03-02"),
]


def _workbook(client, rows) -> bytes:
    """The downloaded template with `rows` filled in under its header."""
    wb = load_workbook(io.BytesIO(client.get(reverse("npc_import_template")).content))
    ws = wb.worksheets[0]
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _post(client, rows, **options):
    upload = SimpleUploadedFile("建议.xlsx", _workbook(client, rows))
    return client.post(reverse("npc_import"), {"file": upload, **options})


# --- the template ----------------------------------------------------------------------------------------


def test_the_template_has_the_columns_and_dropdowns(client, scene, clerk):
    client.force_login(clerk)
    response = client.get(reverse("npc_import_template"))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEADERS
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["H"] == '"经济发展,城乡建设,社会事业,民生保障,生态环境,政治法治,其他"'  # 类别
    assert lists["M"] == '"是,否"'  # 重点督办
    assert "第十六届人民代表大会第五次会议" in lists["C"] and "闭会期间" in lists["C"]
    assert "市教育局" in lists["J"] and "办公室" in lists["N"]
    assert "填表说明" in wb.sheetnames


def test_a_long_unit_list_goes_to_the_hidden_options_sheet(client, scene, clerk, org):
    for n in range(30):
        ExternalUnitFactory(organ=org.organ, name=f"市第{n}号测试管理服务中心")
    client.force_login(clerk)
    wb = load_workbook(io.BytesIO(client.get(reverse("npc_import_template")).content))
    options = wb["下拉选项"]
    assert options.sheet_state == "hidden"
    assert "市第29号测试管理服务中心" in [c.value for c in options["J"]]
    formulas = [dv.formula1 for dv in wb.worksheets[0].data_validations.dataValidation]
    assert "'下拉选项'!$J$1:$J$33" in formulas


# --- a good import ---------------------------------------------------------------------------------------


def test_a_good_file_registers_assigns_and_marks_key_suggestions(client, scene, clerk, org, bureau, bureau2):
    client.force_login(clerk)
    response = _post(client, GOOD)
    assert response.status_code == 200 and response.context["stage"] == "done"
    assert response.context["result"].summary() == "导入完成：登记代表建议 3 件，交办 2 件，重点督办 1 件"
    first, second, third = Suggestion.objects.filter(organ=org.organ).order_by("number")
    assert (first.status, first.assigned_on, first.session) == (
        SuggestionStatus.ASSIGNED,
        D(2026, 1, 20),
        scene["plenary"],
    )
    units = {(a.unit.name, a.role) for a in Assignment.objects.filter(suggestion=first)}
    assert units == {(bureau.name, HandlingRole.LEAD), (bureau2.name, HandlingRole.CO), ("市教育局", HandlingRole.CO)}
    assert sorted(d.name for d in first.co_signers.all()) == ["李四", "王五"]
    assert first.is_key and first.supervising_committee == org.unit_a
    assert first.supervising_leader == scene["leader"].person
    assert second.session == scene["plenary"] and second.assignments.get().unit == scene["education"]
    assert (second.lead_deputy.name, second.category, second.is_key) == ("李四", "social", False)
    assert (third.status, third.session, third.assigned_on) == (SuggestionStatus.REGISTERED, scene["interim"], None)
    assert [d.name for d in third.co_signers.all()] == ["张三"]
    assert first.history.first().history_change_reason == "代表建议导入"
    assert AuditEvent.objects.filter(action="import", target_repr="代表建议").exists()


def test_preview_judges_every_row_and_writes_nothing(client, scene, clerk):
    client.force_login(clerk)
    response = _post(client, GOOD, preview="on")
    assert response.context["stage"] == "preview"
    assert [r.row for r in response.context["rows"]] == [2, 3, 4]
    assert not Suggestion.objects.exists()


def test_the_page_shows_the_counts_and_each_rows_handling(client, scene, clerk, bureau, bureau2):
    client.force_login(clerk)
    page = client.get(reverse("npc_import")).content.decode()
    assert 'data-testid="import-template"' in page and 'name="auto_create_deputies"' in page
    preview = _post(client, GOOD, preview="on")
    assert [str(m) for m in preview.context["messages"]] == [
        "预览：共 3 行：可导入 3 件（其中交办 2 件），有问题 0 行。尚未写入任何数据。"
    ]
    html = preview.content.decode()
    assert 'data-testid="import-rows"' in html
    assert f"主办：{bureau.name}；协办：{bureau2.name}、市教育局；重点督办" in html
    assert "主办：市教育局" in html and "只登记，不交办" in html
    done = _post(client, [*GOOD, _row("第0004号", lead="赵六")], auto_create_deputies="on")
    counts = dict((count.label, number) for count, number in done.context["counts"])
    assert counts == {"登记建议": 4, "交办": 2, "重点督办": 1, "新增代表": 1}
    html = done.content.decode()
    assert 'data-testid="import-counts"' in html and "查看代表建议台账" in html
    assert "导入完成：登记代表建议 4 件，交办 2 件，重点督办 1 件，新增代表 1 人" in html
    event = AuditEvent.objects.get(action="import", target_repr="代表建议")
    assert event.detail == {"suggestions": 4, "assigned": 2, "deputies": 1}


# --- row errors and all or nothing -----------------------------------------------------------------------


def test_every_bad_row_is_reported_in_chinese_and_nothing_is_written(client, scene, clerk, org):
    SuggestionFactory(organ=org.organ, number="第0100号", year=2026, session=scene["plenary"])
    client.force_login(clerk)
    rows = [
        _row("第0001号"),  # good
        _row("第0002号", lead="赵六"),  # unknown deputy, no auto-create
        _row("第0003号", lead_unit="市不存在局", assigned="2026-01-20"),  # unknown unit
        _row("第0001号"),  # repeats row 2
        _row("第0100号"),  # already in 2026
        _row("第0004号", received="2026-13-01"),  # bad date
        _row("第0005号", lead_unit="办公室", assigned="2026-01-20"),  # an internal unit cannot handle
        _row("第0006号", key="是"),  # key without committee and leader
        _row("第0007号", lead="刘洋"),  # two deputies of that name
        _row("第0008号", lead_unit="市教育局", assigned="2026-01-10"),  # assigned before received
        _row("第0009号", session="第九届第一次会议"),
        _row("第0010号", category="交通"),
    ]
    response = _post(client, rows)
    assert response.context["stage"] == "rejected"
    errors = {r.row: dict(r.errors) for r in response.context["rows"]}
    assert 2 not in errors
    assert "系统中没有代表“赵六”" in errors[3]["领衔代表"]
    assert "系统中没有承办单位“市不存在局”" in errors[4]["主办单位"]
    assert errors[5]["建议编号"] == "与第2行的建议编号重复（同一年度内编号不得重复）"
    assert errors[6]["建议编号"] == "系统中2026年已有编号为“第0100号”的建议"
    assert "无法识别" in errors[7]["收到日期"]
    assert "内设机构" in errors[8]["主办单位"]
    assert set(errors[9]) == {"督办委室", "督办领导"}
    assert "请写作 刘洋/代表团" in errors[10]["领衔代表"]
    assert errors[11]["交办日期"] == "交办日期不能早于收到日期"
    assert "第九届第一次会议" in errors[12]["届次会次"]
    assert "不是有效的类别" in errors[13]["类别"]
    assert Suggestion.objects.filter(organ=org.organ).count() == 1  # only the one made before
    assert "未写入任何数据" in response.content.decode()


def test_a_row_the_services_refuse_rolls_back_the_rows_before_it(client, scene, clerk, org, monkeypatch):
    real_assign = importer_module.suggestion_assign

    def refuse_the_second(*, suggestion, **kwargs):
        if suggestion.number == "第0002号":
            raise Conflict("模拟：该建议已有主办单位")
        return real_assign(suggestion=suggestion, **kwargs)

    monkeypatch.setattr(importer_module, "suggestion_assign", refuse_the_second)
    client.force_login(clerk)
    response = _post(client, [*GOOD, _row("第0004号", lead="新代表")], auto_create_deputies="on")
    assert response.context["stage"] == "rejected"
    assert "第3行（第0002号" in response.content.decode() and "未写入任何数据" in response.content.decode()
    assert not Suggestion.objects.filter(organ=org.organ).exists()
    assert not Assignment.objects.exists()
    assert not Deputy.objects.filter(name="新代表").exists()


def test_apply_refuses_a_plan_with_errors_and_anyone_but_the_desk(org, scene, clerk, cadre_other_unit):
    plan = importers.SuggestionPlan(organ=org.organ, rows=[importers.SuggestionRow(2, "x", importers.Action.ERROR)])
    with pytest.raises(InvalidInput):
        importers.suggestion_apply(plan=plan, by=clerk)
    with pytest.raises(Forbidden):
        importers.suggestion_apply(plan=importers.SuggestionPlan(organ=org.organ, rows=[]), by=cadre_other_unit)


# --- unknown deputies ------------------------------------------------------------------------------------


def test_unknown_deputies_are_created_once_when_asked(client, scene, clerk, org):
    client.force_login(clerk)
    rows = [
        _row("第0001号", lead="赵六", co="钱七/城南区代表团、张三"),
        _row("第0002号", lead="钱七/城南区代表团", co="赵六"),
    ]
    response = _post(client, rows, auto_create_deputies="on")
    assert response.context["result"].deputies == 2
    zhao, qian = Deputy.objects.get(name="赵六"), Deputy.objects.get(name="钱七")
    assert qian.delegation == "城南区代表团"
    first, second = Suggestion.objects.filter(organ=org.organ).order_by("number")
    assert first.lead_deputy == zhao and sorted(d.name for d in first.co_signers.all()) == ["张三", "钱七"]
    assert second.lead_deputy == qian and list(second.co_signers.all()) == [zhao]


def test_a_preview_says_which_deputies_will_be_created(client, scene, clerk):
    client.force_login(clerk)
    response = _post(client, [_row("第0001号", lead="赵六")], auto_create_deputies="on", preview="on")
    assert "将新增代表“赵六”" in response.context["rows"][0].notes
    assert "将新增代表 1 人" in response.context["plan"].summary()
    assert not Deputy.objects.filter(name="赵六").exists()


def test_whole_file_problems_are_explained(client, scene, clerk):
    client.force_login(clerk)
    bad = SimpleUploadedFile("建议.xlsx", b"not a workbook")
    response = client.post(reverse("npc_import"), {"file": bad})
    assert "不是有效的 Excel" in response.content.decode()
    response = _post(client, [])
    assert "表格中没有数据" in response.content.decode()


# --- who may import --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ("party_officer", "unit_head", "cadre_same_unit"))
def test_the_desk_opens_the_import(client, persona, scene, name):
    client.force_login(persona(name))
    assert client.get(reverse("npc_import")).status_code == 200
    assert client.get(reverse("npc_import_template")).status_code == 200


@pytest.mark.parametrize("name", ("cadre_other_unit", "leader", "supervisor", "sysadmin", "auditadmin"))
def test_nobody_else_may_import(client, persona, scene, name):
    client.force_login(persona(name))
    assert client.get(reverse("npc_import")).status_code == 403
    assert client.get(reverse("npc_import_template")).status_code == 403
    upload = SimpleUploadedFile("建议.xlsx", b"x")
    assert client.post(reverse("npc_import"), {"file": upload}).status_code == 403
    assert not Suggestion.objects.exists()
