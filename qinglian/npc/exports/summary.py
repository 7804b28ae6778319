"""The publishable summary (代表建议办理情况汇总表) as Excel and Word: units and counts only, no personal data."""

import datetime as dt
import io
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse

from qinglian.core import clock
from qinglian.core.excel import Column, export_table
from qinglian.core.hygiene import strip_controls
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

_TITLE_FONT, _BODY_FONT = "方正小标宋简体", "仿宋_GB2312"


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)  # Chinese text uses eastAsia


def _page_number_footer(section) -> None:
    """GB/T 9704 7.5: "— 1 —" centred (simplified: no odd/even placement)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

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


def _summary_document(*, title: str, headers: list[str], rows: list[tuple], note: str, as_of: dt.date):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    # A4 landscape for a wide table; GB/T 9704 margins (天头37, 订口28) turned with the page.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    _page_number_footer(section)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title), _TITLE_FONT, 22)
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style, grid.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        _font(cell.paragraphs[0].add_run(text), "黑体", 10.5)
    for values in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            # A control character stored before input was cleaned (a unit's name): Word's XML refuses it.
            text = strip_controls(str(value))
            _font(cell.paragraphs[0].add_run(text), _BODY_FONT, 10.5, bold=values[1] == "合计")
    for paragraph_text in (note, f"统计截至{as_of.year}年{as_of.month}月{as_of.day}日。"):
        _font(document.add_paragraph().add_run(paragraph_text), _BODY_FONT, 12)
    return document
