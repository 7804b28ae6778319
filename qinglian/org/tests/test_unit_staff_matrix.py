"""Persona × unit page: who sees a unit's staff, in the form of qinglian/duty/tests/test_permission_matrix.py.

A unit head opening another unit saw "人员（0）" for a unit of 41: the page listed the people the account may see,
which for another unit is nobody. Now the page lists the unit's people to those who may see them and otherwise says
the list is not visible; the unit list shows 不可见 instead of 0 in the same case.

The personas (conftest.py): unit_head heads 办公室 (A); party_officer, cadre_same_unit and leader sit in A;
cadre_other_unit in 研究室 (B); leader supervises B; supervisor sits in the stationed group (S).

s = the page lists the unit's people (all of them, the right count); h = the page opens and says the list is not
visible (no count, no names); - = the page is 404 (the account has no business role).
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.core.testing import matrix_cases
from qinglian.org import selectors
from qinglian.org.models import Person
from qinglian.org.tests.factories import PersonFactory

# fmt: off
#                 party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "unit_a":    "s             s         s          h           s      s          -        -        -",
    "unit_b":    "s             h         h          s           s      s          -        -        -",
    "stationed": "s             h         h          h           s      s          -        -        -",
}
# fmt: on


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def units(org, everyone):
    """Each unit gets people of its own, so a hidden list is never mistaken for an empty one."""
    for n in range(3):
        PersonFactory(organ=org.organ, unit=org.unit_b, name=f"研究室干部{n}")
        PersonFactory(organ=org.organ, unit=org.stationed, name=f"纪检组干部{n}")
    return {"unit_a": org.unit_a, "unit_b": org.unit_b, "stationed": org.stationed}


def _staff(unit) -> list[Person]:
    return list(Person.objects.filter(unit=unit, is_active=True))


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS))
def test_the_unit_page_shows_its_staff_or_says_it_is_not_visible(
    client, everyone, units, target, persona_name, expected
):
    unit = units[target]
    client.force_login(everyone[persona_name])
    response = client.get(reverse("unit_detail", args=[unit.pk]))
    if expected == "-":
        assert response.status_code == 404
        return
    html = response.content.decode()
    staff = _staff(unit)
    assert len(staff) >= 3
    if expected == "s":
        assert f"人员（{len(staff)}）" in html
        assert all(p.name in html for p in staff)
        assert 'data-testid="unit-staff-hidden"' not in html
    else:
        assert 'data-testid="unit-staff-hidden"' in html and "无权查看" in html
        assert "人员（" not in html
        assert not any(f">{p.name}</a>" in html for p in staff)


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS))
def test_the_rule_is_the_one_people_lists_obey(everyone, units, target, persona_name, expected):
    """`unit_staff` hides a unit exactly when `Person.objects.visible_to` would not show all its people."""
    unit, user = units[target], everyone[persona_name]
    shown = selectors.unit_staff(user=user, unit=unit)
    everybody = Person.objects.visible_to(user).filter(unit=unit, is_active=True).count() == len(_staff(unit))
    assert (shown is not None) is (expected == "s") is everybody
    if shown is not None:
        assert {p.pk for p in shown} == {p.pk for p in _staff(unit)}


@pytest.mark.parametrize(
    ("persona_name", "hidden"),
    [("party_officer", set()), ("unit_head", {"unit_b", "stationed"}), ("cadre_other_unit", {"unit_a", "stationed"})],
)
def test_the_unit_list_says_not_visible_instead_of_zero(client, everyone, units, persona_name, hidden):
    client.force_login(everyone[persona_name])
    html = client.get(reverse("unit_list")).content.decode()
    rows = {key: _row_of(html, unit.name) for key, unit in units.items()}
    for key, row in rows.items():
        assert ("不可见" in row) is (key in hidden), (persona_name, key)
        if key not in hidden:
            assert f'<td class="text-end">{len(_staff(units[key]))}</td>' in row


def _row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize(
    ("persona_name", "hidden"),
    [("party_officer", set()), ("unit_head", {"unit_b", "stationed"}), ("cadre_other_unit", {"unit_a", "stationed"})],
)
def test_the_unit_list_export_says_not_visible_instead_of_zero(client, everyone, units, persona_name, hidden):
    client.force_login(everyone[persona_name])
    response = client.get(reverse("unit_list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = next(row for row in sheet.iter_rows(values_only=True) if row and "名称" in row)
    name_at, count_at = header.index("名称"), header.index("在职人数")
    counts = {row[name_at]: row[count_at] for row in sheet.iter_rows(values_only=True) if row and row[0] != "序号"}
    for key, unit in units.items():
        expected = "不可见" if key in hidden else len(_staff(unit))
        assert counts[unit.name] == expected, (persona_name, key)
