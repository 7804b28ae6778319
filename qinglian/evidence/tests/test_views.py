"""The evidence pages: upload (htmx and plain), panel, download, preview, delete — and who may do what."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from qinglian.audit.models import AuditEvent
from qinglian.core import crypto
from qinglian.evidence import services
from qinglian.evidence.models import Evidence
from qinglian.evidence.tests.files import exe_bytes, pdf_bytes, png_bytes, stored_files, upload, xlsx_bytes

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _upload_url(person) -> str:
    return reverse("evidence_upload", args=["org.person", person.pk])


def _post_file(client, person, name, content, **extra):
    data = {"file": upload(name, content), "note": "说明", "next": "/org/people/"}
    return client.post(_upload_url(person), data, **extra)


def _attached(person, by, name="会议纪要.pdf", content=None) -> Evidence:
    return services.evidence_attach(target=person, upload=upload(name, content or pdf_bytes()), by=by)


# --- upload ---------------------------------------------------------------------------------------------


def test_it_uploads_a_pdf_with_htmx_and_returns_the_refreshed_panel(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    response = _post_file(client, cadre_same_unit.person, "会议纪要.pdf", pdf_bytes(), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="evidence-panel"' in html
    assert "已上传：会议纪要.pdf" in html
    assert "<html" not in html  # a partial, not a page
    evidence = Evidence.objects.get()
    assert evidence.sha256 == hashlib.sha256(pdf_bytes()).hexdigest()
    assert evidence.short_sha in html


def test_without_javascript_an_upload_redirects_back_with_a_message(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    response = _post_file(client, cadre_same_unit.person, "会议纪要.pdf", pdf_bytes())
    assert response.status_code == 302
    assert response["Location"] == "/org/people/"
    assert Evidence.objects.count() == 1


def test_an_outside_next_is_not_followed(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    data = {"file": upload("a.pdf", pdf_bytes()), "next": "https://evil.example/"}
    response = client.post(_upload_url(cadre_same_unit.person), data)
    assert response["Location"] == reverse("evidence_panel", args=["org.person", cadre_same_unit.person.pk])


def test_the_same_file_twice_makes_one_row_and_says_so(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    _post_file(client, cadre_same_unit.person, "会议纪要.pdf", pdf_bytes(), **HTMX)
    html = _post_file(client, cadre_same_unit.person, "副本.pdf", pdf_bytes(), **HTMX).content.decode()
    assert "未重复保存" in html
    assert Evidence.objects.count() == 1


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_written(client, party_officer, cadre_same_unit, media):
    client.force_login(party_officer)
    response = _post_file(client, cadre_same_unit.person, "会议纪要.pdf", exe_bytes(), **HTMX)
    assert response.status_code == 200
    assert "文件内容与扩展名不符" in response.content.decode()
    assert Evidence.all_objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("logo.txt", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_html_and_svg_are_refused(client, party_officer, cadre_same_unit, media, name, content):
    client.force_login(party_officer)
    html = _post_file(client, cadre_same_unit.person, name, content, **HTMX).content.decode()
    assert 'data-testid="evidence-error"' in html
    assert Evidence.all_objects.count() == 0
    assert stored_files(media) == []


def test_an_upload_over_the_limit_is_stopped_while_it_arrives(client, party_officer, cadre_same_unit, media, settings):
    settings.QINGLIAN_EVIDENCE_MAX_BYTES = 1024
    client.force_login(party_officer)
    response = _post_file(client, cadre_same_unit.person, "大.pdf", pdf_bytes("x" * 5000), **HTMX)
    assert "文件超过大小上限（1 KB）" in response.content.decode()
    assert Evidence.all_objects.count() == 0
    assert stored_files(media) == []


def test_upload_needs_a_csrf_token(party_officer, cadre_same_unit):
    client = Client(enforce_csrf_checks=True)
    client.force_login(party_officer)
    response = _post_file(client, cadre_same_unit.person, "a.pdf", pdf_bytes(), **HTMX)
    assert response.status_code == 403
    assert Evidence.objects.count() == 0


def test_upload_with_the_csrf_header_htmx_sends_is_accepted(party_officer, cadre_same_unit):
    client = Client(enforce_csrf_checks=True)
    client.force_login(party_officer)
    client.get(reverse("person_detail", args=[cadre_same_unit.person.pk]))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = _post_file(client, cadre_same_unit.person, "a.pdf", pdf_bytes(), HTTP_X_CSRFTOKEN=token, **HTMX)
    assert response.status_code == 200
    assert Evidence.objects.count() == 1


def test_upload_rejects_get(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    assert client.get(_upload_url(cadre_same_unit.person)).status_code == 405


def test_a_unit_head_cannot_upload_to_a_person_of_their_unit(client, unit_head, cadre_same_unit, media):
    client.force_login(unit_head)
    response = _post_file(client, cadre_same_unit.person, "a.pdf", pdf_bytes(), **HTMX)
    assert response.status_code == 403
    assert stored_files(media) == []


def test_an_unregistered_model_is_404(client, party_officer, org):
    client.force_login(party_officer)
    response = client.get(reverse("evidence_panel", args=["org.unit", org.unit_a.pk]))
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer)
    response = Client().get(reverse("evidence_download", args=[evidence.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- download and preview ------------------------------------------------------------------------------


def test_a_pdf_downloads_as_an_attachment_with_its_chinese_name(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(cadre_same_unit)  # a cadre reads their own record
    response = client.get(reverse("evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == evidence.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evidence-{evidence.pk}.pdf"; '
        "filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_png_previews_inline_in_a_sandbox(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer, name="签到.png", content=png_bytes())
    client.force_login(party_officer)
    response = client.get(reverse("evidence_preview", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline; ")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "img-src 'self'" in csp
    assert csp.endswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_previews_inline_without_scripts(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(party_officer)
    response = client.get(reverse("evidence_preview", args=[evidence.pk]))
    assert response["Content-Disposition"].startswith("inline; ")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src" not in csp


def test_office_files_cannot_be_previewed(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer, name="表.xlsx", content=xlsx_bytes())
    client.force_login(party_officer)
    response = client.get(reverse("evidence_preview", args=[evidence.pk]))
    assert response.status_code == 400
    assert "不能在线预览" in response.content.decode()


def test_a_cadre_of_another_unit_gets_404_for_evidence_of_a_person_they_cannot_see(
    client, party_officer, cadre_same_unit, cadre_other_unit
):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(cadre_other_unit)
    for name in ("evidence_download", "evidence_preview"):
        response = client.get(reverse(name, args=[evidence.pk]))
        assert response.status_code == 404
        assert "佐证材料不存在或无权查看" in response.content.decode()
    assert client.get(reverse("evidence_panel", args=["org.person", cadre_same_unit.person.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="evidence_downloaded").exists()


def test_the_files_are_never_reachable_under_a_media_or_static_url(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(party_officer)
    for prefix in ("/media/", "/static/", "/"):
        assert client.get(prefix + evidence.stored_path).status_code == 404


# --- delete --------------------------------------------------------------------------------------------


def test_a_unit_head_can_read_but_not_delete(client, party_officer, unit_head, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(unit_head)
    assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 200
    response = client.post(reverse("evidence_delete", args=[evidence.pk]), **HTMX)
    assert response.status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_delete_is_soft_the_file_stays_and_it_leaves_the_panel(client, party_officer, cadre_same_unit, settings):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(party_officer)
    html = client.post(reverse("evidence_delete", args=[evidence.pk]), **HTMX).content.decode()
    assert "已删除：会议纪要.pdf" in html
    assert 'data-testid="evidence-item"' not in html
    row = Evidence.all_objects.get(pk=evidence.pk)
    assert row.deleted_at is not None
    with (Path(settings.MEDIA_ROOT) / row.stored_path).open("rb") as handle:
        assert b"".join(crypto.decrypt_segments(handle)) == pdf_bytes()  # kept, and still encrypted
    panel = client.get(reverse("evidence_panel", args=["org.person", cadre_same_unit.person.pk])).content.decode()
    assert "会议纪要.pdf" not in panel
    assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 404


def test_delete_rejects_get(client, party_officer, cadre_same_unit):
    evidence = _attached(cadre_same_unit.person, party_officer)
    client.force_login(party_officer)
    assert client.get(reverse("evidence_delete", args=[evidence.pk])).status_code == 405


# --- audit ---------------------------------------------------------------------------------------------


def test_upload_download_and_delete_are_audited(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    _post_file(client, cadre_same_unit.person, "会议纪要.pdf", pdf_bytes(), **HTMX)
    evidence = Evidence.objects.get()
    b"".join(client.get(reverse("evidence_download", args=[evidence.pk])).streaming_content)
    client.post(reverse("evidence_delete", args=[evidence.pk]), **HTMX)
    events = list(AuditEvent.objects.filter(action__startswith="evidence_").order_by("seq"))
    assert [e.action for e in events] == ["evidence_uploaded", "evidence_downloaded", "evidence_deleted"]
    for event in events:
        assert event.success
        assert event.actor == party_officer
        assert event.organ_id == cadre_same_unit.person.organ_id
        assert (event.target_type, event.target_id) == ("evidence.evidence", str(evidence.pk))
        assert event.detail["sha256"] == evidence.sha256
        assert event.ip == "127.0.0.1"


# --- the panel and its template tag --------------------------------------------------------------------


def _render_tag(user, person) -> str:
    request = RequestFactory().get(f"/org/people/{person.pk}/")
    request.user = user
    return Template("{% load evidence %}{% evidence_panel person %}").render(
        Context({"request": request, "person": person})
    )


def test_the_tag_shows_the_upload_form_to_a_writer_only(party_officer, unit_head, cadre_same_unit):
    _attached(cadre_same_unit.person, party_officer, name="签到.png", content=png_bytes())
    writer = _render_tag(party_officer, cadre_same_unit.person)
    assert 'hx-encoding="multipart/form-data"' in writer
    assert "data-upload-progress" in writer  # core/actions.js draws the bar (no hx-on: the policy allows no eval)
    assert "删除" in writer
    reader = _render_tag(unit_head, cadre_same_unit.person)
    assert "签到.png" in reader
    assert "预览" in reader
    assert 'data-testid="evidence-upload"' not in reader
    assert "evidence_delete" not in reader and "/delete/" not in reader


def test_the_tag_renders_nothing_for_a_person_the_user_cannot_see(party_officer, cadre_same_unit, cadre_other_unit):
    _attached(cadre_same_unit.person, party_officer)
    assert _render_tag(cadre_other_unit, cadre_same_unit.person).strip() == ""
