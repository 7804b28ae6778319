"""Spans the wrong-character layer (TYPO-003) must not touch.

Published 公文 raised almost all of the layer's false alarms on names and fixed wording: 陈吉宁→陈吉著,
正风肃纪→正风肃俗, 纠治→救治, 委室→委实, 办发〔2022〕74号. A character inside one of these spans is never
reported, whatever the statistics say:
- the curated vocabulary of data/protected.json (公文, 纪检监察, 巡视巡察, 人大 and current political
  terms, each with its source) and the caller's whitelist (the organ's roster, deputies, unit names);
- personal names: surname + one or two characters right before a title (陈吉宁同志, 王伟书记) or right
  after one (书记陈吉宁，), a name alone in brackets (（王薇）, the reporter of a news item), and lists
  of names separated by 、 (张三、李四、王五);
- document numbers (京政办发〔2022〕74号) with their issuing-organ prefix;
- abbreviated unit names (…工委, …管委会, …委办) and street addresses (…路18号);
- names of chemical elements in a list or a compound (钨、钼、锡, 钨矿);
- villages and townships after the unit above them (章水镇樟村, 安吉县上墅乡).
Quoted titles 《…》 are not protected: a wrong character in a cited law's title is a real error, and
on the clean dev corpus (laws citing laws) protecting them spared no false alarm but hid six real
slips on ECSpell's held-out lines.

Cost: one Aho-Corasick pass for the vocabulary and a few regexes that open with a literal or a small
class, so the regex engine skips most positions in C; well above 10 MB/s.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import ahocorasick

from .dataload import load_json

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@cache
def _data() -> dict:
    return load_json("protected")


@cache
def vocabulary() -> frozenset[str]:
    return frozenset(e["term"] for e in _data()["terms"])


def _automaton(words) -> ahocorasick.Automaton | None:
    words = [w for w in words if w]
    if not words:
        return None
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


@cache
def _static_automaton() -> ahocorasick.Automaton | None:
    return _automaton(sorted(vocabulary()))


@lru_cache(maxsize=64)
def _whitelist_automaton(phrases: tuple[str, ...]) -> ahocorasick.Automaton | None:
    return _automaton(phrases)


@cache
def _patterns() -> list[tuple[re.Pattern, int]]:
    """(pattern, group) pairs; the group's span is protected."""
    data = _data()
    compound = "|".join(data["surnames"]["compound"])
    titles = "|".join(sorted(data["titles"]["after_name"], key=len, reverse=True))
    given = f"[{_CJK}]{{1,2}}"
    elements = data["elements"]["chars"]
    # Next to a title any surname will do (应勇, 那平); a list of names separated by 、 must
    # open each item with a common surname, or lists of ordinary words would pass for names.
    name = f"(?:{compound}|[{data['surnames']['all_single']}]){given}"
    common = f"(?:{compound}|[{data['surnames']['single']}]){given}"
    return [
        # 陈吉宁同志 / 王伟书记: the name right before a title. The title alternation is looked for
        # first (a look-ahead would be tried at every position).
        (re.compile(f"({name})(?:{titles})"), 1),
        # 书记陈吉宁， / 主任王伟在: a name right after a title, ended by punctuation or a verb of
        # speech or presence.
        (
            re.compile(
                f"(?:{titles})({name})(?=[，。、；：）)\\s]|同志|在|主持|出席|列席|参加|陪同|会见|讲话|指出|强调|要求|"
                "表示|介绍|汇报|说明|作|说|等|$)"
            ),
            1,
        ),
        # （王薇）, （曾婧雅）: a reporter's or an author's name in brackets after a news item.
        (re.compile(f"[（(]({name})[）)]"), 1),
        # 张三、李四、王五: three or more short items, each opening with a surname.
        (re.compile(f"((?:{common}、){{2,}}{common})(?![{_CJK}])"), 1),
        # 京政办发〔2022〕74号, 国发[2019]3号: the organ prefix and the number.
        (re.compile(f"([{_CJK}]{{1,10}}[〔\\[［(（]\\s*\\d{{4}}\\s*[〕\\]］)）]\\s*第?\\d+\\s*号)"), 1),
        # Abbreviated unit names (人代选工委, 预工委, 城建委办): the abbreviation is not a word,
        # so the layer would "correct" it. Full names (…委员会, …办公室) are made of ordinary
        # words, and protecting them hid real slips (指辉部办公室, 扶盆开发办公室).
        (re.compile(f"([{_CJK}]{{1,4}}(?:工委|党工委|管委会|委办|委室))"), 1),
        # Street addresses: 中山路18号, 人民大道100号.
        (re.compile(f"([{_CJK}]{{1,8}}(?:路|街|大道|大街|巷|弄)\\d+号)"), 1),
        # Villages and townships after the unit above them: 章水镇樟村, 安吉县上墅乡, 嘉鱼县潘家湾镇.
        # Their names are proper nouns the word list does not hold.
        (re.compile(f"(?<=[省市县区旗镇乡])([{_CJK}]{{1,3}}(?:镇|乡|村|街道|社区))"), 1),
        # Names of chemical elements in a list or a compound (钨、钼、锡、铝、铜, 钨钼, 钨矿): the
        # name of a substance, not a slip; the model never saw most of them.
        (re.compile(f"((?:[{elements}][、和与及]?)+[{elements}]|[{elements}](?:精矿|矿|合金))"), 1),
    ]


def protected_spans(text: str, whitelist: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """(start, end) spans of text that the layer must leave alone; unsorted, may overlap."""
    spans: list[tuple[int, int]] = []
    for auto in (_static_automaton(), _whitelist_automaton(tuple(whitelist)) if whitelist else None):
        if auto is None:
            continue
        for end, n in auto.iter(text):
            spans.append((end - n + 1, end + 1))
    for pattern, group in _patterns():
        for m in pattern.finditer(text):
            spans.append(m.span(group))
    return spans


_REACH = 40  # longer than any protected span a pattern can match (a name list may be longer: cut)


def protected_positions(text: str, positions, whitelist: tuple[str, ...] = ()) -> set[int]:
    """Those of positions that lie in a protected span. Only the line around each position, at
    most _REACH characters either side, is scanned: the layer's finds are few and far between, so
    this costs far less than protecting the whole text."""
    hit: set[int] = set()
    windows: list[tuple[int, int]] = []
    for k in sorted(positions):
        lo = max(text.rfind("\n", 0, k) + 1, k - _REACH)
        hi = text.find("\n", k)
        hi = min(hi if hi >= 0 else len(text), k + _REACH + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    wanted = set(positions)
    for lo, hi in windows:
        for a, b in protected_spans(text[lo:hi], whitelist):
            hit.update(k for k in range(lo + a, lo + b) if k in wanted)
    return hit


def protected_mask(text: str, whitelist: tuple[str, ...] = ()) -> bytearray:
    """One byte per character of text: 1 where the layer must not report."""
    mask = bytearray(len(text))
    for a, b in protected_spans(text, whitelist):
        mask[a:b] = b"\1" * (b - a)
    return mask
