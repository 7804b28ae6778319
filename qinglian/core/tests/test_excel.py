import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column, parse_date, read_sheet, template_workbook

COLUMNS = [Column("姓名", required=True), Column("日期")]


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-01-05", dt.date(2020, 1, 5)),
        ("2020.1.5", dt.date(2020, 1, 5)),
        ("2020年1月5日", dt.date(2020, 1, 5)),
        ("20200105", dt.date(2020, 1, 5)),
        (dt.datetime(2020, 1, 5, 8), dt.date(2020, 1, 5)),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_the_ways_dates_are_written(raw, expected):
    assert parse_date(raw) == expected


def test_it_reads_a_month_only_when_asked():
    assert parse_date("2010.07", allow_month=True) == dt.date(2010, 7, 1)
    with pytest.raises(ValueError):
        parse_date("2010.07")


@pytest.mark.parametrize("raw", ["2020-13-01", "2020-02-30", "明天", 2010.1])
def test_it_refuses_impossible_or_ambiguous_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw, allow_month=True)


def test_it_names_missing_unknown_and_repeated_columns():
    with pytest.raises(InvalidInput, match="无法识别的列：籍贯"):
        read_sheet(_xlsx([["姓名", "籍贯"], ["张三", "浙江"]]), COLUMNS, max_rows=10)
    with pytest.raises(InvalidInput, match="重复的列：姓名"):
        read_sheet(_xlsx([["姓名", "姓名"], ["张三", "李四"]]), COLUMNS, max_rows=10)
    with pytest.raises(InvalidInput, match="不是有效的 Excel"):
        read_sheet(b"not a zip", COLUMNS, max_rows=10)


def test_it_skips_blank_rows_keeps_row_numbers_and_caps_rows():
    rows = read_sheet(
        _xlsx([["姓名*", "日期"], ["张三", None], [None, None], ["李四", "2020-01-01"]]), COLUMNS, max_rows=5
    )
    assert [(n, r["姓名"]) for n, r in rows.rows] == [(2, "张三"), (4, "李四")]
    with pytest.raises(InvalidInput, match="超过上限 1 行"):
        read_sheet(_xlsx([["姓名"], ["a"], ["b"]]), COLUMNS, max_rows=1)


def test_long_choice_lists_go_to_a_hidden_sheet():
    many = [f"第{i}个很长的委室名称" for i in range(40)]
    wb = template_workbook("模板", [Column("委室", choices=many), Column("性别", choices=["男", "女"])], ["说明"])
    wb = load_workbook(io.BytesIO(_save(wb)))
    formulas = [dv.formula1 for dv in wb["模板"].data_validations.dataValidation]
    assert formulas[0] == "'下拉选项'!$A$1:$A$40" and formulas[1] == '"男,女"'
    assert wb["下拉选项"].sheet_state == "hidden"


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
