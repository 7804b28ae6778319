"""Writes of the official car register (公务用车): the finance officer registers a car or corrects it, records its
disposal (处置: the car leaves the register, the row stays), or withdraws a row entered in error (soft delete with a
reason). Nothing is deleted for real.

A car's own facts are checked the same way by the form, the API and the import (`check_car`): a price above zero,
a displacement in litres above 0 and under 10, a fuel car with its displacement, no date in the future, the mileage
read on or after the purchase. On a correction the mileage never goes down: the odometer does not run backwards.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.frugality.choices import CarType, Energy
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of

REFUSAL = "只有财务专责人员可以登记和修改公务用车台账"
MAX_LITRES = Decimal(10)  # no official car has 10 L: a figure that large was typed in millilitres or cc


def check_car(
    *,
    car_type: str,
    energy: str,
    price: Decimal | None,
    displacement: Decimal | None,
    purchased_on: dt.date | None,
    mileage_on: dt.date | None,
) -> None:
    """A car's own facts (the import judges its rows by the same function)."""
    today = clock.today()
    if car_type not in CarType.values:
        raise InvalidInput("请选择车辆类型")
    if energy not in Energy.values:
        raise InvalidInput("请选择能源类型")
    if price is None or price <= 0:
        raise InvalidInput("请填写购置价格（元），应大于0")
    if displacement is not None and not 0 < displacement < MAX_LITRES:
        raise InvalidInput("排气量以升为单位，应大于0且小于10，如 1.6")
    if displacement is None and energy == Energy.FUEL:
        raise InvalidInput("燃油车须填写排气量（升）")
    if purchased_on is None:
        raise InvalidInput("请填写购置日期")
    if purchased_on > today:
        raise InvalidInput("购置日期不能晚于今天")
    if mileage_on is not None and mileage_on < purchased_on:
        raise InvalidInput("里程记录日期不能早于购置日期")
    if mileage_on is not None and mileage_on > today:
        raise InvalidInput("里程记录日期不能晚于今天")


def _keeper(by: Any, organ_id: int | None) -> int:
    """The caller's organ, when they keep its ledgers and the car is (or will be) of it."""
    if not can_keep_ledgers(by):
        raise Forbidden(REFUSAL)
    own = scope_of(by).organ_id
    if organ_id is not None and organ_id != own:
        raise Forbidden("不能修改其他机关的记录")
    return own


def _current(car: OfficialCar) -> OfficialCar:
    current = OfficialCar.all_objects.select_for_update().filter(pk=car.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该公务用车记录已删除")
    return current


@transaction.atomic
def car_save(*, car: OfficialCar, by: Any, reason: str = "") -> OfficialCar:
    """Register a car or correct one (`reason` for its history: an import names itself). Its disposal is
    `car_dispose`'s: a correction keeps the recorded one."""
    car.organ_id = _keeper(by, car.organ_id)
    car.plate = "".join((car.plate or "").split()).upper()
    car.model_name = (car.model_name or "").strip()
    if not car.plate:
        raise InvalidInput("请填写车牌号")
    if not car.model_name:
        raise InvalidInput("请填写品牌型号")
    if car.unit_id is None or not Unit.objects.filter(pk=car.unit_id, organ_id=car.organ_id).exists():
        raise InvalidInput("请选择本机关的委室")
    check_car(
        car_type=car.car_type,
        energy=car.energy,
        price=car.price,
        displacement=car.displacement,
        purchased_on=car.purchased_on,
        mileage_on=car.mileage_on,
    )
    if car.pk is None:
        car.disposed_on = None
    else:
        current = _current(car)
        if car.mileage < current.mileage:
            raise InvalidInput(f"行驶里程不能少于已登记的{current.mileage}公里（里程只增不减）")
        car.disposed_on, car.entry_source = current.disposed_on, current.entry_source
    registered = OfficialCar.objects.filter(organ_id=car.organ_id, plate=car.plate, disposed_on__isnull=True)
    if car.disposed_on is None and registered.exclude(pk=car.pk).exists():
        raise Conflict(f"车牌号{car.plate}已在公务用车台账中（尚未处置）")
    car._change_reason = reason or ("登记公务用车" if car.pk is None else "修改公务用车")  # type: ignore[attr-defined]
    return save_checked(car, by=by)


@transaction.atomic
def car_dispose(*, car: OfficialCar, disposed_on: dt.date | None, by: Any, reason: str = "") -> OfficialCar:
    """The car leaves the register on `disposed_on` (拍卖、报废、划转…); the row and its history stay."""
    _keeper(by, car.organ_id)
    current = _current(car)
    if current.disposed_on is not None:
        raise Conflict(f"该车已于{current.disposed_on:%Y-%m-%d}处置")
    if disposed_on is None:
        raise InvalidInput("请填写处置日期")
    if disposed_on < current.purchased_on:
        raise InvalidInput("处置日期不能早于购置日期")
    if disposed_on > clock.today():
        raise InvalidInput("处置日期不能晚于今天")
    current.disposed_on = disposed_on
    current._change_reason = f"处置：{reason.strip()}"[:100] if reason.strip() else "处置"  # type: ignore[attr-defined]
    save_checked(current, by=by)
    car.disposed_on = current.disposed_on
    return current


@transaction.atomic
def car_delete(*, car: OfficialCar, by: Any, reason: str) -> None:
    """Withdraw a row entered in error (soft delete, the reason in its history and the audit log). A car that
    left the register is disposed of, not deleted."""
    _keeper(by, car.organ_id)
    current = _current(car)
    withdraw(current, by=by, reason=reason, target_repr=f"公务用车 {current.plate}")
    car.deleted_at = current.deleted_at
