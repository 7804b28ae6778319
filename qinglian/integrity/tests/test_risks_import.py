"""廉政风险点导入: the template, a good register, bad rows rolled back entirely with clear Chinese row errors, updates
against what is registered, a unit head limited to the units they head, and the export read back as is."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.importing import Action
from qinglian.integrity.importers.risks import RiskImport
from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.org.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
HEADERS = ["委室*", "岗位", "风险事项*", "风险描述*", "风险等级*", "防控措施*", "责任人", "风险所在台账", "排查日期*"]


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or HEADERS)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(**over: Any) -> list[Any]:
    values = {
        "unit": "办公室",
        "post": "机关事务科",
        "matter": "公务接待审批",
        "description": "超标准接待",
        "level": "高",
        "controls": "公函制度、接待清单制度",
        "owner": "张明",
        "ledger": "公务接待",
        "identified_on": "2026-03-02",
    } | over
    return list(values.values())


@pytest.fixture
def owner(org):
    return PersonFactory(organ=org.organ, unit=org.unit_a, name="张明")


def _parse(user, rows):
    return RiskImport.for_user(user).parse(xlsx(rows))


def _errors(plan) -> list[tuple[int, str, str]]:
    return [(r.row, column, problem) for r in plan.rows for column, problem in r.errors]


def test_the_template(org, party_officer):
    sheet = RiskImport.for_user(party_officer).template()["廉政风险点"]
    assert [c.value for c in sheet[1]] == HEADERS


@pytest.mark.parametrize("name", ["cadre_same_unit", "leader", "supervisor", "personnel_officer", "sysadmin"])
def test_only_keepers_import(org, persona, name):
    with pytest.raises(Forbidden):
        RiskImport.for_user(persona(name))


def test_a_good_register_is_imported(org, owner, party_officer):
    importer = RiskImport.for_user(party_officer)
    plan = importer.parse(
        xlsx(
            [
                row(),
                row(
                    unit="研究室", post="", matter="课题经费", level="中", owner="", ledger="", identified_on="2026.3.5"
                ),
            ]
        )
    )
    assert not plan.has_errors and plan.count(Action.CREATE) == 2
    result = importer.apply(plan, mode="all", by=party_officer)
    assert result.created == 2
    reception = RiskPoint.objects.get(matter="公务接待审批")
    assert (reception.unit, reception.owner, reception.level, reception.ledger) == (
        org.unit_a,
        owner,
        "high",
        "reception",
    )
    research = RiskPoint.objects.get(matter="课题经费")
    assert (research.post, research.owner, research.ledger, research.identified_on) == (
        "",
        None,
        "other",
        dt.date(2026, 3, 5),
    )
    assert research.history.first().history_change_reason == "廉政风险点导入"
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_bad_rows_roll_back_everything_with_clear_row_errors(org, owner, party_officer):
    plan = _parse(
        party_officer,
        [
            row(),
            row(unit="宣传部", matter="甲"),
            row(owner="李四", matter="乙"),
            row(level="极高", matter="丙"),
            row(matter="丁", identified_on="2099-01-01"),
            row(),  # the first row again
        ],
    )
    assert _errors(plan) == [
        (3, "委室", "本机关没有名为“宣传部”的内设委室"),
        (4, "责任人", "本机关没有名为“李四”的人员"),
        (5, "风险等级", "“极高”不是有效的风险等级（高、中、低），请从下拉列表中选择"),
        (6, "排查日期", "不能晚于今天"),
        (7, "风险事项", "与第2行是同一委室、同一岗位的同一风险事项，请删去重复行"),
    ]
    with pytest.raises(InvalidInput) as exc:
        RiskImport.for_user(party_officer).apply(plan, mode="all", by=party_officer)
    assert "未写入任何数据" in exc.value.message
    assert not RiskPoint.all_objects.exists()


def test_the_stationed_group_is_not_a_unit_to_import_into(org, party_officer):
    plan = _parse(party_officer, [row(unit="派驻纪检监察组", owner="")])
    assert _errors(plan) == [(2, "委室", "本机关没有名为“派驻纪检监察组”的内设委室")]


def test_namesakes_are_told_apart_by_the_rows_unit_or_refused(org, owner, party_officer):
    other = PersonFactory(organ=org.organ, unit=org.unit_b, name="张明")
    plan = _parse(party_officer, [row(), row(unit="研究室", matter="课题经费")])
    assert not plan.has_errors
    assert [r.values["owner_id"] for r in plan.rows] == [owner.pk, other.pk]
    PersonFactory(organ=org.organ, unit=org.unit_b, name="张明")
    plan = _parse(party_officer, [row(unit="研究室", matter="课题经费")])
    assert _errors(plan) == [
        (2, "责任人", "本机关有2人名为“张明”（研究室、研究室），无法确定是哪一位，请在系统中逐条修改")
    ]


def test_a_unit_head_imports_only_their_units_rows(org, owner, unit_head):
    plan = _parse(unit_head, [row(), row(unit="研究室", matter="课题经费", owner="")])
    assert _errors(plan) == [(3, "委室", "无权导入研究室的风险点：委室负责人只能导入本人负责委室的风险点")]
    with pytest.raises(InvalidInput):
        RiskImport.for_user(unit_head).apply(plan, mode="all", by=unit_head)
    assert not RiskPoint.objects.exists()
    good = _parse(unit_head, [row()])
    assert RiskImport.for_user(unit_head).apply(good, mode="all", by=unit_head).created == 1


def test_a_registered_point_is_updated_or_unchanged(org, owner, party_officer):
    importer = RiskImport.for_user(party_officer)
    importer.apply(importer.parse(xlsx([row()])), mode="all", by=party_officer)
    same = importer.parse(xlsx([row()]))
    assert same.count(Action.UNCHANGED) == 1
    changed = importer.parse(xlsx([row(level="中", controls="公函制度；每季度公开接待情况")]))
    [plan_row] = changed.rows
    assert plan_row.action == Action.UPDATE
    assert {c.column: (c.old, c.new) for c in plan_row.changes} == {
        "风险等级": ("高", "中"),
        "防控措施": ("公函制度、接待清单制度", "公函制度；每季度公开接待情况"),
    }
    importer.apply(changed, mode="all", by=party_officer)
    assert RiskPoint.objects.get().level == "medium"


def test_the_export_reimports_as_is(org, owner, party_officer):
    importer = RiskImport.for_user(party_officer)
    importer.apply(
        importer.parse(xlsx([row(), row(unit="研究室", post="", matter="课题经费", owner="", level="低")])),
        mode="all",
        by=party_officer,
    )
    RiskReview.objects.create(risk=RiskPoint.objects.get(matter="课题经费"), date=dt.date(2026, 4, 1))
    client = Client()
    client.force_login(party_officer)
    exported = client.get(reverse("integrity_risks_export")).content
    plan = importer.parse(exported)
    assert not plan.has_errors and plan.count(Action.UNCHANGED) == 2


def test_the_import_page(org, owner, unit_head):
    client = Client()
    client.force_login(unit_head)
    assert client.get(reverse("integrity_risk_import")).status_code == 200
    template = client.get(reverse("integrity_risk_import_template"))
    assert template.status_code == 200
    upload = SimpleUploadedFile("登记表.xlsx", xlsx([row(level="特高")]))
    page = client.post(reverse("integrity_risk_import"), {"file": upload, "mode": "all"})
    assert "不是有效的风险等级" in page.content.decode() and not RiskPoint.objects.exists()
    upload = SimpleUploadedFile("登记表.xlsx", xlsx([row()]))
    client.post(reverse("integrity_risk_import"), {"file": upload, "mode": "all"})
    assert RiskPoint.objects.count() == 1
