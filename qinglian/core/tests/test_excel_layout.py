"""Every export as a reader opens and prints it (issue #14): moments as Beijing-time date-times and rates as numbers,
each with its format, long text wrapped, and a print set-up — A4 across one page's width, landscape when wide,
the header row on every page, the title and export time in the page header, "第 n 页 共 m 页" in the footer.
Read back from the saved workbook with openpyxl; the formula escaping stays (test_excel_safety.py)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from qinglian.core.excel import DATE_FORMAT, DATETIME_FORMAT, Column, Percent, build_workbook

UTC_MOMENT = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)  # 17:00 in Beijing


def _reread(wb: Workbook):
    buffer = io.BytesIO()
    wb.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


def test_a_moment_is_a_beijing_date_time_and_a_date_a_date_each_with_its_format():
    columns = [Column("时间", 16), Column("日期", 12), Column("本地时间", 16)]
    ws = _reread(build_workbook("台账", columns, [[UTC_MOMENT, dt.date(2026, 3, 3), dt.datetime(2026, 3, 4, 8, 30)]]))
    moment, day, naive = ws[3]
    assert moment.value == dt.datetime(2026, 3, 3, 17, 0)  # not "2026-03-03 09:00:00+00:00", not text
    assert moment.is_date and moment.number_format == DATETIME_FORMAT
    assert day.value == dt.datetime(2026, 3, 3) and day.number_format == DATE_FORMAT
    assert naive.value == dt.datetime(2026, 3, 4, 8, 30)  # a naive value is taken as already local


def test_a_column_may_ask_for_seconds_and_a_narrow_date_column_is_widened_not_hashed():
    columns = [Column("时间", 8, number_format="yyyy-mm-dd hh:mm:ss")]
    ws = _reread(build_workbook("审计日志", columns, [[UTC_MOMENT]]))
    assert ws["A3"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws.column_dimensions["A"].width >= len("2026-03-03 17:00:00")  # Excel shows "####" when narrower


def test_a_rate_is_a_number_with_a_percent_format_and_nothing_counted_is_a_dash():
    rates = [Percent.of(Decimal("66.7")), Percent.of(None), Percent(Decimal("0.015"), text="1.5%")]
    ws = _reread(build_workbook("汇总", [Column("满意率"), Column("解决率"), Column("比例")], [rates]))
    rate, none, dues = ws[3]
    assert rate.value == 0.667 and rate.data_type == "n" and rate.number_format == "0.0%"
    assert none.value == "—" and none.number_format == "General"
    assert dues.value == 0.015
    assert str(rates[0]) == "66.7%" and rates[0] == "66.7%"  # the page and Word print it as text


def test_long_text_wraps_and_short_text_stays_on_one_line():
    long_text = "按照党风廉政建设责任制的要求认真开展廉政风险排查" * 2
    ws = _reread(build_workbook("台账", [Column("内容", 20), Column("状态", 8)], [[long_text, "推进中"]]))
    assert ws["A3"].alignment.wrap_text is True
    assert not ws["B3"].alignment.wrap_text
    ws = _reread(build_workbook("台账", [Column("内容", 40)], [["第一行\n第二行"]]))
    assert ws["A3"].alignment.wrap_text is True  # a line break shows only in a wrapped cell


def test_the_sheet_prints_across_one_page_with_its_header_row_page_numbers_and_export_time():
    ws = _reread(build_workbook("委室名单", [Column("名称", 30), Column("人数", 10)], [["办公室", 5]]))
    assert ws.page_setup.orientation == "portrait"  # narrow: portrait
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0  # as many pages down as the rows need
    assert ws.print_title_rows == "$2:$2"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.oddHeader.left.text == "委室名单"
    assert ws.oddHeader.right.text.startswith("导出时间：20")


def test_a_wide_sheet_prints_landscape_and_an_ampersand_in_the_title_prints_as_itself():
    columns = [Column(f"列{i}", 14) for i in range(10)]
    ws = _reread(build_workbook("A&B台账", columns, [list(range(10))]))
    assert ws.page_setup.orientation == "landscape"
    assert ws.oddHeader.left.text == "A&&B台账"  # "&B" would switch to bold in the header
