"""Literal dictionary layer: one Aho-Corasick automaton over every fixed wrong form in the data.

Entries come from political.json (fixed wording, short names, renamed bodies, canonical phrases
with a missing or swapped character) and wording.json (curated wrong words). Organ terms from
Options get their own small automaton, cached per distinct Options value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from .dataload import load_json, make_issue, sentence_bounds
from .model import Issue, Options


@dataclass(frozen=True)
class Entry:
    rule: str
    wrong: str
    right: str | None
    severity: str | None = None
    basis: str | None = None
    message: str | None = None
    kind: str = "plain"  # plain | renamed
    valid_to: dt.date | None = None
    require_before: str | None = None


# Characters that, right after an old body name ending in 部, show it is a different word
# (农业部门, 文化部署, 环境保护部分 …), not the ministry.
_NOT_BODY_NEXT = set("门署分位件长委局")
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SKIP_DELETE = set("、和与")


def _canonical_variants(phrases: list[str]) -> dict[str, str]:
    """One-character deletions and adjacent swaps of each canonical phrase (inside only).

    The first and last characters are kept, because deleting them yields a substring of the
    correct phrase. Variants that occur inside any canonical phrase are dropped.
    """
    variants: dict[str, str] = {}
    for phrase in phrases:
        if len(phrase) < 6:
            continue
        for i in range(1, len(phrase) - 1):
            if phrase[i] not in _SKIP_DELETE:
                variants.setdefault(phrase[:i] + phrase[i + 1 :], phrase)
            if i < len(phrase) - 2 and phrase[i] != phrase[i + 1] and "、" not in phrase[i : i + 2]:
                swapped = phrase[:i] + phrase[i + 1] + phrase[i] + phrase[i + 2 :]
                variants.setdefault(swapped, phrase)
    return {v: p for v, p in variants.items() if not any(v in q for q in phrases)}


def _static_entries() -> list[Entry]:
    pol = load_json("political")
    wording = load_json("wording")
    entries: list[Entry] = []
    for e in pol["phrases"] + pol["short_names"]:
        entries.append(
            Entry(
                e["rule"],
                e["wrong"],
                e["right"],
                e.get("severity"),
                e.get("basis"),
                e.get("message"),
                require_before=e.get("require_before"),
            )
        )
    for e in pol["renamed_bodies"]:
        entries.append(
            Entry(
                "POL-005",
                e["old"],
                e["new"],
                None,
                e.get("basis"),
                f"“{e['old']}”已于{e['valid_to'][:4]}年改革，现为“{e['new']}”",
                kind="renamed",
                valid_to=dt.date.fromisoformat(e["valid_to"]),
            )
        )
    canon = pol["canonical_phrases"]
    for variant, phrase in _canonical_variants(canon["phrases"]).items():
        entries.append(Entry(canon["rule"], variant, phrase, None, canon["basis"], f"规范表述应为“{phrase}”"))
    for e in wording["literal"]:
        entries.append(
            Entry("TYPO-001", e["wrong"], e["right"], None, e.get("basis"), f"“{e['wrong']}”应为“{e['right']}”")
        )
    return entries


def _build(entries: list[Entry]) -> ahocorasick.Automaton | None:
    if not entries:
        return None
    auto = ahocorasick.Automaton()
    for entry in entries:
        if entry.wrong in auto:
            auto.get(entry.wrong).append(entry)
        else:
            auto.add_word(entry.wrong, [entry])
    auto.make_automaton()
    return auto


@cache
def static_automaton() -> ahocorasick.Automaton:
    return _build(_static_entries())


@lru_cache(maxsize=64)
def organ_automaton(extra_terms: tuple, banned_words: tuple) -> ahocorasick.Automaton | None:
    entries = [Entry("ORG-001", w, r, message=f"本单位规范用语为“{r}”") for w, r in extra_terms if w]
    entries += [
        Entry("ORG-002", w, r, message=f"“{w}”为本单位禁用词" + (f"，宜改为“{r}”" if r else ""))
        for w, r in banned_words
        if w
    ]
    return _build(entries)


def _is_past_context(text: str, start: int, entry: Entry) -> bool:
    """True when the sentence around an old body name speaks of the time before the rename."""
    s_start, s_end = sentence_bounds(text, start)
    before = text[s_start:start]
    markers = load_json("political")["past_markers"]
    if any(m in before for m in markers):
        return True
    sentence = text[s_start:s_end]
    if entry.right and entry.right.split("（")[0] in sentence:
        return True
    return any(int(y) <= entry.valid_to.year for y in _YEAR_RE.findall(sentence))


def _accept(text: str, start: int, end: int, entry: Entry, options: Options) -> bool:
    if entry.require_before and not text[max(0, start - len(entry.require_before)) : start].endswith(
        entry.require_before
    ):
        return False
    if entry.kind == "renamed":
        if options.reference_date < entry.valid_to:
            return False
        if entry.wrong.endswith("部") and end < len(text) and text[end] in _NOT_BODY_NEXT:
            return False
        if _is_past_context(text, start, entry):
            return False
    return True


def _scan(auto: ahocorasick.Automaton | None, text: str, options: Options) -> list[Issue]:
    if auto is None:
        return []
    found: list[Issue] = []
    for last, entries in auto.iter(text):
        for entry in entries:
            start = last - len(entry.wrong) + 1
            end = last + 1
            if not _accept(text, start, end, entry, options):
                continue
            found.append(
                make_issue(
                    entry.rule,
                    start,
                    end,
                    text,
                    suggestion=entry.right,
                    message=entry.message,
                    severity=entry.severity,
                    basis=entry.basis,
                )
            )
    return _drop_nested(found)


def _drop_nested(issues: list[Issue]) -> list[Issue]:
    """A long wrong form (以习近平总书记为核心的党中央) wins over a shorter one inside it."""
    issues.sort(key=lambda i: (i.start, -(i.end - i.start)))
    kept: list[Issue] = []
    for issue in issues:
        if kept and issue.start >= kept[-1].start and issue.end <= kept[-1].end and kept[-1].rule != issue.rule:
            continue
        kept.append(issue)
    return kept


def check_literals(text: str, options: Options) -> list[Issue]:
    issues = _scan(static_automaton(), text, options)
    issues += _scan(organ_automaton(options.extra_terms, options.banned_words), text, options)
    return issues
