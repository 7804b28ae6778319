"""政治关 checks driven by political.json, plus the regex entries of wording.json.

- POL-001: a canonical formulation with a wrong fixed verb (增强“四个自信” → 坚定).
- POL-002: the listed members of a formulation in the wrong order, with a foreign or
  outdated member.
- regex entries (POL-004/006, TYPO-002) with look-around guards written in the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .dataload import load_json, make_issue, sentence_bounds
from .model import Issue


@dataclass(frozen=True)
class Formulation:
    name: str
    members: tuple[str, ...]
    suffix: str
    outdated: dict
    verb_re: re.Pattern | None
    verbs: dict
    basis: str


@cache
def formulations() -> tuple[Formulation, ...]:
    result = []
    for f in load_json("political")["formulations"]:
        verbs = f.get("verbs", {})
        verb_re = None
        if verbs:
            alts = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
            # The verb must directly precede the (optionally quoted) name.
            verb_re = re.compile(f"({alts})(“?){re.escape(f['name'])}")
        result.append(
            Formulation(
                f["name"],
                tuple(f.get("members", ())),
                f.get("member_suffix", ""),
                f.get("outdated_members", {}),
                verb_re,
                verbs,
                f["basis"],
            )
        )
    return tuple(result)


@cache
def regex_entries() -> tuple[tuple[str, re.Pattern, dict], ...]:
    out = [(e["rule"], re.compile(e["regex"]), e) for e in load_json("political")["patterns"]]
    out += [("TYPO-002", re.compile(e["regex"]), e) for e in load_json("wording")["context"]]
    return tuple(out)


def check_verbs(text: str) -> list[Issue]:
    issues = []
    for f in formulations():
        if f.verb_re is None or f.name not in text:
            continue
        for m in f.verb_re.finditer(text):
            right = f.verbs[m.group(1)]
            issues.append(
                make_issue(
                    "POL-001",
                    m.start(1),
                    m.end(1),
                    text,
                    suggestion=right,
                    message=f"规范提法为“{right}‘{f.name}’”，不用“{m.group(1)}”",
                    basis=f.basis,
                )
            )
    return issues


_CLAUSE_SPLIT = re.compile(r"[，。；：！？\n（）“”]")


def _map_segment(seg: str, idx: int, last: int, pool: tuple[str, ...]) -> str | None:
    """Which member (from pool) a 、-separated segment is; the first and last segments may
    carry extra words in front of / after the member (坚持创新 / 共享的新发展理念)."""
    if seg in pool:
        return seg
    for member in sorted(pool, key=len, reverse=True):
        if idx == 0 and seg.endswith(member):
            return member
        if idx == last and seg.startswith(member):
            return member
    return None


def _check_chain(text: str, offset: int, clause: str, f: Formulation) -> list[Issue]:
    segs = clause.split("、")
    if len(segs) < len(f.members) - 1 or len(segs) < 3:
        return []
    pool = f.members + tuple(f.outdated)
    mapped = [_map_segment(s, i, len(segs) - 1, pool) for i, s in enumerate(segs)]
    hits = [m for m in mapped if m]
    real = [m for m in hits if m in f.members]
    # Precision guard: the clause must really be this list (all but one item are members).
    if len(real) < len(f.members) - 1 or len(hits) < len(segs) - 1:
        return []
    sentence = text[slice(*sentence_bounds(text, offset))]
    if len(real) < len(f.members) and f.name not in sentence:
        return []
    issues = []
    pos = offset
    for seg, member in zip(segs, mapped):
        if member in f.outdated:
            s = pos + seg.index(member)
            issues.append(
                make_issue(
                    "POL-002",
                    s,
                    s + len(member),
                    text,
                    suggestion=f.outdated[member],
                    message=f"“{f.name}”的现行表述为“{'、'.join(f.members)}”",
                    basis=f.basis,
                )
            )
        elif member is None and f.suffix and seg.endswith(f.suffix) and len(seg) <= len(f.suffix) + 3:
            issues.append(
                make_issue(
                    "POL-002",
                    pos,
                    pos + len(seg),
                    text,
                    message=f"“{f.name}”的组成为“{'、'.join(f.members)}”，“{seg}”不在其中",
                    basis=f.basis,
                )
            )
        pos += len(seg) + 1
    order = [f.members.index(m) for m in real]
    if order != sorted(order) and len(set(order)) == len(order):
        first = offset + segs[0].rindex(mapped[0]) if mapped[0] else offset
        last = offset + len(clause) - (len(segs[-1]) - len(mapped[-1]) if mapped[-1] else 0)
        issues.append(
            make_issue(
                "POL-002",
                first,
                last,
                text,
                suggestion="、".join(f.members),
                message=f"“{f.name}”的标准顺序为“{'、'.join(f.members)}”",
                basis=f.basis,
            )
        )
    return issues


def check_members(text: str) -> list[Issue]:
    issues = []
    for f in formulations():
        if len(f.members) < 3:
            continue
        anchor = f.members[1]
        start = 0
        while (hit := text.find(anchor, start)) != -1:
            # Expand to the clause that contains the hit; only clauses with 、 are lists.
            c_start = hit
            while c_start > 0 and not _CLAUSE_SPLIT.match(text[c_start - 1]):
                c_start -= 1
            m = _CLAUSE_SPLIT.search(text, hit)
            c_end = m.start() if m else len(text)
            clause = text[c_start:c_end]
            if "、" in clause:
                issues += _check_chain(text, c_start, clause, f)
            start = c_end + 1
    return issues


def check_regex_entries(text: str) -> list[Issue]:
    issues = []
    for rule, pattern, entry in regex_entries():
        for m in pattern.finditer(text):
            right = m.expand(entry["right"]) if "\\" in entry["right"] else entry["right"]
            issues.append(
                make_issue(
                    rule,
                    m.start(),
                    m.end(),
                    text,
                    suggestion=right,
                    severity=entry.get("severity"),
                    message=entry.get("message"),
                    basis=entry.get("basis"),
                )
            )
    return issues


def check_political(text: str) -> list[Issue]:
    return check_verbs(text) + check_members(text) + check_regex_entries(text)
