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
from bisect import bisect_right
from collections import Counter

from .checks_number import DOCNUM_RE, find_date_lines
from .dataload import gated_finditer, line_start_finditer, make_issue, windowed_finditer
from .model import Issue
from .numerals import cn_to_int, int_to_cn

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
_ENUM_SHI_GATE = re.compile(r"是(?<=[一二三四五六七八九十]是)")  # led by its literal: found fast
_ENUM_DI_GATE = re.compile(r"第[一二三四五六七八九十]{1,2}[，,、]")
_NAME_GATE = re.compile("同志")
# _WEEKDAY_RE may run across lines (\s*), so windowed_finditer tries it only just before the 日 this
# finds: a match starts at most _WEEKDAY_BACK characters before it (2024年12月31 ahead of 日).
_WEEKDAY_GATE = re.compile(r"日\s*[（(]?\s*(?:星期|周|礼拜)")
_WEEKDAY_BACK = 10
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_NOT_NAMES = ("全体", "各位", "广大", "这些", "那些", "有关", "其他", "青年", "领导", "党员", "机关", "老", "新")


_WEEKDAY_REV_RE = re.compile(
    r"(?:星期|周|礼拜)([一二三四五六日天])\s*[（(]\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*[）)]"
)
_WEEKDAY_REV_GATE = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]\s*[（(]")


def _document_day(text: str, dates: dict | None = None) -> dt.date | None:
    """The 成文日期: the last paragraph that is nothing but a date (not 印发)."""
    found = None
    for _line, _stop, m in (find_date_lines(text) if dates is None else dates).values():
        if m and not (m.groupdict().get("tail")):
            y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
            if y and y > 1900:
                try:
                    found = dt.date(y, mo or 1, d or 1)
                except ValueError:
                    found = dt.date(y, 1, 1)
    return found


def _document_year(text: str, dates: dict | None = None) -> int | None:
    day = _document_day(text, dates)
    return day.year if day else None


def _candidate_years(month: int, doc: dt.date) -> tuple[int, ...]:
    """Years a date without one may fall in: the document's, or the next or last one when the
    document is dated at the turn of the year (a December notice of a meeting on 1月3日)."""
    if doc.month >= 11 and month <= 2:
        return (doc.year, doc.year + 1)
    if doc.month <= 2 and month >= 11:
        return (doc.year, doc.year - 1)
    return (doc.year,)


def _weekday_matches(text: str):
    """(match, year or None, month, day, stated weekday) for 3月5日（星期二） and 星期二（3月5日）."""
    if _WEEKDAY_GATE.search(text):
        for m in windowed_finditer(_WEEKDAY_RE, text, _WEEKDAY_GATE, _WEEKDAY_BACK):
            yield m, m.group(1), m.group(2), m.group(3), m.group(4)
    if _WEEKDAY_REV_GATE.search(text):
        for m in _WEEKDAY_REV_RE.finditer(text):
            yield m, m.group(2), m.group(3), m.group(4), m.group(1)


def check_dates(text: str, dates: dict | None = None, document_date: dt.date | None = None) -> list[Issue]:
    """document_date: the 成文日期 when the caller knows it (the upload form); else the text's date line."""
    issues = []
    doc_day = document_date or _document_day(text, dates)
    for m, y, mo, d, wd in _weekday_matches(text):
        month, day_n = int(mo), int(d)
        if y:
            years = (int(y),)
        elif doc_day is None:
            continue
        else:
            years = _candidate_years(month, doc_day)
        days = []
        for year in years:
            try:
                days.append(dt.date(year, month, day_n))
            except ValueError:
                continue  # reported by FACT-005
        stated = _WEEKDAYS.index("日" if wd == "天" else wd)
        if not days or any(x.weekday() == stated for x in days):
            continue
        real = _WEEKDAYS[days[0].weekday()]
        issues.append(
            make_issue(
                "FACT-003",
                m.start(),
                m.end(),
                text,
                # A stated year is certain; a year taken from the document's date is very likely.
                confidence=0.95 if y else 0.85,
                message=f"{days[0].year}年{month}月{day_n}日是星期{real}，不是星期{wd}",
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


def _enum_issues(text: str, matches: list[re.Match], label: str, breaks: list[int]) -> list[Issue]:
    """A gap or a repeat in one enumeration. The numbering starts again at each heading or article
    (breaks: their offsets) and at every 一; items in one paragraph are surer evidence than items
    spread over paragraphs (each paragraph opening with 二是, 三是 …)."""
    issues = []
    prev, prev_at = None, -1
    for m in matches:
        n = cn_to_int(m.group(1))
        if prev is not None and bisect_right(breaks, m.start()) != bisect_right(breaks, prev_at):
            prev = None  # a heading or an article lies between: another section
        if n == 1 or prev is None:
            prev, prev_at = (1 if n == 1 else None), m.start()
            continue
        same_paragraph = "\n" not in text[prev_at : m.start()]
        sure = 0.85 if same_paragraph else 0.8
        if n == prev:
            issues.append(
                make_issue("FACT-002", m.start(), m.end(), text, message=f"“{m.group()}”与上一项重复", confidence=sure)
            )
        elif n != prev + 1:
            issues.append(
                make_issue(
                    "FACT-002",
                    m.start(),
                    m.end(),
                    text,
                    message=f"{label}序号不连续：上一项为{int_to_cn(prev)}，此处为{m.group(1)}",
                    confidence=sure,
                )
            )
        prev, prev_at = n, m.start()
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


def _section_starts(text: str) -> list[int]:
    """Offsets of the heading and article lines: an enumeration does not run across them."""
    from .checks_structure import _SCOPE_RE, find_headings

    starts = [h.start for h in find_headings(text)]
    if "第" in text:
        starts += [m.start() for m in line_start_finditer(_SCOPE_RE, text)]
    return sorted(starts)


def check_enumerations(text: str) -> list[Issue]:
    shi = list(gated_finditer(_ENUM_SHI_RE, text, _ENUM_SHI_GATE))
    di = list(gated_finditer(_ENUM_DI_RE, text, _ENUM_DI_GATE))
    if len(shi) < 2 and len(di) < 2:
        return []
    breaks = _section_starts(text)
    return _enum_issues(text, shi, "“一是、二是”", breaks) + _enum_issues(text, di, "“第一、第二”", breaks)


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
            # Strong evidence: one form is the document's (twice or more), the other a single slip
            # in the given name. Two forms used equally, or differing in the surname, may be two people.
            diff = next(k for k, (x, y) in enumerate(zip(a, b)) if x != y)
            strong = names[common] >= 2 and names[rare] == 1 and diff > 0
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
                            confidence=0.85 if strong else 0.6,
                        )
                    )
    return issues


def check_facts(text: str, dates: dict | None = None, document_date: dt.date | None = None) -> list[Issue]:
    """dates: find_date_lines(text), when the engine has it already; document_date: the 成文日期 from
    the upload form (Context.document_date when it came from the options), else the text's date line."""
    dates = find_date_lines(text) if dates is None else dates
    return (
        check_dates(text, dates, document_date)
        + check_docnum_year(text, dates)
        + check_enumerations(text)
        + check_names(text)
    )
