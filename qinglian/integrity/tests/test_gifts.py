"""礼品登记: the recipient registers, the office hands in and handles; dates; pages, API, export that re-imports;
the matrix; rule INT-060 on any date."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity import permissions
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.importers.gifts import GiftImport
from qinglian.integrity.models import Gift
from qinglian.integrity.selectors.inquiries import rule_values
from qinglian.integrity.services.gifts import gift_handle, gift_register
from qinglian.integrity.tests.factories import GiftFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _gift(person, **kw) -> Gift:
    values = {"received_on": D(2026, 11, 2), "giver": "某协会", "description": "茶叶两盒", "value": "300"}
    return Gift(person=person, **{**values, **kw})


def test_the_recipient_registers_and_the_office_handles(org, cadre_same_unit, party_officer):
    gift = gift_register(gift=_gift(cadre_same_unit.person, registered_on=D(2026, 11, 3)), by=cadre_same_unit)
    gift_handle(gift=gift, handling=GiftHandling.HANDED_IN, handed_in_on=D(2026, 11, 4), by=party_officer)
    gift.refresh_from_db()
    assert gift.handed_in_on == D(2026, 11, 4) and gift.received_by == party_officer.person
    gift.description = "改过"
    with pytest.raises(Conflict, match="已登记上交处理"):
        gift_register(gift=gift, by=cadre_same_unit)


def test_registration_refusals(org, cadre_same_unit, cadre_other_unit, supervisor):
    me = cadre_same_unit.person
    with pytest.raises(Forbidden, match="只能登记本人"):
        gift_register(gift=_gift(cadre_other_unit.person), by=cadre_same_unit)
    with pytest.raises(Forbidden):
        gift_register(gift=_gift(supervisor.person), by=supervisor)
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        gift_register(gift=_gift(me, received_on=clock.today() + dt.timedelta(days=1)), by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="回单位日期不能早于收受日期"):
        gift_register(gift=_gift(me, back_on=D(2026, 11, 1)), by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="登记日期不能早于收受日期"):
        gift_register(gift=_gift(me, registered_on=D(2026, 11, 1)), by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="估价不能为负数"):
        gift_register(gift=_gift(me, value="-1"), by=cadre_same_unit)
    assert not Gift.all_objects.exists()


def test_handling_refusals(org, cadre_same_unit, party_officer, unit_head):
    gift = gift_register(gift=_gift(cadre_same_unit.person), by=cadre_same_unit)
    with pytest.raises(Forbidden):
        gift_handle(gift=gift, handling=GiftHandling.HANDED_IN, handed_in_on=D(2026, 11, 4), by=unit_head)
    with pytest.raises(InvalidInput, match="请填写上交日期"):
        gift_handle(gift=gift, handling=GiftHandling.HANDED_IN, handed_in_on=None, by=party_officer)
    with pytest.raises(InvalidInput, match="上交日期不能早于收受日期"):
        gift_handle(gift=gift, handling=GiftHandling.HANDED_IN, handed_in_on=D(2026, 11, 1), by=party_officer)
    own = gift_register(gift=_gift(party_officer.person), by=party_officer)
    with pytest.raises(Forbidden, match="责任人"):
        gift_handle(gift=own, handling=GiftHandling.HANDED_IN, handed_in_on=D(2026, 11, 4), by=party_officer)
    gift_handle(gift=gift, handling=GiftHandling.RETURNED, handed_in_on=None, handling_note="已退还", by=party_officer)
    assert Gift.objects.get(pk=gift.pk).handling == GiftHandling.RETURNED


def test_pages_filters_print_and_cards(org, cadre_same_unit, party_officer, cadre_other_unit):
    client = _as(cadre_same_unit)
    recent = (clock.today() - dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("integrity_gift_create"),
        {"person": cadre_same_unit.person.pk, "received_on": recent, "giver": "某协会", "description": "茶叶"},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    gift = Gift.objects.get()
    assert gift.registered_on == clock.today()
    GiftFactory(person=cadre_other_unit.person, description="书画")
    page = (
        _as(party_officer).get(reverse("integrity_gifts") + f"?unit={org.unit_a.pk}&handling=pending").content.decode()
    )
    assert "茶叶" in page and "书画" not in page
    assert _as(party_officer).get(reverse("integrity_gifts") + "?print=1&year=2026").status_code == 200
    assert "我登记的礼品" in client.get(reverse("workbench")).content.decode()
    assert "我登记的礼品" not in _as(party_officer).get(reverse("workbench")).content.decode()
    response = _as(party_officer).post(
        reverse("integrity_gift_handle", args=[gift.pk]),
        {"handling": GiftHandling.HANDED_IN, "handed_in_on": clock.today().isoformat(), "handling_note": "入库"},
    )
    assert response.status_code == 302
    assert "已按期上交" in client.get(reverse("integrity_gift", args=[gift.pk])).content.decode()


def test_the_to_do_lists_unhandled_gifts_for_the_office(org, cadre_same_unit, party_officer):
    from qinglian.integrity.todos.gifts import gifts_to_record

    gift = gift_register(gift=_gift(cadre_same_unit.person), by=cadre_same_unit)
    assert [i.link for i in gifts_to_record(party_officer)] == [f"/integrity/gifts/{gift.pk}/"]
    assert gifts_to_record(cadre_same_unit) == []


def test_the_api(org, cadre_same_unit, party_officer):
    client = _as(cadre_same_unit)
    body = {"received_on": "2026-11-02", "giver": "某协会", "description": "茶叶", "value": "120.50"}
    response = client.post("/api/integrity/gifts", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["due_on"] == "2026-12-02"
    response = client.post("/api/integrity/gifts", json.dumps({**body, "value": "-3"}), content_type="application/json")
    assert response.status_code == 422
    response = client.post(
        "/api/integrity/gifts", json.dumps({**body, "back_on": "2026-11-01"}), content_type="application/json"
    )
    assert response.status_code == 400 and "回单位日期" in response.json()["message"]
    handle = {"handling": "handed_in", "handed_in_on": "2026-11-05"}
    response = client.post(f"/api/integrity/gifts/{pk}/handle", json.dumps(handle), content_type="application/json")
    assert response.status_code == 403
    response = _as(party_officer).post(
        f"/api/integrity/gifts/{pk}/handle", json.dumps(handle), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["handling_label"] == "上交机关纪委"


def test_the_export_re_imports_as_it_is(org, cadre_same_unit, cadre_other_unit, party_officer):
    GiftFactory(person=cadre_same_unit.person)
    GiftFactory(
        person=cadre_other_unit.person,
        description="购物卡",
        handling=GiftHandling.RETURNED,
        handed_in_on=None,
        back_on=D(2026, 3, 4),
    )
    exported = _as(party_officer).get(reverse("integrity_gifts_export"))
    assert exported.status_code == 200
    importer = GiftImport.for_user(party_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, [r.errors for r in plan.rows]
    assert [r.action.value for r in plan.rows] == ["无变化", "无变化"]
    Gift.objects.all().delete()
    plan = importer.parse(exported.content)
    result = importer.apply(plan, mode="all", by=party_officer)
    assert result.created == 2
    returned = Gift.objects.get(description="购物卡")
    assert returned.handling == GiftHandling.RETURNED and returned.back_on == D(2026, 3, 4)


def test_the_import_judges_rows(org, party_officer, cadre_same_unit):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["受礼人", "收受日期", "送礼人/单位", "礼品名称", "估价（元）", "上交日期", "处理方式"])
    ws.append(["无此人", "2026-11-02", "某", "茶叶", "10", "", ""])
    ws.append([cadre_same_unit.person.name, "2026-11-02", "某", "茶叶", "-5", "", ""])
    ws.append([cadre_same_unit.person.name, "2026-11-02", "某", "茶叶", "5", "", "上交机关纪委"])
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = GiftImport.for_user(party_officer).parse(buffer.getvalue())
    assert [bool(r.errors) for r in plan.rows] == [True, True, True]
    with pytest.raises(Forbidden):
        GiftImport.for_user(cadre_same_unit)


# --- permission matrix ------------------------------------------------------------------------------------------

PERSONAS_ALL = (*PERSONAS, "personnel_officer")
# The gift is cadre_same_unit's (办公室, unit A).
# fmt: off
#             party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "gift": "w             r         w          -           r      r          -        -        -          r",
}
# fmt: on


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS_ALL))
def test_matrix(request, org, target, persona_name, expected):
    everyone = {name: request.getfixturevalue(name) for name in PERSONAS_ALL}
    obj = GiftFactory(person=everyone["cadre_same_unit"].person, description="独一无二的礼品")
    user = everyone[persona_name]
    check_cell(model=Gift, access=permissions.access_gift, user=user, obj=obj, expected=expected, label=persona_name)
    status = 200 if expected in "rw" else 404
    client = _as(user)
    assert client.get(reverse("integrity_gift", args=[obj.pk])).status_code == status
    assert client.get(f"/api/integrity/gifts/{obj.pk}").status_code == status
    export = client.get(reverse("integrity_gifts_export"))
    if export.status_code == 200:
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        assert ("独一无二的礼品" in text) == (expected in "rw")


# --- INT-060 -------------------------------------------------------------------------------------------------------


def _run(organ_id: int, as_of: dt.date):
    rule = RULES["INT-060"]
    params = Params(rule_values("INT-060", organ_id, as_of))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {s.id: (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def test_int060_handed_in_after_five_weeks_is_red_recorded_and_a_past_date_sees_it(org, cadre_same_unit, party_officer):
    with clock.replaying(moment(D(2026, 3, 3))):
        gift = gift_register(gift=_gift(cadre_same_unit.person, received_on=D(2026, 3, 2)), by=cadre_same_unit)
    with clock.replaying(moment(D(2026, 4, 6))):
        gift_handle(gift=gift, handling=GiftHandling.HANDED_IN, handed_in_on=D(2026, 4, 6), by=party_officer)
    subject, verdict = _run(org.organ.pk, D(2026, 12, 7))[str(gift.pk)]
    assert verdict.severity == Severity.RED and verdict.recorded and verdict.due == D(2026, 4, 2)
    assert (subject.person_id, subject.unit_id) == (cadre_same_unit.person_id, org.unit_a.pk)
    assert _run(org.organ.pk, D(2026, 3, 30))[str(gift.pk)][1].severity == Severity.YELLOW
    opened = _run(org.organ.pk, D(2026, 4, 3))[str(gift.pk)][1]
    assert opened.severity == Severity.RED and not opened.recorded
    assert str(gift.pk) not in _run(org.organ.pk, D(2026, 3, 1))


def test_int060_from_coming_back_and_a_returned_gift_counts_its_registration(org, cadre_same_unit, party_officer):
    away = GiftFactory(
        person=cadre_same_unit.person,
        received_on=D(2026, 3, 2),
        back_on=D(2026, 3, 20),
        registered_on=D(2026, 4, 10),
        handed_in_on=D(2026, 4, 10),
    )
    returned = GiftFactory(
        person=cadre_same_unit.person,
        received_on=D(2026, 5, 6),
        registered_on=D(2026, 5, 8),
        handed_in_on=None,
        handling=GiftHandling.RETURNED,
    )
    found = _run(org.organ.pk, D(2026, 12, 7))
    assert found[str(away.pk)][1] is None and found[str(returned.pk)][1] is None
    assert {p.name for p in RULES["INT-060"].params} == {"register_months", "warn_working_days", "look_back_years"}
