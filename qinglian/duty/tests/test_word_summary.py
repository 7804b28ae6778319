"""The Word summary of a year's list: GB/T 9704-2012 page set-up and fonts, content, checked by the
proofreading engine's own layout rules, access and audit."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from qinglian.audit.models import AuditEvent
from qinglian.duty.choices import AssignmentRole, ListStatus, Recurrence, TaskStatus
from qinglian.duty.models import DutySection, ProgressReport
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.duty.word import duty_summary_docx
from qinglian.org.models import LeadingGroupMember
from qinglian.proofread import check_docx

YEAR = 2026
ON = dt.date(2026, 7, 15)
MM_PER_EMU = 1 / 36000


@pytest.fixture
def duty_list(org, leader):
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="member", start=dt.date(2020, 1, 1))
    duty_list = DutyListFactory(organ=org.organ, year=YEAR, title="2026年全面从严治党主体责任清单")
    politics = DutySection.objects.create(duty_list=duty_list, order=1, title="强化政治建设")
    theory = DutySection.objects.create(duty_list=duty_list, parent=politics, order=1, title="加强理论武装")
    integrity = DutySection.objects.create(duty_list=duty_list, order=2, title="坚定不移推进党风廉政建设")
    first = DutyItemFactory(
        duty_list=duty_list,
        section=politics,
        order=1,
        content="严格落实“第一议题”制度，及时传达学习党中央重大决策部署",
        lead_leader=leader.person,
        deadline=dt.date(YEAR, 6, 30),
    )
    second = DutyItemFactory(
        duty_list=duty_list,
        section=theory,
        order=2,
        content="制定党组理论学习中心组年度学习计划",
        deadline=None,
        recurrence=Recurrence.QUARTERLY,
    )
    third = DutyItemFactory(duty_list=duty_list, section=integrity, order=3, content="开展廉政风险点排查")
    done = AssignmentFactory(item=first, unit=org.unit_a, status=TaskStatus.CLOSED, completed_on=dt.date(YEAR, 6, 20))
    AssignmentFactory(item=first, unit=org.unit_b, role=AssignmentRole.CO, status=TaskStatus.COMPLETED)
    going = AssignmentFactory(item=second, unit=org.unit_b, status=TaskStatus.IN_PROGRESS)
    AssignmentFactory(item=third, unit=org.unit_a)
    ProgressReport.objects.create(
        organ=org.organ, assignment=going, date=dt.date(YEAR, 7, 1), content="已学习3次", percent=60
    )
    assert done.pk
    return duty_list


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_it_lays_out_the_page_as_gbt_9704(duty_list):
    document = _open(duty_summary_docx(duty_list, ON))
    section = document.sections[0]
    assert round(section.page_width * MM_PER_EMU) == 210
    assert round(section.page_height * MM_PER_EMU) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m * MM_PER_EMU) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"  # a character grid LibreOffice sets at 14 a line (core.word)
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert document.settings.odd_and_even_pages_header_footer is True


def _east_asia(paragraph) -> str:
    return paragraph.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_it_writes_title_headings_items_and_figures(duty_list):
    document = _open(duty_summary_docx(duty_list, ON))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    title = paragraphs[0]
    assert title.text == "2026年全面从严治党主体责任清单"
    assert title.alignment == 1  # centred
    assert _east_asia(title) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    texts = [p.text for p in paragraphs]
    assert texts[1] == (
        "截至2026年7月15日，本清单共3项任务，分解为4项委室任务，已完成2项（其中已销号1项），完成率50%；"
        "推进中1项，未启动1项，逾期0项。"
    )
    heading1 = [p for p in paragraphs if p.text.startswith(("一、", "二、"))]
    assert [p.text for p in heading1] == ["一、强化政治建设", "二、坚定不移推进党风廉政建设"]
    assert {_east_asia(p) for p in heading1} == {"黑体"}
    # 强化政治建设 has an item of its own and a sub-section: the item takes （一）, the sub-section goes on with （二）,
    # so no （N） follows a 1. under the same heading (GB/T 9704-2012 7.3.3); both lead lines in 楷体.
    heading2 = next(p for p in paragraphs if p.text.startswith("（二）"))
    assert heading2.text == "（二）加强理论武装" and _east_asia(heading2) == "楷体_GB2312"
    first = texts.index("（一）严格落实“第一议题”制度，及时传达学习党中央重大决策部署")
    assert _east_asia(paragraphs[first]) == "楷体_GB2312"
    assert texts[first + 1] == "牵头领导：leader；牵头委室：办公室；配合委室：研究室；完成时限：2026年6月30日。"
    assert texts[first + 2] == "落实情况：办公室已销号（2026年6月20日完成）；研究室已完成。"
    assert "落实情况：研究室推进中（进度60%）。" in texts
    assert "牵头领导：未指定；牵头委室：研究室；配合委室：无；完成时限：每季度报送。" in texts
    assert texts[-2:] == ["中共测试市人大常委会党组", "2026年7月15日"]


def test_page_numbers_are_outside_dashes_with_a_page_field(duty_list):
    document = _open(duty_summary_docx(duty_list, ON))
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right, left
    for paragraph in (odd, even):
        assert paragraph.text == "— 1 —"
        assert "PAGE" in paragraph._p.xml
        assert {_east_asia_run(r) for r in paragraph.runs} == {"宋体"}
        assert {r.font.size.pt for r in paragraph.runs} == {14}


def _east_asia_run(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_proofread_layout_check_finds_nothing(duty_list):
    report = check_docx(duty_summary_docx(duty_list, ON))
    layout = [f"{i.rule} {i.message}" for i in report.issues if i.rule.startswith("LAY-")]
    assert layout == []
    structure = [f"{i.rule} {i.text} {i.message}" for i in report.issues if i.rule.startswith("FMT-")]
    assert structure == []


def test_the_download_is_audited_and_readable_by_list_readers(client, duty_list, cadre_other_unit):
    client.force_login(cadre_other_unit)
    response = client.get(reverse("duty_word"), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    assert _open(response.content).paragraphs[0].text == duty_list.title
    event = AuditEvent.objects.get(action="export")
    assert event.actor_id == cadre_other_unit.pk and "Word" in event.target_repr


def test_a_draft_is_not_given_to_a_cadre(client, duty_list, cadre_other_unit, party_officer):
    duty_list.status = ListStatus.DRAFT
    duty_list.save()
    client.force_login(cadre_other_unit)
    assert client.get(reverse("duty_word"), {"year": YEAR}).status_code == 404
    client.force_login(party_officer)
    assert client.get(reverse("duty_word"), {"year": YEAR}).status_code == 200


def test_an_administrator_gets_nothing(client, duty_list, sysadmin):
    client.force_login(sysadmin)
    assert client.get(reverse("duty_word"), {"year": YEAR}).status_code in (403, 404)
