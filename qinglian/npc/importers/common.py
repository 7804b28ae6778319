"""代表建议导入: columns, the template and the plan a parse produces."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from qinglian.core.excel import Column, template_workbook
from qinglian.core.importing import Action
from qinglian.npc.choices import SessionKind, SuggestionCategory
from qinglian.npc.models import Deputy, Session
from qinglian.org.choices import UnitKind
from qinglian.org.models import Organ, Unit

CHANGE_REASON = "代表建议导入"
SHEET = "代表建议"
NUMBER, YEAR, SESSION, LEAD, CO_SIGNERS = "建议编号", "年度", "届次会次", "领衔代表", "联名代表"
TITLE, CONTENT, CATEGORY, RECEIVED = "标题", "内容", "类别", "收到日期"
LEAD_UNIT, CO_UNITS, ASSIGNED, KEY = "主办单位", "协办单位", "交办日期", "重点督办"
COMMITTEE, LEADER = "督办委室", "督办领导"
INTERIM = "闭会期间"
YES, NO = "是", "否"
CATEGORIES = {label: value for value, label in SuggestionCategory.choices}
_TEXT_COLUMNS = (NUMBER, RECEIVED, ASSIGNED)  # text, so Excel keeps "0012" and the dates as typed


def suggestion_columns(
    session_names: Sequence[str] = (), unit_names: Sequence[str] = (), committee_names: Sequence[str] = ()
) -> list[Column]:
    return [
        Column(NUMBER, 12, required=True, note="本年度内不得重复，如 第0012号"),
        Column(YEAR, 8, required=True, note="建议办理年度，如 2026"),
        Column(
            SESSION,
            30,
            required=True,
            choices=[*session_names, INTERIM],
            note=(
                "届次会议全称，如 第十六届人民代表大会第五次会议（也可写 第十六届第五次会议）；"
                f"闭会期间提出的填“{INTERIM}”"
            ),
        ),
        Column(LEAD, 10, required=True, note="代表姓名；同名的写作 姓名/代表团"),
        Column(CO_SIGNERS, 24, note="多人用顿号“、”分隔"),
        Column(TITLE, 36, required=True),
        Column(CONTENT, 40),
        Column(CATEGORY, 10, required=True, choices=SuggestionCategory.labels),
        Column(RECEIVED, 12, required=True, note="如 2026-01-15；不能晚于今天"),
        Column(LEAD_UNIT, 24, choices=unit_names, note="外部承办单位全称或简称；不填则只登记、不交办"),
        Column(CO_UNITS, 30, note="外部承办单位，多个用顿号“、”分隔；须同时填写主办单位"),
        Column(ASSIGNED, 12, note="填写主办单位时必填，不得早于收到日期"),
        Column(KEY, 9, choices=[YES, NO], note="不填视为否"),
        Column(COMMITTEE, 18, choices=committee_names, note="重点督办建议必填：本机关内设委室"),
        Column(LEADER, 10, note="重点督办建议必填：本机关人员姓名；同名的写作 姓名/所在委室"),
    ]


def session_label(session: Session) -> str:
    return str(session)


def suggestion_template(organ: Organ) -> Workbook:
    """The template of `organ`: drop-downs of its sessions, external units and committees, and 填表说明."""
    sessions = [session_label(s) for s in Session.objects.filter(organ=organ).exclude(kind=SessionKind.INTERIM)]
    units = Unit.objects.filter(organ=organ)
    external = [u.name for u in units if u.kind == UnitKind.EXTERNAL]
    internal = [u.name for u in units if u.kind == UnitKind.INTERNAL]
    columns = suggestion_columns(sessions, external, internal)
    wb = template_workbook(SHEET, columns, _notes())
    ws = wb.worksheets[0]
    for idx, col in enumerate(columns, start=1):
        if col.header in _TEXT_COLUMNS:
            ws.column_dimensions[get_column_letter(idx)].number_format = "@"
    return wb


def _notes() -> list[str]:
    return [
        "代表建议导入模板：请在“代表建议”工作表第一行表头下方逐行填写，每行一件建议；表头带 * 的列为必填。",
        "全部行无误才导入：只要有一行有问题，就一行也不写入，并逐行列出问题；修改后重新上传整张表。",
        "建议编号在同一年度内唯一：表内重复或系统中该年度已有该编号的，均视为错误。",
        "代表按系统中登记的姓名识别。系统中没有的代表，勾选“自动新增代表”后导入时自动新增，否则视为错误。",
        "主办、协办单位须是系统中已登记的外部单位（政府部门等），按全称或简称识别；不认识的单位视为错误。",
        "填写主办单位的建议在导入时一并交办（主办、协办），交办日期即答复期限的起算日。",
        "重点督办填“是”的，须写明督办委室和督办领导。",
        "日期可写作 2026-01-15、2026.1.15、2026年1月15日。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


# --- the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewDeputy:
    """A deputy the import will create ("自动新增代表"); rows naming the same one share it."""

    name: str
    delegation: str = ""


DeputyRef = Deputy | NewDeputy


@dataclass
class RowPlan:
    row: int
    name: str  # "第0012号 标题", shown on the page
    action: Action
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # Suggestion fields
    lead_deputy: DeputyRef | None = None
    co_signers: list[DeputyRef] = field(default_factory=list)
    lead_unit: Unit | None = None
    co_units: list[Unit] = field(default_factory=list)
    assigned_on: dt.date | None = None
    is_key: bool = False
    committee: Unit | None = None
    leader: Any = None  # org.Person

    @property
    def is_error(self) -> bool:
        return self.action == Action.ERROR

    @property
    def new_deputies(self) -> list[NewDeputy]:
        return [d for d in [self.lead_deputy, *self.co_signers] if isinstance(d, NewDeputy)]


@dataclass
class SuggestionPlan:
    organ: Organ
    rows: list[RowPlan]
    auto_create_deputies: bool = False

    @property
    def error_rows(self) -> list[RowPlan]:
        return [r for r in self.rows if r.is_error]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_rows)

    @property
    def new_deputies(self) -> list[NewDeputy]:
        return list(dict.fromkeys(d for r in self.rows for d in r.new_deputies))

    def summary(self) -> str:
        assigned = sum(1 for r in self.rows if not r.is_error and r.lead_unit is not None)
        extra = f"，将新增代表 {len(self.new_deputies)} 人" if self.new_deputies else ""
        return (
            f"共 {len(self.rows)} 行：可导入 {len(self.rows) - len(self.error_rows)} 件（其中交办 {assigned} 件）"
            f"{extra}，有问题 {len(self.error_rows)} 行"
        )


@dataclass
class ImportResult:
    suggestions: int = 0
    assigned: int = 0
    key: int = 0
    deputies: int = 0

    def summary(self) -> str:
        extra = f"，新增代表 {self.deputies} 人" if self.deputies else ""
        return f"导入完成：登记代表建议 {self.suggestions} 件，交办 {self.assigned} 件，重点督办 {self.key} 件{extra}"
