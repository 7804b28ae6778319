"""Excel in and out, the way the organ's staff keep their 台账 today.

`xlsx_response` writes any list; `read_sheet` reads an upload against a declared set of columns and
reports problems per row, so every ledger's import can show "第5行 身份证号：…" instead of a traceback.

A written sheet is one that sorts, sums and prints (issue #14): a moment is a real date-time in Beijing time
(naive, as Excel has no zones) and a date a real date, each with its format; a rate is a number with a percent
format (`Percent`); long text wraps; the sheet prints on A4 across one page's width, landscape when wide, the
header row on every page, the title and the export time in the page header and "第 n 页 共 m 页" in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from zipfile import BadZipFile

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from qinglian.core import hooks
from qinglian.core.errors import InvalidInput

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14
    required: bool = False
    choices: Sequence[str] = ()  # offered as a drop-down in the template
    note: str = ""
    number_format: str = ""  # overrides the format a value's type gets (DATETIME_FORMAT, ...)


DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
# Wider than this (Excel's character units, the sum of the columns) prints landscape: an A4 portrait page holds
# about 90 at 100 %, and fit-to-width shrinks anything wider until it is hard to read.
PORTRAIT_MAX_WIDTH = 100


class Percent(str):
    """A rate as a page prints it ("66.7%"; "—" when nothing is counted: a rate of nothing is not 0%) that carries
    its fraction, so that a sheet gets a number with a percent format, which sorts and sums. Being the text, it
    goes unchanged to a template or a Word table."""

    fraction: Decimal | None
    decimals: int

    def __new__(cls, fraction: Decimal | float | None, decimals: int = 1, *, text: str | None = None) -> Percent:
        value = None if fraction is None else Decimal(str(fraction))
        if text is None:
            text = "—" if value is None else f"{value * 100:.{decimals}f}%"
        rate = super().__new__(cls, text)
        rate.fraction, rate.decimals = value, decimals
        return rate

    @classmethod
    def of(cls, percent: Decimal | float | None, decimals: int = 1) -> Percent:
        """From a percentage (66.7)."""
        return cls(None if percent is None else Decimal(str(percent)) / 100, decimals)

    @property
    def number_format(self) -> str:
        return "0" + ("." + "0" * self.decimals if self.decimals else "") + "%"

    def cell(self) -> float | str:
        return str(self) if self.fraction is None else float(self.fraction)


# Text a spreadsheet would run, or turn into a formula once the cell is edited (formula/CSV injection): such a
# cell is written as a string with Excel's quote prefix, so it shows and stays the text that was typed.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value: Any) -> Any:
    """What a ledger value becomes in a cell: an aware datetime the naive one of Beijing time (Excel has no zones,
    and the reader means the organ's time), a `Percent` its fraction, and control characters (a NUL typed in
    before input was cleaned) dropped, since openpyxl refuses them and the export would fail."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Percent):  # before str: it is one
        return value.cell()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def number_format(value: Any) -> str | None:
    """The format a value's cell gets: a moment to the minute, a date, a percent; None leaves Excel's General."""
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, Percent) and value.fraction is not None:
        return value.number_format
    return None


def append_row(ws: Worksheet, values: Iterable[Any]) -> None:
    """Append one row of data; every sheet an export writes goes through here (see FORMULA_TRIGGERS).
    Numbers, dates and booleans stay what they are, dates and rates with their formats."""
    values = list(values)
    ws.append([cell_value(v) for v in values])
    for cell, value in zip(ws[ws.max_row], values, strict=False):
        _as_text(cell)
        fmt = number_format(value)
        if fmt:
            cell.number_format = fmt


def _as_text(cell: Cell) -> Cell:
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"  # openpyxl made "=…" a formula
        cell.quotePrefix = True
    return cell


def sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ] nor a control character."""
    return re.sub(r"[:\\/?*\[\]]", "、", ILLEGAL_CHARACTERS_RE.sub("", title))[:31] or "Sheet"


def build_workbook(title: str, headers: Sequence[Column], rows: Iterable[Sequence[Any]]) -> Workbook:
    """A sheet with a title row, bold bordered headers, frozen panes and print set-up (A4 landscape)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    _fill_sheet(ws, title, headers, rows)
    return wb


def add_sheet(
    wb: Workbook, title: str, headers: Sequence[Column], rows: Iterable[Sequence[Any]], *, name: str = ""
) -> Worksheet:
    """One more sheet laid out as `build_workbook`'s (a workbook of several lists), named `name` or `title`."""
    ws = wb.create_sheet(sheet_title(name or title))
    _fill_sheet(ws, title, headers, rows)
    return ws


def _fill_sheet(ws: Worksheet, title: str, headers: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    append_row(ws, [title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 1))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([c.header for c in headers])
    for idx, col in enumerate(headers, start=1):
        cell = ws.cell(row=2, column=idx)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(idx)].width = col.width
    widths = [c.width for c in headers]
    for row in rows:
        append_row(ws, row)
        for index, (cell, col) in enumerate(zip(ws[ws.max_row], headers, strict=False)):
            cell.border = _BORDER
            # Text wraps within its column (the row grows when the file is opened); the rest stays on one line.
            text = cell.value if isinstance(cell.value, str) else ""
            wrap = "\n" in text or _text_width(text) > col.width - 1
            cell.alignment = _WRAPPED if wrap else _CELL
            if col.number_format and not isinstance(cell.value, str):
                cell.number_format = col.number_format
            if cell.is_date:  # a date too wide for its column shows as "####": widen the column instead
                widths[index] = max(widths[index], len(cell.number_format) + 2)
    for idx, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    ws.freeze_panes = "A3"
    _print_setup(ws, title, sum(widths))


_CELL = Alignment(vertical="center")
_WRAPPED = Alignment(vertical="center", wrap_text=True)


def _text_width(text: str) -> int:
    """Width in Excel's character units of the longest line: a Chinese character takes about two."""
    return max((sum(1 if ord(c) < 128 else 2 for c in line) for line in text.splitlines()), default=0)


def _header_text(text: str) -> str:
    """Text for a page header or footer: "&" starts a code there and is doubled to print as itself."""
    return text.replace("&", "&&")


def _print_setup(ws: Worksheet, title: str, width: int) -> None:
    """A4, landscape when wide, every column on one page's width, the header row on every page; the title and
    the export time in the page header, "第 n 页 共 m 页" in the footer."""
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape" if width > PORTRAIT_MAX_WIDTH else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.left.text = _header_text(cell_value(title))
    ws.oddHeader.right.text = f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.center):
        part.size = 9


def xlsx_response(wb: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    # RFC 6266/5987 so that a Chinese file name survives every browser.
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def export_table(request, title: str, headers: Sequence[Column], rows: Sequence[Sequence[Any]]) -> HttpResponse:
    """A ledger list as "<title>_<yyyymmdd>.xlsx", written to the audit log (who took which list, how many rows).

    Every page's "导出Excel" goes through here, so no export escapes the audit log.
    """
    title = cell_value(title)  # a unit's or person's name may carry a control character typed in long ago
    hooks.audit_record(
        action="export", user=request.user, request=request, target_repr=title, detail={"rows": len(rows)}
    )
    return xlsx_response(build_workbook(title, headers, rows), f"{title}_{timezone.localdate():%Y%m%d}.xlsx")


def template_workbook(title: str, columns: Sequence[Column], notes: Sequence[str]) -> Workbook:
    """An import template: header row with drop-downs for coded columns, and a 填表说明 sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    ws.append([c.header + ("*" if c.required else "") for c in columns])
    for idx, col in enumerate(columns, start=1):
        letter = get_column_letter(idx)
        ws.column_dimensions[letter].width = col.width
        head = ws.cell(row=1, column=idx)
        head.font = Font(bold=True, color="C00000" if col.required else "000000")
        head.fill = _HEAD_FILL
        if col.choices:
            dv = DataValidation(type="list", formula1=_list_formula(wb, col, idx), allow_blank=True)
            dv.error = f"请从下拉列表中选择{col.header}"
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}2000")
    ws.freeze_panes = "A2"
    help_ws = wb.create_sheet("填表说明")
    help_ws.column_dimensions["A"].width = 100
    for line in [*notes, "", "各列说明："]:
        help_ws.append([line])
    for col in columns:
        need = "必填" if col.required else "选填"
        extra = f"；可选值：{'、'.join(col.choices)}" if col.choices else ""
        help_ws.append([f"{col.header}（{need}）{('：' + col.note) if col.note else ''}{extra}"])
    return wb


def _list_formula(wb: Workbook, col: Column, index: int) -> str:
    """Excel refuses inline lists over 255 characters or with commas/quotes: put those on a hidden sheet, in the
    same column letter as the data column they serve."""
    inline = ",".join(col.choices)
    if len(inline) <= 250 and not any("," in c or '"' in c for c in col.choices):
        return f'"{inline}"'
    sheet = wb["下拉选项"] if "下拉选项" in wb.sheetnames else wb.create_sheet("下拉选项")
    sheet.sheet_state = "hidden"
    for row, choice in enumerate(col.choices, start=1):
        _as_text(sheet.cell(row=row, column=index, value=cell_value(choice)))
    letter = get_column_letter(index)
    return f"'下拉选项'!${letter}$1:${letter}${len(col.choices)}"


@dataclass
class SheetRows:
    """The data rows of an upload, each a dict keyed by header, with its Excel row number."""

    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _header_name(value: Any) -> str:
    # Template headers carry "*" on required columns; people also add spaces.
    return re.sub(r"[\s*＊]", "", str(value or ""))


def read_sheet(data: bytes, columns: Sequence[Column], *, max_rows: int, ignored: Sequence[str] = ()) -> SheetRows:
    """Read the first sheet; the header is the first row that names a required column. Columns named in
    `ignored` (an export's 序号, 状态) are read past, so a ledger's own export can be uploaded again as it is.

    Raises InvalidInput (whole-file problems: not an xlsx, missing or unknown columns, too many rows).
    """
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput("文件不是有效的 Excel（.xlsx）文件，请使用下载的模板填写后上传") from exc
    try:
        return _read_rows(wb.worksheets[0], columns, max_rows=max_rows, ignored=set(ignored))
    finally:
        wb.close()


def _read_rows(ws, columns: Sequence[Column], *, max_rows: int, ignored: set[str]) -> SheetRows:
    known = {c.header for c in columns}
    required = [c.header for c in columns if c.required]
    header_row, headers = 0, []
    rows_iter = ws.iter_rows(values_only=True)
    for number, values in enumerate(rows_iter, start=1):
        names = [_header_name(v) for v in values]
        if any(name in required for name in names):
            header_row, headers = number, names
            break
        if number >= 5:
            break
    if not header_row:
        raise InvalidInput("未找到表头行：请使用下载的模板，表头须包含：" + "、".join(required))
    repeated = sorted({name for name in headers if name and headers.count(name) > 1})
    if repeated:
        raise InvalidInput("表头有重复的列：" + "、".join(repeated))
    missing = [name for name in required if name not in headers]
    unknown = [name for name in headers if name and name not in known and name not in ignored]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("缺少必填列：" + "、".join(missing))
        if unknown:
            parts.append("无法识别的列：" + "、".join(unknown))
        raise InvalidInput("表头与模板不一致。" + "；".join(parts), detail={"missing": missing, "unknown": unknown})
    result = SheetRows(headers=headers)
    for number, values in enumerate(rows_iter, start=header_row + 1):
        record = {h: v for h, v in zip(headers, values, strict=False) if h and h not in ignored}
        if all(v is None or str(v).strip() == "" for v in record.values()):
            continue
        result.rows.append((number, record))
        if len(result.rows) > max_rows:
            raise InvalidInput(f"数据行超过上限 {max_rows} 行，请分批导入")
    return result


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_MONTH_PATTERN = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


def parse_date(value: Any, *, allow_month: bool = False) -> dt.date | None:
    """A date from an Excel cell: a real date, "2020-01-05", "2020.1.5", "2020年1月5日", "20200105".

    With allow_month, "2020.01" (the way 入党时间 is often written) means the first of that month.
    Returns None for an empty cell; raises ValueError with a Chinese message for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        # Excel turned "2010.10" into the number 2010.1: the month can no longer be told apart.
        raise ValueError(f"日期“{value}”被Excel存成了数字，请把单元格设为文本或日期格式后重填")
    text = str(value).strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    if allow_month:
        match = _MONTH_PATTERN.match(text)
        if match and 1 <= int(match.group(2)) <= 12:
            return dt.date(int(match.group(1)), int(match.group(2)), 1)
    raise ValueError(f"日期“{text}”无法识别，请写作 2020-01-05")
