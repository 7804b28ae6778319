"""General wrong-character layer (TYPO-003): finds wrong characters that no list names.

Idea (precision first): a wrong character usually breaks the word it belongs to. A character
is *suspicious* when no dictionary word of two or more characters covers it. For a suspicious
character we try its confusable characters (same pinyin via pypinyin, similar shape via the
same_stroke table from pycorrector, Apache-2.0) and accept a replacement only when it turns a
window around the character into a frequent word while the original window is not a word (or a
far rarer one). Frequencies come from jieba's bundled dictionary (dict.txt, MIT); the
dictionary itself is built and cached by csc_lexicon.py.

Speed. One MB of 公文 is about 330,000 CJK characters, so pure Python has about 1 µs per
character; the original per-character loop spent about 4. The scan now narrows down in stages,
each cheap enough for what reaches it (figures per MB of the benchmark text):
1. whole text at once, in C: the UTF-16 bytes read as 32-bit words are the bigrams, so
   characters inside a common two-character word drop out without int arithmetic, then stop
   characters and characters without confusables (360,000 → 60,000);
2. a replacement must share a tag (reading or shape group) with the character and follow its
   left or precede its right neighbour inside some indexed word. That is a property of the
   bigram, tested once per distinct bigram of the text (8,000) and read in C (→ 22,000); the
   answers also tell which wildcard windows can still match;
3. the wildcard look-ups, as slices of one masked string, with the confusion set intersected
   in C (→ 10,800 characters with candidates);
4. with the n-gram model, a character where the model confirms none of the candidates is done:
   _judge would drop its find whichever candidate won (→ 1,300);
5. a screen that bounds each candidate's gain from above by single-character log-probabilities
   (→ 500), and only then the exact segmentation scores, which share the programme's prefix
   and the windows right of the character. Those are added in the original order, so the
   scores, and hence every finding, are bit-identical to the plain algorithm
   (tests/test_csc.py keeps that algorithm as the reference; dictionary_findings skips step 4).
"""

from __future__ import annotations

import math
import re
import sys
from itertools import accumulate, compress, repeat
from operator import add, lshift, or_, sub

from .csc_lexicon import MAX_LEN, MIN_NEW_FREQ, STRONG_WORD, CharModel, Lexicon, load_lm
from .csc_lexicon import load as _load_lexicon
from .dataload import make_issue
from .model import Issue
from .protect import protected_positions

# Thresholds tuned on the even lines of ECSpell odw.train (bench.py); odd lines are held out.
RATIO = 200  # the corrected word must be this many times more common than the original window
COVER_FREQ = 3  # a word this common "explains" the characters it covers
CONTEXT = 4  # characters on each side used to compare segmentations
# Log-probability gain of the corrected segmentation needed to become a candidate; the n-gram
# model then confirms it (LM_CONFIRM), and only a strong gain on both is an error (see _judge).
MIN_GAIN = 7.5
MIN_GAIN_COVERED = 7.0  # … when the character already sits inside a dictionary word
SUPPRESS_DIST = 2
LOG_TOTAL = math.log(60_101_967)  # sum of jieba dict.txt frequencies
UNKNOWN_LOGP = math.log(0.5) - LOG_TOTAL
# Function characters and very common single-character words: flagging them costs precision.
STOP_CHARS = set(
    "的了是在和与及等为对把被将从向以于之其这那也都就而并或但且所着过不有个们一上下中大小人"
    "要会可能我你他她它本该此各每某已又再还更最很"
)
__all__ = ["MIN_NEW_FREQ", "STRONG_WORD", "Lexicon", "char_model", "check_typos", "lexicon", "warm_up"]

# Every character outside the CJK ranges becomes "\n", which no dictionary word contains: a
# window across a run boundary then simply finds nothing, and the whole text is scanned in
# one pass instead of run by run (most runs are a clause of about ten characters).
_NON_CJK = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEP = "\n"
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"  # memoryview.cast reads native order
_log = math.log
_exp = math.exp

_lexicon: Lexicon | None = None
_examine: dict[str, frozenset[str]] = {}  # character → its confusables, filled as characters come
_wanted = b""  # BMP code point → 1 when worth examining: not a stop character, has confusables
# The common two-character words (Lexicon.strong_pairs) as the 32-bit word their UTF-16 code
# units make in native byte order, so that the text's bytes can be read as bigrams directly.
_strong_words: frozenset[int] = frozenset()


def _single_lp(ch: str) -> float:
    f = _lexicon.freq.get(ch) if _lexicon is not None else None
    return _log(f) - LOG_TOTAL if f else UNKNOWN_LOGP


def lexicon() -> Lexicon:
    """The lexicon, from the marshal cache when present or built (see csc_lexicon)."""
    global _lexicon, _wanted, _strong_words
    if _lexicon is None:
        lex = _load_lexicon()
        _examine.clear()
        _lp1.clear()
        wanted = bytearray(0x10000)
        for ch, tags in lex.tags.items():
            # Confusables exist when a tag is shared with another character (= similar(ch) != ∅).
            if len(ch) == 1 and ord(ch) < 0x10000 and ch not in STOP_CHARS:
                wanted[ord(ch)] = any(c != ch for t in tags for c in lex.by_tag[t])
        _wanted = bytes(wanted)
        little = sys.byteorder == "little"
        _strong_words = (
            frozenset((p & 0xFFFF) << 16 | p >> 16 for p in lex.strong_pairs) if little else lex.strong_pairs
        )
        _lexicon = lex
    return _lexicon


class _Memo(dict):
    """A dict that fills itself: a missing key is computed by fn, and hits are read in C
    (map(memo.__getitem__, keys))."""

    __slots__ = ("fn",)

    def __init__(self, fn) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key):
        value = self[key] = self.fn(key)
        return value


# character → its single-character log-probability (_lp), for the screen of _best_fix
_lp1 = _Memo(_single_lp)


def _windows(left: int, right: int, sizes: range, keep=lambda s, n, at: True) -> tuple[tuple[int, int], ...]:
    """(start, length) of the windows through a character with `left`/`right` neighbours
    (at most MAX_LEN - 1 each), starts relative to the leftmost neighbour; by length, then start."""
    span = left + right + 1
    return tuple(
        (s, n) for n in sizes for s in range(max(0, left - n + 1), min(left, span - n) + 1) if keep(s, n, left)
    )


_EDGE = range(MAX_LEN)
_SIZES = range(2, MAX_LEN + 1)
# Wildcard windows: all of them, or only those that start (end) at the character, because when
# no confusable can follow the left neighbour only windows starting at the character can help.
_WILD = {
    (a, b, lok, rok): _windows(
        a, b, _SIZES, lambda s, n, at, lok=lok, rok=rok: (lok or s == at) and (rok or s + n == at + 1)
    )
    for a in _EDGE
    for b in _EDGE
    for lok in (False, True)
    for rok in (False, True)
}


# The same windows as slices of the segment, for look-ups in C.
_WILD_SLICES = {key: tuple(slice(s, s + n) for s, n in windows) for key, windows in _WILD.items()}


def _screen_table(p: int, size: int) -> tuple:
    """For the screen of _best_fix: the spans (start, end) through position p of a context of
    the given size, as (first start, last end, ends and starts relative to the first start,
    (slice, the frequency the span counts as when unknown: 0.5 for a single character, else 0))."""
    spans = [(k, j) for k in range(max(0, p - MAX_LEN + 1), p + 1) for j in range(p + 1, min(size, k + MAX_LEN) + 1)]
    first = spans[0][0]
    return (
        first,
        spans[-1][1],
        tuple(j - first for _k, j in spans),
        tuple(k - first for k, _j in spans),
        tuple((slice(k, j), 0.5 if j - k == 1 else 0) for k, j in spans),
    )


def _exact_table(p: int, size: int) -> tuple:
    """For _exact: the words before p (end, its starts), the words after p (start, end), and the
    ends from p + 1 on with their starts, of a context of the given size."""
    starts = [tuple(range(max(0, j - MAX_LEN), j)) for j in range(size + 1)]
    return (
        tuple((j, starts[j]) for j in range(1, p + 1)),
        tuple((k, j) for j in range(p + 2, size + 1) for k in range(max(p + 1, j - MAX_LEN), j)),
        tuple((j, starts[j]) for j in range(p + 1, size + 1)),
    )


_SCREEN = {(p, size): _screen_table(p, size) for size in range(1, 2 * CONTEXT + 2) for p in range(size)}
_EXACT = {key: _exact_table(*key) for key in _SCREEN}
# A span passes the screen when its frequency reaches exp(_FLOOR + its bound): the exact
# threshold is known only below, so the lower of the two minimum gains, less rounding.
_FLOOR = min(MIN_GAIN, MIN_GAIN_COVERED) - 1e-6 + LOG_TOTAL
# With the n-gram model, a weaker dictionary gain (LOW_GAIN) is a candidate too, but only the
# model's strong support (LM_LOW) keeps it (_judge): 职责|则, 初步|部 gain about 5–7 in the
# unigram segmentation (则 and 部 are common alone) while the model reads them 16–29 better.
LOW_GAIN = 5.0
_FLOOR_LOW = LOW_GAIN - 1e-6 + LOG_TOTAL


def check_typos(text: str, whitelist: tuple[str, ...] = ()) -> list[Issue]:
    """TYPO-003 findings: the dictionary stage checked by the n-gram model, plus the model's own
    finds, minus anything inside a protected span (names, fixed wording, document numbers …, and
    the caller's whitelist phrases)."""
    lex = lexicon()
    # The trailing separator lets t[k + 1] and t[k - 1] (at k = 0 that is t[-1]) be read
    # without bounds checks.
    masked = _NON_CJK.sub(_SEP, text) + _SEP
    lm = char_model()
    by_dict, by_model = _scan(masked, lex, lm)
    found = _judge(masked, by_dict, lm)
    by_model = [f for f in by_model if not _counted(masked, f[1])]
    # Where both stages find the same character, the more confident find stands.
    strong = {k for _g, k, *_x, conf in found if conf >= CONF_ERROR}
    judged = {x[1] for x in found}
    extra = [f for f in by_model if f[1] not in strong and (f[5] >= CONF_ERROR or f[1] not in judged)]
    if extra:
        replaced = {f[1] for f in extra}
        found = [f for f in found if f[1] not in replaced] + extra
    if found:
        found = _temper(text, masked, found, lm)
    doubled = _doubled(masked, lex, lm)
    if found or doubled:
        # A doubled character is judged by its extra copy: 常委会组成人员|员 is protected wording
        # followed by a slip.
        shielded = protected_positions(text, [f[1] for f in found] + [x for _k, _g, x in doubled], whitelist)
        found = [f for f in found if f[1] not in shielded]
        doubled = [d for d in doubled if d[2] not in shielded]
    issues = _issues(text, masked, found) if found else []
    for k, _g, _x in doubled:
        issues.append(
            make_issue(
                "TYPO-004",
                k,
                k + 2,
                text,
                suggestion=text[k],
                message=f"疑为多字：“{text[k : k + 2]}”重复，应为“{text[k]}”",
                confidence=CONF_ERROR,
            )
        )
    return sorted(issues, key=lambda i: i.start) if doubled else issues


# --- A character written twice (情况况, 组成人员员, 的的) -------------------------------------------

_DOUBLE = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\\1")
DOUBLE_GAIN = 15.0  # the model's gain for reading the character once
DOUBLE_GAIN_PARTICLE = 10.0  # … for 的的, 了了, 是是, which no word explains
_PARTICLES = "的地得了着过是"
DOUBLE_WORD = COVER_FREQ  # a reduplicated word (常常, 人人, 强强) is taken as meant
# … but a rare one (送送, 理理: jieba lists them, almost no text uses them) only asks for a larger
# gain: 报送|送材料 is a slip, 办理|理货 (18.5) is two words on the clean corpora.
DOUBLE_RARE = 100
_INTERJECTIONS = frozenset("哈嘻呵嘿啦哦啊呀嘀嗒咚砰轰")
DOUBLE_GAIN_RARE = 20.0


def _word_at(t: str, start: int, end: int, fget) -> int:
    """The frequency of the most common word of 2–4 characters ending at end (start < 0) or
    starting at start."""
    if start < 0:
        return max([fget(t[end - n + 1 : end + 1], 0) for n in range(2, MAX_LEN + 1) if end - n + 1 >= 0] + [0])
    return max(fget(t[start : start + n], 0) for n in range(2, MAX_LEN + 1))


def _doubled(t: str, lex: Lexicon, lm: CharModel) -> list[tuple[int, float, int]]:
    """(index of the first copy, gain, index of the extra copy) of each character written twice
    where once is meant.

    Doubling is common and right across a word boundary (人民|民主, 可以|以, 细菌|菌种), so a
    doubled character is reported only when a word explains one copy and none the other (情况|况),
    or no word explains either and it is a particle (的的); and when the model reads the text
    far better with one copy. A reduplicated word (常常, 人人) or an AABB form (扎扎实实) is left
    alone. On the 6.4 million characters of the laws, ECSpell's corrected sentences and the clean
    dev corpus this reports nothing."""
    out = []
    fget = lex.freq.get
    for m in _DOUBLE.finditer(t):
        k = m.start()
        a = t[k]
        if a in _NUMERALS:
            continue  # a numeral repeats in numbers and plans' names (十五五, 五五普法)
        if t[k + 2] == a and a not in _INTERJECTIONS:
            # Three in a row (常委会会会议): on the 6.6 M clean characters only numerals do that.
            out.append((k + 1, math.inf, k + 1))
            continue
        aa = fget(a + a, 0)
        if aa >= DOUBLE_RARE:
            continue
        if (k + 3 < len(t) and t[k + 2] == t[k + 3] != _SEP) or (k >= 2 and t[k - 2] == t[k - 1] != _SEP):
            continue  # AABB: 扎扎实实
        if fget(t[k - 1 : k + 2], 0) or fget(t[k : k + 3], 0):
            continue  # ABB, AAB: 乱糟糟, 绿油油, 丝丝入扣
        before = _word_at(t, -1, k, fget) >= COVER_FREQ
        after = _word_at(t, k + 1, 0, fget) >= COVER_FREQ
        if a in _PARTICLES:
            if before or after:
                continue
            need = DOUBLE_GAIN_PARTICLE
        elif before == after or a in STOP_CHARS:
            continue
        else:
            need = DOUBLE_GAIN
        if aa >= DOUBLE_WORD:
            need = max(need, DOUBLE_GAIN_RARE)
        lo = max(0, k - 2)
        padded = t + _SEP * 3
        once = _SEP * 2 + padded[lo : k + 1] + padded[k + 2 : k + 4]
        twice = _SEP * 2 + padded[lo : k + 4]
        gain = _seq_lp(once, lm) - _seq_lp(twice, lm)
        if gain >= need:
            out.append((k, gain, k if after else k + 1))
    return out


def _seq_lp(s: str, lm: CharModel) -> float:
    """Log-probability of s[2:] given what precedes it; separators are not predicted."""
    return sum(_tri_lp(s[j - 2], s[j - 1], s[j], lm) for j in range(2, len(s)) if s[j] != _SEP)


def dictionary_findings(text: str) -> list[tuple[int, str, str]]:
    """(index, replacement, corrected word) of the dictionary stage alone, after the neighbour
    suppression: the algorithm tests/test_csc.py checks against its plain reference."""
    masked = _NON_CJK.sub(_SEP, text) + _SEP
    found = [(g, k, c, w, 0.0, 0.0) for g, k, c, w in _scan(masked, lexicon())[0]]
    out: list[tuple[int, str, str]] = []
    for run in _runs(masked, found):
        out += [(k, c, w) for _g, k, c, w, *_x in _strongest(run)]
    return out


# --- The n-gram model's part --------------------------------------------------------------------

LM_B = 2.0  # back-off weight of the interpolated estimate (see csc_lexicon.CharModel)
LM_CONFIRM = 4.0  # a dictionary find needs the model's gain this large, or it is dropped
LM_STRONG = 6.0  # … this large (with a dictionary gain of STRONG_GAIN) to be an error
STRONG_GAIN = 7.5
LM_ALONE = 18.0  # the model's own find: its gain, with a dictionary word formed (ratio LM_RATIO)
LM_SUGGEST = 18.0  # … a smaller gain makes it a suggestion (tuned: equal, the model alone only reports errors)
LM_RATIO = 10
LM_LOW = 25.0  # the model's gain a dictionary find below MIN_GAIN needs (see LOW_GAIN)
LM_COVER = COVER_FREQ  # see _free
# … nor a character that is a common word on its own (去, 使, 却, 带): the laws' model finds
# plain speech improbable, the dictionary knows better.
LM_SINGLE = 5000
# The model's scan looks only at characters outside any common word whose two bigrams are both
# unseen in the training text (LM_GATE_EITHER = False); gating on either bigram found about 5 %
# more errors on the tuning lines, at a higher cost.
LM_GATE_EITHER = False
CONF_ERROR = 0.85
CONF_SUGGEST = 0.6
_char_model: CharModel | None = None


def warm_up() -> None:
    """Load everything the layer needs (for engine.warm_up, e.g. when a web worker starts)."""
    lexicon()
    char_model()
    protected_positions("预热", [0])


def char_model() -> CharModel:
    global _char_model
    if _char_model is None:
        _char_model = load_lm()
    return _char_model


def _tri_lp(u: str, v: str, w: str, lm: CharModel) -> float:
    p = (lm.uni.get(w, 0) + 0.5) / lm.total
    p = (lm.bi.get(v + w, 0) + LM_B * p) / (lm.uni.get(v, 0) + LM_B)
    return _log((lm.tri.get(u + v + w, 0) + LM_B * p) / (lm.bi.get(u + v, 0) + LM_B))


def lm_gain(t: str, k: int, c: str, lm: CharModel) -> float:
    """Log-probability gain of the three trigrams through t[k] when t[k] becomes c. t has at least
    two characters after k (the scan's separators) and t[-1], t[-2] stand in before the start."""
    a, b, x, y = t[k - 2], t[k - 1], t[k], t[k + 1]
    # A separator is never predicted: its estimate would depend on how common the character
    # before it is, and so penalise common replacements at the end of every run.
    gain = _tri_lp(a, b, c, lm) - _tri_lp(a, b, x, lm)
    if y != _SEP:
        gain += _tri_lp(b, c, y, lm) - _tri_lp(b, x, y, lm)
        z = t[k + 2]
        if z != _SEP:
            gain += _tri_lp(c, y, z, lm) - _tri_lp(x, y, z, lm)
    return gain


def _best_lm_gain(t: str, k: int, cands, lm: CharModel) -> float:
    """The largest lm_gain(t, k, c, lm) over the candidates (the scan compares it with
    LM_CONFIRM and LM_LOW): the same sums as
    lm_gain and _tri_lp, inline, each count looked up once, and the original character's
    trigrams computed once."""
    uni, bi, tri, total = lm.uni.get, lm.bi.get, lm.tri.get, lm.total
    a, b, x, y = t[k - 2], t[k - 1], t[k], t[k + 1]
    z = t[k + 2] if y != _SEP else _SEP  # t ends with one separator: nothing is read past it
    ab = a + b
    ab_n = bi(ab, 0) + LM_B
    b_n = uni(b, 0) + LM_B
    bx = b + x
    n_bx = bi(bx, 0)
    n_x = uni(x, 0)
    # _tri_lp(a, b, x), _tri_lp(b, x, y), _tri_lp(x, y, z); a separator is never predicted
    was = _log((tri(ab + x, 0) + LM_B * ((n_bx + LM_B * ((n_x + 0.5) / total)) / b_n)) / ab_n)
    last = 1 if y == _SEP else 2 if z == _SEP else 3
    if last > 1:
        y_p = (uni(y, 0) + 0.5) / total
        xy = x + y
        n_xy = bi(xy, 0)
        was_y = _log((tri(bx + y, 0) + LM_B * ((n_xy + LM_B * y_p) / (n_x + LM_B))) / (n_bx + LM_B))
        if last > 2:
            yz_p = (bi(y + z, 0) + LM_B * ((uni(z, 0) + 0.5) / total)) / (uni(y, 0) + LM_B)
            was_z = _log((tri(xy + z, 0) + LM_B * yz_p) / (n_xy + LM_B))
    top = -math.inf
    for c in cands:
        n_c = uni(c, 0)
        bc = b + c
        n_bc = bi(bc, 0)
        gain = _log((tri(ab + c, 0) + LM_B * ((n_bc + LM_B * ((n_c + 0.5) / total)) / b_n)) / ab_n) - was
        if last > 1:
            cy = c + y
            n_cy = bi(cy, 0)
            gain += _log((tri(bc + y, 0) + LM_B * ((n_cy + LM_B * y_p) / (n_c + LM_B))) / (n_bc + LM_B)) - was_y
            if last > 2:
                gain += _log((tri(cy + z, 0) + LM_B * yz_p) / (n_cy + LM_B)) - was_z
        if gain > top:
            if gain >= LM_LOW:
                return gain  # enough for either use
            top = gain
    return top


_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两几数")
_MEASURES = frozenset("份个件项次名条款位家所批届期年月日天元篇本册页张台辆套座")


def _counted(t: str, k: int) -> bool:
    """A measure word after a numeral (一式十份, 三项), or a numeral inside a number written in
    characters (三亿八千万, 六千五百七十): the word list knows few such sequences, but they are
    never slips of the pen worth an alarm."""
    if t[k] in _MEASURES and t[k - 1] in _NUMERALS:
        return True
    return t[k] in _NUMERALS and (t[k - 1] in _NUMERALS or t[k + 1] in _NUMERALS)


def _judge(t: str, found: list[tuple[float, int, str, str]], lm: CharModel) -> list[tuple]:
    """The dictionary stage's finds that the model confirms, as (gain, index, replacement, word,
    model gain, confidence). A find the model does not confirm is dropped: the text around it is
    ordinary official prose (纠治, 正风肃纪), whatever the word list says."""
    out = []
    for gain, k, c, word in found:
        if _counted(t, k):
            continue
        g = lm_gain(t, k, c, lm)
        if g < LM_CONFIRM:
            continue
        # Strong on both, or the model sure on its own (as in its own scan).
        conf = CONF_ERROR if (gain >= STRONG_GAIN and g >= LM_STRONG) or g >= LM_ALONE else CONF_SUGGEST
        out.append((gain, k, c, word, g, conf))
    return out


# --- How far an error is to be believed outside the model's genre --------------------------------

# The model knows laws and ECSpell's documents; speeches, work reports and Party documents use
# words it has never seen (知史爱党, 所忧所盼, 治港治澳), and there its gains are weaker evidence.
# The share of unseen bigrams around a find measures how foreign the text is: on ECSpell's
# held-out lines the median is 0.11, around the false errors of the dev corpus's speeches and
# reports 0.25–0.55. Above GENRE_BASE the model's gain needed for an error grows by GENRE_SLOPE
# per unit of that share; a dictionary gain of DICT_SURE or more stands on its own. On 1.77 M
# characters of published study texts (speeches, work reports, discipline articles) this halves
# the layer's errors (147 → 70 with the other rules of _temper), and costs ECSpell's tuning
# lines 3 of 281 errors found (base 0.2 or 0.25, slope 20–40 did about the same there).
GENRE_WINDOW = 15
GENRE_BASE = 0.25
GENRE_SLOPE = 30.0
DICT_SURE = 10.0


def _unseen_share(t: str, k: int, bigrams) -> float:
    """The share of the bigrams within GENRE_WINDOW characters of t[k], those through t[k]
    excepted, that the model's training text lacks (bigrams across a separator do not count)."""
    lo = max(0, k - GENRE_WINDOW)
    hi = min(len(t) - 1, k + GENRE_WINDOW)
    seen = unseen = 0
    for j in range(lo, hi):
        if j == k - 1 or j == k:
            continue
        b = t[j : j + 2]
        if _SEP in b:
            continue
        if b in bigrams:
            seen += 1
        else:
            unseen += 1
    return unseen / (seen + unseen) if seen + unseen else 0.0


PARALLEL_REACH = 12  # how far (characters) a parallel clause is looked for


def _parallel(t: str, k: int, word: str, fget) -> bool:
    """t[k] fills a slot of a coordinated frame whose other part repeats: the slot is free
    wording — the word list and the model know the frame's usual fillers, not the writer's.
    - A?AY (所忧所盼, 领学带学促学) or AXA? (治港治澳);
    - ?XAY with the repeat at the slot itself: 宜居【宜】业;
    - a parallel clause nearby with the same frame, one character on either side, and another
      filler: 有贪必反、有【腐】必惩 (within PARALLEL_REACH; two characters on one side recur too
      often by chance: 传染病…转染病), or at a run's end the two characters before it:
      心有所【畏】…言有所戒、.
    Not a frame: a repeat where the other part is a word of its own (提供保正|保险, 武汉市|城市到路),
    or a fix that makes four characters one word (不折不拓 → 不折不扣)."""
    a = t[k - 1]
    z = t[k + 1]
    if a == _SEP or len(word) >= 4:
        return False
    if a == z:
        return fget(t[k + 1 : k + 3], 0) < COVER_FREQ
    if k >= 3 and a == t[k - 3]:
        return fget(t[k - 2 : k], 0) < COVER_FREQ
    x = t[k]
    if z != _SEP and (t[k - 2] == x or t[k + 2] == x):
        return True
    lo = max(2, k - PARALLEL_REACH)
    hi = min(len(t) - 3, k + PARALLEL_REACH)
    # At the end of a run the frame is the two characters before and the run's end:
    # 心有所【畏】，方能言有所戒、 / 所思、所【忧】、所盼.
    w = t[k - 2]
    for j in range(lo, hi + 1):
        if j != k and t[j - 1] == a and t[j + 1] == z and t[j] != x and t[j] != _SEP and (z != _SEP or t[j - 2] == w):
            return True
    return False


QUOTE_SHORT = 30  # a quotation up to this long is a cited phrase


def _quoted(text: str, k: int) -> bool:
    """text[k] lies inside a short quotation “…” on its line: a cited slogan or a line of classical
    Chinese (“褚小者不可以怀大，绠短者不可以汲深”, “凡提必审”) — copied wording the word list and the
    model do not know; the political checks judge the slogans they know."""
    a = text.rfind("“", max(0, k - QUOTE_SHORT), k)
    if a < 0 or "”" in text[a:k] or "\n" in text[a:k]:
        return False
    b = text.find("”", k, a + QUOTE_SHORT + 2)
    return b >= 0 and "\n" not in text[k:b]


def _temper(text: str, t: str, found: list[tuple], lm: CharModel) -> list[tuple]:
    """The errors among found lowered to suggestions where the text's own evidence speaks
    against a slip: a published text is right about its own wording unless the evidence is
    strong. Each (gain, index, replacement, word, model gain, confidence).
    - The same bigram through the character occurs elsewhere in the text (知史爱党、知史爱国,
      学原文悟原理 twice): a slip is seldom repeated letter for letter, a term is.
    - The character fills a slot of a coordinated frame (_parallel).
    - The text around it is foreign to the model (_unseen_share) and the model's gain does
      not make up for it."""
    strong = [f for f in found if f[5] >= CONF_ERROR]
    if not strong:
        return found
    wanted = set()
    for f in strong:
        k = f[1]
        wanted.update(b for b in (t[k - 1 : k + 1], t[k : k + 2]) if _SEP not in b and len(b) == 2)
    counts: dict[str, int] = {}
    if wanted:
        # One pass in C over the text for all the bigrams; overlapping repeats (治治治) are rare.
        for m in re.finditer("|".join(sorted(wanted)), t):
            counts[m.group()] = counts.get(m.group(), 0) + 1
    bigrams = lm.bi
    fget = lexicon().freq.get
    out = []
    for f in found:
        gain, k, _c, word, g, conf = f
        if conf >= CONF_ERROR:
            need = LM_ALONE if gain == 0.0 else LM_STRONG
            share = _unseen_share(t, k, bigrams)
            if (
                counts.get(t[k - 1 : k + 1], 0) > 1
                or counts.get(t[k : k + 2], 0) > 1
                or _parallel(t, k, word, fget)
                or _quoted(text, k)
                or (gain < DICT_SURE and g < need + GENRE_SLOPE * max(0.0, share - GENRE_BASE))
            ):
                f = (*f[:5], CONF_SUGGEST)
        out.append(f)
    return out


def _free(seg: str, windows, fget) -> bool:
    """True when no dictionary word of LM_COVER or more covers the character whose window
    slices are given: the model judges only characters that the word list cannot explain. Its
    training text (laws) lacks much of the vocabulary of speeches (衷心, 越来越, 纪委), whose
    characters it would otherwise find rare."""
    return all(fget(seg[w], 0) < LM_COVER for w in windows)


def _model_find(t: str, k: int, cands: dict[str, str], lm: CharModel) -> tuple | None:
    """The model's own find at t[k]: the candidate (forming a word LM_RATIO times more common than
    the original window) with the largest model gain, if that reaches LM_SUGGEST."""
    best = None
    for c, word in cands.items():
        g = lm_gain(t, k, c, lm)
        if g >= LM_SUGGEST and (best is None or g > best[4]):
            best = (0.0, k, c, word, g, CONF_ERROR if g >= LM_ALONE else CONF_SUGGEST)
    return best


_NEIGHBOUR_MEMO_MAX = 1 << 19  # distinct bigrams kept (about 50 MB at most); then start afresh
_neighbour_memo: tuple | None = None


def _neighbour_tests(lex: Lexicon) -> tuple[_Memo, _Memo, dict[str, frozenset[str]]]:
    """Memos of the neighbour tests, keyed by a bigram's code points (first << 16 | second):
    whether a confusable of the second character can follow the first inside an indexed word
    (left), and whether a confusable of the first can precede the second (right). They are pure
    functions of the bigram and the lexicon, so they are kept across calls (a web worker meets
    the same bigrams in every document), bounded, and made afresh for another lexicon. The third
    value maps every character the tests have seen to its confusables."""
    global _neighbour_memo
    memo = _neighbour_memo
    if memo is not None and memo[0] is lex and len(memo[1]) + len(memo[2]) < _NEIGHBOUR_MEMO_MAX:
        return memo[1:]
    examine = _examine if lex is _lexicon else {}
    neighbours = lex.neighbours
    similar = lex.similar

    def sim_of(ch: str) -> frozenset[str]:
        got = examine.get(ch)
        if got is None:
            got = examine[ch] = similar(ch)
        return got

    left_ok = _Memo(lambda key: not sim_of(chr(key & 0xFFFF)).isdisjoint(neighbours(chr(key >> 16), True)))
    right_ok = _Memo(lambda key: not sim_of(chr(key >> 16)).isdisjoint(neighbours(chr(key & 0xFFFF), False)))
    _neighbour_memo = (lex, left_ok, right_ok, examine)
    return left_ok, right_ok, examine


def _weak_positions(t: str) -> tuple[list[int], memoryview]:
    """Positions of t worth a closer look, and t as UTF-16 code units: not a stop character,
    with confusables, and not inside a common two-character word (stage 1, all in C)."""
    n = len(t)
    raw = t.encode(_UTF16) + b"\0\0\0\0"  # the padding lets the last 32-bit read be whole
    units = memoryview(raw)
    # The bigram t[a:a+2] is the 32-bit word at byte 2a, read straight from the UTF-16 bytes
    # (even a at offset 0, odd a at offset 2): no int arithmetic per position.
    npairs = n - 1
    strong = bytearray(npairs)
    inside = _strong_words.__contains__
    strong[0::2] = bytes(map(inside, units[: 4 * ((npairs + 1) // 2)].cast("I")))
    strong[1::2] = bytes(map(inside, units[2 : 2 + 4 * (npairs // 2)].cast("I")))
    # Covered = the bigram ending or starting at k is common; bytes are 0/1, so the shifted OR
    # and the complement are done on whole ints.
    x = int.from_bytes(strong, "little")
    free = ((x | x << 8) ^ int.from_bytes(b"\1" * npairs, "little")).to_bytes(npairs + 1, "little")
    codes = units[: 2 * n].cast("H")
    left = list(compress(range(npairs), free[:npairs]))
    return list(compress(left, map(_wanted.__getitem__, map(codes.__getitem__, left)))), codes


def _scan(t: str, lex: Lexicon, lm: CharModel | None = None) -> tuple[list[tuple[float, int, str, str]], list]:
    """(gain, index, replacement, corrected word) for each suspicious character of t (the
    dictionary stage), and with a model, the model's own finds (see _model_find). The model looks
    at a subset of the dictionary stage's characters (those whose bigrams it has not seen), so
    both share one loop and its set tests."""
    # Most characters are settled without a Python-level loop: a stop character, one without
    # confusables, or one inside a common two-character word.
    weak, codes = _weak_positions(t)
    # A replacement must follow the left neighbour or precede the right one inside some
    # indexed word. That depends only on the bigram through the neighbour, and a text has
    # few distinct ones (4,000 of either side for 59,000 positions per MB), so each is tested
    # once and read in C: two thirds of what is left drop out here, and the two answers tell
    # which windows can still produce a candidate.
    left_ok, right_ok, examine = _neighbour_tests(lex)
    at = map(codes.__getitem__, weak)
    # t[k - 1] at k = 0 is t[-1], the trailing separator, as in the reference loop.
    before = map(codes.__getitem__, map(sub, weak, repeat(1)))
    lok_all = bytes(map(left_ok.__getitem__, map(or_, map(lshift, before, repeat(16)), at)))
    at = map(codes.__getitem__, weak)
    after = map(codes.__getitem__, map(add, weak, repeat(1)))
    rok_all = bytes(map(right_ok.__getitem__, map(or_, map(lshift, at, repeat(16)), after)))
    bigrams = lm.bi if lm is not None else None
    by_model = []
    freq = lex.freq
    fget = freq.get
    wget = lex.wild.get
    edge = MAX_LEN - 1
    last = len(t) - 2  # the last real character
    found = []
    for k, lok, rok in compress(zip(weak, lok_all, rok_all), map(or_, lok_all, rok_all)):
        ch = t[k]
        left = k if k < edge else edge
        right = last - k if last - k < edge else edge
        seg = t[k - left : k + right + 1]
        # The model's own scan: characters whose bigrams it has not seen (both, or with
        # LM_GATE_EITHER either), tested here, for the few characters that got this far.
        if (
            bigrams is not None
            and (
                (t[k - 1 : k + 1] not in bigrams or t[k : k + 2] not in bigrams)
                if LM_GATE_EITHER
                else (t[k - 1 : k + 1] not in bigrams and t[k : k + 2] not in bigrams)
            )
            and fget(ch, 0) < LM_SINGLE
            and _free(seg, _WILD_SLICES[left, right, True, True], fget)
        ):
            cands, loose = _candidates_both(seg, left, _WILD_SLICES[left, right, lok, rok], examine[ch], wget, freq)
            if loose:
                mfind = _model_find(t, k, loose, lm)
                if mfind:
                    by_model.append(mfind)
        else:
            cands = _candidates(seg, left, _WILD_SLICES[left, right, lok, rok], examine[ch], wget, freq)
        if not cands:
            continue
        # With the model, a find it does not confirm is dropped (_judge), whichever candidate
        # wins: a character where it confirms none of them is settled before the costly scores.
        top = _best_lm_gain(t, k, cands, lm) if lm is not None and not _counted(t, k) else 0.0
        if lm is not None and top < LM_CONFIRM:
            continue
        # The lower floor only where some candidate has the model's strong support (few do).
        low = lm is not None and top >= LM_LOW
        fix = _best_fix(t, k, cands, fget, seg, _WILD_SLICES[left, right, True, True], low)
        if fix:
            found.append((fix[0], k, fix[1], fix[2]))
    return found, by_model


def _candidates(seg: str, at: int, slices, sim: frozenset[str], wget, freq, ratio: float = RATIO) -> dict[str, str]:
    """Confusables of seg[at] that turn a window through it into a far more common word,
    each with the first such word (windows by length, then start)."""
    masked = seg[:at] + "?" + seg[at + 1 :]
    cands: dict[str, str] = {}
    # A plain loop: four windows on average, too few for map() to pay for itself.
    for window in slices:
        key = masked[window]
        options = wget(key)
        if options is None:
            continue
        # Set intersection in C: a common key ("?省") has dozens of options. Sorted, so that
        # ties between equal gains break the same way in every process (set order is not).
        hits = options & sim
        if not hits:
            continue
        orig = freq.get(seg[window], 0)
        for c in sorted(hits) if len(hits) > 1 else hits:
            if c not in cands:
                new = key.replace("?", c)
                if freq[new] > orig * ratio:
                    cands[c] = new
    return cands


def _candidates_both(seg: str, at: int, slices, sim: frozenset[str], wget, freq) -> tuple[dict, dict]:
    """_candidates with RATIO and with LM_RATIO in one pass (the first equals _candidates')."""
    masked = seg[:at] + "?" + seg[at + 1 :]
    cands: dict[str, str] = {}
    loose: dict[str, str] = {}
    for window in slices:
        key = masked[window]
        options = wget(key)
        if options is None:
            continue
        hits = options & sim
        if not hits:
            continue
        orig = freq.get(seg[window], 0)
        for c in sorted(hits) if len(hits) > 1 else hits:
            if c not in loose or c not in cands:
                new = key.replace("?", c)
                f = freq[new]
                if c not in cands and f > orig * RATIO:
                    cands[c] = new
                if c not in loose and f > orig * LM_RATIO:
                    loose[c] = new
    return cands, loose


def _best_fix(
    t: str, i: int, cands: dict[str, str], fget, seg: str, windows, low: bool = False
) -> tuple[float, str, str] | None:
    """The best (gain, replacement, corrected word) by unigram segmentation of the 9 characters
    around t[i] (within its CJK run), or None when no candidate gains the minimum, or when a
    common word covers t[i]. seg and windows: t[i] with its neighbours and the slices of the
    windows through it."""
    lo = max(i - CONTEXT, t.rfind(_SEP, max(0, i - CONTEXT), i) + 1)
    hi = t.find(_SEP, i + 1, i + CONTEXT + 1)
    ctx = t[lo : hi if hi >= 0 else i + CONTEXT + 1]
    p = i - lo
    size = len(ctx)
    # Screen first (only one character in 40 with candidates is reported). Every segmentation
    # of a candidate has one word W through the character; replacing W by single characters of
    # the original gives a segmentation of the original. So the gain is at most
    # lp(W) - sum of the original's single-character lp over W, for the best W. A candidate
    # whose bound misses min_gain by more than rounding can explain cannot be reported.
    # In frequencies: W passes when its frequency reaches exp(bound + LOG_TOTAL) (an unknown
    # single character counts as 0.5), so no logarithm per look-up. The running sums of the
    # original's single-character log-probabilities and the thresholds are computed in C.
    first, end, ends, starts, checks = _SCREEN[p, size]
    acc = list(accumulate(map(_lp1.__getitem__, ctx[first:end]), initial=0.0))
    floor = _FLOOR_LOW if low else _FLOOR
    bounds = map(sub, map(add, repeat(floor), map(acc.__getitem__, ends)), map(acc.__getitem__, starts))
    leasts = list(map(_exp, bounds))
    variants = []
    head, tail = ctx[:p], ctx[p + 1 :]
    for c, new in cands.items():
        s = head + c + tail
        for (span, unknown), least in zip(checks, leasts):
            if fget(s[span], unknown) >= least:
                variants.append((c, new, s))
                break
    if not variants:
        return None
    # The most common word through the character, looked up only for survivors.
    cover = max(map(fget, map(seg.__getitem__, windows), repeat(0)), default=0)
    if cover >= STRONG_WORD:
        return None  # inside a common word: a wrong character would rarely leave one
    need = MIN_GAIN_COVERED if cover >= COVER_FREQ else MIN_GAIN
    if low:
        fix = _exact(ctx, p, variants, LOW_GAIN, fget)
        # Below the usual minimum the find stands only on the model's strong support.
        if fix and fix[0] < need and lm_gain(t, i, fix[1], char_model()) < LM_LOW:
            return None
        return fix
    return _exact(ctx, p, variants, need, fget)


def _exact(ctx: str, p: int, variants: list[tuple[str, str, str]], min_gain: float, fget) -> tuple | None:
    """The best (gain, replacement, corrected word) of the variants (candidate, word, ctx with the
    candidate at p), scored by the original forward programme: best[j] is the maximum over k of
    best[k] + lp(ctx[k:j]), each sum formed as before, so the scores are bit-identical to scoring
    every text from scratch. The prefix up to p and the words right of p are the same for every
    variant, so they are looked up once."""
    size = len(ctx)
    before, after, through = _EXACT[p, size]
    best = [0.0] * (size + 1)
    for j, starts in before:
        top = -1e9
        for k in starts:
            f = fget(ctx[k:j])
            if f:
                v = best[k] + (_log(f) - LOG_TOTAL)
            elif j - k == 1:
                v = best[k] + UNKNOWN_LOGP
            else:
                continue
            if v > top:
                top = v
        best[j] = top
    right = {}
    for k, j in after:
        f = fget(ctx[k:j])
        right[k, j] = _log(f) - LOG_TOTAL if f else (UNKNOWN_LOGP if j - k == 1 else None)

    def score(s: str) -> float:
        b = best[:]
        for j, starts in through:
            top = -1e9
            for k in starts:
                if k <= p:
                    f = fget(s[k:j])
                    if f:
                        v = b[k] + (_log(f) - LOG_TOTAL)
                    elif j - k == 1:
                        v = b[k] + UNKNOWN_LOGP
                    else:
                        continue
                else:
                    lp = right[k, j]
                    if lp is None:
                        continue
                    v = b[k] + lp
                if v > top:
                    top = v
            b[j] = top
        return b[size]

    base = score(ctx)
    top_fix: tuple[float, str, str] | None = None
    for c, new, s in variants:
        gain = score(s) - base
        if gain >= min_gain and (top_fix is None or gain > top_fix[0]):
            top_fix = (gain, c, new)
    return top_fix


def _runs(t: str, found: list[tuple]):
    """The finds grouped by CJK run (suppression works within one run), in text order."""
    found = sorted(found, key=lambda x: x[1])
    run: list[tuple] = []
    for cand in found:
        if run and _SEP in t[run[-1][1] : cand[1]]:
            yield run
            run = []
        run.append(cand)
    if run:
        yield run


def _strongest(found: list[tuple]) -> list[tuple]:
    # Two neighbouring candidates usually explain the same error (技数 → 技术 or 系数):
    # keep only the strongest within a window (of one CJK run).
    found = sorted(found, reverse=True)
    kept: list[tuple] = []
    for cand in found:
        if all(abs(cand[1] - other[1]) > SUPPRESS_DIST for other in kept):
            kept.append(cand)
    return sorted(kept, key=lambda x: x[1])


def _issues(text: str, t: str, found: list[tuple]) -> list[Issue]:
    issues = []
    for run in _runs(t, found):
        # The most confident first, then the larger model gain.
        ranked = [(conf, g, gain, k, c, word) for gain, k, c, word, g, conf in run]
        for conf, _g, _gain, k, c, word in sorted(_strongest_ranked(ranked), key=lambda x: x[3]):
            issues.append(
                make_issue(
                    "TYPO-003",
                    k,
                    k + 1,
                    text,
                    suggestion=c,
                    message=f"疑为别字：“{text[k]}”可能应为“{c}”（{word}）",
                    confidence=conf,
                )
            )
    return issues


def _strongest_ranked(ranked: list[tuple]) -> list[tuple]:
    ranked = sorted(ranked, reverse=True)
    kept: list[tuple] = []
    for cand in ranked:
        if all(abs(cand[3] - other[3]) > SUPPRESS_DIST for other in kept):
            kept.append(cand)
    return kept
