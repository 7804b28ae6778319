"""check_text: runs every text check, then filters and orders the issues."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate

import ahocorasick

from .checks_facts import check_facts
from .checks_formulations import check_formulations
from .checks_meetings import check_meetings
from .checks_number import check_numbers, find_date_lines
from .checks_political import check_political
from .checks_punct import check_punctuation
from .checks_structure import check_structure
from .context import Context, document_date
from .errors import InputTooLargeError
from .lexicon import check_literals, organ_automaton, static_automaton
from .model import DEFAULT_OPTIONS, Issue, Options, Severity


def warm_up(typo_layer: bool = True) -> None:
    """Build the automata and dictionaries now (e.g. when a web worker starts)."""
    static_automaton()
    organ_automaton((), ())
    if typo_layer:
        from .csc import warm_up as warm_up_typos

        warm_up_typos()
    # One small check builds what no warm-up above names (the shared scan, each family's cached tables).
    sample = "关于做好二〇二五年工作的通知\n各单位：请于3月5日前报送。\n2025年3月1日"
    check_text(sample, options=Options(typo_layer=typo_layer))


@lru_cache(maxsize=64)
def _whitelist_automaton(phrases: tuple[str, ...]) -> ahocorasick.Automaton | None:
    """One automaton per distinct whitelist (an organ's roster and deputies run to hundreds of names):
    one pass over the text instead of one search per phrase."""
    phrases = tuple(p for p in phrases if p)
    if not phrases:
        return None
    auto = ahocorasick.Automaton()
    for phrase in phrases:
        auto.add_word(phrase, len(phrase))
    auto.make_automaton()
    return auto


def _whitelist_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    auto = _whitelist_automaton(phrases)
    if auto is None:
        return []
    return sorted((end - n + 1, end + 1) for end, n in auto.iter(text))


def _inside(spans: list[tuple[int, int]], reach: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted spans: among the spans starting at or before
    start, the farthest reach decides (reach[k] = max end of spans[0..k])."""
    k = bisect_right(spans, (start, float("inf")))
    return bool(k) and reach[k - 1] >= end


def _filter(issues: list[Issue], text: str, options: Options) -> list[Issue]:
    white = _whitelist_spans(text, options.whitelist)
    reach = list(accumulate((e for _s, e in white), max))
    out = []
    for issue in issues:
        if issue.severity.rank < options.min_severity.rank:
            continue
        if options.categories and issue.category not in options.categories:
            continue
        if issue.rule in options.disabled_rules:
            continue
        if white and _inside(white, reach, issue.start, issue.end):
            continue
        out.append(issue)
    return out


# The wrong-character layer's findings (a confusable character, a character written twice) give way to
# any specific rule on the same span: the rule knows the wording, the layer only guesses.
_STATISTICAL = frozenset({"TYPO-003", "TYPO-004"})


def _dedupe(issues: list[Issue]) -> list[Issue]:
    """One issue per (span, rule); the statistical layer yields to any specific rule."""
    specific = [i for i in issues if i.rule not in _STATISTICAL]
    typos = [t for t in issues if t.rule in _STATISTICAL]
    if typos and specific:
        # A typo overlaps a specific issue s when s.start < t.end and t.start < s.end: with the
        # specific issues sorted by start and a running maximum of their ends, one bisect per
        # typo answers that, instead of a test against every specific issue.
        spans = sorted((s.start, s.end) for s in specific)
        starts = [a for a, _b in spans]
        max_end = list(accumulate((b for _a, b in spans), max))
        kept = []
        for t in typos:
            k = bisect_left(starts, t.end)
            if not (k and max_end[k - 1] > t.start):
                kept.append(t)
        typos = kept
    seen: set[tuple[int, int, str]] = set()
    out = []
    for issue in sorted(specific + typos, key=lambda i: (i.start, i.end, i.rule)):
        key = (issue.start, issue.end, issue.rule)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def _cap(issues: list[Issue], limit: int) -> list[Issue]:
    counts: Counter[str] = Counter()
    out = []
    for issue in issues:
        counts[issue.rule] += 1
        if counts[issue.rule] <= limit:
            out.append(issue)
    return out


def check_text(text: str, *, options: Options | None = None, title_line: int | None = None) -> list[Issue]:
    """Check plain text; paragraphs are separated by '\\n'. Offsets index `text` itself.

    title_line: index of the paragraph known to be the title (the .docx layer knows it);
    without it the first line is taken as the title only when it looks like one.
    """
    options = options or DEFAULT_OPTIONS
    if not isinstance(text, str):
        raise TypeError("check_text 需要 str")
    if len(text) > options.max_text_chars:
        raise InputTooLargeError(f"文本过长（{len(text)} 字符），超过上限 {options.max_text_chars} 字符")
    if not text.strip():
        return []
    dates = find_date_lines(text)  # date lines: used by the number and the fact checks
    when, when_from = document_date(options, dates, text)
    if when_from == "text":
        # The literal layer judges renamed bodies by Options.reference_date: give it the text's date.
        options = dataclasses.replace(options, document_date=when)
    ctx = Context(text, options, dates, when, when_from)
    issues = check_literals(text, options)
    issues += check_political(text)
    issues += check_formulations(ctx)
    issues += check_meetings(ctx)
    # A date the document gives (form or text) decides which standard applied; "today" is no evidence.
    given = ctx.document_date if when_from != "today" else None
    issues += check_punctuation(text, given)
    issues += check_numbers(text, dates, given)
    issues += check_structure(text, title_line)
    issues += check_facts(text, dates, ctx.document_date if when_from == "options" else None)
    if options.typo_layer:
        from .csc import check_typos

        issues += check_typos(text, whitelist=options.whitelist)
    issues = _dedupe(_filter(issues, text, options))
    return _cap(issues, options.max_issues_per_rule)


def count_by_severity(issues: list[Issue]) -> dict[str, int]:
    c = Counter(i.severity.value for i in issues)
    return {s.value: c.get(s.value, 0) for s in Severity}
