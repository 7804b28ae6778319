"""evidence_attach / evidence_delete / evidence_open: storage, hashing, refusals and the one-unit rule."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.db import IntegrityError

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput, NotFound
from qinglian.evidence import services
from qinglian.evidence.models import Evidence
from qinglian.evidence.tests.files import docx_bytes, exe_bytes, pdf_bytes, png_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


def _attach(person, by, name="会议纪要.pdf", content=None, **kwargs):
    return services.evidence_attach(target=person, upload=upload(name, content or pdf_bytes()), by=by, **kwargs)


def test_it_stores_a_pdf_under_media_root_by_its_hash(party_officer, cadre_same_unit, media, settings):
    content = pdf_bytes()
    evidence = _attach(cadre_same_unit.person, party_officer, note="廉政谈话记录")
    sha = hashlib.sha256(content).hexdigest()
    assert (evidence.sha256, evidence.size) == (sha, len(content))
    assert (evidence.kind, evidence.mime) == ("pdf", "application/pdf")
    assert evidence.original_name == "会议纪要.pdf"
    assert evidence.organ_id == cadre_same_unit.person.organ_id
    assert evidence.target == cadre_same_unit.person
    path = Path(settings.MEDIA_ROOT) / evidence.stored_path
    assert content not in path.read_bytes() and b"%PDF" not in path.read_bytes()  # encrypted at rest
    assert evidence.stored_path.startswith(f"evidence/{evidence.organ_id}/")
    assert f"/{sha[:2]}/{sha}-" in evidence.stored_path
    assert "会议纪要" not in evidence.stored_path  # never the uploader's name
    assert Path(settings.STATIC_ROOT) not in path.parents
    assert stored_files(media) == [path]  # nothing left behind in the staging directory


def test_it_reuses_the_row_when_the_same_file_is_attached_twice(party_officer, cadre_same_unit, media):
    first = _attach(cadre_same_unit.person, party_officer)
    second = _attach(cadre_same_unit.person, party_officer, name="同一文件改了名.pdf")
    assert second.pk == first.pk
    assert second.reused is True
    assert first.reused is False
    assert Evidence.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_the_same_file_on_another_record_is_a_new_row(party_officer, cadre_same_unit, cadre_other_unit):
    _attach(cadre_same_unit.person, party_officer)
    other = _attach(cadre_other_unit.person, party_officer)
    assert other.reused is False
    assert Evidence.objects.count() == 2


def test_it_refuses_an_executable_renamed_pdf_and_writes_nothing(party_officer, cadre_same_unit, media):
    with pytest.raises(InvalidInput, match="文件内容与扩展名不符"):
        _attach(cadre_same_unit.person, party_officer, name="会议纪要.pdf", content=exe_bytes())
    assert Evidence.all_objects.count() == 0
    assert stored_files(media) == []
    refused = AuditEvent.objects.get(action="evidence_uploaded")
    assert refused.success is False
    assert "扩展名不符" in refused.detail["reason"]


def test_it_refuses_a_file_over_the_limit_without_keeping_it(party_officer, cadre_same_unit, media, settings):
    settings.QINGLIAN_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(InvalidInput, match="文件超过大小上限"):
        _attach(cadre_same_unit.person, party_officer, content=pdf_bytes("x" * 200))
    assert Evidence.all_objects.count() == 0
    assert stored_files(media) == []


def test_it_counts_the_bytes_itself_when_the_upload_does_not_say_its_size(party_officer, cadre_same_unit, settings):
    settings.QINGLIAN_EVIDENCE_MAX_BYTES = 100

    class Stream:  # an API caller's file object: a name and read(), no size
        name = "大.pdf"

        def __init__(self) -> None:
            self.parts = [pdf_bytes("x" * 200)]

        def read(self, n: int) -> bytes:
            return self.parts.pop() if self.parts else b""

    with pytest.raises(InvalidInput, match="文件超过大小上限"):
        services.evidence_attach(target=cadre_same_unit.person, upload=Stream(), by=party_officer)


def test_it_refuses_kinds_left_out_of_the_setting(party_officer, cadre_same_unit, settings):
    settings.QINGLIAN_EVIDENCE_TYPES = ["pdf"]
    with pytest.raises(InvalidInput, match="不接收PNG 图片"):
        _attach(cadre_same_unit.person, party_officer, name="a.png", content=png_bytes())


def test_it_recognises_a_docx_attached_whole(party_officer, cadre_same_unit):
    evidence = _attach(cadre_same_unit.person, party_officer, name="谈话记录.docx", content=docx_bytes())
    assert evidence.kind == "docx"


def test_it_removes_the_file_when_the_row_cannot_be_written(party_officer, cadre_same_unit, media, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(Evidence, "save", broken_save)
    monkeypatch.setattr(services, "_live_copy", lambda *a, **k: None)
    with pytest.raises(Exception, match="冲突"):
        _attach(cadre_same_unit.person, party_officer)
    assert stored_files(media) == []


def test_it_removes_the_file_when_the_audit_cannot_be_written(party_officer, cadre_same_unit, media, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        _attach(cadre_same_unit.person, party_officer)
    assert Evidence.all_objects.count() == 0
    assert stored_files(media) == []


def test_it_requires_write_access_to_the_record(unit_head, cadre_same_unit, media):
    with pytest.raises(Forbidden):
        _attach(cadre_same_unit.person, unit_head)
    assert stored_files(media) == []


def test_delete_is_soft_and_keeps_the_file(party_officer, cadre_same_unit, settings):
    evidence = _attach(cadre_same_unit.person, party_officer)
    services.evidence_delete(evidence=evidence, by=party_officer)
    row = Evidence.all_objects.get(pk=evidence.pk)
    assert row.deleted_at is not None
    assert row.deleted_by == party_officer
    assert (Path(settings.MEDIA_ROOT) / row.stored_path).exists()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert AuditEvent.objects.filter(action="evidence_deleted", success=True).count() == 1


def test_the_same_file_can_be_attached_again_after_a_delete(party_officer, cadre_same_unit):
    first = _attach(cadre_same_unit.person, party_officer)
    services.evidence_delete(evidence=first, by=party_officer)
    again = _attach(cadre_same_unit.person, party_officer)
    assert again.pk != first.pk
    assert again.reused is False


def test_open_returns_the_bytes_and_writes_the_audit(party_officer, cadre_same_unit):
    evidence = _attach(cadre_same_unit.person, party_officer)
    with services.evidence_open(evidence=evidence, user=cadre_same_unit) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == evidence.sha256
    event = AuditEvent.objects.get(action="evidence_downloaded")
    assert event.actor == cadre_same_unit
    assert event.detail["sha256"] == evidence.sha256


def test_open_refuses_a_stored_path_outside_the_store(party_officer, cadre_same_unit):
    evidence = _attach(cadre_same_unit.person, party_officer)
    evidence.stored_path = "../../etc/passwd"
    with pytest.raises(NotFound):
        services.evidence_open(evidence=evidence, user=party_officer)


def test_open_refuses_a_file_changed_on_disk(party_officer, cadre_same_unit, settings):
    evidence = _attach(cadre_same_unit.person, party_officer)
    (Path(settings.MEDIA_ROOT) / evidence.stored_path).write_bytes(b"%PDF-1.4 tampered and longer")
    with pytest.raises(Exception, match="大小不一致"):
        services.evidence_open(evidence=evidence, user=party_officer)


def test_open_refuses_a_user_who_cannot_see_the_record(party_officer, cadre_same_unit, cadre_other_unit):
    evidence = _attach(cadre_same_unit.person, party_officer)
    with pytest.raises(NotFound, match="佐证材料不存在或无权查看"):
        services.evidence_open(evidence=evidence, user=cadre_other_unit)


def test_clean_name_drops_directories_and_control_characters():
    assert services.clean_name("..\\..\\系统\\报\x00告\n.pdf") == "报告.pdf"
    assert services.clean_name("") == "未命名"
    assert len(services.clean_name("长" * 300 + ".pdf")) <= 255
    assert services.clean_name("长" * 300 + ".pdf").endswith(".pdf")
