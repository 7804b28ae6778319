"""Generate GB/T 9704-style .docx files with python-docx (for tests and the benchmark).

make_docx(good=True) follows the standard; keyword arguments break one property at a time.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

BODY = (
    "为深入贯彻落实党的二十大精神，进一步加强机关作风建设，经研究，现将有关事项通知如下。"
    "各单位要坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、"
    "做到“两个维护”，切实把思想和行动统一到党中央决策部署上来。"
)


def _font(run, name: str, size: float) -> None:
    run.font.size = Pt(size)
    run.font.name = name
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.add_run("— ")
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    p.add_run(" —")


def make_docx(
    *,
    pages: int = 1,
    top_mm: float = 37,
    left_mm: float = 28,
    right_mm: float = 26,
    bottom_mm: float = 35,
    body_font: str = "仿宋_GB2312",
    body_size: float = 16,
    title_font: str = "方正小标宋简体",
    h1_font: str = "黑体",
    h2_font: str = "楷体_GB2312",
    page_numbers: bool = True,
    body_color: RGBColor | None = None,
    body_via_style: bool = True,
    title: str = "关于进一步加强机关作风建设的通知",
    extra_body: tuple[str, ...] = (),
    grid: bool = True,
) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(top_mm), Mm(left_mm)
    section.right_margin, section.bottom_margin = Mm(right_mm), Mm(bottom_mm)
    if grid:
        g = section._sectPr.find(qn("w:docGrid"))
        if g is None:
            g = OxmlElement("w:docGrid")
            section._sectPr.append(g)
        g.set(qn("w:type"), "linesAndChars")
        g.set(qn("w:linePitch"), "579")
        g.set(qn("w:charSpace"), "-849")
    normal = doc.styles["Normal"]
    if body_via_style:  # the body font comes from the Normal style: tests style inheritance
        normal.font.size = Pt(body_size)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), body_font)
    if page_numbers:
        _page_number_footer(section)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(title), title_font, 22)
    doc.add_paragraph("各区人大常委会，市人大常委会各工作机构：")
    for n in range(1, pages + 1):
        h = doc.add_paragraph()
        _font(h.add_run(f"{_cn(n)}、工作要求"), h1_font, 16)
        h2 = doc.add_paragraph()
        _font(h2.add_run("（一）加强组织领导。"), h2_font, 16)
        for _ in range(4):
            para = doc.add_paragraph()
            run = para.add_run(BODY)
            if not body_via_style:
                _font(run, body_font, body_size)
            if body_color is not None:
                run.font.color.rgb = body_color
    for extra in extra_body:
        doc.add_paragraph(extra)
    doc.add_paragraph("2024年3月5日")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _cn(n: int) -> str:
    from .numerals import int_to_cn

    return int_to_cn(n)
