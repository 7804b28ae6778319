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
    data_or_path, issues=None, *, options: Options | None = None, author: str = "清廉校对", apply_fixes: bool = False
) -> bytes:
    """Return the .docx with a Word comment at each issue (and the fixes applied if asked)."""
    from .docx_comments import annotate_docx as _annotate

    return _annotate(data_or_path, issues, options=options, author=author, apply_fixes=apply_fixes)


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
    "warm_up",
]
