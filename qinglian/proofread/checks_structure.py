"""格式关 on the text level: title and heading punctuation, 结构层次序数 marks and sequence."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from .checks_number import DOCNUM_RE, date_line
from .dataload import fast_finditer, iter_lines, line_start_finditer, make_issue
from .model import Issue
from .numerals import cn_to_int, int_to_cn

_CN = "一二三四五六七八九十"
LEVEL_RES = (
    re.compile(rf"^([{_CN}]+)、(?![{_CN}])"),  # not "一、二季度"
    re.compile(rf"^（([{_CN}]+)）"),
    re.compile(r"^(\d{1,2})[.．](?!\d)"),  # "1．" with a full-width point is the common typeset form
    re.compile(r"^（(\d{1,2})）"),
)
# Wrong heading marks: (pattern, level, message, confidence, fix template). "1、" breaks GB/T 15834's
# rule that Arabic ordinals take the 下脚点 (not "1、2月" or "1、2号楼"); "1)" may be a house style
# for a fifth level, so it is only a suggestion.
_WRONG_MARKS = (
    (re.compile(r"^(\d{1,2})、(?!\d)"), 2, "第三层序数应写作“{n}.”（阿拉伯数字加下脚点），不用顿号", 0.85, "{n}."),
    (re.compile(rf"^（([{_CN}]+)）[、，．.]"), 1, "括号序数后不再加标点", 0.95, "（{n}）"),
    (re.compile(r"^（(\d{1,2})）[、，．.]"), 3, "括号序数后不再加标点", 0.95, "（{n}）"),
    (re.compile(rf"^(?:\(|（(?=[{_CN}]+\)))([{_CN}]+)[)）]"), 1, "序数括号应为全角“（）”", 0.95, "（{n}）"),
    (re.compile(r"^(?:\(|（(?=\d{1,2}\)))(\d{1,2})[)）]"), 3, "序数括号应为全角“（）”", 0.95, "（{n}）"),
    (re.compile(rf"^([{_CN}]+)）"), 1, "序数缺少前括号，应写作“（{n}）”", 0.9, "（{n}）"),
    (re.compile(r"^(\d{1,2})[)）](?!\d)"), 3, "第四层序数应写作“（{n}）”", 0.6, "（{n}）"),
    (re.compile(rf"^([{_CN}]+)[．.，,](?![{_CN}])"), 0, "第一层序数应写作“{n}、”", 0.95, "{n}、"),
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
    last: int = 0  # the number of the last item run on in the same paragraph (（一）…；（二）…), else number


def _strip(line: str) -> tuple[int, str]:
    stripped = line.lstrip(" \u3000\t")
    return len(line) - len(stripped), stripped


# Every valid or wrong heading mark starts (after blanks) with one of these characters, so only
# the lines this finds are matched against the ten mark patterns.
_HEAD_START_RE = re.compile(rf"^[ \u3000\t]*[{_CN}（(\d]", re.M)
_ATTACH_START_RE = re.compile(r"^[ \u3000\t]*附件", re.M)


def _lines_at(text: str, pattern: re.Pattern):
    """(start offset, line) of each line where pattern matches at the line start, as iter_lines gives them."""
    for c in line_start_finditer(pattern, text):
        base = c.start()
        stop = text.find("\n", base)
        line = text[base:] if stop == -1 else text[base:stop]
        yield base, line[:-1] if line.endswith("\r") else line


# Items of the same level run on inside the paragraph after a semicolon or full stop.
_INLINE_RES = (
    re.compile(rf"[；;。]\s*([{_CN}]+)、(?![{_CN}])"),
    re.compile(rf"[；;。，]\s*[（(]([{_CN}]+)[）)]"),
    re.compile(r"[；;。]\s*(\d{1,2})[.．](?!\d)"),
    re.compile(r"[；;。，]\s*[（(](\d{1,2})[）)]"),
)


def _run_on(level: int, number: int, rest: str) -> int:
    last = number
    for m in _INLINE_RES[level].finditer(rest):
        if cn_to_int(m.group(1)) == last + 1:
            last += 1
    return last


def find_headings(text: str) -> list[Heading]:
    """Headings with a valid or a repairable mark, in document order."""
    found = []
    for base, line in _lines_at(text, _HEAD_START_RE):
        lead, s = _strip(line)
        for level, pattern in enumerate(LEVEL_RES):
            m = pattern.match(s)
            if m:
                n = cn_to_int(m.group(1)) or 0
                last = _run_on(level, n, s[m.end() :])
                found.append(Heading(level, n, base + lead, base + lead + m.end(), s, last))
                break
        else:
            for pattern, level, *_ in _WRONG_MARKS:
                m = pattern.match(s)
                if m:
                    n = cn_to_int(m.group(1)) or 0
                    found.append(Heading(level, n, base + lead, base + lead + m.end(), s, n))
                    break
    return found


def check_marks(text: str) -> list[Issue]:
    issues = []
    for base, line in _lines_at(text, _HEAD_START_RE):
        lead, s = _strip(line)
        for pattern, _level, message, confidence, fix in _WRONG_MARKS:
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
                        confidence=confidence,
                        message=message.format(n=n),
                    )
                )
                break
    return issues


# A line that opens an article, chapter, section or part of a regulation (第十条 …, 第二章 总则):
# item numbering (（一）（二）…, 一、二、…) restarts under each of them.
_SCOPE_RE = re.compile(
    rf"^[ \u3000\t]*第([{_CN}百零〇两]+)(条|章|节|编|部分)(之[{_CN}]+)?(?=[ \u3000\t]|$|[^款项])", re.M
)
_SCOPE_GATE = re.compile("第")
_QUOTE_RE = re.compile("[“”]")
_LIST_OPENER_END = ("：", ":", "：”", "：’")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted material that runs over more than one paragraph (an amended article quoted in a
    决定, a passage quoted in a speech). By the Chinese convention each paragraph of such a quote opens
    with “ and only the last one closes, so a “ at a paragraph start inside a quote adds no depth.
    A quote that never closes gives no span: PUNC-004 reports it, and it must not mute the rest."""
    spans = []
    depth, opened, crossed = 0, 0, False
    prev = -1  # offset of the previous quotation mark
    # Only the quotation marks are visited: a line break between two of them is found in C.
    for m in _QUOTE_RE.finditer(text) if "“" in text else ():
        ch = m.group()
        broke = text.find("\n", prev + 1, m.start()) != -1
        if broke and depth > 0:
            crossed = True
        line_start = prev == -1 or broke
        prev = m.start()
        at_start = line_start and not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" \u3000\t")
        if ch == "“":
            if depth and at_start:
                continue
            if not depth:
                opened, crossed = m.start(), False
            depth += 1
        elif depth:
            depth -= 1
            if not depth and crossed:
                spans.append((opened, m.end()))
    return spans


_AFTER_ANY = 1 << 62  # sorts a (pos, _AFTER_ANY) probe after every span starting at pos


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    # The spans are disjoint and in text order: only the last one starting at or before pos can hold it.
    k = bisect_right(spans, (pos, _AFTER_ANY)) - 1
    return k >= 0 and pos < spans[k][1]


def _gap(text: str, stop: int, start: int) -> tuple[bool, bool]:
    """Whether body paragraphs lie between two numbered lines, and whether the last of them opens a
    list (ends with a colon: 有下列情形之一的：)."""
    between = text[stop:start].strip(" \u3000\t\r\n")
    if not between:
        return False, False
    return True, between.endswith(_LIST_OPENER_END)


def _line_end(text: str, pos: int) -> int:
    stop = text.find("\n", pos)
    return len(text) if stop == -1 else stop


# A heading mark anywhere after a sentence end: where a conversion ran a heading into the paragraph
# before it (……报告。（二）加强……), the numbering is still continuous.
_ANYWHERE_BODIES = (rf"([{_CN}]+)、(?![{_CN}])", rf"（([{_CN}]+)）", r"(\d{1,2})[.．](?!\d)", r"（(\d{1,2})）")
_ANYWHERE_RES = tuple(re.compile(r"(?:(?<=[。；！？：\s])|^)" + body, re.M) for body in _ANYWHERE_BODIES)
# The marks alone: the regex engine skips to them in C, where the patterns above, opening with an
# assertion, are tried at every character (fast_finditer).
_ANYWHERE_GATES = tuple(re.compile(body, re.M) for body in _ANYWHERE_BODIES)


def _run_into_text(text: str, level: int, start: int, end: int, expected: int, found: int) -> bool:
    """Whether the marks expected … found-1 of this level stand, in order, between start and end."""
    want = expected
    for m in fast_finditer(_ANYWHERE_RES[level], text, start, end, _ANYWHERE_GATES[level]):
        if cn_to_int(m.group(1)) == want:
            want += 1
            if want == found:
                return True
    return False


# The canonical mark of each level (GB/T 9704-2012 7.3.3): 一、 （一） 1. （1）.
_LEVEL_FORMS = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")


def check_sequence(text: str, headings: list[Heading] | None = None) -> list[Issue]:
    """Heading numbering per level, walked in text order with the lines that restart it:
    a 附件 line restarts everything; an article or chapter line (第X条, 第X章) too, since a
    regulation numbers its items afresh under each article; a paragraph that opens a list (ends
    with a colon, as a 款 does before its items) lets the next item start again at 1; quoted
    material spanning paragraphs has its own numbering and is not checked."""
    issues = []
    # (position, order, kind, payload): 附件 and scope lines go before a heading on the same line.
    events: list[tuple[int, int, str, object]] = []
    for base, line in _lines_at(text, _ATTACH_START_RE):
        m = _ATTACH_LIST_RE.match(_strip(line)[1])
        events.append((base, 0, "attach", int(m.group(1)) if m else None))
    if "第" in text:
        for m in line_start_finditer(_SCOPE_RE, text):
            events.append((m.start(), 0, "scope", m))
    headings = find_headings(text) if headings is None else headings
    events += [(h.start, 1, "heading", h) for h in headings]
    if len(events) != len(headings):
        events.sort(key=lambda e: (e[0], e[1]))
    quotes = _quote_spans(text)
    counters: list[int | None] = [None] * 4
    since = [0] * 4  # where each level's counter was last set
    # The last number of each level since the last 附件 or article line, across the higher headings:
    # central documents number their （一）…（十七） on through the 一、二、三 parts (中共中央关于加强党的
    # 政治建设的意见), and a report may number its parts （一）（二）, its points 一、…十、 under （二），
    # and go on with （三）. Such a heading continues the document's own sequence, not a gap.
    run_last: list[int | None] = [None] * 4
    carried: list[list[Issue]] = [[] for _ in range(4)]  # per level: headings that carry the sequence on
    restarted = [False] * 4  # per level: a part that starts again at 1 after the level was used
    top_run = [False] * 4  # per level: its run began with no higher heading (the document's top level)
    last_stop = 0
    for pos, _order, kind, h in events:
        if quotes and _in_spans(quotes, pos):
            continue
        if kind != "heading":
            counters = [None] * 4
            run_last = [None] * 4
            top_run = [False] * 4
            if kind == "attach" and h is not None:
                counters[2] = h
            last_stop = _line_end(text, pos)
            continue
        k, n = h.level, h.number
        plain, opener = _gap(text, last_stop, text.rfind("\n", 0, h.start) + 1)
        last_stop = _line_end(text, h.start)
        prev = counters[k]
        has_parent = any(c is not None for c in counters[:k])
        expected = (prev or 0) + 1
        below_new_parent = prev is None and k > 0 and has_parent
        if below_new_parent and run_last[k] is not None:
            if n == 1:
                restarted[k] = True
            elif n == run_last[k] + 1:
                carried[k].append(
                    make_issue(
                        "FMT-011",
                        h.start,
                        h.end,
                        text,
                        message=f"序数“{n}”接续上一部分的编号：各部分分别编号的，此处应从1开始；全文连续编号的不必改",
                        confidence=0.6,
                    )
                )
                n = expected  # judged at the end, by the document's own convention
        if prev is None and has_parent and n == 1 and any(c is not None for c in counters[k + 1 :]):
            # 一、 1. 2. （一）: a higher level opens after deeper items of the same part — the layers are
            # inverted; most often the next part of the level above was meant.
            parent = max(j for j in range(k) if counters[j] is not None)
            nxt = (counters[parent] or 0) + 1
            fix = _LEVEL_FORMS[parent].format(cn=int_to_cn(nxt), n=nxt) if parent < len(_LEVEL_FORMS) else None
            issues.append(
                make_issue(
                    "FMT-011",
                    h.start,
                    h.end,
                    text,
                    suggestion=fix,
                    message="结构层次颠倒：上一级之下已用了更低一级的序数，此处又出现较高一级的序数"
                    + (f"，可能应为“{fix}”" if fix else ""),
                    confidence=0.8,
                )
            )
        if n != expected and (prev is not None or (k > 0 and has_parent)):
            restart = n == 1 and prev is not None
            start = since[k] if prev is not None else max(since[j] for j in range(k) if counters[j] is not None)
            if restart and opener:
                pass  # a new list under a 款 or a "如下：" paragraph
            elif n > expected and _run_into_text(text, k, start, h.start, expected, n):
                pass  # the missing items stand inside the text before: the layout lost their line breaks
            else:
                msg = f"序数“{n}”与上一个重复" if prev == n else f"序数不连续：此处应为第{expected}项"
                # A restart at 1 after body text may open a new list the text introduces in its own way.
                issues.append(
                    make_issue(
                        "FMT-011", h.start, h.end, text, message=msg, confidence=0.6 if restart and plain else None
                    )
                )
        counters[k] = h.last or h.number
        if run_last[k] is None:
            top_run[k] = not has_parent
        run_last[k] = counters[k]
        since[k] = h.start
        for deeper in range(k + 1, 4):
            counters[deeper] = None
    # Carrying the numbering on is the document's convention when it does so from part to part, or
    # when the level was its top level before the higher marks came in (the 1981 report). Once only,
    # with no part starting again at 1, it may be either: a suggestion. Where others restart: the same.
    for k in range(4):
        if restarted[k] or (len(carried[k]) == 1 and not top_run[k]):
            issues += carried[k]
    return issues + _check_articles(text, events, quotes)


_BARE_TITLE_RE = re.compile(r"^[ \u3000]*(?!第)[^，。；：！？\n]{2,24}[ \u3000]*$", re.M)


def _check_articles(text: str, events, quotes) -> list[Issue]:
    """第X条, 第X章 and 第X节 numbering of a regulation. Articles and chapters run through the document
    (a 附件 starts afresh), sections through their chapter, and a run starting again at 第一 (the body
    after a 目录) is a new run. A run that does not start at 第一 is an excerpt (条款摘编), and one with
    more than two breaks is taken for one too: neither is checked.

    A gap here is a suggestion: in every regulation text we tried it on (LawRefBook), each gap was
    a heading or article line run into the paragraph before it by the conversion, not a drafting slip."""
    runs: list[list[tuple[int, re.Match]]] = []
    current: dict[str, list[tuple[int, re.Match]]] = {}
    for pos, _o, kind, m in events:
        if kind == "attach":
            runs += current.values()
            current = {}
        elif kind == "scope" and not m.group(3) and not (quotes and _in_spans(quotes, pos)):
            unit = m.group(2)
            # Sections start again in each chapter, chapters in each part (编) of a code.
            for inner in {"编": ("章", "节"), "章": ("节",)}.get(unit, ()):
                if inner in current:
                    runs.append(current.pop(inner))
            n = cn_to_int(m.group(1)) or 0
            if n == 1 and current.get(unit):
                runs.append(current.pop(unit))
            current.setdefault(unit, []).append((n, m))
    runs += current.values()
    issues = []
    for seq in runs:
        if seq[0][0] != 1:
            continue
        found = []
        for (prev, pm), (n, m) in pairwise(seq):
            if n == prev + 1:
                continue
            unit = m.group(2)
            if n == prev:
                msg = f"“第{m.group(1)}{unit}”与上一{unit}重复"
            else:
                msg = f"{unit}序号不连续：上一{unit}为第{int_to_cn(prev)}{unit}，此处应为第{int_to_cn(prev + 1)}{unit}"
            # A gap whose missing number stands nowhere in between (not even run into the paragraph
            # before, as conversions leave it) is a numbering slip of the drafter.
            missing = f"第{int_to_cn(prev + 1)}{unit}"
            between = text[pm.end() : m.start()]
            lost = n > prev + 1 and missing not in between
            nl = text.find("\n", pm.end(), m.start())
            if lost and unit in "编章节" and nl != -1 and _BARE_TITLE_RE.search(text, nl + 1, m.start()):
                lost = False  # a chapter title standing alone: its label was lost in conversion
            conf = 0.85 if lost and n == prev + 2 else 0.6
            fix = missing if conf > 0.6 else None
            found.append(
                make_issue("FMT-011", m.start(1) - 1, m.end(2), text, suggestion=fix, message=msg, confidence=conf)
            )
        if len(found) <= 2:
            issues += found
    return issues


# The title of a 公文 by its own form (关于……的通知): a full stop after it is an error wherever the
# line stands among the first ones (after the 发文字号 or 签发人 lines too), even alone.
_STRONG_TITLE_RE = re.compile(
    r"^[ \u3000\t]*关于[^，。；：！？\n]{2,70}的(?:通知|决定|意见|报告|请示|批复|复函|函|通报|公告|通告|纪要|方案|"
    r"办法|规定|细则|议案|决议|说明|提案)([。．.，,；;！!])[ \u3000\t]*\r?$"
)


def _strong_title_issue(text: str) -> list[Issue]:
    seen = 0
    for base, line in iter_lines(text):
        if not line.strip():
            continue
        seen += 1
        m = _STRONG_TITLE_RE.match(line)
        if m:
            return [make_issue("FMT-006", base + m.start(1), base + m.end(1), text, suggestion="", confidence=0.9)]
        if seen >= 6:
            break
    return []


# First lines that name a kind of document but are not titles: 特此通知。 附件：1.实施方案；
_NOT_TITLE_RE = re.compile(
    r"[ \u3000\t]*(?:特此|此致|现将|附件|根据|按照|经|[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．])"
)


def _title_issue(text: str, title_line: int | None) -> list[Issue]:
    strong = _strong_title_issue(text) if "关于" in text[:2000] else []
    if strong:
        return strong
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
        if title_line is None and (
            len(s) > 40 or "，" in inner or "。" in inner or not _TITLE_WORDS.search(s) or _NOT_TITLE_RE.match(s)
        ):
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


# 主送机关: organ names ending the line with a comma or full stop instead of the colon.
_ORGAN_END = (
    r"(?:委员会|常委会|人民政府|政府|委室|各委|各办|各局|部门|单位|机关|党组|党委|局|委|办|厅|处|院|室|所|站|中心|"
    r"街道|乡镇|乡|镇|司|部)"
)
_NAMES = rf"[^，。；：、\s]{{2,30}}?{_ORGAN_END}"
_ADDRESSEE_RE = re.compile(
    rf"^[ \u3000\t]*(?![请要由经对在按根据为将向把从（(\d一二三四五六七八九十])"
    rf"{_NAMES}(?:[，、]{_NAMES})*([，,])[ \u3000\t]*\r?$"
)
# 各委室 with no mark at all, the body following on the next line: the colon was left out.
_ADDRESSEE_BARE_RE = re.compile(
    rf"^[ \u3000\t]*(?![请要由经对在按根据为将向把从（(\d一二三四五六七八九十])"
    rf"{_NAMES}(?:[，、]{_NAMES})*[ \u3000\t]*\r?$"
)
_BODY_OPENER_RE = re.compile(r"^[ \u3000\t]*(?:现将|现就|根据|按照|经|为了|为|近期|近日|兹|你|贵|接)")
# 附件说明: the names of the attachments carry no punctuation at their end.
_ATTACH_NAME_RE = re.compile(
    r"^[ \u3000\t]*(?:附件[：:]?)?[ \u3000\t]*(?:\d{1,2}[.．、])?[^\n]*?[^。；，,;.．]([。；，,;．.])[ \u3000\t]*\r?$"
)
_ATTACH_ITEM_RE = re.compile(r"^[ \u3000\t]*\d{1,2}[.．、]")
_ATTACH_MARK_RE = re.compile(r"^附件[：:]\s*(\d{1,2})、")
# A 成文日期 without its day, as the last line after the signing organ.
_MONTH_ONLY_RE = re.compile(
    r"^[ \u3000\t]*(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月[ \u3000\t]*\r?$"
)


def _first_lines(text: str, count: int) -> list[tuple[int, str]]:
    out = []
    for base, line in iter_lines(text):
        if line.strip():
            out.append((base, line))
            if len(out) == count:
                break
    return out


def _last_lines(text: str, count: int) -> list[tuple[int, str]]:
    """The last non-empty lines, found from the end (a long document is not walked)."""
    out = []
    stop = len(text)
    while stop > 0 and len(out) < count:
        base = text.rfind("\n", 0, stop) + 1
        line = text[base:stop]
        line = line[:-1] if line.endswith("\r") else line
        if line.strip():
            out.append((base, line))
        stop = base - 1
    return out[::-1]


def _attachment_block_lines(text: str):
    """The 附件 lines and the numbered lines that follow each (附件：1.… / 2.…)."""
    for base, _line in _lines_at(text, _ATTACH_START_RE):
        pos = base
        while pos < len(text):
            stop = text.find("\n", pos)
            stop = len(text) if stop == -1 else stop
            line = text[pos:stop]
            line = line[:-1] if line.endswith("\r") else line
            if pos != base and not _ATTACH_ITEM_RE.match(line):
                break
            yield pos, line
            pos = stop + 1


def check_document_parts(text: str) -> list[Issue]:
    """The 主送机关 line, the 附件说明 lines and the 成文日期 line (GB/T 9704-2012 7.3.2, 7.3.6, 7.3.5.4)."""
    issues = []
    first = _first_lines(text, 9)
    for base, line in first[:8]:
        if len(line) <= 80 and len(first) > 1 and (base, line) != first[-1]:
            m = _ADDRESSEE_RE.match(line)
            if m and not _STRONG_TITLE_RE.match(line):
                issues.append(make_issue("FMT-012", base + m.start(1), base + m.end(1), text, suggestion="："))
            elif _ADDRESSEE_BARE_RE.match(line) and not _STRONG_TITLE_RE.match(line):
                k = first.index((base, line))
                if k + 1 < len(first) and _BODY_OPENER_RE.match(first[k + 1][1]):
                    end = base + len(line.rstrip(" \u3000\t\r"))
                    issues.append(
                        make_issue(
                            "FMT-012",
                            end - 1,
                            end,
                            text,
                            suggestion=text[end - 1] + "：",
                            message="主送机关名称之后用全角冒号（此处缺少）",
                        )
                    )
    if "附件" in text:
        in_list = False
        for base, line in _attachment_block_lines(text):
            s = _strip(line)[1]
            if s.startswith("附件"):
                in_list = (len(s) > 3 and s[2:3] in "：:") or s[2:3].isdigit()
                mark = _ATTACH_MARK_RE.match(s)
                if mark:
                    at = base + (len(line) - len(s)) + mark.start(1)
                    n = mark.group(1)
                    issues.append(
                        make_issue(
                            "FMT-010",
                            at,
                            at + len(n) + 1,
                            text,
                            suggestion=f"{n}.",
                            confidence=0.85,
                            message=f"附件序号应写作“{n}.”，不用顿号",
                        )
                    )
            if not in_list or len(s) > 60:
                continue
            m = _ATTACH_NAME_RE.match(line)
            if m:
                issues.append(make_issue("FMT-013", base + m.start(1), base + m.end(1), text, suggestion=""))
    last = _last_lines(text, 2)
    if len(last) == 2:
        base, line = last[1]
        prev = last[0][1].strip()
        if _MONTH_ONLY_RE.match(line) and len(prev) <= 30 and not any(c in prev for c in "，。；：！？"):
            lead = len(line) - len(line.lstrip(" \u3000\t"))
            issues.append(
                make_issue(
                    "FMT-005",
                    base + lead,
                    base + len(line.rstrip()),
                    text,
                    confidence=0.85,
                    message="成文日期缺少“日”，应将年、月、日标全",
                )
            )
    return issues


def check_structure(text: str, title_line: int | None = None) -> list[Issue]:
    headings = find_headings(text)  # shared by the sequence and the heading-punctuation checks
    return (
        check_marks(text)
        + check_sequence(text, headings)
        + _title_issue(text, title_line)
        + check_heading_punct(text, headings)
        + check_document_parts(text)
    )
