"""Literal dictionary layer: one Aho-Corasick automaton over every fixed wrong form in the data.

Entries come from the formulation knowledge base, data/formulations.json (known wrong forms of fixed
formulations, outdated formulations, short names, renamed and abolished bodies), and wording.json
(curated wrong words). Every finding names its knowledge-base entry (Issue.entry) and that entry's
source (Issue.basis). Organ terms from Options get their own small automaton, cached per distinct
Options value.

Whether an old name is wrong depends on time: a body renamed in 2018 is right in a 2016 document
and wrong in a 2025 one, unless the sentence speaks of the past. The document's date is
Options.reference_date (the engine puts the text's 成文日期 there).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from .dataload import load_json, make_issue, sentence_bounds
from .model import HIGH_CONFIDENCE, Issue, Options, Severity

UNCONFIRMED_CAP = 0.6  # an entry not checked against published text never yields an error
RECENT_YEARS = 5  # undated text: documents written before a change this recent are still about


@dataclass(frozen=True)
class Entry:
    rule: str
    wrong: str
    right: str | None
    severity: str | None = None
    basis: str | None = None
    message: str | None = None
    kind: str = "plain"  # plain | renamed | outdated
    valid_to: dt.date | None = None
    require_before: str | None = None
    not_before: str = ""  # characters that, right before the match, show it is part of another word
    not_after: str = ""  # … right after the match
    require_level: bool = False  # a generic name (监察局) is a body only right after 省/市/县/区 …
    context: str = "any"  # any | present | goal (see _context_ok)
    confidence: float | None = None
    entry_id: str = ""


_LEVEL_CHARS = set("省市县区州旗盟镇乡")
_ARTICLE_RE = re.compile(r"(?m)^[ \t　]*第[一二三四五六七八九十百零〇]+条")
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A current goal: the formulation right after one of these (为全面建成小康社会而奋斗, 确保…).
_GOAL_BEFORE = re.compile(r"(?:决胜|确保|奋力|加快|夺取|朝着|向着|为|推进|打赢|坚决打赢|全力)[“]?$")
# … but not a goal reached (如期全面建成小康社会, 已经全面建成小康社会).
_DONE_BEFORE = re.compile(r"(?:如期|已经|已|胜利|历史性地|实现了|完成了|打赢了|在)[“]?$")


def _kb_entries() -> list[dict]:
    return load_json("formulations")["entries"]


def _conf(e: dict, default: float) -> float:
    conf = float(e.get("finding_confidence", default))
    if e.get("confidence") == "unconfirmed":
        conf = min(conf, UNCONFIRMED_CAP)
    return conf


def _guard(e: dict) -> dict:
    g = e.get("guard") or {}
    return {
        "not_before": g.get("not_before", ""),
        "not_after": g.get("not_after", ""),
        "require_before": g.get("require_before"),
        "require_level": bool(g.get("require_level")),
    }


def _static_entries() -> list[Entry]:
    entries: list[Entry] = []
    for e in _kb_entries():
        kind = e["kind"]
        if kind == "fixed":
            since = e.get("wrong_since", {})
            for wrong in e.get("wrong", ()):
                # A form that was itself canonical until a date (习近平同志党中央的核心, before the
                # 2022 constitution) is wrong only in a document written after it.
                valid_to = dt.date.fromisoformat(since[wrong]) if wrong in since else None
                entries.append(
                    Entry(
                        "POL-003",
                        wrong,
                        e["canonical"],
                        basis=e["source"],
                        message=f"规范表述为“{e['canonical']}”"
                        + (f"（{valid_to.year}年{valid_to.month}月起）" if valid_to else ""),
                        valid_to=valid_to,
                        confidence=_conf(e, 0.95),
                        entry_id=e["id"],
                    )
                )
        elif kind == "short_name":
            conf = _conf(e, 0.85)
            if conf <= 0:
                continue
            entries.append(
                Entry(
                    "POL-004",
                    e["wrong"],
                    e["canonical"],
                    basis=e["source"],
                    message=f"规范简称为“{e['canonical']}”，不用“{e['wrong']}”",
                    confidence=conf,
                    entry_id=e["id"],
                    **_guard(e),
                )
            )
        elif kind == "outdated":
            conf = _conf(e, 0.85)
            if conf <= 0:
                continue
            valid_to = dt.date.fromisoformat(e["valid_to"])
            entries.append(
                Entry(
                    "POL-006",
                    e["wrong"],
                    e["canonical"],
                    basis=e["source"],
                    message=f"“{e['wrong']}”自{valid_to.year}年{valid_to.month}月起不再使用，现为“{e['canonical']}”",
                    kind="outdated",
                    valid_to=valid_to,
                    context=e.get("context", "any"),
                    confidence=conf,
                    entry_id=e["id"],
                    **_guard(e),
                )
            )
        elif kind == "renamed_body":
            conf = _conf(e, 0.85)
            if conf <= 0:
                continue
            valid_to = dt.date.fromisoformat(e["valid_to"])
            entries.append(
                Entry(
                    "POL-005",
                    e["old"],
                    e["canonical"],
                    basis=e["source"],
                    message=f"“{e['old']}”已于{valid_to.year}年机构改革中更名或撤销，现为“{e['canonical']}”",
                    kind="renamed",
                    valid_to=valid_to,
                    context="present",
                    confidence=conf,
                    entry_id=e["id"],
                    **_guard(e),
                )
            )
    for e in load_json("wording")["literal"]:
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


@cache
def _shared_automaton() -> ahocorasick.Automaton | None:
    """The literal layer's wrong forms, and the formulation knowledge base's anchors, exact
    phrases, verb objects and enumeration members, in one automaton: each word's value is
    one slot per source (None where the word is not one of its words). An automaton pass costs
    about the same whatever its size, so one pass over the text serves both checks instead of six."""
    from .checks_formulations import kb

    k = kb()
    sources = (static_automaton(), k.anchors, k.exact, k.objects, k.long_members, k.members)
    table: dict[str, list] = {}
    for slot, auto in enumerate(sources):
        if auto is not None:
            for word, value in auto.items():
                table.setdefault(word, [None] * len(sources))[slot] = value
    if not table:
        return None
    return _frequent_first(table, (None,) * len(sources))


# The 240 most frequent characters of the official texts in eval/clean/dev (150,000 characters of
# laws, regulations, work reports and speeches), most frequent first, blanks left out.
_FREQUENT_CHARS = (
    "会，人的表代议员民委\n、大。务常和第关法条十定提案以主审市作行有当国应决出规机工查或级者报选一本由；席全团意任可"
    "职组告见（）在专三门二对理院各方政长察情省办举发建要上其时事向性不成中检况公四五经体分过处备名及调地进构项书并列范"
    "为责据重请件文单批制题问通询权依程根于执织区家六府期监他免予交位内副2面质评数开照联日社求复后等取展下律实受研同听"
    "加负答次间草候集划究持自七预部计明式年前乡章高算个参将秘撤相按县0动布之是准共原用八与设济反：九得合度改入督必结确"
    "族违言需则治被送/1立召"
)
_NEVER = "\uffff\uffff"  # ends the placeholder words below (found or not, their values are skipped)


def _frequent_first(table: dict[str, list], nothing: tuple) -> ahocorasick.Automaton:
    """The automaton of table's words, built so that the most frequent characters come first among
    the start node's edges.

    pyahocorasick looks a character up among a node's edges one by one, in the order they were
    added, and nearly every character of a text passes through the start node: a frequent one
    found at the front costs a comparison, one found at the back hundreds. So the words are added
    by the frequency of their first character, and a frequent character that starts no word gets a
    placeholder word (its value all None, which every reader skips) to put it at the front too.
    The words and their values are the same in any order: only the time changes."""
    by_first: dict[str, list[str]] = {}
    for word in table:
        by_first.setdefault(word[0], []).append(word)
    auto = ahocorasick.Automaton()
    for ch in dict.fromkeys(_FREQUENT_CHARS):
        if ch in by_first:
            for word in by_first.pop(ch):
                auto.add_word(word, tuple(table[word]))
        elif ch + _NEVER not in table:
            auto.add_word(ch + _NEVER, nothing)
    for words in by_first.values():
        for word in words:
            auto.add_word(word, tuple(table[word]))
    auto.make_automaton()
    return auto


# The last text scanned and its hits: check_literals and check_formulations run on the same text
# object one after the other (the engine), and the second reuses the pass. Holding the text keeps
# its identity from being reused; a tuple is replaced at once, so threads see one or the other.
_last_scan: tuple[str, tuple[list, ...]] | None = None


def shared_hits(text: str, last_use: bool = False) -> tuple[list, ...]:
    """(end, value) of every literal wrong form, formulation anchor, exact phrase, verb object, long
    enumeration member and 、-list member in text: six lists, each in the order its own
    automaton's iter() gives (by end, longest first).

    last_use: the caller is the last of one check_text to need them (the formulation checks): the
    text is let go, and the next check of the same text scans it afresh."""
    global _last_scan
    last = _last_scan
    if last is not None and last[0] is text:
        if last_use:
            _last_scan = None
        return last[1]
    hits: tuple[list, ...] = ([], [], [], [], [], [])
    literal, anchors, exact, objects, members, list_members = hits
    auto = _shared_automaton()
    if auto is not None:
        for end, (lit, anchor, phrase, obj, member, list_member) in auto.iter(text):
            if lit is not None:
                literal.append((end, lit))
            if anchor is not None:
                anchors.append((end, anchor))
            if phrase is not None:
                exact.append((end, phrase))
            if obj is not None:
                objects.append((end, obj))
            if member is not None:
                members.append((end, member))
            if list_member is not None:
                list_members.append((end, list_member))
    _last_scan = None if last_use else (text, hits)
    return hits


@lru_cache(maxsize=64)
def organ_automaton(extra_terms: tuple, banned_words: tuple) -> ahocorasick.Automaton | None:
    entries = [Entry("ORG-001", w, r, message=f"本单位规范用语为“{r}”") for w, r in extra_terms if w]
    entries += [
        Entry("ORG-002", w, r, message=f"“{w}”为本单位禁用词" + (f"，宜改为“{r}”" if r else ""))
        for w, r in banned_words
        if w
    ]
    return _build(entries)


@cache
def _past_markers() -> tuple[str, ...]:
    return tuple(load_json("political")["past_markers"])


def _is_past_context(text: str, start: int, entry: Entry) -> bool:
    """True when the sentence around an old name speaks of the time before the change."""
    s_start, s_end = sentence_bounds(text, start)
    before = text[s_start:start]
    if any(m in before for m in _past_markers()):
        return True
    sentence = text[s_start:s_end]
    if entry.right and entry.right.split("（")[0] in sentence.replace(entry.wrong, ""):
        return True
    return any(int(y) <= entry.valid_to.year for y in _YEAR_RE.findall(sentence))


def _inside_title(text: str, start: int) -> bool:
    """Inside 《…》: the title of a document issued under the old name is quoted, not wrong."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    return head.rfind("《") > head.rfind("》")


def _context_ok(text: str, start: int, entry: Entry) -> bool:
    if entry.context == "goal":
        before = text[max(0, start - 6) : start]
        return bool(_GOAL_BEFORE.search(before)) and not _DONE_BEFORE.search(before)
    return True


def _accept(text: str, start: int, end: int, entry: Entry, options: Options) -> bool:
    if entry.require_before and not text[max(0, start - len(entry.require_before)) : start].endswith(
        entry.require_before
    ):
        return False
    if entry.not_before and start > 0 and text[start - 1] in entry.not_before:
        return False
    if entry.not_after and end < len(text) and text[end] in entry.not_after:
        return False
    if entry.require_level and not (start > 0 and text[start - 1] in _LEVEL_CHARS):
        return False
    if entry.valid_to is not None:
        if options.reference_date < entry.valid_to:
            return False
        if _inside_title(text, start) or not _context_ok(text, start, entry):
            return False
        if entry.context in ("present", "goal") and _is_past_context(text, start, entry):
            return False
    return True


def _occurrences(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at != -1:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _scan(auto: ahocorasick.Automaton | None, text: str, options: Options) -> list[Issue]:
    if auto is None:
        return []
    found: list[Issue] = []
    defined: dict[str, bool] = {}
    defined_at: list[int] | None = None
    # The static wrong forms come from the pass shared with the formulation checks.
    for last, entries in shared_hits(text)[0] if auto is static_automaton() else auto.iter(text):
        for entry in entries:
            start = last - len(entry.wrong) + 1
            end = last + 1
            if not _accept(text, start, end, entry, options):
                continue
            if entry.valid_to is not None:
                # A text that defines the old term (以下简称“一府两院”) uses it on purpose.
                if entry.wrong not in defined:
                    if defined_at is None:
                        defined_at = _occurrences(text, "简称")
                    # 简称“X” or 简称X, looked for only where 简称 stands: not a pass over the text per X.
                    defined[entry.wrong] = any(
                        text.startswith(f"“{entry.wrong}”", p + 2) or text.startswith(entry.wrong, p + 2)
                        for p in defined_at
                    )
                if defined[entry.wrong]:
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
                    confidence=entry.confidence,
                    entry=entry.entry_id,
                )
            )
    return _drop_nested(found)


def _drop_nested(issues: list[Issue]) -> list[Issue]:
    """A long wrong form (以习近平总书记为核心的党中央) wins over a shorter one inside it."""
    issues.sort(key=lambda i: (i.start, -(i.end - i.start)))
    kept: list[Issue] = []
    for issue in issues:
        if kept and issue.start >= kept[-1].start and issue.end <= kept[-1].end:
            continue
        kept.append(issue)
    return kept


@cache
def _new_names() -> tuple[str, ...]:
    return tuple(
        {e["canonical"].split("（")[0] for e in _kb_entries() if e["kind"] == "renamed_body"}
        | {"生态环境", "应急管理", "市场监督管理", "市场监管", "自然资源", "卫生健康", "金融监管", "农业农村"}
    )


def _weigh_undated(issues: list[Issue], text: str, options: Options) -> list[Issue]:
    """Without a document date (neither the upload form nor a date line) the text may be older
    than the change: a change of the last RECENT_YEARS stays a suggestion, and a text naming two
    or more old bodies and none of the new ones reads as written before the reform."""
    if options.document_date is not None:
        return issues
    issues = [_weigh_wrong_since(i, text) for i in issues]
    dated = [i for i in issues if i.rule == "POL-005" or (i.rule == "POL-006" and i.entry in _valid_to())]
    if not dated:
        return issues
    olds = {i.text for i in dated if i.rule == "POL-005"}
    consistent_old = len(olds) >= 2 and not any(n in text for n in _new_names())
    # A statute keeps the wording of its enactment (the NPC Organic Law of 2021 says 全过程民主):
    # without its date, an old term in articles is only worth a look.
    statute = len(_ARTICLE_RE.findall(text, 0, 20_000)) >= 2
    today = options.reference_date
    out = []
    for issue in issues:
        valid_to = _valid_to().get(issue.entry)
        if valid_to is not None:
            conf = issue.confidence
            if (today - valid_to).days < RECENT_YEARS * 365:
                conf = min(conf, 0.7)
            if consistent_old:
                conf = min(conf, 0.5)
            elif statute:
                conf = min(conf, 0.7)
            elif _later_year(text, issue.start, valid_to):
                conf = max(conf, HIGH_CONFIDENCE + 0.05)  # “2025年，…‘一府两院’”: the sentence is dated after it
            elif (era := era_year(text, today)) is not None and era < valid_to.year:
                conf = min(conf, 0.5)  # the years the text speaks of all lie before the change
            if conf != issue.confidence:
                severity = Severity.ERROR if conf >= HIGH_CONFIDENCE else Severity.SUGGESTION
                issue = dataclasses.replace(issue, confidence=conf, severity=severity)
        out.append(issue)
    return out


# A year the text speaks of as past or present (2017年, 2020年底), not a target (到2035年, 至2025年).
_ERA_YEAR_RE = re.compile(r"(?<![到至～~—－\-\d])(1[89]\d\d|20\d\d)(?=年)")


def era_year(text: str, today: dt.date) -> int | None:
    """The latest year an undated text speaks of (targets and years after today left out): a text
    whose latest year lies before a change was most likely written before it."""
    years = [int(y) for y in _ERA_YEAR_RE.findall(text) if int(y) <= today.year]
    return max(years) if years else None


def _weigh_wrong_since(issue: Issue, text: str) -> Issue:
    """An undated text whose years all lie up to the change (a 2021 communiqué that looks ahead to
    2022) reads as written before it: the old form is only worth a look."""
    valid_to = _wrong_since().get((issue.entry, issue.text))
    if valid_to is None:
        return issue
    years = [int(y) for y in _YEAR_RE.findall(text)]
    if not years or max(years) > valid_to.year:
        return issue
    return dataclasses.replace(issue, confidence=min(issue.confidence, 0.5), severity=Severity.SUGGESTION)


@cache
def _wrong_since() -> dict[tuple[str, str], dt.date]:
    return {
        (e["id"], wrong): dt.date.fromisoformat(day)
        for e in _kb_entries()
        for wrong, day in e.get("wrong_since", {}).items()
    }


def _later_year(text: str, start: int, valid_to: dt.date) -> bool:
    s_start, s_end = sentence_bounds(text, start)
    years = [int(y) for y in _YEAR_RE.findall(text[s_start:s_end])]
    return bool(years) and min(years) > valid_to.year


@cache
def _valid_to() -> dict[str, dt.date]:
    return {e["id"]: dt.date.fromisoformat(e["valid_to"]) for e in _kb_entries() if e.get("valid_to")}


def check_literals(text: str, options: Options) -> list[Issue]:
    issues = _weigh_undated(_scan(static_automaton(), text, options), text, options)
    issues += _scan(organ_automaton(options.extra_terms, options.banned_words), text, options)
    return issues
