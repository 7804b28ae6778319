"""标点关 checks (GB/T 15834-2011).

Half-width marks are only flagged when they touch Chinese text, so that standard numbers
(GB/T 9704-2012), decimals (3.5), times (15:40), URLs and English passages raise nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .dataload import gated_finditer, is_cjk, iter_lines, make_issue
from .model import Issue

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# Spans that must never be touched by the half-width rules.
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://[^\s\u4e00-\u9fff，。；）]+|www\.[^\s\u4e00-\u9fff，。；）]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z0-9_-]+\.(?:docx?|pdf|xlsx?|txt|zip|ofd|wps)\b"
)
# Every protected span holds one of these (URL, www., e-mail, file name).
_PROTECTED_GATE = re.compile(r"[.:@]")
_CLOSERS_OK_BEFORE_DOT = set("”’）》%")
_ELLIPSIS_RE = re.compile(r"\.{3,}|。{3,}|…{3,}|(?<!…)…(?!…)|·{3,}")
_DASH_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:--+|－－+|—{3,})(?=[\u4e00-\u9fff“])")
# Gates for gated_finditer: each match of the pattern above holds one on its line.
_ELLIPSIS_GATE = re.compile(r"\.\.\.|。。。|…|···")
_DASH_GATE = re.compile(r"--|－－|———")
_DOUBLE_RE = re.compile(r"[，。、；：]{2,}")
_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "〔": "〕", "【": "】", "［": "］"}
_CLOSING = {v: k for k, v in _PAIRS.items()}


def _protected(text: str) -> tuple[list[int], list[int]]:
    """Protected spans of the whole text as sorted starts and ends (no pattern crosses a line)."""
    starts, ends = [], []
    for m in gated_finditer(_PROTECTED_RE, text, _PROTECTED_GATE):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _inside(spans: tuple[list[int], list[int]], i: int) -> bool:
    # The spans do not overlap, so only the last one starting at or before i can hold i.
    k = bisect_right(spans[0], i) - 1
    return k >= 0 and i < spans[1][k]


# Only these characters can raise PUNC-001: a scan in C finds them, Python looks at no others.
_HALF_RE = re.compile(r"[,;:?!.]")


def _halfwidth(text: str, spans) -> list[Issue]:
    """PUNC-001 over the whole text. At a line edge the neighbour is '\n' (or a trailing '\r'),
    which, like the empty string of the per-line version, is neither CJK, alphanumeric, '.' nor a closer."""
    issues = []
    n = len(text)
    for m in _HALF_RE.finditer(text):
        i = m.start()
        if spans[0] and _inside(spans, i):
            continue
        ch = m.group()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch == ".":
            # Only a full stop written as '.': after Chinese (or a closing mark / %) and
            # not followed by a digit or a Latin letter (decimals, 1.5, e.g. file.docx).
            if not (is_cjk(prev) or prev in _CLOSERS_OK_BEFORE_DOT):
                continue
            if nxt and ((nxt.isascii() and nxt.isalnum()) or nxt == "."):
                continue
        elif not (is_cjk(prev) or is_cjk(nxt)):
            continue
        if ch == ":" and prev.isdigit() and nxt.isdigit():
            continue
        issues.append(
            make_issue(
                "PUNC-001",
                i,
                i + 1,
                text,
                suggestion=_FULL[ch],
                message=f"中文文本中的“{ch}”应为全角“{_FULL[ch]}”",
            )
        )
    return issues


_ASCII_PAREN_RE = re.compile(r"\(([^()]{0,80})\)")
_STRAIGHT_QUOTE_RE = re.compile(r'"([^"\n]{1,200})"')


def _brackets_and_quotes(text: str, base: int, line: str, spans) -> list[Issue]:
    issues = []
    for m in _ASCII_PAREN_RE.finditer(line):
        inner = m.group(1)
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        if _inside(spans, base + m.start()):
            continue
        if not line[: m.start()].strip(" \u3000\t") and re.fullmatch(r"[一二三四五六七八九十\d]+", inner):
            continue  # a heading mark "(一)": reported by FMT-010 instead
        if any(is_cjk(c) for c in inner) or is_cjk(before) or is_cjk(after):
            s, e = base + m.start(), base + m.end()
            issues.append(make_issue("PUNC-002", s, e, text, suggestion=f"（{inner}）"))
    for m in _STRAIGHT_QUOTE_RE.finditer(line):
        if any(is_cjk(c) for c in m.group(1)):
            s, e = base + m.start(), base + m.end()
            issues.append(make_issue("PUNC-003", s, e, text, suggestion=f"“{m.group(1)}”"))
    return issues


_MARK_RE = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSING) + "\n]")


def _unclosed(text: str, stack: list[tuple[str, int]]) -> list[Issue]:
    return [make_issue("PUNC-004", j, j + 1, text, message=f"“{o}”缺少配对的“{_PAIRS[o]}”") for o, j in stack]


def _pairing(text: str) -> list[Issue]:
    """Unpaired marks and 外双内单 nesting, per paragraph (a quote rarely spans paragraphs in 公文).

    One scan of the whole text visits only the marks and the line breaks (where the stack of the
    paragraph is reported and emptied), instead of every character in Python."""
    issues = []
    stack: list[tuple[str, int]] = []
    for m in _MARK_RE.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            if stack:
                issues += _unclosed(text, stack)
                stack = []
        elif ch in _PAIRS:
            if ch == "“" and any(o == "“" for o, _ in stack) and not any(o == "‘" for o, _ in stack):
                issues.append(
                    make_issue(
                        "PUNC-005",
                        i,
                        i + 1,
                        text,
                        suggestion="‘",
                        message="引号内再用引号应改用单引号（外双内单）",
                    )
                )
            if ch == "《" and stack and stack[-1][0] == "《":
                issues.append(
                    make_issue(
                        "PUNC-005",
                        i,
                        i + 1,
                        text,
                        suggestion="〈",
                        message="书名号内再用书名号应改用单书名号〈〉（外双内单）",
                    )
                )
            stack.append((ch, i))
        else:
            opener = _CLOSING[ch]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                # Something inside was not closed: report the inner opener, then recover.
                while stack and stack[-1][0] != opener:
                    o, j = stack.pop()
                    issues.append(make_issue("PUNC-004", j, j + 1, text, message=f"“{o}”缺少配对的“{_PAIRS[o]}”"))
                stack.pop()
            else:
                issues.append(make_issue("PUNC-004", i, i + 1, text, message=f"“{ch}”缺少配对的“{opener}”"))
    return issues + _unclosed(text, stack)


# (rule, pattern, suggestion, gate or None when the pattern opens with a literal already)
_SIMPLE = [
    ("PUNC-009", re.compile(r"、(?=等)"), "", None),
    ("PUNC-010", re.compile(r"(?<=”)、(?=“)|(?<=》)、(?=《)"), "", re.compile("”、“|》、《")),
    ("PUNC-011", re.compile(r"(?<=\d)[~〜](?=\d)"), "～", re.compile("[~〜]")),
    ("PUNC-012", re.compile(r"……(?=等)"), "……", None),
]


def check_punctuation(text: str) -> list[Issue]:
    """All punctuation rules. Apart from the ASCII brackets and quotes, whose patterns could cross
    a line break, every pattern runs once over the whole text: none of them matches '\n' or '\r'
    at a line edge, so the matches are those of the old per-line loop."""
    spans = _protected(text)
    issues = _halfwidth(text, spans)
    if "(" in text or '"' in text:
        for base, line in iter_lines(text):
            if "(" in line or '"' in line:
                issues += _brackets_and_quotes(text, base, line, spans)
    issues += _pairing(text)
    for m in gated_finditer(_ELLIPSIS_RE, text, _ELLIPSIS_GATE):
        if m.group() == "……" or (spans[0] and _inside(spans, m.start())):
            continue
        issues.append(make_issue("PUNC-007", m.start(), m.end(), text, suggestion="……"))
    for m in gated_finditer(_DASH_RE, text, _DASH_GATE):
        issues.append(make_issue("PUNC-008", m.start(), m.end(), text, suggestion="——"))
    for m in _DOUBLE_RE.finditer(text):
        issues.append(
            make_issue(
                "PUNC-006",
                m.start(),
                m.end(),
                text,
                suggestion=m.group()[0] if len(set(m.group())) == 1 else None,
                message=f"标点“{m.group()}”重复",
            )
        )
    for code, pattern, repl, gate in _SIMPLE:
        for m in pattern.finditer(text) if gate is None else gated_finditer(pattern, text, gate):
            s = m.start()
            e = m.end() if m.end() > s else s + 1
            issues.append(make_issue(code, s, e, text, suggestion=None if code == "PUNC-012" else repl))
    return issues
