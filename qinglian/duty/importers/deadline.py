"""完成时限 as people write it in a 工作要点: "6月底前", "年底前", "每季度", "2026年9月30日前".

One parser for both the Excel and the Word import, so "6月底前" means the same date in both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from qinglian.core.excel import parse_date
from qinglian.duty.choices import Recurrence
from qinglian.proofread.numerals import cn_to_int

_RECURRING = (
    (re.compile(r"每月|按月|逐月|月度"), Recurrence.MONTHLY),
    (re.compile(r"每季|按季|逐季|每个季度"), Recurrence.QUARTERLY),
    (re.compile(r"每年|按年|年度报告"), Recurrence.YEARLY),
)
_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:(\d{4})年)?"
_MONTH_DAY = re.compile(rf"^{_YEAR}{_NUM}月{_NUM}[日号]?(?:前|之前|以前)?$")
_MONTH_PART = re.compile(rf"^{_YEAR}{_NUM}月(底|末|上旬|中旬|下旬|份|内)?(?:前|之前|以前)?$")
_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度(?:末|底)?(?:前|之前|以前)?$")
_YEAR_END = re.compile(r"^(?:(\d{4})年)?(?:年底|年末|年内|全年|12月底|长期坚持|持续推进|长期)(?:前|之前|以前)?$")
_HALF = re.compile(r"^(上半年|下半年)(?:末|底)?(?:前|之前|以前)?$")


@dataclass(frozen=True)
class Deadline:
    """What a 完成时限 text means: a date (one-off) or a recurrence, with a note when it was read loosely."""

    date: dt.date | None
    recurrence: str = Recurrence.ONCE
    note: str = ""


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_part(year: int, month: int, part: str) -> dt.date:
    day = {"上旬": 10, "中旬": 20}.get(part)
    return dt.date(year, month, day) if day else _month_end(year, month)


def deadline_parse(text: str, year: int) -> Deadline:
    """Read a deadline written for the list of `year`. Raises ValueError with a Chinese message.

    "6月底前" → 30 June of `year`; "年底前" → 31 December; "每季度"/"每月"/"每年" → a recurrence
    (no date); a real date ("2026-06-30", "2026年6月30日前") is taken as written.
    """
    raw = re.sub(r"\s", "", text or "")
    if not raw:
        raise ValueError("完成时限为空")
    for pattern, recurrence in _RECURRING:
        if pattern.search(raw):
            return Deadline(None, recurrence)
    core = re.sub(r"(?:前|之前|以前)$", "", raw)
    try:
        exact = parse_date(core)
    except ValueError:
        exact = None
    if exact is not None:
        return Deadline(exact)
    return _relative(raw, year)


def _relative(raw: str, year: int) -> Deadline:
    if match := _YEAR_END.match(raw):
        note = "" if re.search(r"年底|年末|12月底", raw) else f"“{raw}”按年底前（12月31日）计"
        return Deadline(dt.date(int(match.group(1) or year), 12, 31), note=note)
    if match := _HALF.match(raw):
        return Deadline(dt.date(year, 6, 30) if match.group(1) == "上半年" else dt.date(year, 12, 31))
    if match := _QUARTER.match(raw):
        quarter = _number(match.group(1)) or 0
        return Deadline(_month_end(year, quarter * 3))
    if match := _MONTH_DAY.match(raw):
        month, day = _number(match.group(2)), _number(match.group(3))
        try:
            return Deadline(dt.date(int(match.group(1) or year), month or 0, day or 0))
        except ValueError:
            raise ValueError(f"完成时限“{raw}”不是有效日期") from None
    if match := _MONTH_PART.match(raw):
        month = _number(match.group(2)) or 0
        if not 1 <= month <= 12:
            raise ValueError(f"完成时限“{raw}”的月份无效")
        return Deadline(_month_part(int(match.group(1) or year), month, match.group(3) or "底"))
    raise ValueError(f"无法识别完成时限“{raw}”，请写作 2026-06-30、6月底前、年底前 或 每季度")
