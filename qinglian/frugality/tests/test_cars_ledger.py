"""The car register: the finance officer registers, corrects (the mileage only goes up), disposes of and withdraws;
refusals change nothing; pages with filters and totals, the API, the persona matrix, and the Excel import (all or
nothing, amounts as people type them) that re-imports the export unchanged."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import PERSONAS
from qinglian.compliance.choices import Jurisdiction
from qinglian.compliance.engine import run_checks
from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality import permissions
from qinglian.frugality.choices import CarType, Energy, EntrySource, StandardKind
from qinglian.frugality.importers.cars import CarImport
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.services.cars import car_delete, car_dispose, car_save
from qinglian.frugality.tests.factories import OfficialCarFactory, standard_table

D = dt.date


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _car(org, **kw) -> OfficialCar:
    values = {
        "unit": org.unit_a,
        "plate": "浙K·C0001",
        "car_type": CarType.CONFIDENTIAL,
        "energy": Energy.FUEL,
        "model_name": "某品牌1.5L轿车",
        "price": Decimal("115000"),
        "displacement": Decimal("1.5"),
        "purchased_on": D(2026, 3, 2),
        "voucher_no": "记-0301",
    }
    return OfficialCar(organ=org.organ, **(values | kw))


def test_the_finance_officer_registers_corrects_and_disposes(org, finance_officer):
    car = car_save(car=_car(org, plate=" 浙k·c0001 "), by=finance_officer)
    assert car.plate == "浙K·C0001" and car.entry_source == EntrySource.MANUAL
    car.mileage, car.mileage_on = 3200, D(2026, 6, 30)
    car_save(car=car, by=finance_officer)
    car_dispose(car=car, disposed_on=D(2026, 11, 2), reason="公开拍卖", by=finance_officer)
    car.refresh_from_db()
    assert car.disposed_on == D(2026, 11, 2) and car.mileage == 3200
    assert car.history.first().history_change_reason == "处置：公开拍卖"
    with pytest.raises(Conflict, match="已于2026-11-02处置"):
        car_dispose(car=car, disposed_on=D(2026, 11, 3), by=finance_officer)
    car.note = "更正"
    car.disposed_on = None  # a correction keeps the recorded disposal
    car_save(car=car, by=finance_officer)
    assert OfficialCar.objects.get(pk=car.pk).disposed_on == D(2026, 11, 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"price": Decimal(0)}, "购置价格"),
        ({"displacement": Decimal("12")}, "小于10"),
        ({"displacement": Decimal("0")}, "大于0"),
        ({"displacement": None}, "燃油车须填写排气量"),
        ({"purchased_on": clock.today() + dt.timedelta(days=1)}, "购置日期不能晚于今天"),
        ({"mileage_on": D(2026, 3, 1)}, "里程记录日期不能早于购置日期"),
        ({"plate": " "}, "请填写车牌号"),
    ],
)
def test_registration_refusals_write_nothing(org, finance_officer, change, message):
    with pytest.raises(InvalidInput, match=message):
        car_save(car=_car(org, **change), by=finance_officer)
    assert not OfficialCar.all_objects.exists()


def test_a_new_energy_car_needs_no_displacement(org, finance_officer):
    car = car_save(car=_car(org, energy=Energy.NEW_ENERGY, displacement=None), by=finance_officer)
    assert car.displacement is None


def test_who_may_write_and_what_is_refused_on_a_correction(org, finance_officer, party_officer):
    with pytest.raises(Forbidden):
        car_save(car=_car(org), by=party_officer)
    car = car_save(car=_car(org, mileage=5000), by=finance_officer)
    car.mileage = 4000
    with pytest.raises(InvalidInput, match="不能少于已登记的5000公里"):
        car_save(car=car, by=finance_officer)
    assert OfficialCar.objects.get(pk=car.pk).mileage == 5000
    with pytest.raises(Conflict, match="已在公务用车台账中"):
        car_save(car=_car(org, purchased_on=D(2026, 4, 1)), by=finance_officer)
    with pytest.raises(InvalidInput, match="处置日期不能早于购置日期"):
        car_dispose(car=car, disposed_on=D(2026, 3, 1), by=finance_officer)
    with pytest.raises(Forbidden):
        car_dispose(car=car, disposed_on=D(2026, 5, 1), by=party_officer)


def test_a_withdrawal_needs_a_reason_and_keeps_the_row(org, finance_officer):
    car = car_save(car=_car(org), by=finance_officer)
    with pytest.raises(InvalidInput, match="删除原因"):
        car_delete(car=car, by=finance_officer, reason=" ")
    car_delete(car=car, by=finance_officer, reason="重复登记")
    assert not OfficialCar.objects.exists()
    assert OfficialCar.all_objects.get(pk=car.pk).deleted_at is not None


# --- pages ------------------------------------------------------------------------------------------------------


def test_the_list_filters_and_totals(org, finance_officer):
    OfficialCarFactory(unit=org.unit_a, price=Decimal("100000"), purchased_on=D(2025, 5, 6), plate="浙K·A1")
    OfficialCarFactory(unit=org.unit_a, price=Decimal("118000"), purchased_on=D(2026, 3, 2), plate="浙K·A2")
    OfficialCarFactory(unit=org.unit_b, price=Decimal("90000"), purchased_on=D(2026, 8, 2), plate="浙K·B1")
    client = _as(finance_officer)
    page = client.get(reverse("frugality_car_list")).content.decode()
    assert "合计 3 辆" in page and "308000.00" in page
    page = client.get(reverse("frugality_car_list") + f"?year=2026&unit={org.unit_a.pk}").content.decode()
    assert "浙K·A2" in page and "浙K·A1" not in page and "浙K·B1" not in page and "118000.00" in page
    page = client.get(reverse("frugality_car_list") + "?month_from=3&month_to=5").content.decode()
    assert "浙K·A1" in page and "浙K·A2" in page and "浙K·B1" not in page
    page = client.get(reverse("frugality_car_list") + "?month_from=9&month_to=2").content.decode()
    assert "起始月不能晚于截止月" in page and "合计 3 辆" in page
    assert "浙K·B1" in client.get(reverse("frugality_car_list") + "?q=b1&print=1").content.decode()


def test_the_form_reads_amounts_as_people_type_them(org, finance_officer):
    client = _as(finance_officer)
    form = {
        "plate": "浙K·F0001",
        "unit": org.unit_a.pk,
        "car_type": CarType.CONFIDENTIAL,
        "energy": Energy.FUEL,
        "model_name": "某品牌",
        "price": "11.8万元",
        "displacement": "1.5",
        "purchased_on": "2026-03-02",
        "mileage": "0",
    }
    response = client.post(reverse("frugality_car_create"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OfficialCar.objects.get().price == Decimal("118000.00")
    response = client.post(reverse("frugality_car_create"), form | {"plate": "浙K·F2", "price": "1,2万元x"})
    assert response.status_code == 200 and "无法识别" in response.content.decode()
    response = client.post(reverse("frugality_car_create"), form | {"plate": "浙K·F3", "displacement": ""})
    assert "燃油车须填写排气量" in response.content.decode()
    assert OfficialCar.objects.count() == 1


def test_the_detail_shows_its_finding_and_the_dispose_page_works(org, finance_officer, party_officer):
    standard_table(
        StandardKind.CAR_CAP,
        [(("confidential", "fuel"), {"max_price": 120000, "max_displacement": "1.6"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2017, 12, 5),
    )
    car = OfficialCarFactory(unit=org.unit_a, price=Decimal("138000"), purchased_on=D(2026, 3, 2))
    run_checks(organ_id=org.organ.pk, as_of=clock.today(), codes=["FRG-040"])
    page = _as(party_officer).get(reverse("frugality_car_detail", args=[car.pk])).content.decode()
    assert "预警与违规记录" in page and "超出18,000.00元" in page and "car-edit" not in page
    client = _as(finance_officer)
    response = client.post(reverse("frugality_car_dispose", args=[car.pk]), {"disposed_on": "2026-11-02"})
    assert response.status_code == 302
    assert "2026-11-02" in client.get(reverse("frugality_car_detail", args=[car.pk])).content.decode()
    response = client.post(reverse("frugality_car_delete", args=[car.pk]), {"reason": "重复登记"})
    assert response.status_code == 302 and not OfficialCar.objects.exists()


def test_the_api(org, finance_officer, party_officer):
    client = _as(finance_officer)
    body = {
        "unit_id": org.unit_a.pk,
        "plate": "浙K·P0001",
        "car_type": "confidential",
        "model_name": "某品牌",
        "price": "11.5万元",
        "displacement": "1.5",
        "purchased_on": "2026-03-02",
    }
    response = client.post("/api/frugality/cars", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["price"] == "115000.00" and response.json()["car_type_label"] == "机要通信用车"
    bad = client.post("/api/frugality/cars", json.dumps(body | {"price": "1,2万元x"}), content_type="application/json")
    assert bad.status_code == 422 and "无法识别" in json.dumps(bad.json(), ensure_ascii=False)
    bad = client.post("/api/frugality/cars", json.dumps(body | {"displacement": "0"}), content_type="application/json")
    assert bad.status_code == 400 and "排气量" in bad.json()["message"]
    bad = client.put(
        f"/api/frugality/cars/{pk}", json.dumps(body | {"unit_id": 999999}), content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["detail"] == {"unit_id": "委室不存在或无权查看"}
    response = _as(party_officer).post("/api/frugality/cars", json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    dispose = {"disposed_on": "2026-11-02", "reason": "报废"}
    response = client.post(f"/api/frugality/cars/{pk}/dispose", json.dumps(dispose), content_type="application/json")
    assert response.status_code == 200 and response.json()["disposed_on"] == "2026-11-02"
    response = client.post(f"/api/frugality/cars/{pk}/dispose", json.dumps(dispose), content_type="application/json")
    assert response.status_code == 409
    listed = _as(party_officer).get("/api/frugality/cars?status=disposed").json()
    assert [c["id"] for c in listed["items"]] == [pk]


# --- import and export --------------------------------------------------------------------------------------------


def _sheet(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "凭证号",
            "使用委室",
            "车牌号",
            "车辆类型",
            "能源类型",
            "品牌型号",
            "购置价格（元）",
            "排气量（升）",
            "购置日期",
        ]
    )
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD = ("记-0001", "办公室", "浙K·I0001", "机要通信用车", "燃油", "某品牌", "１１８０００", "1.5", "2026-03-02")


def test_the_import_reads_amounts_and_refuses_bad_rows_all_or_nothing(org, finance_officer, party_officer):
    importer = CarImport.for_user(finance_officer)
    plan = importer.parse(
        _sheet(
            GOOD,
            ("记-0002", "办公室", "浙K·I0002", "机要通信用车", "燃油", "某品牌", "1,2万元x", "1.5", "2026-03-02"),
            ("记-0003", "办公室", "浙K·I0003", "机要通信用车", "燃油", "某品牌", "118000", "1600", "2026-03-02"),
            ("记-0004", "办公室", "浙K·I0004", "机要通信用车", "燃油", "某品牌", "118000", "", "2026-03-02"),
            ("记-0005", "无此委室", "浙K·I0005", "机要通信用车", "燃油", "某品牌", "118000", "1.5", "2026-13-02"),
            ("", "办公室", "浙K·I0001", "机要通信用车", "燃油", "某品牌", "118000", "1.5", "2026-03-02"),
        )
    )
    assert [bool(r.errors) for r in plan.rows] == [False, True, True, True, True, True]
    assert plan.rows[0].values["price"] == Decimal("118000.00")
    assert "无法识别" in plan.rows[1].errors[0][1]
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not OfficialCar.all_objects.exists()
    with pytest.raises(Forbidden):
        CarImport.for_user(party_officer)


def test_the_export_re_imports_unchanged_and_an_import_updates_the_mileage(org, finance_officer):
    OfficialCarFactory(unit=org.unit_a, mileage=52000, mileage_on=D(2026, 6, 30), note="含=号备注")
    OfficialCarFactory(
        unit=org.unit_b, energy=Energy.NEW_ENERGY, displacement=None, disposed_on=D(2026, 10, 8), price=Decimal("1")
    )
    exported = _as(finance_officer).get(reverse("frugality_car_export"))
    assert exported.status_code == 200
    importer = CarImport.for_user(finance_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化", "无变化"]
    wb = load_workbook(io.BytesIO(exported.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[2]]  # row 1 is the title
    ws.cell(row=3, column=headers.index("行驶里程（公里）") + 1, value=61000)
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = importer.parse(buffer.getvalue())
    assert [r.action.value for r in plan.rows] == ["更新", "无变化"]
    assert [(c.column, c.old, c.new) for c in plan.rows[0].changes] == [("行驶里程（公里）", "52000", "61000")]
    importer.apply(plan, mode="all", by=finance_officer)
    assert OfficialCar.objects.filter(mileage=61000).count() == 1
    OfficialCar.objects.all().delete()
    result = importer.apply(importer.parse(exported.content), mode="all", by=finance_officer)
    assert result.created == 2
    disposed = OfficialCar.objects.get(unit=org.unit_b)
    assert disposed.disposed_on == D(2026, 10, 8) and disposed.entry_source == EntrySource.IMPORTED


# --- persona matrix -----------------------------------------------------------------------------------------------

EVERYONE = (*PERSONAS, "personnel_officer", "finance_officer")
# The car is unit A's (办公室). The register is the organ readers' and the finance officer's: not a unit head's.
# fmt: off
#        party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel finance
MATRIX = {
    "car": "r             -         -          -           r      r          -        -        -          -         w",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, EVERYONE))
def test_matrix(request, org, target, persona_name, expected):
    people = {name: request.getfixturevalue(name) for name in EVERYONE}
    car = OfficialCarFactory(unit=org.unit_a, model_name="独一无二的车型")
    user = people[persona_name]
    check_cell(
        model=OfficialCar, access=permissions.access_car, user=user, obj=car, expected=expected, label=persona_name
    )
    client = _as(user)
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    assert client.get(reverse("frugality_car_detail", args=[car.pk])).status_code == read
    assert client.get(reverse("frugality_car_edit", args=[car.pk])).status_code == write
    assert client.get(f"/api/frugality/cars/{car.pk}").status_code == read
    export = client.get(reverse("frugality_car_export"))
    if export.status_code == 200:
        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的车型" in text) == (expected in "rw")


def test_the_menu_and_the_import_pages(org, finance_officer, party_officer, unit_head, cadre_same_unit):
    def menu(user) -> str:
        return _as(user).get(reverse("workbench")).content.decode()

    assert "公务用车" in menu(party_officer) and "因公出国（境）" in menu(finance_officer)
    assert "公务用车" not in menu(unit_head) and "因公出国（境）" in menu(unit_head)
    assert "公务用车" not in menu(cadre_same_unit) and "因公出国（境）" not in menu(cadre_same_unit)
    client = _as(finance_officer)
    for name in ("frugality_car_import", "frugality_car_import_template", "frugality_abroad_import_template"):
        assert client.get(reverse(name)).status_code == 200
    assert _as(party_officer).get(reverse("frugality_car_import")).status_code == 403
