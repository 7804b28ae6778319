"""A plain GB/T 9704-style .docx built from pasted text, so pasted text gets the outputs of an upload.

One paragraph per line and nothing else in the body: the document's plain text (docx_model.build_model)
is the pasted text character for character, so the offsets of the findings made on the text place the
comments and the fixes in the built document. Characters XML cannot hold are written as a space, one for
one, for the same reason.

The page follows GB/T 9704-2012 where plain text allows: A4, margins 37/35/28/26 mm, 22 lines of 28
characters, the body in 3号仿宋_GB2312 with a first-line indent of two characters, the title (the first
line, when it reads as one) in 2号方正小标宋简体 centred, first-level headings (一、) in 黑体, second-level
ones (（一）) in 楷体_GB2312, and the page number “— 1 —” in 4号宋体 at the foot.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
FOOTER_PT = 14  # 4号

# Characters XML 1.0 cannot carry (and \r, \v, \f, which python-docx would turn into breaks): each becomes
# one space, so offsets stay those of the text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_H1 = re.compile(r"^[一二三四五六七八九十百]+、")
_H2 = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
_END_PUNCT = "。；，：！？;,:.!?"


def _set_font(target, name: str, size: float | None = None) -> None:
    """Set the East Asian and Latin font of a run or a style (python-docx sets the Latin ones only)."""
    font = target.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    element = target.element if hasattr(target, "element") else target._r
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # 22 lines of 28 characters on the type area (156 mm × 225 mm) at 16 pt.
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), "579")
    grid.set(qn("w:charSpace"), "-849")


def _page_number(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(paragraph.add_run("— "), "宋体", FOOTER_PT)
    run = paragraph.add_run()
    _set_font(run, "宋体", FOOTER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _set_font(paragraph.add_run(" —"), "宋体", FOOTER_PT)


def _title_index(lines: list[str]) -> int | None:
    """The first non-empty line when it reads as a title: short, no heading number, no closing punctuation."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= 60 and stripped[-1] not in _END_PUNCT and not _H1.match(stripped):
            return index
        return None
    return None


def safe_text(text: str) -> str:
    return _UNSAFE.sub(" ", text)


def text_to_docx(text: str) -> bytes:
    """The .docx of `text`, one paragraph per line; its plain text equals `safe_text(text)`."""
    document = Document()
    section = document.sections[0]
    _page(section)
    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT, BODY_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    _page_number(section)
    lines = safe_text(text).split("\n")
    title = _title_index(lines)
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph()
        if not line:
            continue
        run = paragraph.add_run(line)
        stripped = line.lstrip(" \u3000\t")
        if index == title:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(run, TITLE_FONT, TITLE_PT)
            continue
        if stripped == line:  # pasted text that brings its own indent keeps it
            paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
        if _H1.match(stripped):
            _set_font(run, H1_FONT, BODY_PT)
        elif _H2.match(stripped):
            _set_font(run, H2_FONT, BODY_PT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
