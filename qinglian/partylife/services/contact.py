"""Writes of the 失去联系党员 register: a member's loss of contact recorded, followed up (searches, found again,
停止党籍 by a branch meeting, 除名) and corrected or withdrawn by the office.

Two people: the branch secretary records and fills in what happens next; a date or meeting once recorded is
changed only by the party-affairs office (permissions.can_correct_lost_contact), so whoever has to act on rule
PL-020 cannot quietly move the day its months are counted from. Every version stays in the record's history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.org.models import Person
from qinglian.partylife.choices import Holder
from qinglian.partylife.models import LostContact, Meeting
from qinglian.partylife.permissions import can_correct_lost_contact, can_record_lost_contact, organ_id_of
from qinglian.partylife.selectors.contact import DECIDING_KINDS

_REFUSED = "只能登记本人任支部书记的党支部党员失去联系的情况"


@dataclass(frozen=True)
class ContactDates:
    """What a record says happened, and when (the form's fields beside the member)."""

    lost_since: dt.date
    found_on: dt.date | None = None
    suspended_on: dt.date | None = None
    suspension_meeting: Meeting | None = None
    removed_on: dt.date | None = None


# Field of ContactDates → its label, for the refusal that names what only the office may change.
_LABELS = {
    "lost_since": "失去联系日期",
    "found_on": "重新取得联系日期",
    "suspended_on": "停止党籍日期",
    "suspension_meeting": "作出停止党籍决定的会议",
    "removed_on": "除名日期",
}


def _day(day: dt.date) -> str:
    return f"{day:%Y年%m月%d日}"


def _check_dates(d: ContactDates, searches: str) -> None:
    today = clock.today()
    for name in ("lost_since", "found_on", "suspended_on", "removed_on"):
        day = getattr(d, name)
        if day is not None and day > today:
            raise InvalidInput(f"{_LABELS[name]}不能晚于今天")
    if d.found_on and d.found_on < d.lost_since:
        raise InvalidInput("重新取得联系日期不能早于失去联系日期")
    if d.suspended_on and d.suspended_on < d.lost_since:
        raise InvalidInput("停止党籍日期不能早于失去联系日期")
    if d.found_on and d.suspended_on and d.suspended_on > d.found_on:
        raise InvalidInput(f"已于{_day(d.found_on)}重新取得联系，不能在此之后停止党籍")
    if d.removed_on and not d.suspended_on:
        raise InvalidInput("除名须在停止党籍之后：请先登记停止党籍日期")
    if d.removed_on and d.suspended_on and d.removed_on < d.suspended_on:
        raise InvalidInput("除名日期不能早于停止党籍日期")
    if d.removed_on and d.found_on:
        raise InvalidInput("重新取得联系日期和除名日期只能填写一个：已取得联系的不再除名，已除名的不再登记取得联系")
    if d.suspended_on and not searches.strip():
        # 条例第二十四条: only a member "通过各种方式查找仍然没有取得联系" may be suspended.
        raise InvalidInput("停止党籍前须登记查找情况（何时、通过何种方式查找仍未取得联系）")


def _check_meeting(d: ContactDates, organ_id: int) -> None:
    meeting = d.suspension_meeting
    if meeting is None:
        return
    if d.suspended_on is None:
        raise InvalidInput("登记作出停止党籍决定的会议，须同时填写停止党籍日期")
    if meeting.organ_id != organ_id or meeting.holder != Holder.BRANCH or meeting.kind not in DECIDING_KINDS:
        raise InvalidInput("作出停止党籍决定的会议应为本机关党支部的党员大会或支部委员会会议")
    if meeting.date > d.suspended_on:
        raise InvalidInput(f"作出决定的会议（{_day(meeting.date)}）不能晚于停止党籍日期")
    if meeting.date < d.lost_since:
        raise InvalidInput(f"作出决定的会议（{_day(meeting.date)}）不能早于失去联系日期")


def _check_one_open(organ_id: int, person: Person, d: ContactDates, *, exclude: int | None = None) -> None:
    """One open record per member: a second loss of contact is recorded once the first is closed."""
    if d.found_on is not None or d.removed_on is not None:
        return
    other = (
        LostContact.objects.filter(organ_id=organ_id, person=person, found_on__isnull=True, removed_on__isnull=True)
        .exclude(pk=exclude)
        .first()
    )
    if other is not None:
        raise InvalidInput(f"{person.name}已有{_day(other.lost_since)}起未结的失去联系记录，请在原记录上登记")


def _apply(record: LostContact, d: ContactDates, searches: str, note: str) -> None:
    record.lost_since, record.found_on, record.removed_on = d.lost_since, d.found_on, d.removed_on
    record.suspended_on, record.suspension_meeting = d.suspended_on, d.suspension_meeting
    record.searches, record.note = searches.strip(), note.strip()


@transaction.atomic
def lost_contact_add(
    *, person: Person, dates: ContactDates, by: Any, searches: str = "", note: str = ""
) -> LostContact:
    """Record that the branch lost touch with a member on `dates.lost_since`. A case already further on (found
    again, suspended, removed) may be entered with its later dates at once: the register is back-filled."""
    organ_id = organ_id_of(by)
    if not can_record_lost_contact(by, person):
        raise Forbidden(_REFUSED)
    if person.organ_id != organ_id or person.deleted_at is not None:
        raise InvalidInput(f"{person.name}不是本机关人员")
    # A member already removed may since have been entered as 群众: their case is still recorded as it went.
    if not person.is_party_member and dates.removed_on is None:
        raise InvalidInput(f"{person.name}不是中共党员（含预备党员），不能登记失去联系")
    _check_dates(dates, searches)
    _check_meeting(dates, organ_id)
    _check_one_open(organ_id, person, dates)
    record = LostContact(organ_id=organ_id, person=person)
    _apply(record, dates, searches, note)
    return save_checked(record, by=by)


def _recorded_changes(record: LostContact, d: ContactDates) -> list[str]:
    """Labels of the values already on the record that `d` changes or clears (filling a blank is not a change)."""
    changed = []
    for field in fields(ContactDates):
        name = field.name
        old = record.suspension_meeting_id if name == "suspension_meeting" else getattr(record, name)
        new = getattr(d, name)
        new = new.pk if name == "suspension_meeting" and new is not None else new
        if old is not None and new != old:
            changed.append(_LABELS[name])
    return changed


@transaction.atomic
def lost_contact_update(
    *, record: LostContact, dates: ContactDates, by: Any, searches: str = "", note: str = ""
) -> LostContact:
    """Follow a case up: the branch secretary adds the searches and fills in what happened (found again, the
    suspension and its meeting, the removal); changing or clearing a date or the meeting already recorded is a
    correction, which only the office makes."""
    if not can_record_lost_contact(by, record.person):
        raise Forbidden(_REFUSED)
    changed = _recorded_changes(record, dates)
    if changed and not can_correct_lost_contact(by):
        raise Forbidden(f"已登记的{'、'.join(changed)}只能由机关党委专责人员更正")
    _check_dates(dates, searches)
    _check_meeting(dates, record.organ_id)
    _check_one_open(record.organ_id, record.person, dates, exclude=record.pk)
    _apply(record, dates, searches, note)
    return save_checked(record, by=by)


@transaction.atomic
def lost_contact_delete(*, record: LostContact, by: Any, reason: str) -> None:
    """Withdraw a record entered in error (the office only). It stays in history; the reason goes to the audit log."""
    if not can_correct_lost_contact(by):
        raise Forbidden("只有机关党委专责人员可以删除失去联系党员记录")
    withdraw(record, by=by, reason=reason, target_repr=f"{record.person.name} {_day(record.lost_since)}起失去联系")
