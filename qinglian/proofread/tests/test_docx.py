"""Layout checks, comments round-trip and fixes on .docx files generated with python-docx."""

import io

import docx
import pytest
from docx.shared import RGBColor

from qinglian.proofread import annotate_docx, check_docx
from qinglian.proofread.docx_layout import font_family
from qinglian.proofread.sample_docx import make_docx


def rules(data: bytes) -> list[str]:
    return [i.rule for i in check_docx(data).issues]


def test_standard_document_is_clean():
    assert rules(make_docx()) == []


def test_direct_run_fonts_are_accepted_too():
    report = check_docx(make_docx(body_via_style=False, body_font="FangSong"))
    body = [i for i in report.issues if i.rule == "LAY-006"]
    # Only the 主送机关 line (no direct font, Normal style = Calibri 11 pt) is reported.
    assert [report.paragraphs[i.paragraph] for i in body] == ["各区人大常委会，市人大常委会各工作机构："]
    # The grid is computed from the Normal style's 11 pt, so it yields about 40 characters a line.
    assert "LAY-004" in [i.rule for i in report.issues]


@pytest.mark.parametrize(
    "kwargs,rule",
    [
        ({"top_mm": 25}, "LAY-002"),
        ({"left_mm": 31}, "LAY-002"),
        ({"right_mm": 20}, "LAY-002"),
        ({"page_numbers": False}, "LAY-008"),
        ({"title_font": "黑体"}, "LAY-005"),
        ({"body_font": "宋体"}, "LAY-006"),
        ({"body_size": 14}, "LAY-006"),
        ({"h1_font": "宋体"}, "LAY-007"),
        ({"h2_font": "仿宋"}, "LAY-007"),
        ({"body_color": RGBColor(0xFF, 0, 0)}, "LAY-009"),
    ],
)
def test_layout_violation_is_reported(kwargs, rule):
    assert rule in rules(make_docx(**kwargs))


def test_margin_within_tolerance_passes():
    assert rules(make_docx(top_mm=37.9, left_mm=27.2)) == []


def test_paper_size_and_grid():
    doc = docx.Document(io.BytesIO(make_docx()))
    from docx.shared import Mm

    doc.sections[0].page_width = Mm(216)
    doc.sections[0].page_height = Mm(279)
    out = io.BytesIO()
    doc.save(out)
    assert "LAY-001" in rules(out.getvalue())


def test_font_aliases():
    assert font_family("仿宋_GB2312") == font_family("FangSong") == font_family("方正仿宋_GBK") == "fangsong"
    assert font_family("方正小标宋简体") == "xiaobiaosong"
    assert font_family("Times New Roman") is None


def test_text_issue_has_paragraph_and_run():
    data = make_docx(extra_body=("其它事项,另行通知。",))
    report = check_docx(data)
    issue = next(i for i in report.issues if i.rule == "PUNC-001")
    assert report.paragraphs[issue.paragraph][issue.start - report.text.index("其它事项")] == ","
    assert issue.run == 0


def test_comments_round_trip_and_layout_untouched():
    data = make_docx(extra_body=("其它事项,另行通知。",))
    report = check_docx(data)
    out = annotate_docx(data, list(report.issues))
    doc = docx.Document(io.BytesIO(out))
    comments = list(doc.comments)
    assert len(comments) == len(report.issues) == 2
    assert any("PUNC-001" in c.text for c in comments)
    # Text is unchanged, and the comment is anchored on exactly the flagged character.
    assert [p.text for p in doc.paragraphs] == [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    xml = doc.element.xml
    start = xml.index("commentRangeStart")
    assert "其它" in xml[start : xml.index("commentRangeEnd", start)]
    # Same findings after the round trip (run indexes change where runs were split).
    key = lambda i: (i.start, i.end, i.rule, i.paragraph)  # noqa: E731
    assert [key(i) for i in check_docx(out).issues] == [key(i) for i in report.issues]


def test_fixed_copy_applies_suggestions():
    data = make_docx(extra_body=("其它事项,另行通知。",))
    fixed = annotate_docx(data, apply_fixes=True)
    texts = [p.text for p in docx.Document(io.BytesIO(fixed)).paragraphs]
    assert "其他事项，另行通知。" in texts
    assert rules(fixed) == []
