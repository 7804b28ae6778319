"""The GB/T 9704 Word writer's XML: what makes Word, WPS and LibreOffice all lay out 22 lines of 28 characters,
mark the text simplified Chinese and find a face when the standard's is missing. The layout itself is measured
in LibreOffice by test_gbt9704_libreoffice.py."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from qinglian.core.word import gbt9704
from qinglian.core.word.gbt9704 import (
    BODY_FONT,
    BODY_PT,
    CHARS,
    HEADING1_FONT,
    HEADING2_FONT,
    TITLE_FONT,
    add_paragraph,
    add_signature,
    new_document,
)


def _saved(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def _document():
    document = new_document()
    add_paragraph(document, "关于落实主体责任的报告", font=TITLE_FONT, size_pt=22, first_chars=0)
    add_paragraph(document, "一、总体情况", font=HEADING1_FONT)
    add_paragraph(document, "（一）学习情况", font=HEADING2_FONT)
    add_paragraph(document, "正文" * 20)
    add_signature(document, "中共某市人大常委会党组", "2026年7月15日")
    return _saved(document)


def test_the_grid_is_a_line_grid_without_a_character_pitch():
    """A `linesAndChars` grid with a negative charSpace is laid out by LibreOffice at 14 characters a line."""
    grid = _document().sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt × 22 = 637 pt ≤ 225 mm (637.8 pt)
    assert grid.get(qn("w:charSpace")) is None


def test_body_characters_are_condensed_so_that_exactly_28_fit_the_156_mm_line():
    normal = _document().styles["Normal"].element.rPr
    spacing = int(normal.find(qn("w:spacing")).get(qn("w:val")))
    assert spacing == gbt9704.CHAR_SPACING_TWIPS == -5
    pitch = BODY_PT * 20 + spacing  # twips per character
    width = round(156 / 25.4 * 1440)
    assert CHARS * pitch <= width < (CHARS + 1) * pitch
    children = [child.tag for child in normal]
    # CT_RPr is a sequence: w:spacing after the fonts and before the size, or Word refuses the file.
    assert children.index(qn("w:rFonts")) < children.index(qn("w:spacing")) < children.index(qn("w:sz"))


def test_the_text_is_marked_simplified_chinese_and_defaults_to_fangsong():
    document = _document()
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN" and lang.get(qn("w:val")) == "zh-CN"
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == BODY_FONT
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # the theme's East Asian face is ＭＳ 明朝
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    assert "en-US" not in document.styles.element.xml


def _font_table(document) -> dict[str, object]:
    table = parse_xml(document.part.part_related_by(RT.FONT_TABLE).blob)
    return {font.get(qn("w:name")): font for font in table.findall(qn("w:font"))}


def _named_faces(document) -> set[str]:
    parts = [document.element, document.styles.element]
    section = document.sections[0]
    parts += [section.footer._element, section.even_page_footer._element]
    return {f.get(qn("w:eastAsia")) for part in parts for f in part.iter(qn("w:rFonts")) if f.get(qn("w:eastAsia"))}


def test_every_face_the_document_names_is_declared_with_a_chinese_fallback():
    document = _document()
    table = _font_table(document)
    named = _named_faces(document)
    assert {BODY_FONT, TITLE_FONT, HEADING1_FONT, HEADING2_FONT, "宋体"} <= named
    for name in named:
        font = table[name]
        assert font.find(qn("w:altName")).get(qn("w:val")), name
        assert font.find(qn("w:charset")).get(qn("w:val")) == "86", name  # GB2312
        assert len(font.find(qn("w:panose1")).get(qn("w:val"))) == 20, name
    assert table[BODY_FONT].find(qn("w:altName")).get(qn("w:val")) == "仿宋"
    assert table[HEADING1_FONT].find(qn("w:altName")).get(qn("w:val")) == "SimHei"


def test_declaring_the_faces_twice_keeps_one_entry_each():
    document = new_document()
    gbt9704.use_chinese_text(document)
    names = [f.get(qn("w:name")) for f in parse_xml(document.part.part_related_by(RT.FONT_TABLE).blob)]
    assert names.count(BODY_FONT) == 1 and names.count(TITLE_FONT) == 1


def test_the_fontconfig_substitution_names_every_face():
    text = (Path(gbt9704.__file__).parent / "fonts.conf").read_text(encoding="utf-8")
    for face in gbt9704.FACES:
        assert f"<family>{face.name}</family>" in text
