"""Which standard applies to a spending: the table in force on the day of the spending, most specific first.

`StandardBook.load(organ_id)` reads every live table the organ may use (central, provincial, city, its own) in
two queries; `book.find(kind, on, *keys)` then answers in memory, so a run over a year of vouchers costs the
same two queries. Order of preference on a date: 本机关 > 市 > 省 > 中央, then the latest effective date; the
first table *that has a row for the keys* answers — a city table that lists only its own province's cities
leaves a trip to Beijing to the central table. Within a table an exact key beats "*".

`find` returning None is a fact the rules report ("没有适用的标准"), never "within limits".
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from qinglian.compliance.choices import JURISDICTION_RANK
from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.standards.specs import ANY, SPECS

_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


@functools.lru_cache(maxsize=4096)
def norm_key(value: str) -> str:
    """A key as compared: no spaces, full-width letters and digits folded, and a place's 市/省 suffix dropped, so
    "杭州"、"杭州市"、" 杭州市 " are one city. Cached: a run asks for the same few places thousands of times."""
    text = "".join(str(value or "").split()).translate(_FULL_WIDTH)
    for suffix in ("市", "省", "自治区", "特别行政区"):
        if len(text) > len(suffix) + 1 and text.endswith(suffix):
            return text[: -len(suffix)]
    return text


@functools.lru_cache(maxsize=8)
def _patterns(width: int) -> tuple[tuple[bool, ...], ...]:
    """Which keys to replace by "*", in the order tried: the fewest first; among as many, the earlier keys exact
    (a province's "其他地区" before any province)."""
    return tuple(sorted(itertools.product((False, True), repeat=width), key=lambda m: (sum(m), m)))


@dataclass(frozen=True)
class Standard:
    """One row of one table, with where it comes from (for a finding's reason and the report)."""

    kind: str
    keys: tuple[str, ...]
    values: dict[str, Any]
    table_id: int
    table_title: str
    jurisdiction: str
    doc_no: str
    source: str
    confidence: str
    effective_from: dt.date
    effective_to: dt.date | None

    def amount(self, name: str) -> Decimal | None:
        raw = self.values.get(name)
        if raw in (None, ""):
            return None
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            return None

    def number(self, name: str) -> int | None:
        value = self.amount(name)
        return None if value is None else int(value)

    def text(self, name: str) -> str:
        return str(self.values.get(name) or "")

    @property
    def cited(self) -> str:
        """How a reason names it: 《title》（doc_no）, with 待核实 on an unconfirmed example table."""
        doc = f"（{self.doc_no}）" if self.doc_no else ""
        flag = "（示例标准，待核实）" if self.confidence == "unconfirmed" else ""
        return f"《{self.table_title}》{doc}{flag}"


@dataclass
class _Table:
    table: StandardTable
    rows: dict[tuple[str, ...], dict[str, Any]]

    def in_force(self, on: dt.date) -> bool:
        t = self.table
        return t.effective_from <= on and (t.effective_to is None or on <= t.effective_to)

    def match(self, keys: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, Any]] | None:
        for mask in _patterns(len(keys)):
            combo = tuple(ANY if wild else k for k, wild in zip(keys, mask, strict=True))
            row = self.rows.get(combo)
            if row is not None:
                return combo, row
        return None


class StandardBook:
    def __init__(self, tables: list[_Table]) -> None:
        self._by_kind: dict[str, list[_Table]] = defaultdict(list)
        for t in tables:
            self._by_kind[t.table.kind].append(t)
        for kind_tables in self._by_kind.values():
            kind_tables.sort(
                key=lambda t: (JURISDICTION_RANK[t.table.jurisdiction], -t.table.effective_from.toordinal())
            )

    @classmethod
    def load(cls, organ_id: int, kinds: list[str] | None = None) -> StandardBook:
        tables = StandardTable.objects.for_organ(organ_id)
        if kinds is not None:
            tables = tables.filter(kind__in=kinds)
        by_id = {t.pk: _Table(t, {}) for t in tables}
        for row in StandardRow.objects.filter(table_id__in=list(by_id)).values(
            "table_id", "key_a", "key_b", "key_c", "values"
        ):
            table = by_id[row["table_id"]]
            width = len(SPECS[table.table.kind].keys)
            keys = tuple(norm_key(row[k]) for k in ("key_a", "key_b", "key_c")[:width])
            table.rows[keys] = row["values"]
        return cls(list(by_id.values()))

    def find(self, kind: str, on: dt.date, *keys: str) -> Standard | None:
        """The standard for `keys` (in the spec's order) in force on `on`, or None when no table in force has a row
        for them."""
        wanted = tuple(norm_key(k) for k in keys)
        for t in self._by_kind.get(kind, ()):
            if not t.in_force(on):
                continue
            hit = t.match(wanted)
            if hit is not None:
                matched, values = hit
                table = t.table
                return Standard(
                    kind=kind,
                    keys=matched,
                    values=values,
                    table_id=table.pk,
                    table_title=table.title,
                    jurisdiction=table.jurisdiction,
                    doc_no=table.doc_no,
                    source=table.source,
                    confidence=table.confidence,
                    effective_from=table.effective_from,
                    effective_to=table.effective_to,
                )
        return None
