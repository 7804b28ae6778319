"""花名册导入: columns, the template and the plan a parse produces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from django.conf import settings
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from qinglian.core.excel import Column, template_workbook
from qinglian.org.choices import Gender, PartyStatus, Rank, UnitKind
from qinglian.org.models import Branch, Organ, Unit

Mode = Literal["all", "valid_only"]
MODES: dict[str, str] = {"all": "全部成功才导入", "valid_only": "仅导入无误的行"}
CHANGE_REASON = "花名册导入"


class Action(StrEnum):
    CREATE = "新增"
    UPDATE = "更新"
    UNCHANGED = "无变化"
    ERROR = "错误"


# Column headers (without the "*" the template adds to required ones) and the Person field behind each.
NAME, GENDER, ID_NUMBER, UNIT, POST, RANK = "姓名", "性别", "身份证号", "所在委室", "职务", "职级"
PARTY_STATUS, JOINED, BRANCH, PHONE, BIRTH = "政治面貌", "入党时间", "所在党支部", "手机号码", "出生日期"
FIELD_OF: dict[str, str] = {
    NAME: "name",
    GENDER: "gender",
    ID_NUMBER: "id_number",
    UNIT: "unit",
    POST: "post",
    RANK: "rank",
    PARTY_STATUS: "party_status",
    JOINED: "party_joined_on",
    BRANCH: "branch",
    PHONE: "phone",
    BIRTH: "birth_date",
}
HEADER_OF: dict[str, str] = {f: h for h, f in FIELD_OF.items()} | {"party_group": "党小组"}
_TEXT_COLUMNS = (ID_NUMBER, PHONE, JOINED, BIRTH)  # formatted as text so Excel keeps what was typed
_GENDERS = {label: value for value, label in Gender.choices}
_RANKS = {label: value for value, label in Rank.choices}
# Old rosters say "党员"/"预备党员"; the drop-down offers the full labels.
_STATUSES = {label: value for value, label in PartyStatus.choices} | {
    "党员": PartyStatus.MEMBER,
    "共产党员": PartyStatus.MEMBER,
    "预备党员": PartyStatus.PROBATIONARY,
}


def roster_columns(unit_names: Sequence[str] = (), branch_names: Sequence[str] = ()) -> list[Column]:
    return [
        Column(NAME, 10, required=True),
        Column(GENDER, 6, required=True, choices=Gender.labels, note="须与身份证号一致"),
        Column(ID_NUMBER, 22, required=True, note="18位，末位可为X；是识别人员的依据"),
        Column(UNIT, 18, required=True, choices=unit_names, note="填写委室全称或简称"),
        Column(POST, 16, note="如 副主任、四级调研员"),
        Column(RANK, 14, choices=Rank.labels, note="不填视为“其他”"),
        Column(PARTY_STATUS, 14, required=True, choices=PartyStatus.labels),
        Column(JOINED, 12, note="如 2010-07-01，或只写到月：2010.07；非中共党员不填"),
        Column(BRANCH, 20, choices=branch_names, note="填写党支部全称"),
        Column(PHONE, 14, note="11位手机号，或 区号-号码"),
        Column(BIRTH, 12, note="可不填，按身份证号推算；填写时须与身份证号一致"),
    ]


def _person_units(organ: Organ) -> list[Unit]:
    # Outside bodies (government departments) are units too, but nobody on the roster works there.
    return list(Unit.objects.filter(organ=organ).exclude(kind=UnitKind.EXTERNAL))


# --- template ----------------------------------------------------------------------------------


def roster_template(organ: Organ) -> Workbook:
    """The import template of `organ`: drop-downs for coded columns (its units and branches) and 填表说明."""
    units = [u.name for u in _person_units(organ)]
    branches = list(Branch.objects.filter(organ=organ).values_list("name", flat=True))
    columns = roster_columns(units, branches)
    wb = template_workbook("花名册", columns, _notes())
    ws = wb.worksheets[0]
    for idx, col in enumerate(columns, start=1):
        if col.header in _TEXT_COLUMNS:
            ws.column_dimensions[get_column_letter(idx)].number_format = "@"
    return wb


def _max_size() -> str:
    return f"{settings.QINGLIAN_IMPORT_MAX_BYTES / (1024 * 1024):.3g} MB"


def _notes() -> list[str]:
    return [
        "花名册导入模板：请在“花名册”工作表第一行表头下方逐行填写，不要修改表头；表头带 * 的列为必填。",
        "身份证号是识别人员的依据：本机关已有该身份证号的人员将被更新，否则新增。",
        "更新已有人员时，表中各列以表格为准（留空即清空该项）；删去的选填列保持原值不变。",
        "日期可写作 2020-01-05、2020.1.5、2020年1月5日；入党时间可只写到月，如 2010.07。",
        "身份证号、手机号码和日期列已设为文本格式，请勿改为数字，以免 Excel 改动末几位或把 2010.10 变成 2010.1。",
        "出生日期、性别须与身份证号一致；出生日期可不填。非中共党员（群众、民主党派）不填入党时间。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行，文件不超过 {_max_size()}。",
    ]


# --- the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class RowPlan:
    """What one sheet row will do. `values` are the Person fields to write (model instances for FKs)."""

    row: int
    name: str
    action: Action
    errors: list[tuple[str, str]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    person_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.action == Action.ERROR


class _Rows:
    rows: list[RowPlan]

    @property
    def error_rows(self) -> list[RowPlan]:
        return [r for r in self.rows if r.is_error]


@dataclass
class RosterPlan(_Rows):
    organ: Organ
    headers: list[str]
    rows: list[RowPlan]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_rows)

    @property
    def counts(self) -> dict[Action, int]:
        return {action: sum(1 for r in self.rows if r.action == action) for action in Action}

    def summary(self) -> str:
        c = self.counts
        return (
            f"共 {len(self.rows)} 行：新增 {c[Action.CREATE]} 人，更新 {c[Action.UPDATE]} 人，"
            f"无变化 {c[Action.UNCHANGED]} 人，有问题 {c[Action.ERROR]} 行"
        )


@dataclass
class RosterResult(_Rows):
    mode: Mode
    rows: list[RowPlan]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def summary(self) -> str:
        return (
            f"导入完成：新增 {self.created} 人，更新 {self.updated} 人，无变化 {self.unchanged} 人，"
            f"跳过 {self.skipped} 行（有问题，未导入）"
        )
