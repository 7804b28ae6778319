"""财务系统导入: a finance system's Excel export of one ledger, its columns mapped onto that ledger's import once per
organ, then imported by the ledger's own `LedgerImport` — the same preview, row errors and all-or-nothing write as
the ledger's template upload.

The finance system's sheet is read as it comes: the header is the first of its top rows that holds the most text
cells (a title row above it holds one), and a row a cell of which says 合计/小计/总计… is a total, read past and
named in the preview. The mapping ({the ledger's column: the finance header}, "" for a column left unread) renames
the rows onto the ledger's headers in a sheet of the same row numbers, so a problem in the preview names the row of
the finance file, and that sheet goes to the ledger's import unchanged.

The ledger imports are named in importers/__init__.py IMPORTS and loaded when used: a ledger whose import is not
there yet is refused in Chinese, not a crash. The preview's "确认导入" posts back, in a signed token, the rows and the
mapping that were previewed: the confirm step judges them again and writes them only if the preview's figures still
hold (a row entered meanwhile would change them), all or nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zipfile import BadZipFile

from django.conf import settings
from openpyxl import Workbook, load_workbook

from qinglian.core.errors import Conflict, InvalidInput
from qinglian.core.excel import FORMULA_TRIGGERS, Column, cell_value
from qinglian.core.importing import LedgerImport, Plan, Result, token
from qinglian.core.importing.base import refuse_oversized
from qinglian.frugality.choices import Ledger
from qinglian.frugality.importers import IMPORTS

REFUSAL = "只有财务专责人员可以导入财务系统数据"
# Where each ledger's list is (path strings: the ledgers' pages are their helpers' and may not exist yet).
LEDGER_PATHS: dict[str, str] = {
    Ledger.RECEPTION: "/frugality/receptions/",
    Ledger.TRAVEL: "/frugality/trips/",
    Ledger.CONFERENCE: "/frugality/conferences/",
    Ledger.TRAINING: "/frugality/training/",
    Ledger.CAR: "/frugality/cars/",
    Ledger.ABROAD: "/frugality/abroad/",
}
HEADER_SCAN_ROWS = 10  # a finance export puts a title, the organ and the period above its header
TOTAL_LABELS = frozenset({"合计", "总计", "小计", "本页合计", "本页小计", "本月合计", "本年累计", "累计"})
TOKEN_SALT = "qinglian.frugality.finance_import"
UNREAD = "（不导入）"


# --- the finance system's sheet ----------------------------------------------------------------------------


@dataclass
class FinanceSheet:
    """The first sheet of a finance export: its header row (cells as text, "" where blank) and its data rows, each
    with its Excel row number and its cells in header order. `totals` are the row numbers of 合计 rows read past."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]
    totals: list[int] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The headers a column may be mapped to: each named one once, in the file's order."""
        return list(dict.fromkeys(h for h in self.headers if h))

    @property
    def repeated(self) -> set[str]:
        counts = Counter(h for h in self.headers if h)
        return {h for h, n in counts.items() if n > 1}

    def sample(self, header: str) -> str:
        """The first non-empty value under `header`, as the mapping form shows it."""
        index = self.headers.index(header)
        for _, cells in self.rows:
            value = cells[index] if index < len(cells) else None
            if value not in (None, ""):
                return f"{value:%Y-%m-%d}" if isinstance(value, dt.date) else str(value)
        return ""

    def dump(self) -> dict[str, Any]:
        return {"headers": self.headers, "header_row": self.header_row, "rows": self.rows, "totals": self.totals}

    @classmethod
    def load(cls, payload: dict[str, Any]) -> FinanceSheet:
        rows = [(int(number), list(cells)) for number, cells in payload["rows"]]
        return cls(list(payload["headers"]), int(payload["header_row"]), rows, [int(n) for n in payload["totals"]])


def _header_text(value: Any) -> str:
    return re.sub(r"\s", "", str(value)) if value is not None else ""


def _plain(value: Any) -> Any:
    """A cell as the token keeps it: a date-time is a voucher's day (finance systems write 00:00:00 after it), a
    bare time is text; text is stripped."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, str):
        return value.strip()
    return value


def _is_total(cells: Sequence[Any]) -> bool:
    return any(isinstance(v, str) and re.sub(r"\s", "", v) in TOTAL_LABELS for v in cells)


def _find_header(top: list[tuple[Any, ...]]) -> int:
    """The index of the header among the top rows: the first row of text cells only with the most of them (at
    least two; a title or a period line has one)."""
    best, best_count = -1, 1
    for index, values in enumerate(top):
        filled = [v for v in values if v is not None and str(v).strip() != ""]
        if len(filled) > best_count and all(isinstance(v, str) for v in filled):
            best, best_count = index, len(filled)
    if best < 0:
        raise InvalidInput(f"未找到表头行：文件前{HEADER_SCAN_ROWS}行中没有列名行，请上传财务系统导出的明细表")
    return best


def read_finance_sheet(data: bytes) -> FinanceSheet:
    """The upload's first sheet. InvalidInput for a whole-file problem: empty, too large, not an .xlsx, no header,
    no data, too many rows."""
    if not data:
        raise InvalidInput("上传的文件是空的，请选择财务系统导出的 Excel 文件")
    refuse_oversized(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput("文件不是有效的 Excel（.xlsx）文件：.xls 文件请先在 Excel 中另存为 .xlsx 后上传") from exc
    try:
        return _read(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()


def _read(rows_iter: Any) -> FinanceSheet:
    top = []
    for values in rows_iter:
        top.append(values)
        if len(top) >= HEADER_SCAN_ROWS:
            break
    index = _find_header(top)
    headers = [_header_text(v) for v in top[index]]
    sheet = FinanceSheet(headers=headers, header_row=index + 1, rows=[])
    max_rows = settings.QINGLIAN_IMPORT_MAX_ROWS
    following = [*top[index + 1 :]]
    for number, values in enumerate(_chain(following, rows_iter), start=index + 2):
        cells = [_plain(v) for v in values[: len(headers)]]
        if all(v is None or v == "" for v in cells):
            continue
        if _is_total(cells):
            sheet.totals.append(number)
            continue
        sheet.rows.append((number, cells))
        if len(sheet.rows) > max_rows:
            raise InvalidInput(f"数据行超过上限 {max_rows} 行，请在财务系统中按期间分批导出")
    if not sheet.rows:
        raise InvalidInput("表格中没有数据：表头下方没有记录")
    return sheet


def _chain(first: list[Any], rest: Any) -> Any:
    yield from first
    yield from rest


# --- the mapping --------------------------------------------------------------------------------------------


def _bare(header: str) -> str:
    """A header without its spaces, stars and bracketed unit: "金额（元）" and "金额" are the same column."""
    return re.sub(r"[\s*＊]|[（(][^）)]*[）)]", "", header)


def guess_mapping(columns: Sequence[Column], sheet: FinanceSheet, saved: dict[str, str] | None) -> dict[str, str]:
    """What the mapping form proposes: the saved header where the file has it, else a header of the same name."""
    names = sheet.names
    by_bare = {_bare(h): h for h in reversed(names)}
    guess = {}
    for column in columns:
        mine = (saved or {}).get(column.header, "")
        guess[column.header] = mine if mine in names else by_bare.get(_bare(column.header), "")
    return guess


def check_mapping(mapping: dict[str, str], columns: Sequence[Column], sheet: FinanceSheet | None) -> dict[str, str]:
    """The mapping with one entry per ledger column ("" for a column left unread); keys no longer among the ledger's
    columns are dropped. InvalidInput naming every problem: a required column unmapped, a finance header mapped to
    two columns, and — given the file — a mapped header the file lacks or has twice."""
    clean = {c.header: str(mapping.get(c.header) or "").strip() for c in columns}
    problems = []
    unmapped = [c.header for c in columns if c.required and not clean[c.header]]
    if unmapped:
        problems.append("必填列没有对应的财务表头：" + "、".join(unmapped))
    used: dict[str, list[str]] = {}
    for ours, theirs in clean.items():
        if theirs:
            used.setdefault(theirs, []).append(ours)
    for theirs, ours in used.items():
        if len(ours) > 1:
            problems.append(f"财务表头“{theirs}”同时对应了{'、'.join(ours)}，每个表头只能对应一列")
    if sheet is not None:
        absent = [f"“{theirs}”（对应{ours[0]}）" for theirs, ours in used.items() if theirs not in sheet.names]
        if absent:
            problems.append("文件中没有这些表头：" + "、".join(absent) + "，请检查文件或重新设置列对应")
        twice = [f"“{theirs}”" for theirs in used if theirs in sheet.repeated]
        if twice:
            problems.append("文件中有多个同名的列：" + "、".join(twice) + "，无法确定读哪一列")
    if problems:
        raise InvalidInput("；".join(problems), detail={"problems": problems})
    return clean


def renamed_workbook(sheet: FinanceSheet, mapping: dict[str, str]) -> bytes:
    """The mapped columns under the ledger's headers (row 1), each data row at its row number in the finance file."""
    pairs = [(ours, sheet.headers.index(theirs)) for ours, theirs in mapping.items() if theirs]
    wb = Workbook()
    ws = wb.active
    for column, (ours, _) in enumerate(pairs, start=1):
        ws.cell(row=1, column=column, value=ours)
    for number, cells in sheet.rows:
        for column, (_, index) in enumerate(pairs, start=1):
            value = cells[index] if index < len(cells) else None
            if value is None or value == "":
                continue
            cell = ws.cell(row=number, column=column, value=cell_value(value))
            if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"  # text as typed, never a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- the ledger's import --------------------------------------------------------------------------------------


def ledger_import_class(ledger: str) -> type[LedgerImport]:
    """The ledger's import class named in IMPORTS, loaded now; InvalidInput when the ledger has none (yet)."""
    if ledger not in IMPORTS:
        raise InvalidInput("请选择要导入的台账")
    module_name, _, class_name = IMPORTS[ledger].partition(":")
    try:
        found = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        found = None
    if not (isinstance(found, type) and issubclass(found, LedgerImport)):
        raise InvalidInput(f"{Ledger(ledger).label}台账暂不支持导入")
    return found


class FinanceImport:
    """One finance export going into one ledger of the user's organ through that ledger's import."""

    def __init__(self, *, ledger: str, user: Any) -> None:
        self.ledger = ledger
        self.user = user
        self.importer = ledger_import_class(ledger).for_user(user)  # Forbidden for whoever may not import

    @property
    def label(self) -> str:
        return Ledger(self.ledger).label

    def columns(self) -> list[Column]:
        return self.importer.columns()

    def plan(self, sheet: FinanceSheet, mapping: dict[str, str]) -> Plan:
        """The ledger's preview of the renamed rows; writes nothing. InvalidInput for a mapping that does not fit
        the file, or a whole-file problem the ledger's import finds."""
        clean = check_mapping(mapping, self.columns(), sheet)
        plan = self.importer.parse(renamed_workbook(sheet, clean))
        if sheet.totals:
            rows = "、".join(f"第{n}行" for n in sheet.totals)
            plan.notes.append(f"{rows}为合计行，未导入")
        return plan

    # --- the confirm step: what was previewed, in a signed token ---------------------------------------------

    def sheet_token(self, sheet: FinanceSheet) -> str:
        """The file's rows carried to the mapping step (the file is not uploaded twice)."""
        return token.sign({"ledger": self.ledger, "sheet": sheet.dump()}, user_id=self.user.pk, salt=TOKEN_SALT)

    def plan_token(self, sheet: FinanceSheet, mapping: dict[str, str], plan: Plan) -> str:
        payload = {"ledger": self.ledger, "sheet": sheet.dump(), "mapping": mapping, "summary": plan.summary()}
        return token.sign(payload, user_id=self.user.pk, salt=TOKEN_SALT)

    @classmethod
    def unsign(cls, value: str, user: Any) -> tuple[FinanceImport, dict[str, Any]]:
        """The import and the payload `user` signed; InvalidInput when forged, stale or someone else's."""
        payload = token.unsign(value, user_id=user.pk, salt=TOKEN_SALT)
        try:
            return cls(ledger=str(payload["ledger"]), user=user), payload
        except KeyError:
            raise InvalidInput(token.UNVERIFIABLE) from None

    @staticmethod
    def sheet_of(payload: dict[str, Any]) -> FinanceSheet:
        try:
            return FinanceSheet.load(payload["sheet"])
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(token.UNVERIFIABLE) from None

    def confirm(self, payload: dict[str, Any]) -> Result:
        """Judge the previewed rows again and write them, all or nothing, if the preview's figures still hold."""
        mapping = payload.get("mapping")
        if not isinstance(mapping, dict):
            raise InvalidInput(token.UNVERIFIABLE)
        plan = self.plan(self.sheet_of(payload), mapping)
        if plan.summary() != payload.get("summary"):
            raise Conflict(f"预览之后台账已有变化（现在：{plan.summary()}），请重新上传文件预览后再确认")
        return self.importer.apply(plan, mode="all", by=self.user)
