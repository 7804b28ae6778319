"""政治关: the formulation knowledge base (提法库, data/formulations.json), issue #15.

Three checks read the entries (the literal wrong forms, short names, outdated formulations and
renamed bodies are matched in lexicon.py):

- enumerations (POL-002): a list that really is a known enumeration — its separators split it into
  segments of which all but one are members — with members swapped, missing, foreign or outdated;
- verb–object pairings (POL-001 for a known-wrong verb, POL-008 suggestion for an unusual one);
- fixed formulations (POL-007): the canonical wording with one character missing, added, swapped
  or replaced by a same-sound/same-shape character. Long phrases are found by two anchors (the
  phrase without its two middle characters, halved: one edit leaves at least one half intact);
  short ones by their generated deletion and swap variants.

Every finding carries the entry id (Issue.entry) and the entry's source (Issue.basis). Entries
marked "confidence": "unconfirmed" never yield an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from .context import Context
from .dataload import load_json, make_issue, sentence_bounds
from .model import Issue

UNCONFIRMED_CAP = 0.6
FUZZY_MIN_LEN = 8  # phrases this long are found by anchors; shorter ones by generated variants
SHORT_MIN_LEN = 6  # shorter phrases are not varied at all: too many variants are real words
SHARED_ANCHOR = 3
# Characters whose omission or addition is a variant, not an error (党风廉政建设和反腐败斗争 …).
_FREE_CHARS = set("和与及、，,之“”了") | {"的"}
_FREE_INSERT = set("和与及、，,之“”了的地是在对把将") | set("0123456789")
_CLAUSE_SPLIT = re.compile(r"[，。；：！？\n（）“”《》]")
_SENT_SPLIT = re.compile(r"[。！？；\n]")
_AND_RE = re.compile(r"以及|和|及|与")
# Verbs that make the fixed pairings; another of these before an object is worth a look.
_GENERIC_VERBS = (
    *("牢固树立", "深刻领悟", "统筹推进", "协调推进"),
    *("增强", "坚定", "树立", "树牢", "做到", "践行", "铸牢", "筑牢"),
)


@dataclass
class Enumeration:
    id: str
    name: str
    names: tuple[str, ...]
    members: tuple[str, ...]
    suffix: str
    sep: str
    outdated: dict
    aliases: dict  # alias → member
    prefixes: tuple[str, ...]
    source: str
    confidence: float

    def canon(self, member: str) -> str | None:
        if member in self.members:
            return member
        return self.aliases.get(member)


@dataclass
class VerbObject:
    id: str
    obj: str
    verbs: tuple[str, ...]
    allowed: frozenset
    wrong: dict
    source: str
    confidence: float


@dataclass
class Fixed:
    id: str
    phrase: str
    allow: frozenset
    source: str
    confidence: float


@dataclass
class KB:
    enumerations: list[Enumeration] = field(default_factory=list)
    verb_objects: list[VerbObject] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    members: ahocorasick.Automaton | None = None  # member string → [(enum index, member)]
    objects: ahocorasick.Automaton | None = None
    anchors: ahocorasick.Automaton | None = None  # anchor → [(fixed index, "L"|"R", anchor length)]
    variants: ahocorasick.Automaton | None = None  # short-phrase variant → [(fixed index, kind, pos)]
    exact: ahocorasick.Automaton | None = None  # every canonical phrase and allowed variant


def _cap(entry: dict, conf: float) -> float:
    return min(conf, UNCONFIRMED_CAP) if entry.get("confidence") == "unconfirmed" else conf


def _automaton(items: dict[str, list]) -> ahocorasick.Automaton | None:
    if not items:
        return None
    auto = ahocorasick.Automaton()
    for key, value in items.items():
        auto.add_word(key, value)
    auto.make_automaton()
    return auto


@cache
def kb() -> KB:
    data = load_json("formulations")
    out = KB()
    members: dict[str, list] = {}
    objects: dict[str, list] = {}
    anchors: dict[str, list] = {}
    variants: dict[str, list] = {}
    exact: dict[str, str] = {}
    for e in data["entries"]:
        kind = e["kind"]
        if kind == "enumeration":
            en = Enumeration(
                e["id"],
                e["name"],
                tuple(e.get("names", [e["name"]])),
                tuple(e["members"]),
                e.get("member_suffix", ""),
                e.get("separator", "、"),
                e.get("outdated_members", {}),
                e.get("member_aliases", {}),
                tuple(e.get("member_prefixes", ())),
                e["source"],
                _cap(e, 0.9),
            )
            k = len(out.enumerations)
            out.enumerations.append(en)
            for m in (*en.members, *en.outdated, *en.aliases):
                members.setdefault(m, []).append((k, m))
        elif kind == "verb_object":
            vo = VerbObject(
                e["id"],
                e["object"],
                tuple(e["verbs"]),
                frozenset(e.get("allowed_verbs", ())),
                e.get("wrong_verbs", {}),
                e["source"],
                _cap(e, 0.85),
            )
            objects.setdefault(vo.obj, []).append(len(out.verb_objects))
            out.verb_objects.append(vo)
        elif kind == "fixed":
            phrase = e["canonical"]
            exact[phrase] = phrase
            for a in e.get("allow", ()):
                exact[a] = a
            if not e.get("fuzzy", True) or len(phrase) < SHORT_MIN_LEN:
                continue
            k = len(out.fixed)
            out.fixed.append(Fixed(e["id"], phrase, frozenset(e.get("allow", ())), e["source"], _cap(e, 0.9)))
            n = len(phrase)
            if n >= FUZZY_MIN_LEN:
                continue  # anchored below, once every long phrase is known
            else:
                for i in range(1, n - 1):
                    if phrase[i] not in _FREE_CHARS:
                        variants.setdefault(phrase[:i] + phrase[i + 1 :], []).append((k, "del", i))
                    if i < n - 2 and phrase[i] != phrase[i + 1] and not ({phrase[i], phrase[i + 1]} & _FREE_CHARS):
                        swapped = phrase[:i] + phrase[i + 1] + phrase[i] + phrase[i + 2 :]
                        variants.setdefault(swapped, []).append((k, "swap", i))
        elif kind in ("outdated", "short_name"):
            exact[e["canonical"]] = e["canonical"]
    # Anchors: the phrase without its two middle characters, halved. Where many phrases share a
    # head or a tail (中华人民共和国…法, 中国共产党…条例), the middle is taken in the part that
    # differs, so that neither anchor is common text verified against all of them.
    long_phrases = [f.phrase for f in out.fixed]
    heads: Counter[str] = Counter(p[:m] for p in long_phrases for m in range(2, len(p)))
    tails: Counter[str] = Counter(p[-m:] for p in long_phrases for m in range(2, len(p)))
    for k, phrase in enumerate(long_phrases):
        n = len(phrase)
        if n < FUZZY_MIN_LEN:
            continue
        head = next((m for m in range(n - 3, 1, -1) if heads[phrase[:m]] > SHARED_ANCHOR), 0)
        tail = next((m for m in range(n - 3, 1, -1) if tails[phrase[-m:]] > SHARED_ANCHOR), 0)
        lo, hi = head + 2, n - tail - 2
        h = (lo + hi) // 2 if lo <= hi else n // 2
        h = min(max(h, 4), n - 4)  # both anchors at least three characters: two-character ones are common words
        anchors.setdefault(phrase[: h - 1], []).append((k, "L", h - 1))
        anchors.setdefault(phrase[h + 1 :], []).append((k, "R", n - h - 1))
    # A generated variant that is itself a canonical phrase (or part of one) is no error.
    for v in list(variants):
        if v in exact or any(v in p for p in exact):
            del variants[v]
    out.members = _automaton(members)
    out.objects = _automaton(objects)
    out.anchors = _automaton(anchors)
    out.variants = _automaton(variants)
    out.exact = _automaton(exact)
    return out


def entry_index() -> dict[str, dict]:
    return {e["id"]: e for e in load_json("formulations")["entries"]}


# ---------------------------------------------------------------- enumerations


def _clause_bounds(text: str, pos: int, splitter: re.Pattern) -> tuple[int, int]:
    start = pos
    while start > 0 and not splitter.match(text[start - 1]):
        start -= 1
    m = splitter.search(text, pos)
    return start, (m.start() if m else len(text))


def _map_segment(seg: str, idx: int, last: int, en: Enumeration) -> str | None:
    """Which member (or outdated member) a segment is. The first segment may carry words in front
    (坚持创新), the last words after (共享的新发展理念); any may carry a declared prefix (必须坚持)."""
    pool = (*en.members, *en.outdated, *en.aliases)
    if seg in pool:
        return seg
    for p in en.prefixes:
        if seg.startswith(p) and seg[len(p) :] in pool:
            return seg[len(p) :]
    for member in sorted(pool, key=len, reverse=True):
        if idx == 0 and seg.endswith(member):
            return member
        if idx == last and seg.startswith(member):
            return member
    return None


def _split_last(segs: list[str], en: Enumeration) -> list[str]:
    """政治意识、大局意识、核心意识和看齐意识: the last 和/及/与 joins two members."""
    tail = segs[-1]
    for m in _AND_RE.finditer(tail):
        left, right = tail[: m.start()], tail[m.end() :]
        if _map_segment(left, 1, 2, en) and _map_segment(right, len(segs), len(segs), en):
            return [*segs[:-1], left + "\x00" * (m.end() - m.start()), right]
    return segs


def _name_in(sentence: str, en: Enumeration) -> bool:
    return any(n in sentence for n in en.names)


def _enum_issue(text, start, end, en: Enumeration, message, suggestion=None, conf=None) -> Issue:
    return make_issue(
        "POL-002",
        start,
        end,
        text,
        suggestion=suggestion,
        message=message,
        basis=en.source,
        confidence=en.confidence if conf is None else min(conf, en.confidence),
        entry=en.id,
    )


def _check_chain(text: str, offset: int, clause: str, en: Enumeration) -> list[Issue]:
    n = len(en.members)
    raw = clause.split("、")
    if len(raw) < 2:
        return []
    segs = _split_last(raw, en)
    last = len(segs) - 1
    mapped = [_map_segment(s.rstrip("\x00"), i, last, en) for i, s in enumerate(segs)]
    real = [en.canon(m) for m in mapped if m and en.canon(m)]
    hits = [m for m in mapped if m]
    need = n - 1 if n >= 4 else n
    # Precision guard: the clause must really be this list.
    if len(set(real)) < need - (1 if n == 3 else 0) or len(hits) < len(segs) - 1 or (len(segs) < 3 and n > 2):
        return []
    sentence = text[slice(*sentence_bounds(text, offset))]
    named = _name_in(sentence, en)
    partial = len(set(real)) < n and not named and not any(m in en.outdated for m in hits)
    # A partial list (or a different list sharing members) is left alone unless the name says
    # otherwise or one member of a full-length list was replaced.
    if partial and not (len(segs) == n and sum(1 for m in mapped if m is None) == 1):
        return []
    issues = []
    pos = offset
    spans = []
    for seg, member in zip(segs, mapped):
        seg_text = seg.rstrip("\x00")
        if member is not None:
            s = pos + seg_text.find(member)
            spans.append((s, s + len(member)))
        if member in en.outdated:
            s = pos + seg_text.index(member)
            issues.append(
                _enum_issue(
                    text,
                    s,
                    s + len(member),
                    en,
                    f"“{en.name}”的现行表述为“{en.sep.join(en.members)}”，“{member}”已不用",
                    suggestion=en.outdated[member],
                )
            )
        elif member is None and en.suffix and seg_text.endswith(en.suffix) and len(seg_text) <= len(en.suffix) + 4:
            missing = [m for m in en.members if m not in real]
            replaced = len(segs) == n and len(missing) == 1
            if replaced or named:
                issues.append(
                    _enum_issue(
                        text,
                        pos,
                        pos + len(seg_text),
                        en,
                        f"“{en.name}”为“{en.sep.join(en.members)}”，“{seg_text}”不在其中",
                        suggestion=missing[0] if replaced else None,
                        conf=0.9 if named else 0.85,
                    )
                )
        pos += len(seg) + 1
    order = [en.members.index(m) for m in real]
    if order != sorted(order) and len(set(order)) == len(order) and len(order) >= 3:
        issues.append(
            _enum_issue(
                text,
                spans[0][0],
                spans[-1][1],
                en,
                f"“{en.name}”的标准顺序为“{en.sep.join(en.members)}”",
                suggestion=en.sep.join(m for m in en.members if m in real),
            )
        )
    missing = [m for m in en.members if m not in real]
    if len(missing) == 1 and named and None not in mapped and len(set(real)) == len(real) and not issues:
        issues.append(
            _enum_issue(
                text,
                spans[0][0],
                spans[-1][1],
                en,
                f"“{en.name}”为“{en.sep.join(en.members)}”，此处缺少“{missing[0]}”",
                suggestion=en.sep.join(en.members),
                conf=0.85,
            )
        )
    return issues


def _check_sentence_order(text: str, s_start: int, s_end: int, en: Enumeration) -> list[Issue]:
    """Long members joined by ，/；: only the order is checked (members are whole clauses)."""
    sentence = text[s_start:s_end]
    found = []
    for i, m in enumerate(en.members):
        p = sentence.find(m)
        if p != -1:
            found.append((p, i, m))
    n = len(en.members)
    if len(found) < (n - 1 if n >= 4 else n):
        return []
    found.sort()
    order = [i for _p, i, _m in found]
    if order == sorted(order):
        return []
    start = s_start + found[0][0]
    end = s_start + found[-1][0] + len(found[-1][2])
    return [
        _enum_issue(
            text,
            start,
            end,
            en,
            f"“{en.name}”的标准顺序为“{en.sep.join(en.members)}”",
            suggestion=en.sep.join(en.members[i] for i in sorted(order)),
        )
    ]


class _Bounds:
    """Clause or sentence bounds by bisection over the separators, found once per text and only
    when a member occurs (most texts have hits; walking back from every hit was the cost)."""

    def __init__(self, text: str, splitter: re.Pattern):
        self.text = text
        self.splitter = splitter
        self.cuts: list[int] | None = None

    def __call__(self, pos: int) -> tuple[int, int]:
        if self.cuts is None:
            self.cuts = [m.start() for m in self.splitter.finditer(self.text)]
        i = bisect_right(self.cuts, pos)
        start = self.cuts[i - 1] + 1 if i else 0
        end = self.cuts[i] if i < len(self.cuts) else len(self.text)
        return start, end


def check_enumerations(text: str) -> list[Issue]:
    k = kb()
    if k.members is None:
        return []
    clause_of = _Bounds(text, _CLAUSE_SPLIT)
    sentence_of = _Bounds(text, _SENT_SPLIT)
    by_clause: dict[tuple[int, int], dict[int, set]] = {}
    by_sentence: dict[tuple[int, int], set] = {}
    no_list: set[tuple[int, int]] = set()
    for last, hits in k.members.iter(text):
        for idx, member in hits:
            en = k.enumerations[idx]
            start = last - len(member) + 1
            if en.sep == "、":
                bounds = clause_of(start)
                if bounds in no_list:
                    continue
                if text.find("、", *bounds) == -1:
                    no_list.add(bounds)
                    continue
                by_clause.setdefault(bounds, {}).setdefault(idx, set()).add(en.canon(member) or member)
            else:
                by_sentence.setdefault(sentence_of(start), set()).add(idx)
    issues: list[Issue] = []
    for (c_start, c_end), cands in by_clause.items():
        clause = text[c_start:c_end]
        # The list is the enumeration it matches best (五位一体 and 党的建设 share 政治建设).
        ranked = sorted(cands.items(), key=lambda kv: (-len(kv[1]), len(k.enumerations[kv[0]].members)))
        best, got = ranked[0]
        if len(got) < 2:
            continue
        issues += _check_chain(text, c_start, clause, k.enumerations[best])
    for (s_start, s_end), idxs in by_sentence.items():
        for idx in idxs:
            issues += _check_sentence_order(text, s_start, s_end, k.enumerations[idx])
    return issues


# ---------------------------------------------------------------- verb–object pairings


def check_verbs(text: str) -> list[Issue]:
    k = kb()
    if k.objects is None:
        return []
    issues = []
    for last, idxs in k.objects.iter(text):
        for idx in idxs:
            vo = k.verb_objects[idx]
            start = last - len(vo.obj) + 1
            end = start
            if start > 0 and text[start - 1] == "“":
                end -= 1
            before = text[max(0, end - 6) : end]
            if any(before.endswith(v) for v in (*vo.verbs, *vo.allowed)):
                continue
            wrong = next((w for w in sorted(vo.wrong, key=len, reverse=True) if before.endswith(w)), None)
            if wrong:
                right = vo.wrong[wrong]
                issues.append(
                    make_issue(
                        "POL-001",
                        end - len(wrong),
                        end,
                        text,
                        suggestion=right,
                        message=f"规范搭配为“{right}‘{vo.obj}’”，不用“{wrong}”",
                        basis=vo.source,
                        confidence=vo.confidence,
                        entry=vo.id,
                    )
                )
                continue
            generic = next((v for v in _GENERIC_VERBS if before.endswith(v)), None)
            if generic:
                issues.append(
                    make_issue(
                        "POL-008",
                        end - len(generic),
                        end,
                        text,
                        suggestion=vo.verbs[0],
                        message=f"“{vo.obj}”的常见规范搭配为“{'、'.join(vo.verbs)}”，请核对“{generic}”",
                        basis=vo.source,
                        confidence=min(0.5, vo.confidence),
                        entry=vo.id,
                    )
                )
    return issues


# ---------------------------------------------------------------- fixed formulations


def _one_edit(window: str, phrase: str) -> tuple[str, int, str] | None:
    """(kind, position in phrase, character) when window is one edit away from phrase."""
    n, w = len(phrase), len(window)
    if w == n:
        diff = [i for i in range(n) if window[i] != phrase[i]]
        if len(diff) == 1:
            return "sub", diff[0], window[diff[0]]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            if window[i] == phrase[i + 1] and window[i + 1] == phrase[i]:
                return "swap", i, ""
        return None
    if w == n - 1:
        i = 0
        while i < w and window[i] == phrase[i]:
            i += 1
        return ("del", i, phrase[i]) if window[i:] == phrase[i + 1 :] else None
    if w == n + 1:
        i = 0
        while i < n and window[i] == phrase[i]:
            i += 1
        return ("ins", i, window[i]) if window[i + 1 :] == phrase[i:] else None
    return None


@cache
def _similar(ch: str) -> frozenset[str]:
    from .csc import lexicon

    return lexicon().similar(ch)


def _judge(kind: str, pos: int, ch: str, phrase: str) -> float | None:
    """The confidence an edit deserves, or None when it is a legitimate variant."""
    n = len(phrase)
    if kind == "ins":
        if not 1 <= pos <= n - 1 or ch in _FREE_INSERT or not "\u4e00" <= ch <= "\u9fff":
            return None
        return 0.8
    if not 1 <= pos <= n - 2 or (kind == "swap" and pos + 1 > n - 2):
        return None
    if kind == "del":
        if ch in _FREE_CHARS - {"的"}:
            return None
        return 0.8 if ch == "的" else 0.9
    if kind == "swap":
        return 0.9
    # A replaced character is a slip only when it sounds or looks like the right one; any other
    # replacement is more likely a different wording (治理/管理, 国家/省级).
    if not "\u4e00" <= ch <= "\u9fff" or ch not in _similar(phrase[pos]):
        return None
    return 0.85


def _exact_spans(text: str) -> list[tuple[int, int]]:
    """Where a canonical phrase (or an allowed variant) stands exactly: no edit of another phrase
    that lies inside it is reported."""
    k = kb()
    if k.exact is None:
        return []
    return [(last - len(key) + 1, last + 1) for last, key in k.exact.iter(text)]


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any((s <= start and end <= e) or (s < end and start < e and e - s > end - start) for s, e in spans)


def check_fixed(text: str) -> list[Issue]:
    k = kb()
    cands: dict[tuple[int, int], tuple[int, float, str, int]] = {}

    def offer(start: int, window: str, idx: int, kind: str, pos: int, ch: str) -> None:
        fx = k.fixed[idx]
        if window in fx.allow or (kind == "ins" and fx.phrase in (window[1:], window[:-1])):
            return  # an allowed variant, or the phrase itself after a character that merely repeats
        conf = _judge(kind, pos, ch, fx.phrase)
        if conf is None:
            return
        key = (start, start + len(window))
        old = cands.get(key)
        if old is None or len(k.fixed[old[0]].phrase) < len(fx.phrase):
            cands[key] = (idx, min(conf, fx.confidence), kind, pos)

    if k.anchors is not None:
        for last, hits in k.anchors.iter(text):
            for idx, side, anchor_len in hits:
                phrase = k.fixed[idx].phrase
                n = len(phrase)
                if side == "L":
                    p = last - anchor_len + 1
                    for length in (n - 1, n, n + 1):
                        window = text[p : p + length]
                        if len(window) == length and window != phrase:
                            e = _one_edit(window, phrase)
                            if e:
                                offer(p, window, idx, *e)
                else:
                    q = last + 1
                    for length in (n - 1, n, n + 1):
                        if q - length < 0:
                            continue
                        window = text[q - length : q]
                        if window != phrase:
                            e = _one_edit(window, phrase)
                            if e:
                                offer(q - length, window, idx, *e)
    if k.variants is not None:
        for last, hits in k.variants.iter(text):
            for idx, kind, pos in hits:
                phrase = k.fixed[idx].phrase
                length = len(phrase) - 1 if kind == "del" else len(phrase)
                start = last - length + 1
                offer(start, text[start : last + 1], idx, kind, pos, phrase[pos] if kind == "del" else "")
    if not cands:
        return []
    spans = _exact_spans(text)
    issues = []
    taken: list[tuple[int, int]] = []
    for (start, end), (idx, conf, kind, _pos) in sorted(cands.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if _covered(spans, start, end) or any(s <= start and end <= e for s, e in taken):
            continue
        fx = k.fixed[idx]
        what = {"del": "缺字", "ins": "多字", "swap": "字序颠倒", "sub": "错字"}[kind]
        issues.append(
            make_issue(
                "POL-007",
                start,
                end,
                text,
                suggestion=fx.phrase,
                message=f"规范表述为“{fx.phrase}”（{what}）",
                basis=fx.source,
                confidence=conf,
                entry=fx.id,
            )
        )
        taken.append((start, end))
    return issues


def check_formulations(ctx: Context) -> list[Issue]:
    text = ctx.text
    return check_enumerations(text) + check_verbs(text) + check_fixed(text)
