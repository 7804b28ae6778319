"""Writes of the public-opinion register (舆情). The party-affairs office (机关党委) keeps it: it registers an event
(when it was found, how serious, where from, the responsible unit and person, the outlet it concerns), records the
first response and the report upward with their moments, notes how it is being handled, closes it, reopens it for
a reason, and withdraws a row entered in error. Every change stays in the row's history; a withdrawal goes to the
audit log. Nothing is deleted for real.

What may happen in which status is one table (MOVES), checked in one place (`_move`): an open event is corrected,
answered, reported and noted; a closed one is only reopened (or withdrawn). The first response and the report
upward are recorded once: they are what IDEO-040/041 time, so a recorded moment is not moved afterwards — a wrong
one is withdrawn with the row and registered again, the history keeping both.

The facts of a moment are checked the same way by the forms, the API and the import (`check_found`,
`check_response`, `check_report`, `check_close`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.ideology.choices import OpinionLevel, OpinionSource, OpinionStatus
from qinglian.ideology.models import OpinionEvent, Outlet
from qinglian.ideology.permissions import can_keep_register
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

REFUSAL = "只有机关党委可以登记和处置舆情"
OPEN, CLOSED = OpinionStatus.OPEN, OpinionStatus.CLOSED


@dataclass(frozen=True)
class Move:
    """One thing that may be done to an event: in which statuses, and the status it leaves (None: unchanged)."""

    label: str
    sources: frozenset[str]
    target: str | None = None


MOVES: dict[str, Move] = {
    "edit": Move("修改舆情登记", frozenset({OPEN})),
    "respond": Move("登记首次响应", frozenset({OPEN})),
    "report": Move("登记向上级报告", frozenset({OPEN})),
    "handle": Move("登记处置情况", frozenset({OPEN})),
    "close": Move("办结", frozenset({OPEN}), CLOSED),
    "reopen": Move("重新打开", frozenset({CLOSED}), OPEN),
    "delete": Move("删除", frozenset({OPEN, CLOSED})),
}


def moves_for(event: OpinionEvent) -> set[str]:
    """The moves the event's status allows (the pages show these buttons; the services check again)."""
    done = {"respond": event.first_response_at is not None, "report": event.reported_at is not None}
    return {name for name, m in MOVES.items() if event.status in m.sources and not done.get(name, False)}


def _move(event: OpinionEvent, name: str) -> Move:
    move = MOVES[name]
    if event.status not in move.sources:
        raise Conflict(f"该舆情{OpinionStatus(event.status).label}，不能{move.label}")
    return move


# --- the facts, shared with the forms and the import -----------------------------------------------------------


def local(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def check_found(found_at: dt.datetime | None) -> None:
    if found_at is None:
        raise InvalidInput("请填写发现时间")
    if found_at > clock.now():
        raise InvalidInput("发现时间不能晚于现在")


def check_response(found_at: dt.datetime, at: dt.datetime | None, measure: str) -> None:
    if at is None:
        raise InvalidInput("请填写首次响应时间")
    if at < found_at:
        raise InvalidInput(f"首次响应时间不能早于发现时间（{local(found_at)}）")
    if at > clock.now():
        raise InvalidInput("首次响应时间不能晚于现在")
    if not (measure or "").strip():
        raise InvalidInput("请填写首次响应措施")
    if len(measure.strip()) > 300:
        raise InvalidInput("首次响应措施过长，最多300字")


def check_report(found_at: dt.datetime, at: dt.datetime | None, to: str) -> None:
    if at is None:
        raise InvalidInput("请填写报告时间")
    if at < found_at:
        raise InvalidInput(f"报告时间不能早于发现时间（{local(found_at)}）")
    if at > clock.now():
        raise InvalidInput("报告时间不能晚于现在")
    if not (to or "").strip():
        raise InvalidInput("请填写报告对象，如：市委宣传部")
    if len(to.strip()) > 100:
        raise InvalidInput("报告对象过长，最多100字")


def check_close(found_at: dt.datetime, closed_on: dt.date | None, handling: str, responded: bool) -> None:
    if not responded:
        raise InvalidInput("尚未登记首次响应，不能办结")
    if closed_on is None:
        raise InvalidInput("请填写办结日期")
    found_on = timezone.localdate(found_at)
    if closed_on < found_on:
        raise InvalidInput(f"办结日期不能早于发现日期（{found_on:%Y-%m-%d}）")
    if closed_on > clock.today():
        raise InvalidInput("办结日期不能晚于今天")
    if not (handling or "").strip():
        raise InvalidInput("请填写处置情况后再办结")


def check_people(organ_id: int, unit_id: int | None, person: Person | None, outlet_id: int | None) -> None:
    """The unit is one of the organ's own 委室; the responsible person (optional) an active person of the organ
    outside the stationed group; the outlet (optional) one of the organ's."""
    if unit_id is None or not Unit.objects.filter(pk=unit_id, organ_id=organ_id, kind=UnitKind.INTERNAL).exists():
        raise InvalidInput("请选择本机关的责任委室")
    if person is not None:
        if person.organ_id != organ_id or person.deleted_at is not None:
            raise InvalidInput("责任人须为本机关人员")
        if not person.is_active:
            raise InvalidInput(f"{person.name}已不在职，不能作为责任人")
        if person.unit.kind == UnitKind.STATIONED:
            raise InvalidInput("派驻纪检监察组人员不能作为责任人")
    if outlet_id is not None and not Outlet.objects.filter(pk=outlet_id, organ_id=organ_id).exists():
        raise InvalidInput("涉及阵地不存在")


# --- the writes ------------------------------------------------------------------------------------------------


def _keeper(by: Any, organ_id: int | None) -> int:
    """The caller's organ, when the caller keeps the register and the event is (or will be) of it."""
    if not can_keep_register(by):
        raise Forbidden(REFUSAL)
    own = scope_of(by).organ_id
    if organ_id is not None and organ_id != own:
        raise Forbidden("不能修改其他机关的记录")
    return own


def _current(event: OpinionEvent, name: str) -> OpinionEvent:
    current = OpinionEvent.all_objects.select_for_update().filter(pk=event.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该舆情记录已删除")
    _move(current, name)
    return current


def _save(event: OpinionEvent, by: Any, reason: str) -> OpinionEvent:
    event._change_reason = reason[:100]  # type: ignore[attr-defined]
    return save_checked(event, by=by)


def _copy(target: OpinionEvent, source: OpinionEvent, *names: str) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))


@transaction.atomic
def event_save(*, event: OpinionEvent, by: Any, reason: str = "") -> OpinionEvent:
    """Register an event, or correct an open one's particulars (title, source, level, found_at, content, unit,
    responsible person, outlet). Its response, report, handling and status are the other services'."""
    event.organ_id = _keeper(by, event.organ_id)
    event.title = " ".join((event.title or "").split())
    event.summary = (event.summary or "").strip()
    if not event.title:
        raise InvalidInput("请填写舆情标题")
    if not event.summary:
        raise InvalidInput("请填写舆情内容")
    if event.source not in OpinionSource.values:
        raise InvalidInput("请选择来源")
    if event.level not in OpinionLevel.values:
        raise InvalidInput("请选择等级")
    check_found(event.found_at)
    check_people(event.organ_id, event.unit_id, event.responsible, event.outlet_id)
    if event.pk is None:
        event.status, event.closed_on = OPEN, None
        event.first_response_at, event.first_response = None, ""
        event.reported_upward, event.reported_at, event.reported_to = False, None, ""
        event.handling = (event.handling or "").strip()
        return _save(event, by, reason or "登记舆情")
    current = _current(event, "edit")
    for moment, what in ((current.first_response_at, "首次响应"), (current.reported_at, "向上级报告")):
        if moment is not None and event.found_at > moment:
            raise InvalidInput(f"发现时间不能晚于已登记的{what}时间（{local(moment)}）")
    _copy(event, current, "status", "closed_on", "first_response_at", "first_response", "handling")
    _copy(event, current, "reported_upward", "reported_at", "reported_to")
    return _save(event, by, reason or "修改舆情登记")


@transaction.atomic
def event_respond(
    *, event: OpinionEvent, at: dt.datetime | None, measure: str, by: Any, reason: str = ""
) -> OpinionEvent:
    """The first response: when and what was done (回应、删帖申请、澄清说明、约谈当事人…). Recorded once."""
    _keeper(by, event.organ_id)
    current = _current(event, "respond")
    if current.first_response_at is not None:
        raise Conflict(f"已于{local(current.first_response_at)}登记首次响应")
    check_response(current.found_at, at, measure)
    current.first_response_at, current.first_response = at, measure.strip()
    saved = _save(current, by, reason or "登记首次响应")
    _copy(event, saved, "first_response_at", "first_response")
    return saved


@transaction.atomic
def event_report(*, event: OpinionEvent, at: dt.datetime | None, to: str, by: Any, reason: str = "") -> OpinionEvent:
    """The report upward (向上级报告): when and to whom. Recorded once."""
    _keeper(by, event.organ_id)
    current = _current(event, "report")
    if current.reported_at is not None:
        raise Conflict(f"已于{local(current.reported_at)}登记向上级报告")
    check_report(current.found_at, at, to)
    current.reported_upward, current.reported_at, current.reported_to = True, at, to.strip()
    saved = _save(current, by, reason or "登记向上级报告")
    _copy(event, saved, "reported_upward", "reported_at", "reported_to")
    return saved


@transaction.atomic
def event_handle(*, event: OpinionEvent, handling: str, by: Any, reason: str = "") -> OpinionEvent:
    """How the event is being handled (核查、澄清、整改、回访…): the text as it now stands; the history keeps the
    earlier ones."""
    _keeper(by, event.organ_id)
    current = _current(event, "handle")
    handling = (handling or "").strip()
    if not handling:
        raise InvalidInput("请填写处置情况")
    current.handling = handling
    saved = _save(current, by, reason or "登记处置情况")
    event.handling = saved.handling
    return saved


@transaction.atomic
def event_close(
    *, event: OpinionEvent, closed_on: dt.date | None, by: Any, handling: str = "", reason: str = ""
) -> OpinionEvent:
    """Close an answered event on `closed_on` with how it was handled (`handling`, or the text already noted)."""
    _keeper(by, event.organ_id)
    current = _current(event, "close")
    handling = (handling or "").strip() or current.handling
    check_close(current.found_at, closed_on, handling, current.first_response_at is not None)
    current.handling, current.closed_on, current.status = handling, closed_on, MOVES["close"].target
    saved = _save(current, by, reason or "办结")
    _copy(event, saved, "handling", "closed_on", "status")
    return saved


@transaction.atomic
def event_reopen(*, event: OpinionEvent, reason: str, by: Any) -> OpinionEvent:
    """Reopen a closed event (the opinion flared up again, the closing was premature): open, no closing date;
    the former closing date and the reason stay in its history."""
    _keeper(by, event.organ_id)
    current = _current(event, "reopen")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写重新打开的原因")
    was = current.closed_on
    current.status, current.closed_on = MOVES["reopen"].target, None
    saved = _save(current, by, f"重新打开（原办结{was:%Y-%m-%d}）：{reason}" if was else f"重新打开：{reason}")
    _copy(event, saved, "status", "closed_on")
    return saved


@transaction.atomic
def event_delete(*, event: OpinionEvent, reason: str, by: Any) -> None:
    """Withdraw a row entered in error (soft delete; the reason in its history and the audit log)."""
    _keeper(by, event.organ_id)
    current = _current(event, "delete")
    withdraw(current, by=by, reason=reason, target_repr=f"舆情事件 {current.title}")
    event.deleted_at = current.deleted_at
