"""Amounts as finance exports and people write them: "1,280.50", "1280.5元", "０.３万元", "￥2 000" — read to the
fen, or refused with a Chinese reason that says what was wrong (never guessed, never silently zero)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")  # the ledgers' columns: 12 digits, 2 after the point
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFFE5: 0xA5}
_UNITS = (("万元", Decimal(10000)), ("万", Decimal(10000)), ("元", Decimal(1)))
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class AmountError(ValueError):
    """The Chinese reason an amount was refused."""


def parse_amount(raw: Any, *, allow_negative: bool = False) -> Decimal | None:
    """The amount in yuan, to the fen (half up), or None for an empty cell. Refuses words, two numbers, a negative
    amount (unless allowed: a refund line), more than two decimals once in yuan, and sums too large to store."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise AmountError("金额不能是“是/否”")
    if isinstance(raw, int | float | Decimal):
        value = Decimal(str(raw))
    else:
        text = str(raw).translate(_FULL_WIDTH).strip()
        if not text:
            return None
        text = text.replace("¥", "").replace("￥", "").replace("RMB", "").replace("人民币", "")
        text = re.sub(r"[\s,，_']", "", text)
        scale = Decimal(1)
        for unit, factor in _UNITS:
            if text.endswith(unit):
                text, scale = text[: -len(unit)], factor
                break
        if not _NUMBER.fullmatch(text):
            raise AmountError(f"金额“{str(raw).strip()}”无法识别，请填写数字，如 1280.50 或 0.3万元")
        try:
            value = Decimal(text) * scale
        except InvalidOperation:
            raise AmountError(f"金额“{str(raw).strip()}”无法识别") from None
    if not value.is_finite():
        raise AmountError("金额无法识别")
    if value < 0 and not allow_negative:
        raise AmountError("金额不能为负数")
    if abs(value) > MAX_AMOUNT:
        raise AmountError("金额过大，请核对单位（元/万元）")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise AmountError(f"金额“{str(raw).strip()}”折合元后超过两位小数（分），请核对")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
