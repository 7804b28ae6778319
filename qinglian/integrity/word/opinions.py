"""Word outputs of 党风廉政意见回复, in GB/T 9704-2012 layout (core.word.gbt9704):

- the reply letter (党风廉政意见回复函): its number (发文字号), title, the organ it answers, one paragraph per person
  with the group's conclusion, the signature of the stationed group and the date of the reply;
- the draft of the summaries (廉政情况摘要草稿) for the group to edit offline before it answers.
"""

from __future__ import annotations

import datetime as dt
import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from qinglian.core import clock
from qinglian.core.word.gbt9704 import (
    BODY_FONT,
    HEADING1_FONT,
    TITLE_FONT,
    TITLE_PT,
    add_paragraph,
    add_signature,
    cn_date,
    new_document,
)
from qinglian.integrity.choices import OpinionConclusion
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.proofread.numerals import int_to_cn


def group_name(request: OpinionRequest) -> str:
    """The signature of the reply: the commission's group stationed at the organ."""
    return f"市纪委监委驻{request.organ.name}纪检监察组"


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _who(item: OpinionItem) -> str:
    unit = item.person.unit.name if item.person.unit_id else ""
    parts = [p for p in (unit, item.person.post) if p]
    text = item.person.name + (f"（{'，'.join(parts)}）" if parts else "")
    return text + (f"，{item.proposed_post}" if item.proposed_post else "")


def _conclusion(item: OpinionItem) -> str:
    if item.conclusion == OpinionConclusion.ISSUE:
        return f"有问题。{item.answer.strip()}"
    text = OpinionConclusion(item.conclusion).label if item.conclusion else "（尚未回复）"
    return f"{text}。{item.answer.strip()}" if item.answer.strip() else f"{text}。"


def reply_docx(request: OpinionRequest, items: list[OpinionItem]) -> bytes:
    """The reply letter: 发文字号, title, 主送, the request it answers, each person and the conclusion, 特此函复,
    the group's signature and the reply date (the draft date while the reply is not issued)."""
    document = new_document()
    number = request.reply_no or "（回复文号待生成）"
    add_paragraph(document, number, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=0)
    add_paragraph(document, "")
    title = f"关于{request.title.removeprefix('关于').removesuffix('的函')}的回复"
    add_paragraph(document, title, font=TITLE_FONT, size_pt=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=0)
    add_paragraph(document, "")
    add_paragraph(document, f"{request.organ.name}：", first_chars=0)
    source = f"《{request.title}》" + (f"（{request.document_no}）" if request.document_no else "")
    sent = f"于{cn_date(request.sent_on)}" if request.sent_on else ""
    add_paragraph(
        document,
        f"你单位{sent}送来的{source}收悉。经研究，现将{len(items)}名同志的党风廉政意见回复如下：",
    )
    for number_, item in enumerate(items, start=1):
        add_paragraph(document, f"{int_to_cn(number_)}、{_who(item)}：{_conclusion(item)}")
    add_paragraph(document, "特此函复。")
    add_signature(document, group_name(request), cn_date(request.replied_on or request.sent_on or clock.today()))
    return _bytes(document)


def summaries_docx(request: OpinionRequest, items: list[OpinionItem], on: dt.date) -> bytes:
    """The summaries as drafted (or as the group has edited them), one section per person, for editing offline."""
    document = new_document()
    add_paragraph(
        document,
        "党风廉政情况摘要（草稿）",
        font=TITLE_FONT,
        size_pt=TITLE_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        first_chars=0,
    )
    add_paragraph(document, "")
    add_paragraph(document, f"征求函：{request.title}" + (f"（{request.document_no}）" if request.document_no else ""))
    add_paragraph(document, f"生成日期：{cn_date(on)}。以下内容由系统根据台账生成，请派驻纪检监察组核实修改。")
    for number_, item in enumerate(items, start=1):
        add_paragraph(document, f"{int_to_cn(number_)}、{_who(item)}", font=HEADING1_FONT, outline_level=0)
        for line in (item.summary or "（尚未生成摘要）").splitlines():
            if line.strip():
                add_paragraph(document, line.strip(), font=BODY_FONT)
    return _bytes(document)
