"""Checks the demo tests of the domain apps make of the evidence files the demo attached (evidence/demo.py): the file
on disk is ciphertext, decrypts to the registered bytes, and is what its row declares — read as an upload is read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from qinglian.core import crypto
from qinglian.evidence import registry, store
from qinglian.evidence.models import Evidence
from qinglian.evidence.services import allowed_types, evidence_open
from qinglian.evidence.sniff import sniff


def files_of(model: type[models.Model], ids: Iterable[int]) -> dict[int, list[Evidence]]:
    """Live evidence of the rows `ids` of `model`, by row id (a row without any is absent)."""
    found: dict[int, list[Evidence]] = {}
    rows = Evidence.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids))
    for evidence in rows.order_by("id"):
        found.setdefault(evidence.object_id, []).append(evidence)
    return found


def plaintext(evidence: Evidence) -> bytes:
    """The stored file decrypted, after checking that what is on disk is ciphertext, not the document itself."""
    with store.stored_file(evidence).open("rb") as handle:
        assert crypto.is_encrypted_file(handle), evidence.stored_path
        handle.seek(0)
        return b"".join(crypto.decrypt_segments(handle))


def assert_stored_as_declared(evidence: Evidence) -> None:
    data = plaintext(evidence)
    assert len(data) == evidence.size and hashlib.sha256(data).hexdigest() == evidence.sha256, evidence.original_name
    sniffed = sniff(data, evidence.original_name, allowed=allowed_types())
    assert (sniffed.kind, sniffed.mime) == (evidence.kind, evidence.mime), evidence.original_name


def assert_opens_for_its_uploader(evidence: Evidence) -> None:
    """Through the service, as a download: the record's read check, the file's checks, the audit entry — and the
    uploader may write the record (attach and delete its files)."""
    assert registry.can_write(evidence.uploaded_by, evidence.target), evidence.original_name
    with evidence_open(evidence=evidence, user=evidence.uploaded_by) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == evidence.sha256
