"""`LedgerImport`: what every ledger's Excel import shares; `SheetRow`: one row being judged."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Generic

from django.conf import settings
from django.db import transaction
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from qinglian.core import hooks
from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.core.excel import Column, SheetRows, parse_date, read_sheet, template_workbook
from qinglian.core.importing.plan import MODES, Action, Mode, Plan, R, Result


def cell_text(value: Any) -> str:
    """A cell as typed: 13812345678.0 (a number in a General cell) back to 13812345678, dates as 2024-03-15."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value).strip()


@dataclass
class SheetRow:
    """One sheet row being judged: cleaned values out, (列, 问题) errors collected."""

    number: int
    record: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def raw(self, header: str) -> Any:
        return self.record.get(header)

    def text(self, header: str) -> str:
        return cell_text(self.record.get(header))

    def error(self, header: str, problem: str) -> None:
        self.errors.append((header, problem))

    def judge_text(self, header: str, limit: int, *, required: bool = False) -> str:
        text = self.text(header)
        if required and not text:
            self.error(header, "必填")
        elif len(text) > limit:
            self.error(header, f"过长，最多{limit}个字")
        return text

    def judge_choice(self, header: str, labels: dict[str, str], *, required: bool = False, noun: str = "") -> str:
        """The value behind a drop-down label; "" (and an error) when blank-but-required or not a label."""
        text = self.text(header)
        if not text:
            if required:
                self.error(header, "必填")
            return ""
        if text not in labels:
            self.error(header, f"“{text}”不是有效的{noun or header}，请从下拉列表中选择")
            return ""
        return labels[text]

    def judge_date(
        self, header: str, *, required: bool = False, today: dt.date | None = None, future: str = "不能晚于今天"
    ) -> dt.date | None:
        """A date cell; with `today`, a later date is refused with the `future` message."""
        try:
            day = parse_date(self.record.get(header))
        except ValueError as exc:
            self.error(header, str(exc))
            return None
        if day is None and required:
            self.error(header, "必填")
        elif day is not None and today is not None and day > today:
            self.error(header, future)
        return day


def max_size_label() -> str:
    return f"{settings.QINGLIAN_IMPORT_MAX_BYTES / (1024 * 1024):.3g} MB"


class LedgerImport(ABC, Generic[R]):
    """One ledger's Excel import. Subclasses set the class attributes and implement the abstract methods."""

    title: ClassVar[str]  # "干部花名册": the audit log's target
    sheet: ClassVar[str]  # the template's sheet name: "花名册"
    upload_noun: ClassVar[str]  # "花名册" in "上传的文件是空的，请选择填好的花名册"
    row_noun: ClassVar[str]  # "人员信息" in "请在表头下方逐行填写人员信息"
    change_reason: ClassVar[str]  # history's reason on every row written: "花名册导入"
    refusal: ClassVar[str]  # the Forbidden message for an account that may not import
    phrases: ClassVar[dict[Action, str]]  # the counts in summaries: {Action.CREATE: "新增 {} 人", …}
    modes: ClassVar[tuple[Mode, ...]] = ("all", "valid_only")
    text_columns: ClassVar[tuple[str, ...]] = ()  # formatted as text so Excel keeps what was typed
    export_only: ClassVar[tuple[str, ...]] = ("序号",)  # columns of the ledger's export that an import reads past

    def __init__(self, organ: Any, user: Any = None) -> None:
        self.organ = organ
        self.user = user  # the importing account, for ledgers whose rows depend on what it may record

    # --- what each ledger says ----------------------------------------------------------------------

    @classmethod
    @abstractmethod
    def may_import(cls, user: Any) -> bool:
        """Whether `user` may import into this ledger of their organ."""

    @abstractmethod
    def columns(self) -> list[Column]:
        """The template's columns, with the organ's drop-downs."""

    @abstractmethod
    def notes(self) -> list[str]:
        """填表说明, the lines above the per-column notes."""

    @abstractmethod
    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[R]:
        """Every row of the sheet judged against the organ; writes nothing."""

    @abstractmethod
    def write(self, row: R, by: Any, result: Result[R]) -> Action:
        """Write one valid row through the ledger's services (inside a savepoint); what it did.

        Raise a QinglianError to refuse the row; the apply names the row and, in "all" mode, writes nothing.
        """

    @classmethod
    def option_fields(cls) -> dict[str, Any]:
        """Extra fields of the upload form (name → django.forms field), passed to `judge` as `options`."""
        return {}

    # --- shared ----------------------------------------------------------------------------------------

    @classmethod
    def for_user(cls, user: Any) -> LedgerImport[R]:
        """The import into the organ of `user`; Forbidden (403 page, 403 API) for anybody who may not."""
        organ = hooks.organ_of(user)
        if organ is None or not cls.may_import(user):
            raise Forbidden(cls.refusal)
        return cls(organ, user)

    def template(self) -> Workbook:
        wb = template_workbook(self.sheet, self.columns(), self.notes())
        ws = wb.worksheets[0]
        for idx, column in enumerate(self.columns(), start=1):
            if column.header in self.text_columns:
                ws.column_dimensions[get_column_letter(idx)].number_format = "@"
        return wb

    def parse(self, data: bytes, **options: Any) -> Plan[R]:
        """Judge every row of an upload; writes nothing. InvalidInput for a whole-file problem (empty, too
        large — refused before it is opened — not an xlsx, columns, too many rows, no data)."""
        if not data:
            raise InvalidInput(f"上传的文件是空的，请选择填好的{self.upload_noun}")
        if len(data) > settings.QINGLIAN_IMPORT_MAX_BYTES:
            raise InvalidInput(f"文件超过 {max_size_label()} 上限，请分批导入")
        max_rows = settings.QINGLIAN_IMPORT_MAX_ROWS
        sheet = read_sheet(data, self.columns(), max_rows=max_rows, ignored=self.export_only)
        if not sheet.rows:
            raise InvalidInput(f"表格中没有数据：请在表头下方逐行填写{self.row_noun}")
        rows = self.judge(sheet, options)
        headers = [h for h in sheet.headers if h]
        return Plan(organ=self.organ, rows=rows, phrases=self.phrases, headers=headers, options=options)

    def apply(self, plan: Plan[R], *, mode: Mode, by: Any) -> Result[R]:
        """Write the plan in one transaction. "all": any problem writes nothing (InvalidInput naming the rows);
        "valid_only": rows with problems, or refused by a service, are skipped and reported."""
        if mode not in MODES or mode not in self.modes:
            raise InvalidInput("未知的导入方式")
        own = hooks.organ_of(by)
        if not self.may_import(by) or own is None or own.pk != plan.organ.pk:
            raise Forbidden(self.refusal)
        if mode == "all" and plan.has_errors:
            detail = [{"row": r.row, "errors": r.errors} for r in plan.error_rows]
            raise InvalidInput(self.refused_message(plan), detail=detail)
        result: Result[R] = Result(mode=mode, phrases=self.phrases)
        with transaction.atomic():
            for row in plan.rows:
                result.rows.append(self._apply_row(row, mode, by, result))
            hooks.audit_record(
                action="import", user=by, organ=plan.organ, target_repr=self.title, detail=self.audit_detail(result)
            )
        return result

    def refused_message(self, plan: Plan[R]) -> str:
        return f"有 {len(plan.error_rows)} 行存在问题，按“全部成功才导入”方式未写入任何数据；请修改后重新上传"

    def audit_detail(self, result: Result[R]) -> dict[str, Any]:
        counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        return {"mode": result.mode, **counts, "skipped": result.skipped}

    def _apply_row(self, row: R, mode: Mode, by: Any, result: Result[R]) -> R:
        if row.action in (Action.ERROR, Action.UNCHANGED):
            result.tally[row.action] += 1
            return row
        try:
            with transaction.atomic():  # a savepoint: one failed row must not spoil the rows around it
                action = self.write(row, by, result)
        except QinglianError as exc:
            if mode == "all":
                raise InvalidInput(f"第{row.row}行（{row.name}）：{exc.message}。未写入任何数据") from exc
            result.tally[Action.ERROR] += 1
            return replace(row, action=Action.ERROR, errors=[*row.errors, ("保存", exc.message)])
        result.tally[action] += 1
        return row if action == row.action else replace(row, action=action)
