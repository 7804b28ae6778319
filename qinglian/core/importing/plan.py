"""What a parse produces (a plan: one judged row per sheet row) and what an apply reports (a result)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

Mode = Literal["all", "valid_only"]
MODES: dict[str, str] = {"all": "全部成功才导入", "valid_only": "仅导入无误的行"}


class Action(StrEnum):
    CREATE = "新增"
    UPDATE = "更新"
    UNCHANGED = "无变化"
    ERROR = "错误"


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class RowPlan:
    """What one row of the file will do. `values` are what the ledger's `write` needs (model instances for
    foreign keys); a ledger may subclass this to carry more (agenda, attendance, co-signers …)."""

    row: int  # the Excel row number, as the person fixing the file sees it
    name: str  # what the row is, shown on the page: a person's name, "2024-03-15 支部党员大会 …"
    action: Action = Action.ERROR
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, problem in Chinese)
    notes: list[str] = field(default_factory=list)  # warnings that do not stop the row
    changes: list[Change] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.action == Action.ERROR

    @property
    def detail(self) -> str:
        """One line the preview shows for a valid row (besides its changes); a ledger may say more."""
        return ""

    @property
    def where(self) -> str:
        """Where the row is in the file, in messages: "第5行" (a ledger read from a document says "第12段")."""
        return f"第{self.row}行"

    @property
    def position(self) -> str:
        """The first column of the page's rows table (`ImportPage.row_header`)."""
        return str(self.row)

    @property
    def cells(self) -> tuple[Any, ...]:
        """The page's columns between the position and the result (`ImportPage.columns`): the row's name."""
        return (self.name,)

    @property
    def action_label(self) -> str:
        """The result badge; a ledger may word it its own way ("已在清单中" for 无变化)."""
        return str(self.action)


def _tally(phrases: dict[Action, str], counts: dict[Action, int]) -> str:
    return "，".join(phrase.format(counts.get(action, 0)) for action, phrase in phrases.items())


R = TypeVar("R", bound=RowPlan)


@dataclass
class Plan(Generic[R]):
    """Every judged row of one upload. `phrases` word the counts ("新增 {} 人"), from the ledger's import."""

    organ: Any
    rows: list[R]
    phrases: dict[Action, str]
    headers: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # warnings about the whole file ("文档中的表格未导入")

    @property
    def error_rows(self) -> list[R]:
        return [r for r in self.rows if r.is_error]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_rows)

    @property
    def counts(self) -> dict[Any, int]:
        """Rows per action; a ledger's plan may add figures of its own (the preview's `ImportPage.preview_counts`)."""
        return {action: sum(1 for r in self.rows if r.action == action) for action in Action}

    def count(self, action: Action) -> int:
        return self.counts[action]

    def summary(self) -> str:
        errors = self.count(Action.ERROR)
        return f"共 {len(self.rows)} 行：{_tally(self.phrases, self.counts)}，有问题 {errors} 行"


@dataclass
class Result(Generic[R]):
    """What an apply wrote: rows as they ended (a row a service refused becomes an error row), and counts."""

    mode: Mode
    phrases: dict[Action, str]
    rows: list[R] = field(default_factory=list)
    tally: Counter = field(default_factory=Counter)  # Action → rows; a ledger may count more ("assigned")

    @property
    def created(self) -> int:
        return self.tally[Action.CREATE]

    @property
    def updated(self) -> int:
        return self.tally[Action.UPDATE]

    @property
    def unchanged(self) -> int:
        return self.tally[Action.UNCHANGED]

    @property
    def skipped(self) -> int:
        return self.tally[Action.ERROR]

    @property
    def error_rows(self) -> list[R]:
        return [r for r in self.rows if r.is_error]

    def summary(self) -> str:
        return f"导入完成：{_tally(self.phrases, self.tally)}，跳过 {self.skipped} 行（有问题，未导入）"
