"""The GB/T 9704 writer laid out by LibreOffice (issue #14: 14 characters a line and 30 pages where Word has 28
and 15): a document of 330 body lines must come out as 15 pages of 22 lines, 28 characters a full line."""

from __future__ import annotations

from collections import Counter

from qinglian.core.tests.office import han_count, libreoffice, pdf_fonts, pdf_pages  # noqa: F401
from qinglian.core.word.gbt9704 import HEADING1_FONT, HEADING2_FONT, add_paragraph, new_document

# 278 characters: 26 after the two-character indent, then 9 lines of 28 — 10 lines each when 28 fit a line.
TEXT = ("党风廉政建设主体责任清单落实情况报告机关各委室认真贯彻执行" * 10)[:278]


def test_libreoffice_lays_out_22_lines_of_28_characters(libreoffice, tmp_path):  # noqa: F811
    document = new_document()
    add_paragraph(document, TEXT, font=HEADING1_FONT)
    add_paragraph(document, TEXT, font=HEADING2_FONT)
    for _ in range(31):
        add_paragraph(document, TEXT)
    path = tmp_path / "gbt9704.docx"
    document.save(path)
    [pdf] = libreoffice([path])
    pages = pdf_pages(pdf)
    body = [[line for line in page if han_count(line)] for page in pages]
    assert len(pages) == 15
    assert [len(lines) for lines in body] == [22] * 15
    widths = Counter(han_count(line) for lines in body for line in lines)
    assert widths == {28: 33 * 9, 26: 33}
    assert all(page[-1].strip().startswith("—") for page in pages)  # the page number "— n —"
    fonts = pdf_fonts(pdf)
    assert "Serif" in fonts and "Sans" in fonts  # 仿宋/楷体 fall back to a Song face, 黑体 to a sans (fonts.conf)
