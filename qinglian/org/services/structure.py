"""Writes of the organisation: the organ, its units, people, 分管 and personnel events."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.writes import field_label, save_checked
from qinglian.org.choices import PARTY_STATUSES, PersonnelEventKind, UnitKind
from qinglian.org.models import (
    Organ,
    Person,
    PersonnelEvent,
    Supervision,
    Unit,
    User,
)
from qinglian.org.validators import id_number_problem, phone_problem

# --- organ and units ---------------------------------------------------------------------------


@transaction.atomic
def organ_create(*, code: str, name: str, short_name: str, region: str = "") -> Organ:
    organ = Organ(code=code, name=name, short_name=short_name, region=region)
    return save_checked(organ, by=None)


@transaction.atomic
def unit_save(*, unit: Unit, by: User | None) -> Unit:
    if unit.parent_id and unit.parent.organ_id != unit.organ_id:
        raise InvalidInput("上级委室必须属于同一机关")
    return save_checked(unit, by=by)


# --- people ------------------------------------------------------------------------------------


@transaction.atomic
def supervision_change(
    *, unit: Unit, leader: Person, start: dt.date, by: User | None
) -> tuple[Supervision, Person | None]:
    """Record that `leader` takes up the 分管 of `unit` from `start`; returns the new row and the leader it
    had before (None when nobody, or the same leader). Callers that keep per-leader duties move them with
    that answer (duty.services.tasks.supervision_change) — explicitly, not through a signal."""
    previous = (
        Supervision.objects.filter(unit=unit, start__lte=start)
        .exclude(leader=leader)
        .order_by("-start", "-id")
        .select_related("leader")
        .first()
    )
    supervision = save_checked(Supervision(organ=unit.organ, leader=leader, unit=unit, start=start), by=by)
    return supervision, (previous.leader if previous is not None else None)


# External units (承办单位: government departments handling deputies' suggestions) are not the organ's: nobody of
# the organ's staff sits in one, so neither a person's record nor a personnel event may put them there.
EXTERNAL_UNIT_REFUSED = "外部单位（如建议承办单位）不是本机关的委室，不能将本机关人员调入或归入"


def person_problems(person: Person) -> dict[str, str]:
    """Business checks beyond the field types, shared by the form, the API and the roster import."""
    problems: dict[str, str] = {}
    if person.id_number:
        problem = id_number_problem(person.id_number)
        if problem:
            problems["id_number"] = problem
    if person.phone:
        problem = phone_problem(person.phone)
        if problem:
            problems["phone"] = problem
    if person.party_status in PARTY_STATUSES:
        if person.party_joined_on and person.party_joined_on > clock.today():
            problems["party_joined_on"] = "入党时间不能晚于今天"
    elif person.party_joined_on:
        problems["party_joined_on"] = "非中共党员不应填写入党时间"
    if person.unit_id and person.unit.organ_id != person.organ_id:
        problems["unit"] = "委室不属于本机关"
    elif person.unit_id and person.unit.kind == UnitKind.EXTERNAL and person.is_active:
        # Someone not yet of the organ may be recorded in the department they come from, until their 调入.
        problems["unit"] = EXTERNAL_UNIT_REFUSED
    if person.branch_id and person.branch.organ_id != person.organ_id:
        problems["branch"] = "党支部不属于本机关"
    if person.party_group_id and person.party_group.branch_id != person.branch_id:
        problems["party_group"] = "党小组不属于所在党支部"
    return problems


@transaction.atomic
def person_save(*, person: Person, by: User | None) -> Person:
    person.id_number = (person.id_number or "").strip().upper()
    problems = person_problems(person)
    if problems:
        text = "；".join(f"{field_label(person, k)}：{v}" for k, v in problems.items())
        raise InvalidInput(text, detail=problems)
    return save_checked(person, by=by)


# What each kind of personnel event does to the person's record.
_LEAVES = {PersonnelEventKind.TRANSFER_OUT, PersonnelEventKind.RETIREMENT}


@transaction.atomic
def personnel_event_record(
    *,
    person: Person,
    kind: str,
    date: dt.date,
    by: User | None,
    to_unit: Unit | None = None,
    to_post: str = "",
    document_no: str = "",
    note: str = "",
) -> PersonnelEvent:
    """Record a 任免/调动 and apply it to the person: new unit and post, or leaving the organ.

    Later apps read these events (integrity talks for the promoted, letters for the newly arrived).
    """
    if kind not in PersonnelEventKind.values:
        raise InvalidInput("未知的人事变动类型")
    if kind in _LEAVES and to_unit is not None:
        raise InvalidInput("调出、退休无需填写新委室")
    if to_unit is not None and to_unit.kind == UnitKind.EXTERNAL:
        raise InvalidInput(EXTERNAL_UNIT_REFUSED, detail={"to_unit": EXTERNAL_UNIT_REFUSED})
    if to_unit is not None and to_unit.organ_id != person.organ_id:
        raise InvalidInput("新委室不属于本机关", detail={"to_unit": "新委室不属于本机关"})
    if date > clock.today() + dt.timedelta(days=366):
        raise InvalidInput("变动日期过远，请核对")
    event = PersonnelEvent(
        organ_id=person.organ_id,
        person=person,
        kind=kind,
        date=date,
        from_unit=person.unit,
        to_unit=to_unit,
        from_post=person.post,
        to_post=to_post,
        document_no=document_no,
        note=note,
    )
    save_checked(event, by=by)
    if kind in _LEAVES:
        person.is_active = False
    else:
        if to_unit is not None:
            person.unit = to_unit
        if to_post:
            person.post = to_post
        if kind == PersonnelEventKind.TRANSFER_IN:
            person.is_active = True
    save_checked(person, by=by)
    return event
