"""check_docx / check_file: safe loading, text checks on the extracted text, layout checks."""

from __future__ import annotations

import bisect
import dataclasses
import os

from .docx_layout import check_paragraphs, check_sections, find_title
from .docx_model import DocModel, StyleResolver, build_model, open_document
from .engine import _cap, _filter, check_text
from .errors import ProofreadError, UnsupportedFormatError
from .inputs import decode_text, load_docx_bytes, read_bytes, sniff
from .model import DEFAULT_OPTIONS, DocxReport, Issue, Options


def load_model(data_or_path, options: Options) -> DocModel:
    data = load_docx_bytes(data_or_path, options)
    return build_model(open_document(data))


def _locate(model: DocModel, issues: list[Issue]) -> list[Issue]:
    out = []
    for issue in issues:
        if issue.start == issue.end == 0 and issue.rule.startswith("LAY-") and issue.paragraph is None:
            out.append(issue)  # document-level finding
            continue
        pi, ri = model.locate(issue.start)
        out.append(dataclasses.replace(issue, paragraph=pi, run=ri if ri >= 0 else None))
    return out


def check_model(model: DocModel, options: Options) -> DocxReport:
    text = model.text
    if len(text) > options.max_text_chars:
        from .errors import InputTooLargeError

        raise InputTooLargeError(f"文档文字过多（{len(text)} 字符），超过上限 {options.max_text_chars} 字符")
    resolver = StyleResolver(model.document)
    title = find_title(model, resolver)
    issues = check_text(text, options=options, title_line=title)
    layout = check_sections(model, text) + check_paragraphs(model, text, title)
    issues += _cap(_filter(layout, text, options), options.max_issues_per_rule)
    issues.sort(key=lambda i: (i.start, i.end, i.rule))
    return DocxReport(text=text, paragraphs=tuple(p.text for p in model.paras), issues=tuple(_locate(model, issues)))


def check_docx(data_or_path, *, options: Options | None = None) -> DocxReport:
    options = options or DEFAULT_OPTIONS
    return check_model(load_model(data_or_path, options), options)


def check_file(data_or_path, *, options: Options | None = None) -> DocxReport:
    """A .docx or a plain-text file, recognised by content (a renamed file is still handled)."""
    options = options or DEFAULT_OPTIONS
    data = read_bytes(data_or_path, options)
    kind = sniff(data)
    if kind in ("docx", "ole"):
        return check_docx(data, options=options)
    if isinstance(data_or_path, (str, os.PathLike)) and str(data_or_path).lower().endswith((".docx", ".docm", ".doc")):
        raise UnsupportedFormatError("扩展名为 Word 文档，但内容不是 .docx（可能是改了扩展名的其他文件）")
    text = decode_text(data)
    if not text.strip():
        from .errors import EmptyInputError

        raise EmptyInputError("文件为空，没有可校对的内容")
    issues = check_text(text, options=options)
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    located = [dataclasses.replace(i, paragraph=max(0, bisect.bisect_right(starts, i.start) - 1)) for i in issues]
    return DocxReport(text=text, paragraphs=tuple(text.split("\n")), issues=tuple(located))


__all__ = ["ProofreadError", "check_docx", "check_file", "load_model"]
