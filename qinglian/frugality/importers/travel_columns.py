"""The travel import's layout (the finance export's): its column headers, the labels a cell may use for a band, a
mode of transport or a class, the template's columns, and how a cell is read — dates and numbers with full-width
digits folded, amounts by amounts.parse_amount — each problem noted on the row in Chinese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from qinglian.core.excel import Column, parse_date
from qinglian.core.importing import SheetRow
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import SeatClass, TransportMode, TravelBand
from qinglian.frugality.importers.common import FULL_WIDTH

VOUCHER, TRAVELLER, TRAVELLER_UNIT, UNIT, BAND, PURPOSE = (
    "凭证号",
    "出差人",
    "所在委室",
    "承办委室",
    "出差人员级别",
    "出差事由",
)
START, END, APPROVED, APPROVER, PAID, NOTE = "出发日期", "返回日期", "审批日期", "审批人", "报销日期", "备注"
MEAL_DAYS, MEAL, LOCAL_DAYS, LOCAL, TOTAL = (
    "伙食补助天数",
    "伙食补助费（元）",
    "市内交通费天数",
    "市内交通费（元）",
    "报销合计（元）",
)
PROVINCE, CITY, ARRIVE, LEAVE, NIGHTS, LODGING = (
    "住宿省份",
    "住宿城市",
    "到达日期",
    "离开日期",
    "住宿天数（晚）",
    "住宿费（元）",
)
TICKET_ON, MODE, SEAT, FROM, TO, FARE = "乘坐日期", "交通工具", "座位/舱位", "出发地", "到达地", "票价（元）"
TRIP_COLUMNS = (TRAVELLER, TRAVELLER_UNIT, UNIT, BAND, PURPOSE, START, END, APPROVED, APPROVER)
CLAIM_COLUMNS = (MEAL_DAYS, MEAL, LOCAL_DAYS, LOCAL, PAID, TOTAL, NOTE)
STAY_COLUMNS = (PROVINCE, CITY, ARRIVE, LEAVE, NIGHTS, LODGING)
TICKET_COLUMNS = (TICKET_ON, MODE, SEAT, FROM, TO, FARE)
SHARED = (*TRIP_COLUMNS, *CLAIM_COLUMNS)  # what the rows of one voucher repeat, and must agree on

BAND_LABELS = {label: value for value, label in TravelBand.choices} | {
    "省部级": TravelBand.PROVINCIAL,
    "厅局级": TravelBand.DEPARTMENT,
    "司局级": TravelBand.DEPARTMENT,
    "其他": TravelBand.OTHER,
}
MODE_LABELS = {label: value for value, label in TransportMode.choices} | {
    "火车": TransportMode.TRAIN,
    "高铁": TransportMode.HIGH_SPEED,
    "动车": TransportMode.HIGH_SPEED,
    "飞机": TransportMode.PLANE,
    "轮船": TransportMode.SHIP,
    "其他": TransportMode.OTHER,
}
SEAT_LABELS = {label: value for value, label in SeatClass.choices} | {
    "软座": SeatClass.TRAIN_SOFT,
    "软卧": SeatClass.TRAIN_SOFT,
    "硬座": SeatClass.TRAIN_HARD,
    "硬卧": SeatClass.TRAIN_HARD,
    "商务座": SeatClass.HSR_BUSINESS,
    "一等座": SeatClass.HSR_FIRST,
    "二等座": SeatClass.HSR_SECOND,
    "头等舱": SeatClass.PLANE_FIRST,
    "公务舱": SeatClass.PLANE_BUSINESS,
    "经济舱": SeatClass.PLANE_ECONOMY,
    "其他": SeatClass.OTHER,
}


def trip_columns() -> list[Column]:
    return [
        Column(VOUCHER, 14, required=True, note="记账凭证号；同一差旅的各行凭证号相同"),
        Column(TRAVELLER, 10, required=True, note="本机关干部姓名"),
        Column(TRAVELLER_UNIT, 16, note="同名人员填写所在委室以区分"),
        Column(UNIT, 16, note="不填为出差人所在委室"),
        Column(BAND, 14, choices=[label for _, label in TravelBand.choices], note="不填按出发日的职级确定"),
        Column(PURPOSE, 24, required=True),
        Column(START, 12, required=True),
        Column(END, 12, required=True),
        Column(APPROVED, 12, note="出差审批单的批准日期"),
        Column(APPROVER, 10),
        Column(MEAL_DAYS, 8),
        Column(MEAL, 12),
        Column(LOCAL_DAYS, 8),
        Column(LOCAL, 12),
        Column(PAID, 12),
        Column(TOTAL, 12, note="可不填；填写的须等于住宿费、票价、伙食补助费、市内交通费之和"),
        Column(NOTE, 20),
        Column(PROVINCE, 10, note="住宿明细行填写"),
        Column(CITY, 10),
        Column(ARRIVE, 12),
        Column(LEAVE, 12),
        Column(NIGHTS, 8),
        Column(LODGING, 12),
        Column(TICKET_ON, 12, note="交通票据明细行填写"),
        Column(MODE, 12, choices=[label for _, label in TransportMode.choices]),
        Column(SEAT, 16, choices=[label for _, label in SeatClass.choices]),
        Column(FROM, 10),
        Column(TO, 10),
        Column(FARE, 12),
    ]


def folded(row: SheetRow, header: str) -> str:
    return row.text(header).translate(FULL_WIDTH).strip()


def read_date(row: SheetRow, header: str, *, required: bool = False, today: dt.date | None = None) -> dt.date | None:
    raw = row.raw(header)
    value = raw if isinstance(raw, dt.date) else folded(row, header)
    try:
        day = parse_date(value)
    except ValueError as exc:
        row.error(header, str(exc))
        return None
    if day is None and required:
        row.error(header, "必填")
    elif day is not None and today is not None and day > today:
        row.error(header, "不能晚于今天")
    return day


def read_amount(row: SheetRow, header: str) -> Decimal | None:
    try:
        return parse_amount(row.raw(header))
    except AmountError as exc:
        row.error(header, str(exc))
        return None


def read_count(row: SheetRow, header: str) -> int | None:
    text = folded(row, header).removesuffix("天").removesuffix("晚").strip()
    if not text:
        return None
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or int(text) > 3660:
        row.error(header, f"“{row.text(header)}”不是天数，请填写整数")
        return None
    return int(text)


def shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value)
