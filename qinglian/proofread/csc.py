"""General wrong-character layer (TYPO-003): finds wrong characters that no list names.

Idea (precision first): a wrong character usually breaks the word it belongs to. A character
is *suspicious* when no dictionary word of two or more characters covers it. For a suspicious
character we try its confusable characters (same pinyin via pypinyin, similar shape via the
same_stroke table from pycorrector, Apache-2.0) and accept a replacement only when it turns a
window around the character into a frequent word while the original window is not a word (or a
far rarer one). Frequencies come from jieba's bundled dictionary (dict.txt, MIT).

To stay fast, words are indexed by "pattern with one wildcard" (数? → 数据, 数量, …), so each
suspicious character costs a handful of dictionary look-ups instead of one per confusable.
"""

from __future__ import annotations

import marshal
import math
import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .dataload import DATA_DIR, is_cjk, make_issue
from .model import Issue

# Thresholds tuned on the even lines of ECSpell odw.train (bench.py); odd lines are held out.
MIN_NEW_FREQ = 60  # the corrected word must be at least this common
RATIO = 200  # … and this many times more common than the original window
COVER_FREQ = 3  # a word this common "explains" the characters it covers
CONTEXT = 4  # characters on each side used to compare segmentations
MIN_GAIN = 7.5  # log-probability gain of the corrected segmentation needed to report
MIN_GAIN_COVERED = 7.0  # … when the character already sits inside a dictionary word
SUPPRESS_DIST = 2
STRONG_WORD = 500  # characters covered by a word this common are not examined
LOG_TOTAL = math.log(60_101_967)  # sum of jieba dict.txt frequencies
UNKNOWN_LOGP = math.log(0.5) - LOG_TOTAL
MAX_LEN = 4
# Function characters and very common single-character words: flagging them costs precision.
STOP_CHARS = set(
    "的了是在和与及等为对把被将从向以于之其这那也都就而并或但且所着过不有个们一上下中大小人"
    "要会可能我你他她它本该此各每某已又再还更最很"
)


@dataclass(frozen=True)
class Lexicon:
    freq: dict[str, int]
    wild: dict[str, frozenset[str]]  # "数?" → {"据", "量", …} replacement chars
    similar: dict[str, frozenset[str]]  # char → confusable chars


def _jieba_dict_path() -> str:
    import jieba  # only to locate its data file; jieba's tokenizer is not initialised

    return os.path.join(os.path.dirname(jieba.__file__), "dict.txt")


def _toneless(py: str) -> str:
    base = unicodedata.normalize("NFD", py)
    return "".join(c for c in base if not unicodedata.combining(c)).replace("ü", "v")


LEXICON_VERSION = 1


def _cache_file() -> Path | None:
    """Where the built lexicon is cached; keyed by the source files so it never goes stale."""
    root = os.environ.get("QINGLIAN_PROOFREAD_CACHE") or os.path.join(Path.home(), ".cache", "qinglian-proofread")
    try:
        src = os.stat(_jieba_dict_path())
        stroke = os.stat(DATA_DIR / "same_stroke.txt")
    except OSError:
        return None
    key = f"v{LEXICON_VERSION}-{src.st_size}-{int(src.st_mtime)}-{stroke.st_size}-{MIN_NEW_FREQ}-{MAX_LEN}"
    return Path(root) / f"lexicon-{key}.marshal"


@cache
def lexicon() -> Lexicon:
    """The lexicon, from the marshal cache when present (about 0.3 s) or built (about 1.5 s)."""
    path = _cache_file()
    if path is not None and path.is_file():
        try:
            freq, wild, similar = marshal.loads(path.read_bytes())
            return Lexicon(freq, wild, similar)
        except (ValueError, EOFError, TypeError, OSError):
            pass
    lex = _build_lexicon()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((lex.freq, lex.wild, lex.similar)))
            os.replace(tmp, path)  # atomic: concurrent workers never read a half-written file
        except OSError:
            pass  # a read-only home is fine: we just rebuild next time
    return lex


def _build_lexicon() -> Lexicon:
    freq: dict[str, int] = {}
    with open(_jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            word, f, _tag = line.split(" ", 2)
            freq[word] = int(f)
    wild: dict[str, list[str]] = defaultdict(list)
    chars: set[str] = set()
    for word, f in freq.items():
        n = len(word)
        if n == 1:
            chars.add(word)
        if n < 2 or n > MAX_LEN or f < MIN_NEW_FREQ:
            continue
        for i in range(n):
            wild[word[:i] + "?" + word[i + 1 :]].append(word[i])
    from pypinyin.pinyin_dict import pinyin_dict

    by_sound: dict[str, set[str]] = defaultdict(set)
    sounds: dict[str, set[str]] = {}
    for ch in chars:
        raw = pinyin_dict.get(ord(ch))
        if not raw:
            continue
        sounds[ch] = {_toneless(p) for p in raw.split(",")}
        for s in sounds[ch]:
            by_sound[s].add(ch)
    similar: dict[str, set[str]] = defaultdict(set)
    for ch, ss in sounds.items():
        for s in ss:
            similar[ch] |= by_sound[s]
    with open(DATA_DIR / "same_stroke.txt", encoding="utf-8") as fh:
        for line in fh:
            group = [c for c in line.strip().split("\t") if c]
            for ch in group:
                similar[ch] |= set(group)
    return Lexicon(
        freq,
        {k: frozenset(v) for k, v in wild.items()},
        {k: frozenset(v - {k}) for k, v in similar.items()},
    )


def _covered(run: str, freq: dict[str, int]) -> list[int]:
    """For each character, the frequency of the most common word (2+ chars) covering it."""
    cov = [0] * len(run)
    for a in range(len(run)):
        for n in range(2, MAX_LEN + 1):
            w = run[a : a + n]
            if len(w) < n:
                break
            f = freq.get(w, 0)
            if f >= COVER_FREQ:
                for k in range(a, a + n):
                    if f > cov[k]:
                        cov[k] = f
    return cov


def _seg_score(s: str, freq: dict[str, int]) -> float:
    """Log-probability of the best unigram segmentation of s (jieba's own model, without HMM)."""
    best = [0.0] + [-1e9] * len(s)
    for j in range(1, len(s) + 1):
        for k in range(max(0, j - MAX_LEN), j):
            w = s[k:j]
            f = freq.get(w)
            if f:
                lp = math.log(f) - LOG_TOTAL
            elif j - k == 1:
                lp = UNKNOWN_LOGP
            else:
                continue
            if best[k] + lp > best[j]:
                best[j] = best[k] + lp
    return best[len(s)]


def _best_fix(run: str, i: int, lex: Lexicon, min_gain: float) -> tuple[float, str, str] | None:
    """The best (gain, replacement char, corrected word) for run[i], or None."""
    ch = run[i]
    confusable = lex.similar.get(ch)
    if not confusable:
        return None
    cands: dict[str, str] = {}
    for n in range(2, MAX_LEN + 1):
        for a in range(max(0, i - n + 1), min(i, len(run) - n) + 1):
            window = run[a : a + n]
            key = window[: i - a] + "?" + window[i - a + 1 :]
            options = lex.wild.get(key)
            if not options:
                continue
            orig = lex.freq.get(window, 0)
            for c in options & confusable:
                new = key.replace("?", c)
                if lex.freq[new] > orig * RATIO:
                    cands.setdefault(c, new)
    if not cands:
        return None
    lo, hi = max(0, i - CONTEXT), min(len(run), i + CONTEXT + 1)
    ctx = run[lo:hi]
    base = _seg_score(ctx, lex.freq)
    best: tuple[float, str, str] | None = None
    for c, new in cands.items():
        gain = _seg_score(ctx[: i - lo] + c + ctx[i - lo + 1 :], lex.freq) - base
        if gain >= min_gain and (best is None or gain > best[0]):
            best = (gain, c, new)
    return best


def check_typos(text: str) -> list[Issue]:
    lex = lexicon()
    issues: list[Issue] = []
    i, n = 0, len(text)
    while i < n:
        if not is_cjk(text[i]):
            i += 1
            continue
        j = i
        while j < n and is_cjk(text[j]):
            j += 1
        run = text[i:j]
        if len(run) >= 2:
            issues += _check_run(text, i, run, lex)
        i = j
    return issues


def _check_run(text: str, offset: int, run: str, lex: Lexicon) -> list[Issue]:
    cov = _covered(run, lex.freq)
    found: list[tuple[float, int, str, str]] = []
    for k, ch in enumerate(run):
        if ch in STOP_CHARS or cov[k] >= STRONG_WORD:
            continue  # inside a common word: a wrong character would rarely leave one
        fix = _best_fix(run, k, lex, MIN_GAIN_COVERED if cov[k] else MIN_GAIN)
        if fix:
            found.append((fix[0], k, fix[1], fix[2]))
    # Two neighbouring candidates usually explain the same error (技数 → 技术 or 系数):
    # keep only the strongest within a window.
    found.sort(reverse=True)
    kept: list[tuple[float, int, str, str]] = []
    for cand in found:
        if all(abs(cand[1] - other[1]) > SUPPRESS_DIST for other in kept):
            kept.append(cand)
    issues = []
    for _gain, k, c, word in sorted(kept, key=lambda x: x[1]):
        issues.append(
            make_issue(
                "TYPO-003",
                offset + k,
                offset + k + 1,
                text,
                suggestion=c,
                message=f"疑为别字：“{run[k]}”可能应为“{c}”（{word}）",
            )
        )
    return issues
