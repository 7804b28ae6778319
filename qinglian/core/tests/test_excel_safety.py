"""Every export's cells are text that was typed, never a live formula, and a control character stored long ago
(before input was cleaned) does not break an export. Checked by reading the saved workbook back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from qinglian.core.excel import Column, add_sheet, build_workbook, template_workbook

HOSTILE = ['=HYPERLINK("http://x","点此")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def _reread(wb: Workbook):
    buffer = io.BytesIO()
    wb.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_it_writes_text_that_starts_like_a_formula_as_quoted_text():
    ws = _reread(build_workbook("台账", [Column("内容")], [[text] for text in HOSTILE])).active
    cells = [row[0] for row in ws.iter_rows(min_row=3)]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)


def test_numbers_dates_and_plain_text_stay_what_they_are():
    row = [42, -3, 2.5, dt.date(2026, 1, 5), "普通文字", "a-b=c"]
    ws = _reread(build_workbook("台账", [Column(str(i)) for i in range(len(row))], [row])).active
    cells = next(ws.iter_rows(min_row=3))
    assert [c.value for c in cells[:3]] == [42, -3, 2.5] and {c.data_type for c in cells[:3]} == {"n"}
    assert cells[3].value == dt.datetime(2026, 1, 5)
    assert [c.value for c in cells[4:]] == ["普通文字", "a-b=c"] and not any(c.quotePrefix for c in cells[4:])


def test_it_drops_control_characters_instead_of_failing():
    wb = build_workbook("含\x00标题", [Column("内容")], [["会议\x00纪要\x07", "多行\n文字\t制表"]])
    ws = _reread(wb).active
    assert ws.title == "含标题"
    assert ws["A1"].value == "含标题"
    assert [c.value for c in next(ws.iter_rows(min_row=3))] == ["会议纪要", "多行\n文字\t制表"]


def test_a_second_sheet_and_a_templates_drop_down_are_escaped_too():
    wb = build_workbook("汇总", [Column("项")], [["一"]])
    add_sheet(wb, "=明细", [Column("内容")], [["=1+1"]], name="明细")
    template = template_workbook("导入", [Column("委室", choices=["=1+1", *[f"委室{i}" for i in range(60)]])], [])
    sheet = _reread(wb)["明细"]
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("=明细", "s")
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=1+1", "s")
    choices = _reread(template)["下拉选项"]
    assert (choices["A1"].value, choices["A1"].data_type) == ("=1+1", "s")


@pytest.mark.django_db
def test_a_page_export_escapes_formulas_and_survives_a_stored_control_character(org, party_officer):
    # A control character stored before the input hygiene (openpyxl refuses them all). Not a NUL: PostgreSQL
    # cannot store one, so only SQLite could hold it; a BEL stands for them on both databases.
    org.unit_a.name = '=HYPERLINK("http://x")\x07办公室'
    org.unit_a.save()
    client = Client()
    client.force_login(party_officer)
    response = client.get(reverse("unit_list"), {"format": "xlsx"})
    assert response.status_code == 200
    names = {row[1].value: row[1] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3)}
    cell = names['=HYPERLINK("http://x")办公室']
    assert cell.data_type == "s" and cell.quotePrefix


def test_a_word_paragraph_drops_control_characters_instead_of_failing():
    from docx import Document

    from qinglian.core.word.gbt9704 import add_paragraph, new_document

    document = new_document()
    add_paragraph(document, "落实\x00责任\x07清单")
    buffer = io.BytesIO()
    document.save(buffer)
    assert [p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs if p.text] == ["落实责任清单"]
