"""The only place the Django app talks to the engine: options, limits, warm-up and error mapping.

The engine (qinglian.proofread) knows nothing of Django; this module turns an organ's terms and the
site's settings into its `Options`, runs it, and turns its `ProofreadError`s into QinglianErrors.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from qinglian import proofread
from qinglian.core.errors import InvalidInput, QinglianError
from qinglian.docreview.choices import TermKind
from qinglian.proofread import docx_comments, text_docx

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_warm_lock = threading.Lock()
_warm = False


class TooLarge(QinglianError):
    """413: the upload or text passes a configured limit."""

    code = "too_large"
    status = 413


def max_bytes() -> int:
    return int(getattr(settings, "QINGLIAN_PROOFREAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def too_big_message(limit: int | None = None) -> str:
    limit = max_bytes() if limit is None else limit
    shown = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"
    return f"文件超过大小上限（{shown}），请拆分后再校对"


def ensure_warm() -> None:
    """Build the engine's automata once per process, on first use: start-up stays fast."""
    global _warm
    if _warm:
        return
    with _warm_lock:
        if not _warm:
            proofread.warm_up()
            _warm = True


def build_options(
    terms: Iterable[tuple[str, str, str]],
    *,
    min_severity: str,
    document_date: dt.date | None = None,
    own_words: Iterable[str] = (),
) -> proofread.Options:
    """`terms` are (kind, text, replacement) rows of the organ's live OrganTerms; `own_words` the organ's own
    names (its units, its people, the deputies), whitelisted with the organ's whitelist."""
    extra, banned, white = {}, {}, list(own_words)
    for kind, text, replacement in terms:
        if kind == TermKind.TERM and replacement:
            extra[text] = replacement
        elif kind == TermKind.BANNED:
            banned[text] = replacement or None
        elif kind == TermKind.WHITELIST:
            white.append(text)
    limit = max_bytes()
    return proofread.Options(
        extra_terms=extra,
        banned_words=banned,
        whitelist=white,
        min_severity=min_severity,
        document_date=document_date,
        max_file_bytes=limit,
        # A text in the page or API is at most as long as a file we would accept.
        max_text_chars=int(getattr(settings, "QINGLIAN_PROOFREAD_MAX_CHARS", limit // 2)),
    )


@dataclass(frozen=True)
class Outcome:
    text: str
    issues: list[dict[str, Any]]
    is_docx: bool
    duration_ms: int


def _as_qinglian(exc: proofread.ProofreadError) -> QinglianError:
    if isinstance(exc, proofread.InputTooLargeError):
        return TooLarge(str(exc), detail={"kind": type(exc).__name__})
    return InvalidInput(str(exc), detail={"kind": type(exc).__name__})


def run_text(text: str, options: proofread.Options) -> Outcome:
    if not text.strip():
        raise InvalidInput("请粘贴要校对的文字", detail={"kind": "EmptyInputError"})
    ensure_warm()
    started = time.perf_counter()
    try:
        issues = proofread.check_text(text, options=options)
    except proofread.ProofreadError as exc:
        raise _as_qinglian(exc) from None
    return Outcome(text, [i.to_dict() for i in issues], False, _ms(started))


def run_file(data: bytes, name: str, options: proofread.Options) -> Outcome:
    """A .txt or .docx judged by content; a file named .docx/.doc that is not a .docx is refused."""
    ensure_warm()
    started = time.perf_counter()
    try:
        _refuse_renamed(data, name)
        report = proofread.check_file(data, options=options)
    except proofread.ProofreadError as exc:
        raise _as_qinglian(exc) from None
    is_docx = data.startswith(b"PK\x03\x04")
    return Outcome(report.text, [i.to_dict() for i in report.issues], is_docx, _ms(started))


def _refuse_renamed(data: bytes, name: str) -> None:
    # The engine checks the name only for paths; an upload arrives as bytes, so the same check is made here.
    if (
        name.lower().endswith((".docx", ".docm", ".doc"))
        and data.strip()
        and not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))
    ):
        raise proofread.UnsupportedFormatError("扩展名为 Word 文档，但内容不是 .docx（可能是改了扩展名的其他文件）")


def annotate(
    data: bytes,
    issues: list[dict[str, Any]],
    *,
    apply_fixes: bool,
    tracked: bool = False,
    author: str = "清廉校对",
    when: dt.datetime | None = None,
) -> bytes:
    """Comments at the issues, or their fixes applied (as tracked changes by `author` at `when` if `tracked`)."""
    try:
        return docx_comments.annotate_docx(
            data,
            [issue_from_dict(i) for i in issues],
            apply_fixes=apply_fixes,
            tracked=tracked,
            author=author,
            when=when,
        )
    except proofread.ProofreadError as exc:
        raise _as_qinglian(exc) from None


def text_as_docx(text: str) -> bytes:
    """Pasted text (or a .txt) as a plain GB/T 9704-style .docx whose text is the checked text, offset for offset."""
    return text_docx.text_to_docx(text)


def issue_from_dict(data: dict[str, Any]) -> proofread.Issue:
    return proofread.Issue(
        start=data["start"],
        end=data["end"],
        category=proofread.Category(data["category"]),
        severity=proofread.Severity(data["severity"]),
        message=data["message"],
        suggestion=data["suggestion"],
        rule=data["rule"],
        basis=data["basis"],
        text=data.get("text", ""),
        paragraph=data.get("paragraph"),
        run=data.get("run"),
        # A check stored before findings had a confidence: as sure as its severity says.
        confidence=data.get("confidence", 0.95 if data["severity"] == proofread.Severity.ERROR.value else 0.6),
        entry=data.get("entry", ""),
    )


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
