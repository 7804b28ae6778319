"""责任清单导入: what a parse produces (the plan of a year's list: headings and items) and what an apply reports.

Both sources (Excel, Word outline) produce the same plan. Everything in it is JSON (ids, names, dates, heading
paths), so the core import framework can carry it to "确认导入" in a signed token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from qinglian.core.importing import Action, Plan, Result, RowPlan
from qinglian.duty.choices import Recurrence, Theme
from qinglian.duty.models import DutyList, DutySection

Path = tuple[str, ...]  # a heading path: ("强化政治建设",) or ("强化政治建设", "加强理论武装")


@dataclass(frozen=True)
class Section:
    """A heading to create (or reuse, when the draft already has one with this title under this parent)."""

    path: Path

    @property
    def title(self) -> str:
        return self.path[-1]

    @property
    def parent(self) -> Path | None:
        return self.path[:-1] or None


@dataclass
class DutyRow(RowPlan):
    """One item as it will be written. `name` is the start of its content (for messages)."""

    source: str = ""  # "第5行" / "第12段": where in the file, for the person fixing it
    content: str = ""
    section: Path = ()  # the heading it stands under; () for none
    theme: str = Theme.STRICT_GOVERNANCE
    leader_id: int | None = None
    leader_name: str = ""
    lead_unit_id: int | None = None
    lead_unit_name: str = ""
    co_unit_ids: list[int] = field(default_factory=list)
    co_unit_names: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    recurrence: str = Recurrence.ONCE
    standard: str = ""
    evidence: str = ""

    def __post_init__(self) -> None:
        self.section = tuple(self.section)  # a list again when it comes back from the token

    @property
    def unchanged(self) -> bool:
        """The draft already holds this item: not imported again."""
        return self.action == Action.UNCHANGED

    @property
    def deadline_label(self) -> str:
        if self.recurrence != Recurrence.ONCE:
            return Recurrence(self.recurrence).label
        return self.deadline.isoformat() if self.deadline else "—"

    @property
    def where(self) -> str:
        return self.source

    @property
    def position(self) -> str:
        return self.source

    @property
    def cells(self) -> tuple[Any, ...]:
        """标题, 任务内容, 牵头领导, 牵头委室, 配合委室, 时限/周期 (the duty pages' `columns`)."""
        co_units = "、".join(self.co_unit_names)
        heading = " / ".join(self.section)
        return heading, self.content, self.leader_name, self.lead_unit_name, co_units, self.deadline_label

    @property
    def action_label(self) -> str:
        return "已在清单中" if self.unchanged else str(self.action)


@dataclass
class DutyPlan(Plan[DutyRow]):
    """The plan of one upload into the year's draft list: its headings (parents first) and its items."""

    year: int = 0
    source: str = ""  # "Excel" / "Word"
    headings: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.headings = [tuple(path) for path in self.headings]

    @property
    def sections(self) -> list[Section]:
        return [Section(path) for path in self.headings]

    @property
    def new_items(self) -> list[DutyRow]:
        return [r for r in self.rows if r.action == Action.CREATE]

    @property
    def heading(self) -> str:
        return f"预览：{self.year}年责任清单（{self.source}导入）"

    @property
    def counts(self) -> dict[Any, int]:
        return super().counts | {"sections": len(self.headings), "rows": len(self.rows)}

    def summary(self) -> str:
        level1 = sum(1 for path in self.headings if len(path) == 1)
        tasks = sum(1 + len(i.co_unit_ids) for i in self.new_items)
        unchanged = self.count(Action.UNCHANGED)
        return (
            f"共 {len(self.rows)} 项：一级标题 {level1} 个、二级标题 {len(self.headings) - level1} 个，"
            f"将导入 {len(self.new_items)} 项（分解为 {tasks} 项委室任务），已在清单中 {unchanged} 项，"
            f"有问题 {len(self.error_rows)} 项"
        )


def headings_of(rows: list[DutyRow]) -> list[Path]:
    """The headings the rows stand under, parents first, in the order the file names them."""
    paths: list[Path] = []
    for row in rows:
        for depth in range(1, len(row.section) + 1):
            if row.section[:depth] not in paths:
                paths.append(row.section[:depth])
    return paths


@dataclass
class DutyResult(Result[DutyRow]):
    """What an apply wrote; while it writes, the draft list, its sections by path, its items and their order."""

    duty_list: DutyList | None = None
    sections: dict[Path, DutySection] = field(default_factory=dict)
    existing: set[str] = field(default_factory=set)
    order: int = 0

    @property
    def sections_created(self) -> int:
        return self.tally["sections"]

    @property
    def items_created(self) -> int:
        return self.created

    @property
    def tasks_created(self) -> int:
        return self.tally["tasks"]

    def summary(self) -> str:
        return (
            f"导入完成：新增标题 {self.sections_created} 个、事项 {self.items_created} 项"
            f"（委室任务 {self.tasks_created} 项），已在清单中未重复导入 {self.unchanged} 项"
        )
