"""公务接待 pages and API: the list's filters and totals, the detail's sections, the finance officer's forms (amounts
as people write them, dates out of order), meals added and removed, the API's answers to bad input, and who sees
and writes what (persona × record)."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality import permissions
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.tests.factories import ReceptionFactory, ReceptionMealFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post_form(org, **kw) -> dict:
    values = {
        "unit": org.unit_a.pk,
        "guest_unit": "某市人大常委会办公室",
        "guest_level": "department",
        "guest_count": "6",
        "purpose": "立法调研",
        "start_on": "2026-03-10",
        "end_on": "2026-03-11",
        "letter_on": "2026-03-02",
        "lodging_amount": "１,２００元",
        "other_amount": "0.03万元",
    }
    return {**values, **kw}


def test_the_finance_officer_records_a_reception_and_a_meal_through_the_pages(org, finance_officer):
    client = _as(finance_officer)
    response = client.post(reverse("frugality_reception_create"), _post_form(org))
    assert response.status_code == 302, response.content.decode()[:2000]
    r = Reception.objects.get()
    assert (r.lodging_amount, r.other_amount, r.total_amount) == (Decimal("1200"), Decimal("300"), Decimal("1500"))
    meal = {"on": "2026-03-10", "kind": "work", "guests": "6", "escorts": "2", "amount": "640", "items": "家常菜"}
    response = client.post(reverse("frugality_reception_meal_create", args=[r.pk]), meal)
    assert response.status_code == 302
    page = client.get(reverse("frugality_reception_detail", args=[r.pk])).content.decode()
    for section in ("reception-letter", "reception-list", "reception-meals", "reception-invoice"):
        assert f'data-testid="{section}"' in page
    assert "2140.00" in page and "80.00" in page  # the new total, 640 ÷ 8 a head
    outside = {**meal, "on": "2026-03-12"}
    page = client.post(reverse("frugality_reception_meal_create", args=[r.pk]), outside).content.decode()
    assert "不在接待日期（2026-03-10至2026-03-11）内" in page
    gone = ReceptionMeal.objects.get()
    url = reverse("frugality_reception_meal_delete", args=[r.pk, gone.pk])
    assert client.post(url, {"reason": ""}).status_code == 302 and ReceptionMeal.objects.exists()
    client.post(url, {"reason": "重复登记"})
    assert not ReceptionMeal.objects.exists() and Reception.objects.get().total_amount == Decimal("1500")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lodging_amount": "1,2万元x"}, "无法识别"),
        ({"other_amount": "-5"}, "金额不能为负数"),
        ({"end_on": "2026-03-09"}, "接待结束日期不能早于开始日期"),
        ({"letter_start": "2026-03-12", "letter_end": "2026-03-10"}, "公函所列结束日期不能早于开始日期"),
    ],
)
def test_the_form_refuses_bad_amounts_and_dates_out_of_order(org, finance_officer, change, message):
    response = _as(finance_officer).post(reverse("frugality_reception_create"), _post_form(org, **change))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Reception.all_objects.exists()


def test_the_list_filters_and_totals_what_it_shows(org, finance_officer, unit_head):
    ReceptionFactory(unit=org.unit_a, guest_unit="省人大常委会法工委", total_amount=Decimal("1000"))
    ReceptionFactory(unit=org.unit_b, guest_unit="某县人大常委会", total_amount=Decimal("600"), letter_on=None)
    ReceptionFactory(
        unit=org.unit_a, start_on=D(2026, 7, 1), end_on=D(2026, 7, 1), guest_unit="七月来访", total_amount=Decimal("50")
    )
    url = reverse("frugality_reception_list")
    client = _as(finance_officer)
    page = client.get(url + "?year=2026&month_from=3&month_to=3").content.decode()
    assert "省人大常委会法工委" in page and "某县人大常委会" in page and "七月来访" not in page
    assert 'data-figure="total">1600.00' in page
    page = client.get(url + f"?year=2026&unit={org.unit_b.pk}&documents=missing").content.decode()
    assert "某县人大常委会" in page and "省人大常委会法工委" not in page
    assert "七月来访" in client.get(url + "?year=2026&q=七月").content.decode()
    assert client.get(url + "?year=abc").status_code == 200
    assert client.get(url + "?print=1").status_code == 200
    mine = _as(unit_head).get(url + "?year=2026").content.decode()
    assert "省人大常委会法工委" in mine and "某县人大常委会" not in mine  # unit A's head sees unit A's


def test_the_api_records_lists_and_refuses_bad_input_in_chinese(org, finance_officer, unit_head):
    client = _as(finance_officer)
    body = {
        "unit_id": org.unit_a.pk,
        "guest_unit": "某市人大常委会办公室",
        "guest_count": 6,
        "purpose": "立法调研",
        "start_on": "2026-03-10",
        "end_on": "2026-03-10",
        "lodging_amount": "0.12万元",
        "meals": [{"on": "2026-03-10", "guests": 6, "escorts": 2, "amount": "６４０"}],
    }
    response = client.post("/api/frugality/receptions", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["total_amount"] == "1840.00" and data["meals"][0]["kind_label"] == "工作餐"
    pk = data["id"]
    bad = {**body, "meals": [{"on": "2026-03-10", "guests": 6, "amount": "1,2万元x"}]}
    response = client.post("/api/frugality/receptions", json.dumps(bad), content_type="application/json")
    assert response.status_code == 422 and "无法识别" in response.content.decode()
    late = {**body, "meals": [{"on": "2026-03-12", "guests": 6, "amount": "100"}]}
    response = client.put(f"/api/frugality/receptions/{pk}", json.dumps(late), content_type="application/json")
    assert response.status_code == 400 and "不在接待日期" in response.json()["message"]
    backwards = {**body, "end_on": "2026-03-09"}
    response = client.post("/api/frugality/receptions", json.dumps(backwards), content_type="application/json")
    assert response.status_code == 400 and "接待结束日期不能早于开始日期" in response.json()["message"]
    assert Reception.objects.count() == 1
    listed = client.get("/api/frugality/receptions?year=2026").json()
    assert listed["count"] == 1 and listed["items"][0]["meals"][0]["amount"] == "640.00"
    head = _as(unit_head)
    assert head.get(f"/api/frugality/receptions/{pk}").status_code == 200
    response = head.post("/api/frugality/receptions", json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    response = head.post(
        f"/api/frugality/receptions/{pk}/delete", json.dumps({"reason": "x"}), content_type="application/json"
    )
    assert response.status_code == 403
    response = client.post(
        f"/api/frugality/receptions/{pk}/delete", json.dumps({"reason": "误登记"}), content_type="application/json"
    )
    assert response.status_code == 204 and not Reception.objects.exists()
    assert client.get(f"/api/frugality/receptions/{pk}").status_code == 404


def test_the_menu_shows_the_ledger_to_its_readers_only(org, finance_officer, cadre_same_unit, unit_head):
    link = 'href="/frugality/receptions/"'
    assert link in _as(finance_officer).get(reverse("workbench")).content.decode()
    assert link in _as(unit_head).get(reverse("workbench")).content.decode()
    assert link not in _as(cadre_same_unit).get(reverse("workbench")).content.decode()


def test_the_finance_officers_to_do_lists_receptions_missing_documents(org, finance_officer, unit_head):
    from qinglian.frugality.todos.receptions import receptions_to_complete

    complete = ReceptionFactory(unit=org.unit_a)
    lacking = ReceptionFactory(unit=org.unit_a, list_signed_on=None)
    items = receptions_to_complete(finance_officer)
    assert [i.link for i in items] == [f"/frugality/receptions/{lacking.pk}/"]
    assert "审签的接待清单" in items[0].detail and items[0].overdue
    assert receptions_to_complete(unit_head) == []
    assert str(complete.pk) not in "".join(i.link for i in items)


# --- permission matrix -----------------------------------------------------------------------------------------

PERSONAS_ALL = (*PERSONAS, "finance_officer")
# The reception is unit A's (办公室): its head reads it, the finance officer keeps it.
# fmt: off
#                 party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin finance
MATRIX = {
    "reception": "r             r         -          -           r      r          -        -        -          w",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS_ALL))
def test_matrix(request, org, target, persona_name, expected):
    user = request.getfixturevalue(persona_name)
    obj = ReceptionFactory(unit=org.unit_a, guest_unit="独一无二的来访单位")
    ReceptionMealFactory(reception=obj)
    check_cell(
        model=Reception, access=permissions.access_reception, user=user, obj=obj, expected=expected, label=persona_name
    )
    status = 200 if expected in "rw" else 404
    client = _as(user)
    assert client.get(reverse("frugality_reception_detail", args=[obj.pk])).status_code == status
    assert client.get(f"/api/frugality/receptions/{obj.pk}").status_code == status
    edit = client.get(reverse("frugality_reception_edit", args=[obj.pk])).status_code
    assert edit == {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("frugality_reception_meal_create", args=[obj.pk])).status_code == edit
    export = client.get(reverse("frugality_reception_export") + "?year=2026")
    if export.status_code == 200:
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的来访单位" in text) == (expected in "rw")
