"""责任清单 Word 导入: a realistic outline (一、（一）1.) with trailing （牵头领导：…） metadata, the default lead
unit, problems, all or nothing, hostile files, and the preview → confirm page."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qinglian.core.errors import InvalidInput
from qinglian.duty.choices import AssignmentRole, Recurrence, Theme
from qinglian.duty.importers import DutyWordImport, duty_import_apply, duty_word_parse, split_meta
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.org.models import LeadingGroupMember

YEAR = 2026
OUTLINE = [
    "2026年全面从严治党主体责任清单",
    "为深入贯彻落实全面从严治党战略部署，压紧压实党组主体责任，制定本清单。",
    "一、强化政治建设",
    "（一）加强理论武装",
    "1. 严格落实“第一议题”制度，及时传达学习习近平总书记重要讲话和重要指示批示精神。"
    "（牵头领导：leader；牵头单位：办公室；配合单位：研究室；完成时限：6月底前）",
    "2．党组理论学习中心组每季度至少集中学习1次。",
    "全年围绕全面从严治党开展专题研讨不少于2次。（牵头单位：研究室；完成时限：每季度）",
    "（二）严肃党内政治生活",
    "3、高质量召开年度民主生活会，认真开展批评和自我批评。（牵头领导：leader；完成时限：年底前）",
    "二、一体推进党风廉政建设",
    "4. 开展廉政风险点排查防控。（牵头单位：办公室、研究室；完成时限：9月30日前）",
    "三、落实意识形态工作责任制",
    "5. 分析研判意识形态领域情况，形成专题报告。（牵头领导：leader；牵头单位：研究室；完成时限：每年）",
]


def outline_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def member(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    return leader


def _parse(org, paragraphs: list[str]):
    return duty_word_parse(organ=org.organ, year=YEAR, data=outline_docx(paragraphs), default_unit_id=org.unit_a.pk)


def test_trailing_parentheses_are_split_off():
    content, meta = split_meta(
        "开展排查。（牵头领导：张三；牵头单位：办公室；配合单位：研究室、人事室；完成时限：6月底前）"
    )
    assert content == "开展排查。"
    assert meta == {"leader": "张三", "lead": "办公室", "co": "研究室、人事室", "deadline": "6月底前"}
    assert split_meta("开展排查（含下属单位）。") == ("开展排查（含下属单位）。", {})


def test_a_realistic_outline_becomes_sections_and_items(org, member):
    plan = _parse(org, OUTLINE)
    assert not plan.has_errors
    assert [(s.title, s.parent is None) for s in plan.sections] == [
        ("强化政治建设", True),
        ("加强理论武装", False),
        ("严肃党内政治生活", False),
        ("一体推进党风廉政建设", True),
        ("落实意识形态工作责任制", True),
    ]
    assert plan.notes == ["第1—2段不属于任何事项（文稿标题、说明文字等），未导入"]
    first, second, third, fourth, fifth = plan.rows
    assert first.content == "严格落实“第一议题”制度，及时传达学习习近平总书记重要讲话和重要指示批示精神。"
    assert (first.leader_id, first.lead_unit_name, first.co_unit_names) == (member.person.pk, "办公室", ["研究室"])
    assert first.deadline == dt.date(2026, 6, 30) and first.source == "第5段"
    assert second.content == "党组理论学习中心组每季度至少集中学习1次。\n全年围绕全面从严治党开展专题研讨不少于2次。"
    assert (second.recurrence, second.deadline, second.lead_unit_name) == (Recurrence.QUARTERLY, None, "研究室")
    assert third.lead_unit_name == "办公室" and third.deadline == dt.date(2026, 12, 31)
    assert third.notes == ["须补充牵头委室：文稿未写明牵头单位，暂按默认牵头委室“办公室”导入"]
    assert (fourth.lead_unit_name, fourth.co_unit_names, fourth.theme) == ("办公室", ["研究室"], Theme.INTEGRITY)
    assert fourth.deadline == dt.date(2026, 9, 30)
    assert (fifth.recurrence, fifth.theme) == (Recurrence.YEARLY, Theme.IDEOLOGY)


def test_the_outline_is_written_to_the_draft(org, party_officer, member):
    result = duty_import_apply(plan=_parse(org, OUTLINE), by=party_officer)
    assert (result.sections_created, result.items_created, result.tasks_created) == (5, 5, 7)
    duty_list = DutyList.objects.get(year=YEAR)
    items = list(DutyItem.objects.filter(duty_list=duty_list).order_by("order"))
    assert [i.section.title for i in items] == [
        "加强理论武装",
        "加强理论武装",
        "严肃党内政治生活",
        "一体推进党风廉政建设",
        "落实意识形态工作责任制",
    ]
    assert items[2].section.parent.title == "强化政治建设"
    lead = DutyAssignment.objects.get(item=items[2], role=AssignmentRole.LEAD)
    assert lead.unit == org.unit_a


def test_items_without_a_deadline_default_to_the_year_end(org, member):
    plan = _parse(org, ["一、强化政治建设", "1. 开展警示教育"])
    assert plan.rows[0].deadline == dt.date(2026, 12, 31)
    assert "未写明完成时限，暂按年底前（12月31日）导入，请核实" in plan.rows[0].notes


def test_problems_are_reported_and_nothing_is_written(org, party_officer, member):
    plan = _parse(
        org,
        [
            "一、强化政治建设",
            "1. 落实第一议题制度（牵头领导：王五；牵头单位：宣传处；完成时限：尽快）",
            "2. 开展警示教育（牵头单位：办公室；完成时限：2029年3月1日）",
            "3. 召开民主生活会（牵头单位：研究室；完成时限：年底前）",
        ],
    )
    errors = {item.source: dict(item.errors) for item in plan.rows}
    assert errors["第2段"] == {
        "牵头领导": "“王五”不是现任党组成员",
        "牵头单位": "本机关没有名为“宣传处”的委室",
        "完成时限": "无法识别完成时限“尽快”，请写作 2026-06-30、6月底前、年底前 或 每季度",
    }
    assert errors["第3段"] == {"完成时限": "完成时限2029-03-01不在2026年度内"}
    assert errors["第4段"] == {}
    with pytest.raises(InvalidInput, match="有 2 项存在问题"):
        duty_import_apply(plan=plan, by=party_officer)
    assert not DutyList.objects.exists() and not DutySection.objects.exists()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("清单.txt 的内容".encode(), "不是 .docx 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "文档已加密或为旧版 .doc 格式"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"0" * 5_000_000}), "疑为压缩炸弹"),
        (_zip({"hello.txt": b"hi"}), "不是 Word .docx 文档"),
        (b"", "文件为空"),
    ],
)
def test_hostile_or_wrong_files_are_refused_in_chinese(org, member, data, message):
    with pytest.raises(InvalidInput, match=message):
        duty_word_parse(organ=org.organ, year=YEAR, data=data, default_unit_id=org.unit_a.pk)


def test_an_outline_without_items_is_refused(org, member):
    with pytest.raises(InvalidInput, match=r"没有找到编号为“1\.”的事项"):
        _parse(org, ["一、强化政治建设", "加强理论武装。"])


def test_the_page_says_which_items_need_a_lead_unit_then_confirms(client, org, party_officer, member):
    client.force_login(party_officer)
    upload = SimpleUploadedFile("清单.docx", outline_docx(OUTLINE))
    response = client.post(reverse("duty_import_word"), {"year": YEAR, "file": upload, "default_unit": org.unit_a.pk})
    body = response.content.decode()
    assert response.status_code == 200 and "须补充牵头委室" in body
    assert not DutyItem.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', body).group(1)
    assert DutyWordImport(org.organ).plan_from_token(token, party_officer) == response.context["plan"]
    response = client.post(reverse("duty_import_word"), {"token": token})
    assert response.status_code == 302
    assert DutyItem.objects.filter(duty_list__year=YEAR).count() == 5


def test_the_page_requires_the_default_lead_unit(client, org, party_officer, member):
    client.force_login(party_officer)
    upload = SimpleUploadedFile("清单.docx", outline_docx(OUTLINE))
    response = client.post(reverse("duty_import_word"), {"year": YEAR, "file": upload})
    assert "请选择默认牵头委室" in response.content.decode()
