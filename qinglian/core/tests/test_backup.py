"""qinglian backup / restore: backup → wipe → restore gives the same rows, the same files and a verifying audit
chain (on SQLite here, and on PostgreSQL when the suite runs with DATABASE_URL); and the refusals."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from qinglian.audit.models import AuditEvent
from qinglian.audit.services import audit_record, audit_verify
from qinglian.core.backup import row_counts, sha256_of
from qinglian.evidence import services as evidence
from qinglian.evidence.tests.files import pdf_bytes, png_bytes, upload
from qinglian.org.models import Organ


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.QINGLIAN_AUDIT_HEAD_FILE = str(tmp_path / "chain-heads.log")
    return settings.MEDIA_ROOT


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256_of(p) for p in root.rglob("*") if p.is_file()}


def _installation(party_officer, cadre_same_unit) -> None:
    person = cadre_same_unit.person
    evidence.evidence_attach(target=person, upload=upload("纪要.pdf", pdf_bytes()), by=party_officer)
    removed = evidence.evidence_attach(target=person, upload=upload("照片.png", png_bytes()), by=party_officer)
    evidence.evidence_delete(evidence=removed, by=party_officer)  # soft-deleted rows are backed up too
    for n in range(3):
        audit_record(action="export", user=cadre_same_unit, target_repr=f"导出{n}")


def _wipe(media: Path) -> None:
    """Back to a fresh installation: what `migrate` leaves (it seeds calendars, parameters…), and no files."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media, ignore_errors=True)


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_the_same_rows_files_and_a_verifying_chain(
    media, tmp_path, party_officer, cadre_same_unit
):
    _installation(party_officer, cadre_same_unit)
    counts, files = row_counts(), _files(media)
    assert counts["evidence.Evidence"] == 2 and len(files) == 2

    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    _wipe(media)
    assert not Organ.objects.exists() and not AuditEvent.objects.exists() and not media.exists()
    out = io.StringIO()
    call_command("restore", str(tmp_path / "backup"), stdout=out)

    assert "已恢复" in out.getvalue()
    assert row_counts() == counts
    assert _files(media) == files
    verified = audit_verify()
    assert verified.ok and verified.checked == AuditEvent.objects.count() == counts["audit.AuditEvent"]
    audit_record(action="rule_run", target_repr="恢复之后")  # the restored chain carries on
    assert audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_the_manifest_vouches_for_every_file(media, tmp_path, party_officer, cadre_same_unit):
    _installation(party_officer, cadre_same_unit)
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"] == _files(media)
    assert manifest["database"]["sha256"] == sha256_of(tmp_path / "backup" / "database.qjson")
    assert manifest["audit_head"]["seq"] == AuditEvent.objects.count()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_installation_that_is_not_empty(media, tmp_path, party_officer, cadre_same_unit):
    _installation(party_officer, cadre_same_unit)
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    before = row_counts()
    with pytest.raises(CommandError, match="只能恢复到空的系统") as error:
        call_command("restore", str(tmp_path / "backup"))
    assert error.value.returncode == 1 and row_counts() == before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_changed_after_it_was_made(media, tmp_path, party_officer, cadre_same_unit):
    _installation(party_officer, cadre_same_unit)
    call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    [stored] = [p for p in (tmp_path / "backup" / "media").rglob("*.pdf")]
    stored.write_bytes(b"%PDF-1.4 changed")
    _wipe(media)
    with pytest.raises(CommandError, match="与清单中的 SHA-256 不符"):
        call_command("restore", str(tmp_path / "backup"))
    assert not Organ.objects.exists() and not media.exists()


def test_backup_refuses_a_directory_that_is_not_empty(db, media, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup", str(tmp_path / "old"))
