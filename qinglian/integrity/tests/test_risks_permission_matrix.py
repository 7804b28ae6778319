"""Persona × RiskPoint × action, in the form of duty/tests/test_permission_matrix.py, with the personnel officer.

The personas (conftest.py): unit_head heads 办公室 (A); party_officer, cadre_same_unit, leader and personnel_officer
sit in A; cadre_other_unit in 研究室 (B). risk_a is a risk point of A, risk_b of B. The register's readers (the
office, leaders, the stationed group, the personnel officer) see every risk point; other staff their own units';
the office writes every unit's, a unit head their own units'.

r = listed and readable, refused on write (403); w = also writable; - = neither listed nor found (404). The same
letters are checked on the pages (detail, edit), the API (detail, update) and the Excel export.
"""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity import permissions
from qinglian.integrity.models import RiskPoint
from qinglian.integrity.tests.factories import RiskPointFactory

WITH_PERSONNEL = (*PERSONAS, "personnel_officer")

# fmt: off
#          party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "risk_a": "w             w         r          -           r      r          -        -        -          r",
    "risk_b": "w             -         -          r           r      r          -        -        -          r",
}
# fmt: on


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in WITH_PERSONNEL}


@pytest.fixture
def targets(org):
    return {
        "risk_a": RiskPointFactory(unit=org.unit_a, matter="公务接待审批"),
        "risk_b": RiskPointFactory(unit=org.unit_b, matter="课题经费"),
    }


CASES = matrix_cases(MATRIX, WITH_PERSONNEL)


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
def test_matrix(target, persona_name, expected, everyone, targets):
    check_cell(
        model=RiskPoint,
        access=permissions.access_risk,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
def test_pages_api_and_export_agree(target, persona_name, expected, everyone, targets):
    risk = targets[target]
    client = _client(everyone[persona_name])
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("integrity_risk", args=[risk.pk])).status_code == read
    assert client.get(reverse("integrity_risk_edit", args=[risk.pk])).status_code == write
    assert client.get(reverse("integrity_risk_review", args=[risk.pk])).status_code == write
    api = client.get(reverse("api:integrity_api_risk_detail", args=[risk.pk]))
    assert api.status_code == read
    body = {"unit_id": risk.unit_id, "matter": risk.matter, "description": "改", "level": "high", "controls": "改",
            "identified_on": str(risk.identified_on)}  # fmt: skip
    put = client.put(
        reverse("api:integrity_api_risk_update", args=[risk.pk]), json.dumps(body), content_type="application/json"
    )
    # The stationed group's writes are refused by the middleware before any lookup (decision 0010).
    assert put.status_code == (403 if persona_name == "supervisor" else write)
    listed = {item["id"] for item in client.get(reverse("api:integrity_api_risk_list")).json().get("items", [])}
    assert (risk.pk in listed) == (expected != "-")
    export = client.get(reverse("integrity_risks_export"))
    if export.status_code == 200:
        sheet = load_workbook(io.BytesIO(export.content)).active
        matters = {sheet.cell(row=r, column=4).value for r in range(3, sheet.max_row + 1)}
        assert (risk.matter in matters) == (expected != "-")
    else:
        assert expected == "-" and export.status_code == 404


def test_who_keeps_risk_points(everyone, org):
    def who(check) -> set[str]:
        return {name for name in WITH_PERSONNEL if check(everyone[name])}

    assert who(permissions.can_keep_risks) == {"party_officer", "unit_head"}
    assert who(lambda u: permissions.can_keep_risks(u, org.unit_b.pk)) == {"party_officer"}
