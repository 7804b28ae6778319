"""事实关: consistency checks that need no model.

FACT-001 a person's name written two ways (homophone variant) in one document;
FACT-002 一是/二是… and 第一，/第二，… enumerations with a gap or a repeat;
FACT-003 a date whose stated weekday disagrees with the calendar;
FACT-004 the document's own 发文字号 year later than its 成文日期 year;
FACT-005 a date that does not exist (2月30日).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

from .checks_number import DOCNUM_RE, find_date_lines
from .dataload import gated_finditer, make_issue
from .model import Issue
from .numerals import cn_to_int

_WEEKDAY_RE = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*[（(]?\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[）)]?"
)
_WEEKDAYS = "一二三四五六日"
_DATE_RE = re.compile(r"(?:(\d{4})年)?(?<!\d)(\d{1,2})月(\d{1,2})日")
_ENUM_SHI_RE = re.compile(r"(?:^|(?<=[，。；：\s]))([一二三四五六七八九十]{1,2})是")
_ENUM_DI_RE = re.compile(r"(?:^|(?<=[。；：\s]))第([一二三四五六七八九十]{1,2})[，,、]")
_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,3})同志")
# The 100 most common surnames: a 同志-name must start with one (precision guard).
# Gates for gated_finditer (see there): each match holds one on its line.
_DATE_GATE = re.compile(r"月\d")
_ENUM_SHI_GATE = re.compile(r"[一二三四五六七八九十]是")
_ENUM_DI_GATE = re.compile(r"第[一二三四五六七八九十]{1,2}[，,、]")
_NAME_GATE = re.compile("同志")
# _WEEKDAY_RE may run across lines (\s*), so its gate only decides whether to scan at all.
_WEEKDAY_GATE = re.compile(r"日\s*[（(]?\s*(?:星期|周|礼拜)")
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_NOT_NAMES = ("全体", "各位", "广大", "这些", "那些", "有关", "其他", "青年", "领导", "党员", "机关", "老", "新")


def _document_year(text: str, dates: dict | None = None) -> int | None:
    """Year of the 成文日期: the last paragraph that is nothing but a date (not 印发)."""
    year = None
    for _line, _stop, m in (find_date_lines(text) if dates is None else dates).values():
        if m and not (m.groupdict().get("tail")):
            y = cn_to_int(m.group("y"))
            if y and y > 1900:
                year = y
    return year


def check_dates(text: str, dates: dict | None = None) -> list[Issue]:
    issues = []
    doc_year = _document_year(text, dates)
    for m in _WEEKDAY_RE.finditer(text) if _WEEKDAY_GATE.search(text) else ():
        year = int(m.group(1)) if m.group(1) else doc_year
        if year is None:
            continue
        try:
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue  # reported by FACT-005
        stated = _WEEKDAYS.index("日" if m.group(4) == "天" else m.group(4))
        if day.weekday() != stated:
            real = _WEEKDAYS[day.weekday()]
            issues.append(
                make_issue(
                    "FACT-003",
                    m.start(),
                    m.end(),
                    text,
                    severity=None if m.group(1) else "建议",
                    message=f"{year}年{day.month}月{day.day}日是星期{real}，不是星期{m.group(4)}",
                    suggestion=None,
                )
            )
    for m in gated_finditer(_DATE_RE, text, _DATE_GATE):
        month, day = int(m.group(2)), int(m.group(3))
        year = int(m.group(1)) if m.group(1) else 2024  # a leap year accepts 2月29日
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            issues.append(make_issue("FACT-005", m.start(), m.end(), text, message=f"日期“{m.group()}”不存在"))
    return issues


def check_docnum_year(text: str, dates: dict | None = None) -> list[Issue]:
    doc_year = _document_year(text, dates)
    if doc_year is None:
        return []
    # Only lines holding a 发文字号 can decide; the pattern never crosses a line.
    for base, line in _docnum_lines(text):
        s = line.strip()
        m = DOCNUM_RE.search(s)
        # The document's own number stands alone on its line (版头), unlike cited numbers.
        if m and m.end() == len(s) and len(s) <= 20 and len(m.group("year")) == 4:
            year = int(m.group("year"))
            if year > doc_year:
                off = base + line.index(s) + m.start("year")
                return [
                    make_issue("FACT-004", off, off + 4, text, message=f"发文字号年份{year}晚于成文日期年份{doc_year}")
                ]
            return []
    return []


def _enum_issues(text: str, matches: list[re.Match], label: str) -> list[Issue]:
    issues = []
    prev = None
    for m in matches:
        n = cn_to_int(m.group(1))
        if n == 1:
            prev = 1
            continue
        if prev is None:
            continue
        if n == prev:
            issues.append(make_issue("FACT-002", m.start(), m.end(), text, message=f"“{m.group()}”与上一项重复"))
        elif n != prev + 1:
            issues.append(
                make_issue(
                    "FACT-002", m.start(), m.end(), text, message=f"{label}序号不连续：上一项为{prev}，此处为{n}"
                )
            )
        prev = n
    return issues


def _docnum_lines(text: str):
    """(start, line) of the lines with a 发文字号, in order, as iter_lines gives them."""
    last = -1
    for m in DOCNUM_RE.finditer(text):
        base = text.rfind("\n", 0, m.start()) + 1
        if base == last:
            continue
        last = base
        stop = text.find("\n", base)
        line = text[base:] if stop == -1 else text[base:stop]
        yield base, line[:-1] if line.endswith("\r") else line


def check_enumerations(text: str) -> list[Issue]:
    issues = []
    # One scan of the whole text: at a line start the look-behind sees '\n' (a blank), as '^'
    # accepted there in the per-line scan. Matches are then grouped by line.
    by_line: dict[int, list[re.Match]] = {}
    for m in gated_finditer(_ENUM_SHI_RE, text, _ENUM_SHI_GATE):
        by_line.setdefault(text.rfind("\n", 0, m.start()), []).append(m)
    for matches in by_line.values():
        if len(matches) >= 2:
            issues += _enum_issues(text, matches, "“一是、二是”")
    issues += _enum_issues(text, list(gated_finditer(_ENUM_DI_RE, text, _ENUM_DI_GATE)), "“第一、第二”")
    return issues


def check_names(text: str) -> list[Issue]:
    found = [(m.group(1), m.start(1)) for m in gated_finditer(_NAME_RE, text, _NAME_GATE)]
    names = Counter(n for n, _ in found if n[0] in _SURNAMES and not n.startswith(_NOT_NAMES))
    if len(names) < 2:
        return []
    from pypinyin import lazy_pinyin  # loaded only when there are names to compare

    issues = []
    pinyin = {n: lazy_pinyin(n) for n in names}
    for a in names:
        for b in names:
            if a >= b or len(a) != len(b) or pinyin[a] != pinyin[b]:
                continue
            if sum(x != y for x, y in zip(a, b)) != 1:
                continue
            rare, common = (a, b) if (names[a], a) < (names[b], b) else (b, a)
            for n, pos in found:
                if n == rare:
                    issues.append(
                        make_issue(
                            "FACT-001",
                            pos,
                            pos + len(n),
                            text,
                            suggestion=common if names[common] > names[rare] else None,
                            message=f"“{rare}”与文中“{common}”读音相同、仅一字之差，请核对是否同一人",
                        )
                    )
    return issues


def check_facts(text: str, dates: dict | None = None) -> list[Issue]:
    """dates: find_date_lines(text), when the engine has it already."""
    dates = find_date_lines(text) if dates is None else dates
    return check_dates(text, dates) + check_docnum_year(text, dates) + check_enumerations(text) + check_names(text)
