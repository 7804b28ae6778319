"""Reads of the standard tables: the list by kind, one table with its rows and its other versions, and which table
and row applies on a date (the same `StandardBook` the rules use, with the reason each other table did not answer).

Every business account reads the central, provincial and city tables and its own organ's (querysets.visible_to);
administrators and accounts without a business grant read none. A retired version stays readable here (its
history is the point of keeping it); `permissions.access_standard_table` still refuses to write it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from qinglian.compliance.choices import JURISDICTION_RANK, Confidence
from qinglian.core.errors import Forbidden, InvalidInput, NotFound
from qinglian.frugality.choices import StandardKind
from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.standards.cells import CellError, key_text, read_key, value_cell, value_text
from qinglian.frugality.standards.lookup import Standard, StandardBook
from qinglian.frugality.standards.specs import ANY, SPECS, TableSpec
from qinglian.org.scope import scope_of

NOT_YOURS = "无权查看经费标准表"
KIND_ORDER = Case(
    *(When(kind=kind, then=Value(i)) for i, kind in enumerate(StandardKind.values)), output_field=IntegerField()
)
RANK_ORDER = Case(
    *(When(jurisdiction=j, then=Value(3 - rank)) for j, rank in JURISDICTION_RANK.items()), output_field=IntegerField()
)


def readable(user: Any) -> bool:
    return scope_of(user).is_business and scope_of(user).organ_id is not None


def require_reader(user: Any) -> None:
    """Forbidden for an account that reads no table (administrators, accounts without a business grant)."""
    if not readable(user):
        raise Forbidden(NOT_YOURS)


def on_record(user: Any) -> QuerySet[StandardTable]:
    """Every version `user` may read, retired ones included: the published tables and the organ's own."""
    scope = scope_of(user)
    if not readable(user):
        return StandardTable.objects.none()
    return StandardTable.objects.filter(Q(organ__isnull=True) | Q(organ_id=scope.organ_id))


def table_list(
    user: Any,
    *,
    kind: str = "",
    jurisdiction: str = "",
    year: int | None = None,
    text: str = "",
    retired: bool = False,
) -> QuerySet[StandardTable]:
    """Tables by kind (the kinds' order), then the most specific jurisdiction, the latest version first. `year`:
    in force on some day of that year."""
    require_reader(user)
    tables = on_record(user) if retired else on_record(user).filter(retired_at__isnull=True)
    if kind:
        tables = tables.filter(kind=kind)
    if jurisdiction:
        tables = tables.filter(jurisdiction=jurisdiction)
    if year:
        tables = tables.filter(effective_from__lte=dt.date(year, 12, 31)).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=dt.date(year, 1, 1))
        )
    if text:
        tables = tables.filter(Q(title__icontains=text) | Q(doc_no__icontains=text) | Q(source__icontains=text))
    return (
        tables.select_related("organ", "created_by")
        .annotate(row_count=Count("rows"), kind_order=KIND_ORDER, rank_order=RANK_ORDER)
        .order_by("kind_order", "rank_order", "-effective_from", "pk")
    )


def table_for(user: Any, pk: Any) -> StandardTable:
    """One version `user` may read (retired too); NotFound otherwise."""
    try:
        return on_record(user).select_related("organ", "created_by").get(pk=pk)
    except (StandardTable.DoesNotExist, ValueError, TypeError):
        raise NotFound("标准表不存在或无权查看") from None


@dataclass(frozen=True)
class RowView:
    """One row as a page and the API show it: keys by label, values as text with units."""

    keys: tuple[str, ...]
    key_labels: tuple[str, ...]
    values: dict[str, str]
    cells: tuple[str, ...]  # every value of the spec, in order, without its unit ("—" when empty)
    labelled: tuple[tuple[str, str], ...]  # (header, text with unit) of the values filled in


def _row_view(spec: TableSpec, keys: tuple[str, ...], values: dict[str, Any]) -> RowView:
    cells = (value_cell(v, values.get(v.name)) for v in spec.values)
    return RowView(
        keys=keys,
        key_labels=tuple(k.label(v) for k, v in zip(spec.keys, keys, strict=False)),
        values=values,
        cells=tuple("—" if cell is None else str(cell) for cell in cells),
        labelled=tuple((v.header, value_text(v, values[v.name])) for v in spec.values if v.name in values),
    )


def table_rows(table: StandardTable) -> list[RowView]:
    spec = SPECS[table.kind]
    width = len(spec.keys)
    return [
        _row_view(spec, (row.key_a, row.key_b, row.key_c)[:width], row.values)
        for row in StandardRow.objects.filter(table=table).order_by("position", "pk")
    ]


def versions_of(user: Any, table: StandardTable) -> QuerySet[StandardTable]:
    """Every version of the same kind, jurisdiction and organ (this one too), newest first, retired ones too."""
    return (
        on_record(user)
        .filter(kind=table.kind, jurisdiction=table.jurisdiction, organ_id=table.organ_id)
        .annotate(row_count=Count("rows"))
        .order_by("-effective_from", "-pk")
    )


def unconfirmed_in_force(user: Any, on: dt.date) -> list[StandardTable]:
    """Example tables (待核实) in force on `on` that the rules would read: the finance officer's to replace."""
    return list(
        StandardTable.objects.visible_to(user)
        .filter(confidence=Confidence.UNCONFIRMED, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("kind", "pk")
    )


# --- which table and row apply on a date --------------------------------------------------------------------------


@dataclass
class Considered:
    """A table of the kind in the order the lookup tries them, and what it said."""

    table: StandardTable
    status: str
    used: bool = False


@dataclass
class KindAnswer:
    spec: TableSpec
    keys: tuple[str, ...] | None  # None: the keys were not all given
    missing: list[str] = field(default_factory=list)
    standard: Standard | None = None
    row: RowView | None = None
    considered: list[Considered] = field(default_factory=list)

    @property
    def keys_text(self) -> str:
        return key_text(self.spec, self.keys) if self.keys else ""


def _keys_for(spec: TableSpec, facts: dict[str, str]) -> tuple[tuple[str, ...] | None, list[str]]:
    """The kind's keys from the facts given; a blank wildcard key means 其他 ("*")."""
    keys, missing = [], []
    for key in spec.keys:
        value = (facts.get(key.name) or "").strip()
        if not value and key.wildcard:
            value = ANY
        # 四类 is a meeting's category, not a course's: a fact the kind does not have is not one of its keys.
        if not value or (key.choices and value != ANY and value not in dict(key.choices)):
            missing.append(key.header)
        keys.append(value)
    return (None, missing) if missing else (tuple(keys), [])


def _in_force(table: StandardTable, on: dt.date) -> bool:
    return table.effective_from <= on and (table.effective_to is None or on <= table.effective_to)


def _considered(tables: list[StandardTable], on: dt.date, answer: Standard | None, asked: bool) -> list[Considered]:
    """Each table's part, derived from the lookup's order: before the table that answered, a table in force has no
    row for the keys; after it, it is less specific (or older)."""
    rows, answered = [], False
    for table in tables:
        if not _in_force(table, on):
            end = table.effective_to or "长期"
            rows.append(Considered(table, f"{on}不在生效期间（{table.effective_from}至{end}）"))
        elif answer is not None and table.pk == answer.table_id:
            rows.append(Considered(table, "适用：层级最具体、生效中且列有该项", used=True))
            answered = True
        elif answered:
            rows.append(Considered(table, "生效中，但层级或生效日期在适用的表之后"))
        else:
            rows.append(Considered(table, "生效中，但没有该项的标准" if asked else "生效中"))
    return rows


def in_force_on(user: Any, on: dt.date, facts: dict[str, str], kinds: list[str] | None = None) -> list[KindAnswer]:
    """Per kind: the tables in the order the lookup tries them on `on`, and — when the facts give the kind's keys —
    the standard that applies (None is a fact: no standard for those keys)."""
    require_reader(user)
    organ_id = scope_of(user).organ_id
    book = StandardBook.load(organ_id, kinds)
    live = StandardTable.objects.for_organ(organ_id).select_related("organ")
    tables = list(live.filter(kind__in=kinds) if kinds else live)
    tables.sort(key=lambda t: (JURISDICTION_RANK[t.jurisdiction], -t.effective_from.toordinal()))
    answers = []
    for kind in kinds or list(SPECS):
        spec = SPECS[kind]
        keys, missing = _keys_for(spec, facts)
        answer = KindAnswer(spec, keys, missing)
        if keys is not None:
            answer.standard = book.find(kind, on, *keys)
            if answer.standard is not None:
                answer.row = _row_view(spec, answer.standard.keys, answer.standard.values)
        of_kind = [t for t in tables if t.kind == kind]
        answer.considered = _considered(of_kind, on, answer.standard, keys is not None)
        answers.append(answer)
    return answers


def lookup(user: Any, kind: str, on: dt.date, raw_keys: list[str]) -> Standard:
    """The standard for `raw_keys` (codes or labels, in the spec's order; a blank wildcard key is 其他) on `on`, as
    the rules find it. InvalidInput for keys the kind does not have; NotFound when no table in force has a row."""
    require_reader(user)
    spec = SPECS[kind]
    if len(raw_keys) > len(spec.keys):
        raise InvalidInput(f"{spec.label}只有{len(spec.keys)}个键：{'、'.join(k.header for k in spec.keys)}")
    keys = []
    for index, key in enumerate(spec.keys):
        raw = raw_keys[index].strip() if index < len(raw_keys) else ""
        if not raw and key.wildcard:
            keys.append(ANY)
            continue
        try:
            keys.append(read_key(key, raw))
        except CellError as exc:
            raise InvalidInput(f"{key.header}：{exc.message}") from None
    found = StandardBook.load(scope_of(user).organ_id, [kind]).find(kind, on, *keys)
    if found is None:
        raise NotFound(f"没有适用的{spec.label}标准（{key_text(spec, keys)}），请财务核实")
    return found
