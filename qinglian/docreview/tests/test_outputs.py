"""Issue #15 on the page, the API and the downloads: suggestions folded away, where each finding came from,
the 成文日期, the organ's own words never flagged, and the .docx outputs of pasted text — comments, and a
fixed copy with only the accepted fixes, plain or as tracked changes."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qinglian.audit.models import AuditEvent
from qinglian.docreview import runner
from qinglian.docreview.models import DocumentCheck
from qinglian.docreview.tests.conftest import CLEAN, WRONG, client_for, docx_bytes, has_chinese

pytestmark = pytest.mark.django_db
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# WRONG = "各单位要认真学习,抓好落实。": an error on the comma, a suggestion on 认真 (from a knowledge-base entry).
ERROR = {
    "start": 8,
    "end": 9,
    "text": ",",
    "category": "标点",
    "severity": "错误",
    "message": "中文文本中的“,”应为全角“，”",
    "suggestion": "，",
    "rule": "PUNC-001",
    "basis": "GB/T 15834-2011 第4.1条",
    "paragraph": None,
    "run": None,
    "confidence": 0.95,
    "entry": "",
}
SUGGESTION = {
    **ERROR,
    "start": 4,
    "end": 6,
    "text": "认真",
    "category": "政治",
    "severity": "建议",
    "message": "规范表述宜为“切实”",
    "suggestion": "切实",
    "rule": "TF-001",
    "basis": "党的二十大报告 第十三部分",
    "confidence": 0.6,
    "entry": "tf-0123",
}
OLD_SUGGESTION = {k: v for k, v in SUGGESTION.items() if k not in ("confidence", "entry")}  # stored before #15


def _stored(user, issues, *, decisions=None, text=WRONG, source="paste") -> DocumentCheck:
    errors = sum(1 for i in issues if i["severity"] == "错误")
    return DocumentCheck.objects.create(
        organ_id=user.organ_id,
        user=user,
        source=source,
        sha256="0" * 64,
        chars=len(text),
        text=text,
        issues=issues,
        decisions=decisions or {},
        error_count=errors,
        suggestion_count=len(issues) - errors,
        category_counts={},
    )


def _page(client, check) -> str:
    return client.get(reverse("docreview_detail", args=[check.pk])).content.decode()


def _download(client, check, kind: str, **params):
    return client.get(reverse("docreview_download", args=[check.pk, kind]), params)


def _docx_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return zf.read("word/document.xml").decode()


def _comments(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return zf.read("word/comments.xml").decode() if "word/comments.xml" in zf.namelist() else ""


def _paragraphs(content: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


# --- 1. suggestions folded away ------------------------------------------------------------------------


def test_the_page_shows_errors_and_folds_suggestions_with_their_count(cadre_same_unit):
    client = client_for(cadre_same_unit)
    page = _page(client, _stored(cadre_same_unit, [SUGGESTION, ERROR]))
    folded = page[page.index('data-testid="suggestions"') :]
    errors = page[page.index('data-testid="error-count"') : page.index('data-testid="suggestions"')]
    assert re.search(r"<details[^>]*data-testid=\"suggestions\"", page) and "<details open" not in page
    assert 'id="issue-1"' in errors and 'id="issue-0"' not in errors  # the error above, the suggestion folded
    assert 'id="issue-0"' in folded and re.search(r'data-testid="suggestion-count">1<', page)
    assert "dr-soft" in page  # the suggestion's words are marked lightly in the text


def test_a_check_stored_before_confidence_existed_still_displays(cadre_same_unit):
    client = client_for(cadre_same_unit)
    old_error = {k: v for k, v in ERROR.items() if k not in ("confidence", "entry")}
    check = _stored(cadre_same_unit, [OLD_SUGGESTION, old_error])
    page = _page(client, check)
    assert 'data-testid="suggestions"' in page and "PUNC-001" in page and "置信度" not in page
    body = client.get(f"/api/proofread/{check.pk}", {"include_suggestions": "1"}).json()
    assert [(i["index"], i["confidence"], i["entry"]) for i in body["issues"]] == [(0, None, ""), (1, None, "")]


def test_the_api_lists_errors_unless_suggestions_are_asked_for(cadre_same_unit):
    client = client_for(cadre_same_unit)
    check = _stored(cadre_same_unit, [SUGGESTION, ERROR], decisions={"0": "accepted"})
    default = client.get(f"/api/proofread/{check.pk}").json()
    assert [i["index"] for i in default["issues"]] == [1] and default["suggestions_included"] is False
    assert default["counts"]["severity"] == {"错误": 1, "建议": 1}
    full = client.get(f"/api/proofread/{check.pk}", {"include_suggestions": "1"}).json()
    assert [(i["index"], i["decision"]) for i in full["issues"]] == [(0, "accepted"), (1, "")]
    assert full["suggestions_included"] is True


def test_post_answers_errors_only_by_default_too(cadre_same_unit, monkeypatch):
    def fake_check(text, *, options=None):
        return [runner.issue_from_dict(SUGGESTION), runner.issue_from_dict(ERROR)]

    monkeypatch.setattr(runner.proofread, "check_text", fake_check)
    client = client_for(cadre_same_unit)
    post = lambda **q: client.post(  # noqa: E731
        "/api/proofread" + ("?include_suggestions=1" if q else ""),
        data=json.dumps({"text": WRONG}),
        content_type="application/json",
    )
    assert [i["rule"] for i in post().json()["issues"]] == ["PUNC-001"]
    assert [i["rule"] for i in post(all=True).json()["issues"]] == ["TF-001", "PUNC-001"]


def test_the_openapi_document_describes_include_suggestions(cadre_same_unit):
    schema = client_for(cadre_same_unit).get("/api/openapi.json").json()
    operations = [
        op for path, ops in schema["paths"].items() if path.startswith("/api/proofread") for op in ops.values()
    ]
    params = [p for op in operations for p in op.get("parameters", []) if p["name"] == "include_suggestions"]
    assert len(params) == 2 and all("建议" in p.get("description", "") for p in params)


# --- 2. where each finding came from ---------------------------------------------------------------------


def test_each_finding_shows_its_rule_entry_and_source_on_the_page_and_in_the_api(cadre_same_unit):
    client = client_for(cadre_same_unit)
    check = _stored(cadre_same_unit, [SUGGESTION, ERROR])
    page = _page(client, check)
    card = page[page.index('id="issue-0"') :]
    card = card[: card.index('data-testid="source"') + 400]
    assert "TF-001" in card and 'data-testid="entry">tf-0123<' in card and "党的二十大报告 第十三部分" in card
    assert "置信度 60%" in page and "置信度 95%" in page
    issue = client.get(f"/api/proofread/{check.pk}", {"include_suggestions": "1"}).json()["issues"][0]
    assert (issue["rule"], issue["entry"], issue["basis"], issue["confidence"]) == (
        "TF-001",
        "tf-0123",
        "党的二十大报告 第十三部分",
        0.6,
    )


# --- 3. the document's date ------------------------------------------------------------------------------


@pytest.fixture
def seen_options(monkeypatch):
    """The Options each check ran with."""
    seen = []
    real = runner.proofread.check_text

    def spy(text, *, options=None):
        seen.append(options)
        return real(text, options=options)

    monkeypatch.setattr(runner.proofread, "check_text", spy)
    return seen


def test_the_form_passes_the_document_date_to_the_engine_and_the_page_shows_it(cadre_same_unit, seen_options):
    client = client_for(cadre_same_unit)
    response = client.post(
        reverse("docreview_new"), {"text": WRONG, "min_severity": "建议", "document_date": "2016-05-04"}
    )
    check = DocumentCheck.objects.get()
    assert response.status_code == 302 and check.document_date == dt.date(2016, 5, 4)
    assert seen_options[-1].document_date == dt.date(2016, 5, 4)
    assert "2016年5月4日" in _page(client, check)


@pytest.mark.parametrize("value", ["2025-02-30", "明天", "1900-01-01", "20250305"])
def test_a_document_date_that_is_not_a_date_is_refused_in_chinese_and_nothing_stored(cadre_same_unit, value):
    client = client_for(cadre_same_unit)
    response = client.post(reverse("docreview_new"), {"text": WRONG, "min_severity": "建议", "document_date": value})
    assert response.status_code == 400 and "成文日期" in response.context["error"]
    body = client.post(
        "/api/proofread", data=json.dumps({"text": WRONG, "document_date": value}), content_type="application/json"
    )
    assert body.status_code == 400 and body.json()["code"] == "invalid" and "成文日期" in body.json()["message"]
    multipart = client.post(
        "/api/proofread", {"file": SimpleUploadedFile("a.txt", WRONG.encode()), "document_date": value}
    )
    assert multipart.status_code == 400 and has_chinese(multipart.json()["message"])
    assert not DocumentCheck.objects.exists()


def test_the_api_takes_the_document_date_as_json_and_multipart(cadre_same_unit, seen_options):
    client = client_for(cadre_same_unit)
    body = client.post(
        "/api/proofread",
        data=json.dumps({"text": WRONG, "document_date": "2019年7月1日"}),
        content_type="application/json",
    ).json()
    assert body["document_date"] == "2019-07-01" and seen_options[-1].document_date == dt.date(2019, 7, 1)
    upload = SimpleUploadedFile("通知.docx", docx_bytes(WRONG))
    response = client.post("/api/proofread", {"file": upload, "document_date": "2020-01-02"})
    assert response.json()["document_date"] == "2020-01-02"
    assert DocumentCheck.objects.latest("id").document_date == dt.date(2020, 1, 2)
    assert (
        client.post("/api/proofread", data=json.dumps({"text": WRONG}), content_type="application/json").json()[
            "document_date"
        ]
        is None
    )


# --- 4. the organ's own words ------------------------------------------------------------------------------


def test_the_roster_the_units_and_registered_names_are_never_flagged(cadre_same_unit, org, seen_options, monkeypatch):
    from qinglian.core import registry
    from qinglian.org.tests.factories import PersonFactory

    PersonFactory(organ=org.organ, unit=org.unit_b, name="陈吉宁")
    PersonFactory(organ=org.organ, unit=org.unit_b, name="王")  # one character would silence too much
    monkeypatch.setattr(registry, "PROPER_NAME_SOURCES", [lambda user: ["李代表"]], raising=False)
    client = client_for(cadre_same_unit)
    client.post(reverse("docreview_new"), {"text": "请陈吉宁同志和研究室办理。", "min_severity": "建议"})
    whitelist = set(seen_options[-1].whitelist)
    assert {"陈吉宁", "研究室", "办公室", "派驻纪检监察组", "测试市人大常委会机关", "李代表"} <= whitelist
    assert "王" not in whitelist
    check = DocumentCheck.objects.get()
    name = check.text.index("陈吉宁")
    assert not [i for i in check.issues if name <= i["start"] and i["end"] <= name + 3]


def test_a_colleague_who_has_left_is_own_words_in_a_document_dated_before(cadre_same_unit, org, seen_options):
    from qinglian.org.choices import PersonnelEventKind
    from qinglian.org.tests.factories import PersonFactory, PersonnelEventFactory

    retired = PersonFactory(organ=org.organ, unit=org.unit_b, name="孙退休", is_active=False)
    PersonnelEventFactory(organ=org.organ, person=retired, kind=PersonnelEventKind.RETIREMENT, date=dt.date(2024, 1, 1))
    client = client_for(cadre_same_unit)
    client.post(reverse("docreview_new"), {"text": "孙退休同志讲话。", "min_severity": "建议"})
    assert "孙退休" not in seen_options[-1].whitelist
    form = {"text": "孙退休同志讲话。", "min_severity": "建议", "document_date": "2016-05-04"}
    client.post(reverse("docreview_new"), form)
    assert "孙退休" in seen_options[-1].whitelist


def test_the_deputies_npc_registers_are_whitelisted_those_who_left_included(cadre_same_unit, org, seen_options):
    from qinglian.npc.models import Deputy

    Deputy.objects.create(organ=org.organ, name="赵代表甲")
    Deputy.objects.create(organ=org.organ, name="钱离任", is_active=False)
    client_for(cadre_same_unit).post(reverse("docreview_new"), {"text": "请赵代表甲发言。", "min_severity": "建议"})
    assert {"赵代表甲", "钱离任"} <= set(seen_options[-1].whitelist)


def test_a_roster_name_silences_a_finding_inside_it(cadre_same_unit, org, party_officer):
    from qinglian.org.tests.factories import PersonFactory

    # The organ bans a word that is also part of a colleague's name: the name is still never flagged.
    client_for(party_officer).post(reverse("docreview_terms"), {"kind": "banned", "text": "国强"})
    client = client_for(cadre_same_unit)
    client.post(reverse("docreview_new"), {"text": "张国强同志；国强民富。", "min_severity": "建议"})
    assert [i["start"] for i in DocumentCheck.objects.get().issues if i["rule"] == "ORG-002"] == [1, 6]
    PersonFactory(organ=org.organ, unit=org.unit_b, name="张国强")
    client.post(reverse("docreview_new"), {"text": "张国强同志；国强民富。", "min_severity": "建议"})
    assert [i["start"] for i in DocumentCheck.objects.latest("id").issues if i["rule"] == "ORG-002"] == [6]


# --- 5 and 6. the .docx outputs of pasted text; only accepted fixes; tracked changes --------------------------


def test_pasted_text_downloads_a_commented_docx_with_the_comment_on_its_word(cadre_same_unit):
    client = client_for(cadre_same_unit)
    check = _stored(cadre_same_unit, [SUGGESTION, ERROR], text="关于学习的通知\n" + WRONG)
    check.issues = [{**i, "start": i["start"] + 8, "end": i["end"] + 8} for i in check.issues]
    check.save()
    response = _download(client, check, "commented")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert _paragraphs(response.content) == ["关于学习的通知", WRONG]
    comments, xml = _comments(response.content), _docx_xml(response.content)
    assert "PUNC-001" in comments and "TF-001" not in comments  # an undecided suggestion is not commented
    start = xml.index("<w:commentRangeStart")
    assert re.sub(r"<[^>]+>", "", xml[start : xml.index("<w:commentRangeEnd", start)]) == ","
    with_suggestions = _comments(_download(client, check, "commented", include_suggestions="1").content)
    assert "TF-001" in with_suggestions and "tf-0123" in with_suggestions and "党的二十大报告" in with_suggestions
    assert AuditEvent.objects.filter(action="export", detail__kind="commented_docx").count() == 2


def test_the_fixed_copy_applies_only_what_the_user_accepted(cadre_same_unit):
    client = client_for(cadre_same_unit)
    check = _stored(cadre_same_unit, [SUGGESTION, ERROR])
    refused = _download(client, check, "fixed")
    assert refused.status_code == 400 and "采纳" in refused.content.decode()
    check.decisions = {"1": "accepted"}
    check.save()
    assert _paragraphs(_download(client, check, "fixed").content) == [CLEAN]  # 认真 stays: not accepted
    check.decisions = {"0": "accepted", "1": "ignored"}
    check.save()
    assert _paragraphs(_download(client, check, "fixed").content) == ["各单位要切实学习,抓好落实。"]


def test_the_tracked_copy_marks_each_accepted_fix_for_review_by_its_owner(cadre_same_unit, party_officer):
    check = _stored(cadre_same_unit, [SUGGESTION, ERROR], decisions={"0": "accepted", "1": "accepted"})
    # The party-affairs officer may read the check; the changes are still its owner's.
    response = _download(client_for(party_officer), check, "tracked")
    assert response.status_code == 200 and "%E4%BF%AE%E8%AE%A2" in response["Content-Disposition"]  # 修订
    from docx import Document

    body = Document(io.BytesIO(response.content)).element.body
    deletions, insertions = body.findall(f".//{W}del"), body.findall(f".//{W}ins")
    assert [d.findtext(f".//{W}delText") for d in deletions] == ["认真", ","]
    assert ["".join(t.text for t in i.iter(f"{W}t")) for i in insertions] == ["切实", "，"]
    for mark in deletions + insertions:
        assert mark.get(f"{W}author") == "清廉校对·cadre_same_unit"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mark.get(f"{W}date"))
    assert AuditEvent.objects.filter(action="export", detail__kind="tracked_docx").exists()


def test_an_uploaded_docx_gets_the_tracked_copy_too(cadre_same_unit):
    client = client_for(cadre_same_unit)
    client.post(
        reverse("docreview_new"),
        {"file": SimpleUploadedFile("通知.docx", docx_bytes("通知", WRONG)), "min_severity": "建议"},
    )
    check = DocumentCheck.objects.get()
    index = next(n for n, i in enumerate(check.issues) if i["rule"] == "PUNC-001")
    client.post(reverse("docreview_decide", args=[check.pk, index]), {"decision": "accepted"})
    xml = _docx_xml(_download(client, check, "tracked").content)
    assert "<w:del " in xml and "<w:ins " in xml and "通知" in xml
    assert _paragraphs(_download(client, check, "fixed").content) == ["通知", CLEAN]


def test_the_page_offers_the_fixed_copies_once_a_fix_is_accepted(cadre_same_unit):
    client = client_for(cadre_same_unit)
    check = _stored(cadre_same_unit, [SUGGESTION, ERROR])
    page = _page(client, check)
    assert 'data-testid="download-commented"' in page and 'data-testid="download-fixed-disabled"' in page
    response = client.post(
        reverse("docreview_decide", args=[check.pk, 1]), {"decision": "accepted"}, HTTP_HX_REQUEST="true"
    )
    swapped = response.content.decode()
    assert 'id="dr-downloads"' in swapped and 'data-testid="download-tracked"' in swapped
