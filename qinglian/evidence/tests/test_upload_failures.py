"""An upload that fails half-way — the disk full while writing, the move refused, the process killed — leaves
no row and no file behind, and the uploader reads why in Chinese."""

from __future__ import annotations

import errno
import os
import time

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.evidence import services
from qinglian.evidence.models import Evidence
from qinglian.evidence.services import StorageUnavailable
from qinglian.evidence.tests.files import pdf_bytes, stored_files, upload


class _DiskFills:
    """An upload whose second chunk finds the disk full (the OSError a write raises then)."""

    name = "会议纪要.pdf"
    size = None

    def chunks(self):
        yield pdf_bytes()
        raise OSError(errno.ENOSPC, "No space left on device")


def _nothing_left(media) -> bool:
    incoming = media / "evidence" / ".incoming"
    return not Evidence.objects.exists() and stored_files(media) == [] and not any(incoming.glob("*"))


def test_a_disk_full_while_writing_leaves_no_row_and_no_file(party_officer, cadre_same_unit, media):
    with pytest.raises(StorageUnavailable, match="存储空间不足") as error:
        services.evidence_attach(target=cadre_same_unit.person, upload=_DiskFills(), by=party_officer)
    assert error.value.status == 507
    assert _nothing_left(media)
    assert not AuditEvent.objects.filter(action="evidence_uploaded", success=True).exists()


def test_a_refused_move_into_the_store_leaves_no_row_and_no_file(party_officer, cadre_same_unit, media, monkeypatch):
    def refuse(source, destination):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(services.os, "replace", refuse)
    with pytest.raises(StorageUnavailable):
        services.evidence_attach(
            target=cadre_same_unit.person, upload=upload("纪要.pdf", pdf_bytes()), by=party_officer
        )
    assert _nothing_left(media)


def test_a_staged_upload_left_by_a_killed_process_is_removed_by_the_next_upload(party_officer, cadre_same_unit, media):
    incoming = media / "evidence" / ".incoming"
    incoming.mkdir(parents=True)
    orphan, fresh = incoming / "upload-killed", incoming / "upload-running"
    orphan.write_bytes(b"%PDF-1.4 half")
    fresh.write_bytes(b"%PDF-1.4 in progress")  # another upload still being written: left alone
    hours_ago = time.time() - 2 * 3600
    os.utime(orphan, (hours_ago, hours_ago))
    services.evidence_attach(target=cadre_same_unit.person, upload=upload("纪要.pdf", pdf_bytes()), by=party_officer)
    assert not orphan.exists() and fresh.exists()
    assert Evidence.objects.count() == 1 and len(stored_files(media)) == 2  # the new file, and the running one
