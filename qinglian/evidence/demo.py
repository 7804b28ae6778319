"""Evidence files for the demo organ's records, attached in bulk as uploads are stored.

The domain apps' demo builders make plausible files from their records (core/demo_files.py: the minutes of a
meeting, a task's completion report, a signed and sealed 责任书, a picture of the meeting) and hand them here, a
thousand or so in a build. Each file is checked as `services.evidence_attach` checks an upload — its kind sniffed
from its bytes with the extension agreeing, the size and the kind allowed by the settings — and stored as an upload
is stored: encrypted (SM4-GCM, core/crypto.py) under the name `store.relative_path` gives it, the year being the
replayed day's. So the demo's files open, preview and download through the same permission checks and decryption as
real ones.

What the replay leaves out is what costs time and says nothing about a record that was never uploaded by a person
at a browser: the audit entry of each upload, the fsync of each file (the build is one transaction; should it fail,
its files are left without rows, never served and harmless), the record's write check per file (the builders name an
uploader who may write the record: tests/test_demo_evidence.py holds them to it) and one INSERT per file — the rows
and their history go in one bulk insert, dated `at`.

This module has no `build`: the evidence app adds nothing to the demo on its own (core/demo.py calls `build` only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from simple_history.utils import bulk_create_with_history

from qinglian.core import clock, crypto
from qinglian.core.errors import InvalidInput
from qinglian.evidence import registry, services, store
from qinglian.evidence.models import Evidence
from qinglian.evidence.sniff import sniff, zip_names_of_bytes


@dataclass(frozen=True)
class DemoFile:
    """One generated file for one record: `by` uploaded it at `at` (both as the record's ledger tells it)."""

    target: models.Model
    name: str
    data: bytes
    by: Any  # org.User
    at: dt.datetime
    note: str = ""


def attach(files: Sequence[DemoFile]) -> list[Evidence]:
    """Store `files` and write their rows in one insert; InvalidInput (Chinese) when a file would be refused as an
    upload, NotFound when its record cannot carry evidence. A file already on its record (same SHA-256) is not
    stored twice, as evidence_attach reuses it."""
    limit, allowed = services.max_bytes(), services.allowed_types()
    rows: list[Evidence] = []
    written: list[Path] = []
    seen: set[tuple[int, int, str]] = set()
    try:
        for file in files:
            reg = registry.registration_for(type(file.target))
            if len(file.data) > limit:
                raise InvalidInput(services.too_big_message(limit))
            name = services.clean_name(file.name)
            names = zip_names_of_bytes(file.data) if file.data.startswith(b"PK") else None
            sniffed = sniff(file.data, name, zip_names=names, allowed=allowed)
            sha256 = hashlib.sha256(file.data).hexdigest()
            key = (reg.content_type.pk, file.target.pk, sha256)
            if key in seen:
                continue
            seen.add(key)
            with clock.replaying(file.at):  # the store files an upload under the year it came in
                relative = store.relative_path(file.target.organ_id, sha256, sniffed.ext)
            written.append(_seal(file.data, relative))
            row = Evidence(
                organ_id=file.target.organ_id,
                content_type=reg.content_type,
                object_id=file.target.pk,
                original_name=name,
                stored_path=relative,
                size=len(file.data),
                kind=sniffed.kind,
                mime=sniffed.mime,
                sha256=sha256,
                note=file.note,
                uploaded_by=file.by,
                uploaded_at=file.at,
                created_at=file.at,
            )
            row._history_date, row._history_user = file.at, file.by
            rows.append(row)
        made = bulk_create_with_history(rows, Evidence, batch_size=500)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    # The bulk insert stamped "changed" with the wall clock: a file attached once was last changed when attached.
    pks = [row.pk for row in made]
    Evidence.all_objects.filter(pk__in=pks).update(updated_at=F("created_at"))
    Evidence.history.model.objects.filter(id__in=pks).update(updated_at=F("created_at"))
    return made


def _seal(data: bytes, relative: str) -> Path:
    """The plaintext encrypted straight into its place (a new private file; the name is never reused)."""
    path = Path(settings.MEDIA_ROOT) / relative
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            crypto.encrypt_stream(io.BytesIO(data), out)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
