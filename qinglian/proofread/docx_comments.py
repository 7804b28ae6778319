"""Write the findings back into the .docx as Word comments, or apply the suggested fixes.

Runs are split only at an issue's boundaries and only when the run holds plain text (w:t,
w:tab, w:br); the split copies keep their w:rPr, so the layout is untouched.

A fix is applied only where the runs cover exactly the flagged text (a field or a drawing in the way, or
a document that no longer matches the finding, leaves it out), either in place or as a tracked change
(w:del of the old runs, w:ins of a run with the same formatting) with an author and a date, which the
drafter accepts or rejects one by one in Word or WPS.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import io

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
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
    source = f"{issue.rule}，条目 {issue.entry}" if issue.entry else issue.rule
    parts.append(f"依据：{issue.basis}（{source}）")
    return "；".join(parts)


def _first_text_para(model: DocModel) -> ParaInfo | None:
    return next((p for p in model.paras if p.text.strip() and p.runs), None)


def add_comments(model: DocModel, issues: list[Issue], author: str) -> int:
    document = model.document
    added = 0
    for issue in sorted(_located(model, issues), key=lambda i: (i.start, i.end)):
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


def _located(model: DocModel, issues: list[Issue]) -> list[Issue]:
    """Findings made on plain text (pasted text, a .txt) carry offsets only: place them in the paragraphs."""
    out = []
    for issue in issues:
        if issue.paragraph is None and issue.end > issue.start and model.paras:
            pi, ri = model.locate(issue.start)
            issue = dataclasses.replace(issue, paragraph=pi, run=ri if ri >= 0 else None)
        out.append(issue)
    return out


def _fixable(issues: list[Issue]) -> list[Issue]:
    """The fixes to make, in document order; overlapping fixes after the first are skipped."""
    chosen: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        if issue.suggestion is None or issue.paragraph is None or issue.start == issue.end:
            continue
        if chosen and issue.start < chosen[-1].end:
            continue
        chosen.append(issue)
    return chosen


def _exact_runs(model: DocModel, issue: Issue) -> tuple[ParaInfo, list[Run]] | None:
    """The runs holding exactly the issue's text, or None when they cannot (a field in the way, stale offsets)."""
    if not 0 <= issue.paragraph < len(model.paras):
        return None
    p = model.paras[issue.paragraph]
    start, end = issue.start - p.start, issue.end - p.start
    current = "".join(r.text for r in p.runs)
    if not 0 <= start < end <= len(current) or (issue.text and current[start:end] != issue.text):
        return None
    runs = _runs_for(p, start, end)
    if not runs or "".join(r.text for r in runs) != current[start:end]:
        return None
    return p, runs


class _Revisions:
    """w:ins / w:del marks of one author and time, numbered after every w:id already in the document."""

    def __init__(self, model: DocModel, author: str, when: _dt.datetime | None) -> None:
        ids = [int(v) for v in model.document.element.body.xpath(".//@w:id") if str(v).lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.author = author
        when = when or _dt.datetime.now(_dt.UTC)
        if when.tzinfo is not None:
            when = when.astimezone(_dt.UTC)
        self.date = when.replace(microsecond=0, tzinfo=None).isoformat() + "Z"

    def mark(self, tag: str) -> BaseOxmlElement:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element

    def replace(self, runs: list[Run], suggestion: str) -> None:
        """Wrap the runs in w:del (their text becomes w:delText) and put the suggestion after them in w:ins."""
        last = None
        for group in _sibling_groups([r._r for r in runs]):
            deletion = self.mark("w:del")
            group[0].addprevious(deletion)
            for r in group:
                deletion.append(r)
                for t in r.findall(qn("w:t")):
                    deleted = OxmlElement("w:delText")
                    deleted.set(qn("xml:space"), "preserve")
                    deleted.text = t.text
                    t.addprevious(deleted)
                    r.remove(t)
            last = deletion
        if suggestion and last is not None:
            insertion = self.mark("w:ins")
            new_run = OxmlElement("w:r")
            rpr = runs[0]._r.find(qn("w:rPr"))
            if rpr is not None:
                new_run.append(copy.deepcopy(rpr))
            text = OxmlElement("w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = suggestion
            new_run.append(text)
            insertion.append(new_run)
            last.addnext(insertion)


def _sibling_groups(elements: list) -> list[list]:
    """Consecutive runs under one parent, each group to be wrapped in one w:del."""
    groups: list[list] = []
    for element in elements:
        if groups and groups[-1][-1].getnext() is element:
            groups[-1].append(element)
        else:
            groups.append([element])
    return groups


def fix_model(
    model: DocModel,
    issues: list[Issue],
    *,
    tracked: bool = False,
    author: str = "清廉校对",
    when: _dt.datetime | None = None,
) -> int:
    """Replace each issue's span by its suggestion, in place or as a tracked change; returns how many were made."""
    revisions = _Revisions(model, author, when) if tracked else None
    made = 0
    # From the end of the document backwards: a change never moves the offsets of the ones still to make.
    for issue in reversed(_fixable(_located(model, issues))):
        found = _exact_runs(model, issue)
        if found is None:
            continue
        p, runs = found
        if revisions is not None:
            revisions.replace(runs, issue.suggestion)
        else:
            runs[0].text = issue.suggestion
            for r in runs[1:]:
                r.text = ""
        _refresh(p)
        made += 1
    return made


def annotate_docx(
    data_or_path,
    issues=None,
    *,
    options: Options | None = None,
    author: str = "清廉校对",
    apply_fixes: bool = False,
    tracked: bool = False,
    when: _dt.datetime | None = None,
) -> bytes:
    """The document with comments (apply_fixes=False) or with the suggested fixes applied — as tracked
    changes by `author` at `when` (default now) when `tracked`."""
    options = options or DEFAULT_OPTIONS
    model = load_model(data_or_path, options)
    if issues is None:
        issues = list(check_model(model, options).issues)
    if apply_fixes:
        fix_model(model, list(issues), tracked=tracked, author=author, when=when)
    else:
        add_comments(model, list(issues), author)
    out = io.BytesIO()
    model.document.save(out)
    return out.getvalue()
