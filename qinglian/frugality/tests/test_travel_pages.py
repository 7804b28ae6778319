"""差旅 pages and API: the list with filters and totals, 我的差旅, one trip with its lines and findings, the finance
officer's editor (the trip with its stays and tickets), withdrawal, the API's shapes and refusals, the menu and
the to-do; then the persona × trip matrix on pages, API and export."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.compliance.engine import run_checks
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality.choices import TravelBand
from qinglian.frugality.models import Trip
from qinglian.frugality.nav.travel import reads_ledger, travels_for_organ
from qinglian.frugality.permissions import access_trip
from qinglian.frugality.tests.factories import TripFactory, TripStayFactory, TripTicketFactory
from qinglian.frugality.todos.travel import trips_to_record

D = dt.date
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _trip(person, **kw) -> Trip:
    trip = TripFactory(traveller=person, **kw)
    TripStayFactory(trip=trip, province="北京", city="北京", lodging_amount=Decimal("900"))
    TripTicketFactory(trip=trip, amount=Decimal("620"))
    return trip


def _post_data(traveller, **over) -> dict:
    data = {
        "voucher_no": "记-0901",
        "traveller": traveller.pk,
        "band": "",
        "purpose": "赴杭州参加业务培训",
        "start_on": "2026-09-01",
        "end_on": "2026-09-02",
        "approved_on": "2026-08-28",
        "meal_days": "2",
        "meal_amount": "200",
        "transport_days": "2",
        "transport_amount": "160元",
        "paid_on": "2026-09-10",
        "note": "",
        "stays-TOTAL_FORMS": "2",
        "stays-INITIAL_FORMS": "0",
        "stays-0-province": "浙江",
        "stays-0-city": "杭州",
        "stays-0-arrive_on": "2026-09-01",
        "stays-0-leave_on": "2026-09-02",
        "stays-0-nights": "1",
        "stays-0-lodging_amount": "３８０",
        "tickets-TOTAL_FORMS": "2",
        "tickets-INITIAL_FORMS": "0",
        "tickets-0-on": "2026-09-01",
        "tickets-0-mode": "high_speed",
        "tickets-0-seat_class": "hsr_second",
        "tickets-0-from_city": "临江",
        "tickets-0-to_city": "杭州",
        "tickets-0-amount": "1,00.5",
    }
    return data | over


def test_the_finance_officer_records_a_trip_with_its_lines_on_one_page(org, finance_officer, cadre_other_unit):
    client = _as(finance_officer)
    assert client.get(reverse("frugality_trip_create")).status_code == 200
    response = client.post(reverse("frugality_trip_create"), _post_data(cadre_other_unit.person))
    assert response.status_code == 302, response.content.decode()[:3000]
    trip = Trip.objects.get()
    assert (trip.band, trip.unit, trip.total_amount) == (TravelBand.OTHER, org.unit_b, Decimal("840.50"))
    assert trip.stays.get().lodging_amount == Decimal("380.00") and trip.tickets.get().amount == Decimal("100.50")
    edit = client.get(reverse("frugality_trip_edit", args=[trip.pk])).content.decode()
    assert 'value="380.00"' in edit
    data = _post_data(cadre_other_unit.person, **{"stays-INITIAL_FORMS": "1", "stays-0-DELETE": "on"})
    data |= {"tickets-INITIAL_FORMS": "1"}
    assert client.post(reverse("frugality_trip_edit", args=[trip.pk]), data).status_code == 302
    trip.refresh_from_db()
    assert not trip.stays.exists() and trip.total_amount == Decimal("460.50")


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"end_on": "2026-08-31"}, "不能早于出发日期"),
        ({"stays-0-arrive_on": "2026-08-30"}, "应在出差期间"),
        ({"stays-0-leave_on": "2026-09-01", "stays-0-nights": "0"}, "有住宿费的须填写住宿天数"),
        ({"stays-0-nights": "3"}, "超过到达至离开之间的1晚"),
        ({"meal_amount": "1,2万元x"}, "无法识别"),
        ({"tickets-0-seat_class": "plane_first"}, "不属于交通工具"),
    ],
)
def test_the_editor_refuses_bad_input_and_writes_nothing(org, finance_officer, cadre_other_unit, over, message):
    response = _as(finance_officer).post(reverse("frugality_trip_create"), _post_data(cadre_other_unit.person, **over))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Trip.all_objects.exists()


def test_the_list_filters_totals_print_and_mine(org, finance_officer, cadre_same_unit, cadre_other_unit):
    mine = _trip(cadre_same_unit.person, purpose="赴北京立法调研")
    theirs = _trip(cadre_other_unit.person, purpose="赴上海学习考察", start_on=D(2026, 5, 12), end_on=D(2026, 5, 14))
    page = _as(finance_officer).get(reverse("frugality_trip_list")).content.decode()
    assert "赴北京立法调研" in page and "赴上海学习考察" in page
    assert f">{mine.total_amount + theirs.total_amount:.2f}<" in page  # the footer's total
    filtered = _as(finance_officer).get(reverse("frugality_trip_list") + "?year=2026&month_from=5&q=上海").content
    assert "赴上海学习考察" in filtered.decode() and "赴北京立法调研" not in filtered.decode()
    assert (
        _as(finance_officer).get(reverse("frugality_trip_list") + f"?unit={org.unit_a.pk}&print=1").status_code == 200
    )
    own = _as(cadre_same_unit).get(reverse("frugality_trip_mine")).content.decode()
    assert "赴北京立法调研" in own and "赴上海学习考察" not in own
    assert "录入差旅" not in own


def test_the_list_shows_the_trips_without_an_approval(org, finance_officer, cadre_same_unit):
    """The finance officer's card counts these and links here (?year=&approval=missing)."""
    _trip(cadre_same_unit.person, purpose="未登记审批的出差", approved_on=None)
    _trip(cadre_same_unit.person, purpose="已审批的出差", start_on=D(2026, 6, 2), end_on=D(2026, 6, 3))
    page = _as(finance_officer).get(reverse("frugality_trip_list") + "?year=&approval=missing").content.decode()
    assert "未登记审批的出差" in page and "已审批的出差" not in page


def test_a_trip_page_shows_lines_claim_findings_and_evidence(org, finance_officer, cadre_same_unit, leader):
    trip = _trip(cadre_same_unit.person, approved_on=D(2026, 3, 11))
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 12, 31), codes=["FRG-013"])
    page = _as(leader).get(reverse("frugality_trip_detail", args=[trip.pk])).content.decode()
    assert 'data-testid="stays"' in page and 'data-testid="tickets"' in page and 'data-testid="claim"' in page
    assert 'data-testid="record-findings"' in page and "未事前审批" in page
    assert 'data-testid="trip-edit"' not in page
    assert (
        'data-testid="trip-edit"'
        in _as(finance_officer).get(reverse("frugality_trip_detail", args=[trip.pk])).content.decode()
    )


def test_withdrawal_page(org, finance_officer, cadre_same_unit):
    trip = _trip(cadre_same_unit.person)
    client = _as(finance_officer)
    assert client.post(reverse("frugality_trip_delete", args=[trip.pk]), {"reason": ""}).status_code == 200
    assert client.post(reverse("frugality_trip_delete", args=[trip.pk]), {"reason": "重复录入"}).status_code == 302
    assert not Trip.objects.exists() and client.get(reverse("frugality_trip_detail", args=[trip.pk])).status_code == 404


def test_the_finance_officer_does_not_edit_their_own_trip(org, finance_officer):
    trip = _trip(finance_officer.person)
    client = _as(finance_officer)
    assert (
        'data-testid="trip-edit"' not in client.get(reverse("frugality_trip_detail", args=[trip.pk])).content.decode()
    )
    assert client.get(reverse("frugality_trip_edit", args=[trip.pk])).status_code == 403
    assert client.post(reverse("frugality_trip_delete", args=[trip.pk]), {"reason": "x"}).status_code == 403


def test_the_api(org, finance_officer, cadre_other_unit):
    client = _as(finance_officer)
    body = {
        "voucher_no": "记-1001",
        "traveller_id": cadre_other_unit.person.pk,
        "purpose": "赴南京调研",
        "start_on": "2026-10-13",
        "end_on": "2026-10-14",
        "approved_on": "2026-10-09",
        "meal_days": 2,
        "meal_amount": "200",
        "transport_days": 2,
        "transport_amount": "160",
        "stays": [
            {"province": "江苏", "city": "南京", "arrive_on": "2026-10-13", "leave_on": "2026-10-14", "nights": 1,
             "lodging_amount": "360元"}
        ],
        "tickets": [{"on": "2026-10-13", "mode": "high_speed", "seat_class": "hsr_second", "amount": "１５０"}],
    }  # fmt: skip
    created = client.post("/api/frugality/trips", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    out = created.json()
    assert out["band"] == "other" and out["total_amount"] == "870.00" and out["stays"][0]["city"] == "南京"
    bad = client.post(
        "/api/frugality/trips", json.dumps(body | {"meal_amount": "1,2万元x"}), content_type="application/json"
    )
    assert bad.status_code == 422 and "无法识别" in json.dumps(bad.json(), ensure_ascii=False)
    backwards = client.post(
        "/api/frugality/trips",
        json.dumps(body | {"voucher_no": "记-1002", "end_on": "2026-10-12"}),
        content_type="application/json",
    )
    assert backwards.status_code == 400 and "不能早于出发日期" in backwards.json()["message"]
    pk = out["id"]
    changed = client.put(
        f"/api/frugality/trips/{pk}", json.dumps(body | {"stays": []}), content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["total_amount"] == "510.00"
    listed = client.get("/api/frugality/trips?q=南京").json()
    assert [t["id"] for t in listed["items"]] == [pk]
    assert client.delete(f"/api/frugality/trips/{pk}?reason=录错").status_code == 204
    assert client.get(f"/api/frugality/trips/{pk}").status_code == 404
    assert Trip.objects.count() == 0 and Trip.all_objects.count() == 1


def test_the_menu_and_the_to_do(org, finance_officer, cadre_same_unit, unit_head, sysadmin, supervisor):
    assert reads_ledger(finance_officer) and reads_ledger(unit_head) and reads_ledger(supervisor)
    assert not reads_ledger(cadre_same_unit) and not reads_ledger(sysadmin)
    assert travels_for_organ(cadre_same_unit) and not travels_for_organ(supervisor) and not travels_for_organ(sysadmin)
    incomplete = _trip(cadre_same_unit.person, approved_on=None)
    _trip(finance_officer.person, approved_on=None, voucher_no="记-9999")
    items = trips_to_record(finance_officer)
    assert [i.link for i in items] == [f"/frugality/trips/{incomplete.pk}/"] and "审批日期" in items[0].detail
    assert trips_to_record(cadre_same_unit) == []


# --- persona × trip ------------------------------------------------------------------------------------------------

WITH_OFFICERS = (*PERSONAS, "finance_officer", "personnel_officer")
# trip_a is cadre_same_unit's (办公室, A, headed by unit_head); trip_b cadre_other_unit's (研究室, B).
# fmt: off
#          party unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin finance personnel
MATRIX = {
    "trip_a": "r     r         r          -           r      r          -        -        -          w       -",
    "trip_b": "r     -         -          r           r      r          -        -        -          w       -",
}
# fmt: on
CASES = matrix_cases(MATRIX, WITH_OFFICERS)


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in WITH_OFFICERS}


@pytest.fixture
def targets(everyone):
    return {
        "trip_a": _trip(everyone["cadre_same_unit"].person, purpose="甲委室独有的出差事由"),
        "trip_b": _trip(everyone["cadre_other_unit"].person, purpose="乙委室独有的出差事由", voucher_no="记-B001"),
    }


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
def test_matrix(target, persona_name, expected, everyone, targets):
    trip, user = targets[target], everyone[persona_name]
    check_cell(model=Trip, access=access_trip, user=user, obj=trip, expected=expected, label=persona_name)
    client = _as(user)
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("frugality_trip_detail", args=[trip.pk])).status_code == read
    assert client.get(reverse("frugality_trip_edit", args=[trip.pk])).status_code == write
    assert client.get(f"/api/frugality/trips/{trip.pk}").status_code == read
    listed = {t["id"] for t in client.get("/api/frugality/trips").json().get("items", [])}
    assert (trip.pk in listed) == (expected != "-")
    export = client.get(reverse("frugality_trip_export"))
    if export.status_code == 200:
        sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        assert (trip.purpose in text) == (expected != "-")
    else:
        assert expected == "-"
