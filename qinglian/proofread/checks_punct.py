"""标点关 checks (GB/T 15834-2011).

Half-width marks are only flagged when they touch Chinese text, so that standard numbers
(GB/T 9704-2012), decimals (3.5), times (15:40), URLs and English passages raise nothing.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from functools import cache

from .checks_number import predates, text_date
from .dataload import gated_finditer, is_cjk, lines_with, load_json, make_issue, rule_meta, windowed_finditer
from .model import Issue

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
# Spans that must never be touched by the half-width rules.
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://[^\s\u4e00-\u9fff，。；）]+|www\.[^\s\u4e00-\u9fff，。；）]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z0-9_-]+\.(?:docx?|pdf|xlsx?|txt|zip|ofd|wps)\b"
)
# Every protected span holds one of these (URL, www., e-mail, file name).
_PROTECTED_GATE = (re.compile(r"\."), re.compile(":"), re.compile("@"))
_CLOSERS_OK_BEFORE_DOT = set("”’）》%")
# "…………" (twelve dots) is the standard's form for whole paragraphs left out (GB/T 15834-2011 4.11).
_ELLIPSIS_RE = re.compile(r"\.{3,}|。{3,}|…{5,}|(?<!…)…{3}(?!…)|(?<!…)…(?!…)|·{3,}")
_DASH_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:--+|－－+|—{3,})(?=[\u4e00-\u9fff“])")
# Gates for gated_finditer: each match of the pattern above holds one on its line.
_ELLIPSIS_GATE = (re.compile(r"\.\.\."), re.compile("。。。"), re.compile("…"), re.compile("···"))
_DASH_GATE = (re.compile("--"), re.compile("－－"), re.compile("———"))
_DOUBLE_RE = re.compile(r"[，。、；：]{2,}")
_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "〔": "〕", "【": "】", "［": "］"}
_CLOSING = {v: k for k, v in _PAIRS.items()}
# The lines _brackets_and_quotes looks at: those holding an ASCII bracket or quote.
_ASCII_PAIR_GATE = (re.compile(r"\("), re.compile('"'), re.compile("'"))


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
# A single straight quote pair around Chinese text ('两个责任'): not an apostrophe of English (it's).
_STRAIGHT_SINGLE_RE = re.compile(r"(?<![A-Za-z])'([^'\n]{1,60})'(?![A-Za-z])")


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
    for m in _STRAIGHT_SINGLE_RE.finditer(line) if "'" in line else ():
        inner = m.group(1)
        if any(is_cjk(c) for c in inner) and not any(c.isascii() and c.isalpha() for c in inner):
            s, e = base + m.start(), base + m.end()
            issues.append(
                make_issue(
                    "PUNC-003", s, e, text, suggestion=f"‘{inner}’", message="中文文本中的单引号应为‘’（用于引号之内）"
                )
            )
    return issues


_MARK_RE = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSING) + "]")


_CLAUSE_END_RE = re.compile("[，。；！？]")
# The ASCII mark that, typed by mistake, closes or opens a pair begun with the full-width one.
_ASCII_CLOSER = {"“": '"', "（": ")"}
_ASCII_OPENER = {"”": '"', "）": "("}


def _line_end(text: str, pos: int) -> int:
    stop = text.find("\n", pos)
    return len(text) if stop == -1 else stop


@cache
def _quoted_terms() -> dict[str, tuple[str, ...]]:
    """Terms set in quotes by convention (structure.json "quoted_terms"), by their first two characters,
    longest first."""
    by_head: dict[str, list[str]] = {}
    for term in load_json("structure")["quoted_terms"]["terms"]:
        by_head.setdefault(term[:2], []).append(term)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_head.items()}


def _quoted_term_at(text: str, i: int) -> str | None:
    for term in _quoted_terms().get(text[i : i + 2], ()):
        if text.startswith(term, i) and text[i + len(term) : i + len(term) + 1] not in ("”", "’"):
            return term
    return None


_DRAFT_MARK_RE = re.compile(r"（[^（）《》\n]{0,8}草案[^（）《》\n]{0,4}）")
# ……，: the ellipsis ends the list itself; no 点号 follows it (the clause goes on without a comma).
_ELLIPSIS_MARK_RE = re.compile(r"……([，、；])")
# 会议指出：“……”。: a whole sentence quoted after a colon keeps its full stop inside the quotes. Quotations
# of writings (孙中山在《建国方略》中说：“……”。) are printed with the stop outside in published speeches, so
# only the verbs that report a meeting's or a speaker's statement are taken.
_COLON_QUOTE_STOP_RE = re.compile(r"(?:指出|强调|表示|要求)：“([^“”‘’。！？\n]{8,}?[\u4e00-\u9fff）])”。")
# 他说，“……。”: a speech verb before a quoted whole sentence takes a colon.
_SAY_COMMA_QUOTE_RE = re.compile(r"(?:(?<=[他她们长任记员表志])说|指出|强调|表示|写道)(，)(?=“[^“”\n]{4,}?[。！？]”)")


# 会议强调、要……: a 顿号 after the verb that reports a statement; the pause there is a comma.
_SAY_DUNHAO_RE = re.compile(r"(?<=会议|同志|书记|主任|报告|讲话)(?:指出|强调|要求|认为|表示)(、)(?=要|必须|应当|各)")


def _unclosed_one(text: str, o: str, j: int) -> Issue:
    """An opener left open at the end of its paragraph, reported where the fix goes: the ASCII
    mark that was meant to close it (“…" or （…)), else just before the first clause end after
    it (要深化“以学铸魂……以学促干，推动 → 以学促干”，), else at the opener itself."""
    closer = _PAIRS[o]
    stop = _line_end(text, j)
    ascii_close = _ASCII_CLOSER.get(o)
    if ascii_close:
        k = text.find(ascii_close, j + 1, stop)
        if k != -1:
            return make_issue(
                "PUNC-003" if o == "“" else "PUNC-002",
                k,
                k + 1,
                text,
                suggestion=closer,
                message=f"“{ascii_close}”应为全角“{closer}”，与前面的“{o}”配对",
            )
    term = _quoted_term_at(text, j + 1) if o == "“" else None
    if term:
        # 坚持“四下基层工作制度: the quoted term is known, so is where its closing mark goes.
        e = j + 1 + len(term)
        # The span holds the character after the insertion point too, as the clause-end guess below does.
        nxt = text[e : e + 1] if text[e : e + 1] not in ("\n", "\r") else ""
        return make_issue(
            "PUNC-004",
            j + 1,
            e + len(nxt),
            text,
            suggestion=term + closer + nxt,
            message=f"“{o}”缺少配对的“{closer}”：“{term}”习惯加引号，后引号应补在其后",
        )
    if o == "《":
        # 审议了《…条例（修订草案）的议案: a bill's title ends with its （草案） mark, so the 》 goes after it.
        d = _DRAFT_MARK_RE.search(text, j + 1, min(stop, j + 60))
        if d and "》" not in text[j + 1 : d.start()]:
            return make_issue(
                "PUNC-004",
                d.start(),
                d.end(),
                text,
                suggestion=d.group() + "》",
                message="“《”缺少配对的“》”：法规草案的名称以“（草案）”“（修订草案）”结尾，书名号应补在其后",
            )
    m = _CLAUSE_END_RE.search(text, j + 2, min(stop, j + 32))
    if m and not any(c in _PAIRS or c in _CLOSING for c in text[j + 1 : m.start()]):
        p = m.start()
        return make_issue(
            "PUNC-004",
            p - 1,
            p + 1,
            text,
            suggestion=text[p - 1] + closer + text[p],
            message=f"“{o}”缺少配对的“{closer}”，可能应补在“{text[p - 1]}”之后",
        )
    return make_issue("PUNC-004", j, j + 1, text, message=f"“{o}”缺少配对的“{closer}”")


def _unclosed(text: str, stack: list[tuple[str, int]]) -> list[Issue]:
    issues = []
    k = 0
    while k < len(stack):
        o, j = stack[k]
        if o == "“" and k + 1 < len(stack) and stack[k + 1][0] == "“":
            # “不想为、不敢为、不会为“问题: the second “ was meant to close the first.
            j2 = stack[k + 1][1]
            if not _CLAUSE_END_RE.search(text, j, j2):
                issues.append(
                    make_issue(
                        "PUNC-004", j2, j2 + 1, text, suggestion="”", message="此处应为后引号“””，与前面的“““”配对"
                    )
                )
                k += 2
                continue
        issues.append(_unclosed_one(text, o, j))
        k += 1
    return issues


def _orphan_closer(text: str, ch: str, i: int) -> Issue | None:
    """A closer with no opener: the ASCII opener typed instead ("…” or (…）) is the slip."""
    opener = _CLOSING[ch]
    ascii_open = _ASCII_OPENER.get(ch)
    if ascii_open:
        start = text.rfind("\n", 0, i) + 1
        k = text.rfind(ascii_open, start, i)
        if k != -1 and (ch != "）" or ")" not in text[k:i]):
            return make_issue(
                "PUNC-003" if ch == "”" else "PUNC-002",
                k,
                k + 1,
                text,
                suggestion=opener,
                message=f"“{ascii_open}”应为全角“{opener}”，与后面的“{ch}”配对",
            )
    if ch == "”":
        nxt = _QUOTE_CHARS_RE.search(text, i + 1, _line_end(text, i))
        if nxt and nxt.group() == "”":
            return make_issue("PUNC-004", i, i + 1, text, suggestion="“", message="此处应为前引号“““”，与后面的“””配对")
    return make_issue("PUNC-004", i, i + 1, text, message=f"“{ch}”缺少配对的“{opener}”")


_QUOTE_CHARS_RE = re.compile("[“”]")


_ORDINAL_CLOSER_RE = re.compile(r"[ \u3000\t]*\(?[一二三四五六七八九十\d]{1,3}）")


def _ordinal_closer(text: str, i: int) -> bool:
    m = _ORDINAL_CLOSER_RE.match(text, text.rfind("\n", 0, i) + 1)
    return bool(m) and m.end() == i + 1


def _continues_quote(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """At the line break i: a quotation that runs over several paragraphs opens each of them with “
    and closes only in the last (the Chinese convention), so an open “ whose next paragraph starts
    with “ is not unpaired yet."""
    if not stack or any(o not in "“‘" for o, _ in stack):
        return False
    j = i + 1
    while j < len(text) and text[j] in " \u3000\t\r":
        j += 1
    return j < len(text) and text[j] == "“"


def _closes_later(text: str, i: int, limit: int = 12) -> int:
    """Offset of the paragraph after the line break i when a later paragraph (within limit) closes
    the open quotation and none in between opens another: a multi-paragraph quotation whose middle
    paragraphs lack their opening “. -1 otherwise."""
    pos = i + 1
    for _ in range(limit):
        stop = text.find("\n", pos)
        line = text[pos:] if stop == -1 else text[pos:stop]
        balance = line.count("”") - line.count("“")
        if balance > 0:
            return i + 1
        if balance < 0 or stop == -1:
            return -1
        pos = stop + 1
    return -1


def _pairing(text: str) -> list[Issue]:
    """Unpaired marks and 外双内单 nesting, per paragraph (a quote rarely spans paragraphs in 公文,
    and when it does each paragraph opens with “: see _continues_quote).

    One scan of the whole text visits only the marks, instead of every character in Python; the
    line breaks (where the stack of the paragraph is reported and emptied) are looked for only
    while a mark is open. Nesting is judged
    when the inner pair closes: an inner “ after a clause end is more likely a new quotation after
    one left open than a nested one."""
    issues = []
    stack: list[tuple[str, int]] = []
    continuation = -1  # offset of the “ that only marks a continued quotation
    consumed = -1  # offset of a closer already accounted for (the partner of a reversed quote)
    prev = 0  # where the text after the last mark visited begins

    def line_breaks(stop: int) -> None:
        # The line breaks before stop: each one matters only while a mark is open, so they are
        # found with str.find from the last mark on, and only until the stack is empty.
        nonlocal stack, continuation
        i = text.find("\n", prev, stop)
        while i != -1 and stack:
            if _continues_quote(text, i, stack):
                continuation = text.index("“", i)
            else:
                nxt = _closes_later(text, i) if all(o == "“" for o, _ in stack) else -1
                if nxt != -1:
                    issues.append(
                        make_issue(
                            "PUNC-004",
                            nxt,
                            nxt + 1,
                            text,
                            confidence=0.6,
                            message="多段引文每段开头应加前引号“，只在最后一段末尾用后引号”",
                        )
                    )
                else:
                    issues.extend(_unclosed(text, stack))
                    stack = []
            i = text.find("\n", i + 1, stop)

    for m in _MARK_RE.finditer(text):
        ch, i = m.group(), m.start()
        if stack:
            line_breaks(i)
        prev = i + 1
        if i in (continuation, consumed):
            continue
        elif ch in _PAIRS:
            stack.append((ch, i))
        else:
            opener = _CLOSING[ch]
            if stack and stack[-1][0] == opener:
                _o, j = stack.pop()
                issues += _nesting(text, stack, opener, j)
            elif any(o == opener for o, _ in stack):
                # Something inside was not closed: report the inner opener, then recover.
                while stack and stack[-1][0] != opener:
                    o, j = stack.pop()
                    issues.append(_unclosed_one(text, o, j))
                stack.pop()
            elif not (ch == "）" and not stack and _ordinal_closer(text, i)):
                # A heading mark "一）" or "(1）" is FMT-010's: one finding for one slip.
                issue = _orphan_closer(text, ch, i)
                if issue.rule == "PUNC-004" and issue.suggestion == "“":
                    consumed = text.index("”", i + 1)
                issues.append(issue)
    if stack:
        line_breaks(len(text))
    return issues + _unclosed(text, stack)


def _nesting(text: str, stack: list[tuple[str, int]], opener: str, j: int) -> list[Issue]:
    if opener == "“" and not any(o == "‘" for o, _ in stack):
        outer = next((k for o, k in reversed(stack) if o == "“"), None)
        if outer is not None and not _CLAUSE_END_RE.search(text, outer, j):
            return [
                make_issue("PUNC-005", j, j + 1, text, suggestion="‘", message="引号内再用引号应改用单引号（外双内单）")
            ]
    if opener == "《" and stack and stack[-1][0] == "《":
        return [
            make_issue(
                "PUNC-005", j, j + 1, text, suggestion="〈", message="书名号内再用书名号应改用单书名号〈〉（外双内单）"
            )
        ]
    return []


# (rule, pattern, suggestion, gate or None when the pattern opens with a literal already)
_SIMPLE = [
    # Not before a word that starts with 等 (自愿、等价有偿; 规格、等级).
    ("PUNC-009", re.compile(r"、(?=等(?![价级同量额值效距高候待于号次第]))"), "", None),
    ("PUNC-010", re.compile(r"(?<=”)、(?=“)|(?<=》)、(?=《)"), "", (re.compile("”、“"), re.compile("》、《"))),
    ("PUNC-011", re.compile(r"(?<=\d)[~〜](?=\d)"), "～", (re.compile("~"), re.compile("〜"))),
    ("PUNC-012", re.compile(r"……(?=等)"), "……", None),
]


def check_punctuation(text: str, document_date: _dt.date | None = None) -> list[Issue]:
    """All punctuation rules. document_date: the 成文日期 from the upload form; without it a rule that
    came in with GB/T 15834-2011 reads the text's own date when it has a finding (text_date).

    Apart from the ASCII brackets and quotes, whose patterns could cross a line break, every pattern
    runs once over the whole text: none of them matches '\n' or '\r' at a line edge, so the matches are
    those of the old per-line loop."""
    spans = _protected(text)
    issues = _halfwidth(text, spans)
    if "(" in text or '"' in text or "'" in text:
        for base, line in lines_with(text, _ASCII_PAIR_GATE):
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
            if code == "PUNC-012":
                # A rule of the standard's normative appendix A, not a preference: an error.
                issues.append(make_issue(code, s, e, text, suggestion="", confidence=0.9))
            else:
                issues.append(make_issue(code, s, e, text, suggestion=repl))
    return issues + _usage(text, spans, document_date)


# --- Usage rules added for issue #15: forms drafters really get wrong --------------------------

_CJK = "\u4e00-\u9fff"
# A hyphen for a range of years (2021-2025年, 2021年-2025年) or of months and days (3月-5月):
# 时间的起止 takes the 一字线. Dates written 2024-03-05 have no 年 after them and are not matched.
_YEAR_RANGE_RE = re.compile(r"(?<![A-Za-z0-9_/.\-－])(?:19|20)\d{2}年?([-－])(?:19|20)\d{2}年")
_MONTH_RANGE_RE = re.compile(r"(?<![A-Za-z0-9_/.\-－])\d{1,2}月(?:\d{1,2}日)?([-－])\d{1,2}[月日]")
# A hyphen in a range of values with a unit (3-5天) is NUM-017's (checks_number).
# Patterns below open with a literal or a small class where they can: the regex engine then skips
# ahead in C instead of trying a look-behind at every position of the text.
_CJK_HYPHEN_RE = re.compile(rf"-(?<=[{_CJK}]-)(?=[{_CJK}])")
# Both range patterns hold a hyphen followed by a digit.
_RANGE_GATE = (re.compile(r"-\d"), re.compile(r"－\d"))
# A quoted phrase (not a sentence after a colon) with the full stop inside: 落实“两个责任。”
_PHRASE_STOP_RE = re.compile(r"“([^“”‘’。！？，；：、\n]{1,10})。”")
# The sentence was closed inside the quotation already: “……。”。 or “……。”，
_STOP_THEN_MARK_RE = re.compile(r"。[”’][。，；、：]")
_QMARK_MIX_RE = re.compile(r"[，。、；：][？！]|[？！][，。、；：]")
# Every match of it starts at most one character before its ？ or ！ (for windowed_finditer).
_QMARK_MIX_GATE = (re.compile("？"), re.compile("！"))
# An indirect question: a verb of finding out governs the question word, and the whole sentence
# states something; no colon or comma sets a direct question apart, no 吗/呢 ends it.
_INDIRECT_Q_RE = re.compile(
    rf"(?:不知道|不清楚|不明白|弄清楚?|搞清楚?|查明|了解|研究|分析|探讨|调查|询问)"
    rf"[{_CJK}]{{0,8}}?(?:什么|怎么|怎样|如何|为什么|为何|是否|能否|多少|哪些|哪里)"
    rf"[^，。；：！？、“”\n]{{0,30}}(?<![吗呢吧么])？"
)
# A sentence that asks: 请问… or …吗 closed with a full stop.
_ASKING_STOP_RE = re.compile(r"请问[^。！？；\n]{2,40}(。)|吗(。)")
# A request or instruction closed with a question mark: 请各单位认真组织实施？ (no question word).
_REQUEST_Q_RE = re.compile(r"(?:请|务必|望)[^。！？；：\n]{2,60}？")
_QUESTION_WORDS_RE = re.compile(
    r"吗|呢|么|吧|什么|怎|如何|为何|为什么|是否|能否|可否|多少|哪|谁|几|难道|岂|何|是不是|有没有|能不能|可不可以|要不要|还是"
)
_COMMA_IN_QUOTE_RE = re.compile(r"[，、]”(?=[\u4e00-\u9fff])")
_QUESTION_GATE = re.compile("？")
_INTERPUNCTS = "•・‧∙"
# A full-width point typed for the full stop (抓好落实．): not in 1．5 or after a heading number.
_FULLWIDTH_POINT_RE = re.compile(rf"．(?<=[{_CJK}”’）》]．)(?![\d０-９])")
# A colon-introduced enumeration of short items whose separators mix 、 and ；: 自查、实地检查；总结报告。
_MIXED_LIST_RE = re.compile(r"：([^，。：；、\n]{1,10}(?:[、；][^，。：；、\n]{1,10}){2,})。")
_INTERPUNCT_RE = re.compile(rf"[•・‧∙](?<=[{_CJK}].)(?=[{_CJK}])")
# 序次语 “第一”“首先” with a 顿号 (not 第一、二季度, a shortened 第一、第二季度).
_ORDINAL_DUNHAO_RE = re.compile(
    r"(?:第[一二三四五六七八九十]{1,2}|首先|其次|再次|其一|其二|其三)、(?![一二三四五六七八九十\d])"
)
# The 、 of such a match, led by its literal (found fast; the pattern's own head is a class tried at
# every character): a match starts at most three characters before it (windowed_finditer).
_ORDINAL_DUNHAO_GATE = re.compile(
    r"、(?:(?<=第[一二三四五六七八九十]、)|(?<=第[一二三四五六七八九十]{2}、)|(?<=首先、)|(?<=其次、)"
    r"|(?<=再次、)|(?<=其一、)|(?<=其二、)|(?<=其三、))"
)
_ANGLE_TITLE_RE = re.compile(rf"<([{_CJK}][^<>\n\d=]{{0,40}}?[{_CJK}])>")
_SINGLE_TITLE_RE = re.compile(r"〈[^〈〉《》\n]{1,40}〉")
# A full stop written as '.' after a number at the end of a Chinese paragraph (达到100.).
_DIGIT_STOP_RE = re.compile(r"\d%?(\.)(?=[”’]?\r?$)", re.M)
_NUMBER_BEFORE_RE = re.compile(r"[\d.]*%?\.?$")
_POINT_GATE = re.compile(r"\.")  # _DIGIT_STOP_RE starts at most two characters before its '.'


def _outside_titles(text: str, pos: int) -> bool:
    """No 《 is open before pos in its paragraph (〈〉 inside 《》 is the nested form)."""
    line_start = text.rfind("\n", 0, pos) + 1
    seg = text[line_start:pos]
    return seg.count("《") <= seg.count("》")


# GB/T 15834-2011 first wrote down that 序次语 take a comma; before it took effect (structure.json
# "standards") 第一、 was the common usage of published text (the 1979 government work report).
_PERIOD_ORDINAL_CONFIDENCE = 0.5
_PERIOD_ORDINAL_NOTE = "（本文成文早于GB/T 15834-2011施行（2012年6月1日），“第一、”是当时通行写法，仅供参考）"


def _usage(text: str, spans, document_date: _dt.date | None = None) -> list[Issue]:
    issues = []

    def add(code, s, e, suggestion=None, message=None, confidence=None):
        if spans[0] and _inside(spans, s):
            return
        issues.append(make_issue(code, s, e, text, suggestion=suggestion, message=message, confidence=confidence))

    if "-" in text or "－" in text:
        for pattern, fix, what in (
            (_YEAR_RANGE_RE, "—", "时间的起止用一字线“—”"),
            (_MONTH_RANGE_RE, "—", "时间的起止用一字线“—”"),
        ):
            for m in gated_finditer(pattern, text, _RANGE_GATE):
                # "－" and a published title (《2018－2022年全国干部教育培训规划》) are seen in official
                # releases: cited as published, so only a suggestion there.
                cited = m.group(1) == "－" or not _outside_titles(text, m.start())
                add("PUNC-013", m.start(1), m.end(1), fix, f"连接号不规范：{what}", 0.6 if cited else None)
    if "-" in text:
        for m in _CJK_HYPHEN_RE.finditer(text):
            add("PUNC-013", m.start(), m.end(), "—", "中文之间不用短横线“-”：起止用一字线“—”，解释说明用破折号“——”")
    if "。”" in text or "。’" in text:
        for m in _PHRASE_STOP_RE.finditer(text):
            if not (m.start() and is_cjk(text[m.start() - 1])):
                continue  # after a colon, or opening the paragraph: a quoted sentence
            stop = m.end() - 2
            add("PUNC-014", stop, m.end(), "”。", "引号内是句子的一个成分，句号应放在引号之外")
        for m in _STOP_THEN_MARK_RE.finditer(text):
            mark = m.group()[-1]
            at = m.end() - 1
            add("PUNC-014", at, at + 1, "" if mark == "。" else None, f"引号内已有句号，引号外不再用“{mark}”")
    if "？" in text or "！" in text:
        for m in windowed_finditer(_QMARK_MIX_RE, text, _QMARK_MIX_GATE, 1):
            add("PUNC-006", m.start(), m.end(), None, f"标点“{m.group()}”重复")
        if "？" in text:
            # Its ？ ends it and nothing in it crosses a line: only lines with a ？ are searched.
            for m in gated_finditer(_INDIRECT_Q_RE, text, _QUESTION_GATE):
                add("PUNC-015", m.end() - 1, m.end(), "。")
            for m in gated_finditer(_REQUEST_Q_RE, text, _QUESTION_GATE):
                opens = not m.start() or text[m.start() - 1] in "。！？；：\n"
                if opens and not _QUESTION_WORDS_RE.search(m.group()):
                    add("PUNC-019", m.end() - 1, m.end(), "。", "祈使句末尾用句号，不用问号")
    if "请问" in text or "吗。" in text:
        for m in _ASKING_STOP_RE.finditer(text):
            g = 1 if m.group(1) else 2
            if g == 1 and m.start() and text[m.start() - 1] not in "。！？；：\n":
                continue  # 请问 opens the sentence
            if g == 2 and not (m.start() and is_cjk(text[m.start() - 1])):
                continue
            add("PUNC-019", m.start(g), m.end(g), "？", "疑问句末尾应用问号")
    if "，”" in text or "、”" in text:
        # 要坚持“一线工作法，”把问题解决在基层: the comma belongs outside the quoted phrase.
        for m in _COMMA_IN_QUOTE_RE.finditer(text):
            opened = text.rfind("“", 0, m.start())
            if opened > 0 and text[opened - 1] in "：:":
                continue  # a quoted sentence (他说：“好，”然后……) keeps its own comma
            add("PUNC-014", m.start(), m.end(), "”" + m.group()[0], "句内点号应放在引号之外")
    if "．" in text:
        for m in _FULLWIDTH_POINT_RE.finditer(text):
            add("PUNC-001", m.start(), m.end(), "。", "句末应用句号“。”，不用全角点“．”")
    if "；" in text:
        for m in _MIXED_LIST_RE.finditer(text):
            body = m.group(1)
            if "、" not in body:
                continue
            groups = [g.split("、") for g in body.split("；")]
            # a、b；c、d is a list of groups; a、b；c mixes the separators of one list.
            if len(groups) >= 2 and any(len(g) == 1 for g in groups) and any(len(g) >= 2 for g in groups):
                k = m.start(1) + body.index("、")
                add("PUNC-020", k, k + 1, None)
    for m in _INTERPUNCT_RE.finditer(text) if any(c in text for c in _INTERPUNCTS) else ():
        add("PUNC-016", m.start(), m.end(), "·")
    if "、" in text:
        period = None  # the text's date is read once, on the first finding
        for m in windowed_finditer(_ORDINAL_DUNHAO_RE, text, _ORDINAL_DUNHAO_GATE, 3):
            if not m.start() or text[m.start() - 1] in "。；：！？ \u3000\t\r\n":
                if period is None:
                    period = predates("GB/T 15834-2011", document_date or text_date(text))
                if period:
                    note = rule_meta("PUNC-017")["message"] + _PERIOD_ORDINAL_NOTE
                    add("PUNC-017", m.end() - 1, m.end(), "，", note, _PERIOD_ORDINAL_CONFIDENCE)
                else:
                    add("PUNC-017", m.end() - 1, m.end(), "，")
    if "<" in text:
        for m in _ANGLE_TITLE_RE.finditer(text):
            before = text[m.start() - 1] if m.start() else ""
            if before == "<" or (before.isascii() and (before.isalnum() or before == "_")):
                continue
            outer = _outside_titles(text, m.start())
            add("PUNC-018", m.start(), m.end(), f"《{m.group(1)}》" if outer else f"〈{m.group(1)}〉")
    if "〈" in text:
        for m in _SINGLE_TITLE_RE.finditer(text):
            if _outside_titles(text, m.start()):
                add("PUNC-018", m.start(), m.end(), f"《{m.group()[1:-1]}》")
    if "……" in text:
        for m in _ELLIPSIS_MARK_RE.finditer(text):
            add("PUNC-021", m.start(1), m.end(1), "")
    if "”。" in text:
        for m in gated_finditer(_COLON_QUOTE_STOP_RE, text, re.compile("：“")):
            add(
                "PUNC-014",
                m.end() - 2,
                m.end(),
                "。”",
                "冒号引出的完整引语，句末句号放在引号之内",
                0.85,
            )
    if "、" in text:
        for m in gated_finditer(_SAY_DUNHAO_RE, text, re.compile(r"、(?<=[出调求为示]、)")):
            add("PUNC-022", m.start(1), m.end(1), "，", "“指出”“强调”等之后的停顿用逗号（或冒号），不用顿号")
    if "，“" in text:
        for m in gated_finditer(_SAY_COMMA_QUOTE_RE, text, re.compile("，“")):
            add("PUNC-022", m.start(1), m.end(1), "：")
    if "." in text:
        for m in windowed_finditer(_DIGIT_STOP_RE, text, _POINT_GATE, 2):
            head = _NUMBER_BEFORE_RE.search(text, max(0, m.start() - 20), m.start() + 1)
            if not (head and head.start() and is_cjk(text[head.start() - 1])):
                continue  # a number after Chinese text (达到100.), not a code or a heading mark
            add("PUNC-001", m.start(1), m.end(1), "。", "中文文本中的“.”应为句号“。”")
    return issues
