"""Writing standard tables: a version is imported whole or not at all, refused with a Chinese reason for every kind
of bad row or period, ended and retired (never deleted) by the finance officer only, with history and audit."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.choices import StandardKind as K
from qinglian.frugality.models import StandardRow, StandardTable
from qinglian.frugality.services.standards import (
    RowIn,
    standard_table_end,
    standard_table_import,
    standard_table_retire,
)
from qinglian.frugality.standards.lookup import StandardBook

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 1)


def lodging_rows(*extra: RowIn) -> list[RowIn]:
    return [
        RowIn(("浙江", "杭州", "其他人员"), {"cap": "420"}, 3),
        RowIn(("浙江", "*", "other"), {"cap": "１,000元"}, 4),
        RowIn(
            ("浙江", "宁波市", "厅局级（司局级）"), {"cap": "0.05万元", "peak_cap": "600", "peak_months": "7～9月"}, 5
        ),
        *extra,
    ]


def organ_import(by, org, **over):
    args = {
        "kind": K.LODGING,
        "jurisdiction": Jurisdiction.ORGAN,
        "organ": org.organ,
        "title": "本机关差旅住宿费标准",
        "doc_no": "测财〔2026〕1号",
        "source": "《测试市差旅费管理办法》第十条",
        "effective_from": dt.date(2026, 1, 1),
        "rows": lodging_rows(),
        "by": by,
    }
    return standard_table_import(**(args | over))


def refused(by, org, message: str, **over) -> None:
    tables, rows = StandardTable.objects.count(), StandardRow.objects.count()
    with pytest.raises(InvalidInput) as caught:
        organ_import(by, org, **over)
    assert message in caught.value.message
    assert (StandardTable.objects.count(), StandardRow.objects.count()) == (tables, rows)


def test_a_version_is_imported_whole_and_the_rules_read_it(org, finance_officer):
    table = organ_import(finance_officer, org)
    assert table.created_by == finance_officer and table.rows.count() == 3
    kept = {(r.key_a, r.key_b, r.key_c): r.values for r in table.rows.all()}
    assert kept[("浙江", "*", "other")] == {"cap": "1000"}
    assert kept[("浙江", "宁波市", "department")] == {"cap": "500", "peak_cap": "600", "peak_months": "7-9"}
    book = StandardBook.load(org.organ.pk)
    assert book.find(K.LODGING, ON, "浙江省", "杭州市", "other").amount("cap") == 420
    assert table.history.get().history_user == finance_officer
    event = AuditEvent.objects.get(action="parameter_changed", target_id=str(table.pk))
    assert event.actor_id == finance_officer.pk and event.detail["rows"] == 3


def test_central_tables_are_transcribed_by_the_finance_officer_too(org, finance_officer):
    example = StandardTable.objects.get(kind=K.LODGING, jurisdiction=Jurisdiction.CENTRAL, effective_to__isnull=True)
    standard_table_end(table=example, effective_to=dt.date(2029, 12, 31), by=finance_officer)
    table = organ_import(
        finance_officer, org, jurisdiction=Jurisdiction.CENTRAL, organ=None, effective_from=dt.date(2030, 1, 1)
    )
    assert table.organ is None and table.created_by == finance_officer


def test_overlapping_periods_are_refused(org, finance_officer):
    organ_import(finance_officer, org, effective_to=dt.date(2026, 12, 31))
    refused(
        finance_officer,
        org,
        "与已有标准表（2026-01-01至2026-12-31）生效期间重叠，请先为旧表设置失效日期",
        effective_from=dt.date(2026, 6, 1),
    )
    assert organ_import(finance_officer, org, effective_from=dt.date(2027, 1, 1)).rows.count() == 3


def test_the_shipped_central_example_must_be_ended_before_a_new_central_version(org, finance_officer):
    refused(
        finance_officer,
        org,
        "与已有标准表（2016-01-01至长期）生效期间重叠",
        jurisdiction=Jurisdiction.CENTRAL,
        organ=None,
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (RowIn(("浙江", "杭州市", "other"), {"cap": "400"}, 6), "与第3行重复（浙江/杭州市/其他人员）"),
        (RowIn(("浙江", "温州", "处长"), {"cap": "400"}, 6), "“处长”不是有效的人员级别"),
        (RowIn(("*", "温州", "other"), {"cap": "400"}, 6), "省份不能填“*”"),
        (RowIn(("浙江", "温州", "*"), {"cap": "400"}, 6), "人员级别不能填“*”"),
        (RowIn(("浙江", "温州", "other"), {"cap": "1,2万元x"}, 6), "金额“1,2万元x”无法识别"),
        (RowIn(("浙江", "温州", "other"), {"cap": "-5"}, 6), "金额不能为负数"),
        (RowIn(("浙江", "温州", "other"), {"cap": ""}, 6), "第6行 住宿费限额：必填"),
        (RowIn(("浙江", "", "other"), {"cap": "400"}, 6), "必填；其他地区（不区分）填“*”"),
        (RowIn(("浙江", "温州", "other"), {"cap": "400", "peak_cap": "500"}, 6), "须同时填写"),
        (RowIn(("浙江", "温州", "other"), {"cap": "400", "peak_cap": "500", "peak_months": "13"}, 6), "月份1至12"),
        (RowIn(("浙江", "温州"), {"cap": "400"}, 6), "须填写3个键"),
    ],
)
def test_a_bad_row_refuses_the_whole_version(org, finance_officer, row, message):
    refused(finance_officer, org, message, rows=lodging_rows(row))


def test_every_bad_row_is_named(org, finance_officer):
    rows = lodging_rows(RowIn(("浙江", "温州", "处长"), {"cap": "x"}, 6), RowIn(("浙江", "台州", "other"), {}, 7))
    with pytest.raises(InvalidInput) as caught:
        organ_import(finance_officer, org, rows=rows)
    assert [d["row"] for d in caught.value.detail] == [6, 7]
    assert len(caught.value.detail[0]["errors"]) == 2


def test_choice_values_ints_and_unknown_names(org, finance_officer):
    def transport(values):
        return [RowIn(("other", "train"), values, 2)]

    refused(
        finance_officer,
        org,
        "“头等座”不是有效的可乘坐的最高等级",
        kind=K.TRANSPORT_CLASS,
        rows=transport({"max_class": "头等座"}),
    )
    refused(
        finance_officer,
        org,
        "没有这些标准值：seats",
        kind=K.TRANSPORT_CLASS,
        rows=transport({"max_class": "train_hard", "seats": "1"}),
    )
    people = [RowIn(("四类会议",), {"per_person_day": "550", "max_people": "50.5"}, 2)]
    refused(finance_officer, org, "应为整数", kind=K.CONFERENCE_RATE, rows=people)
    table = organ_import(
        finance_officer, org, kind=K.TRANSPORT_CLASS, rows=transport({"max_class": "火车硬席（硬座、硬卧）"})
    )
    assert table.rows.get().values == {"max_class": "train_hard"}


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"effective_to": dt.date(2025, 12, 31)}, "失效日期不能早于生效日期"),
        ({"source": " "}, "请填写依据"),
        ({"title": ""}, "请填写标准名称"),
        ({"organ": None}, "“本机关”层级的标准表须指定本机关"),
        ({"jurisdiction": Jurisdiction.CITY}, "中央、省级、市级标准表不指定机关"),
        ({"kind": "hotel"}, "请选择标准类别"),
        ({"confidence": "sure"}, "可信度不正确"),
        ({"rows": []}, "没有数据行"),
    ],
)
def test_bad_metadata_is_refused(org, finance_officer, over, message):
    refused(finance_officer, org, message, **over)


@pytest.mark.parametrize("name", ["party_officer", "unit_head", "cadre_same_unit", "leader", "sysadmin"])
def test_only_the_finance_officer_writes_tables(org, persona, name):
    with pytest.raises(Forbidden):
        organ_import(persona(name), org)


def test_another_organs_table_cannot_be_imported(org, finance_officer):
    from qinglian.org.tests.factories import OrganFactory

    with pytest.raises(Forbidden):
        organ_import(finance_officer, org, organ=OrganFactory(code="other-organ", name="另一机关"))


def test_ending_a_version_makes_way_for_the_next(org, finance_officer):
    old = organ_import(finance_officer, org)
    standard_table_end(table=old, effective_to=dt.date(2026, 6, 30), by=finance_officer)
    new = organ_import(
        finance_officer, org, effective_from=dt.date(2026, 7, 1), rows=[RowIn(("浙江", "杭州", "other"), {"cap": 450})]
    )
    book = StandardBook.load(org.organ.pk)
    assert book.find(K.LODGING, dt.date(2026, 6, 30), "浙江", "杭州", "other").table_id == old.pk
    assert book.find(K.LODGING, dt.date(2026, 7, 1), "浙江", "杭州", "other").table_id == new.pk
    with pytest.raises(InvalidInput, match="生效期间重叠"):
        standard_table_end(table=old, effective_to=dt.date(2026, 8, 31), by=finance_officer)
    with pytest.raises(InvalidInput, match="失效日期不能早于生效日期"):
        standard_table_end(table=new, effective_to=dt.date(2026, 1, 1), by=finance_officer)
    old.refresh_from_db()
    assert old.effective_to == dt.date(2026, 6, 30)
    ended = old.history.order_by("-history_id").first()
    assert ended.history_user == finance_officer and ended.history_change_reason == "设置失效日期 2026-06-30"


def test_a_retired_version_is_kept_but_no_longer_read(org, finance_officer, party_officer):
    table = organ_import(finance_officer, org)
    with pytest.raises(InvalidInput, match="请填写作废原因"):
        standard_table_retire(table=table, reason=" ", by=finance_officer)
    with pytest.raises(Forbidden):
        standard_table_retire(table=table, reason="录错", by=party_officer)
    standard_table_retire(table=table, reason="城市录错", by=finance_officer)
    table.refresh_from_db()
    assert table.retired_at is not None and "（作废：城市录错）" in table.note
    assert StandardTable.objects.filter(pk=table.pk).exists() and table.rows.count() == 3
    found = StandardBook.load(org.organ.pk).find(K.LODGING, ON, "浙江", "杭州", "other")
    assert found.table_id != table.pk  # the shipped province example answers again
    with pytest.raises(InvalidInput, match="已作废"):
        standard_table_retire(table=table, reason="再次", by=finance_officer)
    with pytest.raises(InvalidInput, match="已作废"):
        standard_table_end(table=table, effective_to=ON, by=finance_officer)
    assert organ_import(finance_officer, org, confidence=Confidence.MEDIUM).rows.count() == 3  # its period is free
    whats = list(AuditEvent.objects.filter(target_id=str(table.pk)).values_list("detail__what", flat=True))
    assert "作废：城市录错" in whats
