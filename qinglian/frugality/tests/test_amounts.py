"""Amounts as people and finance exports write them: read to the fen, or refused with a Chinese reason."""

from decimal import Decimal

import pytest

from qinglian.frugality.amounts import AmountError, parse_amount


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,280.50", "1280.50"),
        ("1280.5元", "1280.50"),
        ("０.３万元", "3000.00"),
        ("￥2 000", "2000.00"),
        ("１２３４", "1234.00"),
        ("1，234.5", "1234.50"),
        ("0.12345万元", "1234.50"),
        (1280.5, "1280.50"),
        (Decimal("12"), "12.00"),
        ("  ", None),
        (None, None),
    ],
)
def test_amounts_read(raw, expected):
    result = parse_amount(raw)
    assert result == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("一千元", "无法识别"),
        ("12.3.4", "无法识别"),
        ("1,2万元x", "无法识别"),
        ("-5", "负数"),
        ("1280.555", "两位小数"),
        ("99999999999", "过大"),
        (True, "是/否"),
        ("12 34 56元 7", "无法识别"),
    ],
)
def test_bad_amounts_are_refused_in_chinese(raw, says):
    with pytest.raises(AmountError, match=says):
        parse_amount(raw)


def test_a_refund_line_may_be_negative_when_allowed():
    assert parse_amount("-5", allow_negative=True) == Decimal("-5.00")
