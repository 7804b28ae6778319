"""Qinglian offline proofreading engine for 党政机关公文 (no Django, no network).

from qinglian.proofread import check_text, check_docx, Options
issues = check_text("……", options=Options(whitelist=["某某集团"]))
"""

from .engine import check_text, warm_up
from .errors import (
    CorruptDocumentError,
    EmptyInputError,
    EncodingError,
    EncryptedDocumentError,
    InputTooLargeError,
    ProofreadError,
    UnsupportedFormatError,
    ZipBombError,
)
from .model import Category, DocxReport, Issue, Options, Severity


def check_docx(data_or_path, *, options: Options | None = None) -> DocxReport:
    """Check a .docx given as a path or bytes: text checks plus GB/T 9704 layout checks."""
    from .docx_check import check_docx as _check_docx

    return _check_docx(data_or_path, options=options)


def check_file(path, *, options: Options | None = None) -> DocxReport:
    """Check a .txt or .docx file (chosen by content, not by the file name)."""
    from .docx_check import check_file as _check_file

    return _check_file(path, options=options)


def annotate_docx(
    data_or_path,
    issues=None,
    *,
    options: Options | None = None,
    author: str = "清廉校对",
    apply_fixes: bool = False,
    tracked: bool = False,
    when=None,
) -> bytes:
    """Return the .docx with a Word comment at each issue, or with the given issues' fixes applied —
    as tracked changes (w:del/w:ins by `author` at `when`) when `tracked`. Pass only the fixes the user
    accepted: every issue handed in with a suggestion is applied."""
    from .docx_comments import annotate_docx as _annotate

    return _annotate(
        data_or_path, issues, options=options, author=author, apply_fixes=apply_fixes, tracked=tracked, when=when
    )


def text_to_docx(text: str) -> bytes:
    """A GB/T 9704-style .docx whose paragraphs are the lines of `text` (pasted text gets the same
    commented and fixed copies as an upload)."""
    from .text_docx import text_to_docx as _text_to_docx

    return _text_to_docx(text)


__all__ = [
    "Category",
    "CorruptDocumentError",
    "DocxReport",
    "EmptyInputError",
    "EncodingError",
    "EncryptedDocumentError",
    "InputTooLargeError",
    "Issue",
    "Options",
    "ProofreadError",
    "Severity",
    "UnsupportedFormatError",
    "ZipBombError",
    "annotate_docx",
    "check_docx",
    "check_file",
    "check_text",
    "text_to_docx",
    "warm_up",
]
