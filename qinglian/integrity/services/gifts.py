"""Writes of the gifts register (礼品登记): the recipient registers a gift they could not refuse; the
party-affairs office records when it was handed in and how it was dealt with.

No date is in the future; a gift is back at the unit and registered on or after the day it was received, and
handed in on or after that day too. The recipient corrects their registration until the office has handled the
gift; the office's own fields are never the recipient's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.integrity import permissions
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.models import Gift
from qinglian.org.models import Person
from qinglian.org.permissions import refuse_own_stake
from qinglian.org.scope import scope_of

REGISTER_ONLY = "只能登记本人收受的礼品（机关党委专责人员可代为登记）"
HANDLE_ONLY = "只有机关党委专责人员可以登记礼品上交和处理情况"
HANDLED = "该礼品已登记上交处理，不能再由本人修改，请联系机关党委"
# Handling that goes through the office: it needs the day the gift was handed in.
HANDED = (GiftHandling.HANDED_IN, GiftHandling.TRANSFERRED)


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def _person_in_organ(person_id: int | None, organ_id: int, label: str) -> None:
    if person_id is None:
        return
    if Person.all_objects.filter(pk=person_id).values_list("organ_id", flat=True).first() != organ_id:
        raise InvalidInput(f"{label}不属于本机关")


def check_gift_dates(*, received_on: dt.date | None, back_on: dt.date | None, registered_on: dt.date | None) -> None:
    """The registration's own dates (the import judges them the same way)."""
    if received_on is None:
        raise InvalidInput("请填写收受日期")
    for day, label in ((received_on, "收受日期"), (back_on, "回单位日期"), (registered_on, "登记日期")):
        _not_future(day, label)
    if back_on is not None and back_on < received_on:
        raise InvalidInput("回单位日期不能早于收受日期")
    if registered_on is not None and registered_on < received_on:
        raise InvalidInput("登记日期不能早于收受日期")


@transaction.atomic
def gift_register(*, gift: Gift, by: Any) -> Gift:
    """Register a gift (or correct the registration). `registered_on` defaults to today."""
    scope = scope_of(by)
    if not permissions.can_register_gift(by, gift.person_id):
        raise Forbidden(REGISTER_ONLY)
    if gift.organ_id is None:
        gift.organ_id = scope.organ_id
    elif gift.organ_id != scope.organ_id:
        raise Forbidden("不能修改其他机关的记录")
    officer = permissions.can_handle_gifts(by)
    if gift.pk is not None:
        current = Gift.all_objects.select_for_update().get(pk=gift.pk)
        if current.deleted_at is not None:
            raise Conflict("该礼品登记已删除")
        if not officer and (current.handling or current.handed_in_on or current.person_id != gift.person_id):
            raise Conflict(HANDLED)
        for name in ("handed_in_on", "handling", "handling_note", "received_by_id"):
            setattr(gift, name, getattr(current, name))
    else:
        gift.handed_in_on, gift.handling, gift.handling_note, gift.received_by = None, "", "", None
    if gift.person_id is None:
        raise InvalidInput("请选择受礼人")
    _person_in_organ(gift.person_id, gift.organ_id, "受礼人")
    if gift.registered_on is None:
        gift.registered_on = clock.today()
    check_gift_dates(received_on=gift.received_on, back_on=gift.back_on, registered_on=gift.registered_on)
    if gift.value is not None and Decimal(gift.value) < 0:
        raise InvalidInput("估价不能为负数")
    gift.giver = (gift.giver or "").strip()
    gift.description = (gift.description or "").strip()
    gift.occasion = (gift.occasion or "").strip()
    if not gift.giver:
        raise InvalidInput("请填写送礼人/单位")
    if not gift.description:
        raise InvalidInput("请填写礼品名称")
    return save_checked(gift, by=by)


@transaction.atomic
def gift_handle(
    *,
    gift: Gift,
    handling: str,
    handed_in_on: dt.date | None,
    handling_note: str = "",
    received_by: Person | None = None,
    by: Any,
) -> Gift:
    """The office records the handing-in and the handling. A returned gift (退还送礼人) may have no hand-in
    date; handed in or passed to finance, it must. Nobody handles their own gift."""
    if not permissions.can_handle_gifts(by):
        raise Forbidden(HANDLE_ONLY)
    current = Gift.all_objects.select_for_update().get(pk=gift.pk)
    if current.deleted_at is not None:
        raise Conflict("该礼品登记已删除")
    if current.organ_id != scope_of(by).organ_id:
        raise Forbidden("不能修改其他机关的记录")
    refuse_own_stake(by, "登记本人礼品的上交处理", responsible_people=[current.person_id])
    if handling not in GiftHandling.values:
        raise InvalidInput("请选择处理方式")
    if handling in HANDED and handed_in_on is None:
        raise InvalidInput("请填写上交日期")
    _not_future(handed_in_on, "上交日期")
    if handed_in_on is not None and handed_in_on < current.received_on:
        raise InvalidInput("上交日期不能早于收受日期")
    if received_by is None:
        received_by_id = scope_of(by).person_id
    else:
        _person_in_organ(received_by.pk, current.organ_id, "登记受理人")
        received_by_id = received_by.pk
    current.handling = handling
    current.handed_in_on = handed_in_on
    current.handling_note = (handling_note or "").strip()
    current.received_by_id = received_by_id
    if current.registered_on is None:
        current.registered_on = handed_in_on or clock.today()
    return save_checked(current, by=by)
