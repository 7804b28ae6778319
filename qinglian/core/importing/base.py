"""`LedgerImport`: what every ledger's import shares; `SheetRow`: one row being judged."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, ClassVar, Generic

from django.conf import settings
from django.db import transaction
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from qinglian.core import hooks
from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.core.excel import Column, SheetRows, parse_date, read_sheet, template_workbook
from qinglian.core.importing import token
from qinglian.core.importing.plan import MODES, Action, Change, Mode, Plan, R, Result, RowPlan


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


def refuse_oversized(data: bytes, hint: str = "，请分批导入") -> None:
    if len(data) > settings.QINGLIAN_IMPORT_MAX_BYTES:
        raise InvalidInput(f"文件超过 {max_size_label()} 上限{hint}")


class LedgerImport(ABC, Generic[R]):
    """One ledger's import. Subclasses set the class attributes and implement the abstract methods.

    The source is an Excel sheet unless the ledger overrides `read` (a Word outline is a second source of the
    duty list): what `read` returns is what `judge` reads, and the rest — preview, apply, audit, confirm — is
    the same for every source.
    """

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
    # Preview first, then "确认导入" writes the previewed plan from a signed token (token.py) instead of a second
    # upload; the plan's rows and fields must then be JSON (dates allowed), as `dump_plan` writes them.
    confirm: ClassVar[bool] = False
    plan_class: ClassVar[type[Plan]] = Plan
    row_class: ClassVar[type[RowPlan]] = RowPlan
    result_class: ClassVar[type[Result]] = Result

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
    def judge(self, sheet: Any, options: dict[str, Any]) -> list[R]:
        """Every row of the sheet (or of what `read` returned) judged against the organ; writes nothing."""

    @abstractmethod
    def write(self, row: R, by: Any, result: Result[R]) -> Action:
        """Write one valid row through the ledger's services (inside a savepoint); what it did.

        Raise a QinglianError to refuse the row; the apply names the row and, in "all" mode, writes nothing.
        """

    def option_fields(self) -> dict[str, Any]:
        """Extra fields of the upload form (name → django.forms field, for this organ), passed to `judge` as
        `options`; a confirming ledger's options go into the token, so they are JSON values (ids, not models)."""
        return {}

    # --- what a ledger may add -----------------------------------------------------------------------

    def check(self, options: dict[str, Any]) -> None:
        """Refuse the whole upload on its options before the file is read (InvalidInput)."""

    def read(self, data: bytes) -> Any:
        """The upload opened for `judge`: by default the sheet's rows. InvalidInput for a whole-file problem
        (empty, too large — refused before it is opened — not an xlsx, columns, too many rows, no data)."""
        if not data:
            raise InvalidInput(f"上传的文件是空的，请选择填好的{self.upload_noun}")
        refuse_oversized(data)
        max_rows = settings.QINGLIAN_IMPORT_MAX_ROWS
        sheet = read_sheet(data, self.columns(), max_rows=max_rows, ignored=self.export_only)
        if not sheet.rows:
            raise InvalidInput(f"表格中没有数据：请在表头下方逐行填写{self.row_noun}")
        return sheet

    def make_plan(self, source: Any, rows: list[R], options: dict[str, Any]) -> Plan[R]:
        """The plan of the judged rows; a ledger whose plan says more (headings, notes) adds it here."""
        headers = [h for h in source.headers if h] if isinstance(source, SheetRows) else []
        return self.plan_class(organ=self.organ, rows=rows, phrases=self.phrases, headers=headers, options=options)

    def prepare(self, plan: Plan[R], by: Any, result: Result[R]) -> None:
        """What is written before the rows, inside the apply's transaction (the list the rows go into)."""

    def audit(self, plan: Plan[R], result: Result[R]) -> dict[str, Any]:
        """The import's one audit event: target_repr and detail, and the target for a ledger that has one."""
        return {"target_repr": self.title, "detail": self.audit_detail(result)}

    # --- shared ----------------------------------------------------------------------------------------

    @classmethod
    def for_user(cls, user: Any) -> LedgerImport[R]:
        """The import into the organ of `user`; Forbidden (403 page, 403 API) for anybody who may not."""
        organ = hooks.organ_of(user)
        if organ is None or not cls.may_import(user):
            raise Forbidden(cls.refusal)
        return cls(organ, user)

    def template(self) -> Workbook:
        columns = self.columns()
        wb = template_workbook(self.sheet, columns, self.notes())
        ws = wb.worksheets[0]
        for idx, column in enumerate(columns, start=1):
            if column.header in self.text_columns:
                ws.column_dimensions[get_column_letter(idx)].number_format = "@"
        return wb

    def parse(self, data: bytes, **options: Any) -> Plan[R]:
        """Judge every row of an upload; writes nothing. InvalidInput for a whole-file problem (see `read`)."""
        self.check(options)
        source = self.read(data)
        return self.make_plan(source, self.judge(source, options), options)

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
        result: Result[R] = self.result_class(mode=mode, phrases=self.phrases)
        with transaction.atomic():
            self.prepare(plan, by, result)
            for row in plan.rows:
                result.rows.append(self._apply_row(row, mode, by, result))
            hooks.audit_record(action="import", user=by, organ=plan.organ, **self.audit(plan, result))
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
                raise InvalidInput(f"{row.where}（{row.name}）：{exc.message}。未写入任何数据") from exc
            result.tally[Action.ERROR] += 1
            return replace(row, action=Action.ERROR, errors=[*row.errors, ("保存", exc.message)])
        result.tally[action] += 1
        return row if action == row.action else replace(row, action=action)

    # --- the confirm step (`confirm`): the previewed plan in a signed token ------------------------------

    @classmethod
    def token_salt(cls) -> str:
        return f"qinglian.import.{cls.__module__}.{cls.__qualname__}"

    def plan_token(self, plan: Plan[R], user: Any) -> str:
        return token.sign(self.dump_plan(plan), user_id=user.pk, salt=self.token_salt())

    def plan_from_token(self, value: str, user: Any) -> Plan[R]:
        """The plan `user` previewed in this organ; InvalidInput (Chinese) when the token is forged, stale,
        another account's or another organ's."""
        payload = token.unsign(value, user_id=user.pk, salt=self.token_salt())
        try:
            return self.load_plan(payload)
        except (TypeError, ValueError, KeyError):  # signed by an older release of the plan's fields
            raise InvalidInput(token.UNVERIFIABLE) from None

    def dump_plan(self, plan: Plan[R]) -> dict[str, Any]:
        """The plan as JSON: the organ's id, the rows (`dump_row`) and every other field of the plan class."""
        own = {"organ", "rows", "phrases"}
        payload = {f.name: getattr(plan, f.name) for f in fields(plan) if f.name not in own}
        return payload | {"organ": plan.organ.pk, "rows": [self.dump_row(row) for row in plan.rows]}

    def load_plan(self, payload: dict[str, Any]) -> Plan[R]:
        payload = dict(payload)
        if payload.pop("organ", None) != self.organ.pk:
            raise InvalidInput(token.UNVERIFIABLE)
        rows = [self.load_row(row) for row in payload.pop("rows", [])]
        return self.plan_class(organ=self.organ, rows=rows, phrases=self.phrases, **payload)

    def dump_row(self, row: R) -> dict[str, Any]:
        return asdict(row)

    def load_row(self, data: dict[str, Any]) -> R:
        """A row of `row_class` from `dump_row`'s JSON; the row class turns lists back into its own types."""
        data = dict(data)
        data["action"] = Action(data["action"])
        data["errors"] = [tuple(error) for error in data.get("errors", [])]
        data["changes"] = [Change(**change) for change in data.get("changes", [])]
        return self.row_class(**data)  # type: ignore[return-value]
