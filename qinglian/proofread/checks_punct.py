"""标点关 checks (GB/T 15834-2011).

Half-width marks are only flagged when they touch Chinese text, so that standard numbers
(GB/T 9704-2012), decimals (3.5), times (15:40), URLs and English passages raise nothing.
"""

from __future__ import annotations

import re

from .dataload import is_cjk, iter_lines, make_issue
from .model import Issue

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# Spans that must never be touched by the half-width rules.
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://[^\s\u4e00-\u9fff，。；）]+|www\.[^\s\u4e00-\u9fff，。；）]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z0-9_-]+\.(?:docx?|pdf|xlsx?|txt|zip|ofd|wps)\b"
)
_CLOSERS_OK_BEFORE_DOT = set("”’）》%")
_ELLIPSIS_RE = re.compile(r"\.{3,}|。{3,}|…{3,}|(?<!…)…(?!…)|·{3,}")
_DASH_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:--+|－－+|—{3,})(?=[\u4e00-\u9fff“])")
_DOUBLE_RE = re.compile(r"[，。、；：]{2,}")
_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "〔": "〕", "【": "】", "［": "］"}
_CLOSING = {v: k for k, v in _PAIRS.items()}


def _protected(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED_RE.finditer(line)]


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(s <= i < e for s, e in spans)


def _halfwidth(text: str, base: int, line: str, spans) -> list[Issue]:
    issues = []
    n = len(line)
    for i, ch in enumerate(line):
        if ch not in _FULL or _inside(spans, i):
            continue
        prev = line[i - 1] if i else ""
        nxt = line[i + 1] if i + 1 < n else ""
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
                base + i,
                base + i + 1,
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
        if _inside(spans, m.start()):
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


def _pairing(text: str, base: int, line: str) -> list[Issue]:
    """Unpaired marks and 外双内单 nesting, per paragraph (a quote rarely spans paragraphs in 公文)."""
    issues = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(line):
        if ch in _PAIRS:
            if ch == "“" and any(o == "“" for o, _ in stack) and not any(o == "‘" for o, _ in stack):
                issues.append(
                    make_issue(
                        "PUNC-005",
                        base + i,
                        base + i + 1,
                        text,
                        suggestion="‘",
                        message="引号内再用引号应改用单引号（外双内单）",
                    )
                )
            if ch == "《" and stack and stack[-1][0] == "《":
                issues.append(
                    make_issue(
                        "PUNC-005",
                        base + i,
                        base + i + 1,
                        text,
                        suggestion="〈",
                        message="书名号内再用书名号应改用单书名号〈〉（外双内单）",
                    )
                )
            stack.append((ch, i))
        elif ch in _CLOSING:
            opener = _CLOSING[ch]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                # Something inside was not closed: report the inner opener, then recover.
                while stack and stack[-1][0] != opener:
                    o, j = stack.pop()
                    issues.append(
                        make_issue("PUNC-004", base + j, base + j + 1, text, message=f"“{o}”缺少配对的“{_PAIRS[o]}”")
                    )
                stack.pop()
            else:
                issues.append(
                    make_issue("PUNC-004", base + i, base + i + 1, text, message=f"“{ch}”缺少配对的“{opener}”")
                )
    for o, j in stack:
        issues.append(make_issue("PUNC-004", base + j, base + j + 1, text, message=f"“{o}”缺少配对的“{_PAIRS[o]}”"))
    return issues


_SIMPLE = [
    ("PUNC-009", re.compile(r"、(?=等)"), ""),
    ("PUNC-010", re.compile(r"(?<=”)、(?=“)|(?<=》)、(?=《)"), ""),
    ("PUNC-011", re.compile(r"(?<=\d)[~〜](?=\d)"), "～"),
    ("PUNC-012", re.compile(r"……(?=等)"), "……"),
]


def check_punctuation(text: str) -> list[Issue]:
    issues: list[Issue] = []
    for base, line in iter_lines(text):
        if not line.strip():
            continue
        spans = _protected(line)
        issues += _halfwidth(text, base, line, spans)
        issues += _brackets_and_quotes(text, base, line, spans)
        issues += _pairing(text, base, line)
        for m in _ELLIPSIS_RE.finditer(line):
            if m.group() == "……" or _inside(spans, m.start()):
                continue
            issues.append(make_issue("PUNC-007", base + m.start(), base + m.end(), text, suggestion="……"))
        for m in _DASH_RE.finditer(line):
            issues.append(make_issue("PUNC-008", base + m.start(), base + m.end(), text, suggestion="——"))
        for m in _DOUBLE_RE.finditer(line):
            issues.append(
                make_issue(
                    "PUNC-006",
                    base + m.start(),
                    base + m.end(),
                    text,
                    suggestion=m.group()[0] if len(set(m.group())) == 1 else None,
                    message=f"标点“{m.group()}”重复",
                )
            )
        for code, pattern, repl in _SIMPLE:
            for m in pattern.finditer(line):
                s = base + m.start()
                e = base + m.end() if m.end() > m.start() else s + 1
                if code == "PUNC-012":
                    issues.append(make_issue(code, s, e, text, suggestion=None))
                else:
                    issues.append(make_issue(code, s, e, text, suggestion=repl))
    return issues
