"""Pages and API of the standard tables, and who may do what: the finance officer writes (import, end, retire);
every other business account reads the published tables and its organ's own; administrators and accounts without
a business grant see nothing; another organ does not see this organ's own table. Plus the list's 待核实 badge, a
table's rows, versions and history, and "which standard applies on a date"."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.compliance.choices import Jurisdiction
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.frugality.choices import StandardKind as K
from qinglian.frugality.models import StandardTable
from qinglian.frugality.permissions import access_standard_table
from qinglian.frugality.services.standards import RowIn, standard_table_end, standard_table_import
from qinglian.frugality.tests.factories import standard_table

pytestmark = pytest.mark.django_db
PERSONAS = (
    "finance_officer",
    "party_officer",
    "unit_head",
    "cadre_same_unit",
    "leader",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditadmin",
    "outsider",
)

# fmt: off
#            finance party unit_head cadre leader supervisor sysadmin secadmin auditadmin outsider
MATRIX = {
    "central": "w      r     r         r     r      r          -        -        -          -",
    "organ":   "w      r     r         r     r      r          -        -        -          -",
}
# fmt: on
CASES = matrix_cases(MATRIX, PERSONAS)


@pytest.fixture
def outsider(org):
    from qinglian.org.tests.factories import PersonFactory, UserFactory

    person = PersonFactory(organ=org.organ, unit=org.unit_b, name="无授权人员")
    return UserFactory(username="outsider", organ=org.organ, person=person, roles=[])


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def targets(org):
    return {
        "central": StandardTable.objects.get(kind=K.MEAL_ALLOWANCE),
        "organ": standard_table(
            K.RECEPTION_MEAL,
            [(("other",), {"per_head": 90})],
            jurisdiction=Jurisdiction.ORGAN,
            organ=org.organ,
            effective_from=dt.date(2026, 1, 1),
            title="本机关工作餐标准",
        ),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
def test_matrix(target, persona_name, expected, everyone, targets):
    check_cell(
        model=StandardTable,
        access=access_standard_table,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
def test_pages_and_api_agree(target, persona_name, expected, everyone, targets):
    table = targets[target]
    client = _client(everyone[persona_name])
    read = {"w": 200, "r": 200, "-": 404}[expected]
    write = {"w": 200, "r": 403, "-": 404}[expected]
    lists = {"w": 200, "r": 200, "-": 403}[expected]
    assert client.get(reverse("frugality_standard_detail", args=[table.pk])).status_code == read
    assert client.get(reverse("frugality_standard_export", args=[table.pk])).status_code == read
    assert client.get(reverse("frugality_standard_end", args=[table.pk])).status_code == write
    assert client.get(reverse("frugality_standard_retire", args=[table.pk])).status_code == write
    assert client.get(reverse("frugality_standard_list")).status_code == lists
    assert client.get(reverse("frugality_standard_in_force")).status_code == lists
    assert client.get(reverse("frugality_standard_import")).status_code == (200 if expected == "w" else 403)
    assert client.get(reverse("api:frugality_api_standard_detail", args=[table.pk])).status_code == read
    listed = client.get(reverse("api:frugality_api_standard_list"))
    assert listed.status_code == lists
    if lists == 200:
        assert table.pk in {item["id"] for item in listed.json()["items"]}
    retire = client.post(
        reverse("api:frugality_api_standard_retire", args=[table.pk]),
        json.dumps({"reason": "录入错误"}),
        content_type="application/json",
    )
    # The stationed group's writes are refused by the middleware before any lookup (decision 0010).
    assert retire.status_code == (403 if persona_name == "supervisor" else write)


def test_another_organ_reads_the_published_tables_only(org, targets):
    from qinglian.org.choices import Role
    from qinglian.org.models import RoleGrant
    from qinglian.org.tests.factories import OrganFactory, UnitFactory, UserFactory

    other = OrganFactory(code="other-organ", name="另一机关")
    user = UserFactory(username="other_finance", organ=other, roles=[])
    RoleGrant.objects.create(user=user, organ=other, role=Role.FINANCE_OFFICER)
    UnitFactory(organ=other, name="办公室")
    client = _client(user)
    assert client.get(reverse("frugality_standard_detail", args=[targets["central"].pk])).status_code == 200
    assert client.get(reverse("frugality_standard_detail", args=[targets["organ"].pk])).status_code == 404
    assert client.get(reverse("frugality_standard_end", args=[targets["organ"].pk])).status_code == 404


def test_the_list_groups_by_kind_and_flags_examples(org, cadre_same_unit):
    page = _client(cadre_same_unit).get(reverse("frugality_standard_list"))
    text = page.content.decode()
    assert text.count('data-testid="standard-row"') == 12
    assert text.count('data-testid="unconfirmed"') == 2 * 3  # beside the name on a phone, in its column on a screen
    assert text.index("住宿费限额") < text.index("伙食补助费") < text.index("出访天数上限")
    assert "财行〔2016〕214号" in text
    only = _client(cadre_same_unit).get(reverse("frugality_standard_list"), {"kind": K.LODGING, "year": 2015})
    assert only.content.decode().count('data-testid="standard-row"') == 1
    sheet = load_workbook(io.BytesIO(_client(cadre_same_unit).get(reverse("frugality_standard_list_export")).content))
    assert sheet.active.max_row == 2 + 12


def test_a_table_shows_its_rows_versions_and_history(org, finance_officer, leader):
    old = StandardTable.objects.get(kind=K.LODGING, jurisdiction=Jurisdiction.PROVINCE)
    standard_table_end(table=old, effective_to=dt.date(2026, 6, 30), by=finance_officer)
    new = standard_table_import(
        kind=K.LODGING,
        jurisdiction=Jurisdiction.PROVINCE,
        title="浙江省差旅住宿费标准（2026年）",
        doc_no="浙财行〔2026〕9号",
        source="《浙江省差旅费管理办法》第十条",
        effective_from=dt.date(2026, 7, 1),
        rows=[RowIn(("浙江", "杭州", "other"), {"cap": 450}, 2)],
        by=finance_officer,
    )
    page = _client(leader).get(reverse("frugality_standard_detail", args=[old.pk])).content.decode()
    assert page.count('data-testid="standard-line"') == 6 and "住宿费限额（元/人·天）" in page and ">700</td>" in page
    assert "浙江省差旅住宿费标准（2026年）" in page and "2016-01-01 至 2026-06-30" in page
    assert "修改记录" in page and "finance_officer" in page and "示例标准，待核实" in page
    assert 'data-testid="end"' not in page  # the leader reads only
    own = _client(finance_officer).get(reverse("frugality_standard_detail", args=[new.pk])).content.decode()
    assert 'data-testid="end"' in own and 'data-testid="unconfirmed"' not in own.split("各版本")[0]


def test_the_end_and_retire_pages_write_through_the_services(org, finance_officer):
    table = StandardTable.objects.get(kind=K.RECEPTION_MEAL)
    client = _client(finance_officer)
    bad = client.post(reverse("frugality_standard_end", args=[table.pk]), {"effective_to": "2013-01-01"})
    assert "失效日期不能早于生效日期" in bad.content.decode()
    client.post(reverse("frugality_standard_end", args=[table.pk]), {"effective_to": "2026-06-30"})
    client.post(reverse("frugality_standard_retire", args=[table.pk]), {"reason": "改按本市正式标准"})
    table.refresh_from_db()
    assert table.effective_to == dt.date(2026, 6, 30) and table.retired_at is not None
    assert client.get(reverse("frugality_standard_detail", args=[table.pk])).status_code == 200
    assert client.get(reverse("frugality_standard_end", args=[table.pk])).status_code == 404


def test_which_standard_applies_on_a_date(org, party_officer):
    client = _client(party_officer)
    url = reverse("frugality_standard_in_force")
    ningbo = {"on": "2015-06-01", "kind": K.LODGING, "province": "浙江", "city": "宁波", "band": "department"}
    text = client.get(url, ningbo).content.decode()
    assert "（财行〔2013〕531号）" in text and "<strong>450 元/人·天</strong>" in text
    assert "不在生效期间（2016-01-01至长期）" in text
    text = client.get(url, ningbo | {"on": "2026-03-01"}).content.decode()
    assert "浙江省差旅住宿费标准（示例）" in text and "<strong>450 元/人·天</strong>" in text
    assert "生效中，但层级或生效日期在适用的表之后" in text  # the central example
    tibet = client.get(url, {"on": "2026-03-01", "kind": K.LODGING, "province": "西藏", "band": "other"})
    text = tibet.content.decode()
    assert "没有适用的住宿费限额标准（西藏/其他（不区分）/其他人员）" in text
    assert text.count("生效中，但没有该项的标准") == 2  # the province's and the centre's example tables
    everything = client.get(url).content.decode()
    assert everything.count('data-testid="answer"') == 10 and "填写省份、人员级别可查看适用的行" in everything
    assert "<strong>100 元/人·天</strong>" in everything  # the meal allowance needs no key: 其他地区


def test_the_lookup_api(org, cadre_same_unit):
    client = _client(cadre_same_unit)
    url = reverse("api:frugality_api_standard_lookup")
    found = client.get(url, {"kind": "lodging", "on": "2026-03-01", "key": ["浙江省", "杭州市", "其他人员"]})
    body = found.json()
    assert found.status_code == 200 and body["values"] == {"cap": "400"} and body["unconfirmed"] is True
    assert body["key_labels"] == ["浙江", "杭州", "其他人员"] and "待核实" in body["cited"]
    meals = client.get(url, {"kind": "meal_allowance", "on": "2026-03-01"}).json()
    assert meals["values"] == {"per_day": "100"} and meals["doc_no"] == "财行〔2013〕531号"
    missing = client.get(url, {"kind": "lodging", "on": "2026-03-01", "key": ["西藏", "", "other"]})
    assert missing.status_code == 404
    assert missing.json()["message"] == "没有适用的住宿费限额标准（西藏/其他（不区分）/其他人员），请财务核实"
    bad = client.get(url, {"kind": "lodging", "on": "2026-03-01", "key": ["浙江", "杭州", "处长"]})
    assert bad.status_code == 400 and "“处长”不是有效的人员级别" in bad.json()["message"]
    assert client.get(url, {"kind": "hotel", "on": "2026-03-01"}).status_code == 422
    detail = client.get(reverse("api:frugality_api_standard_detail", args=[found.json()["table_id"]])).json()
    assert detail["row_count"] == 6 and detail["rows"][0]["keys"] == ["浙江", "杭州", "provincial"]


def test_the_api_ends_a_version(org, finance_officer):
    table = StandardTable.objects.get(kind=K.CAR_CAP)
    client = _client(finance_officer)
    url = reverse("api:frugality_api_standard_end", args=[table.pk])
    refused = client.post(url, json.dumps({"effective_to": "2000-01-01"}), content_type="application/json")
    assert refused.status_code == 400 and refused.json()["message"] == "失效日期不能早于生效日期"
    done = client.post(url, json.dumps({"effective_to": "2026-12-31"}), content_type="application/json")
    assert done.status_code == 200 and done.json()["effective_to"] == "2026-12-31"
