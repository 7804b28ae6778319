"""The publishable summary (代表建议办理情况汇总表): per handling unit and totals for the ledger of
test_figures_page (worked out by hand there), no personal data, printable, Excel and Word, who may read."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from qinglian.npc.selectors.figures import handling_stats
from qinglian.npc.selectors.summary import unit_summary
from qinglian.npc.tests.test_figures_page import ledgers  # noqa: F401  (the fixture)

READERS = ("party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor")
HOUSING, PLANNING = "市住房和城乡建设局", "市自然资源和规划局"
# 主办 协办 已答复 按期 已解决 正在解决 列入计划 留作参考 满意 基本满意 不满意 解决率 满意率
EXPECTED = {
    # s1 (on time, 已解决, 满意), s2 (late, 正在解决, 不满意), s6 (late, 留作参考, none); co-unit of s3
    HOUSING: (3, 1, 3, 1, 1, 1, 0, 1, 1, 0, 1, "66.7%", "50.0%"),
    # s3 (on time; the re-reply's 已解决 and 基本满意 replace 列入计划 and 不满意), s4 (not replied)
    PLANNING: (2, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, "100.0%", "100.0%"),
}
TOTAL = (5, 1, 4, 2, 2, 1, 0, 1, 1, 1, 1, "75.0%", "66.7%")


def test_the_summary_counts_per_unit_and_totals(client, ledgers, cadre_other_unit):  # noqa: F811
    client.force_login(cadre_other_unit)
    response = client.get(reverse("npc_summary"), {"year": 2026})
    assert response.status_code == 200
    assert {unit.unit_name: cells for unit, cells in response.context["units"]} == EXPECTED
    assert response.context["total"] == TOTAL
    assert response.context["table"].unassigned == 1  # 第005号 is registered only
    html = response.content.decode()
    assert 'data-testid="summary-total"' in html and "另有 1 件尚未交办" in html


def test_the_totals_agree_with_the_years_figures(org, ledgers):  # noqa: F811
    table = unit_summary(organ_id=org.organ.pk, year=2026)
    _, stats = handling_stats(organ_id=org.organ.pk, year=2026)
    assert table.total.lead + table.unassigned == stats.total
    assert (table.total.replied, table.total.on_time) == (stats.replied, stats.on_time)
    assert table.total.solved_rate == stats.solved_rate
    assert table.total.satisfaction_rate == stats.satisfaction_rate


def test_the_summary_holds_no_personal_data(client, ledgers, party_officer):  # noqa: F811
    deputy = ledgers["s1"].lead_deputy
    deputy.phone = "13800001234"
    deputy.save()
    client.force_login(party_officer)
    html = client.get(reverse("npc_summary"), {"year": 2026}).content.decode()
    assert deputy.name not in html and "13800001234" not in html
    sheet = load_workbook(io.BytesIO(client.get(reverse("npc_summary_export"), {"year": 2026}).content)).active
    cells = {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None}
    assert deputy.name not in cells and "13800001234" not in cells


def _numbers(cells: tuple) -> tuple:
    """The cells as Excel holds them: "66.7%" is the number 0.667."""
    return tuple(round(float(c[:-1]) / 100, 4) if isinstance(c, str) and c.endswith("%") else c for c in cells)


def test_the_summary_exports_to_excel_with_its_rows(client, ledgers, leader):  # noqa: F811
    client.force_login(leader)
    response = client.get(reverse("npc_summary_export"), {"year": 2026})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "2026年代表建议办理情况汇总表"
    assert [c.value for c in ws[2]][:4] == ["序号", "承办单位", "主办件数", "协办件数"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert rows[0] == (1, HOUSING, *_numbers(EXPECTED[HOUSING]))
    assert rows[1] == (2, PLANNING, *_numbers(EXPECTED[PLANNING]))
    assert rows[2][1:] == ("合计", *_numbers(TOTAL))
    assert ws["N3"].number_format == "0.0%"  # rates are numbers that sort and sum
    assert len(rows) == 3


def test_the_summary_exports_to_word_in_a4_landscape(client, ledgers, party_officer):  # noqa: F811
    client.force_login(party_officer)
    response = client.get(reverse("npc_summary_docx"), {"year": 2026})
    assert response.status_code == 200 and "docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert document.paragraphs[0].text == "2026年代表建议办理情况汇总表"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "承办单位", "主办件数"]
    # the last row holds the notes; the last column is the invisible one binding them to 合计
    assert [c.text for c in table.rows[-2].cells][1:-1] == ["合计", *(str(v) for v in TOTAL)]
    assert table.rows[-1].cells[0].text.startswith("说明：")
    assert len(table.rows) == 5


def test_an_empty_year_has_an_empty_table_and_dashes(client, ledgers, party_officer):  # noqa: F811
    client.force_login(party_officer)
    response = client.get(reverse("npc_summary"), {"year": 2024})
    assert response.context["units"] == []
    assert response.context["total"][-2:] == ("—", "—")  # a rate of nothing is not 0%


@pytest.mark.parametrize("name", READERS)
def test_every_business_role_reads_the_summary(client, persona, ledgers, name):  # noqa: F811
    client.force_login(persona(name))
    assert client.get(reverse("npc_summary"), {"year": 2026}).status_code == 200


def test_administrators_may_not_read_or_export_the_summary(client, ledgers, sysadmin):  # noqa: F811
    client.force_login(sysadmin)
    for name in ("npc_summary", "npc_summary_export", "npc_summary_docx"):
        assert client.get(reverse(name), {"year": 2026}).status_code == 403


def test_the_word_table_survives_a_control_character_stored_in_a_name():
    """A unit name stored before the input hygiene dropped control characters: the summary still builds."""
    import datetime as dt

    from qinglian.npc.exports.summary import _summary_document

    document = _summary_document(
        title="代表建议办理情况汇总表",
        headers=["序号", "承办单位", "件数"],
        rows=[(1, "市住房\x07和城乡建设局", 3), ("", "合计", 3)],
        note="",
        as_of=dt.date(2026, 11, 25),
    )
    assert document.tables[0].rows[1].cells[1].text == "市住房和城乡建设局"
