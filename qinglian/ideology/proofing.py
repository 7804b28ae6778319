"""The proofreading engine in the loop of a piece's review: run it on a version, count what it found, name each
finding so it can be followed from one version to the next, and show what changed between two versions.

A finding's key is independent of its offsets (rule, matched text, suggestion, and its occurrence among findings
with the same three): a paragraph inserted above a finding moves it but leaves its key, so an override of a
political finding and the "fixed / new / kept" comparison survive edits elsewhere in the text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings

from qinglian.docreview.services import proofread_for

ERROR = "错误"
POLITICAL = "政治"
KEY_MAX = 300  # PoliticalOverride.issue_key
# Above this many characters on either side a changed block is shown as deleted and inserted whole: a
# character-level comparison of two long unrelated passages costs much and helps no reader.
CHAR_DIFF_LIMIT = 4000
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")

Issue = dict[str, Any]


# --- running the engine ---------------------------------------------------------------------------------------


def sha256_text(text: str) -> str:
    """The digest of a version's text (two versions with the same text are the same version)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def proofread(
    user: Any, *, text: str | None = None, data: bytes | None = None, name: str = "", on: dt.date | None = None
) -> dict[str, Any]:
    """The organ's proofreading of a text or a file's bytes (.txt or .docx), with its counts and the text's
    digest. Bad input (an empty text, a file that is not a document, too large) raises the engine's Chinese
    InvalidInput/TooLarge; nothing is stored."""
    result = proofread_for(user=user, text=text, data=data, name=name, document_date=on)
    errors, political, categories = summarise(result["issues"])
    return {
        **result,
        "error_count": errors,
        "political_errors": political,
        "category_counts": categories,
        "sha256": sha256_text(result["text"]),
    }


def is_error(issue: Issue) -> bool:
    return issue.get("severity") == ERROR


def is_political_error(issue: Issue) -> bool:
    return issue.get("category") == POLITICAL and is_error(issue)


def summarise(issues: Iterable[Issue]) -> tuple[int, int, dict[str, int]]:
    """(errors, political errors, findings per category) of the engine's list."""
    issues = list(issues)
    errors = sum(1 for i in issues if is_error(i))
    political = sum(1 for i in issues if is_political_error(i))
    return errors, political, dict(Counter(str(i.get("category", "")) for i in issues))


# --- keys that survive edits ----------------------------------------------------------------------------------


def _base(issue: Issue) -> str:
    rule, text, suggestion = str(issue.get("rule", "")), str(issue.get("text", "")), issue.get("suggestion")
    readable = f"{rule}|{text}|{'' if suggestion is None else suggestion}"
    if len(readable) <= KEY_MAX - 8:
        return readable
    # A long match (a whole enumeration) is named by its digest so the key fits its column.
    digest = hashlib.sha256(readable.encode("utf-8")).hexdigest()[:24]
    return f"{rule}|#{digest}"


def issue_key(issue: Issue, occurrence: int) -> str:
    """The finding's name across versions: rule, matched text, suggestion and its occurrence (1, 2, …) among
    findings with the same three, in the order of the text."""
    return f"{_base(issue)}|{occurrence}"


def keyed(issues: Sequence[Issue]) -> list[tuple[str, Issue]]:
    """Each finding with its key, in the engine's order (occurrences are counted in the order of the text)."""
    order = sorted(range(len(issues)), key=lambda n: (issues[n].get("start", 0), issues[n].get("end", 0), n))
    seen: Counter[str] = Counter()
    keys: dict[int, str] = {}
    for n in order:
        base = _base(issues[n])
        seen[base] += 1
        keys[n] = issue_key(issues[n], seen[base])
    return [(keys[n], issue) for n, issue in enumerate(issues)]


def overridden_keys(version: Any) -> set[str]:
    return set(version.overrides.values_list("issue_key", flat=True))


def blocking(version: Any) -> list[tuple[str, Issue]]:
    """The version's political errors the final reviewer has not overridden: they block 终审."""
    let_stand = overridden_keys(version)
    return [(k, i) for k, i in keyed(version.issues or []) if is_political_error(i) and k not in let_stand]


def issue_changes(old_version: Any, new_version: Any) -> dict[str, list[Issue]]:
    """What the new version fixed, introduced and kept of the engine's findings (errors and suggestions), each
    finding with its key. `old_version` None (the first version): everything is new."""
    old = dict(keyed(old_version.issues or [])) if old_version is not None else {}
    new = keyed(new_version.issues or [])
    new_keys = {k for k, _ in new}
    return {
        "new": [{**i, "key": k} for k, i in new if k not in old],
        "fixed": [{**i, "key": k} for k, i in old.items() if k not in new_keys],
        "kept": [{**i, "key": k} for k, i in new if k in old],
    }


# --- the text diff --------------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _sentences(text: str) -> list[str]:
    return [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]


def _diff(old: str, new: str, level: int) -> list[tuple[str, str]]:
    """Lines, then sentences within changed lines, then characters within changed sentences."""
    if level == 2:
        if len(old) > CHAR_DIFF_LIMIT or len(new) > CHAR_DIFF_LIMIT:
            return [("delete", old), ("insert", new)]
        a, b = list(old), list(new)
    else:
        split = _lines if level == 0 else _sentences
        a, b = split(old), split(new)
    out: list[tuple[str, str]] = []
    # autojunk would drop the commonest characters (的、，) of a long text and misalign the comparison.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            out.append(("equal", left))
        elif op == "delete":
            out.append(("delete", left))
        elif op == "insert":
            out.append(("insert", right))
        elif level < 2:
            out.extend(_diff(left, right, level + 1))
        else:
            out += [("delete", left), ("insert", right)]
    return out


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change from `old` to `new` as (op, text) runs, op one of equal / insert / delete: lines first, then
    the characters within changed sentences. Adjacent runs of one op are merged; joining the equal and delete
    runs gives `old`, the equal and insert runs `new`."""
    merged: list[tuple[str, str]] = []
    for op, text in _diff(old or "", new or "", 0):
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


# --- the original file ----------------------------------------------------------------------------------------


def storage_root() -> Path:
    """MEDIA_ROOT/ideology: outside the web root; files leave it only through a permission check."""
    return Path(settings.MEDIA_ROOT) / "ideology"


def original_path(organ_id: int, data: bytes) -> Path:
    return storage_root() / str(organ_id) / f"{hashlib.sha256(data).hexdigest()}.docx"


def save_original(organ_id: int, data: bytes) -> tuple[str, bool]:
    """Keep an uploaded .docx (named by its digest: the same file is stored once). Returns the path relative to
    MEDIA_ROOT and whether this call wrote it (the caller removes a file it wrote if its row is not saved)."""
    final = original_path(organ_id, data)
    relative = final.relative_to(Path(settings.MEDIA_ROOT)).as_posix()
    if final.is_file():
        return relative, False
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    partial = final.with_suffix(".part")
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, final)  # the file is either absent or complete
    return relative, True


def original_bytes(version: Any) -> bytes | None:
    """The stored .docx of a version, None when it has none or the file is gone; a stored path that would leave
    MEDIA_ROOT/ideology is refused, whatever the row says."""
    if not version.stored_path:
        return None
    path = (Path(settings.MEDIA_ROOT) / version.stored_path).resolve()
    if not path.is_relative_to(storage_root().resolve()) or not path.is_file():
        return None
    return path.read_bytes()
