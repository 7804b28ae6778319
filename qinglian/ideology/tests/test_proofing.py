"""The engine in the loop (proofing.py): what counts as a political error, keys that survive edits elsewhere in
the text, what a new version fixed and introduced, and the text diff."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from qinglian.core.errors import InvalidInput
from qinglian.ideology import proofing
from qinglian.proofread import check_text

# Sentences the engine flags as political-category errors (the demo plants these).
POLITICAL_SENTENCES = {
    "学习习近平新时代中国特色主义思想。": "习近平新时代中国特色社会主义思想",
    "增强“四个意识”、坚定“四个自信”，做到“两个确立”。": "两个维护",
}


def _issue(rule="POL-007", text="甲", suggestion="乙", start=0, category="政治", severity="错误"):
    return {
        "rule": rule,
        "text": text,
        "suggestion": suggestion,
        "start": start,
        "end": start + len(text),
        "category": category,
        "severity": severity,
    }


@pytest.mark.parametrize(("sentence", "right"), POLITICAL_SENTENCES.items())
def test_the_planted_sentences_are_political_errors_for_the_engine(sentence, right):
    issues = [i.to_dict() for i in check_text(sentence)]
    political = [i for i in issues if proofing.is_political_error(i)]
    assert len(political) == 1 and political[0]["suggestion"] == right
    assert political[0]["category"] == "政治" and political[0]["severity"] == "错误"


def test_summarise_counts_errors_political_errors_and_categories():
    issues = [_issue(), _issue(category="政治", severity="建议"), _issue(category="标点", severity="错误")]
    assert proofing.summarise(issues) == (2, 1, {"政治": 2, "标点": 1})
    assert proofing.summarise([]) == (0, 0, {})


def test_keys_do_not_depend_on_offsets_and_count_occurrences_in_text_order():
    first = [_issue(start=10), _issue(start=40), _issue(rule="POL-001", start=20)]
    moved = [_issue(start=110), _issue(rule="POL-001", start=120), _issue(start=140)]
    assert {k for k, _ in proofing.keyed(first)} == {k for k, _ in proofing.keyed(moved)}
    keys = [k for k, _ in proofing.keyed([_issue(start=40), _issue(start=10)])]
    assert keys == ["POL-007|甲|乙|2", "POL-007|甲|乙|1"]  # the engine's order kept, occurrences by position
    long = proofing.keyed([_issue(text="很长" * 300)])[0][0]
    assert len(long) <= proofing.KEY_MAX


def test_issue_changes_are_new_fixed_and_kept():
    old = SimpleNamespace(issues=[_issue(start=5), _issue(rule="PUN-001", text="，，", suggestion="，", start=9)])
    new = SimpleNamespace(issues=[_issue(rule="PUN-001", text="，，", suggestion="，", start=30), _issue(text="丙")])
    changes = proofing.issue_changes(old, new)
    assert [i["text"] for i in changes["fixed"]] == ["甲"]
    assert [i["text"] for i in changes["new"]] == ["丙"]
    assert [i["key"] for i in changes["kept"]] == ["PUN-001|，，|，|1"]
    assert [i["text"] for i in proofing.issue_changes(None, new)["new"]] == ["，，", "丙"]


def _rebuild(diff, keep: str) -> str:
    return "".join(text for op, text in diff if op in ("equal", keep))


def test_the_diff_rebuilds_both_texts_and_marks_characters_within_a_changed_line():
    old = "第一段不变。\n会议要求认真学习。\n第三段。\n"
    new = "第一段不变。\n会议要求认真学习贯彻。\n第三段。\n新增一段。\n"
    diff = proofing.text_diff(old, new)
    assert _rebuild(diff, "delete") == old and _rebuild(diff, "insert") == new
    assert ("insert", "贯彻") in diff and ("insert", "新增一段。\n") in diff
    assert not any(op == "delete" for op, _ in diff)
    assert proofing.text_diff("", "甲") == [("insert", "甲")] and proofing.text_diff("甲", "甲") == [("equal", "甲")]


def test_the_diff_of_twenty_thousand_characters_is_fast():
    paragraph = "市人大常委会机关深入学习贯彻党的二十届四中全会精神，扎实推进各项工作落实落细。"
    old = "".join(f"{n}、{paragraph}\n" for n in range(500))
    lines = old.splitlines(keepends=True)
    for n in range(0, 500, 7):
        lines[n] = lines[n].replace("扎实", "切实")
    new = "".join(lines)
    one_line_old, one_line_new = old.replace("\n", ""), new.replace("\n", "")  # a paste without paragraph breaks
    assert len(old) > 20000
    started = time.perf_counter()
    diff = proofing.text_diff(old, new)
    flat = proofing.text_diff(one_line_old, one_line_new)
    assert time.perf_counter() - started < 5
    assert _rebuild(diff, "insert") == new and _rebuild(flat, "delete") == one_line_old
    assert sum(1 for op, text in diff if op == "insert" and text == "切") == len(range(0, 500, 7))


@pytest.mark.django_db
def test_proofread_counts_and_digests_and_refuses_a_file_that_is_not_a_document(chain):
    found = proofing.proofread(chain.drafter, text="学习习近平新时代中国特色主义思想。")
    assert found["political_errors"] == 1 and found["error_count"] >= 1
    assert found["sha256"] == proofing.sha256_text(found["text"]) and found["category_counts"]["政治"] >= 1
    with pytest.raises(InvalidInput):
        proofing.proofread(chain.drafter, data=b"PK\x03\x04 broken", name="稿件.docx")
