"""Writes of the standard tables (标准表): a new version imported whole, a version ended, a version retired.

A table is never edited in place: when the province or the city publishes a new table, the finance officer gives the
old version its end date and imports the new one (all its rows at once, or nothing). A version entered by mistake is
retired with a reason; it stays in the table's history and in the audit log. The finance officer (财务专责人员) keeps
every jurisdiction's tables — central, provincial and city ones are transcribed from their published documents — and
each write records who made it (created_by, history, audit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from qinglian.audit.services import audit_record
from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.permissions import can_keep_standards
from qinglian.frugality.standards.cells import CleanRow, clean_row, duplicates, key_text
from qinglian.frugality.standards.specs import SPECS, TableSpec
from qinglian.org.scope import scope_of

KEEPERS_ONLY = "只有财务专责人员可以维护经费标准表"
MAX_ROWS = 2000
_LIMITS = {"title": ("标准名称", 200), "doc_no": ("文号", 80), "source": ("依据", 300), "note": ("说明", 500)}


@dataclass(frozen=True)
class RowIn:
    """One row as typed: keys in the spec's order, values by name; `line` is where it was (an Excel row)."""

    keys: tuple[Any, ...]
    values: Mapping[str, Any] = field(default_factory=dict)
    line: int = 0

    @property
    def where(self) -> str:
        return f"第{self.line}行"


def _require_keeper(by: Any) -> None:
    if not can_keep_standards(by):
        raise Forbidden(KEEPERS_ONLY)


def _overlapping(*, kind: str, jurisdiction: str, organ_id: int | None, start: dt.date, end: dt.date | None):
    """Live versions of the same kind, jurisdiction and organ whose period meets [start, end]."""
    return (
        StandardTable.objects.live()
        .filter(kind=kind, jurisdiction=jurisdiction, organ_id=organ_id, effective_from__lte=end or dt.date.max)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
    )


def _refuse_overlap(tables) -> None:
    clash = tables.order_by("effective_from").first()
    if clash is not None:
        raise InvalidInput(
            f"与已有标准表（{clash.effective_from}至{clash.effective_to or '长期'}）生效期间重叠，"
            "请先为旧表设置失效日期"
        )


def check_table_meta(
    *,
    kind: str,
    jurisdiction: str,
    title: str,
    source: str,
    effective_from: dt.date | None,
    by: Any,
    organ: Any = None,
    doc_no: str = "",
    effective_to: dt.date | None = None,
    confidence: str = Confidence.HIGH,
    note: str = "",
) -> None:
    """Refuse a new version on its metadata alone (InvalidInput, Forbidden), before any row is read: who, which kind
    and jurisdiction (本机关 is the importer's own organ), the texts, the period and overlap with a live version."""
    _require_keeper(by)
    if kind not in SPECS:
        raise InvalidInput("请选择标准类别")
    if jurisdiction not in Jurisdiction.values:
        raise InvalidInput("制定层级不正确")
    if (jurisdiction == Jurisdiction.ORGAN) != (organ is not None):
        raise InvalidInput("“本机关”层级的标准表须指定本机关，中央、省级、市级标准表不指定机关")
    if organ is not None and organ.pk != scope_of(by).organ_id:
        raise Forbidden("只能导入本机关的标准表")
    if confidence not in Confidence.values:
        raise InvalidInput("可信度不正确")
    texts = {"title": title, "doc_no": doc_no, "source": source, "note": note}
    for name, value in texts.items():
        label, limit = _LIMITS[name]
        if len(value.strip()) > limit:
            raise InvalidInput(f"{label}过长，最多{limit}个字")
    if not title.strip():
        raise InvalidInput("请填写标准名称")
    if not source.strip():
        raise InvalidInput("请填写依据（文件名称和条款）")
    if effective_from is None:
        raise InvalidInput("请填写生效日期")
    if effective_to is not None and effective_to < effective_from:
        raise InvalidInput("失效日期不能早于生效日期")
    organ_id = organ.pk if organ is not None else None
    _refuse_overlap(
        _overlapping(kind=kind, jurisdiction=jurisdiction, organ_id=organ_id, start=effective_from, end=effective_to)
    )


def clean_rows(spec: TableSpec, rows: Sequence[RowIn]) -> list[CleanRow]:
    """Every row as kept, or InvalidInput naming every problem of every row (detail: row, errors)."""
    if not rows:
        raise InvalidInput("标准表没有数据行")
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"标准表超过{MAX_ROWS}行，请核对")
    cleaned: list[CleanRow | None] = []
    problems: dict[int, list[tuple[str, str]]] = {}
    for index, row in enumerate(rows):
        kept, errors = clean_row(spec, row.keys, row.values)
        cleaned.append(kept)
        if errors:
            problems[index] = errors
    for index, earlier in duplicates(cleaned).items():
        keys = key_text(spec, cleaned[index].keys)  # type: ignore[union-attr]
        problems[index] = [("键", f"与{rows[earlier].where}重复（{keys}）")]
    if problems:
        detail = [{"row": rows[i].line, "errors": errors} for i, errors in sorted(problems.items())]
        first = min(problems)
        column, problem = problems[first][0]
        raise InvalidInput(
            f"有 {len(problems)} 行存在问题，未写入任何数据。{rows[first].where} {column}：{problem}", detail=detail
        )
    return [row for row in cleaned if row is not None]


@transaction.atomic
def standard_table_import(
    *,
    kind: str,
    jurisdiction: str,
    title: str,
    source: str,
    effective_from: dt.date,
    rows: Sequence[RowIn],
    by: Any,
    organ: Any = None,
    doc_no: str = "",
    effective_to: dt.date | None = None,
    confidence: str = Confidence.HIGH,
    note: str = "",
) -> StandardTable:
    """A new version of a kind's table with all its rows, or nothing (InvalidInput/Forbidden)."""
    meta = {"doc_no": doc_no.strip(), "effective_to": effective_to, "confidence": confidence, "note": note.strip()}
    check_table_meta(
        kind=kind, jurisdiction=jurisdiction, title=title, source=source, effective_from=effective_from, by=by,
        organ=organ, **meta,
    )  # fmt: skip
    kept = clean_rows(SPECS[kind], rows)
    table = StandardTable(
        kind=kind, jurisdiction=jurisdiction, organ=organ, title=title.strip(), source=source.strip(),
        effective_from=effective_from, created_by=by, **meta,
    )  # fmt: skip
    table._history_user = by
    table._change_reason = "导入标准表"
    table.full_clean()
    table.save()
    for position, row in enumerate(kept):
        line = StandardRow(table=table, values=row.values, position=position)
        line.key_a, line.key_b, line.key_c = (*row.keys, "", "", "")[:3]
        line._history_user = by
        line.save()
    _audit(by, table, "导入标准表", rows=len(kept))
    return table


@transaction.atomic
def standard_table_end(*, table: StandardTable, effective_to: dt.date, by: Any) -> StandardTable:
    """Close a version's period (a new table replaces it from the next day); history keeps the old end."""
    _require_keeper(by)
    if table.retired_at is not None:
        raise InvalidInput("该标准表已作废，不能设置失效日期")
    if effective_to < table.effective_from:
        raise InvalidInput("失效日期不能早于生效日期")
    _refuse_overlap(
        _overlapping(
            kind=table.kind,
            jurisdiction=table.jurisdiction,
            organ_id=table.organ_id,
            start=table.effective_from,
            end=effective_to,
        ).exclude(pk=table.pk)
    )
    table.effective_to = effective_to
    table._history_user = by
    table._change_reason = f"设置失效日期 {effective_to}"
    table.save(update_fields=["effective_to"])
    _audit(by, table, f"设置失效日期 {effective_to}")
    return table


@transaction.atomic
def standard_table_retire(*, table: StandardTable, reason: str, by: Any) -> StandardTable:
    """Withdraw a version entered by mistake: no rule reads it from now on; it stays in history with the reason."""
    _require_keeper(by)
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请填写作废原因")
    if table.retired_at is not None:
        raise InvalidInput("该标准表已作废")
    table.retired_at = clock.now()
    table.note = f"{table.note}（作废：{reason}）"[:500]
    table._history_user = by
    table._change_reason = f"作废：{reason}"
    table.save(update_fields=["retired_at", "note"])
    _audit(by, table, f"作废：{reason}")
    return table


def _audit(by: Any, table: StandardTable, what: str, **more: Any) -> None:
    audit_record(
        action="parameter_changed",
        user=by,
        target=table,
        organ=table.organ,
        target_repr=str(table),
        detail={
            "what": what,
            "kind": table.kind,
            "jurisdiction": table.jurisdiction,
            "title": table.title,
            "doc_no": table.doc_no,
            "effective_from": table.effective_from,
            "effective_to": table.effective_to,
            **more,
        },
    )
