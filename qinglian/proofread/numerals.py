"""Small Chinese-numeral helpers shared by the number, heading and fact checks."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇一二三四五六七八九"


def cn_to_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99, 一百零五 → 105; digit strings 二〇二四 → 2024.
    Full-width digits (１９８０, the print of older documents) read as their value."""
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    if all(c in _DIGITS for c in s) and len(s) > 1 and "十" not in s:
        return int("".join(str(_DIGITS[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in _DIGITS:
            current = _DIGITS[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def int_to_cn(n: int) -> str:
    """1..999 as ordinary Chinese numerals (十一, 二十, 一百零五)."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    head = _CN[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN[rest]
    return head + (_CN[rest // 10] + "十" + (_CN[rest % 10] if rest % 10 else ""))
