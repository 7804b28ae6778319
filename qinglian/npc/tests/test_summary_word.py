"""The Word summary table as a reader opens it (issue #14): columns sized to their content, the header row on every
page, the notes kept with the table — checked in the XML and, laid out by LibreOffice, on the pages."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.oxml.ns import qn

from qinglian.core.tests.office import libreoffice, pdf_pages  # noqa: F401
from qinglian.npc.exports.summary import BINDER_PT, SUMMARY_COLUMNS, column_widths, summary_title
from qinglian.npc.exports.summary import _summary_document as summary_document

HEADERS = [c.header for c in SUMMARY_COLUMNS]
NOTE = "说明：按建议办理年度统计；解决率＝（已解决＋正在解决）÷已答复。"
AVAILABLE_PT = (297 - 37 - 35) / 25.4 * 72


def _rows(count: int) -> list[tuple]:
    rows = [
        (i, f"市第{i}城乡建设管理局", 12, 3, 10, 9, 4, 3, 2, 1, 5, 3, 1, "70.0%", "88.9%") for i in range(1, count + 1)
    ]
    return [*rows, ("", "合计", 480, 120, 400, 360, 160, 120, 80, 40, 200, 120, 40, "70.0%", "88.9%")]


def _document(count: int):
    document = summary_document(
        title=summary_title(2026), headers=HEADERS, rows=_rows(count), note=NOTE, as_of=dt.date(2026, 11, 25)
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _widths(table) -> list[int]:
    """The visible columns' widths in twips (the last grid column is the invisible binder)."""
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))][:-1]


def test_the_columns_are_sized_to_their_content_and_fill_the_line():
    table = docx.Document(io.BytesIO(_document(3))).tables[0]
    widths = _widths(table)
    assert abs(sum(widths) / 20 + BINDER_PT - AVAILABLE_PT) < 1
    assert widths[1] == max(widths)  # the unit names take what the counts leave
    assert max(widths[2:]) < widths[1] / 2
    assert widths[0] <= min(widths[2:])  # 序号 holds two digits, a count column a wrapped four-character header
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    first_row = table.rows[1]
    assert [round(c.width.pt * 20) for c in first_row.cells][:-1] == widths  # Word reads the cells' widths


def test_a_long_unit_name_wraps_rather_than_squeezing_the_counts():
    rows = [(1, "市" + "很长的名称" * 30, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, "100.0%", "100.0%")]
    widths = column_widths(HEADERS, rows, AVAILABLE_PT)
    assert abs(sum(widths) - AVAILABLE_PT) < 1
    assert min(widths[2:]) > 2 * 10.5  # a count column keeps at least two characters


def test_the_header_row_repeats_and_the_notes_are_the_tables_last_row_bound_to_the_total():
    document = docx.Document(io.BytesIO(_document(3)))
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    total, notes = table.rows[-2], table.rows[-1]
    assert total.cells[1].text == "合计"
    assert all(cell.paragraphs[0].paragraph_format.keep_with_next for cell in total.cells[:-1])  # Word
    assert [p.text for p in notes.cells[0].paragraphs] == [NOTE, "统计截至2026年11月25日。"]
    assert notes.cells[0]._tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == str(len(HEADERS))
    # LibreOffice does not break a row span across pages: the binder column spans 合计 and the notes
    assert total.cells[-1]._tc.tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    assert notes.cells[-1]._tc is total.cells[-1]._tc or notes._tr.tc_lst[-1].tcPr.find(qn("w:vMerge")) is not None
    assert [p.text for p in document.paragraphs if p.text] == [summary_title(2026)]  # nothing after the table
    assert document.paragraphs[0].paragraph_format.keep_with_next  # the title stays with the table


def test_libreoffice_repeats_the_header_and_keeps_the_notes_with_the_table(libreoffice, tmp_path):  # noqa: F811
    path = tmp_path / "summary.docx"
    path.write_bytes(_document(45))  # 22 rows a page: the last page holds the header, 合计 and the notes
    [pdf] = libreoffice([path])
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for page in pages:
        assert any("承办单位" in line for line in page), page[:3]
    last = pages[-1]
    assert any("合计" in line for line in last) and any(NOTE[:10] in line for line in last)
    assert any("统计截至" in line for line in last)
    assert not any(set(line.replace(" ", "")) == {"%"} for page in pages for line in page)  # no rate wrapped
    # every unit's name on one line: the unit column is wide enough for it
    text = "\n".join(line.replace(" ", "") for page in pages for line in page)  # pdftotext spaces "第 1 城"
    assert all(f"市第{i}城乡建设管理局" in text for i in range(1, 46))
