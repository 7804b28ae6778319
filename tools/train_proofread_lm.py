"""Rebuild the character n-gram model of the wrong-character layer (qinglian/proofread/data/lm/).

    .venv/bin/python tools/train_proofread_lm.py            # writes data/lm/char_ngram.txt.gz
    .venv/bin/python tools/train_proofread_lm.py --check    # rebuilds in memory, fails if the file differs

Training text, and only this (issue #15's rule: nothing that the evaluation reads):
- the corrected side of lines 0, 4, 8 … of qinglian/proofread/devset/odw.train (ECSpell, MIT); the odd
  lines are the layer's held-out half, so their correct sentences must not be in the model, and lines
  2, 6, 10 … are where the thresholds were tuned;
- the national laws and administrative regulations of the LawRefBook/Laws mirror, read with `git show`
  from its HEAD (the commit is recorded in the model's header): the folders in LAW_FOLDERS. Not DLC/
  (local regulations), not judicial interpretations, departmental rules or cases;
- minus every law listed in qinglian/proofread/eval/clean/SOURCES.md (the clean corpora, dev and
  held-out, are the false-alarm measurement): those files and every other version of the same law
  (same title without the date) are left out.

The model: counts of CJK characters, and of character bigrams and trigrams inside CJK runs (any other
character ends a run), trigrams and bigrams seen fewer than MIN_COUNT times pruned. Runs of the
training text are deduplicated (laws repeat their boilerplate), so a count is the number of distinct
clauses a sequence occurs in. The output is deterministic (sorted, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "qinglian" / "proofread"
OUT = PKG / "data" / "lm" / "char_ngram.txt.gz"
MIRROR = Path("/work/.mirror/LawRefBook+Laws/repo")
SOURCES = PKG / "eval" / "clean" / "SOURCES.md"
# National laws by branch (宪法 … 诉讼与非诉讼程序法) and the State Council's administrative regulations.
LAW_FOLDERS = (
    "宪法",
    "宪法相关法",
    "民法典",
    "民法商法",
    "行政法",
    "经济法",
    "社会法",
    "刑法",
    "诉讼与非诉讼程序法",
    "行政法规",
)
MIN_COUNT = 2
# Lines 0, 4, 8 … of odw.train: the layer's thresholds are tuned on lines 2, 6, 10 … (an LM that
# has seen a sentence's correct form would make its gains look better than on unseen text), and the
# odd lines stay held out. 0 = no odw.train text at all.
ODW_STEP = 4
MODEL_VERSION = 1
_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_DATE_SUFFIX = re.compile(r"\(\d{4}-\d{2}-\d{2}\)$")


def _git(*args: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(MIRROR), "-c", "core.quotepath=off", *args], check=True, capture_output=True
    ).stdout


def _title(path: str) -> str:
    """立法法(2023-03-13).md → 立法法: versions of one law share it."""
    return _DATE_SUFFIX.sub("", path.rsplit("/", 1)[-1].removesuffix(".md"))


def excluded_titles() -> set[str]:
    """Titles of the laws the clean corpora (dev and held-out) were cut from, read from SOURCES.md only."""
    if not SOURCES.exists():
        return set()
    found = re.findall(r"LawRefBook/Laws@\w+ ([^|]+?\.md)", SOURCES.read_text(encoding="utf-8"))
    return {_title(p.strip()) for p in found}


def law_files() -> tuple[str, list[tuple[str, str]], list[str]]:
    """(commit, [(path, blob)] used, [paths] left out)."""
    commit = _git("rev-parse", "HEAD").decode().strip()
    skip = excluded_titles()
    used, left_out = [], []
    listing = _git("ls-tree", "-r", "HEAD", "--", *LAW_FOLDERS).decode("utf-8").splitlines()
    for line in sorted(listing):
        meta, path = line.split("\t", 1)
        if not path.endswith(".md") or path.endswith("_index.md"):
            continue
        if _title(path) in skip:
            left_out.append(path)
            continue
        used.append((path, meta.split()[2]))
    return commit, used, left_out


def law_text(blob: str) -> str:
    text = _git("cat-file", "blob", blob).decode("utf-8")
    # The lines before the marker are the title and adoption notes; keep the body only.
    return text.split("<!-- INFO END -->", 1)[-1]


def odw_lines() -> list[str]:
    lines = (PKG / "devset" / "odw.train").read_text(encoding="utf-8").splitlines()
    return [ln.split("\t")[2] for ln in lines[0::ODW_STEP]] if ODW_STEP else []


def count(texts) -> tuple[Counter, Counter, Counter, int]:
    seen: set[str] = set()
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    for text in texts:
        for run in _RUN.findall(text):
            if run in seen:
                continue
            seen.add(run)
            uni.update(run)
            bi.update(run[i : i + 2] for i in range(len(run) - 1))
            tri.update(run[i : i + 3] for i in range(len(run) - 2))
    return uni, bi, tri, len(seen)


def build() -> tuple[bytes, dict]:
    commit, files, left_out = law_files()
    texts = [law_text(blob) for _p, blob in files]
    odw = odw_lines()
    uni, bi, tri, runs = count(texts + odw)
    header = {
        "version": MODEL_VERSION,
        "description": (
            "字符 n 元语言模型（别字层 TYPO-003 的上下文证据）："
            "CJK 单字、二元、三元计数，二元与三元频次低于 min_count 者剪除"
        ),
        "min_count": MIN_COUNT,
        "sources": {
            "odw.train": (
                f"qinglian/proofread/devset/odw.train 第 0、{ODW_STEP}、{2 * ODW_STEP} … 行（从 0 起数）的改正句"
                "（ECSpell，MIT）；奇数行为留出集、其余偶数行为调参集，均不参与训练"
            ),
            "laws": (
                f"github LawRefBook/Laws@{commit} 目录 {'、'.join(LAW_FOLDERS)} 共 {len(files)} 件（不含 DLC 地方法规）"
            ),
            "laws_sha256": hashlib.sha256("\n".join(f"{p}\t{b}" for p, b in files).encode()).hexdigest(),
            "excluded": f"eval/clean/SOURCES.md 所列法律及其各版本 {len(left_out)} 件：" + "；".join(sorted(left_out)),
        },
        "runs": runs,
        "chars": sum(uni.values()),
    }
    lines = [json.dumps(header, ensure_ascii=False)]
    for name, table, floor in (("1", uni, 1), ("2", bi, MIN_COUNT), ("3", tri, MIN_COUNT)):
        kept = sorted((k, v) for k, v in table.items() if v >= floor)
        lines.append(f"#{name} {len(kept)}")
        lines += [f"{k}\t{v}" for k, v in kept]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0), header


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail when the shipped model differs from a rebuild")
    args = ap.parse_args(argv)
    blob, header = build()
    if args.check:
        same = OUT.exists() and OUT.read_bytes() == blob
        print("模型与重建结果一致" if same else "模型与重建结果不一致")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(blob)
    print(f"{OUT.relative_to(ROOT)}: {len(blob) / 1e6:.2f} MB, {header['chars']} 字, {header['runs']} 个不重复分句")
    return 0


if __name__ == "__main__":
    sys.exit(main())
