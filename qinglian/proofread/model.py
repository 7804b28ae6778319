"""Core value types of the proofreading engine: Issue, Category, Severity, Options, DocxReport."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Category(str, Enum):
    """The six checking categories (the "关" an editor goes through)."""

    POLITICAL = "政治"
    FACT = "事实"
    FORMAT = "格式"
    WORDING = "文字"
    PUNCTUATION = "标点"
    NUMBER = "数字"


# A finding this sure is an error; below it, a suggestion. Tuned on the development sets only.
HIGH_CONFIDENCE = 0.8


class Severity(str, Enum):
    """错误 = violates a standard or fixed wording; 建议 = worth a look, may be fine."""

    ERROR = "错误"
    SUGGESTION = "建议"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1

    @classmethod
    def parse(cls, value: Severity | str) -> Severity:
        if isinstance(value, Severity):
            return value
        for member in cls:
            if value in (member.value, member.name, member.name.lower()):
                return member
        raise ValueError(f"未知的严重程度：{value}")


@dataclass(frozen=True)
class Issue:
    """One finding. Offsets index the plain text handed to (or extracted by) the engine."""

    start: int
    end: int
    category: Category
    severity: Severity
    message: str
    suggestion: str | None
    rule: str
    basis: str
    text: str = ""
    paragraph: int | None = None
    run: int | None = None
    # How sure the check is (0–1). Only findings at or above HIGH_CONFIDENCE are errors; the rest
    # are suggestions, which the page and the API fold away by default.
    confidence: float = 1.0
    # The knowledge-base entry the finding came from (e.g. "tf-0123"), so a user can judge it.
    entry: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "rule": self.rule,
            "basis": self.basis,
            "paragraph": self.paragraph,
            "run": self.run,
            "confidence": self.confidence,
            "entry": self.entry,
        }


def _freeze_map(value: Mapping[str, Any] | Iterable[tuple[str, Any]] | None) -> tuple[tuple[str, Any], ...]:
    if not value:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


@dataclass(frozen=True)
class Options:
    """Per-call settings. Plain data so that an organ's profile can come from JSON or a DB row.

    extra_terms: organ-specific wrong→right pairs (e.g. an old name of the organ → its name).
    banned_words: words that must not appear, mapped to a replacement or None.
    whitelist: phrases that are never flagged (issues lying inside them are dropped).
    The mappings are frozen into sorted tuples so that Options is hashable and the
    automata built from it can be cached.
    """

    extra_terms: Any = ()
    banned_words: Any = ()
    whitelist: Any = ()
    min_severity: Severity | str = Severity.SUGGESTION
    disabled_rules: Any = ()
    categories: Any = ()
    typo_layer: bool = True
    today: _dt.date | None = None
    # The document's own date (成文日期). When None, the engine takes it from the text's date line,
    # else today: a body renamed after that date is not an error in that document.
    document_date: _dt.date | None = None
    max_text_chars: int = 5_000_000
    max_file_bytes: int = 50 * 1024 * 1024
    max_docx_uncompressed: int = 200 * 1024 * 1024
    max_zip_ratio: float = 100.0
    max_zip_entries: int = 5_000
    max_issues_per_rule: int = 200

    def __post_init__(self) -> None:
        banned = self.banned_words
        if (banned and not isinstance(banned, Mapping) and not isinstance(banned, tuple)) or (
            isinstance(banned, tuple) and banned and isinstance(banned[0], str)
        ):
            banned = {w: None for w in banned}
        object.__setattr__(self, "extra_terms", _freeze_map(self.extra_terms))
        object.__setattr__(self, "banned_words", _freeze_map(banned))
        object.__setattr__(self, "whitelist", tuple(sorted(set(self.whitelist or ()))))
        object.__setattr__(self, "min_severity", Severity.parse(self.min_severity))
        object.__setattr__(self, "disabled_rules", frozenset(self.disabled_rules or ()))
        object.__setattr__(self, "categories", frozenset(Category(c) for c in (self.categories or ())))

    @property
    def reference_date(self) -> _dt.date:
        return self.document_date or self.today or _dt.date.today()


DEFAULT_OPTIONS = Options()


@dataclass(frozen=True)
class DocxReport:
    """Result of check_docx: the extracted plain text, its paragraphs and the issues."""

    text: str
    paragraphs: tuple[str, ...]
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)
