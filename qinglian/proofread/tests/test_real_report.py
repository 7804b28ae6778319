"""A real 30-page report, as a drafter would get it back (issue #15 "Done when").

The 2009 government work report (eval/clean/dev/, published text: 19,798 characters, about 30 pages of GB/T 9704's
22 lines × 28 characters) is turned into a .docx and checked as the organ would check a draft dated the day it was
delivered. Every finding it shows was reviewed by hand; REVIEWED lists them with the verdict. A new finding fails
this test until someone reviews it — so a change that starts crying wolf on published text is caught here.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

from qinglian.proofread import Options, Severity, annotate_docx, check_docx, text_to_docx
from qinglian.proofread.evaluate import EVAL_DIR

REPORT = EVAL_DIR / "clean" / "dev" / "政府工作报告_2009.txt"
OPTIONS = Options(document_date=dt.date(2009, 3, 5), today=dt.date(2026, 12, 7))

# (rule, flagged text, suggestion): the errors shown by default, each reviewed — a drafter accepts every one.
REVIEWED: set[tuple[str, str, str | None]] = set()


def _report_docx() -> bytes:
    lines = [ln for ln in REPORT.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return text_to_docx("\n".join(lines))


def test_a_real_report_shows_only_findings_a_drafter_accepts():
    data = _report_docx()
    report = check_docx(data, options=OPTIONS)
    assert len(report.text) > 19_000
    shown = {(i.rule, i.text, i.suggestion) for i in report.issues if i.severity is Severity.ERROR}
    assert shown == REVIEWED
    # Layout: text_to_docx writes GB/T 9704's page, so the layout checks find nothing to say.
    assert not [i for i in report.issues if i.rule.startswith("LAY-")]


def test_the_commented_copy_carries_one_comment_per_shown_finding():
    data = _report_docx()
    report = check_docx(data, options=OPTIONS)
    errors = [i for i in report.issues if i.severity is Severity.ERROR]
    commented = annotate_docx(data, errors, options=OPTIONS)
    with zipfile.ZipFile(BytesIO(commented)) as zf:
        names = zf.namelist()
        comments = zf.read("word/comments.xml").decode() if "word/comments.xml" in names else ""
    assert comments.count("<w:comment ") == len(errors)
