"""What each kind of standard table holds: its keys (a city, a band, a category — in that order on a row's
key_a/key_b/key_c) and its values, with Chinese headers for the Excel import and export and the pages.

A key column marked `wildcard` accepts "*" (其他地区 / 不区分), matched when no row names the key exactly.
A value column's kind is "decimal" (an amount or a ratio, kept as a string so nothing is rounded), "int" or
"choice" (a value of `choices`, e.g. the highest seat class a band may take) or "text" (a season's months).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from qinglian.frugality.choices import (
    CarType,
    ConferenceCategory,
    Energy,
    GuestLevel,
    LecturerTitle,
    SeatClass,
    StandardKind,
    TrainingCategory,
    TransportMode,
    TravelBand,
)

ANY = "*"  # a key that stands for 其他地区 / 不区分


@dataclass(frozen=True)
class KeySpec:
    name: str
    header: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label); empty: free text (a place name)
    wildcard: bool = False

    def label(self, value: str) -> str:
        if value == ANY:
            return "其他（不区分）"
        return dict(self.choices).get(value, value)


@dataclass(frozen=True)
class ValueSpec:
    name: str
    header: str
    unit: str = ""
    kind: Literal["decimal", "int", "choice", "text"] = "decimal"
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TableSpec:
    kind: str
    keys: tuple[KeySpec, ...]
    values: tuple[ValueSpec, ...]
    help: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return StandardKind(self.kind).label

    def value(self, name: str) -> ValueSpec:
        return next(v for v in self.values if v.name == name)


def _c(choices) -> tuple[tuple[str, str], ...]:
    return tuple((str(v), str(label)) for v, label in choices.choices)


BAND = KeySpec("band", "人员级别", _c(TravelBand))

SPECS: dict[str, TableSpec] = {
    StandardKind.LODGING: TableSpec(
        StandardKind.LODGING,
        keys=(KeySpec("province", "省份"), KeySpec("city", "城市", wildcard=True), BAND),
        values=(
            ValueSpec("cap", "住宿费限额", "元/人·天"),
            ValueSpec("peak_cap", "旺季上浮后限额", "元/人·天", required=False),
            ValueSpec("peak_months", "旺季月份", "如 7-9 或 1,2,12", kind="text", required=False),
        ),
        help="按出差目的地城市和人员级别，每人每晚住宿费上限；城市填“*”表示该省其他地区。",
    ),
    StandardKind.MEAL_ALLOWANCE: TableSpec(
        StandardKind.MEAL_ALLOWANCE,
        keys=(KeySpec("province", "省份", wildcard=True),),
        values=(ValueSpec("per_day", "伙食补助费", "元/人·天"),),
        help="按出差自然（日历）天数包干；省份填“*”表示其他地区。",
    ),
    StandardKind.LOCAL_TRANSPORT: TableSpec(
        StandardKind.LOCAL_TRANSPORT,
        keys=(KeySpec("province", "省份", wildcard=True),),
        values=(ValueSpec("per_day", "市内交通费", "元/人·天"),),
        help="按出差自然（日历）天数包干。",
    ),
    StandardKind.TRANSPORT_CLASS: TableSpec(
        StandardKind.TRANSPORT_CLASS,
        keys=(BAND, KeySpec("mode", "交通工具", _c(TransportMode))),
        values=(ValueSpec("max_class", "可乘坐的最高等级", kind="choice", choices=_c(SeatClass)),),
        help="各级别人员可乘坐的交通工具最高等级。",
    ),
    StandardKind.RECEPTION_MEAL: TableSpec(
        StandardKind.RECEPTION_MEAL,
        keys=(KeySpec("guest_level", "接待对象级别", _c(GuestLevel)),),
        values=(ValueSpec("per_head", "工作餐标准", "元/人·餐"),),
        help="工作餐每人每餐上限（含陪餐人员）。",
    ),
    StandardKind.CONFERENCE_RATE: TableSpec(
        StandardKind.CONFERENCE_RATE,
        keys=(KeySpec("category", "会议类别", _c(ConferenceCategory)),),
        values=(
            ValueSpec("per_person_day", "综合定额", "元/人·天"),
            ValueSpec("lodging", "其中住宿费", "元/人·天", required=False),
            ValueSpec("meals", "其中伙食费", "元/人·天", required=False),
            ValueSpec("other", "其中其他费用", "元/人·天", required=False),
            ValueSpec("max_days", "会期上限", "天", required=False),
            ValueSpec("max_travel_days", "报到离开天数上限", "天", required=False),
            ValueSpec("max_people", "参会人数上限", "人", kind="int", required=False),
            ValueSpec("staff_percent", "工作人员比例上限", "%", required=False),
        ),
        help="综合定额为上限，住宿、伙食、其他各项可调剂使用；会期、人数上限留空表示不限。",
    ),
    StandardKind.TRAINING_RATE: TableSpec(
        StandardKind.TRAINING_RATE,
        keys=(KeySpec("category", "培训类别", _c(TrainingCategory)),),
        values=(
            ValueSpec("per_person_day", "综合定额", "元/人·天"),
            ValueSpec("lodging", "其中住宿费", "元/人·天", required=False),
            ValueSpec("meals", "其中伙食费", "元/人·天", required=False),
            ValueSpec("venue", "其中场地资料交通费", "元/人·天", required=False),
            ValueSpec("other", "其中其他费用", "元/人·天", required=False),
        ),
        help="综合定额为上限；超过15天、30天部分的折算比例见规则参数。",
    ),
    StandardKind.LECTURER_FEE: TableSpec(
        StandardKind.LECTURER_FEE,
        keys=(KeySpec("title", "职称", _c(LecturerTitle)),),
        values=(ValueSpec("per_hour", "讲课费上限（税后）", "元/学时"),),
        help="每学时讲课费上限（税后）。",
    ),
    StandardKind.CAR_CAP: TableSpec(
        StandardKind.CAR_CAP,
        keys=(KeySpec("car_type", "车辆类型", _c(CarType)), KeySpec("energy", "能源类型", _c(Energy))),
        values=(
            ValueSpec("max_price", "价格上限", "元"),
            ValueSpec("max_displacement", "排气量上限", "升", required=False),
        ),
        help="公务用车配备的价格和排气量上限。",
    ),
    StandardKind.ABROAD_DAYS: TableSpec(
        StandardKind.ABROAD_DAYS,
        keys=(KeySpec("countries", "出访国家（地区）数", (("1", "1个"), ("2", "2个"), ("3", "3个"))),),
        values=(ValueSpec("max_days", "在外天数上限", "天", kind="int"),),
        help="含离、抵境当日。",
    ),
}


def spec(kind: str) -> TableSpec:
    return SPECS[kind]
