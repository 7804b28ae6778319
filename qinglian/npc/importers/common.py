"""代表建议导入: the columns, the template's 填表说明, the plan of a parse and the result of an apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from qinglian.core.excel import Column
from qinglian.core.importing import Action, Plan, Result, RowPlan
from qinglian.npc.choices import SuggestionCategory
from qinglian.npc.models import Deputy, Session
from qinglian.org.models import Unit

CHANGE_REASON = "代表建议导入"
NUMBER, YEAR, SESSION, LEAD, CO_SIGNERS = "建议编号", "年度", "届次会次", "领衔代表", "联名代表"
TITLE, CONTENT, CATEGORY, RECEIVED = "标题", "内容", "类别", "收到日期"
LEAD_UNIT, CO_UNITS, ASSIGNED, KEY = "主办单位", "协办单位", "交办日期", "重点督办"
COMMITTEE, LEADER = "督办委室", "督办领导"
INTERIM = "闭会期间"
YES, NO = "是", "否"
CATEGORIES = {label: value for value, label in SuggestionCategory.choices}
PHRASES = {Action.CREATE: "可导入 {} 件"}  # the plan and the result word their own summaries
TEXT_COLUMNS = (NUMBER, RECEIVED, ASSIGNED)  # text, so Excel keeps "0012" and the dates as typed


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


def suggestion_notes() -> list[str]:
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
class SuggestionRow(RowPlan):
    """One suggestion to register: `values` are the Suggestion fields; `name` is "第0012号 标题"."""

    lead_deputy: DeputyRef | None = None
    co_signers: list[DeputyRef] = field(default_factory=list)
    lead_unit: Unit | None = None
    co_units: list[Unit] = field(default_factory=list)
    assigned_on: dt.date | None = None
    is_key: bool = False
    committee: Unit | None = None
    leader: Any = None  # org.Person

    @property
    def new_deputies(self) -> list[NewDeputy]:
        return [d for d in [self.lead_deputy, *self.co_signers] if isinstance(d, NewDeputy)]

    @property
    def detail(self) -> str:
        """主办 and 协办 units (or 只登记，不交办) and 重点督办, under a valid row on the page."""
        if self.lead_unit is None:
            handling = "只登记，不交办"
        else:
            co_units = "、".join(u.name for u in self.co_units)
            handling = f"主办：{self.lead_unit.name}" + (f"；协办：{co_units}" if co_units else "")
        return handling + ("；重点督办" if self.is_key else "")


@dataclass
class SuggestionPlan(Plan[SuggestionRow]):
    """The plan of one upload; it words its summary in suggestions, assignments and the deputies to create."""

    phrases: dict[Action, str] = field(default_factory=lambda: dict(PHRASES))

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
class SuggestionResult(Result[SuggestionRow]):
    """What an apply wrote; while it writes, the deputies it created (once, however many rows name them)."""

    created_deputies: dict[NewDeputy, Deputy] = field(default_factory=dict)

    @property
    def suggestions(self) -> int:
        return self.created

    @property
    def assigned(self) -> int:
        return self.tally["assigned"]

    @property
    def key(self) -> int:
        return self.tally["key"]

    @property
    def deputies(self) -> int:
        return self.tally["deputies"]

    def summary(self) -> str:
        extra = f"，新增代表 {self.deputies} 人" if self.deputies else ""
        return f"导入完成：登记代表建议 {self.suggestions} 件，交办 {self.assigned} 件，重点督办 {self.key} 件{extra}"
