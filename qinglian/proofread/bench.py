"""Accuracy and speed benchmark: python -m qinglian.proofread.bench [--quick] [--show] [--eval-only] [--split=NAME]

Accuracy
- the evaluation sets of eval/ (evaluate.py): the dev split and the held-out split, per category, clean
  sentences flagged, the speech, clean published text per 10,000 characters, ECSpell odw test;
- hand-made rule cases (devset/cases.json): precision, recall, F1 per category;
- clean sentences (devset/clean.txt): share of sentences with any finding (false-alarm rate);
- ECSpell odw.train (devset/odw.train, MIT): the wrong-character layer is tuned on the even
  lines; the odd lines are held out. Character-level detection precision/recall/F1. The
  corrected sentences serve as real 公文 text that should raise nothing.
Speed: MB/s of check_text on one core, a generated 30-page .docx, engine start-up time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from .engine import check_text
from .model import Category, Options

DEVSET = Path(__file__).resolve().parent / "devset"
_NO_TYPO = Options(typo_layer=False)


def load_cases() -> list[dict]:
    return json.loads((DEVSET / "cases.json").read_text(encoding="utf-8"))["cases"]


def load_clean() -> list[str]:
    lines = (DEVSET / "clean.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def load_ecspell() -> list[tuple[str, str]]:
    out = []
    for line in (DEVSET / "odw.train").read_text(encoding="utf-8").splitlines():
        _n, src, tgt = line.split("\t")
        out.append((src, tgt))
    return out


def expected_spans(case: dict) -> list[tuple[str, int, int]]:
    spans = []
    for e in case["expect"]:
        pos = -1
        for _ in range(e.get("nth", 1)):
            pos = case["text"].find(e["frag"], pos + 1)
        if pos < 0:
            raise ValueError(f"用例片段不存在：{e['frag']} in {case['text']}")
        spans.append((e["rule"], pos, pos + len(e["frag"])))
    return spans


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def rule_accuracy(options: Options | None = None) -> dict:
    """Per-category counts on cases.json + clean.txt (a finding on a clean sentence is an FP)."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in load_cases():
        gold = expected_spans(case)
        found = check_text(case["text"], options=options)
        matched = set()
        for issue in found:
            hit = next(
                (
                    g
                    for g in gold
                    if g[0] == issue.rule and issue.start < g[2] and g[1] < issue.end and g not in matched
                ),
                None,
            )
            if hit:
                matched.add(hit)
                stats[issue.category.value][0] += 1
            else:
                stats[issue.category.value][1] += 1
        for g in gold:
            if g not in matched:
                from .dataload import rule_meta

                stats[rule_meta(g[0])["category"]][2] += 1
    clean = load_clean()
    flagged = []
    for sentence in clean:
        found = check_text(sentence, options=options)
        for issue in found:
            stats[issue.category.value][1] += 1
        if found:
            flagged.append((sentence, [i.rule for i in found]))
    return {"stats": dict(stats), "clean_total": len(clean), "clean_flagged": flagged}


def ecspell_accuracy() -> dict:
    from .csc import check_typos

    pairs = load_ecspell()
    result = {}
    for name, subset in (("tune(even)", pairs[0::2]), ("held-out(odd)", pairs[1::2])):
        tp = fp = fn = 0
        for src, tgt in subset:
            gold = {k for k, (a, b) in enumerate(zip(src, tgt)) if a != b}
            pred = {i.start for i in check_typos(src)}
            tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
        result[name] = (tp, fp, fn)
    typo_fa = sum(1 for _s, tgt in pairs if check_typos(tgt))
    rule_fa = [(tgt, [i.rule for i in check_text(tgt, options=_NO_TYPO)]) for _s, tgt in pairs]
    rule_fa = [x for x in rule_fa if x[1]]
    result["clean_sentences"] = len(pairs)
    result["typo_false_alarm_sentences"] = typo_fa
    result["rule_flagged_sentences"] = rule_fa
    return result


def speed(quick: bool = False) -> dict:
    pairs = load_ecspell()
    para = "\n".join(t for _s, t in pairs)
    target = 200_000 if quick else 1_000_000
    text = (para + "\n") * (target // len(para.encode("utf-8")) + 1)
    mb = len(text.encode("utf-8")) / 1_048_576
    out = {"text_mb": mb}
    for label, opts in (("rules_only", _NO_TYPO), ("with_typo_layer", Options())):
        check_text("预热。", options=opts)
        t = time.perf_counter()
        check_text(text, options=Options(typo_layer=opts.typo_layer, max_issues_per_rule=10**9))
        out[f"mb_per_s_{label}"] = mb / (time.perf_counter() - t)
    from . import check_docx
    from .sample_docx import make_docx

    data = make_docx(pages=30)
    check_docx(data)
    t = time.perf_counter()
    report = check_docx(data)
    out["docx_30_pages_s"] = time.perf_counter() - t
    out["docx_30_pages_chars"] = len(report.text)
    for label, code in (
        (
            "startup_rules_s",
            "from qinglian.proofread import warm_up, check_text, Options;"
            "warm_up(False); check_text('测试。', options=Options(typo_layer=False))",
        ),
        ("startup_full_s", "from qinglian.proofread import warm_up, check_text; warm_up(); check_text('测试。')"),
    ):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
        out[label] = time.perf_counter() - t
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    quick = "--quick" in argv
    show = "--show" in argv  # the dev split's misses and false alarms, to work on; never the held-out texts
    from .evaluate import report

    # A held-out split only when named: each is scored once, at the end of a round of tuning (eval/README.md).
    splits = [a.split("=", 1)[1] for a in argv if a.startswith("--split=")] or ["dev", "dev2"]
    for split in splits:
        for line in report(split, show=show and split in ("dev", "dev2")):
            print(line)
    if "--eval-only" in argv:
        return 0
    acc = rule_accuracy()
    print("== 规则用例（cases.json + clean.txt，含统计别字层）==")
    print(f"{'类别':<6}{'TP':>5}{'FP':>5}{'FN':>5}{'精确率':>9}{'召回率':>9}{'F1':>8}")
    for cat in Category:
        tp, fp, fn = acc["stats"].get(cat.value, [0, 0, 0])
        p, r, f = _prf(tp, fp, fn)
        print(f"{cat.value:<6}{tp:>5}{fp:>5}{fn:>5}{p:>9.3f}{r:>9.3f}{f:>8.3f}")
    n_flag = len(acc["clean_flagged"])
    print(f"干净句误报率：{n_flag}/{acc['clean_total']} = {n_flag / acc['clean_total']:.1%}")
    for sentence, rules in acc["clean_flagged"]:
        print(f"  误报：{sentence} -> {rules}")
    ec = ecspell_accuracy()
    print("== ECSpell odw（字级检测，TYPO-003）==")
    for name in ("tune(even)", "held-out(odd)"):
        tp, fp, fn = ec[name]
        p, r, f = _prf(tp, fp, fn)
        print(f"{name:<14} TP={tp} FP={fp} FN={fn} 精确率={p:.3f} 召回率={r:.3f} F1={f:.3f}")
    total = ec["clean_sentences"]
    print(
        f"改正后句子（真实公文句）上的别字层误报句：{ec['typo_false_alarm_sentences']}/{total}"
        f" = {ec['typo_false_alarm_sentences'] / total:.1%}"
    )
    rf = ec["rule_flagged_sentences"]
    print(f"改正后句子上其余规则报告的句子：{len(rf)}/{total} = {len(rf) / total:.1%}")
    rest = [x for x in rf if set(x[1]) != {"POL-005"}]
    print(
        f"  其中只含 POL-005（2018 年前文件中的旧机构名，按 2026 年现状报告）以外规则的：{len(rest)}/{total}"
        f" = {len(rest) / total:.1%}"
    )
    for sentence, rules in rest[:20]:
        print(f"  {rules}: {sentence[:60]}")
    sp = speed(quick)
    print("== 速度（单核）==")
    print(
        f"文本 {sp['text_mb']:.2f} MB：仅规则 {sp['mb_per_s_rules_only']:.2f} MB/s；"
        f"含别字层 {sp['mb_per_s_with_typo_layer']:.2f} MB/s"
    )
    print(f"30 页 .docx（{sp['docx_30_pages_chars']} 字）：{sp['docx_30_pages_s']:.3f} s")
    print(
        f"启动（新进程，导入+建自动机+首查）：仅规则 {sp['startup_rules_s']:.2f} s；"
        f"含别字层词典 {sp['startup_full_s']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
