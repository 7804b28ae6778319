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

import datetime as dt
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

import ahocorasick

from .context import Context
from .dataload import load_json, make_issue, sentence_bounds
from .lexicon import era_year, shared_hits
from .model import Issue

UNCONFIRMED_CAP = 0.6
RECENT_DAYS = 5 * 365  # undated text: a change this recent may postdate it (as lexicon.RECENT_YEARS)
FUZZY_MIN_LEN = 8  # phrases this long are found by anchors; shorter ones by generated variants
SHORT_MIN_LEN = 6  # shorter phrases are not varied at all: too many variants are real words
SHARED_ANCHOR = 3
LONG_PHRASE = 12  # a replaced word is reported only inside formulations at least this long
END_EDIT_PHRASE = 14  # … and its last word only in formulations at least this long
# Characters whose omission or addition is a variant, not an error (党风廉政建设和反腐败斗争 …).
_FREE_CHARS = set("和与及、，,之“”了") | {"的"}
_FREE_INSERT = set("和与及、，,之“”了的地是在对把将") | set("0123456789")
_OPTIONAL_WORDS = {
    *("全面", "深入", "坚决", "不断", "切实", "持续", "积极", "大力", "更加", "始终", "重大", "进一步"),
    *("良好", "重要", "有力", "有效", "高度", "主要", "各项", "一切"),
}
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
    # Orders in use before the canonical one was fixed: (order, valid_to) — 革命化、知识化、专业化、
    # 年轻化 in 1981, before the 1982 Party constitution.
    historical: tuple[tuple[tuple[str, ...], dt.date], ...] = ()
    outdated_since: dt.date | None = None  # when the outdated members went out of use (科技兴军, 2022)
    unordered: bool = False  # published texts list the members in more than one order (四下基层)

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
    tail: str = ""  # words that belong to this object only (“两个确立”的决定性意义)
    # Wrong verbs that published text also uses (增强“四个自信”): an error only where the sentence
    # recites the series with another object of the base (增强“四个意识”、增强“四个自信”、做到…).
    weak: frozenset = frozenset()


@dataclass
class Fixed:
    id: str
    phrase: str
    allow: frozenset
    source: str
    confidence: float
    # Wording the style rules fix to the character (以习近平同志为核心的党中央): a word or 的
    # left out is an error there, not a variant.
    strict: bool = False


@dataclass
class KB:
    enumerations: list[Enumeration] = field(default_factory=list)
    verb_objects: list[VerbObject] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    members: ahocorasick.Automaton | None = None  # member of a 、-list → [(enum index, member)]
    long_members: ahocorasick.Automaton | None = None  # member of a list joined by ，
    objects: ahocorasick.Automaton | None = None
    # anchor → [(fixed index, "L"|"R", anchor length)]; short-phrase variant → [(fixed index, "V", length)]
    anchors: ahocorasick.Automaton | None = None
    exact: ahocorasick.Automaton | None = None  # every canonical phrase and allowed variant
    known_wrong: frozenset = frozenset()  # wrong forms the literal layer reports (POL-003)


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


def _variants_of(phrase: str, k: int, variants: dict[str, list]) -> None:
    """A phrase's one-character deletions and swaps inside it (the first and last stay)."""
    n = len(phrase)
    for i in range(1, n - 1):
        for v in (
            phrase[:i] + phrase[i + 1 :],
            phrase[:i] + phrase[i + 1] + phrase[i] + phrase[i + 2 :] if i < n - 2 else "",
        ):
            if v and len(v) >= 4 and v != phrase:
                variants.setdefault(v, []).append((k, len(v)))


@cache
def confusable() -> dict[str, tuple[str, ...]]:
    """word → the words a drafter puts for it (formulations.json "confusable_words"), both directions."""
    out: dict[str, list[str]] = {}
    for pair in load_json("formulations").get("confusable_words", {}).get("pairs", ()):
        a, b = pair["words"]
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return {w: tuple(v) for w, v in out.items()}


def _swapped_word(phrase: str, window: str) -> tuple[str, str] | None:
    """(word, put for it) when window is phrase with one word of a confusable pair replaced by its
    partner — not at the head, where another verb makes another statement (坚定…道路)."""
    for word, others in confusable().items():
        at = phrase.find(word, 1)
        while at != -1:
            for other in others:
                if phrase[:at] + other + phrase[at + len(word) :] == window:
                    return word, other
            at = phrase.find(word, at + 1)
    return None


def _substitutions_of(phrase: str, k: int, variants: dict[str, list]) -> None:
    """A short phrase with one word of a confusable pair replaced (全面从严管党 for …治党): the
    anchors that find edits in long phrases are too short to hold in six or seven characters."""
    for word, others in confusable().items():
        at = phrase.find(word, 1)
        while at != -1:
            for other in others:
                v = phrase[:at] + other + phrase[at + len(word) :]
                variants.setdefault(v, []).append((k, len(v)))
            at = phrase.find(word, at + 1)


CONFUSABLE_CONF = 0.85
_LEAD = "坚持"


@cache
def kb() -> KB:
    data = load_json("formulations")
    out = KB()
    members: dict[str, list] = {}
    long_members: dict[str, list] = {}
    known_wrong: set[str] = set()
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
                tuple(
                    (tuple(h["order"]), dt.date.fromisoformat(h["valid_to"])) for h in e.get("historical_orders", ())
                ),
                dt.date.fromisoformat(e["outdated_since"]) if e.get("outdated_since") else None,
                bool(e.get("unordered")),
            )
            k = len(out.enumerations)
            out.enumerations.append(en)
            for m in (*en.members, *en.outdated, *en.aliases):
                (members if en.sep == "、" else long_members).setdefault(m, []).append((k, m))
        elif kind == "verb_object":
            vo = VerbObject(
                e["id"],
                e["object"],
                tuple(e["verbs"]),
                frozenset(e.get("allowed_verbs", ())),
                e.get("wrong_verbs", {}),
                e["source"],
                _cap(e, 0.85),
                e.get("object_tail", ""),
                frozenset(e.get("weak_wrong_verbs", ())),
            )
            objects.setdefault(vo.obj, []).append(len(out.verb_objects))
            out.verb_objects.append(vo)
        elif kind == "fixed":
            phrase = e["canonical"]
            exact[phrase] = phrase
            known_wrong.update(e.get("wrong", ()))
            for a in e.get("allow", ()):
                exact[a] = a
            if not e.get("fuzzy", True) or len(phrase) < SHORT_MIN_LEN:
                continue
            k = len(out.fixed)
            out.fixed.append(
                Fixed(e["id"], phrase, frozenset(e.get("allow", ())), e["source"], _cap(e, 0.9), bool(e.get("strict")))
            )
            n = len(phrase)
            if n >= FUZZY_MIN_LEN:
                continue  # anchored below, once every long phrase is known
            else:
                _variants_of(phrase, k, variants)
                _substitutions_of(phrase, k, variants)
        elif kind in ("outdated", "short_name"):
            exact[e["canonical"]] = e["canonical"]
    # A list of clauses that each open with 坚持 (坚持党的全面领导，坚持人民至上，…) is also written with one
    # 坚持 and 、 (坚持党的全面领导、人民至上、…): the same list, checked in that form too.
    known = {frozenset(en.members) for en in out.enumerations}
    for en in list(out.enumerations):
        if en.sep != "，" or not all(m.startswith(_LEAD) and len(m) > len(_LEAD) + 1 for m in en.members):
            continue
        short = tuple(m[len(_LEAD) :] for m in en.members)
        if frozenset(short) in known:
            continue  # written out in the data already (tf-0787)
        k = len(out.enumerations)
        out.enumerations.append(
            Enumeration(en.id, en.name, en.names, short, "", "、", {}, {}, (_LEAD,), en.source, en.confidence)
        )
        for m in short:
            members.setdefault(m, []).append((k, m))
    # Long members of an enumeration (人与自然和谐共生的现代化) are fixed wording too.
    for en in out.enumerations:
        for m in en.members:
            if len(m) >= FUZZY_MIN_LEN and m not in exact:
                exact[m] = m
                out.fixed.append(Fixed(en.id, m, frozenset(), en.source, en.confidence))
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
        if lo > hi:
            # The part that differs is too short to hold an anchor (中华人民共和国监察法): its
            # deletions and swaps are generated instead, as for short phrases.
            _variants_of(phrase, k, variants)
            continue
        h = (lo + hi) // 2
        # Both anchors at least three characters (two-character ones are common words), four when
        # the phrase allows it: fewer places to compare.
        edge = 5 if n >= 10 else 4
        h = min(max(h, edge), n - edge)
        anchors.setdefault(phrase[: h - 1], []).append((k, "L", h - 1))
        anchors.setdefault(phrase[h + 1 :], []).append((k, "R", n - h - 1))
    # A generated variant that is itself a canonical phrase (or part of one) is no error.
    for v in list(variants):
        if v in exact or any(v in p for p in exact):
            del variants[v]
    out.members = _automaton(members)
    out.long_members = _automaton(long_members)
    out.objects = _automaton(objects)
    for v, hits in variants.items():
        anchors.setdefault(v, []).extend((idx, "V", size) for idx, size in hits)
    out.anchors = _automaton(anchors)
    out.exact = _automaton(exact)
    out.known_wrong = frozenset(known_wrong)
    return out


def entry_index() -> dict[str, dict]:
    return {e["id"]: e for e in load_json("formulations")["entries"]}


# ---------------------------------------------------------------- enumerations


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
        longest = max(map(len, en.members))
        if _map_segment(left, 1, 2, en) and (
            _map_segment(right, len(segs), len(segs), en) or len(right) <= longest + 1
        ):
            # Padded so that, with the separator counted as one character, offsets stay right.
            return [*segs[:-1], left + "\x00" * (m.end() - m.start() - 1), right]
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


def _inner(seg: str, en: Enumeration) -> str | None:
    pool = (*en.members, *en.outdated, *en.aliases)
    if seg in pool:
        return seg
    for p in en.prefixes:
        if seg.startswith(p) and seg[len(p) :] in pool:
            return seg[len(p) :]
    return None


def _edge(seg: str, en: Enumeration, head: bool) -> str | None:
    """The member a list's first segment ends with (坚持创新) or its last one starts with (共享的…)."""
    for member in sorted((*en.members, *en.outdated, *en.aliases), key=len, reverse=True):
        if (seg.endswith(member) if head else seg.startswith(member)) and seg != member:
            return member
    return None


def _alike(a: str, b: str) -> bool:
    """A replaced member that shares a character with the missing one (清正廉明/清正廉洁, 分享/共享)."""
    return bool(set(a) & set(b))


def _check_chain(
    text: str, offset: int, clause: str, en: Enumeration, written: dt.date | None = None, today: dt.date | None = None
) -> list[Issue]:
    n = len(en.members)
    segs = _split_last(clause.split("、"), en)
    if len(segs) < 2:
        return []
    starts, pos = [], offset
    for seg in segs:
        starts.append(pos)
        pos += len(seg) + 1
    segs = [seg.rstrip("\x00") for seg in segs]
    inner = [_inner(seg, en) for seg in segs]
    # The list runs from the first segment that is (or ends with) a member to the last that is (or
    # starts with) one: 要完整、准确、全面贯彻创新、协调… begins at 创新.
    first = next((i for i, seg in enumerate(segs) if inner[i] or _edge(seg, en, True)), None)
    last = next((i for i in range(len(segs) - 1, -1, -1) if inner[i] or _edge(segs[i], en, False)), None)
    if first is None or last is None or last - first < 1:
        return []
    # (span start, span end, member or None) per segment of the run
    run: list[tuple[int, int, str | None]] = []
    for i in range(first, last + 1):
        seg, m = segs[i], inner[i]
        if m is None and i == first:
            m = _edge(seg, en, True)
        if m is None and i == last:
            m = _edge(seg, en, False)
        if m is None:
            run.append((starts[i], starts[i] + len(seg), None))
        else:
            at = starts[i] + (len(seg) - len(m) if i == first and inner[i] is None else 0)
            run.append((at, at + len(m), m))
    real = [en.canon(m) for _s, _e, m in run if m and en.canon(m)]
    missing = [m for m in en.members if m not in real]
    # A member replaced at either end of the list: …敢于担当、清正廉明的干部 (清正廉洁 missing).
    if len(real) == n - 1 and len(missing) == 1 and None not in [m for _s, _e, m in run]:
        k = en.members.index(missing[0])
        size = len(missing[0])
        if k == n - 1 and last + 1 < len(segs) and en.members.index(real[-1]) == n - 2:
            s0 = starts[last + 1]
            if _alike(text[s0 : s0 + size], missing[0]):
                run.append((s0, s0 + size, None))
        elif k == 0 and first > 0 and en.members.index(real[0]) == 1:
            seg = segs[first - 1]
            s0 = starts[first - 1] + len(seg) - size
            if _alike(text[s0 : s0 + size], missing[0]):
                run.insert(0, (s0, s0 + size, None))
    mapped = [m for _s, _e, m in run]
    hits = [m for m in mapped if m]
    need = n - 1 if n >= 4 else 2
    # Precision guard: the clause must really be this list.
    if len(set(real)) < need or len(hits) < len(run) - 1 or (len(run) < 3 and n > 2):
        return []
    sentence = text[slice(*sentence_bounds(text, offset))]
    named = _name_in(sentence, en)
    foreign = [(s, e) for s, e, m in run if m is None]
    issues = []
    since = en.outdated_since
    for s, e, m in run:
        if m in en.outdated:
            if since and written is not None and written < since:
                continue  # the member was current when the document was written
            recent = since and written is None and today and (today - since).days < RECENT_DAYS
            era = era_year(text, today) if since and written is None and today else None
            older = era is not None and era < since.year  # the text speaks of years before the change
            issues.append(
                _enum_issue(
                    text,
                    s,
                    e,
                    en,
                    f"“{en.name}”的现行表述为“{en.sep.join(en.members)}”，“{m}”已不用",
                    suggestion=en.outdated[m],
                    conf=0.5 if older else (0.7 if recent else None),  # an undated text may predate the change
                )
            )
    if len(foreign) == 1 and len(run) == n and len(missing) == 1:
        s, e = foreign[0]
        wrong = text[s:e]
        # The member may be written in a longer form of its own (重大事项决定权 for 决定权): a slip in
        # that form (重大事项决定权力) is as short a step from it.
        forms = [missing[0], *(a for a, m in en.aliases.items() if m == missing[0])]
        if len(wrong) <= max(map(len, forms)) + 2:
            conf = 0.9 if any(_alike(wrong, f) for f in forms) else (0.85 if named else 0.6)
            issues.append(
                _enum_issue(
                    text,
                    s,
                    e,
                    en,
                    f"“{en.name}”为“{en.sep.join(en.members)}”，“{wrong}”应为“{missing[0]}”",
                    suggestion=missing[0],
                    conf=conf,
                )
            )
    elif foreign and not missing and named and en.suffix:
        for s, e in foreign:
            if text[s:e].endswith(en.suffix) and e - s <= len(en.suffix) + 4:
                issues.append(
                    _enum_issue(
                        text, s, e, en, f"“{en.name}”为“{en.sep.join(en.members)}”，“{text[s:e]}”不在其中", conf=0.85
                    )
                )
    spans = [(s, e) for s, e, m in run if m]
    order = [en.members.index(m) for m in real]
    old = next((until for seq, until in en.historical if tuple(real) == seq), None)
    if old is not None and (written is None or written >= old):
        old_conf = 0.5  # the order of an earlier period: worth a look in a later text
    elif old is not None:
        old_conf = 0.0  # written before the order was fixed: right for its time
    else:
        old_conf = None
    if (
        order != sorted(order)
        and len(set(order)) == len(order)
        and len(order) >= 3
        and old_conf != 0.0
        and not en.unordered
    ):
        issues.append(
            _enum_issue(
                text,
                spans[0][0],
                spans[-1][1],
                en,
                f"“{en.name}”的标准顺序为“{en.sep.join(en.members)}”",
                suggestion=en.sep.join(m for m in en.members if m in real),
                conf=old_conf,
            )
        )
    if len(missing) == 1 and not foreign and len(set(real)) == len(real) and not issues:
        # One member left out: sure when the list is named, likely in a long list.
        conf = 0.9 if named else (0.85 if n >= 6 else (0.6 if n == 5 else 0))
        if conf:
            issues.append(
                _enum_issue(
                    text,
                    spans[0][0],
                    spans[-1][1],
                    en,
                    f"“{en.name}”为“{en.sep.join(en.members)}”，此处缺少“{missing[0]}”",
                    suggestion=en.sep.join(en.members),
                    conf=conf,
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
    if order == sorted(order) or en.unordered:
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


# A clause that holds a 、: the only place a 、-list can be (found in C, then searched member by member).
# Anchored after a separator, so that a clause without 、 is scanned once, not from each character.
_LIST_CLAUSE = re.compile(
    r"(?:^|(?<=[，。；：！？\n（）“”《》]))[^，。；：！？\n（）“”《》、]*+、[^，。；：！？\n（）“”《》]*+"
)


def check_enumerations(text: str, written: dt.date | None = None, today: dt.date | None = None) -> list[Issue]:
    """written: the document's date when it is known (not today's stand-in); today: the reference date."""
    k = kb()
    issues: list[Issue] = []
    if k.members is not None and "、" in text:
        # The members found in the whole text by the shared pass (by end, longest first): a clause
        # takes those that lie inside it, as a pass over the clause alone would find them.
        member_hits = shared_hits(text)[5]
        j, n_hits = 0, len(member_hits)
        for m in _LIST_CLAUSE.finditer(text):
            c_start, c_end = m.span()
            while j < n_hits and member_hits[j][0] < c_start:
                j += 1
            if j == n_hits:
                break
            if member_hits[j][0] >= c_end:
                continue  # no member ends inside this clause
            cands: dict[int, set] = {}
            while j < n_hits and member_hits[j][0] < c_end:
                last, hits = member_hits[j]
                j += 1
                for idx, member in hits:
                    if last - len(member) + 1 >= c_start:  # not one that begins before the clause
                        cands.setdefault(idx, set()).add(k.enumerations[idx].canon(member) or member)
            if not cands:
                continue
            clause = m.group()
            # The list is the enumeration it matches best (五位一体 and 党的建设 share 政治建设).
            best, got = min(cands.items(), key=lambda kv: (-len(kv[1]), len(k.enumerations[kv[0]].members)))
            if len(got) >= 2:
                issues += _check_chain(text, c_start, clause, k.enumerations[best], written, today)
    if k.long_members is not None:
        sentence_of = _Bounds(text, _SENT_SPLIT)
        by_sentence: dict[tuple[int, int], set] = {}
        for last, hits in shared_hits(text)[4]:  # the pass shared with the literal layer
            for idx, member in hits:
                by_sentence.setdefault(sentence_of(last - len(member) + 1), set()).add(idx)
        for (s_start, s_end), idxs in by_sentence.items():
            for idx in idxs:
                issues += _check_sentence_order(text, s_start, s_end, k.enumerations[idx])
    return issues


# ---------------------------------------------------------------- verb–object pairings


def _sibling_object(k: KB, vo: VerbObject, verb: str, text: str, start: int) -> VerbObject | None:
    """The object a wrong verb really belongs to, when the sentence recites the series: the verb is
    that object's own (做到 → “两个维护”), the object is absent from the sentence, and at least two
    other objects of the base stand in it with their own verbs."""
    s_start, s_end = sentence_bounds(text, start)
    sentence = text[s_start:s_end]
    owners = [o for o in k.verb_objects if o.verbs and o.verbs[0] == verb and o.obj != vo.obj]
    if len(owners) != 1 or owners[0].obj in sentence:
        return None
    recited = sum(
        1
        for o in k.verb_objects
        if o.obj != vo.obj and any(f"{v}“{o.obj}”" in sentence or f"{v}{o.obj}" in sentence for v in o.verbs)
    )
    return owners[0] if recited >= 2 else None


def check_verbs(text: str) -> list[Issue]:
    k = kb()
    if k.objects is None:
        return []
    issues = []
    for last, idxs in shared_hits(text)[3]:  # the pass shared with the literal layer
        for idx in idxs:
            vo = k.verb_objects[idx]
            start = last - len(vo.obj) + 1
            end = start
            if start > 0 and text[start - 1] == "“":
                end -= 1
            after = last + 1 + (last + 1 < len(text) and text[last + 1] == "”")
            owner = next((o for o in k.verb_objects if o.tail and o is not vo and text.startswith(o.tail, after)), None)
            if owner is not None:
                # 深刻领悟“两个维护”的决定性意义: the words around it belong to another object.
                issues.append(
                    make_issue(
                        "POL-001",
                        start,
                        last + 1,
                        text,
                        suggestion=owner.obj,
                        message=f"“{owner.tail.lstrip('的')}”说的是“{owner.obj}”，不是“{vo.obj}”",
                        basis=owner.source,
                        confidence=owner.confidence,
                        entry=owner.id,
                    )
                )
                continue
            before = text[max(0, end - 6) : end]
            if any(before.endswith(v) for v in (*vo.verbs, *vo.allowed)):
                continue
            wrong = next((w for w in sorted(vo.wrong, key=len, reverse=True) if before.endswith(w)), None)
            if wrong and (sibling := _sibling_object(k, vo, wrong, text, start)) is not None:
                # 增强“四个意识”、坚定“四个自信”、做到“两个确立”: the series is recited and its verb is
                # right; the object is the one that slipped.
                issues.append(
                    make_issue(
                        "POL-001",
                        start,
                        last + 1,
                        text,
                        suggestion=sibling.obj,
                        message=f"“{wrong}”搭配的是“{sibling.obj}”：并列表述中此处应为“{wrong}‘{sibling.obj}’”",
                        basis=sibling.source,
                        confidence=min(sibling.confidence, vo.confidence),
                        entry=sibling.id,
                    )
                )
                continue
            if wrong:
                right = vo.wrong[wrong]
                conf = vo.confidence
                if wrong in vo.weak:
                    s_start, s_end = sentence_bounds(text, start)
                    sentence = text[s_start:s_end]
                    if not any(o.obj in sentence for o in k.verb_objects if o.obj != vo.obj):
                        conf = min(conf, 0.6)  # alone, a usage published text has too
                issues.append(
                    make_issue(
                        "POL-001",
                        end - len(wrong),
                        end,
                        text,
                        suggestion=right,
                        message=f"规范搭配为“{right}‘{vo.obj}’”，不用“{wrong}”",
                        basis=vo.source,
                        confidence=conf,
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


def _block_edit(window: str, phrase: str) -> tuple[str, int, str, str] | None:
    """(kind, position, removed, inserted) when window is phrase with one block of at most two
    characters replaced by at most two others; kind is del, ins, sub or swap."""
    n, w = len(phrase), len(window)
    # Most windows of an anchor are ordinary text: when an end character differs, the edit must lie
    # at that end and the rest must match, which one slice comparison in C settles.
    k = max(n, w) - 2
    if window[-1:] != phrase[-1:]:
        if window[:k] != phrase[:k]:
            return None
    elif window[:1] != phrase[:1] and window[w - k :] != phrase[n - k :]:
        return None
    p = 0
    limit = min(n, w)
    while p < limit and window[p] == phrase[p]:
        p += 1
    s = 0
    while s < limit - p and window[w - 1 - s] == phrase[n - 1 - s]:
        s += 1
    removed, inserted = phrase[p : n - s], window[p : w - s]
    if len(removed) > 2 or len(inserted) > 2 or not (removed or inserted):
        return None
    if not removed:
        return "ins", p, removed, inserted
    if not inserted:
        return "del", p, removed, inserted
    if len(removed) == 2 and inserted == removed[::-1]:
        return "swap", p, removed, inserted
    return "sub", p, removed, inserted


@cache
def _similar(ch: str) -> frozenset[str]:
    from .csc import lexicon

    return lexicon().similar(ch)


_LEVEL = set("国省市县区乡镇村州盟旗")
_TITLE = re.compile(
    r"(?:中华人民共和国|中国共产党|中共中央|党政|关于).*"
    r"(?:法|法典|条例|规则|准则|规定|决定|决议|意见|办法|方案)(?:（试行）)?$"
)


def _is_cjk(chars: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in chars)


_NUMERALS = set("〇零一二三四五六七八九十百千两0123456789")
# A copula or demonstrative put for another is a paraphrase, not a slip: 高质量发展这个…首要任务.
_FUNCTION_CHARS = set("是这那个一为作成即就乃此该其")
REDUPLICATED = 100  # a doubled character this common as a word (人人, 层层) may be meant
WORD_LEFT_OUT = 0.6  # a whole word left out of (or added to) fixed wording: worth a look, no more
_LOG_TOTAL = math.log(60_101_967)  # sum of jieba dict.txt frequencies (csc.py)


def _freq() -> dict[str, int]:
    from .csc import lexicon

    return lexicon().freq


@lru_cache(maxsize=4096)
def _bounds(s: str) -> frozenset[int]:
    """Word boundaries of s by the most probable segmentation under jieba's unigram counts (words
    of up to four characters). Asked only for a candidate edit, so the cost does not matter."""
    freq = _freq()
    n = len(s)
    score = [0.0] + [-1e18] * n
    back = [0] * (n + 1)
    for i in range(1, n + 1):
        for size in range(1, min(4, i) + 1):
            f = freq.get(s[i - size : i])
            if f is None and size > 1:
                continue
            sc = score[i - size] + math.log((f or 0) + 0.5) - _LOG_TOTAL
            if sc > score[i]:
                score[i], back[i] = sc, size
    cuts, i = {0}, n
    while i > 0:
        cuts.add(i)
        i -= back[i]
    return frozenset(cuts)


def _whole_word(s: str, start: int, end: int) -> bool:
    """s[start:end] is one or more whole words of s (党 in 保持党同人民群众…, 政治 in 发挥政治巡视…),
    not part of a word (组 in 中心组理论学习, 集中 in 集中统一领导)."""
    cuts = _bounds(s)
    return start in cuts and end in cuts


def _misaligned(text: str, start: int, end: int) -> bool:
    """The window starts or ends inside a word of the text (学|习贯彻新时代…, whose 习 is the start
    of 习近平新时代…): it is not the phrase at all."""
    lo, hi = max(0, start - 3), min(len(text), end + 3)
    cuts = _bounds(text[lo:hi])
    return (start - lo) not in cuts or (end - lo) not in cuts


def _judge(
    kind: str, pos: int, removed: str, inserted: str, phrase: str, window: str, strict: bool = False
) -> float | None:
    """The confidence an edit deserves, or None when it is more likely a legitimate variant.

    A drafting slip is a wrong character inside a word (same sound or shape), a character dropped
    inside a word or doubled, two characters swapped. Legitimate variation is a whole word left out
    or added (a name, 的, 好, 党, 中国, a modifier: at most a suggestion), a number or ordinal
    changed (党的第十一次全国代表大会), a copula or demonstrative put for another (这个 for 是).
    The first and last characters must stay (an edit there is another phrase: 全面依法治市);
    another word replaced counts only inside a long formulation, after at least two intact
    characters (最本质→最根本, 首要任务→根本任务), where a different word is a slip rather than a
    different statement; a verb changed at the head (坚定…道路 for 坚持…道路) is another statement."""
    n = len(phrase)
    at_end = pos + len(removed) == n and kind == "sub" and n >= END_EDIT_PHRASE
    if pos < 1 or (pos + len(removed) > n - 1 and not at_end) or not _is_cjk(inserted):
        return None
    if removed and inserted and set(removed + inserted) <= _NUMERALS:
        return None  # another ordinal or number: another meeting, not a slip
    if kind == "swap":
        return 0.9
    if kind == "del":
        if strict and (removed == "的" or _whole_word(phrase, pos, pos + len(removed))):
            return 0.85  # 以习近平同志为核心党中央
        if removed == "的":
            return WORD_LEFT_OUT  # 实现中华民族伟大复兴中国梦: acceptable, at most worth a look
        if set(removed) <= _FREE_CHARS or removed in _OPTIONAL_WORDS:
            return None  # 坚持和加强党的领导 is as canonical as …党的全面领导
        if _whole_word(phrase, pos, pos + len(removed)):
            return WORD_LEFT_OUT  # 保持同人民群众的血肉联系: the subject 党 stands elsewhere
        if len(removed) == 2 and n < 10:
            return None  # 坚持党的全面领导 without 全面 is 坚持党的领导: short phrases lose words legitimately
        return 0.9 if len(removed) == 1 else 0.85
    if kind == "ins":
        if set(inserted) <= _FREE_INSERT or inserted in _OPTIONAL_WORDS:
            return None
        if inserted in (phrase[pos - 1 : pos], phrase[pos : pos + 1]):
            # A doubled character (全过过程人民民主) is a slip, unless the pair is itself a word (人人).
            return None if len(inserted) > 1 or _freq().get(inserted * 2, 0) >= REDUPLICATED else 0.8
        if _whole_word(window, pos, pos + len(inserted)):
            return WORD_LEFT_OUT if not set(inserted) <= _FUNCTION_CHARS else None
        return 0.8 if len(inserted) == 1 else 0.75  # 第一驱动力: the word itself changed
    if (set(removed) | set(inserted)) <= _FREE_CHARS:
        return None  # 、 for 和 between two parts of a formulation
    if (set(removed) | set(inserted)) & _LEVEL:
        return None  # 国家→省级, 全国→全省: the local form of a national formulation
    if set(removed) <= _FUNCTION_CHARS and set(inserted) <= _FUNCTION_CHARS:
        return None  # 高质量发展这个…的首要任务: a paraphrase
    if len(removed) == len(inserted) == 1 and inserted in _similar(removed):
        return 0.85
    if n >= LONG_PHRASE and pos >= 2 and not _TITLE.match(phrase):
        return 0.8  # (in a title another word makes another document: 监察法/监督法)
    return None


def _exact_spans(exact_hits: list) -> list[tuple[int, int]]:
    """Where a canonical phrase (or an allowed variant) stands exactly: no edit of another phrase
    that lies inside it is reported."""
    k = kb()
    if k.exact is None:
        return []
    return [(last - len(key) + 1, last + 1) for last, key in exact_hits]


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any((s <= start and end <= e) or (s < end and start < e and e - s > end - start) for s, e in spans)


def check_fixed(text: str) -> list[Issue]:
    k = kb()
    # The last user of the pass shared with the literal layer: its exact phrases are kept here.
    _lit, anchor_hits, exact_hits, *_others = shared_hits(text, last_use=True)
    cands: dict[tuple[int, int], tuple[int, float, str, int]] = {}

    def offer(start: int, window: str, idx: int, edit: tuple[str, int, str, str] | None) -> None:
        if edit is None:
            return
        fx = k.fixed[idx]
        if window in fx.allow or fx.phrase in window or window in k.known_wrong:
            return  # an allowed variant, or the phrase itself next to a character that merely repeats
        kind, pos, removed, inserted = edit
        end = start + len(window)
        if pos + len(removed) == len(fx.phrase) and end < len(text) and "\u4e00" <= text[end] <= "\u9fff":
            return  # a changed last word must end the phrase: …主义理 is the start of …主义理论
        conf = _judge(kind, pos, removed, inserted, fx.phrase, window, fx.strict)
        if kind == "sub" and not _TITLE.match(fx.phrase) and _swapped_word(fx.phrase, window):
            conf = max(conf or 0.0, CONFUSABLE_CONF)  # 大抓基层的明确导向: a near-synonym put for the word
        if conf is None or _misaligned(text, start, end):
            return
        key = (start, start + len(window))
        old = cands.get(key)
        if old is None or len(k.fixed[old[0]].phrase) < len(fx.phrase):
            cands[key] = (idx, min(conf, fx.confidence), kind, pos)

    if k.anchors is not None:
        # One pass finds both the anchors of long phrases ("L"/"R") and the generated variants of
        # short ones ("V", whose length is the variant's).
        for last, hits in anchor_hits:
            for idx, side, size in hits:
                phrase = k.fixed[idx].phrase
                n = len(phrase)
                if side == "V":
                    start = last - size + 1
                    offer(start, text[start : last + 1], idx, _block_edit(text[start : last + 1], phrase))
                elif side == "L":
                    p = last - size + 1
                    if text.startswith(phrase, p):
                        continue  # the phrase itself: the common case, nothing to compare
                    if phrase[-1] not in text[p + n - 3 : p + n + 2] and not text.startswith(phrase[: n - 2], p):
                        continue  # no window ends like the phrase or holds all but its end (_block_edit)
                    for length in range(n - 2, n + 3):
                        window = text[p : p + length]
                        if len(window) == length and window != phrase:
                            offer(p, window, idx, _block_edit(window, phrase))
                else:
                    q = last + 1
                    if text.endswith(phrase, 0, q):
                        continue
                    lo, hi = max(0, q - n - 2), q - n + 3
                    if not (hi > lo and phrase[0] in text[lo:hi]) and not text.endswith(phrase[2:], 0, q):
                        continue  # no window starts like the phrase or holds all but its start
                    for length in range(n - 2, n + 3):
                        if q - length < 0:
                            continue
                        window = text[q - length : q]
                        if window != phrase:
                            offer(q - length, window, idx, _block_edit(window, phrase))
    if not cands:
        return []
    spans = _exact_spans(exact_hits)
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


_QUOTED = re.compile(r"“([^“”\n]{2,8})”")


@cache
def _name_slips() -> dict[str, tuple[str, str, str]]:
    """A quoted name of the base (“四种形态”, “四个全面”) with one word of a confusable pair put for
    another (“四种形式”, “四个全局”) → (right name, entry id, source). Names the base knows are never
    slips of each other."""
    k = kb()
    names: dict[str, tuple[str, str]] = {}
    for en in k.enumerations:
        for n in en.names:
            names.setdefault(n.strip("“”"), (en.id, en.source))
    for vo in k.verb_objects:
        names.setdefault(vo.obj, (vo.id, vo.source))
    out: dict[str, tuple[str, str, str]] = {}
    for name, (eid, source) in names.items():
        for word, others in confusable().items():
            at = name.find(word, 1)
            while at != -1:
                for other in others:
                    slip = name[:at] + other + name[at + len(word) :]
                    if slip not in names:
                        out.setdefault(slip, (name, eid, source))
                at = name.find(word, at + 1)
    return out


def check_quoted_names(text: str) -> list[Issue]:
    if "“" not in text:
        return []
    slips = _name_slips()
    issues = []
    for m in _QUOTED.finditer(text):
        hit = slips.get(m.group(1))
        if hit is None:
            continue
        right, eid, source = hit
        issues.append(
            make_issue(
                "POL-003",
                m.start(1),
                m.end(1),
                text,
                suggestion=right,
                message=f"规范表述为“{right}”",
                basis=source,
                confidence=CONFUSABLE_CONF,
                entry=eid,
            )
        )
    return issues


def check_formulations(ctx: Context) -> list[Issue]:
    text = ctx.text
    written = ctx.document_date if ctx.document_date_from != "today" else None
    return (
        check_enumerations(text, written, ctx.document_date)
        + check_verbs(text)
        + check_fixed(text)
        + check_quoted_names(text)
    )
