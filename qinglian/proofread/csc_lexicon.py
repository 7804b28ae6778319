"""The dictionary behind the wrong-character layer (TYPO-003): build, cache and load.

Sources, all installed packages or repository data, nothing downloaded:
- jieba's bundled word-frequency dictionary (dict.txt, MIT);
- pypinyin's character readings (pinyin_dict.json, MIT), for same-sound confusables;
- data/same_stroke.txt (pycorrector, Apache-2.0), for same-shape confusables;
- data/confusion.json, confusable pairs the two above miss (from ECSpell odw.train's tuning half).

Start-up is what this module is optimised for (the 1 s budget includes the first build):
- jieba and pypinyin are located with importlib.util.find_spec and their data files read
  directly; importing them would cost about 0.35 s (jieba sets up its tokenizer, pypinyin
  loads its 5 MB phrase dictionary) for data we read in a few milliseconds;
- only words of at most MAX_LEN characters are kept: the layer never looks up a longer one;
- confusion sets are not materialised for all 11,000 characters (a million set entries,
  most of the old load time); the per-character tags (readings, shape groups) are stored and
  a character's set is built the first time that character is examined;
- the cache keeps the word list as one joined string and the counts as an int64 array,
  which loads faster than a marshalled dict.
The cache also holds what csc.py's fast filters need: the neighbour characters in indexed
words (follow/precede) and the common two-character words as code-point pairs.
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import os
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .dataload import DATA_DIR

MIN_NEW_FREQ = 60  # a corrected word must be at least this common (see csc.py)
MAX_LEN = 4  # longest word the layer looks up
STRONG_WORD = 500  # characters covered by a word this common are not examined (see csc.py)
LEXICON_VERSION = 9
_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)
class Lexicon:
    freq: dict[str, int]  # word (at most MAX_LEN characters) → jieba frequency
    wild: dict[str, frozenset[str]]  # "数?" → {"据", "量", …}: the replacement characters
    # A character's confusion tags: its toneless readings and "#n" for same-shape group n.
    # Two characters are confusable when they share a tag (pypinyin readings count only for
    # characters that are themselves words in jieba's dictionary, as in the original build).
    tags: dict[str, tuple[str, ...]]
    by_tag: dict[str, frozenset[str]]  # tag → its characters (sets: a union then rehashes nothing)
    # Characters that follow (precede) a character inside a word that `wild` indexes: a
    # replacement c after x is possible only when c follows x in such a word.
    follow: dict[str, str]
    precede: dict[str, str]
    # Two-character words with a frequency of at least STRONG_WORD, as (code << 16) | code of
    # their two (BMP) characters: ints hash for free, new 2-character strings do not.
    strong_pairs: frozenset[int]
    max_freq: tuple[int, ...]  # the highest frequency among words of each length (index = length)
    _similar: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _follow: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _precede: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def similar(self, ch: str) -> frozenset[str]:
        """Confusable characters of ch (same toneless reading or same shape), ch excluded."""
        got = self._similar.get(ch)
        if got is None:
            tags = self.tags.get(ch, ())
            got = _EMPTY.union(*map(self.by_tag.__getitem__, tags)).difference(ch) if tags else _EMPTY
            self._similar[ch] = got
        return got

    def neighbours(self, ch: str, after: bool) -> frozenset[str]:
        """The characters that can follow ch (after=True) or precede it inside an indexed word.
        Built per character on first use: a set from a string, in C."""
        cache = self._follow if after else self._precede
        got = cache.get(ch)
        if got is None:
            got = cache[ch] = frozenset((self.follow if after else self.precede).get(ch, ""))
        return got


def _package_dir(name: str) -> str:
    spec = importlib.util.find_spec(name)  # locates the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"缺少依赖包：{name}")
    return next(iter(spec.submodule_search_locations))


def jieba_dict_path() -> str:
    return os.path.join(_package_dir("jieba"), "dict.txt")


def _pinyin_json_path() -> str:
    return os.path.join(_package_dir("pypinyin"), "pinyin_dict.json")


def _read_pinyin() -> dict[int, str]:
    """pypinyin's code point → "líng,yuán,xīng" table, as pypinyin.pinyin_dict builds it."""
    try:
        with open(_pinyin_json_path(), encoding="utf-8") as fh:
            return {int(k): v for k, v in json.load(fh).items()}
    except OSError:  # a pypinyin release without the JSON file: fall back to its module
        from pypinyin.pinyin_dict import pinyin_dict

        return pinyin_dict


def _stat_key(path: str | Path) -> str:
    st = os.stat(path)
    return f"{st.st_size}-{int(st.st_mtime)}"


def cache_file() -> Path | None:
    """Where the built lexicon is cached; keyed by the source files so it never goes stale."""
    root = os.environ.get("QINGLIAN_PROOFREAD_CACHE") or os.path.join(Path.home(), ".cache", "qinglian-proofread")
    try:
        parts = [
            _stat_key(jieba_dict_path()),
            _stat_key(DATA_DIR / "same_stroke.txt"),
            _stat_key(DATA_DIR / "confusion.json"),
        ]
        try:
            parts.append(_stat_key(_pinyin_json_path()))
        except OSError:
            parts.append("mod")
    except (OSError, ModuleNotFoundError):
        return None
    key = f"v{LEXICON_VERSION}-{'-'.join(parts)}-{MIN_NEW_FREQ}-{MAX_LEN}-{STRONG_WORD}"
    return Path(root) / f"lexicon-{key}.marshal"


def _toneless(py: str) -> str:
    base = unicodedata.normalize("NFD", py)
    return "".join(c for c in base if not unicodedata.combining(c)).replace("ü", "v")


def _read_jieba() -> dict[str, int]:
    with open(jieba_dict_path(), encoding="utf-8") as fh:
        data = fh.read()
    tokens = data.split()
    if len(tokens) == 3 * data.count("\n"):  # "word freq tag" on every line: split in C
        return dict(zip(tokens[0::3], map(int, tokens[1::3])))
    freq: dict[str, int] = {}
    for line in data.splitlines():  # a tag with spaces or a missing final newline
        if line:
            word, f, _tag = line.split(" ", 2)
            freq[word] = int(f)
    return freq


def build() -> Lexicon:
    full = _read_jieba()
    freq = {w: f for w, f in full.items() if len(w) <= MAX_LEN}
    wild: dict[str, list[str]] = defaultdict(list)
    for word, f in freq.items():
        n = len(word)
        if n < 2 or f < MIN_NEW_FREQ:
            continue
        for i in range(n):
            wild[word[:i] + "?" + word[i + 1 :]].append(word[i])
    pinyin = _read_pinyin()
    toneless: dict[str, str] = {}  # a few thousand distinct toned syllables
    tags: dict[str, list[str]] = defaultdict(list)
    by_tag: dict[str, list[str]] = defaultdict(list)
    for word in freq:
        if len(word) != 1:
            continue
        raw = pinyin.get(ord(word))
        if not raw:
            continue
        for p in raw.split(","):
            t = toneless.get(p)
            if t is None:
                t = toneless[p] = _toneless(p)
            if t not in tags[word]:
                tags[word].append(t)
                by_tag[t].append(word)
    with open(DATA_DIR / "same_stroke.txt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            group = [c for c in line.strip().split("\t") if c]
            if group:
                t = f"#{n}"
                by_tag[t] = group
                for ch in set(group):
                    tags[ch].append(t)
    with open(DATA_DIR / "confusion.json", encoding="utf-8") as fh:
        for n, pair in enumerate(json.load(fh)["pairs"]):
            t = f"#p{n}"
            by_tag[t] = list(pair)
            for ch in pair:
                tags[ch].append(t)
    top = [0] * (MAX_LEN + 1)  # max_freq, in one pass over the words
    for word, f in freq.items():
        if f > top[len(word)]:
            top[len(word)] = f
    follow: dict[str, set[str]] = defaultdict(set)
    precede: dict[str, set[str]] = defaultdict(set)
    for key, chars in wild.items():
        at = key.index("?")
        for c in chars:
            if at:
                follow[key[at - 1]].add(c)
            if at + 1 < len(key):
                precede[key[at + 1]].add(c)
    return Lexicon(
        freq,
        {k: frozenset(v) for k, v in wild.items()},
        {k: tuple(v) for k, v in tags.items()},
        {k: frozenset(v) for k, v in by_tag.items()},
        {k: "".join(sorted(v)) for k, v in follow.items()},
        {k: "".join(sorted(v)) for k, v in precede.items()},
        frozenset(ord(w[0]) << 16 | ord(w[1]) for w, f in freq.items() if len(w) == 2 and f >= STRONG_WORD),
        tuple(top),
    )


def _dumps(lex: Lexicon) -> bytes:
    # Keys joined into one string and counts in an int64 array: faster to load than a
    # marshalled dict of 340,000 entries.
    counts = array("q", lex.freq.values())
    return marshal.dumps(
        (
            "\n".join(lex.freq),
            counts.tobytes(),
            lex.wild,
            lex.tags,
            lex.by_tag,
            lex.follow,
            lex.precede,
            lex.strong_pairs,
            lex.max_freq,
        )
    )


def _loads(blob: bytes) -> Lexicon:
    keys, counts, *rest = marshal.loads(blob)
    values = array("q")
    values.frombytes(counts)
    freq = dict(zip(keys.split("\n"), values))
    if len(freq) != len(values):
        raise ValueError("corrupt lexicon cache")
    return Lexicon(freq, *rest)


def load() -> Lexicon:
    """The lexicon, from the marshal cache when present, else built and cached."""
    path = cache_file()
    if path is not None and path.is_file():
        try:
            return _loads(path.read_bytes())
        except (ValueError, EOFError, TypeError, OSError):
            pass
    lex = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(_dumps(lex))
            os.replace(tmp, path)  # atomic: concurrent workers never read a half-written file
        except OSError:
            pass  # a read-only home is fine: we just rebuild next time
    return lex


# --- The character n-gram model (data/lm/char_ngram.txt.gz, built by tools/train_proofread_lm.py) ---

LM_FILE = DATA_DIR / "lm" / "char_ngram.txt.gz"
LM_CACHE_VERSION = 2


@dataclass(frozen=True, eq=False)
class CharModel:
    """Counts of characters, bigrams and trigrams of clean official text (pruned; see the script).

    csc.lm_gain() reads them as an interpolated estimate (a fixed back-off weight per level): a
    trigram seen in the training text dominates, an unseen one backs off to the bigram and the
    character, so a correction that turns unseen sequences into seen ones gains, and one that
    turns seen sequences into unseen ones loses.
    """

    uni: dict[str, int]
    bi: dict[str, int]
    tri: dict[str, int]
    total: int


def _read_lm() -> tuple[dict, dict, dict]:
    import gzip

    with gzip.open(LM_FILE, "rt", encoding="utf-8") as fh:
        header = json.loads(fh.readline())
        if header.get("version") is None:
            raise ValueError("语言模型缺少 version")
        body = fh.read()
    tables: list[dict[str, int]] = []
    for section in body.split("#")[1:]:  # "#1 2976\n" + "字\t3\n" lines; '#' is never a key
        tokens = section.split()[2:]
        tables.append(dict(zip(tokens[0::2], map(int, tokens[1::2]))))
    if len(tables) != 3:
        raise ValueError("语言模型格式错误")
    return tables[0], tables[1], tables[2]


def lm_cache_file() -> Path | None:
    root = os.environ.get("QINGLIAN_PROOFREAD_CACHE") or os.path.join(Path.home(), ".cache", "qinglian-proofread")
    try:
        key = _stat_key(LM_FILE)
    except OSError:
        return None
    return Path(root) / f"charlm-v{LM_CACHE_VERSION}-{key}.marshal"


def _lm_dumps(lm: CharModel) -> bytes:
    # As for the lexicon: keys joined into one string and counts in an int64 array load faster
    # than marshalled dicts.
    return marshal.dumps(
        (*(("\n".join(t), array("q", t.values()).tobytes()) for t in (lm.uni, lm.bi, lm.tri)), lm.total)
    )


def _lm_loads(blob: bytes) -> CharModel:
    *tables, total = marshal.loads(blob)
    out = []
    for keys, counts in tables:
        values = array("q")
        values.frombytes(counts)
        table = dict(zip(keys.split("\n"), values))
        if len(table) != len(values):
            raise ValueError("corrupt model cache")
        out.append(table)
    return CharModel(*out, total)


def load_lm() -> CharModel:
    """The n-gram model, from the marshal cache when present, else read from the data file and cached."""
    path = lm_cache_file()
    if path is not None and path.is_file():
        try:
            return _lm_loads(path.read_bytes())
        except (ValueError, EOFError, TypeError, OSError):
            pass
    uni, bi, tri = _read_lm()
    lm = CharModel(uni, bi, tri, sum(uni.values()))
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(_lm_dumps(lm))
            os.replace(tmp, path)
        except OSError:
            pass
    return lm
