"""Evidence files at rest are SM4-GCM ciphertext (#13 item 5): the confidential attachments (heart-to-heart
talks, personal matters) and every other file. The download is checked whole before a byte is sent."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from django.apps import apps
from django.urls import reverse

from qinglian.audit.models import AuditEvent
from qinglian.core import crypto
from qinglian.evidence import services
from qinglian.evidence.tests.files import pdf_bytes, upload
from qinglian.partylife.tests.factories import HeartTalkFactory


def _talk_attachment(party_officer, cadre_same_unit, content: bytes):
    talk = HeartTalkFactory(initiator=party_officer.person, counterpart=cadre_same_unit.person)
    return services.evidence_attach(target=talk, upload=upload("谈心谈话记录.pdf", content), by=party_officer)


def _download(client, user, evidence):
    client.force_login(user)
    return client.get(reverse("evidence_download", args=[evidence.pk]))


def test_a_heart_talk_attachment_is_not_plaintext_on_disk_and_downloads_intact(
    client, party_officer, cadre_same_unit, settings
):
    content = pdf_bytes("谈心谈话：本人思想状况")
    evidence = _talk_attachment(party_officer, cadre_same_unit, content)
    on_disk = (Path(settings.MEDIA_ROOT) / evidence.stored_path).read_bytes()
    assert on_disk.startswith(crypto.FILE_MAGIC)
    assert "本人思想状况".encode() not in on_disk and b"%PDF" not in on_disk
    assert evidence.sha256 == hashlib.sha256(content).hexdigest() and evidence.size == len(content)  # of the plain
    response = _download(client, party_officer, evidence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Length"] == str(len(content))


def test_a_file_of_several_segments_downloads_intact(client, party_officer, cadre_same_unit):
    content = pdf_bytes("个人有关事项报告" * 20000)  # about 480 KB: eight segments
    evidence = _talk_attachment(party_officer, cadre_same_unit, content)
    response = _download(client, party_officer, evidence)
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == evidence.sha256


def test_a_tampered_file_is_refused_in_chinese_and_not_served(client, party_officer, cadre_same_unit, settings):
    evidence = _talk_attachment(party_officer, cadre_same_unit, pdf_bytes())
    path = Path(settings.MEDIA_ROOT) / evidence.stored_path
    changed = bytearray(path.read_bytes())
    changed[-20] ^= 0x01  # same size: only the tag can tell
    path.write_bytes(bytes(changed))
    response = _download(client, party_officer, evidence)
    assert response.status_code == 409
    assert "篡改" in response.content.decode()
    assert b"%PDF" not in response.content
    assert not AuditEvent.objects.filter(action="evidence_downloaded").exists()


def test_a_plaintext_file_put_in_place_of_the_ciphertext_is_refused(client, party_officer, cadre_same_unit, settings):
    content = pdf_bytes()
    evidence = _talk_attachment(party_officer, cadre_same_unit, content)
    path = Path(settings.MEDIA_ROOT) / evidence.stored_path
    path.write_bytes(content + b" " * (crypto.encrypted_size(len(content)) - len(content)))
    assert _download(client, party_officer, evidence).status_code == 409


def test_the_migration_encrypts_files_stored_before_it(client, party_officer, cadre_same_unit, settings):
    content = pdf_bytes("旧文件")
    evidence = _talk_attachment(party_officer, cadre_same_unit, content)
    path = Path(settings.MEDIA_ROOT) / evidence.stored_path
    path.write_bytes(content)  # as an upload before encryption left it
    migration = importlib.import_module("qinglian.evidence.migrations.0002_encrypt_existing_files")
    migration.encrypt(apps, None)
    migration.encrypt(apps, None)  # a re-run leaves encrypted files alone
    assert path.read_bytes().startswith(crypto.FILE_MAGIC) and b"%PDF" not in path.read_bytes()
    assert b"".join(_download(client, party_officer, evidence).streaming_content) == content
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left beside it
