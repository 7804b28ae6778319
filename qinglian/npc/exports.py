"""Tables of the year's figures page and of the publishable summary, for the page, Excel and Word.

`drill_table` turns the rows behind one figure (already scoped by `figure_queryset`) into columns suited to
their model; the page and the Excel export show the same table. Every export is written to the audit log.
The summary table carries no personal data: units and counts only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from qinglian.core.excel import Column, build_workbook, export_table, xlsx_response
from qinglian.npc import selectors
from qinglian.npc.exports_suggestions import percent
from qinglian.npc.models import MaterialSubmission
from qinglian.npc.selectors_figures import Figure, item_timeliness
from qinglian.npc.selectors_summary import GROUPS, FigureCompared, SummaryTable, UnitSummary
from qinglian.npc.views_suggestions import ledger_rows, with_handling

TIMELINESS = {"on_time": "按期", "late": "逾期", "missing": "逾期未报送", None: "未到期"}


@dataclass
class DrillTable:
    """What a figure counts: headers, plain cell values (for Excel) and each row's page link (or None)."""

    columns: list[Column]
    rows: list[tuple] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)


def _link(name: str, *args: Any) -> str | None:
    # The meetings and stations pages are built by other files; link to them only once they exist.
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _suggestions(qs: QuerySet, organ_id: int | None, as_of: dt.date) -> DrillTable:
    table = DrillTable(
        [
            Column("建议编号", 12),
            Column("年度", 7),
            Column("标题", 40),
            Column("领衔代表", 10),
            Column("主办单位", 22),
            Column("交办日期", 12),
            Column("答复期限", 12),
            Column("首次答复日期", 13),
            Column("答复类别", 10),
            Column("满意度", 10),
            Column("状态", 10),
            Column("重点督办", 9),
        ]
    )
    for row in ledger_rows(with_handling(qs.order_by("year", "number", "pk")), organ_id=organ_id, today=as_of):
        s, first = row.s, selectors.first_reply(row.s)
        table.rows.append(
            (
                s.number,
                s.year,
                s.title,
                s.lead_deputy.name,
                row.lead.unit.name if row.lead else "",
                s.assigned_on,
                row.due,
                first.date if first else None,
                row.reply.get_result_display() if row.reply else "",
                row.level,
                s.get_status_display(),
                "是" if s.is_key else "",
            )
        )
        table.links.append(reverse("npc_suggestion", args=[s.pk]))
    return table


def _agenda_items(qs: QuerySet, organ_id: int | None, as_of: dt.date) -> DrillTable:
    table = DrillTable(
        [
            Column("会议", 30),
            Column("会议日期", 12),
            Column("议题", 40),
            Column("议题类型", 18),
            Column("提请/汇报单位", 22),
            Column("报送期限", 12),
            Column("首次报送", 12),
            Column("定稿报送", 12),
            Column("报送情况", 10),
            Column("审议结果", 16),
        ]
    )
    subs = Prefetch("submissions", queryset=MaterialSubmission.objects.order_by("version"))
    items = qs.select_related("meeting", "submitting_unit").prefetch_related(subs)
    for item in items.order_by("meeting__date", "order", "pk"):
        first, final = selectors.submission_dates(item)
        table.rows.append(
            (
                str(item.meeting),
                item.meeting.date,
                item.title,
                item.get_kind_display(),
                item.submitting_unit.name,
                item.deadline,
                first,
                final,
                TIMELINESS[item_timeliness(item, as_of)],
                item.outcome,
            )
        )
        table.links.append(_link("npc_meeting", item.meeting_id))
    return table


def _activities(qs: QuerySet, organ_id: int | None, as_of: dt.date) -> DrillTable:
    table = DrillTable(
        [
            Column("日期", 12),
            Column("活动类型", 12),
            Column("主题", 36),
            Column("代表联络站", 24),
            Column("地点", 18),
            Column("参加代表人数", 12),
            Column("参加代表", 36),
        ]
    )
    for a in qs.select_related("station").prefetch_related("deputies").order_by("date", "pk"):
        names = [d.name for d in a.deputies.all()]
        table.rows.append(
            (
                a.date,
                a.get_kind_display(),
                a.title,
                a.station.name if a.station_id else "",
                a.place,
                len(names),
                "、".join(names),
            )
        )
        table.links.append(_link("npc_activity", a.pk))
    return table


_BUILDERS: dict[str, Callable[[QuerySet, int | None, dt.date], DrillTable]] = {
    "npc.suggestion": _suggestions,
    "npc.meetingagendaitem": _agenda_items,
    "npc.deputyactivity": _activities,
}


def drill_table(figure: Figure, qs: QuerySet, *, organ_id: int | None, as_of: dt.date) -> DrillTable:
    """The rows behind `figure` (from `figure_queryset`) with columns suited to its model."""
    return _BUILDERS[figure.model](qs, organ_id, as_of)


# --- Excel: the figures page and one drill-down ------------------------------------------------------------

FIGURE_COLUMNS = [
    Column("类别", 16),
    Column("指标", 30),
    Column("数值", 10),
    Column("单位", 6),
    Column("分子", 8),
    Column("分母", 8),
    Column("上年", 10),
    Column("比上年增减", 14),
    Column("口径说明", 80),
]


def _value(value: Any) -> Any:
    return "—" if value is None else value


def figure_rows(compared: Sequence[FigureCompared]) -> list[tuple]:
    group_of = {key: heading for heading, keys in GROUPS for key in keys}
    rows = []
    for c in compared:
        f, ratio = c.figure, c.figure.ratio
        rows.append(
            (
                group_of.get(f.key, ""),
                f.label,
                _value(f.value),
                f.unit,
                ratio.numerator if ratio else None,
                ratio.denominator if ratio else None,
                _value(c.previous_value),
                c.delta_text,
                c.definition,
            )
        )
    return rows


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _add_sheet(wb: Workbook, name: str, title: str, table: DrillTable) -> None:
    """One more sheet laid out like core.excel.build_workbook (title row, bold headers, borders, A4)."""
    ws = wb.create_sheet(_SHEET_BAD.sub("、", name)[:31])
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([c.header for c in table.columns])
    for idx, col in enumerate(table.columns, start=1):
        head = ws.cell(row=2, column=idx)
        head.font, head.border = Font(bold=True), _BORDER
        head.fill = PatternFill("solid", fgColor="DDE4EE")
        head.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(idx)].width = col.width
    for row in table.rows:
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            cell.border = _BORDER
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _audit(request: HttpRequest, title: str, detail: dict) -> None:
    from qinglian.audit.services import audit_record

    audit_record(action="export", user=request.user, request=request, target_repr=title, detail=detail)


def figures_xlsx(
    request: HttpRequest, year: int, compared: Sequence[FigureCompared], drills: Sequence[tuple[Figure, DrillTable]]
) -> HttpResponse:
    """Sheet 1: the figures with their definitions; then one sheet per figure listing what it counts."""
    title = f"{year}年度履职数据"
    wb = build_workbook(title, FIGURE_COLUMNS, figure_rows(compared))
    for figure, table in drills:
        _add_sheet(wb, figure.label, f"{year}年 {figure.label}：明细（{len(table.rows)}条）", table)
    _audit(request, title, {"rows": len(compared), "sheets": 1 + len(drills)})
    return xlsx_response(wb, f"{title}_{timezone.localdate():%Y%m%d}.xlsx")


def figure_xlsx(request: HttpRequest, year: int, figure: Figure, table: DrillTable) -> HttpResponse:
    title = f"{year}年{figure.label}明细"
    return export_table(request, _SHEET_BAD.sub("、", title), table.columns, table.rows)


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
    _audit(request, summary_title(table.year), {"rows": len(table.units) + 1, "format": "docx"})
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    filename = f"{summary_title(table.year)}_{timezone.localdate():%Y%m%d}.docx"
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
            _font(cell.paragraphs[0].add_run(str(value)), _BODY_FONT, 10.5, bold=values[1] == "合计")
    for paragraph_text in (note, f"统计截至{as_of.year}年{as_of.month}月{as_of.day}日。"):
        _font(document.add_paragraph().add_run(paragraph_text), _BODY_FONT, 12)
    return document
