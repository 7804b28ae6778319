"""The checked text as HTML with each issue's span marked, built from offsets and escaped piece by piece.

Nothing of the document is ever marked safe unescaped: every piece of text goes through `escape`, and the
only markup is ours. Overlapping issues are handled by cutting the text at every start and end.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from qinglian.docreview.choices import CATEGORY_CLASSES, Decision

ERROR = "错误"


def is_error(issue: dict[str, Any]) -> bool:
    """An error (shown) rather than a suggestion (folded away). The engine sets severity from confidence
    (错误 at ≥ 0.8); a check stored before findings had a confidence keeps the severity it had."""
    return issue.get("severity") == ERROR


def _boundaries(text: str, issues: list[dict[str, Any]]) -> list[int]:
    cuts = {0, len(text)}
    for issue in issues:
        if issue["end"] > issue["start"]:
            cuts.update((max(0, min(issue["start"], len(text))), max(0, min(issue["end"], len(text)))))
    return sorted(cuts)


def _covering(index_spans: list[tuple[int, int, int]], start: int, end: int) -> list[int]:
    return [i for i, s, e in index_spans if s <= start and end <= e]


def highlighted_html(text: str, issues: list[dict[str, Any]], decisions: dict[str, str]) -> SafeString:
    spans = [(i, d["start"], d["end"]) for i, d in enumerate(issues) if d["end"] > d["start"]]
    cuts = _boundaries(text, issues)
    parts: list[str] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        covering = _covering(spans, start, end)
        if not covering:
            parts.append(escape(piece))
            continue
        parts.append(_mark(piece, covering, issues, decisions))
    return mark_safe("".join(parts))  # every piece above is escaped or built by format_html


def _mark(piece: str, covering: list[int], issues: list[dict[str, Any]], decisions: dict[str, str]) -> str:
    first = covering[0]
    category = CATEGORY_CLASSES.get(issues[first]["category"], "dr-other")
    states = {decisions.get(str(i), "") for i in covering}
    # A span is shown as settled only when every issue on it is settled; one with suggestions only is marked
    # lightly, since suggestions are folded away below.
    state = "dr-settled" if "" not in states else ""
    if not any(is_error(issues[i]) for i in covering):
        state += " dr-soft"
    title = "；".join(issues[i]["message"] for i in covering)
    return format_html(
        '<a class="dr-mark {} {}" href="#issue-{}" data-issue="{}" title="{}">{}</a>',
        category,
        state,
        first,
        first,
        title,
        piece,
    )


def issue_rows(issues: list[dict[str, Any]], decisions: dict[str, str]) -> list[dict[str, Any]]:
    """The issues with their index, decision and CSS class, for the side list."""
    labels = dict(Decision.choices)
    return [
        {
            **issue,
            "index": index,
            "decision": decisions.get(str(index), ""),
            "decision_label": labels.get(decisions.get(str(index), ""), ""),
            "css": CATEGORY_CLASSES.get(issue["category"], "dr-other"),
            "located": issue["end"] > issue["start"],
            "is_error": is_error(issue),
            "fixable": issue.get("suggestion") is not None and issue["end"] > issue["start"],
            # Checks stored before findings had a confidence or an entry show neither.
            "confidence_pct": _percent(issue.get("confidence")),
            "entry": issue.get("entry") or "",
        }
        for index, issue in enumerate(issues)
    ]


def _percent(confidence: Any) -> int | None:
    return round(float(confidence) * 100) if isinstance(confidence, (int, float)) else None


def whitelist_phrase(text: str, issue: dict[str, Any], *, context: int = 3) -> str:
    """The phrase to whitelist for "本机关不再提示".

    The engine drops an issue lying inside a whitelisted phrase anywhere in a text. Whitelisting a bare
    "," or one character would silence that rule everywhere, so a span shorter than two characters is
    taken with up to `context` characters either side, within its own line.
    """
    start, end = issue["start"], issue["end"]
    if len(text[start:end].strip()) >= 2:
        return text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return text[max(line_start, start - context) : min(line_end, end + context)]
