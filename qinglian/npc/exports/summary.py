"""The publishable summary (代表建议办理情况汇总表) as Excel and Word: units and counts only, no personal data."""

import datetime as dt
import io
import math
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from qinglian.core import clock
from qinglian.core.excel import Column, export_table
from qinglian.core.hygiene import strip_controls
from qinglian.core.word.gbt9704 import (
    BODY_FONT,
    HEADING1_FONT,
    TITLE_FONT,
    set_run_font,
    use_chinese_text,
)
from qinglian.npc.exports.common import audit_export, percent
from qinglian.npc.selectors.summary import SummaryTable, UnitSummary

# --- the publishable summary (代表建议办理情况汇总表) ----------------------------------------------------------

SUMMARY_COLUMNS = [
    Column("序号", 6),
    Column("承办单位", 26),
    Column("主办件数", 9),
    Column("协办件数", 9),
    Column("已答复", 8),
    Column("按期答复", 9),
    Column("已解决", 8),
    Column("正在解决", 9),
    Column("列入计划", 9),
    Column("留作参考", 9),
    Column("满意", 7),
    Column("基本满意", 9),
    Column("不满意", 8),
    Column("解决率", 9),
    Column("满意率", 9),
]


def summary_cells(row: UnitSummary) -> tuple:
    """The counts and rates of one line, without the 序号 and unit name."""
    return (
        row.lead,
        row.co,
        row.replied,
        row.on_time,
        row.solved,
        row.solving,
        row.planned,
        row.reference,
        row.satisfied,
        row.basically,
        row.dissatisfied,
        percent(row.solved_rate),
        percent(row.satisfaction_rate),
    )


def summary_rows(table: SummaryTable) -> list[tuple]:
    rows = [(i, u.unit_name, *summary_cells(u)) for i, u in enumerate(table.units, start=1)]
    return [*rows, ("", "合计", *summary_cells(table.total))]


def summary_title(year: int) -> str:
    return f"{year}年代表建议办理情况汇总表"


SUMMARY_NOTE = (
    "说明：按建议办理年度统计；建议计入作出答复的主办单位，未答复的计入当前主办单位。答复类别、满意度以最近一次"
    "答复和测评为准（重新答复取代原答复）。解决率＝（已解决＋正在解决）÷已答复；满意率＝（满意＋基本满意）÷已测评。"
)


def summary_xlsx(request: HttpRequest, table: SummaryTable) -> HttpResponse:
    return export_table(request, summary_title(table.year), SUMMARY_COLUMNS, summary_rows(table))


def summary_docx(request: HttpRequest, table: SummaryTable, as_of: dt.date) -> HttpResponse:
    """The summary as a Word table in a GB/T 9704-like layout (A4 landscape, 小标宋 title, 仿宋 text)."""
    document = _summary_document(
        title=summary_title(table.year),
        headers=[c.header for c in SUMMARY_COLUMNS],
        rows=summary_rows(table),
        note=SUMMARY_NOTE + (f"另有{table.unassigned}件尚未交办，未计入。" if table.unassigned else ""),
        as_of=as_of,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    audit_export(request, summary_title(table.year), {"rows": len(table.units) + 1, "format": "docx"})
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    filename = f"{summary_title(table.year)}_{clock.today():%Y%m%d}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- Word ----------------------------------------------------------------------------------------------------

TABLE_PT = 10.5  # 5号
# A cell's text sits between 0.08-inch margins (Word's and LibreOffice's default): 11.5 pt of every column.
CELL_PADDING_PT = 11.5
# The unit column may wrap rather than squeeze the counts, but not below this many characters.
NAME_MIN_CHARS = 8
BINDER_PT = 2  # the invisible last column that keeps 合计 and the notes together (_summary_document)


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    set_run_font(run, name, size)  # Chinese text uses eastAsia
    run.font.bold = bold


def _page_number_footer(section) -> None:
    """GB/T 9704 7.5: "— 1 —" centred (simplified: no odd/even placement)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), "宋体", 14)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _font(run, "宋体", 14)
    _font(paragraph.add_run(" —"), "宋体", 14)


def _chars(text: str) -> float:
    """Width in characters of the table's size: a CJK character is one; 0.7 for a digit or "%" leaves room for the
    bold 合计 row in 仿宋 and its fallbacks (core.word's half-character estimate let "70.0%" wrap)."""
    return sum(0.7 if ord(c) < 128 else 1 for c in text)


def column_widths(headers: list[str], rows: list[tuple], available_pt: float) -> list[float]:
    """Each column as wide as its longest cell, in points; a header on one line when the page has room for all of
    them so, else on two. What is left goes to the unit column (the second), which is also the one that wraps
    when the names are too long."""
    cells = [max((_chars(strip_controls(str(row[i]))) for row in rows), default=0) for i in range(len(headers))]
    one_line = [max(_chars(h), c) for h, c in zip(headers, cells, strict=True)]
    two_lines = [max(math.ceil(_chars(h) / 2), min(_chars(h), 2), c) for h, c in zip(headers, cells, strict=True)]
    natural = one_line
    if len(headers) > 1:
        two_lines[1] = one_line[1]  # the unit column's header has room anyway
        if sum(one_line) * TABLE_PT + len(headers) * CELL_PADDING_PT > available_pt:
            natural = two_lines
    widths = [chars * TABLE_PT + CELL_PADDING_PT for chars in natural]
    if len(widths) > 1:
        widths[1] = max(available_pt - (sum(widths) - widths[1]), NAME_MIN_CHARS * TABLE_PT + CELL_PADDING_PT)
    if sum(widths) > available_pt:  # even the counts do not fit: shrink every column alike
        scale = available_pt / sum(widths)
        widths = [w * scale for w in widths]
    return widths


def _size_columns(table, widths_pt: list[float]) -> None:
    """Fixed widths written three ways: tblGrid (LibreOffice), each cell's tcW and the table's tblW (Word)."""
    table.autofit = False  # w:tblLayout fixed: Word would otherwise resize to the text it sees first
    for column, width in zip(table.columns, widths_pt, strict=True):
        column.width = Pt(width)
        for cell in column.cells:
            cell.width = Pt(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths_pt) * 20)))


def _row_property(row, name: str) -> None:
    """w:tblHeader (repeat on every page the table runs onto) or w:cantSplit (no row broken across pages)."""
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "1")
    row._tr.get_or_add_trPr().append(element)


def _cell_property(cell, name: str, **attrs: str):
    element = OxmlElement(f"w:{name}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    cell._tc.get_or_add_tcPr().append(element)
    return element


def _hide(cell) -> None:
    """No borders and no margins: the binder column (see _summary_document) is not seen."""
    borders = _cell_property(cell, "tcBorders")
    margins = _cell_property(cell, "tcMar")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)


def _write_cells(cells, values: tuple[str, ...], *, font: str, bold: bool = False) -> None:
    for index, (cell, text) in enumerate(zip(cells, values, strict=False)):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if index == 1 and font == BODY_FONT else WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(text), font, TABLE_PT, bold=bold)


def _summary_document(*, title: str, headers: list[str], rows: list[tuple], note: str, as_of: dt.date):
    """Title, then one table: the header row (repeated on every page), a row per unit, 合计, and the notes as the
    table's last row, across its width.

    The notes are kept with the table inside it: LibreOffice lets a paragraph after a table fall to a page of its
    own whatever keep-with-next says. A last, invisible column (the binder) holds one cell merged down over 合计
    and the notes row, which LibreOffice does not break across pages; Word keeps them by keep-with-next on 合计.
    """
    document = Document()
    use_chinese_text(document)
    section = document.sections[0]
    # A4 landscape for a wide table; GB/T 9704 margins (天头37, 订口28) turned with the page.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    _page_number_footer(section)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.keep_with_next = True
    _font(heading.add_run(title), TITLE_FONT, 22)
    # A control character stored before input was cleaned (a unit's name): Word's XML refuses it.
    texts = [tuple(strip_controls(str(v)) for v in values) for values in rows]
    grid = document.add_table(rows=1, cols=len(headers) + 1)
    grid.style, grid.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    _write_cells(grid.rows[0].cells, tuple(headers), font=HEADING1_FONT)
    _row_property(grid.rows[0], "tblHeader")
    for values in texts:
        row = grid.add_row()
        _write_cells(row.cells, values, font=BODY_FONT, bold=values[1] == "合计")
        if values[1] == "合计":
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True  # Word: with the notes row
    notes_row = grid.add_row()
    binder = len(headers)
    for row in grid.rows:
        _hide(row.cells[binder])
        _row_property(row, "cantSplit")
    available = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
    _size_columns(grid, [*column_widths(headers, texts, available - BINDER_PT), BINDER_PT])
    # Merged after sizing: python-docx adds up the widths of the cells it merges.
    notes = notes_row.cells[0].merge(notes_row.cells[binder - 1])
    lines = [line for line in (note, f"统计截至{as_of.year}年{as_of.month}月{as_of.day}日。") if line]
    for number, line in enumerate(lines):
        paragraph = notes.paragraphs[0] if number == 0 else notes.add_paragraph()
        _font(paragraph.add_run(line), BODY_FONT, TABLE_PT)
    grid.cell(len(grid.rows) - 2, binder).merge(grid.cell(len(grid.rows) - 1, binder))
    return document
