"""Writes of the 廉政谈话 ledger: record or change a talk (with a collective talk's attendance), withdraw one
entered by mistake.

Who writes: the party-affairs office, the personnel officer and leaders (`permissions.can_record_talks`); the
talker may be anyone of the organ (a leader, the stationed group's head), the recording account is a writer.
Every refusal is Chinese and leaves nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked, stamp, withdraw
from qinglian.integrity.choices import ONE_TO_ONE_KINDS, IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk, TalkAttendance
from qinglian.integrity.permissions import can_record_talks
from qinglian.integrity.selectors.talks import EXPECTING_KINDS
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

REFUSAL = "只有机关党委、组织人事专责人员或党组成员可以登记廉政谈话"


@dataclass(frozen=True)
class AttendanceLine:
    """One person expected at a collective talk: present, or absent with the reason."""

    person_id: int
    present: bool = True
    reason: str = ""


def _own(talk: IntegrityTalk, by: Any) -> None:
    organ_id = scope_of(by).organ_id
    if talk.organ_id is None:
        talk.organ_id = organ_id
    elif talk.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")


def _check_people(talk: IntegrityTalk) -> None:
    for person in (talk.talker if talk.talker_id else None, talk.subject if talk.subject_id else None):
        if person is not None and person.organ_id != talk.organ_id:
            raise InvalidInput(f"“{person.name}”不是本机关人员")
    if talk.unit_id and talk.unit.organ_id != talk.organ_id:
        raise InvalidInput("所选委室不属于本机关")


def _check_talk(talk: IntegrityTalk, attendance: Sequence[AttendanceLine]) -> None:
    if talk.kind not in IntegrityTalkKind.values:
        raise InvalidInput("请选择谈话类型")
    if talk.date is None:
        raise InvalidInput("请填写谈话日期")
    if talk.date > clock.today():
        raise InvalidInput("谈话日期不能晚于今天（尚未开展的谈话请勿登记）")
    if talk.talker_id is None:
        raise InvalidInput("请选择谈话人")
    _check_people(talk)
    if talk.kind in ONE_TO_ONE_KINDS:
        if talk.subject_id is None:
            raise InvalidInput(f"{IntegrityTalkKind(talk.kind).label}须填写谈话对象")
        if talk.subject_id == talk.talker_id:
            raise InvalidInput("谈话人与谈话对象不能是同一人")
        if attendance:
            raise InvalidInput("一对一谈话不登记参加人员；集体廉政谈话请选择“集体廉政谈话”类型")
    else:
        if talk.subject_id is not None:
            raise InvalidInput("集体廉政谈话不填谈话对象，请在参加人员中登记")
        if talk.event_id is not None:
            raise InvalidInput("集体廉政谈话不关联个人的人事变动")
        _check_attendance(talk, attendance)
    if talk.event_id is not None:
        event = talk.event
        if event.organ_id != talk.organ_id or event.deleted_at is not None:
            raise InvalidInput("所选人事变动不存在")
        if event.person_id != talk.subject_id:
            raise InvalidInput(f"所选人事变动是{event.person.name}的，与谈话对象不一致")
        if event.kind not in EXPECTING_KINDS:
            raise InvalidInput("只有提拔、任职、转岗、调入的人事变动需要开展廉政谈话")


def _check_attendance(talk: IntegrityTalk, attendance: Sequence[AttendanceLine]) -> None:
    if not attendance:
        raise InvalidInput("集体廉政谈话须登记应参加人员（出席或缺席）")
    ids = [line.person_id for line in attendance]
    if len(set(ids)) != len(ids):
        raise InvalidInput("参加人员中有重复人员")
    if talk.talker_id in ids:
        raise InvalidInput("谈话人不列入参加人员")
    found = set(Person.all_objects.filter(organ_id=talk.organ_id, pk__in=ids).values_list("pk", flat=True))
    if found != set(ids):
        raise InvalidInput("参加人员中有非本机关人员")
    for line in attendance:
        if not line.present and not line.reason.strip():
            raise InvalidInput("缺席人员须填写缺席原因")
        if len(line.reason.strip()) > 100:
            raise InvalidInput("缺席原因最多100个字")
    if not any(line.present for line in attendance):
        raise InvalidInput("集体廉政谈话至少须有一人出席")


@transaction.atomic
def talk_save(*, talk: IntegrityTalk, by: Any, attendance: Sequence[AttendanceLine] | None = None) -> IntegrityTalk:
    """Record a talk or change one. A one-to-one talk (任前、转岗、提醒、一般性) names its subject and has no
    attendance; a collective talk names no subject and lists who was expected, present or absent with a reason
    (`attendance` replaces the list; None on an edit keeps it). A linked personnel event must be the subject's.
    The unit defaults to the subject's (or the event's new unit)."""
    if not can_record_talks(by):
        raise Forbidden(REFUSAL)
    _own(talk, by)
    if talk.pk is not None:
        current = IntegrityTalk.all_objects.select_for_update().filter(pk=talk.pk).first()
        if current is None or current.deleted_at is not None:
            raise InvalidInput("该廉政谈话已被删除，不能修改")
        if current.organ_id != talk.organ_id:
            raise Forbidden("不能修改其他机关的记录")
    lines = list(attendance or [])
    if attendance is None and talk.pk is not None and talk.kind == IntegrityTalkKind.COLLECTIVE:
        lines = [AttendanceLine(a.person_id, a.present, a.absence_reason) for a in talk.attendance.all()]
    _check_talk(talk, lines)
    if talk.unit_id is None and talk.subject_id is not None:
        talk.unit_id = (talk.event.to_unit_id if talk.event_id else None) or talk.subject.unit_id
    talk.place, talk.topic, talk.points = talk.place.strip(), talk.topic.strip(), talk.points.strip()
    if talk.pk is None:
        talk.recorded_by = by
    save_checked(talk, by=by)
    if talk.kind == IntegrityTalkKind.COLLECTIVE:
        _replace_attendance(talk, lines, by)
    else:
        for row in talk.attendance.all():  # a talk changed from collective to one-to-one
            stamp(row, by)
            row.delete()
    return talk


def _replace_attendance(talk: IntegrityTalk, lines: Sequence[AttendanceLine], by: Any) -> None:
    """Make the list read `lines`, keeping the rows of people who stay (their history shows what changed)."""
    wanted = {line.person_id: line for line in lines}
    for row in talk.attendance.all():
        line = wanted.pop(row.person_id, None)
        stamp(row, by)
        if line is None:
            row.delete()
        elif (row.present, row.absence_reason) != (line.present, "" if line.present else line.reason.strip()):
            row.present, row.absence_reason = line.present, "" if line.present else line.reason.strip()
            row.save()
    for line in wanted.values():
        row = TalkAttendance(
            talk=talk,
            person_id=line.person_id,
            present=line.present,
            absence_reason="" if line.present else line.reason.strip(),
        )
        stamp(row, by)
        row.save()


@transaction.atomic
def talk_delete(*, talk: IntegrityTalk, by: Any, reason: str) -> None:
    """Withdraw a talk entered by mistake (soft delete, with the reason in its history and the audit log)."""
    if not can_record_talks(by):
        raise Forbidden(REFUSAL)
    _own(talk, by)
    current = IntegrityTalk.all_objects.select_for_update().filter(pk=talk.pk).first()
    if current is None or current.deleted_at is not None:
        raise InvalidInput("该廉政谈话已被删除")
    withdraw(current, by=by, reason=reason, target_repr=f"廉政谈话 {current}")
    talk.deleted_at = current.deleted_at
