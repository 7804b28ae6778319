"""A python-docx document laid out as GB/T 9704-2012《党政机关公文格式》 asks, and laid out the same in Word, WPS and
LibreOffice.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 mm × 225 mm); body 3号仿宋_GB2312,
22 lines of 28 characters; title 2号方正小标宋简体; headings 一、 3号黑体 and （一） 3号楷体_GB2312; page numbers
4号半角宋体 "— 1 —", odd pages right and even pages left, one character in from the edge.

How 22 × 28 is reached in every processor:
- 22 lines: a line grid (`w:docGrid w:type="lines"`, pitch 28.95 pt = 225 mm / 22) and the same exact line
  spacing on Normal, which Word, WPS and LibreOffice all honour.
- 28 characters: 28 × 16 pt = 158 mm does not fit the 156 mm 版心, so the characters are condensed by a whole
  number of twentieths of a point (`w:spacing` on Normal, −0.25 pt: 28 × 15.75 pt = 441 pt ≤ 442.2 pt <
  29 × 15.75 pt) and justification fills the rest. Word's own way, a character grid (`linesAndChars` with a
  negative `w:charSpace`), is not used: LibreOffice gives every 16 pt character two 15.8 pt grid cells and
  sets 14 characters a line (a 15-page document became 30 pages).

Chinese text is marked zh-CN (`w:lang w:eastAsia`, and the theme language; python-docx's template says en-US and
ja-JP), so that a processor missing the named face asks for a simplified-Chinese one. Fonts are set as w:eastAsia
(python-docx's `font.name` sets only the Western ones), and the font table declares each face with the face
Windows ships under another name as `w:altName` (仿宋_GB2312 → 仿宋/FangSong, ...), its GB2312 charset, family
and PANOSE class, which Word and WPS use to substitute; fonts.conf does it for fontconfig (LibreOffice on Linux),
and docs/duty.md says how to install it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from qinglian.core.hygiene import strip_controls

BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"
HEADING1_FONT, HEADING2_FONT, PAGE_NUMBER_FONT = "黑体", "楷体_GB2312", "宋体"
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14  # 3号, 2号, 4号
LINE_PITCH_TWIPS = 579  # 28.95 pt: 225 mm of 版心 / 22 lines
LINES, CHARS = 22, 28
TEXT_WIDTH_MM = 210 - 28 - 26
TEXT_WIDTH_TWIPS = round(TEXT_WIDTH_MM / 25.4 * 1440)  # 8844
# Condensed so that 28 body characters fit the 版心 and a 29th does not: a whole number of twips (w:spacing's
# unit), rounded down, since −4 (15.8 pt) would make 28 characters 4 twips too wide and break the line at 27.
CHAR_SPACING_TWIPS = math.floor(TEXT_WIDTH_TWIPS / CHARS - BODY_PT * 20)  # −5: −0.25 pt
LANGUAGE = "zh-CN"


@dataclass(frozen=True)
class Face:
    """A font the standard names and what a processor lacking it should use instead (fontTable.xml)."""

    name: str
    alt_name: str  # the face Windows ships, by the name Word and WPS substitute with
    panose: str
    family: str
    pitch: str


GB2312_CHARSET = "86"  # 134, the charset of simplified Chinese faces
FACES = (
    Face(BODY_FONT, "仿宋", "02010609060101010101", "modern", "fixed"),
    Face(HEADING2_FONT, "楷体", "02010609060101010101", "modern", "fixed"),
    Face(HEADING1_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
    Face(PAGE_NUMBER_FONT, "SimSun", "02010600030101010101", "auto", "variable"),
    # 小标宋 is a heavy Song face: 宋体 is the Song face every Chinese Windows has.
    Face(TITLE_FONT, "宋体", "02010600030101010101", "auto", "variable"),
)


def set_run_font(run, font: str, size_pt: float, *, western: str | None = None) -> None:
    """The run's East Asian and Western fonts and its size (Chinese text needs w:eastAsia)."""
    run.font.size = Pt(size_pt)
    run.font.name = western or font
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def set_indent(
    paragraph: Paragraph,
    *,
    first_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    char_pt: float = BODY_PT,
) -> None:
    """Indents in characters. Word prefers the *Chars attributes over twips, so both are written, and a
    paragraph without indent must say 0 explicitly or it inherits Normal's two characters."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for name, chars in (("firstLine", first_chars), ("left", left_chars), ("right", right_chars)):
        ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
        ind.set(qn(f"w:{name}"), str(round(chars * char_pt * 20)))


def new_document():
    """An empty document with the page, grid, Normal style and even/odd page numbers set up."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)  # puts the page number about 7 mm under the 版心 (GB/T 9704 7.5)
    _grid(section)
    use_chinese_text(document)
    _normal_style(document)
    _page_numbers(document, section)
    return document


def _grid(section) -> None:
    """A line grid only (see the module's docstring for why not a character grid)."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def use_chinese_text(document, font: str = BODY_FONT) -> None:
    """Mark the document's text as simplified Chinese and declare the standard's faces with their fallbacks.

    python-docx's template marks text en-US (East Asian en-US, theme ja-JP) and takes the East Asian face from
    its theme (ＭＳ 明朝): a run without its own font would come out Japanese. The defaults name `font` instead.
    """
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme attribute would win over the named face
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), LANGUAGE)
    _declare_faces(document)


def _declare_faces(document) -> None:
    """Add FACES to word/fontTable.xml (python-docx keeps that part as bytes: it is parsed and written back)."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for face in FACES:
        for old in table.findall(qn("w:font")):
            if old.get(qn("w:name")) == face.name:
                table.remove(old)
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{face.name}"><w:altName w:val="{face.alt_name}"/>'
                f'<w:panose1 w:val="{face.panose}"/><w:charset w:val="{GB2312_CHARSET}"/>'
                f'<w:family w:val="{face.family}"/><w:pitch w:val="{face.pitch}"/></w:font>'
            )
        )
    # A plain Part: its bytes are what is saved.
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


# What follows w:spacing in a w:rPr (CT_RPr's sequence): Word rejects a file whose rPr children are out of order.
_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def _normal_style(document) -> None:
    style = document.styles["Normal"]
    style.font.size = Pt(BODY_PT)
    style.font.name = BODY_FONT
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    spacing = OxmlElement("w:spacing")  # character spacing (rPr), not the paragraph's
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "200")
    ind.set(qn("w:firstLine"), str(2 * BODY_PT * 20))
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _page_numbers(document, section) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Paragraph, align) -> None:
    """ "— 1 —" with a PAGE field, one character in from the outer edge."""
    paragraph.alignment = align
    side = "right" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left"
    set_indent(paragraph, char_pt=PAGE_NUMBER_PT, **{f"{side}_chars": 1})
    _page_run(paragraph, "— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _page_run(paragraph, "")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    _page_run(paragraph, " —")


def _page_run(paragraph: Paragraph, text: str):
    run = paragraph.add_run(text)
    set_run_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    return run


def add_paragraph(
    document,
    text: str,
    *,
    font: str = BODY_FONT,
    size_pt: float = BODY_PT,
    align=None,
    first_chars: float = 2,
    outline_level: int | None = None,
) -> Paragraph:
    """A paragraph of one run; `outline_level` (0, 1) shows headings in Word's navigation pane."""
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if first_chars != 2:
        set_indent(paragraph, first_chars=first_chars)
    if outline_level is not None:
        paragraph._p.get_or_add_pPr().get_or_add_outlineLvl().set(qn("w:val"), str(outline_level))
    text = strip_controls(text)  # a control character stored before input was cleaned: XML refuses it
    if text:
        set_run_font(paragraph.add_run(text), font, size_pt)
    return paragraph


def text_width(text: str) -> float:
    """Width in body characters: ASCII (digits of a date) is half a character."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def cn_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 7.3.5.1 writes it: Arabic numerals, year in full, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def add_signature(document, signer: str, date_text: str) -> None:
    """发文机关署名 and 成文日期 (GB/T 9704 7.3.5.2, no seal): one blank line, the signature right-aligned,
    the date under it starting two characters further right; the longer of the two ends two characters
    from the right edge."""
    add_paragraph(document, "")
    sign_w, date_w = text_width(signer), text_width(date_text)
    sign_right = max(2.0, date_w + 4 - sign_w)
    date_right = max(2.0, sign_right + sign_w - 2 - date_w)
    for text, right in ((signer, sign_right), (date_text, date_right)):
        paragraph = add_paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT, first_chars=0)
        set_indent(paragraph, right_chars=right)
