"""The 公文审校 pages: paste, upload, highlight, accept/ignore, 本机关不再提示, terms, permissions, bad input."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qinglian.audit.models import AuditEvent
from qinglian.docreview.choices import TermKind
from qinglian.docreview.models import DocumentCheck, OrganTerm
from qinglian.docreview.tests.conftest import CLEAN, WRONG, client_for, docx_bytes, has_chinese, zip_bomb
from qinglian.org.tests.factories import OrganFactory, PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _paste(client, text: str = WRONG, **extra):
    return client.post(reverse("docreview_new"), {"text": text, "min_severity": "建议", **extra})


def _upload(client, name: str, data: bytes):
    return client.post(reverse("docreview_new"), {"file": SimpleUploadedFile(name, data), "min_severity": "建议"})


def _rules(check: DocumentCheck) -> list[str]:
    return [issue["rule"] for issue in check.issues]


# --- paste and highlight ----------------------------------------------------------------------------


def test_pasted_text_is_checked_and_the_issue_highlighted(cadre_same_unit):
    client = client_for(cadre_same_unit)
    response = _paste(client)
    check = DocumentCheck.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("docreview_detail", args=[check.pk])
    assert "PUNC-001" in _rules(check) and check.error_count >= 1 and check.source == "paste"
    page = client.get(response["Location"]).content.decode()
    assert '<a class="dr-mark dr-punct' in page and "PUNC-001" in page and "GB/T 15834" in page
    assert "建议改为：<strong>，</strong>" in page


def test_the_text_of_a_pasted_document_is_escaped_on_the_page(cadre_same_unit):
    client = client_for(cadre_same_unit)
    client.post(
        reverse("docreview_new"), {"text": "<img src=x onerror=alert(1)>各单位,抓好落实。", "min_severity": "建议"}
    )
    page = client.get(reverse("docreview_detail", args=[DocumentCheck.objects.get().pk])).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_min_severity_error_leaves_out_suggestions(cadre_same_unit):
    client = client_for(cadre_same_unit)
    client.post(reverse("docreview_new"), {"text": "1、总体要求\n2、工作任务", "min_severity": "错误"})
    assert DocumentCheck.objects.get().suggestion_count == 0


def test_the_category_filter_keeps_only_that_category(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _paste(client, "各单位要认真学习,抓好落实。要坚持党风廉正建设。")
    url = reverse("docreview_detail", args=[DocumentCheck.objects.get().pk])
    page = client.get(url, {"category": "标点"}).content.decode()
    assert "PUNC-001" in page and "TYPO-001" not in page


# --- .docx ----------------------------------------------------------------------------------------


def test_an_uploaded_docx_is_stored_and_downloads_with_word_comments(cadre_same_unit):
    client = client_for(cadre_same_unit)
    response = _upload(client, "关于学习的通知.docx", docx_bytes("关于学习的通知", WRONG))
    check = DocumentCheck.objects.get()
    assert response.status_code == 302 and check.source == "docx" and check.is_docx
    assert "PUNC-001" in _rules(check) and check.file_name == "关于学习的通知.docx"
    download = client.get(reverse("docreview_download", args=[check.pk, "commented"]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as zf:
        assert "word/comments.xml" in zf.namelist()
        assert "PUNC-001" in zf.read("word/comments.xml").decode()
    from docx import Document

    Document(io.BytesIO(download.content))  # opens cleanly
    assert AuditEvent.objects.filter(action="export", target_id=str(check.pk)).exists()


def test_the_fixed_docx_has_the_accepted_suggestion_applied(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _upload(client, "通知.docx", docx_bytes(WRONG))
    check = DocumentCheck.objects.get()
    from docx import Document

    client.post(reverse("docreview_decide", args=[check.pk, _rules(check).index("PUNC-001")]), {"decision": "accepted"})
    fixed = client.get(reverse("docreview_download", args=[check.pk, "fixed"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(fixed.content)).paragraphs)
    assert CLEAN in text


def test_a_pasted_check_downloads_as_docx_too(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _paste(client)
    response = client.get(reverse("docreview_download", args=[DocumentCheck.objects.get().pk, "commented"]))
    assert (
        response.status_code == 200
        and "PUNC-001" in zipfile.ZipFile(io.BytesIO(response.content)).read("word/comments.xml").decode()
    )


def test_an_unknown_download_is_404(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _paste(client)
    response = client.get(reverse("docreview_download", args=[DocumentCheck.objects.get().pk, "pdf"]))
    assert response.status_code == 404


# --- accept / ignore / whitelist ------------------------------------------------------------------


def test_accept_and_ignore_persist_and_answer_htmx_with_the_card(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _paste(client, "各单位要认真学习,抓好落实,推动工作。")
    check = DocumentCheck.objects.get()
    url0 = reverse("docreview_decide", args=[check.pk, 0])
    response = client.post(url0, {"decision": "accepted"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="issue-0"' in response.content.decode()
    assert 'hx-swap-oob="true"' in response.content.decode()
    client.post(reverse("docreview_decide", args=[check.pk, 1]), {"decision": "ignored"})
    check.refresh_from_db()
    assert check.decisions == {"0": "accepted", "1": "ignored"}
    client.post(url0, {"decision": ""})
    check.refresh_from_db()
    assert check.decisions == {"1": "ignored"}


def test_an_unknown_decision_or_issue_is_refused(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _paste(client)
    check = DocumentCheck.objects.get()
    assert client.post(reverse("docreview_decide", args=[check.pk, 0]), {"decision": "maybe"}).status_code == 400
    assert client.post(reverse("docreview_decide", args=[check.pk, 99]), {"decision": "ignored"}).status_code == 404


def test_never_flag_this_whitelists_for_the_organ_only_and_is_audited(cadre_same_unit, cadre_other_unit):
    client = client_for(cadre_same_unit)
    _paste(client)
    check = DocumentCheck.objects.get()
    index = _rules(check).index("PUNC-001")
    client.post(reverse("docreview_whitelist", args=[check.pk, index]))
    term = OrganTerm.objects.get(kind=TermKind.WHITELIST)
    assert term.organ_id == check.organ_id and term.rule == "PUNC-001" and "," in term.text and len(term.text) > 1
    event = AuditEvent.objects.get(action="whitelist_added")
    assert event.detail["rule"] == "PUNC-001" and event.detail["phrase"] == term.text
    check.refresh_from_db()
    assert check.decisions[str(index)] == "ignored"
    # A colleague of the same organ is no longer told; another organ still is.
    _paste(client_for(cadre_other_unit))
    assert "PUNC-001" not in _rules(DocumentCheck.objects.latest("id"))
    organ = OrganFactory(code="other-organ", name="另一机关", short_name="另")
    stranger = UserFactory(
        username="stranger",
        organ=organ,
        person=PersonFactory(organ=organ, unit=UnitFactory(organ=organ, name="办公室")),
    )
    _paste(client_for(stranger))
    assert "PUNC-001" in _rules(DocumentCheck.objects.latest("id"))


def test_the_officer_can_read_a_colleagues_check_but_not_decide_on_it(party_officer, cadre_same_unit):
    _paste(client_for(cadre_same_unit))
    check = DocumentCheck.objects.get()
    officer = client_for(party_officer)
    assert officer.get(reverse("docreview_detail", args=[check.pk])).status_code == 200
    assert officer.post(reverse("docreview_decide", args=[check.pk, 0]), {"decision": "ignored"}).status_code == 403
    assert officer.post(reverse("docreview_whitelist", args=[check.pk, 0])).status_code == 403
    assert not OrganTerm.objects.exists()


# --- the organ's terms ----------------------------------------------------------------------------


def test_a_banned_word_added_by_the_officer_is_flagged_in_the_next_check(party_officer, cadre_same_unit):
    officer = client_for(party_officer)
    response = officer.post(reverse("docreview_terms"), {"kind": "banned", "text": "某某集团", "replacement": ""})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="parameter_changed").exists()
    _paste(client_for(cadre_same_unit), "感谢某某集团的支持。")
    assert "ORG-002" in _rules(DocumentCheck.objects.get())


def test_an_organ_term_flags_the_wrong_form_with_the_right_one(party_officer, cadre_same_unit):
    term = {"kind": "term", "text": "人大办", "replacement": "常委会办公厅"}
    client_for(party_officer).post(reverse("docreview_terms"), term)
    _paste(client_for(cadre_same_unit), "请人大办牵头落实。")
    issue = next(i for i in DocumentCheck.objects.get().issues if i["rule"] == "ORG-001")
    assert issue["suggestion"] == "常委会办公厅"


def test_a_term_without_its_right_form_is_refused_in_chinese(party_officer):
    response = client_for(party_officer).post(reverse("docreview_terms"), {"kind": "term", "text": "人大办"})
    assert response.status_code == 400 and "正确写法" in response.content.decode()
    assert not OrganTerm.objects.exists()


def test_removing_a_term_is_a_soft_delete_and_stops_it_applying(party_officer, cadre_same_unit):
    officer = client_for(party_officer)
    officer.post(reverse("docreview_terms"), {"kind": "banned", "text": "某某集团"})
    term = OrganTerm.objects.get()
    assert officer.post(reverse("docreview_term_remove", args=[term.pk])).status_code == 302
    term.refresh_from_db()
    assert term.deleted_at is not None and term.deleted_by == party_officer
    _paste(client_for(cadre_same_unit), "感谢某某集团的支持。")
    assert "ORG-002" not in _rules(DocumentCheck.objects.get())


def test_the_terms_export_as_excel(party_officer):
    client = client_for(party_officer)
    client.post(reverse("docreview_terms"), {"kind": "banned", "text": "某某集团"})
    response = client.get(reverse("docreview_terms"), {"format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_a_cadre_reads_the_terms_but_cannot_edit_them(cadre_same_unit, party_officer):
    client_for(party_officer).post(reverse("docreview_terms"), {"kind": "banned", "text": "某某集团"})
    client = client_for(cadre_same_unit)
    page = client.get(reverse("docreview_terms"))
    assert page.status_code == 200 and "某某集团" in page.content.decode()
    assert client.post(reverse("docreview_terms"), {"kind": "banned", "text": "甲乙"}).status_code == 403
    term = OrganTerm.objects.get()
    assert client.post(reverse("docreview_term_remove", args=[term.pk])).status_code == 403
    assert OrganTerm.objects.alive().count() == 1


# --- who sees what --------------------------------------------------------------------------------


def test_a_cadre_cannot_see_another_persons_check(cadre_same_unit, cadre_other_unit, unit_head):
    _paste(client_for(cadre_same_unit))
    url = reverse("docreview_detail", args=[DocumentCheck.objects.get().pk])
    assert client_for(cadre_other_unit).get(url).status_code == 404
    assert client_for(unit_head).get(url).status_code == 404  # heading the unit does not open colleagues' drafts


@pytest.mark.parametrize("admin", ["sysadmin", "secadmin", "auditadmin"])
def test_administrators_have_no_access(persona, admin, cadre_same_unit):
    _paste(client_for(cadre_same_unit))
    client = client_for(persona(admin))
    assert client.get(reverse("docreview_new")).status_code == 403
    assert client.get(reverse("docreview_list")).status_code == 403
    assert client.get(reverse("docreview_detail", args=[DocumentCheck.objects.get().pk])).status_code == 403


def test_the_list_shows_my_checks_and_the_officer_may_see_the_organs(party_officer, cadre_same_unit):
    _paste(client_for(cadre_same_unit))
    officer = client_for(party_officer)
    assert "还没有校对记录" in officer.get(reverse("docreview_list")).content.decode()
    assert "cadre_same_unit" in officer.get(reverse("docreview_list"), {"scope": "organ"}).content.decode()
    assert "粘贴文本" in client_for(cadre_same_unit).get(reverse("docreview_list")).content.decode()


def test_the_menu_offers_the_section_to_business_users_only(cadre_same_unit, sysadmin):
    assert "公文审校" in client_for(cadre_same_unit).get("/").content.decode()
    assert "公文审校" not in client_for(sysadmin).get("/").content.decode()


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("通知.docx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, 400, "不是 .docx"),
        ("通知.docx", b"", 400, "空文件"),
        ("通知.txt", b"   \n", 400, "为空"),
        ("通知.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, 400, "加密"),
        ("通知.docx", b"PK\x03\x04" + b"garbage" * 30, 400, "损坏"),
        ("通知.docx", zip_bomb(), 400, "压缩炸弹"),
    ],
    ids=["renamed-exe", "empty-upload", "blank-txt", "encrypted", "corrupt", "zip-bomb"],
)
def test_bad_files_get_a_chinese_error_and_store_nothing(cadre_same_unit, name, data, status, words):
    response = _upload(client_for(cadre_same_unit), name, data)
    assert response.status_code == status
    error = response.context["error"] or response.context["form"].non_field_errors()
    assert has_chinese(str(error)) and words in str(error)
    assert not DocumentCheck.objects.exists()


def test_an_oversized_upload_is_stopped_while_uploading(cadre_same_unit, settings):
    settings.QINGLIAN_PROOFREAD_MAX_BYTES = 1024
    response = _upload(client_for(cadre_same_unit), "通知.txt", (WRONG * 200).encode())
    assert response.status_code == 413 and "大小上限" in response.context["error"]
    assert not DocumentCheck.objects.exists()


def test_a_gbk_text_file_is_decoded_and_checked(cadre_same_unit):
    response = _upload(client_for(cadre_same_unit), "通知.txt", WRONG.encode("gbk"))
    check = DocumentCheck.objects.get()
    assert response.status_code == 302 and check.source == "txt" and check.text == WRONG
    assert "PUNC-001" in _rules(check)


def test_a_clean_text_shows_no_issues(cadre_same_unit):
    client = client_for(cadre_same_unit)
    _paste(client, CLEAN)
    page = client.get(reverse("docreview_detail", args=[DocumentCheck.objects.get().pk])).content.decode()
    assert 'data-testid="no-issues"' in page
