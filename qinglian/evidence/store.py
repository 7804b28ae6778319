"""The evidence files on disk: staged while an upload arrives, encrypted (SM4-GCM, core/crypto.py) and moved into
place atomically, found again only inside MEDIA_ROOT/evidence. No rows and no permissions here: services.py decides
what is stored and who may open it."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from qinglian.core import clock, crypto
from qinglian.core.errors import InvalidInput, NotFound
from qinglian.evidence.models import Evidence

logger = logging.getLogger(__name__)

STALE_UPLOAD_SECONDS = 3600  # a staged upload this old belongs to a process that died (killed, power cut)
HEAD_BYTES = 64 * 1024  # enough for every magic number and for judging whether a text is text


def evidence_root() -> Path:
    """MEDIA_ROOT/evidence: outside the web root; nothing here is ever served without a permission check."""
    return Path(settings.MEDIA_ROOT) / "evidence"


@dataclass(frozen=True)
class Staged:
    path: Path
    size: int
    sha256: str
    head: bytes


def chunks(upload: Any) -> Iterator[bytes]:
    if hasattr(upload, "chunks"):
        return upload.chunks()
    return iter(lambda: upload.read(1024 * 1024), b"")


def stage(chunks: Iterator[bytes], limit: int, refusal: str) -> Staged:
    """Copy the chunks to a private temporary file, hashing and counting; stop with `refusal` as soon as it passes
    `limit`."""
    incoming = evidence_root() / ".incoming"  # same file system as the store, so the final move is a rename
    incoming.mkdir(parents=True, exist_ok=True, mode=0o750)
    sweep_stale(incoming)
    fd, name = tempfile.mkstemp(dir=incoming, prefix="upload-")  # mode 0600
    path, digest, size, head = Path(name), hashlib.sha256(), 0, bytearray()
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise InvalidInput(refusal)
                digest.update(chunk)
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Staged(path=path, size=size, sha256=digest.hexdigest(), head=bytes(head))


def sweep_stale(incoming: Path) -> None:
    """Remove staged uploads left by a process killed while writing one (its `except` never ran). Cheap: the
    directory holds only uploads in progress."""
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for path in incoming.glob("upload-*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the next upload tries again


def relative_path(organ_id: int, sha256: str, ext: str) -> str:
    """evidence/<organ>/<year>/<sha[:2]>/<sha>-<random>.<ext> — never the uploader's name.

    The random part keeps every row's file its own, so removing a file after a failed write can never take
    away a file another row points at.
    """
    year = clock.today().year
    return f"evidence/{organ_id}/{year}/{sha256[:2]}/{sha256}-{secrets.token_hex(4)}.{ext}"


def place(staged: Path, relative: str) -> Path:
    """Encrypt the staged file beside it (SM4-GCM, core/crypto.py), then move the ciphertext into place."""
    final = Path(settings.MEDIA_ROOT) / relative
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    sealed = seal(staged)
    try:
        os.replace(sealed, final)  # atomic on one file system: the file is either absent or complete
    except BaseException:
        sealed.unlink(missing_ok=True)
        raise
    fsync_dir(final.parent)
    return final


def seal(staged: Path) -> Path:
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


def fsync_dir(directory: Path) -> None:
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


def stored_file(evidence: Evidence) -> Path:
    """The absolute path of the file, refusing any stored path that would leave MEDIA_ROOT/evidence."""
    root = evidence_root().resolve()
    path = (Path(settings.MEDIA_ROOT) / evidence.stored_path).resolve()
    if root not in path.parents:
        logger.error("evidence %s: stored path %r leaves the store", evidence.pk, evidence.stored_path)
        raise NotFound("文件已缺失，请联系系统管理员")
    return path
