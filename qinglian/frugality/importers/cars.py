"""公务用车台账导入 on the core import framework: one row per car, written through services.cars (car_save, then
car_dispose when the row has a disposal date the register has not). A car is known by its plate and purchase date:
the same car again is 无变化, or 更新 with what changed (the mileage read later, a correction). The register's own
export re-imports as it is (序号 and 状态 are read past). All or nothing: a file with one bad row writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import CarType, Energy, EntrySource
from qinglian.frugality.importers.common import FULL_WIDTH, FinanceImport, changes
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.services.cars import car_dispose, car_save, check_car

VOUCHER, UNIT, PLATE, TYPE, ENERGY, MODEL = "凭证号", "使用委室", "车牌号", "车辆类型", "能源类型", "品牌型号"
PRICE, LITRES, BOUGHT, PAID = "购置价格（元）", "排气量（升）", "购置日期", "报销日期"
MILEAGE, MILEAGE_ON, DISPOSED, NOTE = "行驶里程（公里）", "里程记录日期", "处置日期", "备注"
EXPORT_ONLY = ("序号", "状态")
TYPES = {label: value for value, label in CarType.choices}
ENERGIES = {label: value for value, label in Energy.choices}
CHECKED = ("car_type", "energy", "price", "displacement", "purchased_on", "mileage_on")
# (column, attribute) compared with the register for 无变化/更新, in the sheet's order (codes shown as labels).
COMPARED = (
    (VOUCHER, "voucher_no"),
    (UNIT, "unit_id"),
    (TYPE, "car_type"),
    (ENERGY, "energy"),
    (MODEL, "model_name"),
    (PRICE, "price"),
    (LITRES, "displacement"),
    (PAID, "paid_on"),
    (MILEAGE, "mileage"),
    (MILEAGE_ON, "mileage_on"),
    (DISPOSED, "disposed_on"),
    (NOTE, "note"),
)


def car_columns(units: list[str]) -> list[Column]:
    return [
        Column(VOUCHER, 14, required=True, note="购车记账凭证号"),
        Column(UNIT, 16, required=True, choices=units),
        Column(PLATE, 12, required=True),
        Column(TYPE, 16, required=True, choices=list(TYPES)),
        Column(ENERGY, 10, required=True, choices=list(ENERGIES)),
        Column(MODEL, 20, required=True),
        Column(PRICE, 14, required=True, note="如 118000、11.8万元"),
        Column(LITRES, 10, note="以升为单位，如 1.6；燃油车必填"),
        Column(BOUGHT, 12, required=True),
        Column(PAID, 12),
        Column(MILEAGE, 12, note="整数，只增不减"),
        Column(MILEAGE_ON, 12),
        Column(DISPOSED, 12, note="已处置（拍卖、报废、划转）的填写"),
        Column(NOTE, 24),
    ]


def car_cells(car: OfficialCar) -> tuple:
    """One car in the import's column order (the export writes these)."""
    return (
        car.voucher_no,
        car.unit.name,
        car.plate,
        car.get_car_type_display(),
        car.get_energy_display(),
        car.model_name,
        car.price,
        car.displacement,
        car.purchased_on,
        car.paid_on,
        car.mileage,
        car.mileage_on,
        car.disposed_on,
        car.note,
    )


@dataclass
class CarRow(RowPlan):
    car_id: int | None = None
    dispose: bool = False  # the row brings a disposal the register has not


class CarImport(FinanceImport[CarRow]):
    title = "公务用车台账"
    sheet = "公务用车"
    upload_noun = "公务用车台账"
    row_noun = "车辆信息"
    change_reason = "公务用车台账导入"
    refusal = "只有财务专责人员可以导入公务用车台账"
    phrases: ClassVar = {Action.CREATE: "新增 {} 辆", Action.UPDATE: "更新 {} 辆", Action.UNCHANGED: "无变化 {} 辆"}
    modes = ("all",)
    text_columns = (VOUCHER, PLATE)
    export_only = EXPORT_ONLY
    row_class = CarRow

    def columns(self) -> list[Column]:
        return car_columns(list(self._units()))

    def notes(self) -> list[str]:
        return [
            "每行填写一辆车；表头带 * 的列为必填。本页导出的公务用车台账可直接上传。",
            "同一车牌号、同一购置日期的车辆视为同一辆：内容相同的显示为“无变化”，不同的更新（行驶里程只增不减）。",
            "金额可写作 118000、118,000.00 或 11.8万元；日期不能晚于今天，里程记录日期、处置日期不能早于购置日期。",
            "任何一行有问题时整个文件不导入，请按提示修改后重新上传。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[CarRow]:
        units = self._units()
        existing = {
            (c.plate, c.purchased_on): c for c in OfficialCar.objects.filter(organ=self.organ).select_related("unit")
        }
        seen: dict[tuple[str, dt.date], int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            values = self._values(row, units)
            plan = CarRow(row=number, name=f"{values['plate']} {row.text(MODEL)}".strip(), errors=row.errors)
            if not row.errors:
                key = (values["plate"], values["purchased_on"])
                if key in seen:
                    row.error(PLATE, f"与第{seen[key]}行是同一辆车（车牌号、购置日期相同）")
                else:
                    seen[key] = number
                    plan.values = values
                    _compare(plan, existing.get(key), row, {pk: name for name, pk in units.items()})
            plans.append(plan)
        return plans

    def _values(self, row: SheetRow, units: dict[str, int]) -> dict[str, Any]:
        today = clock.today()
        values = {
            "voucher_no": row.judge_text(VOUCHER, 40, required=True),
            "unit_id": row.judge_choice(UNIT, units, required=True, noun="委室") or None,
            "plate": "".join(row.text(PLATE).split()).upper(),
            "car_type": row.judge_choice(TYPE, TYPES, required=True),
            "energy": row.judge_choice(ENERGY, ENERGIES, required=True),
            "model_name": row.judge_text(MODEL, 100, required=True),
            "price": _amount(row, PRICE),
            "displacement": _litres(row),
            "purchased_on": row.judge_date(BOUGHT, required=True, today=today),
            "paid_on": row.judge_date(PAID, today=today),
            "mileage": _whole(row, MILEAGE),
            "mileage_on": row.judge_date(MILEAGE_ON, today=today),
            "disposed_on": row.judge_date(DISPOSED, today=today),
            "note": row.judge_text(NOTE, 500),
        }
        if not values["plate"]:
            row.error(PLATE, "必填")
        elif len(values["plate"]) > 20:
            row.error(PLATE, "过长，最多20个字")
        if not row.errors:
            try:
                check_car(**{name: values[name] for name in CHECKED})
            except InvalidInput as exc:
                row.error(_column_of(exc.message), exc.message)
            if values["disposed_on"] is not None and values["disposed_on"] < values["purchased_on"]:
                row.error(DISPOSED, "处置日期不能早于购置日期")
        return values

    def write(self, row: CarRow, by: Any, result: Any) -> Action:
        v = dict(row.values)
        disposed_on = v.pop("disposed_on")
        if row.car_id is None:
            car = OfficialCar(organ=self.organ, entry_source=EntrySource.IMPORTED)
        else:
            car = OfficialCar.objects.filter(organ=self.organ, pk=row.car_id).first()
            if car is None:
                raise InvalidInput("该车辆已被他人删除，未更新")
        for name, value in v.items():
            setattr(car, name, value)
        car_save(car=car, by=by, reason=self.change_reason)
        if disposed_on is not None and car.disposed_on is None:
            car_dispose(car=car, disposed_on=disposed_on, by=by, reason=self.change_reason)
        return row.action


def _compare(plan: CarRow, car: OfficialCar | None, row: SheetRow, names: dict[int, str]) -> None:
    """新增, or against the car already registered: 无变化, or 更新 with what changes (never a lower mileage, never
    another disposal date)."""
    v = plan.values
    if car is None:
        plan.action = Action.CREATE
        return
    plan.car_id = car.pk
    if v["mileage"] < car.mileage:
        row.error(MILEAGE, f"不能少于已登记的{car.mileage}公里（里程只增不减）")
    if car.disposed_on is not None and v["disposed_on"] != car.disposed_on:
        row.error(DISPOSED, f"该车已于{car.disposed_on:%Y-%m-%d}处置，处置日期不能通过导入修改")
    if row.errors:
        plan.action = Action.ERROR
        return
    labels = {"unit_id": names, "car_type": dict(CarType.choices), "energy": dict(Energy.choices)}
    plan.changes = changes(car, v, COMPARED, labels)
    plan.action = Action.UPDATE if plan.changes else Action.UNCHANGED


def _column_of(message: str) -> str:
    """The column a refusal of `check_car` is about, for the row's error."""
    for word, header in (("排气量", LITRES), ("燃油车", LITRES), ("价格", PRICE), ("里程", MILEAGE_ON)):
        if word in message:
            return header
    return BOUGHT


def _amount(row: SheetRow, header: str) -> Decimal | None:
    try:
        value = parse_amount(row.raw(header))
    except AmountError as exc:
        row.error(header, str(exc))
        return None
    if value is None:
        row.error(header, "必填")
    return value


def _litres(row: SheetRow) -> Decimal | None:
    text = row.text(LITRES).translate(FULL_WIDTH).upper().removesuffix("L").removesuffix("升").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        row.error(LITRES, f"“{row.text(LITRES)}”不是数字，请以升为单位填写，如 1.6")
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        row.error(LITRES, "最多两位小数，如 1.6")
        return None
    return value.quantize(Decimal("0.01"))


def _whole(row: SheetRow, header: str) -> int:
    text = row.text(header).translate(FULL_WIDTH).replace(",", "").replace("，", "").strip()
    if not text:
        return 0
    if not text.isdigit():
        row.error(header, f"“{row.text(header)}”应为不小于0的整数")
        return 0
    return int(text)


CAR_PAGE = ImportPage(
    importer=CarImport,
    heading="导入公务用车台账",
    template_url="frugality_car_import_template",
    testid="car-import",
    intro="用于把财务部门的公务用车台账录入系统，或更新行驶里程：请先下载模板，每行填写一辆车；本页导出的台账可直接上传。",
    file_label="公务用车台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的车辆和存在的问题，不写入任何数据",
    name_header="车辆",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("frugality_car_list", "查看公务用车台账"),
)
