"""Writes of 公文审校: run a check, decide on an issue, whitelist from an issue, keep the organ's terms.

Each service takes keyword-only arguments, runs in one transaction and writes its audit row itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.errors import Conflict, InvalidInput, NotFound
from qinglian.core.writes import stamp
from qinglian.docreview import runner
from qinglian.docreview.choices import CheckSource, Decision, MinSeverity, TermKind
from qinglian.docreview.highlight import is_error, whitelist_phrase
from qinglian.docreview.models import DocumentCheck, OrganTerm
from qinglian.docreview.permissions import require_docreview
from qinglian.docreview.selectors import organ_terms, own_words
from qinglian.org.permissions import scope_of

# The three .docx a check offers: Word comments at the findings; the fixes the user accepted, made in place;
# the same fixes as tracked changes, for the drafter to accept or reject one by one in Word or WPS.
DOWNLOADS = {"commented": "带批注", "fixed": "按采纳修改", "tracked": "修订模式"}


def storage_root() -> Path:
    """MEDIA_ROOT/docreview: outside the web root; files leave it only through a permission check."""
    return Path(settings.MEDIA_ROOT) / "docreview"


def _options(user: Any, organ_id: int, min_severity: str, document_date: dt.date | None):
    if min_severity not in MinSeverity.values:
        raise InvalidInput("提示范围只能是“错误”或“建议”", detail={"min_severity": min_severity})
    return runner.build_options(
        organ_terms(organ_id=organ_id),
        min_severity=min_severity,
        document_date=document_date,
        own_words=own_words(user=user, on=document_date),
    )


def check_run(
    *,
    user: Any,
    text: str | None = None,
    data: bytes | None = None,
    file_name: str = "",
    min_severity: str = MinSeverity.SUGGESTION,
    document_date: dt.date | None = None,
) -> DocumentCheck:
    """Check pasted `text` or an uploaded file's `data`; store the check (and a .docx original).

    `document_date` is the 成文日期 the user gave (else the engine takes the text's date line, or today).
    Bad input raises InvalidInput/TooLarge with the engine's Chinese message and writes nothing.
    """
    require_docreview(user)
    organ_id = scope_of(user).organ_id
    options = _options(user, organ_id, min_severity, document_date)
    if data is not None:
        outcome = runner.run_file(data, file_name, options)
        raw = data
        source = CheckSource.DOCX if outcome.is_docx else CheckSource.TXT
    else:
        outcome = runner.run_text((text or "").replace("\r\n", "\n"), options)
        raw = outcome.text.encode("utf-8")
        source = CheckSource.PASTE
    return _store(
        user=user,
        organ_id=organ_id,
        outcome=outcome,
        raw=raw,
        source=source,
        file_name=file_name,
        min_severity=min_severity,
        document_date=document_date,
    )


def proofread_for(
    *,
    user: Any,
    text: str | None = None,
    data: bytes | None = None,
    name: str = "",
    document_date: dt.date | None = None,
) -> dict[str, Any]:
    """The organ's proofreading (its terms, its own words) of a text or a file for another app's record (the ideology
    app's pieces), stored nowhere here. Bad input raises InvalidInput/TooLarge as check_run does."""
    organ_id = scope_of(user).organ_id
    options = _options(user, organ_id, MinSeverity.SUGGESTION, document_date)
    if data is not None:
        outcome = runner.run_file(data, name, options)
    else:
        outcome = runner.run_text((text or "").replace("\r\n", "\n"), options)
    return {
        "text": outcome.text,
        "issues": outcome.issues,
        "is_docx": outcome.is_docx,
        "duration_ms": outcome.duration_ms,
    }


def _store(
    *,
    user: Any,
    organ_id: int,
    outcome: runner.Outcome,
    raw: bytes,
    source: str,
    file_name: str,
    min_severity: str,
    document_date: dt.date | None,
) -> DocumentCheck:
    severity = Counter(i["severity"] for i in outcome.issues)
    sha = hashlib.sha256(raw).hexdigest()
    check = DocumentCheck(
        organ_id=organ_id,
        user=user,
        source=source,
        file_name=_clean_name(file_name),
        sha256=sha,
        chars=len(outcome.text),
        min_severity=min_severity,
        document_date=document_date,
        error_count=severity.get("错误", 0),
        suggestion_count=severity.get("建议", 0),
        category_counts=dict(Counter(i["category"] for i in outcome.issues)),
        duration_ms=outcome.duration_ms,
        text=outcome.text,
        issues=outcome.issues,
    )
    path = _save_original(organ_id, sha, raw) if outcome.is_docx else None
    try:
        with transaction.atomic():
            check.stored_path = path.relative_to(Path(settings.MEDIA_ROOT)).as_posix() if path else ""
            check.full_clean()
            check.save()
    except BaseException:
        if path is not None:
            path.unlink(missing_ok=True)  # no row points at it
        raise
    return check


def _save_original(organ_id: int, sha: str, data: bytes) -> Path:
    # Never the uploader's name on disk; the random part keeps every check's file its own.
    relative = f"{organ_id}/{clock.today().year}/{sha[:2]}/{sha}-{secrets.token_hex(4)}.docx"
    final = storage_root() / relative
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    partial = final.with_suffix(".part")
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, final)  # the file is either absent or complete
    return final


def _clean_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable()).strip()[:255]


def _issue(check: DocumentCheck, index: int) -> dict[str, Any]:
    if not 0 <= index < len(check.issues):
        raise NotFound("该问题不存在")
    return check.issues[index]


@transaction.atomic
def check_decide(*, check: DocumentCheck, index: int, decision: str, by: Any) -> DocumentCheck:
    """Record 采纳/忽略 for one issue; an empty decision clears it. Caller has checked write access."""
    _issue(check, index)
    locked = DocumentCheck.objects.select_for_update().get(pk=check.pk)
    if decision in Decision.values:
        locked.decisions[str(index)] = decision
    elif decision == "":
        locked.decisions.pop(str(index), None)
    else:
        raise InvalidInput("处理结果只能是采纳或忽略")
    locked.save(update_fields=["decisions"])
    return locked


@transaction.atomic
def whitelist_from_issue(*, check: DocumentCheck, index: int, by: Any, request: HttpRequest | None = None) -> OrganTerm:
    """ "本机关不再提示": whitelist the issue's phrase for the whole organ, mark it ignored, audit it."""
    issue = _issue(check, index)
    if issue["end"] <= issue["start"]:
        raise InvalidInput("全文格式类问题没有可加入白名单的词语")
    phrase = whitelist_phrase(check.text, issue)
    term = OrganTerm.objects.of_organ(check.organ_id).filter(kind=TermKind.WHITELIST, text=phrase).first()
    if term is None:
        term = _term_save(
            OrganTerm(
                organ_id=check.organ_id,
                kind=TermKind.WHITELIST,
                text=phrase,
                rule=issue["rule"],
                note=f"由审校记录 #{check.pk} 加入：{issue['message']}"[:300],
                created_by=by,
            ),
            by=by,
        )
    audit_record(
        action="whitelist_added",
        user=by,
        request=request,
        target=term,
        target_repr=phrase,
        detail={"rule": issue["rule"], "phrase": phrase, "check_id": check.pk},
    )
    check_decide(check=check, index=index, decision=Decision.IGNORED, by=by)
    return term


def _term_save(term: OrganTerm, *, by: Any) -> OrganTerm:
    term.text = term.text.strip()
    term.replacement = term.replacement.strip()
    if OrganTerm.objects.of_organ(term.organ_id).filter(kind=term.kind, text=term.text).exists():
        raise Conflict(f"“{term.text}”已在词表中")
    term.full_clean(validate_constraints=False)
    stamp(term, by)
    term.save()
    return term


@transaction.atomic
def term_add(
    *, user: Any, kind: str, text: str, replacement: str = "", note: str = "", request: HttpRequest | None = None
) -> OrganTerm:
    """Caller has checked can_edit_terms. A term (错→正) needs its right form."""
    if kind == TermKind.TERM and not replacement.strip():
        raise InvalidInput("本机关用语需要填写正确写法", detail={"replacement": "请填写正确写法"})
    if not text.strip():
        raise InvalidInput("请填写词语", detail={"text": "请填写词语"})
    term = _term_save(
        OrganTerm(
            organ_id=scope_of(user).organ_id, kind=kind, text=text, replacement=replacement, note=note, created_by=user
        ),
        by=user,
    )
    # A whitelist entry silences findings (its own action); terms and banned words change the checker's rules.
    action = "whitelist_added" if kind == TermKind.WHITELIST else "parameter_changed"
    audit_record(action=action, user=user, request=request, target=term, detail={"kind": kind, "text": term.text})
    return term


@transaction.atomic
def term_remove(*, term: OrganTerm, user: Any, request: HttpRequest | None = None) -> None:
    """Soft delete: the entry stops applying at once; history keeps it."""
    term.deleted_at = clock.now()
    term.deleted_by = user
    stamp(term, user)  # not core.writes.soft_delete: a term has no updated_at
    term.save(update_fields=["deleted_at", "deleted_by"])
    audit_record(action="record_deleted", user=user, request=request, target=term, detail={"kind": term.kind})


def _author(user: Any) -> str:
    person = getattr(user, "person", None)
    name = getattr(person, "name", "") or getattr(user, "username", "")
    return f"清廉校对·{name}" if name else "清廉校对"


def export_issues(check: DocumentCheck, kind: str, *, include_suggestions: bool = False) -> list[dict[str, Any]]:
    """What goes into a download. Comments: the errors (and, when asked, the suggestions) not ignored, and
    any suggestion the user accepted. Fixed copies: only the fixes the user accepted — an undecided
    suggestion is never written into the document."""
    decisions = check.decisions
    chosen = []
    for n, issue in enumerate(check.issues):
        decision = decisions.get(str(n), "")
        if kind == "commented":
            keep = decision != Decision.IGNORED and (
                is_error(issue) or include_suggestions or decision == Decision.ACCEPTED
            )
        else:
            keep = decision == Decision.ACCEPTED and issue.get("suggestion") is not None
        if keep:
            chosen.append(issue)
    return chosen


def _source_docx(check: DocumentCheck) -> bytes:
    """The uploaded .docx; for pasted text or a .txt, a .docx built from the checked text."""
    if not check.is_docx:
        if check.source == CheckSource.DOCX:
            raise NotFound("原文件已不存在，请重新上传校对")
        return runner.text_as_docx(check.text)
    path = (Path(settings.MEDIA_ROOT) / check.stored_path).resolve()
    # A stored path that would leave MEDIA_ROOT/docreview is refused, whatever the row says.
    if not path.is_relative_to(storage_root().resolve()) or not path.is_file():
        raise NotFound("原文件已不存在，请重新上传校对")
    return path.read_bytes()


def check_export_docx(
    *,
    check: DocumentCheck,
    kind: str,
    user: Any,
    request: HttpRequest | None = None,
    include_suggestions: bool = False,
) -> bytes:
    """One of DOWNLOADS for any check (pasted text gets a .docx built from it). Audited as export."""
    if kind not in DOWNLOADS:
        raise NotFound("没有这种下载")
    issues = export_issues(check, kind, include_suggestions=include_suggestions)
    if kind != "commented" and not issues:
        raise InvalidInput("还没有采纳任何修改建议：请先在问题上点“采纳”，再下载修改稿")
    data = runner.annotate(
        _source_docx(check),
        issues,
        apply_fixes=kind != "commented",
        tracked=kind == "tracked",
        # A tracked change is the fix its owner accepted; a comment is the checker's finding.
        author=_author(check.user) if kind == "tracked" else "清廉校对",
        when=clock.now(),
    )
    names = {"commented": "commented_docx", "fixed": "fixed_docx", "tracked": "tracked_docx"}
    audit_record(
        action="export",
        user=user,
        request=request,
        target=check,
        detail={"kind": names[kind], "issues": len(issues)},
    )
    return data
