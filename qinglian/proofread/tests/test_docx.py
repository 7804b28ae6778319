"""Layout checks, comments round-trip and fixes on .docx files generated with python-docx."""

import io

import docx
import pytest
from docx.shared import RGBColor

from qinglian.core.tests.office import libreoffice  # noqa: F401
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


# --- fixes as tracked changes, and the .docx of pasted text ------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _one_fix(data: bytes):
    return [i for i in check_docx(data).issues if i.rule == "PUNC-001"]


def test_tracked_fix_is_a_deletion_and_an_insertion_with_author_and_date():
    import datetime as dt

    data = make_docx(extra_body=("其它事项,另行通知。",))
    when = dt.datetime(2025, 3, 5, 9, 30, tzinfo=dt.UTC)
    out = annotate_docx_tracked(data, _one_fix(data), author="清廉校对·张三", when=when)
    body = docx.Document(io.BytesIO(out)).element.body
    deletions, insertions = body.findall(f".//{W}del"), body.findall(f".//{W}ins")
    assert len(deletions) == len(insertions) == 1
    for mark in (deletions[0], insertions[0]):
        assert mark.get(f"{W}author") == "清廉校对·张三" and mark.get(f"{W}date") == "2025-03-05T09:30:00Z"
    assert deletions[0].get(f"{W}id") != insertions[0].get(f"{W}id")
    # The old text is w:delText (w:t inside w:del is not valid), the new run sits right after the deletion.
    assert [t.text for t in deletions[0].iter(f"{W}delText")] == [","] and not deletions[0].findall(f".//{W}t")
    assert deletions[0].getnext() is insertions[0]
    assert "".join(t.text for t in insertions[0].iter(f"{W}t")) == "，"
    # Seen as Word shows the document with the change accepted: the insertion counts, the deletion does not.
    paragraph = insertions[0].getparent()
    accepted = "".join(t.text for t in paragraph.iter(f"{W}t"))
    assert accepted == "其它事项，另行通知。"


def test_tracked_insertion_keeps_the_formatting_of_the_text_it_replaces():
    doc = docx.Document()
    run = doc.add_paragraph().add_run("各单位要认真学习,抓好落实。")
    run.bold = True
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    fixed = annotate_docx_tracked(data, _one_fix(data))
    inserted = docx.Document(io.BytesIO(fixed)).element.body.find(f".//{W}ins/{W}r")
    assert inserted.find(f"{W}rPr/{W}b") is not None


def test_a_deletion_suggestion_is_a_deletion_only():
    from qinglian.proofread import Category, Issue, Severity

    data = make_docx(extra_body=("请各单位认真认真落实。",))
    report = check_docx(data)
    start = report.text.index("认真认真") + 2
    paragraph = next(n for n, p in enumerate(report.paragraphs) if "认真认真" in p)
    issue = Issue(start, start + 2, Category.WORDING, Severity.ERROR, "重复", "", "X", "", "认真", paragraph)
    body = docx.Document(io.BytesIO(annotate_docx_tracked(data, [issue]))).element.body
    assert len(body.findall(f".//{W}del")) == 1 and not body.findall(f".//{W}ins")


def test_a_fix_whose_text_no_longer_matches_is_not_applied():
    import dataclasses

    data = make_docx(extra_body=("其它事项,另行通知。",))
    stale = [dataclasses.replace(i, text="。") for i in _one_fix(data)]
    assert annotate_docx_tracked(data, stale).count(b"w:del ") == 0
    plain = annotate_docx(data, stale, apply_fixes=True)
    assert "其它事项,另行通知。" in [p.text for p in docx.Document(io.BytesIO(plain)).paragraphs]


def test_revision_ids_follow_those_already_in_the_document():
    data = make_docx(extra_body=("其它事项,另行通知。",))
    commented = annotate_docx(data, _one_fix(data))  # comment ranges carry w:id 0…
    fixed = annotate_docx_tracked(commented, _one_fix(commented))
    body = docx.Document(io.BytesIO(fixed)).element.body
    comments = {int(v) for v in body.xpath(".//w:commentRangeStart/@w:id")}
    revisions = [int(v) for v in body.xpath(".//w:ins/@w:id | .//w:del/@w:id")]
    assert len(revisions) == len(set(revisions)) == 2 and min(revisions) > max(comments)


def annotate_docx_tracked(data: bytes, issues, **kwargs) -> bytes:
    from qinglian.proofread.docx_comments import annotate_docx as annotate

    return annotate(data, issues, apply_fixes=True, tracked=True, **kwargs)


TEXT = (
    "关于加强机关作风建设的通知\n各委室：\n　　为深入贯彻落实党的二十大精神,现通知如下。\n"
    "一、总体要求\n（一）加强领导。\n\n\t尾\x0b巴\n2024年3月5日"
)


def test_the_docx_of_pasted_text_has_the_same_text_and_the_layout_of_gbt_9704():
    from qinglian.proofread.docx_model import build_model, open_document
    from qinglian.proofread.text_docx import safe_text, text_to_docx

    data = text_to_docx(TEXT)
    model = build_model(open_document(data))
    assert model.text == safe_text(TEXT) == TEXT.replace("\x0b", " ")
    assert not [i.rule for i in check_docx(data).issues if i.rule.startswith("LAY-")]
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    assert paragraphs[0].alignment == 1 and font_family(paragraphs[0].runs[0].font.name) == "xiaobiaosong"


def test_findings_on_pasted_text_land_on_their_words_in_its_docx():
    from qinglian.proofread import check_text
    from qinglian.proofread.text_docx import text_to_docx

    issues = [i for i in check_text(TEXT) if i.rule == "PUNC-001"]
    assert issues and issues[0].paragraph is None  # plain text: offsets only
    data = text_to_docx(TEXT)
    commented = docx.Document(io.BytesIO(annotate_docx(data, issues)))
    xml = commented.element.xml
    start = xml.index("commentRangeStart")
    assert ",</w:t>" in xml[start : xml.index("commentRangeEnd", start)]
    fixed = annotate_docx(data, issues, apply_fixes=True)
    assert "　　为深入贯彻落实党的二十大精神，现通知如下。" in [
        p.text for p in docx.Document(io.BytesIO(fixed)).paragraphs
    ]


def test_libreoffice_opens_the_tracked_copy_and_keeps_the_changes(libreoffice, tmp_path):  # noqa: F811
    import subprocess
    import zipfile

    from qinglian.core.tests.office import pdf_pages

    data = make_docx(extra_body=("其它事项,另行通知。",))
    path = tmp_path / "tracked.docx"
    path.write_bytes(annotate_docx_tracked(data, _one_fix(data), author="清廉校对"))
    [pdf] = libreoffice([path])
    # Shown with changes visible (the default): the old comma and the new one side by side.
    assert "其它事项,，另行通知" in "".join("".join(page) for page in pdf_pages(pdf)).replace(" ", "")
    # Saved again by LibreOffice as .docx, the change is still a reviewable w:del/w:ins pair by our author.
    soffice = subprocess.run(["which", "soffice"], capture_output=True, text=True).stdout.strip()
    out = tmp_path / "again"
    env_home = tmp_path / "home"
    convert = ["--convert-to", "docx", "--outdir", str(out), str(path)]
    subprocess.run(
        [soffice, f"-env:UserInstallation={(env_home / 'profile').as_uri()}", "--headless", "--norestore", *convert],
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(env_home), "PATH": "/usr/bin:/bin"},
    )
    with zipfile.ZipFile(out / "tracked.docx") as zf:
        xml = zf.read("word/document.xml").decode()
    assert "<w:del " in xml and "<w:ins " in xml and 'w:author="清廉校对"' in xml
