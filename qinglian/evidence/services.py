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
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest

from qinglian.audit.services import audit_record
from qinglian.core import clock, crypto
from qinglian.core.errors import Conflict, InvalidInput, NotFound, QinglianError
from qinglian.core.writes import soft_delete
from qinglian.evidence import registry
from qinglian.evidence.models import Evidence
from qinglian.evidence.permissions import check_target
from qinglian.evidence.sniff import DEFAULT_TYPES, Sniffed, sniff, zip_names

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STALE_UPLOAD_SECONDS = 3600  # a staged upload this old belongs to a process that died (killed, power cut)
STORAGE_FAILED = "服务器存储空间不足或暂时无法写入，文件未保存，请稍后重试；如持续出现请联系系统管理员"


class StorageUnavailable(QinglianError):
    """The disk refused the file (full, read-only, quota): the server's fault, not the uploader's. Nothing of
    the upload is left behind when this is raised."""

    code = "storage_unavailable"
    status = 507


HEAD_BYTES = 64 * 1024  # enough for every magic number and for judging whether a text is text
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def max_bytes() -> int:
    return int(getattr(settings, "QINGLIAN_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_types() -> frozenset[str]:
    return frozenset(getattr(settings, "QINGLIAN_EVIDENCE_TYPES", DEFAULT_TYPES))


def too_big_message(limit: int | None = None) -> str:
    limit = max_bytes() if limit is None else limit
    shown = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{max(limit // 1024, 1)} KB"
    return f"文件超过大小上限（{shown}），请压缩或拆分后上传"


def evidence_root() -> Path:
    """MEDIA_ROOT/evidence: outside the web root; nothing here is ever served without a permission check."""
    return Path(settings.MEDIA_ROOT) / "evidence"


# --- attach ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Staged:
    path: Path
    size: int
    sha256: str
    head: bytes


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
        staged = _stage(_chunks(upload), limit)
    except OSError as exc:  # disk full while writing: _stage has removed its temporary file
        logger.error("evidence upload could not be staged: %s", exc)
        raise StorageUnavailable(STORAGE_FAILED) from exc
    try:
        sniffed = _sniff(staged, name)
        existing = _live_copy(reg, target, staged.sha256)
        if existing is not None:
            return _reuse(existing, by=by, request=request)
        return _store(reg, target, staged, sniffed, name=name, by=by, note=note, request=request)
    finally:
        staged.path.unlink(missing_ok=True)  # already moved into place, or to be thrown away


def _chunks(upload: Any) -> Iterator[bytes]:
    if hasattr(upload, "chunks"):
        return upload.chunks()
    return iter(lambda: upload.read(1024 * 1024), b"")


def _stage(chunks: Iterator[bytes], limit: int) -> _Staged:
    """Copy the chunks to a private temporary file, hashing and counting; stop as soon as it passes `limit`."""
    incoming = evidence_root() / ".incoming"  # same file system as the store, so the final move is a rename
    incoming.mkdir(parents=True, exist_ok=True, mode=0o750)
    _sweep_stale(incoming)
    fd, name = tempfile.mkstemp(dir=incoming, prefix="upload-")  # mode 0600
    path, digest, size, head = Path(name), hashlib.sha256(), 0, bytearray()
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise InvalidInput(too_big_message(limit))
                digest.update(chunk)
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return _Staged(path=path, size=size, sha256=digest.hexdigest(), head=bytes(head))


def _sweep_stale(incoming: Path) -> None:
    """Remove staged uploads left by a process killed while writing one (its `except` never ran). Cheap: the
    directory holds only uploads in progress."""
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for path in incoming.glob("upload-*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the next upload tries again


def _sniff(staged: _Staged, name: str) -> Sniffed:
    names = None
    if staged.head.startswith(b"PK"):
        with staged.path.open("rb") as handle:
            names = zip_names(handle)
    return sniff(staged.head, name, zip_names=names, allowed=allowed_types())


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
    staged: _Staged,
    sniffed: Sniffed,
    *,
    name: str,
    by: Any,
    note: str,
    request: HttpRequest | None,
) -> Evidence:
    """Move the staged file into place, then write the row and the audit entry; the file goes if they fail."""
    relative = _relative_path(target.organ_id, staged.sha256, sniffed.ext)
    try:
        final = _place(staged.path, relative)
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


def _relative_path(organ_id: int, sha256: str, ext: str) -> str:
    """evidence/<organ>/<year>/<sha[:2]>/<sha>-<random>.<ext> — never the uploader's name.

    The random part keeps every row's file its own, so removing a file after a failed write can never take
    away a file another row points at.
    """
    year = clock.today().year
    return f"evidence/{organ_id}/{year}/{sha256[:2]}/{sha256}-{secrets.token_hex(4)}.{ext}"


def _place(staged: Path, relative: str) -> Path:
    """Encrypt the staged file beside it (SM4-GCM, core/crypto.py), then move the ciphertext into place."""
    final = Path(settings.MEDIA_ROOT) / relative
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    sealed = _seal(staged)
    try:
        os.replace(sealed, final)  # atomic on one file system: the file is either absent or complete
    except BaseException:
        sealed.unlink(missing_ok=True)
        raise
    _fsync_dir(final.parent)
    return final


def _seal(staged: Path) -> Path:
    """The staged file's bytes encrypted into a new private file in the staging directory (swept like an upload
    if the process dies). The plaintext exists only while the request runs: the caller removes the staged file."""
    fd, name = tempfile.mkstemp(dir=staged.parent, prefix="upload-sealed-")  # mode 0600
    sealed = Path(name)
    try:
        with staged.open("rb") as source, os.fdopen(fd, "wb") as out:
            crypto.encrypt_stream(source, out)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        sealed.unlink(missing_ok=True)
        raise
    return sealed


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory, and that is fine.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
    path = stored_file(evidence)
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


def stored_file(evidence: Evidence) -> Path:
    """The absolute path of the file, refusing any stored path that would leave MEDIA_ROOT/evidence."""
    root = evidence_root().resolve()
    path = (Path(settings.MEDIA_ROOT) / evidence.stored_path).resolve()
    if root not in path.parents:
        logger.error("evidence %s: stored path %r leaves the store", evidence.pk, evidence.stored_path)
        raise NotFound("文件已缺失，请联系系统管理员")
    return path


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
