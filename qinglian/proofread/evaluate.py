"""Accuracy on the evaluation sets of eval/ (issue #15): what a user sees by default, scored against
sets written from sources by people who did not write the rules.

Splits: "dev" may be looked at and tuned on; "heldout" is only ever scored here, and its texts are never
printed (pass show=True on dev only). What is scored is the default view: findings of severity 错误; the
suggestions are counted beside, as the page folds them away.

- Sentences (eval/<split>.jsonl): a gold error is found when a shown finding overlaps its span; a shown
  finding that overlaps no gold span is a false positive (of its own category). Clean and trap sentences
  count as flagged when any finding is shown.
- Speech (eval/speech_<split>.txt/.json): the natural errors found, and the other flags.
- Clean corpus (eval/clean/<split>/*.txt): every shown finding is a false alarm (the texts are published
  official text); per 10,000 characters (non-space characters, header lines excluded).
- ECSpell odw (devset/odw.test, held out; odw.train for dev): character-level detection.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .engine import check_text
from .model import Category, Issue, Options, Severity

EVAL_DIR = Path(__file__).resolve().parent / "eval"
DEVSET_DIR = Path(__file__).resolve().parent / "devset"
# The day the sets were written: a check that depends on "today" (renamed bodies, sessions that have not
# happened yet) gives the same figures on any later day.
EVAL_TODAY = dt.date(2026, 12, 7)
# Splits in the order they were written. dev and dev2 may be looked at and tuned on. Each held-out split is scored
# once at the end of a round of tuning and is then spent (eval/README.md keeps the record): heldout after round 1,
# heldout2 after round 2, heldout3 after round 3.
SPLITS = ("dev", "heldout", "heldout2", "dev2", "heldout3")
DEV_SPLITS = ("dev", "dev2")


def options_for(item: dict | None = None) -> Options:
    when = item.get("date") if item else None
    return Options(today=EVAL_TODAY, document_date=dt.date.fromisoformat(when) if when else None)


# QINGLIAN_EVAL_VIEW=all scores every finding, suggestions too: how the engine before #15 was measured
# (its page showed everything), so before and after can be compared.
VIEW = os.environ.get("QINGLIAN_EVAL_VIEW", "errors")


def _shown(issues: list[Issue]) -> list[Issue]:
    if VIEW == "all":
        return issues
    return [i for i in issues if i.severity is Severity.ERROR]


def gold_spans(text: str, errors: list[dict]) -> list[tuple[str, int, int]]:
    spans = []
    for e in errors:
        pos = -1
        for _ in range(e.get("nth", 1)):
            pos = text.find(e["frag"], pos + 1)
        if pos < 0:
            raise ValueError(f"评测条目的片段不在文本中：{e['frag']}")
        spans.append((e["category"], pos, pos + len(e["frag"])))
    return spans


@dataclass
class Score:
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # tp fp fn
    clean_total: int = 0
    clean_flagged: int = 0
    suggestions: int = 0
    details: list[str] = field(default_factory=list)

    def add_tp(self, cat: str) -> None:
        self.counts[cat][0] += 1

    def add_fp(self, cat: str) -> None:
        self.counts[cat][1] += 1

    def add_fn(self, cat: str) -> None:
        self.counts[cat][2] += 1

    def total(self) -> tuple[int, int, int]:
        tp = sum(c[0] for c in self.counts.values())
        fp = sum(c[1] for c in self.counts.values())
        fn = sum(c[2] for c in self.counts.values())
        return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(gold: list[tuple[str, int, int]], issues: list[Issue], score: Score, show: bool, text: str) -> None:
    matched: set[int] = set()
    for issue in issues:
        hits = [k for k, (_c, s, e) in enumerate(gold) if issue.start < e and s < issue.end]
        if hits:
            matched.update(hits)
        else:
            score.add_fp(issue.category.value)
            if show:
                score.details.append(f"误报 {issue.rule} “{issue.text}”→{issue.suggestion!r}：{text[:80]}")
    for k, (cat, s, e) in enumerate(gold):
        if k in matched:
            score.add_tp(cat)
        else:
            score.add_fn(cat)
            if show:
                score.details.append(f"漏报 [{cat}] “{text[s:e]}”：{text[:80]}")


def load_items(split: str) -> list[dict]:
    path = EVAL_DIR / f"{split}.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_sentences(split: str, *, show: bool = False) -> Score:
    score = Score()
    for item in load_items(split):
        found = check_text(item["text"], options=options_for(item))
        shown = _shown(found)
        score.suggestions += len(found) - len(shown)
        if not item["errors"]:
            score.clean_total += 1
            if shown:
                score.clean_flagged += 1
        _match(gold_spans(item["text"], item["errors"]), shown, score, show, item["text"])
    return score


def score_speech(split: str, *, show: bool = False) -> dict | None:
    txt, meta = EVAL_DIR / f"speech_{split}.txt", EVAL_DIR / f"speech_{split}.json"
    if not (txt.exists() and meta.exists()):
        return None
    text = txt.read_text(encoding="utf-8")
    data = json.loads(meta.read_text(encoding="utf-8"))
    when = data.get("date")
    opts = Options(today=EVAL_TODAY, document_date=dt.date.fromisoformat(when) if when else None)
    gold = gold_spans(text, data["errors"])
    score = Score()
    found = check_text(text, options=opts)
    _match(gold, _shown(found), score, show, text)
    tp, fp, _fn = score.total()
    return {"errors": len(gold), "found": tp, "other_flags": fp, "details": score.details}


def clean_texts(split: str) -> list[tuple[str, str]]:
    folder = EVAL_DIR / "clean" / split
    out = []
    for path in sorted(folder.glob("*.txt")) if folder.exists() else ():
        lines = path.read_text(encoding="utf-8").splitlines()
        out.append((path.name, "\n".join(ln for ln in lines if not ln.startswith("#"))))
    return out


def score_clean(split: str, *, show: bool = False) -> dict:
    chars = flags = suggestions = 0
    by_rule: dict[str, int] = defaultdict(int)
    details = []
    for name, text in clean_texts(split):
        chars += sum(1 for ch in text if not ch.isspace())
        found = check_text(text, options=Options(today=EVAL_TODAY))
        shown = _shown(found)
        suggestions += len(found) - len(shown)
        flags += len(shown)
        for issue in shown:
            by_rule[issue.rule] += 1
            if show:
                a = text.rfind("\n", 0, issue.start) + 1
                details.append(f"{name} {issue.rule} “{issue.text}”→{issue.suggestion!r}：{text[a : issue.end + 30]}")
    per_10k = flags / chars * 10_000 if chars else 0.0
    return {
        "chars": chars,
        "flags": flags,
        "per_10k": per_10k,
        "suggestions": suggestions,
        "by_rule": dict(by_rule),
        "details": details,
    }


def score_ecspell(split: str) -> tuple[int, int, int] | None:
    """Character-level detection on ECSpell odw: test split held out, train split for dev."""
    if split not in ("dev", "heldout"):
        return None
    path = DEVSET_DIR / ("odw.test" if split == "heldout" else "odw.train")
    if not path.exists():
        return None
    tp = fp = fn = 0
    opts = Options(today=EVAL_TODAY)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        _label, src, tgt = parts
        gold = {k for k, (a, b) in enumerate(zip(src, tgt)) if a != b} if len(src) == len(tgt) else set()
        pred: set[int] = set()
        for issue in _shown(check_text(src, options=opts)):
            sug = issue.suggestion
            if sug is not None and len(sug) == issue.end - issue.start:
                pred |= {issue.start + k for k, (a, b) in enumerate(zip(issue.text, sug)) if a != b}
            else:
                pred |= set(range(issue.start, issue.end))
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    return tp, fp, fn


def report(split: str, *, show: bool = False) -> list[str]:
    """The lines `make bench-proofread` prints for one split."""
    if split not in DEV_SPLITS and show:
        raise ValueError("留出集只出数字，不显示文本")
    view = "全部发现（含建议）" if VIEW == "all" else "默认视图＝仅“错误”"
    out = [f"== 评测集：{split}（{view}；评测基准日 {EVAL_TODAY}）=="]
    s = score_sentences(split, show=show)
    if s.clean_total or s.total() != (0, 0, 0):
        out.append(f"{'类别':<6}{'TP':>5}{'FP':>5}{'FN':>5}{'精确率':>9}{'召回率':>9}{'F1':>8}")
        for cat in Category:
            tp, fp, fn = s.counts.get(cat.value, [0, 0, 0])
            if tp + fp + fn:
                p, r, f = prf(tp, fp, fn)
                out.append(f"{cat.value:<6}{tp:>5}{fp:>5}{fn:>5}{p:>9.3f}{r:>9.3f}{f:>8.3f}")
        p, r, f = prf(*s.total())
        out.append(f"合计  精确率 {p:.3f} 召回率 {r:.3f} F1 {f:.3f}；折叠的建议 {s.suggestions} 条")
        rate = s.clean_flagged / s.clean_total if s.clean_total else 0.0
        out.append(f"干净句被标记：{s.clean_flagged}/{s.clean_total} = {rate:.1%}")
        out += ["  " + d for d in s.details]
    sp = score_speech(split, show=show)
    if sp:
        out.append(f"讲话稿：{sp['errors']} 处错误找到 {sp['found']} 处，其他标记 {sp['other_flags']} 条")
        out += ["  " + d for d in sp["details"]]
    cl = score_clean(split, show=show)
    if cl["chars"]:
        out.append(
            f"干净公文语料 {cl['chars']:,} 字：误报 {cl['flags']} 条 = 每万字 {cl['per_10k']:.2f} 条"
            f"（折叠的建议 {cl['suggestions']} 条）；按规则 {cl['by_rule']}"
        )
        out += ["  " + d for d in cl["details"]]
    ec = score_ecspell(split)
    if ec:
        p, r, f = prf(*ec)
        name = "odw.test（留出）" if split == "heldout" else "odw.train"
        out.append(
            f"ECSpell {name} 字级检测：TP={ec[0]} FP={ec[1]} FN={ec[2]} 精确率 {p:.3f} 召回率 {r:.3f} F1 {f:.3f}"
        )
    return out
