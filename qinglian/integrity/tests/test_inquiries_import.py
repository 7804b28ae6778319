"""谈话函询导入: a good file imports through the services; the export re-imports with every row 无变化; one bad row
writes nothing and names its problem in Chinese; only the party-affairs office opens the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.integrity.importers.inquiries import InquiryImport
from qinglian.integrity.models import InquiryLetter
from qinglian.integrity.services.inquiries import inquiry_save
from qinglian.org.models import LeadingGroupMember

D = dt.date
pytestmark = pytest.mark.django_db
HEADER = ["被函询人", "所在委室", "函询文号", "收到日期", "签署意见人", "签署意见日期", "回复日期"]


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _xlsx(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def secretary(org, leader):
    """The leader persona is the Party group's secretary."""
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="secretary", start=D(2020, 1, 1))
    return leader


@pytest.fixture
def good(org, secretary, cadre_same_unit, cadre_other_unit):
    s, a, b = secretary.person, cadre_same_unit.person, cadre_other_unit.person
    return _xlsx(
        (a.name, a.unit.name, "函〔2026〕3号", "2026-10-09", s.name, "2026-10-20", "2026-10-21"),
        (s.name, "", "函〔2026〕4号", "2026-11-02", "（直接回复）", "", "2026-11-10"),
        (b.name, "", "", "2026-11-30", "", "", ""),
    )


def test_a_good_file_imports_through_the_services(org, party_officer, secretary, cadre_same_unit, good):
    importer = InquiryImport.for_user(party_officer)
    plan = importer.parse(good)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    result = importer.apply(plan, mode="all", by=party_officer)
    assert result.created == 3
    signed = InquiryLetter.objects.get(number="函〔2026〕3号")
    assert (signed.subject, signed.signer) == (cadre_same_unit.person, secretary.person)
    assert (signed.received_on, signed.signed_on, signed.replied_on) == (
        D(2026, 10, 9),
        D(2026, 10, 20),
        D(2026, 10, 21),
    )
    direct = InquiryLetter.objects.get(number="函〔2026〕4号")
    assert direct.signer is None and direct.signed_on is None and direct.replied_on == D(2026, 11, 10)
    assert InquiryLetter.objects.get(number="").replied_on is None
    assert signed.history.earliest().history_change_reason == "谈话函询导入"
    assert AuditEvent.objects.filter(action="import", target_repr="谈话函询").count() == 1


def test_the_export_re_imports_with_every_row_unchanged(org, party_officer, good):
    importer = InquiryImport.for_user(party_officer)
    importer.apply(importer.parse(good), mode="all", by=party_officer)
    exported = _as(party_officer).get(reverse("integrity_inquiries_export"))
    assert exported.status_code == 200
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化"] * 3
    result = importer.apply(plan, mode="all", by=party_officer)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert InquiryLetter.objects.count() == 3
    # and into an empty ledger it writes the same letters again
    before = set(
        InquiryLetter.objects.values_list("subject_id", "number", "received_on", "signer_id", "signed_on", "replied_on")
    )
    InquiryLetter.all_objects.all().delete()
    assert importer.apply(importer.parse(exported.content), mode="all", by=party_officer).created == 3
    after = set(
        InquiryLetter.objects.values_list("subject_id", "number", "received_on", "signer_id", "signed_on", "replied_on")
    )
    assert after == before


def test_a_letter_without_its_reply_gets_it(org, party_officer, secretary, cadre_same_unit):
    a, s = cadre_same_unit.person, secretary.person
    inquiry_save(letter=InquiryLetter(subject=a, number="函1", received_on=D(2026, 10, 9)), by=party_officer)
    importer = InquiryImport.for_user(party_officer)
    plan = importer.parse(_xlsx((a.name, "", "函1", "2026-10-09", s.name, "2026-10-20", "2026-10-21")))
    assert [r.action.value for r in plan.rows] == ["更新"]
    assert importer.apply(plan, mode="all", by=party_officer).updated == 1
    letter = InquiryLetter.objects.get()
    assert (letter.signer, letter.replied_on) == (s, D(2026, 10, 21))
    plan = importer.parse(_xlsx((a.name, "", "函1", "2026-10-09", "", "", "")))
    assert "不能清除回复" in plan.rows[0].errors[0][1]


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        (("无此人", "", "函9", "2026-11-02", "", "", ""), "被函询人", "本机关花名册中没有“无此人”"),
        (("{a}", "", "函9", "2099-01-01", "", "", ""), "收到日期", "不能晚于今天"),
        (("{a}", "", "函9", "2026-11-02", "{s}", "2026-11-03", "2026-11-01"), "回复日期", "回复日期不能早于收到日期"),
        (("{a}", "", "函9", "2026-11-02", "{a}", "2026-11-03", "2026-11-04"), "签署意见人", "在任的党组书记"),
        (("{a}", "", "函9", "2026-11-02", "", "", "2026-11-04"), "签署意见人", "请填写签署意见的党组书记"),
        (("{s}", "", "函9", "2026-11-02", "{s}", "2026-11-03", "2026-11-04"), "签署意见人", "直接回复"),
        (("{supervisor}", "", "函9", "2026-11-02", "", "", ""), "被函询人", "本机关花名册中没有"),
    ],
)
def test_one_bad_row_writes_nothing(
    org, party_officer, secretary, supervisor, good, cadre_same_unit, bad, column, message
):
    names = {"a": cadre_same_unit.person.name, "s": secretary.person.name, "supervisor": supervisor.person.name}
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(good))
    wb.active.append([str(cell).format(**names) for cell in bad])
    buffer = io.BytesIO()
    wb.save(buffer)
    importer = InquiryImport.for_user(party_officer)
    plan = importer.parse(buffer.getvalue())
    assert [bool(r.errors) for r in plan.rows] == [False, False, False, True]
    errors = plan.rows[-1].errors
    assert any(col == column and message in text for col, text in errors), errors
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=party_officer)
    assert not InquiryLetter.all_objects.exists()
    # the page says the same, in Chinese, and writes nothing
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "函询.xlsx"
    response = _as(party_officer).post(reverse("integrity_inquiry_import"), {"file": upload, "mode": "all"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "未写入任何数据" in text and message in text
    assert not InquiryLetter.all_objects.exists()


def test_only_the_party_affairs_office_imports(org, party_officer, cadre_same_unit, leader, supervisor, unit_head):
    assert _as(party_officer).get(reverse("integrity_inquiry_import")).status_code == 200
    template = _as(party_officer).get(reverse("integrity_inquiry_import_template"))
    assert template.status_code == 200
    assert "被函询人" in InquiryImport.for_user(party_officer).columns()[0].header
    list_page = _as(party_officer).get(reverse("integrity_inquiries")).content.decode()
    assert reverse("integrity_inquiry_import") in list_page
    for user in (cadre_same_unit, leader, supervisor, unit_head):
        client = _as(user)
        assert client.get(reverse("integrity_inquiry_import")).status_code == 403, user.username
        assert client.get(reverse("integrity_inquiry_import_template")).status_code == 403, user.username
        # the gifts import answers these accounts the same way
        assert client.get(reverse("integrity_gift_import")).status_code == 403, user.username
        with pytest.raises(Forbidden):
            InquiryImport.for_user(user)
    upload = io.BytesIO(_xlsx(("x", "", "", "2026-11-02", "", "", "")))
    upload.name = "函询.xlsx"
    assert _as(supervisor).post(reverse("integrity_inquiry_import"), {"file": upload}).status_code == 403
    assert not InquiryLetter.all_objects.exists()
