"""Persona × 廉政谈话 × action, in the form of duty/tests/test_permission_matrix.py, with the personnel officer as a
tenth column. The readers of talks (party-affairs office, leaders, stationed group, personnel officer) see all; the
others only the talks they are in; the party-affairs office, the personnel officer and leaders write (the stationed
group reads only). Pages, API and the Excel export answer the same.

talk_b: the leader talked to cadre_other_unit (unit B). collective: the leader's collective talk, cadre_same_unit
on its list. r = listed and readable, refused on write (403); w = also writable; - = neither (404).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk, TalkAttendance
from qinglian.integrity.permissions import access_talk
from qinglian.integrity.tests.factories import TalkFactory

COLUMNS = (*PERSONAS, "personnel_officer")

# fmt: off
#               party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "talk_b":     "w             -         -          r           w      r          -        -        -          w",
    "collective": "w             -         r          -           w      r          -        -        -          w",
}
# fmt: on


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in COLUMNS}


@pytest.fixture
def targets(org, everyone):
    leader = everyone["leader"].person
    collective = TalkFactory(
        talker=leader,
        subject=None,
        unit=None,
        kind=IntegrityTalkKind.COLLECTIVE,
        date=dt.date(2026, 1, 16),
        topic="节前集体廉政谈话",
    )
    TalkAttendance.objects.create(talk=collective, person=everyone["cadre_same_unit"].person)
    return {
        "talk_b": TalkFactory(talker=leader, subject=everyone["cadre_other_unit"].person, topic="任前谈话"),
        "collective": collective,
    }


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, COLUMNS))
def test_matrix(target, persona_name, expected, everyone, targets):
    check_cell(
        model=IntegrityTalk,
        access=access_talk,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona_name", COLUMNS)
def test_pages_api_and_export_answer_as_the_matrix(persona_name, everyone, targets):
    client = _client(everyone[persona_name])
    visible = {name for name, row in MATRIX.items() if row.split()[COLUMNS.index(persona_name)] != "-"}
    writable = {name for name, row in MATRIX.items() if row.split()[COLUMNS.index(persona_name)] == "w"}
    for name, talk in targets.items():
        page = client.get(reverse("integrity_talk", args=[talk.pk]))
        assert page.status_code == (200 if name in visible else 404), (persona_name, name)
        api = client.get(f"/api/integrity/talks/{talk.pk}")
        assert api.status_code == (200 if name in visible else 404), (persona_name, name)
        edit = client.get(reverse("integrity_talk_edit", args=[talk.pk]))
        assert edit.status_code == (200 if name in writable else 403 if name in visible else 404), (persona_name, name)
    listed = client.get("/api/integrity/talks", {"year": 2026})
    if persona_name in ("sysadmin", "secadmin", "auditadmin"):
        assert listed.status_code == 200 and listed.json()["items"] == []
        assert client.get(reverse("integrity_talks")).status_code == 404
        return
    assert {row["id"] for row in listed.json()["items"]} == {targets[name].pk for name in visible}
    export = client.get(reverse("integrity_talks_export"), {"year": 2026})
    sheet = load_workbook(io.BytesIO(export.content)).active
    topics = {row[8] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert topics == {targets[name].topic for name in visible}


def test_the_stationed_group_writes_nothing(everyone, targets):
    response = _client(everyone["supervisor"]).post(reverse("integrity_talk_new"), {})
    assert response.status_code == 403
    assert IntegrityTalk.objects.count() == 2
