"""The evaluation sets are well formed and the scorer counts what it says (issue #15).

These tests read the held-out files only to check their shape; no figure is asserted on them — accuracy is
reported by `make bench-proofread`, not pinned in a test.
"""

from __future__ import annotations

import json

import pytest

from qinglian.proofread import evaluate
from qinglian.proofread.model import Category

CATEGORIES = {c.value for c in Category}


@pytest.mark.parametrize("split", evaluate.SPLITS)
def test_sentence_sets_are_well_formed(split):
    items = evaluate.load_items(split)  # shapes only: no figure is computed here
    assert len(items) >= 300, f"{split} 句子集不足 300 条"
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert item["kind"] in {"error", "clean", "trap"}
        assert bool(item["errors"]) == (item["kind"] == "error"), item["id"]
        assert {e["category"] for e in item["errors"]} <= CATEGORIES, item["id"]
        evaluate.gold_spans(item["text"], item["errors"])  # every fragment is in its text
        assert item.get("source"), item["id"]


def test_the_splits_share_no_sentence():
    texts = [{i["text"] for i in evaluate.load_items(split)} for split in evaluate.SPLITS]
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            assert not texts[a] & texts[b], (evaluate.SPLITS[a], evaluate.SPLITS[b])


def _grams(text: str) -> set[str]:
    return {text[k : k + 4] for k in range(len(text) - 3)}


# Each held-out split against the development splits that existed when it was scored.
TUNED_BEFORE = {"heldout": ("dev",), "heldout2": ("dev",), "heldout3": ("dev", "dev2")}


@pytest.mark.parametrize("split", sorted(TUNED_BEFORE))
def test_no_heldout_sentence_is_a_near_copy_of_a_dev_sentence(split):
    """What the checks were tuned on must not reappear, reworded a little, in what measures them."""
    dev = [_grams(i["text"]) for name in TUNED_BEFORE[split] for i in evaluate.load_items(name)]
    near = [
        item["id"]
        for item in evaluate.load_items(split)
        if any(len(g & d) / len(g | d) >= 0.6 for d in dev if (g := _grams(item["text"])) and d)
    ]
    assert near == []


@pytest.mark.parametrize("split", ["dev", "heldout", "heldout2"])
def test_clean_corpus_is_large_enough(split):
    chars = sum(len(t) for _n, t in evaluate.clean_texts(split))
    assert chars >= {"heldout": 200_000}.get(split, 100_000)


def test_the_clean_splits_share_no_document():
    heads = [{t[:200] for _n, t in evaluate.clean_texts(split)} for split in evaluate.SPLITS]
    for a in range(len(heads)):
        for b in range(a + 1, len(heads)):
            assert not heads[a] & heads[b], (evaluate.SPLITS[a], evaluate.SPLITS[b])


def _write(tmp_path, name, rows):
    (tmp_path / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")


def test_scorer_counts_hits_misses_and_clean_flags(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluate, "EVAL_DIR", tmp_path)
    rows = [
        # found: a half-width comma in Chinese text is an error
        {"id": "a", "text": "各单位要认真学习,抓好落实。", "kind": "error", "source": "t",
         "errors": [{"frag": ",", "nth": 1, "category": "标点", "fix": "，"}]},
        # missed: nothing flags this made-up slip
        {"id": "b", "text": "会议由主任主持。", "kind": "error", "source": "t",
         "errors": [{"frag": "主任", "nth": 1, "category": "事实", "fix": "副主任"}]},
        # a clean sentence that gets flagged counts once, and its finding is a false positive
        {"id": "c", "text": "各单位要认真学习,抓好落实。", "kind": "clean", "source": "t", "errors": []},
        {"id": "d", "text": "各单位要认真学习，抓好落实。", "kind": "clean", "source": "t", "errors": []},
    ]  # fmt: skip
    _write(tmp_path, "dev.jsonl", rows)
    score = evaluate.score_sentences("dev")
    assert score.counts["标点"] == [1, 1, 0]
    assert score.counts["事实"] == [0, 0, 1]
    assert (score.clean_flagged, score.clean_total) == (1, 2)


@pytest.mark.parametrize("split", ["heldout", "heldout2", "heldout3"])
def test_heldout_texts_are_never_printed(split):
    with pytest.raises(ValueError):
        evaluate.report(split, show=True)
