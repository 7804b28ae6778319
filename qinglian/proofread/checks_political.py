"""政治关 checks that need a regular expression: the "patterns" of political.json (POL-004/006)
and the context entries of wording.json (TYPO-002), each with look-around guards written in the data.

The formulation knowledge base (enumerations, fixed wording, verb–object pairings) is checked in
checks_formulations.py; its literal wrong forms, short names and renamed bodies in lexicon.py.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .dataload import fast_finditer, literal_anchor, load_json, make_issue, windowed_finditer
from .lexicon import era_year
from .model import Issue


@cache
def regex_entries() -> tuple[tuple[str, re.Pattern, dict], ...]:
    out = [(e["rule"], re.compile(e["regex"]), e) for e in load_json("political")["patterns"]]
    out += [("TYPO-002", re.compile(e["regex"]), e) for e in load_json("wording")["context"]]
    return tuple(out)


def check_regex_entries(text: str) -> list[Issue]:
    issues = []
    era: int | None = None
    for rule, pattern, entry in regex_entries():
        # Most entries open with a look-behind guard: fast_finditer skips to where the word stands;
        # one that opens with a class is tried only just before a literal it holds.
        anchor = literal_anchor(pattern)
        found = windowed_finditer(pattern, text, *anchor) if anchor else fast_finditer(pattern, text)
        for m in found:
            right = m.expand(entry["right"]) if "\\" in entry["right"] else entry["right"]
            severity, confidence = entry.get("severity"), None
            if entry.get("valid_to"):
                # Period wording (“一带一路”战略 until 2015): a text that speaks only of earlier
                # years was most likely written then, and is right for its time.
                if era is None:
                    era = era_year(text, dt.date.today()) or 0
                if era and era < int(entry["valid_to"][:4]):
                    severity, confidence = None, 0.5
            issues.append(
                make_issue(
                    rule,
                    m.start(),
                    m.end(),
                    text,
                    suggestion=right,
                    severity=severity,
                    confidence=confidence,
                    message=entry.get("message"),
                    basis=entry.get("source") or entry.get("basis"),
                    entry=entry.get("id", ""),
                )
            )
    return issues


def check_political(text: str) -> list[Issue]:
    return check_regex_entries(text)
