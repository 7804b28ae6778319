"""The highlighted text is built from offsets and escaped piece by piece (no database)."""

from __future__ import annotations

from qinglian.docreview.highlight import highlighted_html, whitelist_phrase


def _issue(start: int, end: int, category: str = "标点", message: str = "问题") -> dict:
    return {"start": start, "end": end, "category": category, "message": message, "text": ""}


def test_it_marks_the_span_and_escapes_the_document_text():
    text = "<script>alert(1)</script>,好"
    html = str(highlighted_html(text, [_issue(25, 26, message='"><b>')], {}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a class="dr-mark dr-punct ' in html and 'href="#issue-0"' in html
    assert "&quot;&gt;&lt;b&gt;" in html  # the message, used as a title, is escaped too


def test_overlapping_issues_cut_the_text_without_losing_characters():
    text = "以习近平总书记为核心的党中央"
    html = str(highlighted_html(text, [_issue(0, 14, "政治"), _issue(3, 7, "文字")], {}))
    assert html.count("dr-mark") == 3
    stripped = "".join(part.split(">", 1)[-1] for part in html.split("</a>"))
    assert all(ch in stripped for ch in text)


def test_settled_marks_are_shown_as_settled():
    html = str(highlighted_html("甲,乙", [_issue(1, 2)], {"0": "ignored"}))
    assert "dr-settled" in html


def test_a_one_character_issue_is_whitelisted_with_its_context_not_alone():
    text = "第一行\n各单位要认真学习,抓好落实。"
    start = text.index(",")
    assert whitelist_phrase(text, {"start": start, "end": start + 1}) == "真学习,抓好落"
    assert whitelist_phrase("某某集团来访", {"start": 0, "end": 4}) == "某某集团"


def test_the_context_stays_within_the_line():
    assert whitelist_phrase("甲\n,乙", {"start": 2, "end": 3}) == ",乙"
