"""Checks for identity numbers and phone numbers as the organ writes them."""

from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def id_number_problem(value: str) -> str | None:
    """Why an 18-digit 居民身份证号码 (GB 11643-1999) is wrong, or None when it is well formed."""
    text = value.strip().upper()
    if not _ID_RE.match(text):
        return "应为18位，前17位为数字，末位为数字或X"
    if birth_date_from_id(text) is None:
        return "出生日期段无效"
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS, strict=True))
    if _CHECK[total % 11] != text[17]:
        return "校验码不正确"
    return None


def birth_date_from_id(value: str) -> dt.date | None:
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def gender_from_id(value: str) -> str:
    return "male" if int(value[16]) % 2 else "female"


def with_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + _CHECK[total % 11]


def phone_problem(value: str) -> str | None:
    if value and not _PHONE_RE.match(value.strip()):
        return "手机号码应为11位，或区号-号码"
    return None
