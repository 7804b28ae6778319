"""数字关 (GB/T 15835-2011) and the 发文字号 / 成文日期 forms of GB/T 9704-2012."""

from __future__ import annotations

import re
from bisect import bisect_right

from .dataload import gated_finditer, make_issue
from .model import Issue
from .numerals import cn_to_int, int_to_cn

_YEAR_LING_RE = re.compile(r"(?<![一二三四五六七八九十〇零])[一二][〇零一二三四五六七八九]{3}(?=年)")
_SHORT_YEAR_RE = re.compile(r"(?<![\d.０-９])\d{2}(?=年\d{1,2}月)")
_MIXED_RE = re.compile(r"(?<![\d.])\d+[十百千](?![米克瓦卡帕赫焦伏分秒])")
_RANGE_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([～~—－-])(\d+(?:\.\d+)?)([万亿])")
_APPROX_RE = re.compile(
    r"(?<![第一二三四五六七八九十])([一二三四五六七八九])、([一二三四五六七八九])"
    r"(?=天|个|人|次|岁|米|公里|小时|分钟|名|家|倍|户|件|年(?!级|度))"
)
_SESSION_ARABIC_RE = re.compile(r"(?<![\d.])(\d{1,3})(?=届[^，。；\n]{0,20}?(?:会议|全会|常委会|代表大会))")
_MEETING_ARABIC_RE = re.compile(r"(?<=届)([^，。；\n\d]{0,20}?第?)(\d{1,3})(?=次(?:全体)?会议)")
_PURE_DECIMAL_RE = re.compile(r"(?<=[\u4e00-\u9fff，、（：])\.\d+")
_MIXED_DATE_RE = re.compile(r"[〇零一二三四五六七八九]{4}年\d{1,2}月|\d{4}年[一二三四五六七八九十]{1,3}月")
_LEADING_ZERO_DATE_RE = re.compile(r"(?<=\d{4}年)0\d(?=月)|(?<=月)0\d(?=日)")

DOCNUM_RE = re.compile(
    r"(?<=[发函字办文报令电复呈通])"
    r"(?P<ob>[〔\[［【（(﹝〖{])(?P<year>\d{2,4})(?P<cb>[〕\]］】）)﹞〗}])(?P<di>第)?(?P<num>\d+)号"
)
_DATE_LINE_RE = re.compile(
    r"^(?P<y>[0-9〇零一二三四五六七八九]{2,4})年(?P<m>[0-9一二三四五六七八九十]{1,3})月"
    r"(?P<d>[0-9一二三四五六七八九十]{1,3})日(?P<tail>印发)?$"
)
_DASH_DATE_LINE_RE = re.compile(r"^(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})$")


def date_line(line: str) -> re.Match | None:
    """A paragraph that is nothing but a date (成文日期 or 印发日期)."""
    compact = line.strip().replace(" ", "").replace("\u3000", "")
    return _DATE_LINE_RE.match(compact) or _DASH_DATE_LINE_RE.match(compact)


def _check_date_line(text: str, base: int, line: str, m: re.Match) -> list[Issue]:
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    good = (
        y.isascii()
        and len(y) == 4
        and mo.isascii()
        and d.isascii()
        and not mo.startswith("0")
        and not d.startswith("0")
        and "年" in m.group(0)
    )
    if good:
        return []
    yi, mi, di = cn_to_int(y), cn_to_int(mo), cn_to_int(d)
    fix = None
    if yi and mi and di and len(str(yi)) == 4:
        fix = f"{yi}年{mi}月{di}日" + (m.groupdict().get("tail") or "")
    lead = len(line) - len(line.lstrip())
    return [make_issue("FMT-005", base + lead, base + len(line.rstrip()), text, suggestion=fix)]


def check_docnum(text: str) -> list[Issue]:
    issues = []
    for m in DOCNUM_RE.finditer(text):
        year, num = m.group("year"), m.group("num")
        if m.group("ob") != "〔" or m.group("cb") != "〕":
            issues.append(
                make_issue(
                    "FMT-001",
                    m.start("ob"),
                    m.end("cb"),
                    text,
                    suggestion=f"〔{year}〕" if len(year) == 4 else None,
                    message=f"发文字号年份应用六角括号“〔〕”，不用“{m.group('ob')}{m.group('cb')}”",
                )
            )
        if len(year) != 4:
            issues.append(make_issue("FMT-002", m.start("year"), m.end("year"), text))
        if m.group("di"):
            issues.append(make_issue("FMT-003", m.start("di"), m.end("di"), text, suggestion=""))
        if num.startswith("0") and num.strip("0"):
            issues.append(make_issue("FMT-004", m.start("num"), m.end("num"), text, suggestion=str(int(num))))
    return issues


# Gates for gated_finditer: every match of the rule pattern holds one on its own line, and
# none of the rule patterns can match or look ahead onto a line break.
_GATES = {
    _YEAR_LING_RE: re.compile("零"),  # a match without 零 raises nothing
    _SHORT_YEAR_RE: re.compile(r"年\d"),
    _MIXED_RE: re.compile(r"\d[十百千]"),
    _RANGE_RE: re.compile(r"\d[万亿]"),
    _APPROX_RE: re.compile(r"[一二三四五六七八九]、[一二三四五六七八九]"),
    _SESSION_ARABIC_RE: re.compile(r"\d届"),
    _MEETING_ARABIC_RE: re.compile("届"),
    _PURE_DECIMAL_RE: re.compile(r"\.\d"),
    _MIXED_DATE_RE: re.compile(r"年[\d一二三四五六七八九十]"),
    _LEADING_ZERO_DATE_RE: re.compile(r"0\d[月日]"),
}


def _scan(pattern: re.Pattern, text: str):
    return gated_finditer(pattern, text, _GATES[pattern])


# A date line starts (after blanks) with an Arabic or Chinese digit: only such lines are tried.
_DATE_LINE_START_RE = re.compile(r"^[^\S\n]*[\d〇零一二三四五六七八九]", re.M)


def find_date_lines(text: str) -> dict[int, tuple[str, int, re.Match]]:
    """Paragraphs that are nothing but a date: line start → (line, end of its range, match).

    Computed once per text by the engine and shared with the fact checks."""
    found = {}
    for c in _DATE_LINE_START_RE.finditer(text):
        base = c.start()
        stop = text.find("\n", base)
        stop = len(text) if stop == -1 else stop
        line = text[base:stop]
        line = line[:-1] if line.endswith("\r") else line
        m = date_line(line)
        if m:
            found[base] = (line, stop, m)
    return found


def check_numbers(text: str, dates: dict | None = None) -> list[Issue]:
    dates = find_date_lines(text) if dates is None else dates
    issues: list[Issue] = []
    for base, (line, _stop, dm) in dates.items():
        issues += _check_date_line(text, base, line, dm)
    if dates:
        # The other number rules skip date lines.
        bases = list(dates)
        stops = [v[1] for v in dates.values()]

        def keep(m: re.Match) -> bool:
            k = bisect_right(bases, m.start()) - 1
            return k < 0 or m.start() > stops[k]

    else:

        def keep(m: re.Match) -> bool:
            return True

    for m in _scan(_YEAR_LING_RE, text):
        if "零" in m.group() and keep(m):
            issues.append(make_issue("NUM-001", m.start(), m.end(), text, suggestion=m.group().replace("零", "〇")))
    for m in _scan(_SHORT_YEAR_RE, text):
        if keep(m):
            issues.append(make_issue("NUM-002", m.start(), m.end(), text))
    for m in _scan(_MIXED_RE, text):
        if keep(m):
            issues.append(make_issue("NUM-003", m.start(), m.end(), text))
    for m in _scan(_RANGE_RE, text):
        if keep(m):
            a, sep, b, unit = m.groups()
            issues.append(
                make_issue(
                    "NUM-004", m.start(), m.end(), text, suggestion=f"{a}{unit}{'～' if sep in '~～' else sep}{b}{unit}"
                )
            )
    for m in _scan(_APPROX_RE, text):
        a, b = cn_to_int(m.group(1)), cn_to_int(m.group(2))
        if b == a + 1 and keep(m):
            issues.append(make_issue("NUM-005", m.start(), m.end(), text, suggestion=m.group(1) + m.group(2)))
    for m in _scan(_SESSION_ARABIC_RE, text):
        if keep(m):
            issues.append(make_issue("NUM-006", m.start(), m.end(), text, suggestion=int_to_cn(int(m.group(1)))))
    for m in _scan(_MEETING_ARABIC_RE, text):
        if keep(m):
            issues.append(
                make_issue(
                    "NUM-006", m.start(2), m.end(2), text, suggestion=int_to_cn(int(m.group(2))), severity="建议"
                )
            )
    for m in _scan(_PURE_DECIMAL_RE, text):
        if keep(m):
            issues.append(make_issue("NUM-007", m.start(), m.end(), text, suggestion="0" + m.group()))
    for m in _scan(_MIXED_DATE_RE, text):
        if keep(m):
            issues.append(make_issue("NUM-008", m.start(), m.end(), text))
    for m in _scan(_LEADING_ZERO_DATE_RE, text):
        if keep(m):
            issues.append(make_issue("NUM-009", m.start(), m.end(), text, suggestion=str(int(m.group()))))
    return issues + check_docnum(text)
