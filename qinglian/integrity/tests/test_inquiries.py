"""谈话函询: the party-affairs office keeps receipt, signature and reply dates (never content); the secretary signs
unless the letter is to the secretary; pages, API, the circle's matrix; rule INT-051 on any date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity import permissions
from qinglian.integrity.models import InquiryLetter
from qinglian.integrity.selectors.inquiries import rule_values
from qinglian.integrity.services.inquiries import inquiry_reply, inquiry_save
from qinglian.integrity.tests.factories import InquiryFactory
from qinglian.org.models import LeadingGroupMember

D = dt.date
pytestmark = pytest.mark.django_db
NOTE = "函询内容及回复内容由派驻纪检监察组保存"


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def secretary(org, leader):
    """The leader persona is the Party group's secretary."""
    LeadingGroupMember.objects.create(organ=org.organ, person=leader.person, post="secretary", start=D(2020, 1, 1))
    return leader


def test_the_model_has_no_content_field():
    names = {f.name for f in InquiryLetter._meta.get_fields()}
    assert not names & {"content", "summary", "reply", "text", "reply_summary", "points"}


def test_receipt_and_reply_signed_by_the_secretary(org, party_officer, secretary, cadre_same_unit):
    letter = inquiry_save(
        letter=InquiryLetter(subject=cadre_same_unit.person, number="函〔2026〕1号", received_on=D(2026, 11, 2)),
        by=party_officer,
    )
    inquiry_reply(
        letter=letter, signer=secretary.person, signed_on=D(2026, 11, 12), replied_on=D(2026, 11, 13), by=party_officer
    )
    letter.refresh_from_db()
    assert (letter.signer, letter.signed_on, letter.replied_on) == (secretary.person, D(2026, 11, 12), D(2026, 11, 13))


def test_the_secretary_is_answered_directly(org, party_officer, secretary):
    letter = InquiryFactory(subject=secretary.person, received_on=D(2026, 11, 2))
    with pytest.raises(InvalidInput, match="直接回复"):
        inquiry_reply(
            letter=letter,
            signer=secretary.person,
            signed_on=D(2026, 11, 5),
            replied_on=D(2026, 11, 6),
            by=party_officer,
        )
    inquiry_reply(letter=letter, signer=None, signed_on=None, replied_on=D(2026, 11, 6), by=party_officer)
    assert InquiryLetter.objects.get(pk=letter.pk).replied_on == D(2026, 11, 6)


def test_reply_refusals(org, party_officer, secretary, cadre_same_unit, unit_head):
    letter = InquiryFactory(subject=cadre_same_unit.person, received_on=D(2026, 11, 2))
    ok = {"signer": secretary.person, "signed_on": D(2026, 11, 5)}
    with pytest.raises(InvalidInput, match="不能早于收到日期"):
        inquiry_reply(letter=letter, replied_on=D(2026, 11, 1), by=party_officer, **ok)
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        inquiry_reply(letter=letter, replied_on=clock.today() + dt.timedelta(days=1), by=party_officer, **ok)
    with pytest.raises(InvalidInput, match="请选择签署意见的党组书记"):
        inquiry_reply(letter=letter, signer=None, signed_on=None, replied_on=D(2026, 11, 6), by=party_officer)
    with pytest.raises(InvalidInput, match="在任的党组书记"):
        inquiry_reply(
            letter=letter,
            signer=unit_head.person,
            signed_on=D(2026, 11, 5),
            replied_on=D(2026, 11, 6),
            by=party_officer,
        )
    with pytest.raises(Forbidden, match="机关党委专责人员"):
        inquiry_reply(letter=letter, replied_on=D(2026, 11, 6), by=secretary, **ok)
    letter.refresh_from_db()
    assert letter.replied_on is None and letter.signer is None


@pytest.mark.parametrize("name", ["supervisor", "leader", "unit_head", "cadre_same_unit", "personnel_officer"])
def test_only_the_office_records_letters(org, persona, name, cadre_other_unit):
    with pytest.raises(Forbidden):
        inquiry_save(
            letter=InquiryLetter(subject=cadre_other_unit.person, received_on=D(2026, 11, 2)), by=persona(name)
        )
    assert not InquiryLetter.all_objects.exists()


def test_pages_say_the_content_stays_with_the_group(org, party_officer, secretary, cadre_same_unit):
    client = _as(party_officer)
    response = client.post(
        reverse("integrity_inquiry_create"),
        {"subject": cadre_same_unit.person.pk, "number": "函〔2026〕3号", "received_on": "2026-11-02"},
    )
    assert response.status_code == 302
    letter = InquiryLetter.objects.get()
    data = {"signer": secretary.person.pk, "signed_on": "2026-11-10", "replied_on": "2026-11-11"}
    assert client.post(reverse("integrity_inquiry_reply", args=[letter.pk]), data).status_code == 302
    for url in (reverse("integrity_inquiries"), reverse("integrity_inquiry", args=[letter.pk])):
        page = client.get(url).content.decode()
        assert NOTE in page and "已按期回复" in page
    assert client.get(reverse("integrity_inquiries_export")).status_code == 200


def test_the_menu_is_the_circles(org, party_officer, supervisor, cadre_same_unit, cadre_other_unit, leader):
    from qinglian.core.registry import nav_for

    InquiryFactory(subject=cadre_same_unit.person)

    def sees(user) -> bool:
        return any(i.url_name == "integrity_inquiries" for _, items in nav_for(user) for i in items)

    assert sees(party_officer) and sees(supervisor)
    assert not sees(cadre_same_unit) and not sees(cadre_other_unit) and not sees(leader)
    assert 'data-testid="inquiry-row"' not in _as(cadre_other_unit).get(reverse("integrity_inquiries")).content.decode()


def test_the_api(org, party_officer, secretary, cadre_same_unit, supervisor):
    client = _as(party_officer)
    body = {"subject_id": cadre_same_unit.person.pk, "number": "函〔2026〕4号", "received_on": "2026-11-02"}
    response = client.post("/api/integrity/inquiries", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["due_on"] == "2026-11-23"  # 15 working days after 11-02
    assert "content" not in response.json()
    bad = {"signer_id": secretary.person.pk, "signed_on": "2026-11-05", "replied_on": "2026-11-01"}
    response = client.post(f"/api/integrity/inquiries/{pk}/reply", json.dumps(bad), content_type="application/json")
    assert response.status_code == 400
    good = {**bad, "replied_on": "2026-11-06"}
    response = client.post(f"/api/integrity/inquiries/{pk}/reply", json.dumps(good), content_type="application/json")
    assert response.status_code == 200 and response.json()["status_label"] == "已按期回复"
    response = _as(supervisor).post("/api/integrity/inquiries", json.dumps(body), content_type="application/json")
    assert response.status_code == 403


# --- permission matrix ------------------------------------------------------------------------------------------

PERSONAS_ALL = (*PERSONAS, "personnel_officer")
# The letter is to cadre_same_unit, signed by the leader (the secretary).
# fmt: off
#               party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "letter": "w             -         r          -           r      r          -        -        -          -",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS_ALL))
def test_matrix(request, org, target, persona_name, expected):
    everyone = {name: request.getfixturevalue(name) for name in PERSONAS_ALL}
    obj = InquiryFactory(
        subject=everyone["cadre_same_unit"].person, signer=everyone["leader"].person, signed_on=D(2026, 3, 5)
    )
    user = everyone[persona_name]
    check_cell(
        model=InquiryLetter,
        access=permissions.access_inquiry,
        user=user,
        obj=obj,
        expected=expected,
        label=persona_name,
    )
    status = 200 if expected in "rw" else 404
    client = _as(user)
    assert client.get(reverse("integrity_inquiry", args=[obj.pk])).status_code == status
    assert client.get(f"/api/integrity/inquiries/{obj.pk}").status_code == status
    export = client.get(reverse("integrity_inquiries_export"))
    if export.status_code == 200:
        assert (obj.subject.name in _xlsx_text(export.content)) == (expected in "rw")


def _xlsx_text(content: bytes) -> str:
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    return " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)


# --- INT-051 -------------------------------------------------------------------------------------------------------


def _run(organ_id: int, as_of: dt.date):
    rule = RULES["INT-051"]
    params = Params(rule_values("INT-051", organ_id, as_of))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {s.id: (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def test_int051_late_red_recorded_open_red_yellow_and_the_reason_names_dates_only(org, party_officer, cadre_same_unit):
    letter = InquiryFactory(subject=cadre_same_unit.person, received_on=D(2026, 3, 2), replied_on=D(2026, 3, 30))
    subject, late = _run(org.organ.pk, D(2026, 12, 7))[str(letter.pk)]
    assert late.severity == Severity.RED and late.recorded and late.due == D(2026, 3, 23)
    assert cadre_same_unit.person.name not in late.reason and letter.number not in late.reason
    assert late.reason.startswith("2026-03-02收到的函询：应于2026-03-23前回复")
    # The party-affairs office follows it up; who was asked is not on a finding every leader reads.
    assert subject.person_id != cadre_same_unit.person_id and subject.unit_id == party_officer.person.unit_id
    assert _run(org.organ.pk, D(2026, 3, 18))[str(letter.pk)][1].severity == Severity.YELLOW
    opened = _run(org.organ.pk, D(2026, 3, 24))[str(letter.pk)][1]
    assert opened.severity == Severity.RED and not opened.recorded
    assert _run(org.organ.pk, D(2026, 3, 5))[str(letter.pk)][1] is None
    assert str(letter.pk) not in _run(org.organ.pk, D(2026, 3, 1))


def test_int051_on_time_passes(org, cadre_same_unit):
    letter = InquiryFactory(subject=cadre_same_unit.person, received_on=D(2026, 3, 2), replied_on=D(2026, 3, 23))
    assert _run(org.organ.pk, D(2026, 12, 7))[str(letter.pk)][1] is None
    assert {p.name for p in RULES["INT-051"].params} == {"reply_working_days", "warn_working_days", "look_back_years"}
