"""Persona × opinion record × action, in the form of duty/tests/test_permission_matrix.py, with the personnel
officer as the tenth column.

Those who ask and decide (party-affairs office, personnel officer, leaders) and the stationed group see requests and
items; nobody else does — not the person concerned, not a unit head, not an administrator. The request is written
(drafted, sent) by the two officers; an item is written (answered) by the stationed group only.

r = listed and readable, refused on write (403); w = also writable; - = neither listed nor found (404).
"""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity import permissions
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.tests.factories import OpinionItemFactory, OpinionRequestFactory

COLUMNS = (*PERSONAS, "personnel_officer")
# fmt: off
#            party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "request": "-             -         -          -           r      r          -        -        -          w",
    "item":    "-             -         -          -           r      w          -        -        -          r",
}
# fmt: on

ACCESS = {
    "request": (OpinionRequest, permissions.access_opinion_request),
    "item": (OpinionItem, permissions.access_opinion_item),
}


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in COLUMNS}


@pytest.fixture
def targets(org, everyone):
    # The request is about cadre_same_unit: the person concerned sees nothing of it either.
    row = OpinionRequestFactory(organ=org.organ)
    return {"request": row, "item": OpinionItemFactory(request=row, person=everyone["cadre_same_unit"].person)}


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, COLUMNS))
def test_matrix(target, persona_name, expected, everyone, targets):
    model, access = ACCESS[target]
    check_cell(
        model=model,
        access=access,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


@pytest.mark.parametrize(
    ("persona_name", "expected"), [(p, e) for t, p, e in matrix_cases(MATRIX, COLUMNS) if t == "request"]
)
def test_pages_api_and_export_follow_the_matrix(persona_name, expected, everyone, targets):
    client = Client()
    client.force_login(everyone[persona_name])
    row = targets["request"]
    page = client.get(f"/integrity/opinions/{row.pk}/")
    api = client.get(f"/api/integrity/opinions/{row.pk}")
    assert page.status_code == (200 if expected != "-" else 404), persona_name
    assert api.status_code == (200 if expected != "-" else 404), persona_name
    export = client.get("/integrity/opinions/export/")
    if export.status_code == 200:
        import io

        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
        assert (len(rows) > 2) == (expected != "-"), persona_name  # title row, header row, then the data
    else:
        assert expected == "-" and export.status_code == 404, persona_name
