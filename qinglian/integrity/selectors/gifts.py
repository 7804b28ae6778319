"""Reads of the gifts register (礼品登记). Every list starts from `visible_to(user)`; the due date is INT-060's
with the parameters in force today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.core import clock
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.models import Gift
from qinglian.integrity.permissions import can_handle_gifts
from qinglian.integrity.rules.gifts import gift_done_on, gift_due
from qinglian.integrity.selectors.inquiries import rule_values
from qinglian.org.scope import scope_of

HANDLING_FILTERS = [("pending", "未处理"), *GiftHandling.choices]


@dataclass(frozen=True)
class GiftState:
    due: dt.date
    done_on: dt.date | None
    today: dt.date

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.today > self.due

    @property
    def label(self) -> str:
        if self.late:
            return "逾期上交"
        if self.done_on is not None:
            return "已按期上交"
        return "逾期未上交" if self.overdue else "待上交"

    @property
    def css(self) -> str:
        if self.late or self.overdue:
            return "danger"
        return "success" if self.done_on is not None else "warning"


def gift_state(gift: Gift, months: int, today: dt.date | None = None) -> GiftState:
    done = gift_done_on(gift.handling, gift.registered_on, gift.handed_in_on)
    return GiftState(gift_due(gift.received_on, gift.back_on, months), done, today or clock.today())


def with_states(user: Any, rows: list[Gift]) -> list[Gift]:
    months = int(rule_values("INT-060", scope_of(user).organ_id).get("register_months", 1))
    for gift in rows:
        gift.state = gift_state(gift, months)
    return rows


def gift_list(
    user: Any,
    *,
    year: int | None = None,
    unit_id: int | None = None,
    person_id: int | None = None,
    handling: str = "",
) -> QuerySet[Gift]:
    qs = Gift.objects.visible_to(user).select_related("person", "person__unit", "received_by")
    if year is not None:
        qs = qs.filter(received_on__year=year)
    if unit_id is not None:
        qs = qs.filter(person__unit_id=unit_id)
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    if handling == "pending":
        qs = qs.filter(handling="")
    elif handling:
        qs = qs.filter(handling=handling)
    return qs.order_by("-received_on", "-id")


def own_gifts(user: Any) -> list[Gift]:
    """The cadre's own registered gifts, newest first (their card)."""
    person_id = scope_of(user).person_id
    if person_id is None:
        return []
    return with_states(user, list(gift_list(user, person_id=person_id)[:20]))


def gifts_to_handle(user: Any) -> list[Gift]:
    """Gifts registered but not yet handled, for the party-affairs office's to-do, oldest first. Their own gifts
    are someone else's to handle."""
    if not can_handle_gifts(user):
        return []
    me = scope_of(user).person_id
    qs = gift_list(user).filter(Q(handling="")).exclude(person_id=me).order_by("received_on", "id")
    return with_states(user, list(qs))
