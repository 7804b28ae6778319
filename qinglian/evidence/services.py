"""Writes of the evidence app: attach, soft-delete and open a file, each after its record's permission check.

Settings (read through getattr so that a deployment may leave them out):
- QINGLIAN_EVIDENCE_MAX_BYTES: largest accepted file, default 50 MB.
- QINGLIAN_EVIDENCE_TYPES: accepted kinds (codes of sniff.KINDS), default sniff.DEFAULT_TYPES.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest

from qinglian.audit.services import audit_record
from qinglian.core import crypto
from qinglian.core.errors import Conflict, InvalidInput, NotFound, QinglianError
from qinglian.core.writes import soft_delete
from qinglian.evidence import registry, store
from qinglian.evidence.models import Evidence
from qinglian.evidence.permissions import check_target
from qinglian.evidence.sniff import DEFAULT_TYPES, Sniffed, sniff, zip_names

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STORAGE_FAILED = "服务器存储空间不足或暂时无法写入，文件未保存，请稍后重试；如持续出现请联系系统管理员"


class StorageUnavailable(QinglianError):
    """The disk refused the file (full, read-only, quota): the server's fault, not the uploader's. Nothing of
    the upload is left behind when this is raised."""

    code = "storage_unavailable"
    status = 507


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def max_bytes() -> int:
    return int(getattr(settings, "QINGLIAN_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_types() -> frozenset[str]:
    return frozenset(getattr(settings, "QINGLIAN_EVIDENCE_TYPES", DEFAULT_TYPES))


def too_big_message(limit: int | None = None) -> str:
    limit = max_bytes() if limit is None else limit
    shown = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"
    return f"文件超过大小上限（{shown}），请压缩或拆分后上传"


# --- attach ----------------------------------------------------------------------------------------------


def evidence_attach(
    *, target: models.Model, upload: Any, by: Any, note: str = "", request: HttpRequest | None = None
) -> Evidence:
    """Attach `upload` (a Django UploadedFile, or any object with `name` and `chunks()` or `read()`) to `target`.

    Needs write access to the record. The upload is streamed to a temporary file beside the store while it is
    hashed and counted (never read whole into memory), sniffed, moved into place and then the row is written;
    if the row cannot be written the file is removed again. When the same file (SHA-256) is already on the
    record no second copy is made: the existing row comes back with `reused = True`.
    `request` only adds the address and browser to the audit trail.
    """
    reg = registry.registration_for(type(target))
    name = clean_name(getattr(upload, "name", "") or "")
    # A Forbidden here is the 403 handling's to log (audit_denied → permission_denied), not ours.
    target = reg.access(by, target.pk, write=True)
    try:
        return _attach(reg, target, upload, name=name, by=by, note=note.strip(), request=request)
    except InvalidInput as exc:
        # A refused file is a security event too: an .exe renamed .pdf is somebody trying something.
        _audit(
            "evidence_uploaded",
            by,
            request,
            target,
            success=False,
            detail={"record": _record_ref(target), "name": name, "reason": exc.message},
        )
        raise


def _attach(
    reg: registry.Registration,
    target: models.Model,
    upload: Any,
    *,
    name: str,
    by: Any,
    note: str,
    request: HttpRequest | None,
) -> Evidence:
    limit = max_bytes()
    if (getattr(upload, "size", None) or 0) > limit:
        raise InvalidInput(too_big_message(limit))
    try:
        staged = store.stage(store.chunks(upload), limit, too_big_message(limit))
    except OSError as exc:  # disk full while writing: _stage has removed its temporary file
        logger.error("evidence upload could not be staged: %s", exc)
        raise StorageUnavailable(STORAGE_FAILED) from exc
    try:
        sniffed = _sniff(staged, name, reg.kinds)
        existing = _live_copy(reg, target, staged.sha256)
        if existing is not None:
            return _reuse(existing, by=by, request=request)
        return _store(reg, target, staged, sniffed, name=name, by=by, note=note, request=request)
    finally:
        staged.path.unlink(missing_ok=True)  # already moved into place, or to be thrown away


def _sniff(staged: store.Staged, name: str, kinds: frozenset[str] | None = None) -> Sniffed:
    """The file's kind, among the organ's allowed kinds narrowed to the record's own (Registration.kinds)."""
    allowed = allowed_types() if kinds is None else allowed_types() & kinds
    names = None
    if staged.head.startswith(b"PK"):
        with staged.path.open("rb") as handle:
            names = zip_names(handle)
    return sniff(staged.head, name, zip_names=names, allowed=allowed)


def _live_copy(reg: registry.Registration, target: models.Model, sha256: str) -> Evidence | None:
    return (
        Evidence.objects.filter(content_type=reg.content_type, object_id=target.pk, sha256=sha256)
        .select_related("uploaded_by")
        .first()
    )


def _reuse(existing: Evidence, *, by: Any, request: HttpRequest | None) -> Evidence:
    existing.reused = True
    _audit(
        "evidence_uploaded",
        by,
        request,
        existing,
        detail={**_describe(existing), "reused": True, "reused_from": existing.pk},
    )
    return existing


def _store(
    reg: registry.Registration,
    target: models.Model,
    staged: store.Staged,
    sniffed: Sniffed,
    *,
    name: str,
    by: Any,
    note: str,
    request: HttpRequest | None,
) -> Evidence:
    """Move the staged file into place, then write the row and the audit entry; the file goes if they fail."""
    relative = store.relative_path(target.organ_id, staged.sha256, sniffed.ext)
    try:
        final = store.place(staged.path, relative)
    except OSError as exc:  # the staged file is removed by the caller's finally; nothing was placed
        logger.error("evidence upload could not be put in place: %s", exc)
        raise StorageUnavailable(STORAGE_FAILED) from exc
    evidence = Evidence(
        organ_id=target.organ_id,
        content_type=reg.content_type,
        object_id=target.pk,
        original_name=name,
        stored_path=relative,
        size=staged.size,
        kind=sniffed.kind,
        mime=sniffed.mime,
        sha256=staged.sha256,
        note=note,
        uploaded_by=by,
    )
    try:
        with transaction.atomic():
            evidence.full_clean()
            evidence._history_user = by
            evidence.save()
            _audit("evidence_uploaded", by, request, evidence, detail=_describe(evidence))
    except IntegrityError:  # the same file attached by someone else a moment ago
        final.unlink(missing_ok=True)
        existing = _live_copy(reg, target, staged.sha256)
        if existing is None:
            raise Conflict("保存佐证材料时发生冲突，请重试") from None
        return _reuse(existing, by=by, request=request)
    except ValidationError as exc:
        final.unlink(missing_ok=True)
        raise InvalidInput("；".join(exc.messages), detail=getattr(exc, "message_dict", None)) from exc
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    return evidence


def clean_name(name: str) -> str:
    """The uploader's file name as shown and offered on download: no directories, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = " ".join(_CONTROL.sub("", base).split()).strip(". ")
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 250 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else base[:255]
    return base or "未命名"


# --- delete and open -------------------------------------------------------------------------------------


def evidence_delete(*, evidence: Evidence, by: Any, request: HttpRequest | None = None) -> None:
    """Soft delete: the row is marked and leaves every list; the file stays on disk and history keeps the row.

    Needs write access to the record.
    """
    check_target(by, evidence, write=True)
    if evidence.is_deleted:
        raise NotFound("佐证材料不存在或已删除")
    with transaction.atomic():
        soft_delete(evidence, by=by)
        _audit("evidence_deleted", by, request, evidence, detail=_describe(evidence))


def evidence_open(
    *, evidence: Evidence, user: Any, request: HttpRequest | None = None, inline: bool = False
) -> BinaryIO:
    """The file's plaintext as a read-only file object, after the record's read check; the caller closes it.

    Every opening is written to the audit trail (`inline`: a preview rather than a download).
    """
    check_target(user, evidence)
    path = store.stored_file(evidence)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        logger.error("evidence %s: file %s is missing", evidence.pk, evidence.stored_path)
        raise NotFound("文件已缺失，请联系系统管理员") from None
    try:
        _verify(handle, evidence)
    except BaseException:
        handle.close()
        raise
    _audit("evidence_downloaded", user, request, evidence, detail={**_describe(evidence), "inline": inline})
    return crypto.DecryptingReader(handle)


def _verify(handle: BinaryIO, evidence: Evidence) -> None:
    """The file on disk is the one registered: the encrypted size, every segment's tag, and the SHA-256 of the
    plaintext (taken at upload) — all before a byte is sent, so a changed file is refused, never half-served."""
    if os.fstat(handle.fileno()).st_size != crypto.encrypted_size(evidence.size):
        logger.error("evidence %s: file %s has changed size on disk", evidence.pk, evidence.stored_path)
        raise Conflict("文件与登记时的大小不一致，可能已被改动，请联系系统管理员")
    digest = hashlib.sha256()
    try:
        for segment in crypto.decrypt_segments(handle):
            digest.update(segment)
    except crypto.TamperedData:
        logger.error("evidence %s: file %s fails its authentication tag", evidence.pk, evidence.stored_path)
        raise
    if digest.hexdigest() != evidence.sha256:
        logger.error("evidence %s: file %s does not match its SHA-256", evidence.pk, evidence.stored_path)
        raise crypto.TamperedData(crypto.TAMPERED)
    handle.seek(0)


# --- audit -----------------------------------------------------------------------------------------------


def _record_ref(target: models.Model) -> str:
    return f"{target._meta.label_lower}#{target.pk}"


def _describe(evidence: Evidence) -> dict[str, Any]:
    return {
        "record": f"{evidence.content_type.app_label}.{evidence.content_type.model}#{evidence.object_id}",
        "name": evidence.original_name,
        "size": evidence.size,
        "kind": evidence.kind,
        "sha256": evidence.sha256,
    }


def _audit(
    action: str,
    user: Any,
    request: HttpRequest | None,
    target: models.Model,
    *,
    success: bool = True,
    detail: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        user=user,
        request=request,
        organ=getattr(target, "organ_id", None),
        target=target,
        target_repr=str(target),
        detail=detail,
        success=success,
    )
