"""The rectification report (整改落实情况报告) of one batch, as a .docx in GB/T 9704-2012 layout (core.word):
the title 关于XX反馈问题整改落实情况的报告, an overview with the figures, one section per problem category with
each problem, its measures and their state, then the long-term mechanisms established, signed by the Party group."""

from __future__ import annotations

import datetime as dt
import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from qinglian.core.word.gbt9704 import (
    HEADING1_FONT,
    HEADING2_FONT,
    TITLE_FONT,
    TITLE_PT,
    add_paragraph,
    add_signature,
    cn_date,
    new_document,
)
from qinglian.integrity.choices import ProblemStatus
from qinglian.integrity.models import RectificationBatch, RectificationProblem
from qinglian.integrity.selectors.rectification import batch_groups, measure_status
from qinglian.proofread.numerals import int_to_cn


def report_title(batch: RectificationBatch) -> str:
    who = (batch.issuer or batch.title).strip()
    return f"关于{who}反馈问题整改落实情况的报告"


def signer_of(batch: RectificationBatch) -> str:
    return f"中共{batch.organ.name.removesuffix('机关')}党组"


def _overview(batch: RectificationBatch, problems: list[RectificationProblem], on: dt.date) -> str:
    measures = [m for p in problems for m in p.measures.all()]
    done = sum(m.completed_on is not None for m in measures)
    closed = sum(p.status == ProblemStatus.CLOSED for p in problems)
    mechanisms = sum(len(p.mechanisms.all()) for p in problems)
    who = batch.issuer or batch.get_source_display()
    return (
        f"{cn_date(batch.feedback_on)}，{who}向机关党组反馈了{batch.get_source_display()}发现的{len(problems)}个问题。"
        f"机关党组高度重视，逐项制定整改措施，明确责任领导、责任委室、责任人和完成时限。截至{cn_date(on)}，"
        f"共制定整改措施{len(measures)}项，已完成{done}项；{len(problems)}个问题已整改销号{closed}个；"
        f"建立完善长效机制{mechanisms}项。现将整改落实情况报告如下。"
    )


def _measure_line(number: int, measure, on: dt.date) -> str:
    who = "，".join(
        x for x in ((measure.unit.name if measure.unit else ""), (measure.owner.name if measure.owner else "")) if x
    )
    state = measure_status(measure, on)
    text = f"{number}. {measure.description.rstrip('。')}。"
    if who:
        text += f"（责任：{who}；完成时限：{cn_date(measure.deadline)}）"
    if measure.completed_on is not None:
        text += f"{cn_date(measure.completed_on)}已完成：{measure.completion_note.rstrip('。')}。"
    else:
        text += f"目前{state}。"
    return text


def rectification_docx(batch: RectificationBatch, problems: list[RectificationProblem], on: dt.date) -> bytes:
    document = new_document()
    add_paragraph(
        document, report_title(batch), font=TITLE_FONT, size_pt=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=0
    )
    add_paragraph(document, "")
    if batch.issuer:
        add_paragraph(document, f"{batch.issuer}：", first_chars=0)
    add_paragraph(document, _overview(batch, problems, on))
    index = 0
    for index, (category, rows) in enumerate(batch_groups(problems), start=1):
        add_paragraph(
            document,
            f"{int_to_cn(index)}、关于{category.removeprefix('关于')}的问题",
            font=HEADING1_FONT,
            outline_level=0,
        )
        for sub, problem in enumerate(rows, start=1):
            lines = [line.strip() for line in problem.description.splitlines() if line.strip()] or [""]
            add_paragraph(document, f"（{int_to_cn(sub)}）{lines[0]}", font=HEADING2_FONT, outline_level=1)
            for line in lines[1:]:
                add_paragraph(document, line)
            add_paragraph(document, "整改措施及落实情况：")
            for number, measure in enumerate(problem.measures.all(), start=1):
                add_paragraph(document, _measure_line(number, measure, on))
            if problem.status == ProblemStatus.CLOSED and problem.closed_on:
                add_paragraph(document, f"整改状态：已于{cn_date(problem.closed_on)}销号。")
            else:
                add_paragraph(document, "整改状态：持续推进。")
    mechanisms = [(p, m) for p in problems for m in p.mechanisms.all()]
    add_paragraph(document, f"{int_to_cn(index + 1)}、建立完善的长效机制", font=HEADING1_FONT, outline_level=0)
    if mechanisms:
        for number, (_, m) in enumerate(mechanisms, start=1):
            extra = "，".join(x for x in (m.document_no, f"{cn_date(m.issued_on)}印发" if m.issued_on else "") if x)
            add_paragraph(document, f"{number}. 《{m.title.strip('《》')}》" + (f"（{extra}）" if extra else "") + "。")
    else:
        add_paragraph(document, "尚未建立新的长效机制。")
    add_paragraph(document, "下一步，机关党组将持续抓好未完成事项的整改落实，巩固整改成果，确保问题不反弹、不回潮。")
    add_signature(document, signer_of(batch), cn_date(on))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
