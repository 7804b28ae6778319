"""Write the findings back into the .docx as Word comments, or apply the suggested fixes.

Runs are split only at an issue's boundaries and only when the run holds plain text (w:t,
w:tab, w:br); the split copies keep their w:rPr, so the layout is untouched.
"""

from __future__ import annotations

import copy
import io

from docx.oxml.ns import qn
from docx.text.run import Run

from .docx_check import check_model, load_model
from .docx_model import DocModel, ParaInfo, _para_runs
from .model import DEFAULT_OPTIONS, Issue, Options

_PLAIN_CHILDREN = {qn("w:rPr"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")}


def _refresh(p: ParaInfo) -> None:
    p.runs = _para_runs(p.paragraph)
    starts, pos = [], 0
    for run in p.runs:
        starts.append(pos)
        pos += len(run.text)
    p.run_starts = starts


def _split(p: ParaInfo, offset: int) -> None:
    """Make `offset` (inside the paragraph) fall on a run boundary when the run allows it."""
    for k, run in enumerate(p.runs):
        begin, text = p.run_starts[k], run.text
        if begin < offset < begin + len(text):
            if any(child.tag not in _PLAIN_CHILDREN for child in run._r):
                return  # fields, drawings …: comment the whole run instead
            clone = copy.deepcopy(run._r)
            run._r.addnext(clone)
            cut = offset - begin
            run.text = text[:cut]
            Run(clone, run._parent).text = text[cut:]
            _refresh(p)
            return


def _runs_for(p: ParaInfo, start: int, end: int) -> list[Run]:
    """The runs covering [start, end) of the paragraph, splitting at both ends."""
    if not p.runs:
        return []
    _split(p, start)
    _split(p, end)
    covered = [
        r
        for k, r in enumerate(p.runs)
        if p.run_starts[k] < max(end, start + 1) and p.run_starts[k] + len(r.text) > start
    ]
    return covered or [p.runs[min(len(p.runs) - 1, max(0, _run_at(p, start)))]]


def _run_at(p: ParaInfo, offset: int) -> int:
    idx = 0
    for k, s in enumerate(p.run_starts):
        if s <= offset:
            idx = k
    return idx


def comment_text(issue: Issue) -> str:
    parts = [f"【{issue.category.value}·{issue.severity.value}】{issue.message}"]
    if issue.suggestion is not None:
        parts.append("建议删除" if issue.suggestion == "" else f"建议改为“{issue.suggestion}”")
    parts.append(f"依据：{issue.basis}（{issue.rule}）")
    return "；".join(parts)


def _first_text_para(model: DocModel) -> ParaInfo | None:
    return next((p for p in model.paras if p.text.strip() and p.runs), None)


def add_comments(model: DocModel, issues: list[Issue], author: str) -> int:
    document = model.document
    added = 0
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        if issue.paragraph is None:
            p = _first_text_para(model)
            runs = p.runs[:1] if p else []
        else:
            p = model.paras[issue.paragraph]
            runs = _runs_for(p, issue.start - p.start, issue.end - p.start)
        if not runs:
            continue
        document.add_comment(runs, text=comment_text(issue), author=author, initials="QL")
        added += 1
    return added


def fix_model(model: DocModel, issues: list[Issue]) -> int:
    """Replace each issue's span by its suggestion; overlapping fixes after the first are skipped."""
    chosen: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        if issue.suggestion is None or issue.paragraph is None or issue.start == issue.end:
            continue
        if chosen and issue.start < chosen[-1].end:
            continue
        chosen.append(issue)
    for issue in reversed(chosen):
        p = model.paras[issue.paragraph]
        runs = _runs_for(p, issue.start - p.start, issue.end - p.start)
        if not runs:
            continue
        runs[0].text = issue.suggestion
        for r in runs[1:]:
            r.text = ""
        _refresh(p)
    return len(chosen)


def annotate_docx(
    data_or_path, issues=None, *, options: Options | None = None, author: str = "清廉校对", apply_fixes: bool = False
) -> bytes:
    """The document with comments (apply_fixes=False) or with the suggested fixes applied."""
    options = options or DEFAULT_OPTIONS
    model = load_model(data_or_path, options)
    if issues is None:
        issues = list(check_model(model, options).issues)
    if apply_fixes:
        fix_model(model, list(issues))
    else:
        add_comments(model, list(issues), author)
    out = io.BytesIO()
    model.document.save(out)
    return out.getvalue()
