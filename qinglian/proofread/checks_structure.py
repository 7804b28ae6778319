"""格式关 on the text level: title and heading punctuation, 结构层次序数 marks and sequence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checks_number import DOCNUM_RE, date_line
from .dataload import iter_lines, make_issue
from .model import Issue
from .numerals import cn_to_int

_CN = "一二三四五六七八九十"
LEVEL_RES = (
    re.compile(rf"^([{_CN}]+)、(?![{_CN}])"),  # not "一、二季度"
    re.compile(rf"^（([{_CN}]+)）"),
    re.compile(r"^(\d{1,2})\.(?!\d)"),
    re.compile(r"^（(\d{1,2})）"),
)
# Wrong heading marks: (pattern, level, message, severity, fix template)
_WRONG_MARKS = (
    (re.compile(r"^(\d{1,2})、"), 2, "第三层序数应写作“{n}.”（阿拉伯数字加下脚点），不用顿号", "建议", "{n}."),
    (re.compile(rf"^（([{_CN}]+)）[、，．.]"), 1, "括号序数后不再加标点", "错误", "（{n}）"),
    (re.compile(r"^（(\d{1,2})）[、，．.]"), 3, "括号序数后不再加标点", "错误", "（{n}）"),
    (re.compile(rf"^(?:\(|（(?=[{_CN}]+\)))([{_CN}]+)[)）]"), 1, "序数括号应为全角“（）”", "错误", "（{n}）"),
    (re.compile(r"^\((\d{1,2})\)"), 3, "序数括号应为全角“（）”", "错误", "（{n}）"),
    (re.compile(rf"^([{_CN}]+)[．.，,](?![{_CN}])"), 0, "第一层序数应写作“{n}、”", "错误", "{n}、"),
)
_TITLE_WORDS = re.compile(
    r"(关于|通知|决定|意见|报告|请示|批复|函|纪要|方案|办法|规定|细则|公告|通告|通报|议案|决议|"
    r"讲话|总结|计划|要点|规则|条例|章程)"
)
_END_PUNCT = "。，；、.,;"
_ATTACH_LIST_RE = re.compile(r"^附件[：:]\s*(\d{1,2})\.")


@dataclass
class Heading:
    level: int
    number: int
    start: int  # offset of the mark in the text
    end: int
    line: str


def _strip(line: str) -> tuple[int, str]:
    stripped = line.lstrip(" \u3000\t")
    return len(line) - len(stripped), stripped


# Every valid or wrong heading mark starts (after blanks) with one of these characters, so only
# the lines this finds are matched against the ten mark patterns.
_HEAD_START_RE = re.compile(rf"^[ \u3000\t]*[{_CN}（(\d]", re.M)
_ATTACH_START_RE = re.compile(r"^[ \u3000\t]*附件", re.M)


def _lines_at(text: str, pattern: re.Pattern):
    """(start offset, line) of each line where pattern matches at the line start, as iter_lines gives them."""
    for c in pattern.finditer(text):
        base = c.start()
        stop = text.find("\n", base)
        line = text[base:] if stop == -1 else text[base:stop]
        yield base, line[:-1] if line.endswith("\r") else line


def find_headings(text: str) -> list[Heading]:
    """Headings with a valid or a repairable mark, in document order."""
    found = []
    for base, line in _lines_at(text, _HEAD_START_RE):
        lead, s = _strip(line)
        for level, pattern in enumerate(LEVEL_RES):
            m = pattern.match(s)
            if m:
                found.append(Heading(level, cn_to_int(m.group(1)) or 0, base + lead, base + lead + m.end(), s))
                break
        else:
            for pattern, level, *_ in _WRONG_MARKS:
                m = pattern.match(s)
                if m:
                    found.append(Heading(level, cn_to_int(m.group(1)) or 0, base + lead, base + lead + m.end(), s))
                    break
    return found


def check_marks(text: str) -> list[Issue]:
    issues = []
    for base, line in _lines_at(text, _HEAD_START_RE):
        lead, s = _strip(line)
        for pattern, _level, message, severity, fix in _WRONG_MARKS:
            m = pattern.match(s)
            if m:
                n = m.group(1)
                issues.append(
                    make_issue(
                        "FMT-010",
                        base + lead,
                        base + lead + m.end(),
                        text,
                        suggestion=fix.format(n=n),
                        severity=severity,
                        message=message.format(n=n),
                    )
                )
                break
    return issues


def check_sequence(text: str, headings: list[Heading] | None = None) -> list[Issue]:
    """Walks the 附件 lines and the headings in text order (a 附件 line goes before a heading
    on the same line), which is what a walk over every line did."""
    issues = []
    # 附件 lines restart all numbering; "附件：1.XXX" opens a list that "2.XXX" lines continue.
    events: list[tuple[int, int, object]] = []
    for base, line in _lines_at(text, _ATTACH_START_RE):
        m = _ATTACH_LIST_RE.match(_strip(line)[1])
        events.append((base, 0, int(m.group(1)) if m else None))
    headings = find_headings(text) if headings is None else headings
    if not events:
        ordered = [(h.start, 1, h) for h in headings]
    else:
        ordered = sorted(events + [(h.start, 1, h) for h in headings], key=lambda e: (e[0], e[1]))
    counters = [None] * 4
    for _pos, kind, h in ordered:
        if kind == 0:
            counters = [None] * 4
            if h is not None:
                counters[2] = h
            continue
        k, n = h.level, h.number
        prev = counters[k]
        has_parent = any(c is not None for c in counters[:k])
        expected = (prev or 0) + 1
        if n != expected and (prev is not None or (k > 0 and has_parent)):
            msg = f"序数“{n}”与上一个重复" if prev == n else f"序数不连续：此处应为第{expected}项"
            issues.append(make_issue("FMT-011", h.start, h.end, text, message=msg))
        counters[k] = n
        for deeper in range(k + 1, 4):
            counters[deeper] = None
    return issues


def _title_issue(text: str, title_line: int | None) -> list[Issue]:
    # Only the title candidate and whether a second non-empty line exists matter: stop early.
    count, cand = 0, []
    for i, (b, ln) in enumerate(iter_lines(text)):
        if ln.strip():
            count += 1
            if (title_line is None and count == 1) or i == title_line:
                cand = [(i, b, ln)]
            if count >= 2 and (title_line is None or i >= title_line):
                break
    if count < 2:
        return []
    for _i, base, line in cand:
        s = line.rstrip()
        inner = s[:-1]
        if title_line is None and (len(s) > 40 or "，" in inner or "。" in inner or not _TITLE_WORDS.search(s)):
            continue
        if s and s[-1] in _END_PUNCT and not DOCNUM_RE.search(s) and not date_line(s):
            return [make_issue("FMT-006", base + len(s) - 1, base + len(s), text, suggestion="")]
    return []


def check_heading_punct(text: str, headings: list[Heading] | None = None) -> list[Issue]:
    issues = []
    for h in find_headings(text) if headings is None else headings:
        s = h.line.rstrip()
        if h.level > 0 or len(s) > 25 or s[-1] not in _END_PUNCT:
            continue
        if any(c in s[:-1] for c in "。；"):
            continue  # heading followed by text in the same paragraph: punctuation is right
        end = h.start + len(s)
        issues.append(make_issue("FMT-007", end - 1, end, text, suggestion=""))
    return issues


def check_structure(text: str, title_line: int | None = None) -> list[Issue]:
    headings = find_headings(text)  # shared by the sequence and the heading-punctuation checks
    return (
        check_marks(text)
        + check_sequence(text, headings)
        + _title_issue(text, title_line)
        + check_heading_punct(text, headings)
    )
