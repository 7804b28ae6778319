"""Loading of the versioned data files and the shared Issue factory.

Everything is loaded lazily once per process (functools.cache) so that a web worker pays the
cost on the first check only, and checks themselves never touch the disk.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from .model import HIGH_CONFIDENCE, Category, Issue, Severity

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_json(name: str) -> dict[str, Any]:
    """Load data/<name>.json; every file carries a "version" field that we require."""
    path = DATA_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    if "version" not in data:
        raise ValueError(f"数据文件缺少 version 字段：{path}")
    return data


def data_versions() -> dict[str, str]:
    """Versions of all data files, for reports and the CLI's JSON output."""
    return {p.stem: load_json(p.stem)["version"] for p in sorted(DATA_DIR.glob("*.json"))}


@cache
def all_rules() -> dict[str, dict[str, str]]:
    """rules.json, plus the "rules" of any other data file: a check family registers its codes
    beside its own data, and a code registered twice is a mistake we refuse."""
    rules = dict(load_json("rules")["rules"])
    for path in sorted(DATA_DIR.glob("*.json")):
        if path.stem == "rules":
            continue
        for code, meta in load_json(path.stem).get("rules", {}).items():
            if code in rules:
                raise ValueError(f"规则编号重复登记：{code}（{path.name}）")
            rules[code] = meta
    return rules


def rule_meta(code: str) -> dict[str, str]:
    rules = all_rules()
    if code not in rules:
        raise KeyError(f"未登记的规则编号：{code}")
    return rules[code]


def make_issue(
    code: str,
    start: int,
    end: int,
    text: str,
    *,
    suggestion: str | None = None,
    message: str | None = None,
    severity: str | Severity | None = None,
    basis: str | None = None,
    confidence: float | None = None,
    entry: str = "",
) -> Issue:
    """Build an Issue, filling category, message and basis from rules.json.

    Confidence decides severity: at or above HIGH_CONFIDENCE an error, else a suggestion. A rule's
    default confidence is in rules.json; a caller passes its own where the evidence is stronger or
    weaker (an explicit severity is kept for the callers that state one)."""
    meta = rule_meta(code)
    if confidence is None:
        if severity is not None:
            confidence = 0.95 if Severity.parse(severity) is Severity.ERROR else 0.6
        else:
            confidence = default_confidence(code)
    if severity is None:
        severity = Severity.ERROR if confidence >= HIGH_CONFIDENCE else Severity.SUGGESTION
    return Issue(
        start=start,
        end=end,
        category=Category(meta["category"]),
        severity=Severity.parse(severity),
        message=message or meta["message"],
        suggestion=suggestion,
        rule=code,
        basis=basis or meta["basis"],
        text=text[start:end],
        confidence=confidence,
        entry=entry,
    )


@cache
def default_confidence(code: str) -> float:
    """rules.json's "confidence", else 0.95 for a rule registered as 错误 and 0.6 for 建议."""
    meta = rule_meta(code)
    if "confidence" in meta:
        return float(meta["confidence"])
    return 0.95 if meta["severity"] == Severity.ERROR.value else 0.6


CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


def iter_lines(text: str):
    """Yield (start_offset, line) for each paragraph (a '\n'-separated line)."""
    pos = 0
    for line in text.split("\n"):
        # A trailing CR (Windows line ends) is dropped from the line but kept in the offsets.
        yield pos, line[:-1] if line.endswith("\r") else line
        pos += len(line) + 1


def gated_finditer(pattern: re.Pattern, text: str, gate: re.Pattern | tuple[re.Pattern, ...]):
    """The matches of pattern.finditer(text), found by running pattern only over the lines where
    gate matches (or, for a tuple of gates, one of them).

    Most rule patterns open with a look-behind or a group, so the regex engine tries them at every
    position of the text; a gate that opens with a literal or a small class is found in C many
    times faster. Exact when (1) no match of pattern includes or looks ahead onto a '\n' (the
    end of the line then acts as the '\n' did), and (2) every match holds a match of gate on its
    own line. Look-behinds still see the text before the line (pos keeps the real string start).

    A gate that opens with one literal character is found by the engine's fast literal search; a
    class ([.:@]) is tested at every character, several times slower: a tuple of literal-led
    gates (".", ":", "@") does better.
    """
    if isinstance(gate, tuple):
        for base, stop in _gated_lines(text, gate):
            yield from pattern.finditer(text, base, stop)
        return
    stop = -1
    for g in gate.finditer(text):
        if g.start() < stop:
            continue  # this line was scanned already
        base = text.rfind("\n", 0, g.start()) + 1
        stop = text.find("\n", g.start())
        if stop == -1:
            stop = len(text)
        yield from pattern.finditer(text, base, stop)


def _gated_lines(text: str, gates: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    """(start, end) of each line where one of the gates matches, in text order."""
    lines: dict[int, int] = {}
    for gate in gates:
        stop = -1
        for g in gate.finditer(text):
            if g.start() < stop:
                continue
            base = text.rfind("\n", 0, g.start()) + 1
            stop = text.find("\n", g.start())
            if stop == -1:
                stop = len(text)
            lines[base] = stop
    return sorted(lines.items())


def lines_with(text: str, gates: tuple[re.Pattern, ...]):
    """(start_offset, line) as iter_lines gives them, for only the lines where a gate matches."""
    for base, stop in _gated_lines(text, gates):
        line = text[base:stop]
        yield base, line[:-1] if line.endswith("\r") else line


@cache
def _after_newline(pattern: re.Pattern) -> re.Pattern:
    if not (pattern.flags & re.M and pattern.pattern.startswith("^")):
        raise ValueError(f"需要以 ^ 开头的多行模式：{pattern.pattern}")
    return re.compile("\n" + pattern.pattern[1:], pattern.flags)


def line_start_finditer(pattern: re.Pattern, text: str):
    """Exactly pattern.finditer(text) for a re.M pattern that opens with ^ and whose matches hold
    no '\n': the regex engine tries a ^ at every position, but finds a literal '\n' in C.

    A match at a line start p > 0 is a match of '\n' + the rest at p - 1; pattern.match(text, p)
    then gives the very match finditer gives (in multi-line mode ^ looks at the character
    before p in the string itself)."""
    m = pattern.match(text)
    if m:
        yield m
    match = pattern.match
    for c in _after_newline(pattern).finditer(text):
        yield match(text, c.start() + 1)


SENTENCE_END_RE = re.compile(r"[。！？；\n]")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the sentence containing pos (used for context guards)."""
    start = pos
    while start > 0 and text[start - 1] not in "。！？；\n":
        start -= 1
    m = SENTENCE_END_RE.search(text, pos)
    return start, (m.start() if m else len(text))


def _top_level_branches(source: str) -> list[str] | None:
    """The pattern's top-level alternatives, or None when its syntax is beyond this small scanner
    (a verbose pattern, a global flag group)."""
    if source.startswith("(?") and not source.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?P")):
        return None
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":
                i += 1  # a ']' first in a class is a literal
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(source[start:i])
            start = i + 1
        i += 1
    branches.append(source[start:])
    return branches if depth == 0 and not in_class else None


def _group_end(source: str, i: int) -> int:
    """Index just past the group that opens at source[i]."""
    depth, in_class = 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(source)


@cache
def start_gate(pattern: re.Pattern) -> re.Pattern | None:
    """The pattern without the look-behinds that open its alternatives, or None when none does.

    A pattern that opens with a look-behind defeats the regex engine's literal-prefix search: it
    is tried at every position of the text. Without them the engine skips straight to the places
    where the rest can begin — a superset of the places where the pattern matches (a dropped
    assertion only ever forbids a match), on which fast_finditer then tries the pattern itself."""
    branches = _top_level_branches(pattern.pattern)
    if branches is None:
        return None
    stripped, changed = [], False
    for branch in branches:
        while branch.startswith(("(?<=", "(?<!")):
            end = _group_end(branch, 0)
            if re.search(r"\((?!\?)|\(\?P<", branch[:end]):
                return None  # a capturing group would renumber the groups behind it
            branch, changed = branch[end:], True
        if not branch:
            return None  # an alternative that is only an assertion: no position to gate on
        stripped.append(branch)
    if not changed:
        return None
    try:
        return re.compile("|".join(stripped), pattern.flags)
    except re.error:
        return None


@cache
def literal_anchor(pattern: re.Pattern) -> tuple[re.Pattern, int] | None:
    """(gate, back) for windowed_finditer when the pattern does not open with a literal but holds
    one at a fixed distance from the start of every match (([省市县区镇])\\1委: 委, two characters
    in); None otherwise, or when the pattern's syntax is beyond this look (flags, variable width)."""
    if pattern.flags & ~re.UNICODE:
        return None
    try:
        from re import _constants as sre
        from re import _parser

        items = _parser.parse(pattern.pattern, pattern.flags)
        offset, opened = 0, False
        for k, (op, av) in enumerate(items):
            if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
                continue  # zero width
            if op is sre.LITERAL:
                if not opened:
                    return None  # opens with its literal: the engine's own search is fast already
                return re.compile(re.escape(chr(av))), offset
            lo, hi = items[k : k + 1].getwidth()
            if lo != hi:
                return None
            offset, opened = offset + lo, True
    except Exception:  # a private parser: whatever it does in another version, fall back
        return None
    return None


def fast_finditer(
    pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None, gate: re.Pattern | None = None
):
    """Exactly the matches of pattern.finditer(text, pos, endpos), found faster when the pattern
    opens with look-behinds (see start_gate) or the caller gives a gate: a pattern every match of
    which also matches at its start (the pattern without its opening assertions). The gate finds
    the next position where a match can start, the pattern is tried there (match() at a position
    sees the whole string, look-behinds included), and the scan resumes after a match as finditer
    does."""
    if endpos is None:
        endpos = len(text)
    gate = gate or start_gate(pattern)
    if gate is None:
        yield from pattern.finditer(text, pos, endpos)
        return
    search, match = gate.search, pattern.match
    while True:
        g = search(text, pos, endpos)
        if g is None:
            return
        at = g.start()
        m = match(text, at, endpos)
        if m is None:
            pos = at + 1
        elif m.end() == at:
            # An empty match: finditer's rules for what may follow it are its own; let it go on.
            yield from pattern.finditer(text, at, endpos)
            return
        else:
            yield m
            pos = m.end()


def windowed_finditer(pattern: re.Pattern, text: str, gate: re.Pattern | tuple[re.Pattern, ...], back: int):
    """Exactly the matches of pattern.finditer(text), when every match starts at most `back`
    characters before the start of a match of gate.finditer(text) (of one of the gates, for a
    tuple): a literal inside the pattern reached by a bounded prefix, 日 in 3月5日（星期二）.

    The pattern is tried only at those positions, in text order: the first that matches is the
    leftmost match finditer would give, and the scan resumes at its end as finditer does. Unlike
    gated_finditer, matches may run across lines."""
    gates = gate if isinstance(gate, tuple) else (gate,)
    if len(gates) == 1:
        anchors = (g.start() for g in gates[0].finditer(text))
    else:
        anchors = iter(sorted({g.start() for one in gates for g in one.finditer(text)}))
    pos = 0  # no match may start before this (the end of the last one)
    tried = 0  # positions below this have been tried already
    match = pattern.match
    for anchor in anchors:
        at = max(pos, tried, anchor - back)
        while at <= anchor:
            m = match(text, at)
            if m is None:
                at += 1
                continue
            if m.end() == at:
                # An empty match: finditer's rules for what may follow it are its own.
                yield from pattern.finditer(text, at)
                return
            yield m
            pos = at = m.end()
        tried = max(tried, at)
