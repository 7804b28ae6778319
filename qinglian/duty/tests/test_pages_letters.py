"""责任书 pages: the year's letters per persona, the signing summary against the roster, generation, 补签,
signing (page and htmx), detail and the Excel export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.duty.choices import LetterLevel
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.tests.factories import LetterFactory
from qinglian.org.tests.factories import PersonnelEventFactory

TODAY = timezone.localdate()
YEAR = TODAY.year


def _letter(user, level=LetterLevel.CADRE, signed_on=None, issuer=None) -> ResponsibilityLetter:
    person = user.person
    return LetterFactory(
        organ=person.organ, level=level, signer=person, unit=person.unit, signed_on=signed_on, issuer=issuer
    )


@pytest.fixture
def roster(org, party_officer, unit_head, cadre_same_unit, cadre_other_unit, leader, supervisor):
    """Five people on the roster of internal units (the supervisor sits in the stationed group: no letter).

    Signed: unit head, cadre A, cadre B. Unsigned row: the party officer. No row at all: the leader.
    """
    return {
        "head": _letter(unit_head, LetterLevel.UNIT_HEAD, signed_on=TODAY),
        "cadre_a": _letter(cadre_same_unit, signed_on=TODAY, issuer=unit_head.person),
        "cadre_b": _letter(cadre_other_unit, signed_on=TODAY),
        "officer": _letter(party_officer, issuer=unit_head.person),
    }


def _rows(summary_part) -> dict[str, tuple[int, int, int]]:
    return {p.label: (p.signed, p.expected, p.rate) for p in summary_part}


# --- the list and its summary ----------------------------------------------------------------------------


def test_the_summary_counts_people_without_a_letter_as_unsigned(client, roster, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("duty_letters"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.total.signed, summary.total.expected, summary.total.rate) == (3, 5, 60)
    assert _rows(summary.by_unit) == {"办公室": (2, 4, 50), "研究室": (1, 1, 100)}
    assert _rows(summary.by_level) == {
        str(LetterLevel.UNIT_HEAD.label): (1, 1, 100),
        str(LetterLevel.CADRE.label): (2, 4, 50),
    }
    assert [p.name for p in summary.missing] == ["leader"]
    html = response.content.decode()
    assert 'data-testid="total-rate">60%' in html
    assert html.count('data-testid="unsigned"') == 1  # the officer's row; the leader has none yet


def test_a_unit_head_sees_their_units_letters_and_progress_only(client, roster, unit_head):
    client.force_login(unit_head)
    response = client.get(reverse("duty_letters"))
    letters = {letter.signer.name for letter in response.context["letters"]}
    assert letters == {"unit_head", "cadre_same_unit", "party_officer"}
    total = response.context["summary"].total
    assert (total.signed, total.expected, total.rate) == (2, 4, 50)
    assert response.context["events"] == [] and b'data-testid="generate"' not in response.content


def test_a_cadre_sees_their_own_letter_and_not_another(client, roster, cadre_other_unit):
    client.force_login(cadre_other_unit)
    response = client.get(reverse("duty_letters"))
    assert [letter.signer.name for letter in response.context["letters"]] == ["cadre_other_unit"]
    assert client.get(reverse("duty_letter", args=[roster["cadre_a"].pk])).status_code == 404
    assert client.get(reverse("duty_letter", args=[roster["cadre_b"].pk])).status_code == 200


def test_the_administrators_do_not_see_letters(client, roster, sysadmin):
    client.force_login(sysadmin)
    assert client.get(reverse("duty_letters")).status_code == 404


def test_filters_narrow_the_table(client, roster, party_officer):
    client.force_login(party_officer)
    unsigned = client.get(reverse("duty_letters"), {"signed": "no"}).context["letters"]
    assert [letter.signer.name for letter in unsigned] == ["party_officer"]
    heads = client.get(reverse("duty_letters"), {"level": LetterLevel.UNIT_HEAD}).context["letters"]
    assert [letter.signer.name for letter in heads] == ["unit_head"]


def test_another_year_has_its_own_list(client, roster, party_officer):
    client.force_login(party_officer)
    response = client.get(reverse("duty_letters"), {"year": YEAR - 1})
    assert response.context["letters"] == []
    assert response.context["summary"].total.signed == 0


# --- generating the year's letters ------------------------------------------------------------------------


def test_the_party_officer_generates_the_missing_letters(client, roster, party_officer, leader):
    client.force_login(party_officer)
    response = client.post(reverse("duty_letters_generate"), {"year": YEAR}, follow=True)
    assert "已按花名册生成" in response.content.decode() and "1份" in response.content.decode()
    made = ResponsibilityLetter.objects.get(signer=leader.person, year=YEAR)
    assert made.signed_on is None and made.level == LetterLevel.CADRE
    again = client.post(reverse("duty_letters_generate"), {"year": YEAR}, follow=True)
    assert "名单已齐全" in again.content.decode()
    assert ResponsibilityLetter.objects.filter(year=YEAR).count() == 5


def test_a_unit_head_cannot_generate_the_list(client, roster, unit_head):
    client.force_login(unit_head)
    response = client.post(reverse("duty_letters_generate"), {"year": YEAR})
    assert response.status_code == 403
    assert "责任书名单由机关党委专责人员生成" in response.content.decode()
    assert ResponsibilityLetter.objects.filter(year=YEAR).count() == 4


# --- 补签 after a personnel event -----------------------------------------------------------------------


@pytest.fixture
def transfer_in(org, cadre_same_unit):
    return PersonnelEventFactory(
        person=cadre_same_unit.person, kind="transfer_in", date=dt.date(YEAR, 1, 2), to_unit=org.unit_a
    )


def test_an_event_of_the_year_offers_a_makeup_letter(client, party_officer, unit_head, transfer_in):
    client.force_login(party_officer)
    assert client.get(reverse("duty_letters")).context["events"] == [transfer_in]
    response = client.post(reverse("duty_letter_for_event", args=[transfer_in.pk]), follow=True)
    letter = ResponsibilityLetter.objects.get(trigger_event=transfer_in)
    assert response.redirect_chain[-1][0] == reverse("duty_letter", args=[letter.pk])
    assert (letter.level, letter.issuer_id, letter.signed_on) == (LetterLevel.CADRE, unit_head.person_id, None)
    listing = client.get(reverse("duty_letters"))
    assert listing.context["events"] == []
    assert 'data-testid="makeup"' in listing.content.decode()


def test_a_cadre_cannot_create_a_makeup_letter(client, cadre_same_unit, transfer_in):
    client.force_login(cadre_same_unit)
    response = client.post(reverse("duty_letter_for_event", args=[transfer_in.pk]))
    assert response.status_code == 403
    assert "只有机关党委专责人员或委室负责人可以登记责任书" in response.content.decode()
    assert not ResponsibilityLetter.objects.exists()


def test_an_event_of_another_unit_is_not_found_for_a_unit_head(client, org, unit_head, cadre_other_unit):
    event = PersonnelEventFactory(person=cadre_other_unit.person, kind="promotion", date=dt.date(YEAR, 1, 2))
    client.force_login(unit_head)
    assert client.post(reverse("duty_letter_for_event", args=[event.pk])).status_code == 404
    assert not ResponsibilityLetter.objects.exists()


# --- signing ---------------------------------------------------------------------------------------------


def test_a_unit_head_records_the_signing_of_a_cadre_letter(client, roster, unit_head):
    client.force_login(unit_head)
    letter = roster["officer"]
    response = client.post(reverse("duty_letter_sign", args=[letter.pk]), {"signed_on": TODAY.isoformat()})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.signed_on == TODAY


def test_a_unit_head_cannot_record_their_own_unit_head_letter(client, roster, unit_head):
    letter = roster["head"]
    ResponsibilityLetter.objects.filter(pk=letter.pk).update(signed_on=None)
    client.force_login(unit_head)
    response = client.post(reverse("duty_letter_sign", args=[letter.pk]), {"signed_on": TODAY.isoformat()})
    assert response.status_code == 403
    assert "只有机关党委专责人员或本委室负责人可以登记该责任书" in response.content.decode()
    letter.refresh_from_db()
    assert letter.signed_on is None


def test_a_cadre_of_another_unit_cannot_find_the_letter(client, roster, cadre_other_unit):
    client.force_login(cadre_other_unit)
    response = client.post(reverse("duty_letter_sign", args=[roster["officer"].pk]), {"signed_on": TODAY})
    assert response.status_code == 404
    roster["officer"].refresh_from_db()
    assert roster["officer"].signed_on is None


def test_a_future_signed_date_is_refused_with_the_reason(client, roster, party_officer):
    client.force_login(party_officer)
    letter = roster["officer"]
    later = (TODAY + dt.timedelta(days=3)).isoformat()
    response = client.post(reverse("duty_letter_sign", args=[letter.pk]), {"signed_on": later}, follow=True)
    assert "签订日期不能晚于今天" in response.content.decode()
    letter.refresh_from_db()
    assert letter.signed_on is None


def test_htmx_signing_returns_the_row(client, roster, party_officer):
    client.force_login(party_officer)
    letter = roster["officer"]
    response = client.post(
        reverse("duty_letter_sign", args=[letter.pk]), {"signed_on": TODAY.isoformat()}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(f'<tr id="letter-{letter.pk}"')
    assert TODAY.strftime("%Y-%m-%d") in html and 'data-testid="unsigned"' not in html


def test_htmx_refusal_shows_the_message_in_the_row(client, roster, party_officer):
    client.force_login(party_officer)
    letter = roster["officer"]
    later = (TODAY + dt.timedelta(days=3)).isoformat()
    response = client.post(reverse("duty_letter_sign", args=[letter.pk]), {"signed_on": later}, HTTP_HX_REQUEST="true")
    assert "签订日期不能晚于今天" in response.content.decode()
    assert 'data-testid="unsigned"' in response.content.decode()


# --- detail and export -----------------------------------------------------------------------------------


def test_the_detail_shows_the_scan_panel_and_the_history(client, roster, party_officer):
    client.force_login(party_officer)
    letter = roster["officer"]
    client.post(reverse("duty_letter_sign", args=[letter.pk]), {"signed_on": TODAY.isoformat()})
    html = client.get(reverse("duty_letter", args=[letter.pk])).content.decode()
    assert "责任书扫描件" in html and "修改记录" in html
    assert "签订日期" in html and TODAY.strftime("%Y-%m-%d") in html


def test_the_export_lists_the_visible_letters(client, roster, unit_head):
    client.force_login(unit_head)
    response = client.get(reverse("duty_letters_export"), {"year": YEAR, "signed": "no"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == f"{YEAR}年党风廉政建设责任书签订台账"
    assert [c.value for c in sheet[2]][:7] == ["序号", "年度", "层级", "委室", "签订人", "签发人", "签订情况"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[4], r[5], r[6]) for r in rows] == [("party_officer", "unit_head", "未签订")]
