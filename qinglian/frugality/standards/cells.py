"""A standard table's cells as people type them and as the table keeps them, both ways, from the kind's spec.

Read (an Excel import, a shipped JSON file, an API lookup): a choice key or value by its Chinese label or its code,
"*" (or 其他/不区分) only where the spec allows a wildcard, amounts through `parse_amount` (元, 万元, commas,
full-width digits), whole numbers where the spec says int. Kept: choice codes, "*", place names as typed, decimals
as plain strings without trailing zeros ("800", "1.6"), so an exported table re-imports as the same rows.
Written back (pages, Excel): labels for choices, numbers as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from qinglian.core.importing.base import cell_text
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.standards.lookup import norm_key
from qinglian.frugality.standards.specs import ANY, KeySpec, TableSpec, ValueSpec

KEY_MAX = 60  # StandardRow.key_a/b/c
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
WILDCARD_WORDS = frozenset({ANY, "其他", "其他地区", "其他（不区分）", "不区分"})
_MONTHS = re.compile(r"^\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*$")


class CellError(ValueError):
    """Why a cell was refused, in Chinese (the column is named by the caller)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanRow:
    """One row as the table keeps it: keys in the spec's order, values by name (only those filled in)."""

    keys: tuple[str, ...]
    values: dict[str, str]

    @property
    def match_keys(self) -> tuple[str, ...]:
        """The keys as the lookup compares them: two rows with these equal are the same row."""
        return tuple(norm_key(k) for k in self.keys)


def _choice(text: str, choices: tuple[tuple[str, str], ...], header: str) -> str:
    for value, label in choices:
        if text in (value, label):
            return value
    raise CellError(f"“{text}”不是有效的{header}，可选：{'、'.join(label for _, label in choices)}")


def read_key(spec: KeySpec, raw: Any) -> str:
    """A key as kept: a choice's code, "*", or a place name as typed (trimmed)."""
    text = cell_text(raw)
    if not text:
        raise CellError("必填" + ("；其他地区（不区分）填“*”" if spec.wildcard else ""))
    if text.translate(_FULL_WIDTH) in WILDCARD_WORDS:
        if not spec.wildcard:
            raise CellError(f"{spec.header}不能填“*”，请逐项填写")
        return ANY
    if spec.choices:
        return _choice(text, spec.choices, spec.header)
    if len(text) > KEY_MAX:
        raise CellError(f"过长，最多{KEY_MAX}个字")
    return text


def plain(value: Decimal) -> str:
    """A decimal as kept: no exponent, no trailing zeros ("800.00" → "800", "1.60" → "1.6")."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _months(text: str) -> str:
    """旺季月份 as kept: "7-9" or "1,2,12" (full-width and Chinese separators folded), each month 1–12."""
    folded = text.translate(_FULL_WIDTH).replace("、", ",").replace("～", "-").replace("~", "-").replace("至", "-")
    folded = re.sub(r"\s|月", "", folded)
    if not _MONTHS.fullmatch(folded) or not all(1 <= int(m) <= 12 for m in re.findall(r"\d+", folded)):
        raise CellError(f"“{text}”无法识别，请写作 7-9 或 1,2,12（月份1至12）")
    return folded


def read_value(spec: ValueSpec, raw: Any) -> str | None:
    """A value as kept, or None for an empty cell."""
    if spec.kind in ("choice", "text"):
        text = cell_text(raw)
        if not text:
            return None
        return _choice(text, spec.choices, spec.header) if spec.kind == "choice" else _months(text)
    try:
        amount = parse_amount(raw)
    except AmountError as exc:
        raise CellError(str(exc)) from None
    if amount is None:
        return None
    if spec.kind == "int" and amount != amount.to_integral_value():
        raise CellError("应为整数")
    return plain(amount)


def clean_row(
    spec: TableSpec, keys: Sequence[Any], values: Mapping[str, Any]
) -> tuple[CleanRow | None, list[tuple[str, str]]]:
    """The row as kept, or None and every problem as (列, 问题)."""
    errors: list[tuple[str, str]] = []
    if len(keys) != len(spec.keys):
        headers = "、".join(k.header for k in spec.keys)
        return None, [("键", f"{spec.label}须填写{len(spec.keys)}个键：{headers}")]
    unknown = sorted(set(values) - {v.name for v in spec.values})
    if unknown:
        errors.append(("标准值", f"{spec.label}没有这些标准值：{'、'.join(unknown)}"))
    kept_keys: list[str] = []
    for key_spec, raw in zip(spec.keys, keys, strict=True):
        try:
            kept_keys.append(read_key(key_spec, raw))
        except CellError as exc:
            errors.append((key_spec.header, exc.message))
    kept: dict[str, str] = {}
    for value_spec in spec.values:
        try:
            value = read_value(value_spec, values.get(value_spec.name))
        except CellError as exc:
            errors.append((value_spec.header, exc.message))
            continue
        if value is None:
            if value_spec.required:
                errors.append((value_spec.header, "必填"))
        else:
            kept[value_spec.name] = value
    seasonal = {"peak_cap", "peak_months"} <= {v.name for v in spec.values}
    if seasonal and ("peak_cap" in kept) != ("peak_months" in kept):
        errors.append((spec.value("peak_months").header, "旺季上浮后限额和旺季月份须同时填写"))
    if errors:
        return None, errors
    return CleanRow(tuple(kept_keys), kept), []


def duplicates(rows: Sequence[CleanRow | None]) -> dict[int, int]:
    """Index of each row whose keys repeat an earlier row's → the earlier row's index (rows that failed: None)."""
    first: dict[tuple[str, ...], int] = {}
    repeated: dict[int, int] = {}
    for index, row in enumerate(rows):
        if row is None:
            continue
        earlier = first.setdefault(row.match_keys, index)
        if earlier != index:
            repeated[index] = earlier
    return repeated


# --- written back ------------------------------------------------------------------------------------------------


def key_text(spec: TableSpec, keys: Sequence[str]) -> str:
    """The keys as a reason names them: "浙江/杭州/其他人员"."""
    return "/".join(key_spec.label(k) if k else "（空）" for key_spec, k in zip(spec.keys, keys, strict=False))


def key_cell(spec: KeySpec, value: str) -> str:
    """A key in an export: "*" as typed, a choice by its label."""
    return value if value == ANY else spec.label(value)


def value_cell(spec: ValueSpec, raw: Any) -> Any:
    """A value in an export: numbers as numbers (a sheet sums them), a choice by its label."""
    if raw in (None, ""):
        return None
    if spec.kind == "choice":
        return dict(spec.choices).get(str(raw), str(raw))
    if spec.kind == "text":
        return str(raw)
    number = Decimal(str(raw))
    return int(number) if spec.kind == "int" or number == number.to_integral_value() else number


def value_text(spec: ValueSpec, raw: Any) -> str:
    """A value on a page: "800 元/人·天", a choice's label, "—" when empty."""
    cell = value_cell(spec, raw)
    if cell is None:
        return "—"
    unit = spec.unit if spec.kind in ("decimal", "int") else ""
    return f"{cell} {unit}".strip()
